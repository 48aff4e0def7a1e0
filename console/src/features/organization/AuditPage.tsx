// Audit log: filters (operator, operation, time), paging, .xlsx export and chain verification.
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { auditExportUrl, useAuditLogs, useVerifyAudit, type AuditFilter, type AuditRecord } from './api.ts';

const apiTime = (d: { toDate(): Date } | null | undefined) => (d ? d.toDate().toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined);

export function AuditPage() {
  const { t } = useTranslation();
  const me = useSession();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const logs = useAuditLogs(filter, (page.current - 1) * page.pageSize, page.pageSize);
  const verify = useVerifyAudit();
  const can = (...codes: string[]) => codes.some((c) => me.permissions.includes(c));

  const columns: TableColumnsType<AuditRecord> = [
    { title: t('org.time'), dataIndex: 'occurred_at', render: (v: string) => formatDateTime(v), width: 170 },
    { title: t('org.operator'), dataIndex: 'user_name' },
    { title: t('org.via'), dataIndex: 'via' },
    { title: t('org.operation'), dataIndex: 'operation' },
    { title: t('org.target'), render: (_, r) => (r.target_type ? `${r.target_type}:${r.target_id ?? ''}` : '—') },
    { title: t('org.outcome'), dataIndex: 'outcome', render: (v: string) => <Tag color={v === 'success' ? 'success' : 'error'}>{v}</Tag> },
    { title: t('org.address'), dataIndex: 'client_ip' },
    { title: t('org.detail'), dataIndex: 'detail', ellipsis: true },
  ];

  return (
    <Card data-testid="audit-page">
      <PageHeader title={t('org.auditTitle')} />
      <Form
        layout="inline"
        style={{ margin: '16px 0' }}
        onFinish={(v: { operator?: string; operation?: string; range?: [{ toDate(): Date }, { toDate(): Date }] }) => {
          setPage((p) => ({ ...p, current: 1 }));
          setFilter({ operator: v.operator || undefined, operation: v.operation || undefined, occurred_begin: apiTime(v.range?.[0]), occurred_end: apiTime(v.range?.[1]) });
        }}
      >
        <Form.Item name="operator" label={t('org.operator')}>
          <Input allowClear data-testid="audit-operator" />
        </Form.Item>
        <Form.Item name="operation" label={t('org.operation')}>
          <Input allowClear placeholder="organization." data-testid="audit-operation" />
        </Form.Item>
        <Form.Item name="range" label={t('org.timeRange')}>
          <DatePicker.RangePicker showTime />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="audit-search">
            {t('org.search')}
          </Button>
          {can('BPC_ITEM_ORG_030101', 'BPC_ITEM_OPS_040301') && (
            <Button href={auditExportUrl(filter)} data-testid="audit-export">
              {t('org.export')}
            </Button>
          )}
          {can('BPC_ITEM_ORG_030102', 'BPC_ITEM_OPS_040302') && (
            <Button onClick={() => verify.mutate()} loading={verify.isPending} data-testid="audit-verify">
              {t('org.verify')}
            </Button>
          )}
        </Space>
      </Form>
      {verify.data && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          type={verify.data.valid ? 'success' : 'error'}
          title={verify.data.valid ? t('org.verifyOk', { count: verify.data.records }) : t('org.verifyBroken', { count: verify.data.breaks.length })}
          description={verify.data.breaks.map((b) => `#${b.seq}: ${b.reason}`).join('; ') || undefined}
        />
      )}
      <Table<AuditRecord>
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={logs.data?.records ?? []}
        loading={logs.isPending}
        pagination={{ ...page, total: logs.data?.total_count ?? 0, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
      />
    </Card>
  );
}
