// Customer funds (为客户调账): resale customers' balances (batch query), allocate and reclaim per
// row, batch allocation with a result per row, and the customers' adjustment records.
//
// A tab of the customers page (sales.customers). Given no customers, it lists the partner's resale
// customers itself (POST /v2/partners/sub-customers/query, association type 2); a caller may pass
// the customers to show instead.
import { useMemo, useState } from 'react';
import { Button, Form, Input, Modal, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { AdjustRecordsPanel } from './AdjustRecordsPanel.tsx';
import { ErrorAlert, needsSecondFactor } from './ErrorAlert.tsx';
import { MoveDialog } from './MoveDialog.tsx';
import { balanceOfType, newClientToken, useBalances, useResaleCustomers, useBatchAllocate, useCustomerBalances, useCustomerMove, type BatchAnswer, type MoveKind } from './api.ts';
import { normalizeAmount, yuanText } from './money.ts';

export interface FundsCustomer {
  id: string;
  name?: string;
}

interface Row extends FundsCustomer {
  amount?: number;
  debt?: number;
  resale: boolean;
}

function BatchAllocateDialog({ customers, onClose }: { customers: FundsCustomer[]; onClose: () => void }) {
  const { t } = useTranslation();
  const batch = useBatchAllocate();
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [clientToken] = useState(newClientToken);
  const [confirming, setConfirming] = useState(false);
  const [askCode, setAskCode] = useState(false);
  const [code, setCode] = useState('');
  const [result, setResult] = useState<BatchAnswer | null>(null);
  const items = customers.map((c) => ({ customer_id: c.id, amount: normalizeAmount(amounts[c.id] ?? '') }));
  const valid = items.every((i) => i.amount !== null);
  const label = (id: string) => customers.find((c) => c.id === id)?.name ?? id;

  const run = async () => {
    try {
      setResult(await batch.mutateAsync({ items: items.map((i) => ({ customer_id: i.customer_id, amount: i.amount! })), headers: { clientToken, code: askCode ? code : undefined } }));
    } catch (e) {
      if (needsSecondFactor(e)) {
        setAskCode(true);
        setCode('');
      }
    }
  };

  return (
    <Modal
      open
      width={720}
      title={t('funds.batchAllocate')}
      onCancel={onClose}
      maskClosable={false}
      footer={
        result ? (
          <Button type="primary" onClick={onClose}>
            {t('common.close')}
          </Button>
        ) : confirming ? (
          <Space>
            <Button onClick={() => setConfirming(false)}>{t('funds.back')}</Button>
            <Button type="primary" loading={batch.isPending} disabled={askCode && !/^\d{6}$/.test(code)} onClick={() => void run()} data-testid="batch-confirm">
              {t('common.ok')}
            </Button>
          </Space>
        ) : (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" disabled={!valid} onClick={() => setConfirming(true)} data-testid="batch-next">
              {t('funds.next')}
            </Button>
          </Space>
        )
      }
    >
      {result ? (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          data-testid="batch-result"
          dataSource={[
            ...result.successes.map((s) => ({ id: s.customer_id, ok: true, text: s.transfer_id })),
            ...result.error_details.map((e) => ({ id: e.id, ok: false, text: `${e.error_msg} (${e.error_code})` })),
          ]}
          columns={[
            { title: t('funds.customer'), dataIndex: 'id', render: (id: string) => label(id) },
            { title: t('funds.result'), dataIndex: 'ok', render: (ok: boolean) => <Tag color={ok ? 'success' : 'error'}>{t(ok ? 'funds.succeeded' : 'funds.failed')}</Tag> },
            { title: `${t('funds.transId')} / ${t('funds.error')}`, dataIndex: 'text' },
          ]}
        />
      ) : confirming ? (
        <>
          <Typography.Paragraph>{t('funds.confirmBatch', { count: items.length })}</Typography.Paragraph>
          <ul>
            {items.map((i) => (
              <li key={i.customer_id}>
                {label(i.customer_id)}: ¥{i.amount}
              </li>
            ))}
          </ul>
          <ErrorAlert error={batch.error} testId="batch-error" />
          {askCode && (
            <Form.Item label={t('funds.codeLabel')} extra={t('funds.codeHelp')}>
              <Input maxLength={6} value={code} onChange={(e) => setCode(e.target.value.trim())} data-testid="batch-code" />
            </Form.Item>
          )}
        </>
      ) : (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={customers}
          columns={[
            { title: t('funds.customer'), render: (_, c) => c.name ?? c.id },
            {
              title: t('funds.allocateAmount'),
              render: (_, c) => (
                <Input
                  prefix="¥"
                  inputMode="decimal"
                  status={amounts[c.id] && !normalizeAmount(amounts[c.id]) ? 'error' : undefined}
                  value={amounts[c.id] ?? ''}
                  onChange={(e) => setAmounts((a) => ({ ...a, [c.id]: e.target.value }))}
                  data-testid={`batch-amount-${c.id}`}
                />
              ),
            },
          ]}
        />
      )}
    </Modal>
  );
}

export function CustomerFundsPanel({ customers: given }: { customers?: FundsCustomer[] }) {
  const { t } = useTranslation();
  const me = useSession();
  const can = (code: string) => me.permissions.includes(code);
  // Standalone: the partner's resale customers, with a name filter and paging.
  const [accountName, setAccountName] = useState<string | undefined>();
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const listed = useResaleCustomers({ account_name: accountName, offset: (page.current - 1) * page.pageSize, limit: page.pageSize }, !given);
  const customers = useMemo<FundsCustomer[]>(
    () => given ?? (listed.data?.customer_infos ?? []).map((c) => ({ id: c.customer_id, name: `${c.customer} (${c.account_name})` })),
    [given, listed.data],
  );
  const balances = useCustomerBalances(customers.map((c) => c.id));
  const own = useBalances();
  const move = useCustomerMove();
  const [selected, setSelected] = useState<string[]>([]);
  const [target, setTarget] = useState<{ row: Row; kind: MoveKind } | null>(null);
  const [batchOpen, setBatchOpen] = useState(false);

  const rows: Row[] = customers.map((c) => {
    const b = balances.data?.find((x) => x.customer_id === c.id);
    return { ...c, amount: b?.amount, debt: b?.debt_amount, resale: Boolean(b) };
  });
  const ownName = `${me.org.name} (${me.user.name})`;
  const allocatable = yuanText(balanceOfType(own.data, 8)?.amount);

  const columns: TableColumnsType<Row> = [
    { title: t('funds.customer'), render: (_, r) => r.name ?? '—' },
    { title: t('funds.customerId'), dataIndex: 'id', ellipsis: true },
    { title: t('funds.availableBalance'), align: 'right', render: (_, r) => (r.resale ? <span data-testid={`customer-balance-${r.id}`}>{yuanText(r.amount)}</span> : <Tag>{t('funds.notResale')}</Tag>) },
    { title: t('funds.debt'), align: 'right', render: (_, r) => (r.resale ? yuanText(r.debt) : '—') },
    {
      title: t('funds.actions'),
      render: (_, r) =>
        r.resale && (
          <Space size={0}>
            {can('BPC_ITEM_SUBCUSTSERV_010103') && (
              <Button type="link" size="small" onClick={() => setTarget({ row: r, kind: 'allocate' })} data-testid={`customer-allocate-${r.id}`}>
                {t('funds.allocate')}
              </Button>
            )}
            {can('BPC_ITEM_SUBCUSTSERV_010104') && (
              <Button type="link" size="small" onClick={() => setTarget({ row: r, kind: 'reclaim' })} data-testid={`customer-reclaim-${r.id}`}>
                {t('funds.reclaim')}
              </Button>
            )}
          </Space>
        ),
    },
  ];

  const list = (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <span>
          {t('funds.ownAllocatable')}: ¥{allocatable}
        </span>
        {!given && (
          <Input.Search
            allowClear
            placeholder={t('funds.accountName')}
            enterButton={t('funds.search')}
            style={{ width: 320 }}
            onSearch={(v) => {
              setPage((p) => ({ ...p, current: 1 }));
              setAccountName(v.trim() || undefined);
            }}
            data-testid="customer-search"
          />
        )}
        {can('BPC_ITEM_SUBCUSTSERV_010103') && (
          <Button disabled={selected.length === 0} onClick={() => setBatchOpen(true)} data-testid="batch-allocate">
            {t('funds.batchAllocate')} ({selected.length})
          </Button>
        )}
      </Space>
      <ErrorAlert error={listed.error ?? balances.error} />
      <Table<Row>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={(!given && listed.isPending) || (balances.isFetching && !balances.data)}
        pagination={given ? undefined : { ...page, total: listed.data?.count ?? 0, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (r) => ({ disabled: !r.resale }) }}
      />
    </>
  );

  return (
    <div data-testid="customer-funds">
      <Tabs
        items={[
          { key: 'customers', label: t('funds.customerFunds'), children: list },
          ...(can('BPC_ITEM_FINANCE_040100') ? [{ key: 'records', label: t('funds.adjustRecords'), children: <AdjustRecordsPanel /> }] : []),
        ]}
      />
      {target && (
        <MoveDialog
          open
          kind={target.kind}
          from={target.kind === 'allocate' ? ownName : (target.row.name ?? target.row.id)}
          to={target.kind === 'allocate' ? (target.row.name ?? target.row.id) : ownName}
          available={target.kind === 'allocate' ? allocatable : yuanText(target.row.amount)}
          submit={(amount, headers) => move.mutateAsync({ kind: target.kind, id: target.row.id, amount, headers })}
          onClose={() => setTarget(null)}
        />
      )}
      {batchOpen && (
        <BatchAllocateDialog
          customers={rows.filter((r) => selected.includes(r.id))}
          onClose={() => {
            setBatchOpen(false);
            setSelected([]);
          }}
        />
      )}
    </div>
  );
}
