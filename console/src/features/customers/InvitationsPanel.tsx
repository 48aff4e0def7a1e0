// 客户拓展: reported customers (报备, approved by the vendor) and invitations — online by e-mail to
// an approved report (7 days, re-sendable) or offline links / QR codes that never expire.
import { useState } from 'react';
import { App, Button, Form, Input, Modal, QRCode, Radio, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';
import { useCreateInvitation, useCreateReport, useInvitations, useManagerCandidates, useReports, useResendInvitation, useRevokeInvitation, type InvitationItem, type ReportItem } from './api.ts';
import { typeLabel } from './dialogs.tsx';

function CreateReportModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ customer_name: string; mobile: string; email: string }>();
  const create = useCreateReport();
  return (
    <Modal
      open
      title={t('customers.reportCustomer')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'report-save' } as never}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => create.mutate({ ...v, customer_name: v.customer_name.trim() }, { onSuccess: onClose }))}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="customer_name" label={t('customers.customerName')} rules={[{ required: true, whitespace: true, message: t('customers.required') }]}>
          <Input maxLength={128} data-testid="report-name" />
        </Form.Item>
        <Form.Item name="mobile" label={t('customers.mobile')} rules={[{ required: true, pattern: /^1\d{10}$/, message: t('customers.mobileInvalid') }]}>
          <Input data-testid="report-mobile" />
        </Form.Item>
        <Form.Item name="email" label={t('customers.email')} rules={[{ required: true, type: 'email', message: t('customers.emailInvalid') }]}>
          <Input data-testid="report-email" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The link and its QR code (the QR payload is the link). */
export function InvitationLink({ link }: { link: string }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" align="center" style={{ width: '100%' }}>
      <QRCode value={link} data-testid="invitation-qr" />
      <Typography.Paragraph copyable={{ text: link, tooltips: [t('common.copy'), t('common.copied')] }} style={{ wordBreak: 'break-all' }}>
        <span data-testid="invitation-link">{link}</span>
      </Typography.Paragraph>
      <Typography.Text type="secondary">{t('customers.qrPayload')}</Typography.Text>
    </Space>
  );
}

interface InvitationForm {
  channel: 'online' | 'offline';
  association_type: '1' | '2';
  report_id?: string;
  tag?: string;
  account_manager_id?: string;
}

function CreateInvitationModal({ reports, onClose }: { reports: ReportItem[]; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<InvitationForm>();
  const channel = Form.useWatch('channel', form) ?? 'offline';
  const create = useCreateInvitation();
  const managers = useManagerCandidates('customer');
  const [created, setCreated] = useState<{ link: string; expires_at: string | null } | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    create.mutate(
      {
        channel: v.channel,
        association_type: v.association_type,
        report_id: v.channel === 'online' ? v.report_id : undefined,
        tag: v.channel === 'offline' ? v.tag?.trim() || undefined : undefined,
        account_manager_id: v.account_manager_id || undefined,
      },
      { onSuccess: (r) => setCreated({ link: r.link, expires_at: r.expires_at }) },
    );
  };
  return (
    <Modal
      open
      title={t('customers.createInvitation')}
      onCancel={onClose}
      footer={
        created
          ? [<Button key="c" onClick={onClose} data-testid="invitation-close">{t('common.close')}</Button>]
          : [
              <Button key="x" onClick={onClose}>{t('common.cancel')}</Button>,
              <Button key="ok" type="primary" loading={create.isPending} onClick={() => void submit()} data-testid="invitation-save">
                {t('customers.createInvitation')}
              </Button>,
            ]
      }
    >
      {created ? (
        <>
          <Typography.Paragraph>{created.expires_at ? t('customers.linkExpires', { time: formatDateTime(created.expires_at) }) : t('customers.linkNeverExpires')}</Typography.Paragraph>
          <InvitationLink link={created.link} />
        </>
      ) : (
        <Form form={form} layout="vertical" initialValues={{ channel: 'offline', association_type: '2' }}>
          <Form.Item name="channel" label={t('customers.channel')}>
            <Radio.Group
              data-testid="invitation-channel"
              options={[
                { value: 'offline', label: t('customers.channelOffline') },
                { value: 'online', label: t('customers.channelOnline') },
              ]}
            />
          </Form.Item>
          <Form.Item name="association_type" label={t('customers.associationType')} extra={t('customers.typeFixedByInvitation')}>
            <Radio.Group
              data-testid="invitation-type"
              options={[
                { value: '2', label: <span data-testid="invitation-type-2">{t('customers.type2')}</span> },
                { value: '1', label: <span data-testid="invitation-type-1">{t('customers.type1')}</span> },
              ]}
            />
          </Form.Item>
          {channel === 'online' ? (
            <Form.Item name="report_id" label={t('customers.reportedCustomer')} extra={t('customers.onlineHelp')} rules={[{ required: true, message: t('customers.required') }]}>
              <Select options={reports.filter((r) => r.status === 'APPROVED').map((r) => ({ value: r.id, label: `${r.customer_name} · ${r.email}` }))} />
            </Form.Item>
          ) : (
            <Form.Item name="tag" label={t('customers.tag')} extra={t('customers.offlineHelp')}>
              <Input maxLength={64} data-testid="invitation-tag" />
            </Form.Item>
          )}
          <Form.Item name="account_manager_id" label={t('customers.accountManager')} extra={t('customers.invitationManagerHelp')}>
            <Select
              allowClear
              loading={managers.isPending}
              notFoundContent={t('customers.noManagerCandidates')}
              options={(managers.data ?? []).map((m) => ({ value: m.id, label: `${m.display_name} (${m.account_name})` }))}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

const REPORT_COLOR: Record<string, string> = { PENDING: 'processing', APPROVED: 'success', REJECTED: 'error', EXPIRED: 'default' };

export function InvitationsPanel() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const reports = useReports();
  const invitations = useInvitations();
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  const [reporting, setReporting] = useState(false);
  const [inviting, setInviting] = useState(false);
  const [showing, setShowing] = useState<string | null>(null);

  const reportColumns: TableColumnsType<ReportItem> = [
    { title: t('customers.customerName'), dataIndex: 'customer_name' },
    { title: t('customers.mobile'), dataIndex: 'mobile' },
    { title: t('customers.email'), dataIndex: 'email' },
    { title: t('customers.status'), dataIndex: 'status', render: (v: string) => <Tag color={REPORT_COLOR[v]}>{v in REPORT_COLOR ? t(`customers.reportStatus.${v as 'PENDING'}`) : v}</Tag> },
    { title: t('customers.createdAt'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v) },
    { title: t('customers.validUntil'), dataIndex: 'valid_until', render: (v: string | null) => (v ? formatDateTime(v) : '—') },
    { title: t('customers.decisionReason'), dataIndex: 'decision_reason', render: (v: string | null) => v || '—' },
  ];
  const invitationColumns: TableColumnsType<InvitationItem> = [
    { title: t('customers.channel'), dataIndex: 'channel', render: (v: string) => (v === 'online' ? t('customers.channelOnline') : t('customers.channelOffline')) },
    { title: t('customers.associationType'), dataIndex: 'association_type', render: (v: string) => typeLabel(t, v) },
    { title: t('customers.recipient'), render: (_, i) => i.email ?? i.tag ?? '—' },
    { title: t('customers.createdAt'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v) },
    { title: t('customers.expiresAt'), dataIndex: 'expires_at', render: (v: string | null) => (v ? formatDateTime(v) : t('customers.never')) },
    { title: t('customers.sentCount'), dataIndex: 'sent_count' },
    { title: t('customers.acceptedCount'), dataIndex: 'accepted_count' },
    { title: t('customers.status'), dataIndex: 'revoked', render: (v: boolean) => (v ? <Tag>{t('customers.revoked')}</Tag> : <Tag color="success">{t('customers.valid')}</Tag>) },
    {
      title: t('customers.actions'),
      render: (_, i) => (
        <Space size={0}>
          <Button type="link" size="small" data-testid="invitation-show" onClick={() => setShowing(i.link)}>
            {t('customers.showLink')}
          </Button>
          {!i.revoked && i.channel === 'online' && (
            <Button type="link" size="small" loading={resend.isPending} onClick={() => resend.mutate(i.id)}>
              {t('customers.resend')}
            </Button>
          )}
          {!i.revoked && (
            <Button
              type="link"
              size="small"
              danger
              onClick={() =>
                modal.confirm({
                  title: t('customers.revokeConfirm'),
                  okType: 'danger',
                  okText: t('customers.revoke'),
                  cancelText: t('common.cancel'),
                  onOk: () => revoke.mutateAsync(i.id),
                })
              }
            >
              {t('customers.revoke')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <div>
        <Space style={{ marginBottom: 12 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>{t('customers.invitations')}</Typography.Title>
          <Button type="primary" onClick={() => setInviting(true)} data-testid="invitation-create">
            {t('customers.createInvitation')}
          </Button>
        </Space>
        <Table<InvitationItem> rowKey="id" size="small" columns={invitationColumns} dataSource={invitations.data ?? []} loading={invitations.isPending} data-testid="invitation-table" scroll={{ x: 'max-content' }} />
      </div>
      <div>
        <Space style={{ marginBottom: 12 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>{t('customers.reports')}</Typography.Title>
          <Button onClick={() => setReporting(true)} data-testid="report-create">
            {t('customers.reportCustomer')}
          </Button>
        </Space>
        <Table<ReportItem> rowKey="id" size="small" columns={reportColumns} dataSource={reports.data ?? []} loading={reports.isPending} scroll={{ x: 'max-content' }} />
      </div>
      {reporting && <CreateReportModal onClose={() => setReporting(false)} />}
      {inviting && <CreateInvitationModal reports={reports.data ?? []} onClose={() => setInviting(false)} />}
      <Modal open={!!showing} title={t('customers.invitationLink')} footer={null} onCancel={() => setShowing(null)}>
        {showing && <InvitationLink link={showing} />}
      </Modal>
    </Space>
  );
}
