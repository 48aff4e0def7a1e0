// How orders read on every page: Huawei's status and type codes, the partner-payment state, the
// billing period and amounts.
import { Space, Tag, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';
import { useLang } from '../../i18n/index.ts';
import { yuanText } from '../funds/money.ts';
import type { ConsoleOrder } from './api.ts';

export const ORDER_STATUSES = [6, 5, 4] as const;
export const ORDER_TYPES = [1, 2, 3, 4] as const;
export const PARTNER_PAY_STATES = ['PENDING', 'PAID', 'REJECTED', 'CANCELLED', 'EXPIRED'] as const;
export type PartnerPayState = (typeof PARTNER_PAY_STATES)[number];

const STATUS_COLOR: Record<number, string> = { 4: 'default', 5: 'success', 6: 'warning' };
const PARTNER_PAY_COLOR: Record<PartnerPayState, string> = { PENDING: 'processing', PAID: 'success', REJECTED: 'error', CANCELLED: 'default', EXPIRED: 'default' };

export function statusText(t: TFunction, status: number): string {
  return ORDER_STATUSES.includes(status as 4) ? t(`orders.status.${status as 4 | 5 | 6}`) : String(status);
}

export function typeText(t: TFunction, type: number): string {
  return ORDER_TYPES.includes(type as 1) ? t(`orders.type.${type as 1 | 2 | 3 | 4}`) : String(type);
}

export function StatusTag({ status }: { status: number }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status] ?? 'default'} data-testid="order-status">
      {statusText(t, status)}
    </Tag>
  );
}

export function PartnerPayTag({ status }: { status: PartnerPayState | null }) {
  const { t } = useTranslation();
  if (!status) return <>—</>;
  return (
    <Tag color={PARTNER_PAY_COLOR[status]} data-testid="partner-pay-status">
      {t(`orders.partnerPay.${status}`)}
    </Tag>
  );
}

/** "3 months", "1 year", "one-off" (Huawei period_type 2 month, 3 year, 5 one-off). */
export function periodText(t: TFunction, periodType: number, periodNum: number | null): string {
  if (periodType === 3) return t('orders.period.years', { count: periodNum ?? 1 });
  if (periodType === 2) return t('orders.period.months', { count: periodNum ?? 1 });
  return t('orders.period.oneOff');
}

const HISTORY_ACTIONS = ['place', 'pay', 'cancel', 'expire', 'apply_partner_payment', 'cancel_partner_payment', 'partner_pay', 'reject_partner_payment', 'adjust_price', 'unsubscribe'] as const;

/** A step of an order's history; an action this console does not know shows as its code. */
export function actionText(t: TFunction, action: string): string {
  return HISTORY_ACTIONS.includes(action as 'pay') ? t(`orders.action.${action as (typeof HISTORY_ACTIONS)[number]}`) : action;
}

export const money = (v: number | null | undefined) => `¥${yuanText(v)}`;

export function partyName(name: string, account: string): string {
  return name && account ? `${name} (${account})` : name || account || '—';
}

/** An order's product as the console lists it: the catalogue's names carry both languages, older answers only the Chinese snapshot. */
type Named = { spec_desc?: string; product_name_zh?: string; product_name_en?: string; spec_name_zh?: string; spec_name_en?: string };

/** "Product / specification" in the reader's language. */
export function useProductText(): (o: Named) => string {
  const lang = useLang();
  return (o) => {
    const product = lang === 'en' ? o.product_name_en : o.product_name_zh;
    const spec = lang === 'en' ? o.spec_name_en : o.spec_name_zh;
    return product !== undefined && spec !== undefined ? `${product} / ${spec}` : (o.spec_desc ?? '');
  };
}

/** The columns every order list shows after its own: product, type, status, partner payment, amount, time. */
export function useOrderColumns(): TableColumnsType<ConsoleOrder> {
  const { t } = useTranslation();
  const productText = useProductText();
  return [
    {
      title: t('orders.product'),
      dataIndex: 'spec_desc',
      render: (_: string, o) => (
        <Space size={4}>
          {productText(o)}
          {o.is_yanxuan && <Tag color="gold">严选</Tag>}
        </Space>
      ),
    },
    { title: t('orders.orderType'), dataIndex: 'order_type', render: (v: number) => typeText(t, v) },
    { title: t('orders.statusLabel'), dataIndex: 'status', render: (v: number) => <StatusTag status={v} /> },
    { title: t('orders.partnerPayLabel'), dataIndex: 'partner_pay_status', render: (v: ConsoleOrder['partner_pay_status']) => <PartnerPayTag status={v} /> },
    { title: t('orders.amount'), dataIndex: 'amount_after_discount', align: 'right', render: (v: number) => <span data-testid="order-row-amount">{money(v)}</span> },
    { title: t('orders.createdAt'), dataIndex: 'create_time', render: formatDateTime },
  ];
}
