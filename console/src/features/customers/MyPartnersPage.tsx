// 我的合作伙伴 (menu customer.partners), for a customer: the current partner and association type,
// account check + request disassociation, partner requests to agree or reject, on-behalf
// authorizations to agree, reject or revoke, and the association records.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Modal, Result, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EventHistoryDrawer, EventKind } from './AssociationRecordsPanel.tsx';
import {
  useDecideAuthorization,
  useDecidePartnerRequest,
  useMyAccountCheck,
  useMyAuthorizations,
  useMyDisassociation,
  useMyEvents,
  useMyPartner,
  type AuthorizationItem,
  type AuthorizationScope,
  type EventItem,
} from './api.ts';
import { AuthorizationStatusTag, BlockerList, EventStatusTag, typeLabel } from './dialogs.tsx';

function DisassociateModal({ partnerName, resale, onClose }: { partnerName: string; resale: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const check = useMyAccountCheck();
  const request = useMyDisassociation();
  const [reason, setReason] = useState('');
  const [done, setDone] = useState(false);
  const { mutate } = check;
  useEffect(() => mutate(), [mutate]);
  const passed = check.data?.passed === true;
  return (
    <Modal
      open
      title={t('myPartners.requestDisassociation')}
      onCancel={onClose}
      footer={
        done
          ? [<Button key="c" onClick={onClose} data-testid="my-disassociate-close">{t('common.close')}</Button>]
          : [
              <Button key="x" onClick={onClose}>{t('common.cancel')}</Button>,
              <Button
                key="ok"
                type="primary"
                danger
                disabled={!passed || !reason.trim()}
                loading={request.isPending}
                data-testid="my-disassociate-submit"
                onClick={() => request.mutate(reason.trim(), { onSuccess: () => setDone(true) })}
              >
                {t('myPartners.submitRequest')}
              </Button>,
            ]
      }
    >
      {done ? (
        <div data-testid="my-disassociate-done"><Result status="success" title={t('myPartners.requestSent')} subTitle={t('myPartners.requestSentHelp', { partner: partnerName })} /></div>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>{t(resale ? 'myPartners.disassociateResaleHelp' : 'myPartners.disassociateHelp', { partner: partnerName })}</Typography.Paragraph>
          <Typography.Text strong>{t('customers.accountCheck')}</Typography.Text>
          {check.isPending && <Typography.Text type="secondary">{t('app.loading')}</Typography.Text>}
          {check.data && <BlockerList blockers={check.data.blockers} />}
          {passed && (
            <Form layout="vertical">
              <Form.Item label={t('customers.reason')} required>
                <Input.TextArea rows={3} maxLength={512} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="my-disassociate-reason" />
              </Form.Item>
            </Form>
          )}
        </Space>
      )}
    </Modal>
  );
}

function DecideRequestModal({ event, action, onClose }: { event: EventItem; action: 'agree' | 'reject'; onClose: () => void }) {
  const { t } = useTranslation();
  const decide = useDecidePartnerRequest();
  const [reason, setReason] = useState('');
  return (
    <Modal
      open
      title={action === 'agree' ? t('myPartners.agree') : t('myPartners.reject')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: action === 'reject', 'data-testid': 'my-request-confirm' } as never}
      confirmLoading={decide.isPending}
      onCancel={onClose}
      onOk={() => decide.mutate({ id: event.id, action, reason: reason.trim() }, { onSuccess: onClose })}
    >
      <Typography.Paragraph>
        {action === 'agree'
          ? event.kind === 'switch_type'
            ? t('myPartners.agreeSwitchHelp', { partner: event.partner_name, from: typeLabel(t, event.from_type), to: typeLabel(t, event.to_type ?? '') })
            : t('myPartners.agreeDisassociateHelp', { partner: event.partner_name })
          : t('myPartners.rejectHelp', { partner: event.partner_name })}
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('customers.decisionReason')}>
          <Input.TextArea rows={2} maxLength={512} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function MyPartnersPage() {
  const { t } = useTranslation();
  const me = useSession();
  const can = (code: string) => me.permissions.includes(code);
  const mine = useMyPartner();
  const auths = useMyAuthorizations();
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const events = useMyEvents((page.current - 1) * page.pageSize, page.pageSize);
  const decideAuth = useDecideAuthorization();
  const { modal } = App.useApp();
  const confirmAuth = (a: AuthorizationItem, action: 'agree' | 'reject' | 'revoke') =>
    modal.confirm({
      title: t(`myPartners.auth_${action}_confirm`, { partner: a.partner_name, days: a.duration_days }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: action !== 'agree', 'data-testid': 'my-auth-confirm' } as never,
      onOk: () => decideAuth.mutateAsync({ id: a.id, action }),
    });
  const [disassociating, setDisassociating] = useState(false);
  const [deciding, setDeciding] = useState<{ event: EventItem; action: 'agree' | 'reject' } | null>(null);
  const [history, setHistory] = useState<string | null>(null);
  const partner = mine.data?.partner;
  const pending = mine.data?.pending_events ?? [];
  const ownPending = (events.data?.events ?? []).some((e) => e.status === 'PENDING_PARTNER');

  const requestColumns: TableColumnsType<EventItem> = [
    { title: t('customers.partner'), dataIndex: 'partner_name' },
    { title: t('customers.eventKind'), render: (_, e) => <EventKind e={e} /> },
    { title: t('customers.reason'), dataIndex: 'reason' },
    { title: t('customers.requestedAt'), dataIndex: 'requested_at', render: (v: string) => formatDateTime(v) },
    { title: t('customers.dueAt'), dataIndex: 'due_at', render: (v: string | null) => (v ? formatDateTime(v) : '—') },
    {
      title: t('customers.actions'),
      render: (_, e) =>
        can('BPC_ITEM_MYPARTNER_010101') && e.status === 'PENDING_CUSTOMER' ? (
          <Space size={0}>
            <Button type="link" size="small" data-testid="my-request-agree" onClick={() => setDeciding({ event: e, action: 'agree' })}>
              {t('myPartners.agree')}
            </Button>
            <Button type="link" size="small" danger data-testid="my-request-reject" onClick={() => setDeciding({ event: e, action: 'reject' })}>
              {t('myPartners.reject')}
            </Button>
          </Space>
        ) : null,
    },
  ];
  const authColumns: TableColumnsType<AuthorizationItem> = [
    { title: t('customers.partner'), dataIndex: 'partner_name' },
    { title: t('customers.scopes'), dataIndex: 'scopes', render: (v: string[]) => v.map((s) => <Tag key={s}>{t(`customers.scope.${s as AuthorizationScope}`)}</Tag>) },
    { title: t('customers.durationDays'), dataIndex: 'duration_days' },
    { title: t('customers.status'), dataIndex: 'status', render: (v: string, a) => <Space><AuthorizationStatusTag status={v} />{a.expiry_warning && <Tag color="warning">{t('customers.expiresSoon')}</Tag>}</Space> },
    { title: t('customers.expiresAt'), dataIndex: 'expires_at', render: (v: string | null) => (v ? formatDateTime(v) : '—') },
    { title: t('customers.reason'), dataIndex: 'reason', render: (v: string) => v || '—' },
    {
      title: t('customers.actions'),
      render: (_, a) =>
        !can('BPC_ITEM_MYPARTNER_010102') ? null : a.status === 'REQUESTED' ? (
          <Space size={0}>
            <Button type="link" size="small" data-testid="my-auth-agree" onClick={() => confirmAuth(a, 'agree')}>
              {t('myPartners.agree')}
            </Button>
            <Button type="link" size="small" danger data-testid="my-auth-reject" onClick={() => confirmAuth(a, 'reject')}>
              {t('myPartners.reject')}
            </Button>
          </Space>
        ) : a.status === 'AUTHORIZED' ? (
          <Button type="link" size="small" danger data-testid="my-auth-revoke" onClick={() => confirmAuth(a, 'revoke')}>
            {t('myPartners.revoke')}
          </Button>
        ) : null,
    },
  ];
  const eventColumns: TableColumnsType<EventItem> = [
    { title: t('customers.partner'), dataIndex: 'partner_name' },
    { title: t('customers.eventKind'), render: (_, e) => <EventKind e={e} /> },
    { title: t('customers.initiator'), dataIndex: 'initiator', render: (v: EventItem['initiator']) => t(`customers.initiatorName.${v}`) },
    { title: t('customers.status'), dataIndex: 'status', render: (v: string) => <EventStatusTag status={v} /> },
    { title: t('customers.requestedAt'), dataIndex: 'requested_at', render: (v: string) => formatDateTime(v) },
    {
      title: t('customers.actions'),
      render: (_, e) => (
        <Button type="link" size="small" onClick={() => setHistory(e.id)}>
          {t('customers.history')}
        </Button>
      ),
    },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="my-partners-page">
      <Card>
        <PageHeader
          title={t('myPartners.title')}
          extra={
            partner && can('BPC_ITEM_MYPARTNER_010101') ? (
              <Button danger disabled={ownPending} onClick={() => setDisassociating(true)} data-testid="my-disassociate">
                {t('myPartners.requestDisassociation')}
              </Button>
            ) : undefined
          }
        />
        {mine.isPending ? null : partner ? (
          <>
            {ownPending && <div data-testid="my-pending-own"><Alert type="info" showIcon title={t('myPartners.pendingOwn')} style={{ marginBottom: 12 }} /></div>}
            <Descriptions bordered size="small" column={2}>
              <Descriptions.Item label={t('customers.partner')}>
                <span data-testid="my-partner-name">{partner.partner_name}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('customers.associationType')}>
                <span data-testid="my-partner-type">{typeLabel(t, partner.association_type)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('customers.associatedOn')}>{formatDateTime(partner.associated_on)}</Descriptions.Item>
              <Descriptions.Item label={t('customers.frozen')}>{partner.is_frozen ? <Tag color="error">{t('customers.frozenAccount')}</Tag> : <Tag>{t('customers.notFrozen')}</Tag>}</Descriptions.Item>
            </Descriptions>
          </>
        ) : (
          <div data-testid="my-no-partner"><Empty description={t('myPartners.noPartner')} /></div>
        )}
      </Card>
      <Card title={t('myPartners.pendingRequests')}>
        <Table<EventItem> rowKey="id" size="small" columns={requestColumns} dataSource={pending} loading={mine.isPending} pagination={false} data-testid="my-requests" />
      </Card>
      <Card title={t('customers.authorizations')}>
        <Table<AuthorizationItem> rowKey="id" size="small" columns={authColumns} dataSource={auths.data ?? []} loading={auths.isPending} pagination={false} data-testid="my-authorizations" />
      </Card>
      <Card title={t('customers.recordsTab')}>
        <Table<EventItem>
          rowKey="id"
          size="small"
          columns={eventColumns}
          dataSource={events.data?.events ?? []}
          loading={events.isPending}
          data-testid="my-events"
          pagination={{ ...page, total: events.data?.count ?? 0, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
        />
      </Card>
      {disassociating && partner && <DisassociateModal partnerName={partner.partner_name} resale={partner.association_type === '2'} onClose={() => setDisassociating(false)} />}
      {deciding && <DecideRequestModal event={deciding.event} action={deciding.action} onClose={() => setDeciding(null)} />}
      {history && <EventHistoryDrawer id={history} onClose={() => setHistory(null)} />}
    </Space>
  );
}
