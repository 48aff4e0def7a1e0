// Withdrawal (提现): the withdrawable amount and how it is computed, a request (held until the
// vendor decides; a sensitive operation that may need a one-time code), and the requests.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert, needsSecondFactor } from './ErrorAlert.tsx';
import { newClientToken, useRequestWithdrawal, useWithdrawable, useWithdrawals, type Withdrawal, type WithdrawalInput } from './api.ts';
import { normalizeAmount, yuanText } from './money.ts';

export const WITHDRAWAL_COLOR: Record<Withdrawal['status'], string> = { PENDING: 'processing', PAID: 'success', REJECTED: 'error' };

export function WithdrawalTab() {
  const { t } = useTranslation();
  const me = useSession();
  const { modal } = App.useApp();
  const withdrawable = useWithdrawable();
  const request = useRequestWithdrawal();
  const [form] = Form.useForm<WithdrawalInput>();
  const [clientToken, setClientToken] = useState(newClientToken);
  const [askCode, setAskCode] = useState(false);
  const [code, setCode] = useState('');
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const withdrawals = useWithdrawals({ offset: (page.current - 1) * page.pageSize, limit: page.pageSize });

  const submit = async () => {
    const values = await form.validateFields();
    const amount = normalizeAmount(values.amount)!;
    const confirmed = await modal.confirm({
      title: t('funds.requestWithdrawal'),
      content: t('funds.confirmWithdrawal', { amount, from: me.org.name, to: `${values.bank_name} ${values.bank_account_number} (${values.bank_account_name})` }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
    });
    if (!confirmed) return;
    try {
      await request.mutateAsync({ body: { ...values, amount }, headers: { clientToken, code: askCode ? code : undefined } });
      form.resetFields();
      setAskCode(false);
      setCode('');
      setClientToken(newClientToken());
    } catch (e) {
      if (needsSecondFactor(e)) setAskCode(true);
    }
  };

  const columns: TableColumnsType<Withdrawal> = [
    { title: t('funds.createdAt'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v), width: 170 },
    { title: t('funds.amountYuan'), dataIndex: 'amount', align: 'right', render: (v: string) => yuanText(v) },
    { title: t('funds.bankAccount'), render: (_, w) => `${w.bank_name} ${w.bank_account_number} (${w.bank_account_name})` },
    { title: t('funds.status'), dataIndex: 'status', render: (v: Withdrawal['status']) => <Tag color={WITHDRAWAL_COLOR[v]}>{t(`funds.withdrawalStatus.${v}`)}</Tag> },
    { title: t('funds.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
    { title: t('funds.decidedAt'), dataIndex: 'decided_at', render: (v: string | null) => formatDateTime(v) || '—' },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <ErrorAlert error={withdrawable.error} />
      {withdrawable.data && (
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('funds.withdrawable')}>
            <b data-testid="withdrawable-amount">¥{yuanText(withdrawable.data.withdrawable_amount)}</b>
          </Descriptions.Item>
          <Descriptions.Item label={t('funds.cashBalance')}>¥{yuanText(withdrawable.data.cash_balance)}</Descriptions.Item>
          <Descriptions.Item label={t('funds.outstandingInvoices')}>¥{yuanText(withdrawable.data.outstanding_invoice_amount)}</Descriptions.Item>
          <Descriptions.Item label={t('funds.unbilled')}>¥{yuanText(withdrawable.data.unbilled_amount)}</Descriptions.Item>
          <Descriptions.Item label={t('funds.subUserArrears')}>¥{yuanText(withdrawable.data.sub_user_arrears)}</Descriptions.Item>
        </Descriptions>
      )}
      {me.permissions.includes('BPC_ITEM_FINANCE_030401') && (
        <Card size="small" title={t('funds.requestWithdrawal')}>
          <ErrorAlert error={request.error} testId="withdrawal-error" />
          {request.data && <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('funds.withdrawalRequested', { amount: request.data.amount, id: request.data.id })} />}
          <Form form={form} layout="vertical" style={{ maxWidth: 480 }} onFinish={() => void submit()}>
            <Form.Item name="amount" label={t('funds.withdrawalAmount')} rules={[{ validator: (_, v: string) => (normalizeAmount(v ?? '') ? Promise.resolve() : Promise.reject(new Error(t('funds.amountInvalid')))) }]}>
              <Input prefix="¥" inputMode="decimal" data-testid="withdrawal-amount" />
            </Form.Item>
            <Form.Item name="bank_account_name" label={t('funds.accountHolder')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="bank_account_number" label={t('funds.accountNumber')} rules={[{ required: true, min: 6, max: 34 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="bank_name" label={t('funds.bankName')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={200} />
            </Form.Item>
            {askCode && (
              <Form.Item label={t('funds.codeLabel')} extra={t('funds.codeHelp')}>
                <Input maxLength={6} inputMode="numeric" value={code} onChange={(e) => setCode(e.target.value.trim())} data-testid="withdrawal-code" />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" loading={request.isPending} disabled={askCode && !/^\d{6}$/.test(code)} data-testid="withdrawal-submit">
              {t('funds.requestWithdrawal')}
            </Button>
          </Form>
        </Card>
      )}
      <Table<Withdrawal>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={withdrawals.data?.withdrawals ?? []}
        loading={withdrawals.isPending}
        pagination={{ ...page, total: withdrawals.data?.total_count ?? 0, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
      />
    </Space>
  );
}
