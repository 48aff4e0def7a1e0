// Routes. Fixed routes are the sign-in page and account pages; everything else is resolved
// against the navigation tree the server sent (Me.menus), so menu paths are the routes.
import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError } from '../api/errors.ts';
import { useMe } from '../api/session.ts';
import { ErrorCode } from '../components/ErrorReporter.tsx';
import { NotAvailable, NotFound } from '../components/NotAvailable.tsx';
import { AccessKeysPage } from '../features/access-keys/AccessKeysPage.tsx';
import { SignInPage } from '../features/auth/SignInPage.tsx';
import { InvitePage } from '../features/customers/InvitePage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { ChangePasswordPage } from '../features/organization/ChangePasswordPage.tsx';
import { ACCESS_KEYS_PATH } from './AccountMenu.tsx';
import { AppShell } from './AppShell.tsx';
import { findTrail, firstLeaf, homePath, isExactly } from './menus.ts';
import { pagesByMenuKey } from './pages.tsx';
import { SessionContext, useSession } from './session.tsx';

export function FullPageSpin() {
  const { t } = useTranslation();
  return (
    <div className="hb-fullpage">
      <Spin size="large" tip={t('app.loading')}>
        <div style={{ width: 120, height: 80 }} />
      </Spin>
    </div>
  );
}

/** Renders the shell for a signed-in user, or sends the visitor to the sign-in page. */
function RequireSession() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    const err = me.error;
    return (
      <div className="hb-fullpage">
        <Result
          status="error"
          title={err.message}
          subTitle={err instanceof ApiError ? <ErrorCode code={err.code} /> : undefined}
          extra={<Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>}
        />
      </div>
    );
  }
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  // The server refuses everything but this until an initial password is changed (HBN.1007).
  if (me.data.user.must_change_password) return <ChangePasswordPage />;
  return (
    <SessionContext value={me.data}>
      <AppShell />
    </SessionContext>
  );
}

function HomeRoute() {
  const { menus } = useSession();
  const target = homePath(menus);
  return target === '/' ? <HomePage /> : <Navigate to={target} replace />;
}

/** Any other path: the menu entry it belongs to decides what shows. */
function MenuRoute() {
  const { menus } = useSession();
  const { pathname } = useLocation();
  const home = homePath(menus);
  const menu = findTrail(menus, pathname).at(-1);
  if (!menu || !isExactly(menu, pathname)) return <NotFound homePath={home} />;
  const Page = pagesByMenuKey[menu.key];
  if (Page) return <Page />;
  // A section opens on its first page, as the left menu would.
  if (menu.children.length > 0) return <Navigate to={firstLeaf(menu).path} replace />;
  return <NotAvailable homePath={home} />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<SignInPage />} />
      <Route path="/invite/:code" element={<InvitePage />} />
      <Route element={<RequireSession />}>
        <Route index element={<HomeRoute />} />
        <Route path={ACCESS_KEYS_PATH} element={<AccessKeysPage />} />
        <Route path="*" element={<MenuRoute />} />
      </Route>
    </Routes>
  );
}
