// The customer's order actions: pay from its own balance (with the vouchers the server offers
// for the order), ask its partner to pay (请他付款) or withdraw that request, cancel an unpaid
// order, unsubscribe a paid one. Each dialog states the amount and the parties, and shows a
// refusal in place with the server's message.
import { useState } from 'react';
import { Alert, Button, Checkbox, Descriptions, Empty, Input, Modal, Result, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { formatDateTime } from '../../components/format.ts';
import { ErrorAlert } from '../funds/ErrorAlert.tsx';
import { useMyPartner } from '../customers/api.ts';
import {
  newClientToken,
  useAskPartner,
  useCancelOrder,
  useMyBalance,
  useOrderCoupons,
  usePayOrder,
  useUnsubscribe,
  useWithdrawApplication,
  type ConsoleOrder,
  type Unsubscribed,
} from './api.ts';
import { money, useProductText } from './labels.tsx';

type Order = Pick<ConsoleOrder, 'order_id' | 'spec_desc' | 'product_name_zh' | 'product_name_en' | 'spec_name_zh' | 'spec_name_en' | 'amount_after_discount' | 'official_amount' | 'pending_payment_end_time' | 'partner_pay_status' | 'invoice_id' | 'is_yanxuan'>;

function OrderFacts({ order }: { order: Order }) {
  const { t } = useTranslation();
  const productText = useProductText();
  return (
    <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
      <Descriptions.Item label={t('orders.orderId')}>{order.order_id}</Descriptions.Item>
      <Descriptions.Item label={t('orders.product')}>{productText(order)}</Descriptions.Item>
      <Descriptions.Item label={t('orders.amount')}>
        <strong data-testid="dialog-amount">{money(order.amount_after_discount)}</strong>
      </Descriptions.Item>
    </Descriptions>
  );
}

/** Pay from the customer's own balance; vouchers only as the server lists them for this order. */
export function PayDialog({ order, onClose }: { order: Order; onClose: () => void }) {
  const { t } = useTranslation();
  const balance = useMyBalance(true);
  const coupons = useOrderCoupons(order.order_id);
  const pay = usePayOrder();
  const [picked, setPicked] = useState<string[]>([]);
  const [clientToken] = useState(newClientToken);
  const [done, setDone] = useState(false);
  const offered = coupons.data?.user_coupons ?? [];

  const submit = async () => {
    const couponIds = offered.filter((c) => picked.includes(c.coupon_id)).map((c) => ({ id: c.coupon_id, type: c.coupon_type }));
    await pay.mutateAsync({ orderId: order.order_id, couponIds, clientToken }).then(() => setDone(true), () => undefined);
  };

  return (
    <Modal
      open
      title={t('orders.payTitle')}
      onCancel={onClose}
      maskClosable={false}
      footer={<DialogFooter testId="pay" done={done} okText={t('orders.payNow')} loading={pay.isPending} onOk={() => void submit()} onClose={onClose} />}
    >
      <div data-testid="pay-dialog">
        {done ? (
          <div data-testid="pay-done">
            <Result status="success" title={t('orders.paidTitle')} subTitle={t('orders.paidText', { amount: money(order.amount_after_discount) })} />
          </div>
        ) : (
          <>
            <OrderFacts order={order} />
            {order.partner_pay_status === 'PENDING' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('orders.payWhilePending')} />}
            <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('orders.payFrom')}>{t('orders.ownBalance')}</Descriptions.Item>
              <Descriptions.Item label={t('orders.balance')}>
                <span data-testid="pay-balance">{balance.data ? money(balance.data.balance) : '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.deadline')}>{formatDateTime(order.pending_payment_end_time)}</Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5}>{t('orders.vouchers')}</Typography.Title>
            {coupons.isPending ? (
              <Spin />
            ) : offered.length === 0 ? (
              <div data-testid="pay-no-vouchers">
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orders.noVouchers')} />
              </div>
            ) : (
              <Checkbox.Group value={picked} onChange={(v) => setPicked(v as string[])} style={{ display: 'flex', flexDirection: 'column', gap: 4 }} data-testid="pay-vouchers">
                {offered.map((c) => (
                  <Checkbox key={c.coupon_id} value={c.coupon_id}>
                    {t('orders.voucherLine', { id: c.coupon_id, balance: money(c.balance), expires: formatDateTime(c.expire_time) })}
                  </Checkbox>
                ))}
              </Checkbox.Group>
            )}
            <ErrorAlert error={coupons.error} testId="pay-coupons-error" />
            <Typography.Paragraph style={{ marginTop: 12 }} data-testid="pay-summary">
              {t('orders.payConfirmText', { amount: money(order.amount_after_discount) })}
            </Typography.Paragraph>
            <ErrorAlert error={pay.error} testId="pay-error" />
          </>
        )}
      </div>
    </Modal>
  );
}

/** 请他付款: the request goes to the customer's current partner. */
export function AskPartnerDialog({ order, onClose }: { order: Order; onClose: () => void }) {
  const { t } = useTranslation();
  const partner = useMyPartner();
  const ask = useAskPartner();
  const [reason, setReason] = useState('');
  const [done, setDone] = useState(false);
  const name = partner.data?.partner?.partner_name;
  return (
    <Modal
      open
      title={t('orders.askTitle')}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <DialogFooter
          testId="ask"
          done={done}
          okText={t('orders.askSend')}
          loading={ask.isPending}
          disabled={!name}
          onOk={() => ask.mutateAsync({ orderId: order.order_id, reason: reason.trim() || undefined }).then(() => setDone(true), () => undefined)}
          onClose={onClose}
        />
      }
    >
      <div data-testid="ask-dialog">
        {done ? (
          <Result status="success" title={t('orders.askSentTitle')} subTitle={t('orders.askSentText', { partner: name ?? '' })} />
        ) : (
          <>
            <OrderFacts order={order} />
            {partner.isPending ? (
              <Spin />
            ) : name ? (
              <Typography.Paragraph data-testid="ask-summary">{t('orders.askText', { partner: name, amount: money(order.amount_after_discount) })}</Typography.Paragraph>
            ) : (
              <Alert type="warning" showIcon title={t('orders.noPartner')} />
            )}
            <Input.TextArea rows={2} maxLength={200} showCount placeholder={t('orders.askMessage')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="ask-message" />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('orders.askRules')}
            </Typography.Paragraph>
            <ErrorAlert error={ask.error} testId="ask-error" />
          </>
        )}
      </div>
    </Modal>
  );
}

/** Simple yes/no actions that still show the server's refusal in place. */
function ConfirmAction({
  title,
  text,
  okText,
  danger,
  run,
  onClose,
  testId,
  warning,
  keepOpen,
}: {
  title: string;
  text: string;
  okText: string;
  danger?: boolean;
  run: () => Promise<unknown>;
  onClose: () => void;
  testId: string;
  /** Shown instead of allowing the action (a refusal known before asking). */
  warning?: string;
  /** The caller shows the result itself. */
  keepOpen?: boolean;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            danger={danger}
            loading={busy}
            disabled={Boolean(warning)}
            data-testid={`${testId}-confirm`}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                await run();
                if (!keepOpen) onClose();
              } catch (e) {
                setError(e);
              } finally {
                setBusy(false);
              }
            }}
          >
            {okText}
          </Button>
        </Space>
      }
    >
      <div data-testid={`${testId}-dialog`}>
        {warning && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={warning} data-testid={`${testId}-refused`} />}
        <Typography.Paragraph>{text}</Typography.Paragraph>
        <ErrorAlert error={error} testId={`${testId}-error`} />
      </div>
    </Modal>
  );
}

export function CancelOrderDialog({ order, onClose }: { order: Order; onClose: () => void }) {
  const { t } = useTranslation();
  const cancel = useCancelOrder();
  return (
    <ConfirmAction
      testId="cancel-order"
      title={t('orders.cancelTitle')}
      text={t(order.partner_pay_status === 'PENDING' ? 'orders.cancelTextPending' : 'orders.cancelText', { id: order.order_id, amount: money(order.amount_after_discount) })}
      okText={t('orders.cancelOrder')}
      danger
      run={() => cancel.mutateAsync(order.order_id)}
      onClose={onClose}
    />
  );
}

export function WithdrawApplicationDialog({ order, onClose }: { order: Order; onClose: () => void }) {
  const { t } = useTranslation();
  const withdraw = useWithdrawApplication();
  return (
    <ConfirmAction
      testId="withdraw"
      title={t('orders.withdrawTitle')}
      text={t('orders.withdrawText', { id: order.order_id })}
      okText={t('orders.withdraw')}
      run={() => withdraw.mutateAsync(order.order_id)}
      onClose={onClose}
    />
  );
}

/** Unsubscribe a paid order; refused up front (and by the server) once it has been invoiced. */
export function UnsubscribeDialog({ order, onClose }: { order: Order; onClose: () => void }) {
  const { t } = useTranslation();
  const unsubscribe = useUnsubscribe();
  const [clientToken] = useState(newClientToken);
  const [result, setResult] = useState<Unsubscribed | null>(null);
  if (result) {
    return (
      <Modal open title={t('orders.unsubscribeTitle')} onCancel={onClose} footer={<Button type="primary" onClick={onClose}>{t('common.close')}</Button>}>
        <div data-testid="unsubscribe-done">
          <Result status="success" title={t('orders.unsubscribedTitle', { id: result.order_id })} subTitle={t('orders.unsubscribedText', { amount: money(result.refund_amount) })} />
        </div>
      </Modal>
    );
  }
  return (
    <ConfirmAction
      testId="unsubscribe"
      title={t('orders.unsubscribeTitle')}
      text={t('orders.unsubscribeText', { id: order.order_id, amount: money(order.amount_after_discount) })}
      okText={t('orders.unsubscribe')}
      danger
      warning={order.invoice_id ? t('orders.invoicedRefusal', { invoice: order.invoice_id }) : undefined}
      keepOpen
      run={async () => setResult(await unsubscribe.mutateAsync({ orderId: order.order_id, clientToken }))}
      onClose={onClose}
    />
  );
}
