// The vendor's side of funds: online top-ups to confirm, held remittances to accept or reject,
// an incoming bank transfer to record, a partner's credit line, withdrawals to pay or reject.
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Space, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { TOPUP_COLOR } from './TopupTab.tsx';
import { WITHDRAWAL_COLOR } from './WithdrawalTab.tsx';
import {
  useConfirmTopup,
  useDecideWithdrawal,
  useRecordRemittance,
  useRejectTopup,
  useSetCreditLine,
  useTopups,
  useWithdrawals,
  type Topup,
  type Withdrawal,
} from './api.ts';
import { normalizeAmount, yuanText } from './money.ts';

const amountRule = (message: string) => ({ validator: (_: unknown, v: string) => (normalizeAmount(v ?? '') ? Promise.resolve() : Promise.reject(new Error(message))) });

/** Asks for a reason, then runs the rejection. */
function useReasonPrompt() {
  const { modal } = App.useApp();
  const { t } = useTranslation();
  return (title: string, content: string, run: (reason: string) => Promise<unknown>) => {
    let reason = '';
    modal.confirm({
      title,
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <span>{content}</span>
          <Input.TextArea maxLength={500} placeholder={t('funds.reason')} onChange={(e) => (reason = e.target.value.trim())} data-testid="reason-input" />
        </Space>
      ),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: () => (reason ? run(reason) : Promise.reject(new Error(t('funds.reasonRequired')))),
    });
  };
}

function TopupReview({ status }: { status: 'PENDING' | 'HELD' }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const topups = useTopups({ status, offset: (page.current - 1) * page.pageSize, limit: page.pageSize });
  const confirm = useConfirmTopup();
  const reject = useRejectTopup();
  const askReason = useReasonPrompt();
  const columns: TableColumnsType<Topup> = [
    { title: t('funds.createdAt'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v), width: 170 },
    { title: t('funds.partnerId'), dataIndex: 'org_id', render: (v: string | null) => v ?? '—' },
    { title: t('funds.channel'), dataIndex: 'channel', render: (v: Topup['channel']) => t(`funds.channel_${v}`) },
    { title: t('funds.payerName'), dataIndex: 'payer_name', render: (v: string | null) => v ?? '—' },
    { title: t('funds.accountNumber'), dataIndex: 'account_number', render: (v: string | null) => v ?? '—' },
    { title: t('funds.bankReference'), dataIndex: 'bank_reference', render: (v: string | null) => v ?? '—' },
    { title: t('funds.amountYuan'), dataIndex: 'amount', align: 'right', render: (v: string) => yuanText(v) },
    { title: t('funds.status'), dataIndex: 'status', render: (v: Topup['status']) => <Tag color={TOPUP_COLOR[v]}>{t(`funds.topupStatus.${v}`)}</Tag> },
    {
      title: t('funds.actions'),
      render: (_, r) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            onClick={() =>
              modal.confirm({
                title: t(status === 'HELD' ? 'funds.acceptRemittance' : 'funds.confirmTopup'),
                content: t('funds.confirmCredit', { amount: r.amount, partner: r.org_id ?? '—', payer: r.payer_name ?? '—' }),
                okText: t('common.ok'),
                cancelText: t('common.cancel'),
                onOk: () => confirm.mutateAsync(r.id),
              })
            }
            data-testid={`topup-confirm-${r.id}`}
          >
            {t(status === 'HELD' ? 'funds.accept' : 'funds.confirmPaid')}
          </Button>
          <Button type="link" size="small" danger onClick={() => askReason(t('funds.reject'), t('funds.rejectTopup', { amount: r.amount }), (reason) => reject.mutateAsync({ id: r.id, reason }))}>
            {t('funds.reject')}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <>
      <ErrorAlert error={topups.error ?? confirm.error ?? reject.error} />
      <Table<Topup>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={topups.data?.top_ups ?? []}
        loading={topups.isPending}
        pagination={{ ...page, total: topups.data?.total_count ?? 0, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
      />
    </>
  );
}

function RecordRemittance() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ account_number: string; payer_name: string; amount: string; bank_reference: string }>();
  const record = useRecordRemittance();
  return (
    <Card size="small" title={t('funds.recordRemittance')}>
      <ErrorAlert error={record.error} />
      {record.data && (
        <Alert
          type={record.data.status === 'CREDITED' ? 'success' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          title={t(record.data.status === 'CREDITED' ? 'funds.remittanceCredited' : 'funds.remittanceHeld', { amount: record.data.amount, id: record.data.trans_id ?? record.data.id })}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 480 }}
        onFinish={(v) => record.mutate({ ...v, amount: normalizeAmount(v.amount)! }, { onSuccess: () => form.resetFields() })}
      >
        <Form.Item name="account_number" label={t('funds.accountNumber')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item name="payer_name" label={t('funds.payerName')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="amount" label={t('funds.amountYuan')} rules={[amountRule(t('funds.amountInvalid'))]}>
          <Input prefix="¥" inputMode="decimal" />
        </Form.Item>
        <Form.Item name="bank_reference" label={t('funds.bankReference')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={record.isPending}>
          {t('funds.record')}
        </Button>
      </Form>
    </Card>
  );
}

function CreditLine() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ partner_id: string; credit_amount: string }>();
  const set = useSetCreditLine();
  return (
    <Card size="small" title={t('funds.setCreditLine')}>
      <ErrorAlert error={set.error} />
      {set.data && <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('funds.creditLineSet', { amount: set.data.credit_amount, id: set.data.trans_id ?? '—' })} />}
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 480 }}
        onFinish={(v) => {
          const credit_amount = normalizeAmount(v.credit_amount)!;
          modal.confirm({
            title: t('funds.setCreditLine'),
            content: t('funds.confirmCreditLine', { amount: credit_amount, partner: v.partner_id }),
            okText: t('common.ok'),
            cancelText: t('common.cancel'),
            onOk: () => set.mutateAsync({ id: v.partner_id.trim(), credit_amount }).catch(() => {}),
          });
        }}
      >
        <Form.Item name="partner_id" label={t('funds.partnerId')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="credit_amount" label={t('funds.creditLine')} rules={[amountRule(t('funds.amountInvalid'))]}>
          <Input prefix="¥" inputMode="decimal" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={set.isPending}>
          {t('funds.save')}
        </Button>
      </Form>
    </Card>
  );
}

function WithdrawalReview() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const withdrawals = useWithdrawals({ status: 'PENDING', offset: (page.current - 1) * page.pageSize, limit: page.pageSize });
  const decide = useDecideWithdrawal();
  const askReason = useReasonPrompt();
  const columns: TableColumnsType<Withdrawal> = [
    { title: t('funds.createdAt'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v), width: 170 },
    { title: t('funds.partnerId'), dataIndex: 'org_id' },
    { title: t('funds.amountYuan'), dataIndex: 'amount', align: 'right', render: (v: string) => yuanText(v) },
    { title: t('funds.bankAccount'), render: (_, w) => `${w.bank_name} ${w.bank_account_number} (${w.bank_account_name})` },
    { title: t('funds.status'), dataIndex: 'status', render: (v: Withdrawal['status']) => <Tag color={WITHDRAWAL_COLOR[v]}>{t(`funds.withdrawalStatus.${v}`)}</Tag> },
    {
      title: t('funds.actions'),
      render: (_, w) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            onClick={() =>
              modal.confirm({
                title: t('funds.approvePay'),
                content: t('funds.confirmPay', { amount: w.amount, partner: w.org_id, bank: `${w.bank_name} ${w.bank_account_number}` }),
                okText: t('common.ok'),
                cancelText: t('common.cancel'),
                onOk: () => decide.mutateAsync({ id: w.id, decision: 'approve' }),
              })
            }
          >
            {t('funds.approvePay')}
          </Button>
          <Button type="link" size="small" danger onClick={() => askReason(t('funds.reject'), t('funds.rejectWithdrawal', { amount: w.amount }), (reason) => decide.mutateAsync({ id: w.id, decision: 'reject', reason }))}>
            {t('funds.reject')}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <>
      <ErrorAlert error={withdrawals.error ?? decide.error} />
      <Table<Withdrawal>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={withdrawals.data?.withdrawals ?? []}
        loading={withdrawals.isPending}
        pagination={{ ...page, total: withdrawals.data?.total_count ?? 0, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
      />
    </>
  );
}

export function VendorFundsPage() {
  const { t } = useTranslation();
  return (
    <Card data-testid="vendor-funds-page">
      <PageHeader title={t('funds.vendorTitle')} description={t('funds.vendorDescription')} />
      <Tabs
        destroyOnHidden
        items={[
          { key: 'topups', label: t('funds.pendingTopups'), children: <TopupReview status="PENDING" /> },
          { key: 'held', label: t('funds.heldRemittances'), children: <TopupReview status="HELD" /> },
          { key: 'record', label: t('funds.recordRemittance'), children: <RecordRemittance /> },
          { key: 'credit', label: t('funds.setCreditLine'), children: <CreditLine /> },
          { key: 'withdrawals', label: t('funds.withdrawalsToReview'), children: <WithdrawalReview /> },
        ]}
      />
    </Card>
  );
}
