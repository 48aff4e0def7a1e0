// Top-up: an online top-up request (credited when the vendor confirms) and the dedicated
// remittance account (专属汇款账号) for bank transfers; the partner's own top-ups below.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { newClientToken, useActivateRemittance, useRemittanceAccount, useRequestTopup, useTopups, type Topup } from './api.ts';
import { normalizeAmount, yuanText } from './money.ts';

export const TOPUP_COLOR: Record<Topup['status'], string> = { PENDING: 'processing', HELD: 'warning', CREDITED: 'success', REJECTED: 'error' };

export function TopupTab() {
  const { t } = useTranslation();
  const account = useRemittanceAccount();
  const activate = useActivateRemittance();
  const request = useRequestTopup();
  const [text, setText] = useState('');
  const [clientToken, setClientToken] = useState(newClientToken);
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const topups = useTopups({ offset: (page.current - 1) * page.pageSize, limit: page.pageSize });
  const amount = normalizeAmount(text);

  const columns: TableColumnsType<Topup> = [
    { title: t('funds.createdAt'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v), width: 170 },
    { title: t('funds.channel'), dataIndex: 'channel', render: (v: Topup['channel']) => t(`funds.channel_${v}`) },
    { title: t('funds.amountYuan'), dataIndex: 'amount', align: 'right', render: (v: string) => yuanText(v) },
    { title: t('funds.status'), dataIndex: 'status', render: (v: Topup['status']) => <Tag color={TOPUP_COLOR[v]}>{t(`funds.topupStatus.${v}`)}</Tag> },
    { title: t('funds.payerName'), dataIndex: 'payer_name', render: (v: string | null) => v ?? '—' },
    { title: t('funds.transId'), dataIndex: 'trans_id', render: (v: string | null) => v ?? '—' },
    { title: t('funds.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card size="small" title={t('funds.onlineTopup')}>
        <ErrorAlert error={request.error} />
        {request.data && (
          <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('funds.topupRequested', { amount: request.data.amount, id: request.data.id })} data-testid="topup-result" />
        )}
        <Form layout="inline" onFinish={() => amount && request.mutate({ amount, clientToken }, { onSuccess: () => { setText(''); setClientToken(newClientToken()); } })}>
          <Form.Item label={t('funds.topupAmount')} validateStatus={text && !amount ? 'error' : undefined} help={text && !amount ? t('funds.amountInvalid') : undefined}>
            <Input prefix="¥" inputMode="decimal" value={text} onChange={(e) => setText(e.target.value)} data-testid="topup-amount" />
          </Form.Item>
          <Button type="primary" htmlType="submit" disabled={!amount} loading={request.isPending} data-testid="topup-submit">
            {t('funds.topupSubmit')}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={t('funds.remittanceAccount')}>
        <ErrorAlert error={account.error ?? activate.error} />
        {account.data?.activated ? (
          <Descriptions size="small" column={1} data-testid="remittance-account">
            <Descriptions.Item label={t('funds.accountNumber')}>{account.data.account_number}</Descriptions.Item>
            <Descriptions.Item label={t('funds.bankName')}>{account.data.bank_name}</Descriptions.Item>
            <Descriptions.Item label={t('funds.accountHolder')}>{account.data.account_name}</Descriptions.Item>
          </Descriptions>
        ) : (
          <Space direction="vertical">
            <span>{t('funds.remittanceHint')}</span>
            <Button onClick={() => activate.mutate(undefined)} loading={activate.isPending} data-testid="remittance-activate">
              {t('funds.activate')}
            </Button>
          </Space>
        )}
      </Card>
      <Table<Topup>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={topups.data?.top_ups ?? []}
        loading={topups.isPending}
        pagination={{ ...page, total: topups.data?.total_count ?? 0, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
      />
    </Space>
  );
}
