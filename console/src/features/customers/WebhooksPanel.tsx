// 事件推送 (Webhook): the endpoint that receives association, disassociation, type-switch and
// authorization events (signed), the delivery log with attempts, and manual re-delivery.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Drawer, Form, Input, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors.ts';
import { formatDateTime } from '../../components/format.ts';
import { useDeleteWebhookEndpoint, useDeliveries, useDeliveryDetail, useRedeliver, useSaveWebhookEndpoint, useWebhookEndpoint, type DeliveryItem } from './api.ts';

const DELIVERY_COLOR: Record<string, string> = { pending: 'processing', delivered: 'success', failed: 'error' };
function DeliveryStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={DELIVERY_COLOR[status]}>{status in DELIVERY_COLOR ? t(`webhooks.status.${status as 'pending'}`) : status}</Tag>;
}

function EndpointCard() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const endpoint = useWebhookEndpoint();
  const save = useSaveWebhookEndpoint();
  const remove = useDeleteWebhookEndpoint();
  const [url, setUrl] = useState('');
  const [enabled, setEnabled] = useState(true);
  const [secret, setSecret] = useState<string | null>(null);
  const none = endpoint.error instanceof ApiError && endpoint.error.code === 'HBN.2192';
  useEffect(() => {
    if (endpoint.data) {
      setUrl(endpoint.data.url);
      setEnabled(endpoint.data.enabled);
    }
  }, [endpoint.data]);
  const submit = (rotate: boolean) =>
    save.mutate({ url: url.trim(), enabled, rotate_secret: rotate }, { onSuccess: (r) => { setSecret(r.secret); void message.success(t('webhooks.saved')); } });
  return (
    <Card size="small" title={t('webhooks.endpoint')}>
      <Typography.Paragraph type="secondary">{t('webhooks.help')}</Typography.Paragraph>
      {endpoint.isError && !none && <Alert type="error" showIcon title={endpoint.error.message} style={{ marginBottom: 12 }} />}
      {secret && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('webhooks.secretOnce')}
          description={<Typography.Text copyable code>{secret}</Typography.Text>}
        />
      )}
      <Form layout="vertical">
        <Form.Item label={t('webhooks.url')} required>
          <Input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" maxLength={2048} data-testid="webhook-url" />
        </Form.Item>
        <Form.Item label={t('webhooks.enabled')}>
          <Switch checked={enabled} onChange={setEnabled} />
        </Form.Item>
        <Space>
          <Button type="primary" disabled={!url.trim()} loading={save.isPending} onClick={() => submit(false)} data-testid="webhook-save">
            {t('webhooks.save')}
          </Button>
          {endpoint.data && (
            <Button
              onClick={() =>
                modal.confirm({ title: t('webhooks.rotateConfirm'), okText: t('common.ok'), cancelText: t('common.cancel'), onOk: () => submit(true) })
              }
            >
              {t('webhooks.rotate')}
            </Button>
          )}
          {endpoint.data && (
            <Button
              danger
              onClick={() =>
                modal.confirm({
                  title: t('webhooks.deleteConfirm'),
                  okType: 'danger',
                  okText: t('webhooks.delete'),
                  cancelText: t('common.cancel'),
                  onOk: () => remove.mutateAsync().then(() => { setUrl(''); setSecret(null); }),
                })
              }
            >
              {t('webhooks.delete')}
            </Button>
          )}
        </Space>
        {endpoint.data && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('webhooks.updatedAt', { time: formatDateTime(endpoint.data.updated_at) })}
          </Typography.Paragraph>
        )}
      </Form>
    </Card>
  );
}

function DeliveryDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useDeliveryDetail(id);
  const d = detail.data?.delivery;
  return (
    <Drawer open width={640} title={t('webhooks.delivery')} onClose={onClose}>
      {d && (
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('webhooks.eventType')}>{d.event_type}</Descriptions.Item>
          <Descriptions.Item label={t('customers.status')}><DeliveryStatus status={d.status} /></Descriptions.Item>
          <Descriptions.Item label={t('webhooks.payload')}>
            <Typography.Paragraph code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0 }}>{d.payload}</Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      )}
      <Table
        size="small"
        rowKey="attempted_at"
        pagination={false}
        dataSource={detail.data?.attempts ?? []}
        columns={[
          { title: t('webhooks.attemptedAt'), dataIndex: 'attempted_at', render: (v: string) => formatDateTime(v) },
          { title: t('webhooks.statusCode'), dataIndex: 'status_code', render: (v: number | null) => v ?? '—' },
          { title: t('webhooks.error'), dataIndex: 'error', render: (v: string | null) => v ?? '—' },
          { title: t('webhooks.duration'), dataIndex: 'duration_ms' },
        ]}
      />
    </Drawer>
  );
}

function DeliveriesCard() {
  const { t } = useTranslation();
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const deliveries = useDeliveries((page.current - 1) * page.pageSize, page.pageSize);
  const redeliver = useRedeliver();
  const [open, setOpen] = useState<string | null>(null);
  const columns: TableColumnsType<DeliveryItem> = [
    { title: t('webhooks.eventType'), dataIndex: 'event_type' },
    { title: t('customers.status'), dataIndex: 'status', render: (v: string) => <DeliveryStatus status={v} /> },
    { title: t('webhooks.attempts'), dataIndex: 'attempts' },
    { title: t('webhooks.statusCode'), dataIndex: 'last_status_code', render: (v: number | null) => v ?? '—' },
    { title: t('webhooks.nextAttempt'), dataIndex: 'next_attempt_at', render: (v: string | null) => (v ? formatDateTime(v) : '—') },
    { title: t('customers.createdAt'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v) },
    {
      title: t('customers.actions'),
      render: (_, d) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setOpen(d.id)}>
            {t('customers.history')}
          </Button>
          <Button type="link" size="small" loading={redeliver.isPending && redeliver.variables === d.id} onClick={() => redeliver.mutate(d.id)}>
            {t('webhooks.redeliver')}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <Card size="small" title={t('webhooks.deliveries')}>
      <Table<DeliveryItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={deliveries.data?.deliveries ?? []}
        loading={deliveries.isPending}
        scroll={{ x: 'max-content' }}
        pagination={{ ...page, total: deliveries.data?.count ?? 0, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
      />
      {open && <DeliveryDrawer id={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}

export function WebhooksPanel() {
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="webhooks-panel">
      <EndpointCard />
      <DeliveriesCard />
    </Space>
  );
}
