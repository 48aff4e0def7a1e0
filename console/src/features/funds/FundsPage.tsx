// Funds (资金管理): balance, top-up, payment agreements, income/expense details, withdrawal.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Tabs } from 'antd';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useSession } from '../../app/session.tsx';
import { BalanceTab } from './BalanceTab.tsx';
import { TopupTab } from './TopupTab.tsx';
import { AgreementsTab } from './AgreementsTab.tsx';
import { DetailsTab } from './DetailsTab.tsx';
import { WithdrawalTab } from './WithdrawalTab.tsx';

export function FundsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const can = (...codes: string[]) => codes.some((c) => me.permissions.includes(c));
  const [tab, setTab] = useState('balance');
  const tabs = [
    { key: 'balance', label: t('funds.tabBalance'), show: true, children: <BalanceTab /> },
    { key: 'topup', label: t('funds.tabTopup'), show: can('BPC_ITEM_FINANCE_030200', 'BPC_ITEM_FINANCE_030201'), children: <TopupTab /> },
    { key: 'agreements', label: t('funds.tabAgreements'), show: can('BPC_ITEM_FINANCE_030300'), children: <AgreementsTab /> },
    { key: 'details', label: t('funds.tabDetails'), show: can('BPC_ITEM_FINANCE_030100'), children: <DetailsTab /> },
    { key: 'withdrawal', label: t('funds.tabWithdrawal'), show: can('BPC_ITEM_FINANCE_030400', 'BPC_ITEM_FINANCE_030401'), children: <WithdrawalTab /> },
  ];
  return (
    <Card data-testid="funds-page">
      <PageHeader title={t('funds.fundsTitle')} description={t('funds.fundsDescription')} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={tabs.filter((x) => x.show).map(({ key, label, children }) => ({ key, label: <span data-testid={`funds-tab-${key}`}>{label}</span>, children }))}
      />
    </Card>
  );
}
