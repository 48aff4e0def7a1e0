// 关联关系操作记录: associations, type switches and disassociations with their status; a history
// drawer; the administrator approves or rejects pending customer-initiated requests.
import { useState } from 'react';
import { Button, Descriptions, Drawer, Form, Input, Modal, Select, Space, Table, Timeline, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useDecideEvent, useEventDetail, useEvents, type EventItem, type EventStatus } from './api.ts';
import { EventStatusTag, typeLabel } from './dialogs.tsx';

const STATUSES: EventStatus[] = ['PENDING_CUSTOMER', 'PENDING_PARTNER', 'AGREED', 'APPROVED', 'REJECTED', 'CANCELLED', 'COMPLETED'];

export function EventKind({ e }: { e: Pick<EventItem, 'kind' | 'from_type' | 'to_type'> }) {
  const { t } = useTranslation();
  if (e.kind === 'switch_type') return <>{t('customers.kind.switch_type')} ({typeLabel(t, e.from_type)} → {typeLabel(t, e.to_type ?? '')})</>;
  return <>{t(`customers.kind.${e.kind}`)} ({typeLabel(t, e.from_type)})</>;
}

export function EventHistoryDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useEventDetail(id);
  const e = detail.data?.event;
  return (
    <Drawer open width={560} title={t('customers.eventHistory')} onClose={onClose} data-testid="event-history">
      {e && (
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 24 }}>
          <Descriptions.Item label={t('customers.customer')}>{`${e.customer_name} (${e.customer_account_name})`}</Descriptions.Item>
          <Descriptions.Item label={t('customers.partner')}>{`${e.partner_name} (${e.partner_account_name})`}</Descriptions.Item>
          <Descriptions.Item label={t('customers.eventKind')}><EventKind e={e} /></Descriptions.Item>
          <Descriptions.Item label={t('customers.initiator')}>{t(`customers.initiatorName.${e.initiator}`)}</Descriptions.Item>
          <Descriptions.Item label={t('customers.status')}><EventStatusTag status={e.status} /></Descriptions.Item>
          <Descriptions.Item label={t('customers.reason')}>{e.reason || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('customers.dueAt')}>{e.due_at ? formatDateTime(e.due_at) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('customers.decisionReason')}>{e.decision_reason || '—'}</Descriptions.Item>
        </Descriptions>
      )}
      <Timeline
        items={(detail.data?.history ?? []).map((h) => ({
          children: (
            <Space direction="vertical" size={0}>
              <Typography.Text strong>
                {h.action} · <EventStatusTag status={h.to_status} />
              </Typography.Text>
              <Typography.Text type="secondary">
                {formatDateTime(h.at)} · {h.actor_via}
              </Typography.Text>
              {h.reason && <Typography.Text>{h.reason}</Typography.Text>}
            </Space>
          ),
        }))}
      />
    </Drawer>
  );
}

function DecideModal({ event, action, onClose }: { event: EventItem; action: 'approve' | 'reject' | 'cancel'; onClose: () => void }) {
  const { t } = useTranslation();
  const decide = useDecideEvent();
  const [reason, setReason] = useState('');
  return (
    <Modal
      open
      title={action === 'approve' ? t('customers.approve') : action === 'reject' ? t('customers.reject') : t('customers.cancelRequest')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: action === 'reject', 'data-testid': 'event-decide-confirm' } as never}
      confirmLoading={decide.isPending}
      onCancel={onClose}
      onOk={() => decide.mutate({ id: event.id, action, reason: reason.trim() }, { onSuccess: onClose })}
    >
      <Typography.Paragraph data-testid="event-decide-text">
        {action === 'approve'
          ? t(event.from_type === '2' && event.kind === 'disassociate' ? 'customers.approveResaleHelp' : 'customers.approveHelp', {
              customer: `${event.customer_name} (${event.customer_account_name})`,
              partner: event.partner_name,
            })
          : action === 'reject'
            ? t('customers.rejectHelp', { customer: `${event.customer_name} (${event.customer_account_name})` })
            : t('customers.cancelRequestHelp', { customer: `${event.customer_name} (${event.customer_account_name})` })}
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('customers.decisionReason')}>
          <Input.TextArea rows={2} maxLength={512} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AssociationRecordsPanel() {
  const { t } = useTranslation();
  const me = useSession();
  const admin = me.permissions.includes('BPC_ITEM_SUBCUSTSERV_010105');
  const [status, setStatus] = useState<EventStatus>();
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const events = useEvents({ status }, (page.current - 1) * page.pageSize, page.pageSize);
  const [history, setHistory] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<{ event: EventItem; action: 'approve' | 'reject' | 'cancel' } | null>(null);
  const columns: TableColumnsType<EventItem> = [
    { title: t('customers.customer'), render: (_, e) => <span data-testid="event-customer">{`${e.customer_name} (${e.customer_account_name})`}</span> },
    { title: t('customers.eventKind'), render: (_, e) => <EventKind e={e} /> },
    { title: t('customers.initiator'), dataIndex: 'initiator', render: (v: EventItem['initiator']) => t(`customers.initiatorName.${v}`) },
    { title: t('customers.status'), dataIndex: 'status', render: (v: string) => <EventStatusTag status={v} /> },
    { title: t('customers.reason'), dataIndex: 'reason', ellipsis: true },
    { title: t('customers.requestedAt'), dataIndex: 'requested_at', render: (v: string) => formatDateTime(v) },
    { title: t('customers.dueAt'), dataIndex: 'due_at', render: (v: string | null) => (v ? formatDateTime(v) : '—') },
    {
      title: t('customers.actions'),
      render: (_, e) => (
        <Space size={0}>
          <Button type="link" size="small" data-testid="event-history-open" onClick={() => setHistory(e.id)}>
            {t('customers.history')}
          </Button>
          {admin && e.status === 'PENDING_PARTNER' && (
            <>
              <Button type="link" size="small" data-testid="event-approve" onClick={() => setDeciding({ event: e, action: 'approve' })}>
                {t('customers.approve')}
              </Button>
              <Button type="link" size="small" danger data-testid="event-reject" onClick={() => setDeciding({ event: e, action: 'reject' })}>
                {t('customers.reject')}
              </Button>
            </>
          )}
          {admin && e.status === 'PENDING_CUSTOMER' && e.initiator === 'partner' && (
            <Button type="link" size="small" danger data-testid="event-cancel" onClick={() => setDeciding({ event: e, action: 'cancel' })}>
              {t('customers.cancelRequest')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        {t('customers.status')}
        <Select
          allowClear
          style={{ width: 200 }}
          value={status}
          onChange={(v) => { setStatus(v); setPage((p) => ({ ...p, current: 1 })); }}
          options={STATUSES.map((s) => ({ value: s, label: t(`customers.eventStatus.${s}`) }))}
          data-testid="event-status-filter"
        />
      </Space>
      <Table<EventItem>
        rowKey="id"
        columns={columns}
        dataSource={events.data?.events ?? []}
        loading={events.isPending}
        data-testid="event-table"
        scroll={{ x: 'max-content' }}
        pagination={{ ...page, total: events.data?.count ?? 0, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
      />
      {history && <EventHistoryDrawer id={history} onClose={() => setHistory(null)} />}
      {deciding && <DecideModal event={deciding.event} action={deciding.action} onClose={() => setDeciding(null)} />}
    </>
  );
}
