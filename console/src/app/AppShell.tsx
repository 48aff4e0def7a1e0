// The signed-in frame: top bar, the section's side menu when it has one, breadcrumb, page.
import { Alert, Breadcrumb, Layout } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { useLang } from '../i18n/index.ts';
import { findTrail, menuLabel } from './menus.ts';
import { useSession } from './session.tsx';
import { SideMenu } from './SideMenu.tsx';
import { TopBar } from './TopBar.tsx';

function PasswordNotice() {
  const { t } = useTranslation();
  return (
    <div data-testid="must-change-password" style={{ marginBottom: 16 }}>
      <Alert
        type="warning"
        showIcon
        title={t('shell.mustChangePasswordTitle')}
        description={t('shell.mustChangePasswordDescription')}
      />
    </div>
  );
}

export function AppShell() {
  const me = useSession();
  const lang = useLang();
  const { pathname } = useLocation();
  const trail = findTrail(me.menus, pathname);
  const section = trail[0];
  // A breadcrumb helps only once there is more than the top item to show.
  const crumbs = trail.length > 1 ? trail.map((m) => ({ key: m.key, title: menuLabel(m, lang) })) : [];

  return (
    <Layout className="hb-shell">
      <TopBar />
      <Layout>
        {section && section.children.length > 0 && <SideMenu section={section} />}
        <Layout.Content className="hb-content">
          {crumbs.length > 0 && <Breadcrumb items={crumbs} className="hb-breadcrumb" />}
          {me.user.must_change_password && <PasswordNotice />}
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
