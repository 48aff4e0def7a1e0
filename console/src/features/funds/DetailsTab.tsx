// Income/expense details (收支明细): Huawei's filters, the one-year query span (UTC+8 dates), the
// balance after every change, and an .xlsx export of the same filter.
import { useState } from 'react';
import { Button, DatePicker, Form, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { changeExportUrl, useChangeRecords, type ChangeFilter, type ChangeRecord } from './api.ts';
import { yuanText } from './money.ts';

const TRADE_TYPES = ['RECHARGE', 'DEDEUCT', 'REFUND', 'RFROZEN', 'TRANS', 'ADJUST', 'BEADJUST', 'BERETRIEVE', 'BEUNBIND', 'BONUSCONVERT', 'TRADE_MODE_TRANSFER'] as const;
type Day = { format(f: string): string };

export function DetailsTab() {
  const { t } = useTranslation();
  const me = useSession();
  const [filter, setFilter] = useState<ChangeFilter>({});
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const records = useChangeRecords(filter, (page.current - 1) * page.pageSize, page.pageSize);

  const columns: TableColumnsType<ChangeRecord> = [
    { title: t('funds.tradeTime'), dataIndex: 'trade_time', render: (v: string) => formatDateTime(v), width: 170 },
    { title: t('funds.tradeId'), dataIndex: 'trade_id' },
    { title: t('funds.detailType'), dataIndex: 'trade_detail_type' },
    { title: t('funds.direction'), dataIndex: 'type', render: (v: '1' | '2') => <Tag color={v === '1' ? 'green' : 'red'}>{t(v === '1' ? 'funds.income' : 'funds.expense')}</Tag> },
    { title: t('funds.amountYuan'), dataIndex: 'change_amount', align: 'right', render: (v: string, r) => `${r.type === '1' ? '+' : '-'}${yuanText(v)}` },
    { title: t('funds.balanceAfter'), dataIndex: 'balance_after_change', align: 'right', render: (v: string) => yuanText(v) },
    { title: t('funds.counterparty'), render: (_, r) => (r.account_name ? `${r.account_name} (${r.customer_id})` : '—') },
  ];

  return (
    <div>
      <Form
        layout="inline"
        style={{ marginBottom: 8 }}
        onFinish={(v: { balance_type?: ChangeFilter['balance_type']; trade_type?: ChangeFilter['trade_type']; range?: [Day, Day] }) => {
          setPage((p) => ({ ...p, current: 1 }));
          setFilter({
            balance_type: v.balance_type || undefined,
            trade_type: v.trade_type || undefined,
            trade_time_begin: v.range?.[0]?.format('YYYY-MM-DD'),
            trade_time_end: v.range?.[1]?.format('YYYY-MM-DD'),
          });
        }}
      >
        <Form.Item name="balance_type" label={t('funds.account')}>
          <Select
            allowClear
            style={{ width: 140 }}
            options={[
              { value: 'BALANCE_TYPE_DEBIT', label: t('funds.cashAccount') },
              { value: 'BALANCE_TYPE_CREDIT', label: t('funds.creditAccount') },
            ]}
          />
        </Form.Item>
        <Form.Item name="trade_type" label={t('funds.tradeType')}>
          <Select allowClear style={{ width: 180 }} options={TRADE_TYPES.map((v) => ({ value: v, label: t(`funds.trade.${v}`) }))} data-testid="details-trade-type" />
        </Form.Item>
        <Form.Item name="range" label={t('funds.dateRange')}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="details-search">
          {t('funds.search')}
        </Button>
        {me.permissions.includes('BPC_ITEM_FINANCE_030100') && (
          <Button style={{ marginLeft: 8 }} href={changeExportUrl(filter)} data-testid="details-export">
            {t('funds.export')}
          </Button>
        )}
      </Form>
      <Typography.Paragraph type="secondary">{t('funds.spanHint')}</Typography.Paragraph>
      <ErrorAlert error={records.error} testId="details-error" />
      <Table<ChangeRecord>
        rowKey="account_change_id"
        size="small"
        data-testid="details-table"
        columns={columns}
        dataSource={records.data?.records ?? []}
        loading={records.isPending}
        pagination={{ ...page, total: records.data?.total_count ?? 0, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
      />
    </div>
  );
}
