// 审批 (menu vendor.approvals), the customers part: reported customers to approve or reject, and
// the outgoing mail outbox (invitation e-mails) with each mail's delivery state; test vouchers
// bring their own tab. Other approval kinds add theirs here.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Modal, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TestVoucherReviewPanel } from '../vouchers/TestVoucherReviewPanel.tsx';
import { useDecideReport, useOutbox, useReports, type OutboxMail, type ReportItem } from './api.ts';

function ReportsPanel() {
  const { t } = useTranslation();
  const reports = useReports();
  const decide = useDecideReport();
  const [deciding, setDeciding] = useState<{ report: ReportItem; approve: boolean } | null>(null);
  const [reason, setReason] = useState('');
  const columns: TableColumnsType<ReportItem> = [
    { title: t('vendorApprovals.partnerId'), dataIndex: 'partner_id' },
    { title: t('customers.customerName'), dataIndex: 'customer_name' },
    { title: t('customers.mobile'), dataIndex: 'mobile' },
    { title: t('customers.email'), dataIndex: 'email' },
    { title: t('customers.status'), dataIndex: 'status', render: (v: string) => <Tag>{['PENDING', 'APPROVED', 'REJECTED', 'EXPIRED'].includes(v) ? t(`customers.reportStatus.${v as 'PENDING'}`) : v}</Tag> },
    { title: t('customers.createdAt'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v) },
    { title: t('customers.validUntil'), dataIndex: 'valid_until', render: (v: string | null) => (v ? formatDateTime(v) : '—') },
    {
      title: t('customers.actions'),
      render: (_, r) =>
        r.status === 'PENDING' ? (
          <Space size={0}>
            <Button type="link" size="small" data-testid="report-approve" onClick={() => { setReason(''); setDeciding({ report: r, approve: true }); }}>
              {t('customers.approve')}
            </Button>
            <Button type="link" size="small" danger data-testid="report-reject" onClick={() => { setReason(''); setDeciding({ report: r, approve: false }); }}>
              {t('customers.reject')}
            </Button>
          </Space>
        ) : null,
    },
  ];
  return (
    <>
      <Table<ReportItem> rowKey="id" size="small" columns={columns} dataSource={reports.data ?? []} loading={reports.isPending} scroll={{ x: 'max-content' }} />
      <Modal
        open={!!deciding}
        title={deciding?.approve ? t('customers.approve') : t('customers.reject')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: deciding?.approve === false, 'data-testid': 'report-decide-confirm' } as never}
        confirmLoading={decide.isPending}
        onCancel={() => setDeciding(null)}
        onOk={() => deciding && decide.mutate({ id: deciding.report.id, approve: deciding.approve, reason: reason.trim() }, { onSuccess: () => setDeciding(null) })}
      >
        <Typography.Paragraph>
          {deciding && t(deciding.approve ? 'vendorApprovals.approveReport' : 'vendorApprovals.rejectReport', { customer: deciding.report.customer_name, partner: deciding.report.partner_id })}
        </Typography.Paragraph>
        <Input.TextArea rows={2} maxLength={512} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('customers.decisionReason')} />
      </Modal>
    </>
  );
}

const MAIL_STATUS_COLOR = { pending: 'processing', sent: 'success', failed: 'error' } as const;

function OutboxPanel() {
  const { t } = useTranslation();
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const outbox = useOutbox((page.current - 1) * page.pageSize, page.pageSize);
  return (
    <>
      {outbox.data && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          type={outbox.data.smtp_configured ? 'info' : 'warning'}
          title={<span data-testid="outbox-smtp">{outbox.data.smtp_configured ? t('vendorApprovals.smtpOn') : t('vendorApprovals.smtpOff')}</span>}
        />
      )}
      <Table<OutboxMail>
        rowKey="id"
        size="small"
        data-testid="outbox-table"
        loading={outbox.isPending}
        dataSource={outbox.data?.mails ?? []}
        expandable={{
          expandedRowRender: (m) => (
            <>
              <Descriptions size="small" column={2} style={{ marginBottom: 8 }}>
                <Descriptions.Item label={t('vendorApprovals.messageId')}>{m.message_id ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('vendorApprovals.nextAttempt')}>{m.next_attempt_at && outbox.data?.smtp_configured ? formatDateTime(m.next_attempt_at) : '—'}</Descriptions.Item>
              </Descriptions>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{m.body_text}</Typography.Paragraph>
            </>
          ),
        }}
        pagination={{ ...page, total: outbox.data?.count ?? 0, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
        columns={[
          { title: t('vendorApprovals.to'), dataIndex: 'to_address' },
          { title: t('vendorApprovals.subject'), dataIndex: 'subject' },
          {
            title: t('customers.status'),
            dataIndex: 'status',
            render: (v: OutboxMail['status']) => (
              <Tag color={MAIL_STATUS_COLOR[v]} data-testid="outbox-status">
                {t(`vendorApprovals.mailStatus.${v}`)}
              </Tag>
            ),
          },
          { title: t('vendorApprovals.attempts'), dataIndex: 'attempts', align: 'right' },
          {
            title: t('vendorApprovals.lastError'),
            dataIndex: 'last_error',
            render: (v: string | null) =>
              v ? (
                <Typography.Text type="danger" ellipsis={{ tooltip: v }} style={{ maxWidth: 260 }}>
                  {v}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
          { title: t('vendorApprovals.sentAt'), dataIndex: 'sent_at', render: (v: string | null) => (v ? formatDateTime(v) : '—') },
          { title: t('customers.createdAt'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v) },
        ]}
      />
    </>
  );
}

export function VendorApprovalsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const can = (code: string) => me.permissions.includes(code);
  const tabs = [
    ...(can('BPC_ITEM_OPS_020108') ? [{ key: 'reports', label: t('vendorApprovals.reports'), children: <ReportsPanel /> }] : []),
    ...(can('BPC_ITEM_OPS_020109') ? [{ key: 'outbox', label: t('vendorApprovals.outbox'), children: <OutboxPanel /> }] : []),
    ...(can('BPC_ITEM_OPS_020101') ? [{ key: 'test-vouchers', label: t('testVoucherDesk.tab'), children: <TestVoucherReviewPanel /> }] : []),
  ];
  return (
    <Card data-testid="vendor-approvals-page">
      <PageHeader title={t('vendorApprovals.title')} />
      <Tabs items={tabs} destroyOnHidden />
    </Card>
  );
}
