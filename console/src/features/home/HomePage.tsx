// Home: who is signed in, for which organization, and the sections this account can open.
import { Card, Col, Descriptions, Flex, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { firstLeaf, HOME_KEY, menuLabel } from '../../app/menus.ts';
import { useSession } from '../../app/session.tsx';
import { useLang } from '../../i18n/index.ts';

export function HomePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const { user, org, menus } = useSession();
  const kind = t(`orgKind.${org.kind}`);
  const partnerType = org.partner_type ? t(`partnerType.${org.partner_type}`) : t('partnerType.none');
  const sections = menus.filter((m) => m.key !== HOME_KEY && m.path !== '/');

  return (
    <div data-testid="home-page">
      <Card className="hb-welcome" variant="borderless">
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="home-welcome">
          {t('home.welcome', { name: user.display_name || user.name })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 12px' }}>
          {t('home.intro', { org: org.name })}
        </Typography.Paragraph>
        <Flex gap={8} wrap>
          <Tag color="blue">{kind}</Tag>
          {org.partner_type && <Tag color="geekblue">{partnerType}</Tag>}
          <Tag>{user.is_main ? t('account.mainAccount') : t('account.operator')}</Tag>
        </Flex>
      </Card>

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <Card title={t('home.organizationCard')} style={{ height: '100%' }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('home.organization')}>
                <span data-testid="home-org-name">{org.name}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('home.orgKind')}>{kind}</Descriptions.Item>
              {org.kind === 'partner' && (
                <Descriptions.Item label={t('home.partnerType')}>{partnerType}</Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('home.accountCard')} style={{ height: '100%' }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('home.account')}>
                <span data-testid="home-account">
                  {user.display_name && user.display_name !== user.name
                    ? `${user.display_name} (${user.name})`
                    : user.name}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('home.accountType')}>
                {user.is_main ? t('account.mainAccount') : t('account.operator')}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>

      <Card title={t('home.shortcuts')} style={{ marginTop: 16 }}>
        {sections.length === 0 ? (
          <Typography.Text type="secondary">{t('home.noShortcuts')}</Typography.Text>
        ) : (
          <Row gutter={[16, 16]}>
            {sections.map((section) => (
              <Col xs={24} md={12} xl={8} key={section.key}>
                <Card
                  size="small"
                  hoverable
                  title={menuLabel(section, lang)}
                  onClick={() => navigate(firstLeaf(section).path)}
                  className="hb-shortcut"
                >
                  {section.children.length > 0 ? (
                    <div className="hb-shortcut-links">
                      {section.children.map((child) => (
                        <Typography.Link
                          key={child.key}
                          onClick={(e) => {
                            e.stopPropagation();
                            navigate(firstLeaf(child).path);
                          }}
                        >
                          {menuLabel(child, lang)}
                        </Typography.Link>
                      ))}
                    </div>
                  ) : (
                    <Typography.Link>{t('home.open')}</Typography.Link>
                  )}
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </Card>
    </div>
  );
}
