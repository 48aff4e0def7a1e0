// One order in full: amounts, payment deadline, partner payment, the 严选 price changes the
// customer sees before paying, the order lines (Huawei's details operation) and the history.
import type { ReactNode } from 'react';
import { Alert, Descriptions, Drawer, Empty, Space, Spin, Table, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';
import { ErrorAlert } from '../funds/ErrorAlert.tsx';
import { useOrder, useOrderLines, type FullOrder, type OrderLine } from './api.ts';
import { actionText, money, PartnerPayTag, periodText, StatusTag, statusText, typeText, useProductText } from './labels.tsx';
import { useLang } from '../../i18n/index.ts';

export function OrderDrawer({ orderId, onClose, actions }: { orderId: string | null; onClose: () => void; actions?: (order: FullOrder) => ReactNode }) {
  const { t } = useTranslation();
  const lang = useLang();
  const productText = useProductText();
  const order = useOrder(orderId);
  const lines = useOrderLines(orderId);
  const o = order.data;
  const pending = o?.status === 6;
  const adjusted = o?.price_adjustments.at(-1);

  return (
    <Drawer
      open={Boolean(orderId)}
      onClose={onClose}
      size="large"
      title={<span data-testid="order-drawer-title">{t('orders.detailsTitle', { id: orderId ?? '' })}</span>}
      destroyOnHidden
      extra={o && <span data-testid="order-drawer-actions">{actions?.(o)}</span>}
    >
      <div data-testid="order-drawer">
        <ErrorAlert error={order.error} testId="order-error" />
        {order.isPending && <Spin />}
        {o && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {pending && adjusted && (
              <Alert
                type="info"
                showIcon
                data-testid="order-price-adjusted"
                title={t('orders.priceAdjustedTitle')}
                description={t('orders.priceAdjustedText', { from: money(adjusted.from_amount), to: money(adjusted.to_amount), list: money(o.official_amount) })}
              />
            )}
            {o.partner_pay_status === 'REJECTED' && pending && (
              <Alert type="warning" showIcon title={t('orders.rejectedTitle')} description={o.partner_pay_reason ? t('orders.rejectedReason', { reason: o.partner_pay_reason }) : t('orders.rejectedNoReason')} />
            )}
            <Descriptions size="small" bordered column={2} data-testid="order-summary">
              <Descriptions.Item label={t('orders.orderId')} span={2}>
                <Typography.Text copyable data-testid="order-drawer-id">
                  {o.order_id}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.product')} span={2}>
                {productText(o)}
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.orderType')}>{typeText(t, o.order_type)}</Descriptions.Item>
              <Descriptions.Item label={t('orders.statusLabel')}>
                <StatusTag status={o.status} />
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.period.label')}>{periodText(t, o.period_type, o.period_num)}</Descriptions.Item>
              <Descriptions.Item label={t('orders.quantity')}>{o.subscription_num}</Descriptions.Item>
              <Descriptions.Item label={t('orders.officialAmount')}>{money(o.official_amount)}</Descriptions.Item>
              <Descriptions.Item label={t('orders.amount')}>
                <strong data-testid="order-amount">{money(o.amount_after_discount)}</strong>
              </Descriptions.Item>
              {o.amount_info.coupon_amount > 0 && <Descriptions.Item label={t('orders.couponAmount')}>{money(o.amount_info.coupon_amount)}</Descriptions.Item>}
              {o.refunded_amount > 0 && <Descriptions.Item label={t('orders.refunded')}>{money(o.refunded_amount)}</Descriptions.Item>}
              <Descriptions.Item label={t('orders.createdAt')}>{formatDateTime(o.create_time)}</Descriptions.Item>
              {pending ? (
                <Descriptions.Item label={t('orders.deadline')}>
                  <span data-testid="order-deadline">{formatDateTime(o.pending_payment_end_time)}</span>
                </Descriptions.Item>
              ) : (
                <Descriptions.Item label={t('orders.paidAt')}>{formatDateTime(o.payment_time) || '—'}</Descriptions.Item>
              )}
              <Descriptions.Item label={t('orders.partnerPayLabel')}>
                <PartnerPayTag status={o.partner_pay_status} />
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.payer')}>{o.payer ? t(`orders.payerKind.${o.payer}`) : '—'}</Descriptions.Item>
              {o.effective_time && (
                <Descriptions.Item label={t('orders.servicePeriod')} span={2}>
                  {formatDateTime(o.effective_time)} – {formatDateTime(o.expire_time) || '—'}
                </Descriptions.Item>
              )}
              {o.invoice_id && <Descriptions.Item label={t('orders.invoice')}>{o.invoice_id}</Descriptions.Item>}
              {o.unsubscribed_by_order_id && <Descriptions.Item label={t('orders.unsubscribedBy')}>{o.unsubscribed_by_order_id}</Descriptions.Item>}
              {o.base_order_id && <Descriptions.Item label={t('orders.baseOrder')}>{o.base_order_id}</Descriptions.Item>}
            </Descriptions>

            <Typography.Title level={5}>{t('orders.lines')}</Typography.Title>
            <Table<OrderLine>
              size="small"
              rowKey="order_line_item_id"
              pagination={false}
              loading={lines.isPending}
              dataSource={lines.data ?? []}
              data-testid="order-lines"
              columns={[
                // The one line is the order's product: its names in the reader's language.
                { title: t('orders.service'), dataIndex: 'service_type_name', render: () => (lang === 'en' ? o.product_name_en : o.product_name_zh) },
                { title: t('orders.spec'), dataIndex: 'product_spec_desc', render: () => (lang === 'en' ? o.spec_name_en : o.spec_name_zh) },
                { title: t('orders.period.label'), render: (_, l) => periodText(t, l.period_type, l.period_num) },
                { title: t('orders.quantity'), dataIndex: 'subscription_num' },
                { title: t('orders.officialAmount'), dataIndex: 'official_amount', align: 'right', render: money },
                { title: t('orders.amount'), dataIndex: 'amount_after_discount', align: 'right', render: money },
              ]}
            />

            {o.price_adjustments.length > 0 && (
              <>
                <Typography.Title level={5}>{t('orders.priceChanges')}</Typography.Title>
                <Table
                  size="small"
                  rowKey="at"
                  pagination={false}
                  dataSource={o.price_adjustments}
                  columns={[
                    { title: t('orders.changedAt'), dataIndex: 'at', render: formatDateTime },
                    { title: t('orders.fromAmount'), dataIndex: 'from_amount', align: 'right', render: money },
                    { title: t('orders.toAmount'), dataIndex: 'to_amount', align: 'right', render: money },
                  ]}
                />
              </>
            )}

            <Typography.Title level={5}>{t('orders.history')}</Typography.Title>
            {o.history.length === 0 ? (
              <Empty />
            ) : (
              <Timeline
                items={o.history.map((h) => ({
                  children: (
                    <span>
                      {formatDateTime(h.at)} · {actionText(t, h.action)} · {statusText(t, h.to_status)}
                      {h.reason ? ` · ${h.reason}` : ''}
                    </span>
                  ),
                }))}
              />
            )}
          </Space>
        )}
      </div>
    </Drawer>
  );
}
