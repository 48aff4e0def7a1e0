// The top bar: product name, the top navigation from Me.menus, language switch, account menu.
import { Layout, Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useLang } from '../i18n/index.ts';
import { AccountMenu } from './AccountMenu.tsx';
import { findTrail, homePath, menuLabel } from './menus.ts';
import { useSession } from './session.tsx';

export function TopBar() {
  const { t } = useTranslation();
  const lang = useLang();
  const { menus } = useSession();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const section = findTrail(menus, pathname)[0];

  const items: MenuProps['items'] = menus.map((menu) => ({
    key: menu.key,
    label: menuLabel(menu, lang),
    'data-testid': `nav-${menu.key}`,
  }));
  const onClick: MenuProps['onClick'] = ({ key }) => {
    const menu = menus.find((m) => m.key === key);
    if (menu) navigate(menu.path);
  };

  return (
    <Layout.Header className="hb-topbar">
      <a
        className="hb-brand"
        href={homePath(menus)}
        onClick={(e) => {
          e.preventDefault();
          navigate(homePath(menus));
        }}
      >
        <span className="hb-logo" aria-hidden="true">
          伙
        </span>
        <span className="hb-product">{t('app.productName')}</span>
      </a>
      <Menu
        theme="dark"
        mode="horizontal"
        className="hb-topnav"
        selectedKeys={section ? [section.key] : []}
        items={items}
        onClick={onClick}
        disabledOverflow
        data-testid="top-nav"
      />
      <div className="hb-topbar-right">
        <LanguageSwitch onDark />
        <AccountMenu />
      </div>
    </Layout.Header>
  );
}
