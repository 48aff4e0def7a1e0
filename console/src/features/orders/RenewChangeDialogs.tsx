// Renewing a paid yearly/monthly order (same specification, further periods) and changing it to
// another specification of the product for the rest of its period. The amount is always the
// server's quote for exactly what will be placed; a refusal (a downgrade, say) shows the server's
// message. The new order is pending payment and opens in the order drawer.
import { useState, type ReactNode } from 'react';
import { Alert, Button, Descriptions, InputNumber, Modal, Select, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';
import { useLang } from '../../i18n/index.ts';
import { ErrorAlert } from '../funds/ErrorAlert.tsx';
import { useOnSaleProducts, usePlaceOrder, useQuote, type ConsoleOrder, type FullOrder, type Quote, type QuoteQuery } from './api.ts';
import { money, periodText, useProductText } from './labels.tsx';
import { MAX_PERIODS } from './PlaceOrderDialog.tsx';

type Order = ConsoleOrder | FullOrder;
type Placed = { order_id: string };

/** A paid yearly/monthly new or renewal order whose period has not ended may be renewed or changed. */
export function renewable(o: Order, now = Date.now()): boolean {
  return o.status === 5 && (o.order_type === 1 || o.order_type === 2) && !o.unsubscribed_by_order_id && (o.period_type === 2 || o.period_type === 3) && Boolean(o.expire_time) && new Date(o.expire_time!).getTime() > now;
}

/** What the quote says will be placed: product, period, service period and amount. */
function QuoteFacts({ quote, testId }: { quote: Quote; testId: string }) {
  const { t } = useTranslation();
  const productText = useProductText();
  return (
    <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }} data-testid={`${testId}-quote`}>
      <Descriptions.Item label={t('orders.product')}>{productText(quote)}</Descriptions.Item>
      <Descriptions.Item label={t('orders.period.label')}>{periodText(t, quote.period_type, quote.period_num)}</Descriptions.Item>
      <Descriptions.Item label={t('orders.quantity')}>{quote.subscription_num}</Descriptions.Item>
      <Descriptions.Item label={t('orders.servicePeriod')}>
        {quote.effective_time ? formatDateTime(quote.effective_time) : t('orders.fromPayment')} – {formatDateTime(quote.expire_time) || '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('orders.amount')}>
        <strong data-testid={`${testId}-amount`}>{money(quote.amount)}</strong>
      </Descriptions.Item>
    </Descriptions>
  );
}

function QuotedOrderDialog({
  order,
  kind,
  query,
  choice,
  onClose,
  onPlaced,
}: {
  order: Order;
  kind: 'renew' | 'change';
  query: QuoteQuery | null;
  choice: ReactNode;
  onClose: () => void;
  onPlaced: (o: Placed) => void;
}) {
  const { t } = useTranslation();
  const productText = useProductText();
  const quote = useQuote(order.order_id, query);
  const place = usePlaceOrder();
  const q = quote.data && !quote.isFetching && !quote.error ? quote.data : null;
  const confirm = () =>
    place
      .mutateAsync({
        order_type: kind,
        product_id: q!.product_id,
        spec_id: q!.spec_id,
        period_num: kind === 'renew' ? q!.period_num : undefined,
        subscription_num: q!.subscription_num,
        base_order_id: order.order_id,
      })
      .then(onPlaced, () => undefined);
  return (
    <Modal
      open
      width={600}
      title={t(kind === 'renew' ? 'orders.renewTitle' : 'orders.changeTitle')}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Space>
          <Button onClick={onClose} data-testid={`${kind}-cancel`}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" loading={place.isPending} disabled={!q} onClick={() => void confirm()} data-testid={`${kind}-confirm`}>
            {t(kind === 'renew' ? 'orders.renewSubmit' : 'orders.changeSubmit')}
          </Button>
        </Space>
      }
    >
      <div data-testid={`${kind}-dialog`}>
        <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('orders.baseOrder')}>{order.order_id}</Descriptions.Item>
          <Descriptions.Item label={t('orders.product')}>{productText(order)}</Descriptions.Item>
          <Descriptions.Item label={t('orders.servicePeriod')}>
            {formatDateTime(order.effective_time)} – {formatDateTime(order.expire_time)}
          </Descriptions.Item>
        </Descriptions>
        {choice}
        {quote.isFetching && <Spin />}
        <ErrorAlert error={quote.error} testId={`${kind}-quote-error`} />
        {q && (
          <>
            <QuoteFacts quote={q} testId={kind} />
            <Typography.Paragraph data-testid={`${kind}-summary`}>
              {kind === 'renew'
                ? t('orders.renewConfirmText', { product: productText(q), period: periodText(t, q.period_type, q.period_num), amount: money(q.amount) })
                : t('orders.changeConfirmText', { product: productText(q), until: formatDateTime(q.expire_time), amount: money(q.amount) })}
            </Typography.Paragraph>
          </>
        )}
        <ErrorAlert error={place.error} testId={`${kind}-error`} />
      </div>
    </Modal>
  );
}

/** Renew for more periods of the same specification and quantity; the renewal continues the paid period. */
export function RenewDialog({ order, onClose, onPlaced }: { order: Order; onClose: () => void; onPlaced: (o: Placed) => void }) {
  const { t } = useTranslation();
  const [periods, setPeriods] = useState<number | null>(1);
  const unit = order.period_type === 3 ? 'year' : 'month';
  const query = periods ? { type: 'renew' as const, period_num: periods, subscription_num: order.subscription_num } : null;
  return (
    <QuotedOrderDialog
      order={order}
      kind="renew"
      query={query}
      onClose={onClose}
      onPlaced={onPlaced}
      choice={
        <Space style={{ marginBottom: 12 }}>
          {t(unit === 'year' ? 'orders.years' : 'orders.months')}
          <InputNumber min={1} max={MAX_PERIODS[unit]} precision={0} value={periods} onChange={setPeriods} data-testid="renew-period" />
        </Space>
      }
    />
  );
}

/** Change to another specification of the product billed in the same unit; the server refuses downgrades. */
export function ChangeSpecDialog({ order, onClose, onPlaced }: { order: Order; onClose: () => void; onPlaced: (o: Placed) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const products = useOnSaleProducts(true);
  const [specId, setSpecId] = useState<string | undefined>();
  const unit = order.period_type === 3 ? 'year' : 'month';
  const specs = (products.data?.find((p) => p.id === order.product_id)?.specs ?? []).filter((s) => s.billing_mode === 'yearly_monthly' && s.price_unit === unit && s.id !== order.spec_id);
  const query = specId ? { type: 'change' as const, spec_id: specId, subscription_num: order.subscription_num } : null;
  return (
    <QuotedOrderDialog
      order={order}
      kind="change"
      query={query}
      onClose={onClose}
      onPlaced={onPlaced}
      choice={
        <>
          <Typography.Paragraph type="secondary">{t('orders.changeRules')}</Typography.Paragraph>
          {products.data && specs.length === 0 ? (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('orders.noOtherSpecs')} data-testid="change-no-specs" />
          ) : (
            <Select
              style={{ width: '100%', marginBottom: 12 }}
              loading={products.isPending}
              placeholder={t('orders.pickNewSpec')}
              value={specId}
              onChange={setSpecId}
              data-testid="change-spec"
              options={specs.map((s) => ({ value: s.id, label: `${lang === 'en' ? s.name_en : s.name_zh} · ${money(s.list_price)}/${t(`catalog.unit.${s.price_unit}`)}` }))}
            />
          )}
        </>
      }
    />
  );
}
