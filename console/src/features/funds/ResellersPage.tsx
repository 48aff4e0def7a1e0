// My Cloud Resellers (我的云经销商): the master distributor's resellers with filters and paging,
// allocate (拨款) and reclaim (回收) per row, the reseller's account manager (分配/撤回/历史, the
// customers feature's dialog), and the adjustment records (调账记录). An account manager sees the
// resellers assigned to them.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Statistic, Table, Tabs, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ManagerDialog } from '../customers/dialogs.tsx';
import { AdjustRecordsPanel } from './AdjustRecordsPanel.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { MoveDialog } from './MoveDialog.tsx';
import { balanceOfType, useBalances, useResellerMove, useResellers, type MoveKind, type Reseller } from './api.ts';
import { yuanText } from './money.ts';

function ResellerBalance({ reseller }: { reseller: Reseller }) {
  const balances = useBalances(reseller.indirect_partner_id);
  return <span data-testid={`reseller-balance-${reseller.account_name}`}>{balances.data ? yuanText(balanceOfType(balances.data, 1)?.amount) : '…'}</span>;
}

export function ResellersPage() {
  const { t } = useTranslation();
  const me = useSession();
  const can = (code: string) => me.permissions.includes(code);
  const [tab, setTab] = useState('list');
  const [recordsFor, setRecordsFor] = useState<string | undefined>();
  const [query, setQuery] = useState<{ account_name?: string }>({});
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const resellers = useResellers({ ...query, offset: (page.current - 1) * page.pageSize, limit: page.pageSize });
  const own = useBalances();
  const move = useResellerMove();
  const [target, setTarget] = useState<{ reseller: Reseller; kind: MoveKind } | null>(null);
  const [managing, setManaging] = useState<Reseller | null>(null);
  const targetBalances = useBalances(target?.reseller.indirect_partner_id);
  const allocatable = yuanText(balanceOfType(own.data, 8)?.amount);
  const ownName = `${me.org.name} (${me.user.name})`;
  const partyName = (r: Reseller) => `${r.name} (${r.account_name})`;

  const columns: TableColumnsType<Reseller> = [
    { title: t('funds.resellerName'), dataIndex: 'name' },
    { title: t('funds.accountName'), dataIndex: 'account_name' },
    { title: t('funds.resellerId'), dataIndex: 'indirect_partner_id', ellipsis: true },
    { title: t('funds.contact'), render: (_, r) => [r.mobile_phone, r.email].filter(Boolean).join(' / ') || '—' },
    { title: t('funds.associatedOn'), dataIndex: 'associated_on', render: (v: string) => formatDateTime(v) },
    { title: t('funds.accountManager'), dataIndex: 'account_manager_name', render: (v: string | undefined, r) => <span data-testid={`reseller-manager-${r.account_name}`}>{v || '—'}</span> },
    { title: t('funds.balanceYuan'), align: 'right', render: (_, r) => <ResellerBalance reseller={r} /> },
    {
      title: t('funds.actions'),
      render: (_, r) => (
        <Space size={0}>
          {can('BPC_ITEM_SALES_020104') && (
            <Button type="link" size="small" onClick={() => setTarget({ reseller: r, kind: 'allocate' })} data-testid={`allocate-${r.account_name}`}>
              {t('funds.allocate')}
            </Button>
          )}
          {can('BPC_ITEM_SALES_020105') && (
            <Button type="link" size="small" onClick={() => setTarget({ reseller: r, kind: 'reclaim' })} data-testid={`reclaim-${r.account_name}`}>
              {t('funds.reclaim')}
            </Button>
          )}
          {can('BPC_ITEM_SALES_020107') && (
            <Button type="link" size="small" onClick={() => setManaging(r)} data-testid={`manager-${r.account_name}`}>
              {t('funds.accountManager')}
            </Button>
          )}
          {can('BPC_ITEM_FINANCE_040100') && (
            <Button
              type="link"
              size="small"
              onClick={() => {
                setRecordsFor(r.indirect_partner_id);
                setTab('records');
              }}
              data-testid={`records-${r.account_name}`}
            >
              {t('funds.adjustRecords')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const list = (
    <>
      {!can('BPC_ITEM_SALES_020100') && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={<span data-testid="resellers-assigned-only">{t('funds.assignedResellersOnly')}</span>} />}
      {(can('BPC_ITEM_SALES_020104') || can('BPC_ITEM_SALES_020105')) && (
        <Space size={48} style={{ marginBottom: 16 }}>
          <Statistic title={t('funds.ownAllocatable')} prefix="¥" value={allocatable} valueRender={() => <span data-testid="own-allocatable">{allocatable}</span>} />
        </Space>
      )}
      <Form
        layout="inline"
        style={{ marginBottom: 16 }}
        onFinish={(v: { account_name?: string }) => {
          setPage((p) => ({ ...p, current: 1 }));
          setQuery({ account_name: v.account_name || undefined });
        }}
      >
        <Form.Item name="account_name" label={t('funds.accountName')}>
          <Input allowClear data-testid="resellers-name" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="resellers-search">
          {t('funds.search')}
        </Button>
      </Form>
      <ErrorAlert error={resellers.error} />
      <Table<Reseller>
        rowKey="indirect_partner_id"
        size="small"
        columns={columns}
        dataSource={resellers.data?.indirect_partners ?? []}
        loading={resellers.isPending}
        pagination={{ ...page, total: resellers.data?.count ?? 0, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
      />
    </>
  );

  return (
    <Card data-testid="resellers-page">
      <PageHeader title={t('funds.resellersTitle')} description={t('funds.resellersDescription')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          setTab(key);
          if (key === 'records') setRecordsFor(undefined);
        }}
        items={[
          { key: 'list', label: t('funds.myResellers'), children: list },
          ...(can('BPC_ITEM_FINANCE_040100')
            ? [{ key: 'records', label: <span data-testid="tab-records">{t('funds.adjustRecords')}</span>, children: <AdjustRecordsPanel key={recordsFor ?? 'all'} customerId={recordsFor} /> }]
            : []),
        ]}
      />
      {managing && <ManagerDialog subject={{ kind: 'reseller', id: managing.indirect_partner_id, label: partyName(managing) }} onClose={() => setManaging(null)} />}
      {target && (
        <MoveDialog
          open
          kind={target.kind}
          from={target.kind === 'allocate' ? ownName : partyName(target.reseller)}
          to={target.kind === 'allocate' ? partyName(target.reseller) : ownName}
          available={target.kind === 'allocate' ? allocatable : targetBalances.data ? yuanText(balanceOfType(targetBalances.data, 1)?.amount) : undefined}
          submit={(amount, headers) => move.mutateAsync({ kind: target.kind, id: target.reseller.indirect_partner_id, amount, headers })}
          onClose={() => setTarget(null)}
        />
      )}
    </Card>
  );
}
