// 客户管理 (menu sales.customers): customer list, association records, customer development.
import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { AssociationRecordsPanel } from './AssociationRecordsPanel.tsx';
import { CustomerListPanel } from './CustomerListPanel.tsx';
import { InvitationsPanel } from './InvitationsPanel.tsx';
import { WebhooksPanel } from './WebhooksPanel.tsx';
import { CustomerFundsPanel } from '../funds/CustomerFundsPanel.tsx';

export function CustomersPage() {
  const { t } = useTranslation();
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const can = (...codes: string[]) => codes.some((c) => me.permissions.includes(c));
  const tabs = [
    ...(can('BPC_ITEM_SUBCUSTSERV_010100', 'BPC_ITEM_SUBCUSTSERV_010130', 'BPC_ITEM_SUBCUSTSERV_010500')
      ? [{ key: 'list', label: <span data-testid="customers-list-tab">{t('customers.listTab')}</span>, children: <CustomerListPanel /> }]
      : []),
    ...(can('BPC_ITEM_SUBCUSTSERV_010100')
      ? [{ key: 'records', label: <span data-testid="customers-records-tab">{t('customers.recordsTab')}</span>, children: <AssociationRecordsPanel /> }]
      : []),
    // Customer funds (为客户调账): resale customers' balances, allocate/reclaim, batch allocation.
    ...(can('BPC_ITEM_SUBCUSTSERV_010103', 'BPC_ITEM_SUBCUSTSERV_010104')
      ? [{ key: 'funds', label: <span data-testid="customers-funds-tab">{t('funds.customerFunds')}</span>, children: <CustomerFundsPanel /> }]
      : []),
    ...(can('BPC_ITEM_SUBCUSTSERV_010107')
      ? [{ key: 'development', label: <span data-testid="customers-development-tab">{t('customers.developmentTab')}</span>, children: <InvitationsPanel /> }]
      : []),
    ...(can('BPC_ITEM_SUBCUSTSERV_010127')
      ? [{ key: 'webhooks', label: <span data-testid="customers-webhooks-tab">{t('webhooks.tab')}</span>, children: <WebhooksPanel /> }]
      : []),
  ];
  const active = tabs.some((x) => x.key === params.get('tab')) ? params.get('tab')! : tabs[0]?.key;
  return (
    <Card data-testid="customers-page">
      <PageHeader title={t('customers.title')} />
      <Tabs items={tabs} activeKey={active} destroyOnHidden onChange={(key) => setParams({ tab: key }, { replace: true })} />
    </Card>
  );
}
