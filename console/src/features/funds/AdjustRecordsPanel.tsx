// Adjustment records (调账记录): allocations and reclaims, for resellers and customers alike, with
// Huawei's filters (customer, operation type, time window, transaction id) and paging.
import { useState } from 'react';
import { Button, DatePicker, Form, Input, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { useAdjustRecords, type AdjustFilter, type AdjustRecord } from './api.ts';
import { yuanText } from './money.ts';

const apiTime = (d: { toDate(): Date } | null | undefined) => (d ? d.toDate().toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined);
const OPERATIONS = ['SOURCE_OPERATION_BEADJUST', 'SOURCE_OPERATION_BERETRIEVE', 'SOURCE_OPERATION_BEUNBIND'] as const;

export function AdjustRecordsPanel({ customerId }: { customerId?: string }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Omit<AdjustFilter, 'offset' | 'limit'>>({ customer_id: customerId });
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const records = useAdjustRecords({ ...filter, offset: (page.current - 1) * page.pageSize, limit: page.pageSize });

  const columns: TableColumnsType<AdjustRecord> = [
    { title: t('funds.operationTime'), dataIndex: 'operation_time', render: (v: string) => formatDateTime(v), width: 170 },
    { title: t('funds.party'), render: (_, r) => `${r.customer_name} (${r.customer_id})` },
    {
      title: t('funds.operationType'),
      dataIndex: 'operation_type',
      render: (v: string) => <Tag color={v === 'SOURCE_OPERATION_BEADJUST' ? 'blue' : 'orange'}>{t(`funds.op.${v as (typeof OPERATIONS)[number]}`)}</Tag>,
    },
    { title: t('funds.scene'), dataIndex: 'apply_scene', render: (v: string) => t(v === 'INDIRECT_PARTNER' ? 'funds.sceneReseller' : 'funds.sceneCustomer') },
    { title: t('funds.amountYuan'), dataIndex: 'amount', align: 'right', render: (v: string) => yuanText(v) },
    { title: t('funds.transId'), dataIndex: 'trans_id' },
  ];

  return (
    <div data-testid="adjust-records">
      <Form
        layout="inline"
        style={{ marginBottom: 16 }}
        initialValues={{ customer_id: customerId }}
        onFinish={(v: { customer_id?: string; operation_type?: AdjustFilter['operation_type']; trans_id?: string; range?: [{ toDate(): Date }, { toDate(): Date }] }) => {
          setPage((p) => ({ ...p, current: 1 }));
          setFilter({
            customer_id: v.customer_id || undefined,
            operation_type: v.operation_type || undefined,
            trans_id: v.trans_id || undefined,
            operation_time_begin: apiTime(v.range?.[0]),
            operation_time_end: apiTime(v.range?.[1]),
          });
        }}
      >
        <Form.Item name="customer_id" label={t('funds.partyId')}>
          <Input allowClear data-testid="records-customer" />
        </Form.Item>
        <Form.Item name="operation_type" label={t('funds.operationType')}>
          <Select allowClear style={{ width: 160 }} options={OPERATIONS.map((o) => ({ value: o, label: t(`funds.op.${o}`) }))} />
        </Form.Item>
        <Form.Item name="trans_id" label={t('funds.transId')}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="range" label={t('funds.timeRange')}>
          <DatePicker.RangePicker showTime />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="records-search">
          {t('funds.search')}
        </Button>
      </Form>
      <ErrorAlert error={records.error} />
      <Table<AdjustRecord>
        rowKey="trans_id"
        size="small"
        columns={columns}
        dataSource={records.data?.records ?? []}
        loading={records.isPending}
        pagination={{ ...page, total: records.data?.total_count ?? 0, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
      />
    </div>
  );
}
