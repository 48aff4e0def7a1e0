// Account drop-down at the top right: who is signed in, and the account-level entries.
import { Avatar, Button, Dropdown, Typography, theme, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSignOut } from '../api/session.ts';
import { CaretDownIcon, HomeIcon, KeyIcon, LogoutIcon } from '../components/icons.tsx';
import { homePath } from './menus.ts';
import { useSession } from './session.tsx';

export const ACCESS_KEYS_PATH = '/account/access-keys';

export function AccountMenu() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const { token } = theme.useToken();

  const items: MenuProps['items'] = [
    { key: 'home', icon: <HomeIcon />, label: t('account.partnerCenter'), 'data-testid': 'account-home' },
    { key: 'access-keys', icon: <KeyIcon />, label: t('account.accessKeys'), 'data-testid': 'account-access-keys' },
    { type: 'divider' },
    { key: 'sign-out', icon: <LogoutIcon />, label: t('account.signOut'), 'data-testid': 'sign-out' },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'home') navigate(homePath(me.menus));
    else if (key === 'access-keys') navigate(ACCESS_KEYS_PATH);
    else if (key === 'sign-out') signOut.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  };

  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{ items, onClick }}
      popupRender={(menu) => (
        <div
          className="hb-account-popup"
          style={{
            background: token.colorBgElevated,
            borderRadius: token.borderRadiusLG,
            boxShadow: token.boxShadowSecondary,
            minWidth: 240,
          }}
        >
          <div style={{ padding: '12px 16px', borderBottom: `1px solid ${token.colorSplit}` }}>
            <Typography.Text strong>{me.user.display_name}</Typography.Text>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {me.user.name} · {me.user.is_main ? t('account.mainAccount') : t('account.operator')}
              </Typography.Text>
            </div>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {me.org.name}
              </Typography.Text>
            </div>
          </div>
          {menu}
        </div>
      )}
    >
      <Button type="text" data-testid="account-menu" aria-label={t('account.menuTitle')} className="hb-account-trigger">
        <Avatar size={26} style={{ background: token.colorPrimary, fontSize: 13 }}>
          {me.user.name.slice(0, 1).toUpperCase()}
        </Avatar>
        <span className="hb-account-name">{me.user.name}</span>
        <CaretDownIcon />
      </Button>
    </Dropdown>
  );
}
