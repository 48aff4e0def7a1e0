// Left menu of the current top-level section (its children, nested as sub-menus).
import { Layout, Menu, type MenuProps } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import type { Menu as NavMenu } from '../api/types.ts';
import { useLang, type Lang } from '../i18n/index.ts';
import { findTrail, menuLabel } from './menus.ts';

type Item = NonNullable<MenuProps['items']>[number];

// Paths are unique, so they serve as antd keys and as navigation targets at once.
function toItems(menus: NavMenu[], lang: Lang): Item[] {
  return menus.map((m) =>
    m.children.length > 0
      ? { key: m.path, label: menuLabel(m, lang), children: toItems(m.children, lang) }
      : { key: m.path, label: menuLabel(m, lang), 'data-testid': `side-${m.key}` },
  );
}

export function SideMenu({ section }: { section: NavMenu }) {
  const lang = useLang();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const trail = findTrail(section.children, pathname);

  return (
    <Layout.Sider width={220} theme="light" className="hb-sider">
      <div className="hb-sider-title" data-testid="side-menu-title">{menuLabel(section, lang)}</div>
      <Menu
        key={section.key} // reopen the right groups when the section changes
        mode="inline"
        items={toItems(section.children, lang)}
        selectedKeys={trail.length ? [trail[trail.length - 1].path] : []}
        defaultOpenKeys={trail.map((m) => m.path)}
        onClick={({ key }) => navigate(key)}
        style={{ borderInlineEnd: 'none' }}
      />
    </Layout.Sider>
  );
}
