// Pure rules of customer orders: Huawei's types and statuses, prices, the payment deadline, who
// may pay from which accounts, re-order conditions of partner payment, who may be invoiced,
// refunds of unsubscriptions and the 严选 price bounds. No I/O.
import type { PartnerType, PriceUnit } from '../../db/schema.ts';
import { AppError } from '../../shared/errors.ts';
import type { AccountKind } from '../ledger/index.ts';

export const ORDER_TYPE = { new: 1, renew: 2, change: 3, unsubscribe: 4 } as const;
export type OrderTypeName = keyof typeof ORDER_TYPE;
export const STATUS = { cancelled: 4, completed: 5, pendingPayment: 6 } as const;
export const SOURCE = { customer: 1, agent: 2 } as const;

/** An unpaid order closes this long after it was placed. */
export const PAYMENT_WINDOW_DAYS = 7;
/** Unsubscribing within this many days of payment refunds everything (五天无理由退订). */
export const NO_REASON_REFUND_DAYS = 5;
const DAY_MS = 86_400_000;

/** Huawei period_type of a price unit: 2 month, 3 year, 5 one-time. */
export function periodTypeOf(unit: PriceUnit): number {
  if (unit === 'month') return 2;
  if (unit === 'year') return 3;
  if (unit === 'one_off') return 5;
  throw new AppError('HBN.5101', 'pay-per-use specifications are not ordered');
}

export function addPeriods(from: Date, unit: PriceUnit, n: number): Date | null {
  if (unit === 'one_off') return null;
  const d = new Date(from);
  d.setUTCMonth(d.getUTCMonth() + (unit === 'year' ? 12 * n : n));
  return d;
}

export function officialAmount(unitPrice: bigint, unit: PriceUnit, periodNum: number, quantity: number): bigint {
  return unitPrice * BigInt(unit === 'one_off' ? 1 : periodNum) * BigInt(quantity);
}

/**
 * The price of changing a paid yearly/monthly order to another specification of the product: the
 * list-price difference over the base order's whole period, for the share of that period still to
 * run (rounded down to the fen). Only changes that cost more are ordered (HBN.5116); a base whose
 * period is over cannot be changed (HBN.5115).
 */
export function changeAmount(o: {
  oldUnitPrice: bigint;
  oldQuantity: number;
  newUnitPrice: bigint;
  newQuantity: number;
  periods: number;
  start: Date;
  end: Date;
  now: Date;
}): bigint {
  const total = o.end.getTime() - o.start.getTime();
  const left = o.end.getTime() - Math.max(o.now.getTime(), o.start.getTime());
  if (total <= 0 || left <= 0) throw new AppError('HBN.5115');
  const difference = (o.newUnitPrice * BigInt(o.newQuantity) - o.oldUnitPrice * BigInt(o.oldQuantity)) * BigInt(o.periods);
  const amount = difference > 0n ? (difference * BigInt(left)) / BigInt(total) : 0n;
  if (amount <= 0n) throw new AppError('HBN.5116');
  return amount;
}

export interface PayableOrder {
  status: number;
  pending_payment_end_at: Date | string | null;
}

/** An order can be paid only while pending payment and before its deadline. */
export function assertPayable(order: PayableOrder, now: Date): void {
  if (order.status !== STATUS.pendingPayment) throw new AppError('CBC.99003106');
  if (order.pending_payment_end_at && new Date(order.pending_payment_end_at) <= now) throw new AppError('CBC.99003110');
}

export interface Source {
  org_id: string;
  kind: AccountKind;
  amount: bigint;
}

/**
 * Which of the partner's accounts pay an order. A solution provider or master distributor needs
 * both its account balance (cash + designated + credit) and its allocatable balance (cash) to cover
 * the amount, so it pays from cash; a reseller needs only its account balance and pays cash first,
 * then designated funds, then credit. Throws CBC.99005003 when the balance does not cover it.
 */
export function partnerPaySources(
  partnerId: string,
  partnerType: PartnerType,
  balances: { cash: bigint; designated: bigint; credit: bigint },
  amount: bigint,
): Source[] {
  const account = balances.cash + balances.designated + balances.credit;
  if (account < amount) throw new AppError('CBC.99005003', 'account balance');
  if (partnerType !== 'cloud_reseller') {
    if (balances.cash < amount) throw new AppError('CBC.99005003', 'allocatable balance');
    return [{ org_id: partnerId, kind: 'partner_cash', amount }];
  }
  const out: Source[] = [];
  let left = amount;
  for (const [kind, have] of [['partner_cash', balances.cash], ['partner_designated', balances.designated], ['partner_credit', balances.credit]] as const) {
    if (left === 0n) break;
    const take = have < left ? have : left;
    if (take > 0n) out.push({ org_id: partnerId, kind, amount: take });
    left -= take;
  }
  return out;
}

/**
 * Whom the vendor invoices for a paid order: a resale customer's spend is invoiced to its partner
 * (who invoices the customer); a consultative customer's to the customer, also when a solution
 * provider paid it; other partner-paid orders to the paying partner.
 */
export function invoiceParty(o: { customerId: string; associationType: number | null; payer: 'customer' | 'partner'; partnerId: string | null; partnerType: PartnerType | null }): string {
  if (o.payer === 'customer') return o.associationType === 2 && o.partnerId ? o.partnerId : o.customerId;
  if (o.associationType === 1 && o.partnerType === 'solution_provider') return o.customerId;
  return o.partnerId ?? o.customerId;
}

/**
 * A partner may pay only the order as the customer placed it: not when the specification changed
 * since (price, sale status or any edit), nor once the effective time the customer set has passed.
 */
export function assertNoReorderNeeded(
  order: { unit_price: bigint; spec_version_at: Date | string; effective_at: Date | string | null },
  spec: { list_price: bigint; status: string; updated_at: Date | string } | undefined,
  now: Date,
): void {
  if (!spec || spec.status !== 'on_sale' || spec.list_price !== order.unit_price || new Date(spec.updated_at).getTime() > new Date(order.spec_version_at).getTime()) {
    throw new AppError('HBN.5104');
  }
  if (order.effective_at && new Date(order.effective_at) < now) throw new AppError('HBN.5105');
}

/**
 * The refund of an unsubscription: everything within the no-reason period after payment,
 * otherwise the unused share of the service period (one-off goods: nothing after that period).
 */
export function refundAmount(paid: bigint, paidAt: Date, start: Date, end: Date | null, now: Date): bigint {
  if (paid <= 0n) return 0n;
  if (now.getTime() - paidAt.getTime() <= NO_REASON_REFUND_DAYS * DAY_MS) return paid;
  if (!end) return 0n;
  const total = BigInt(end.getTime() - start.getTime());
  const left = BigInt(Math.max(0, end.getTime() - Math.max(now.getTime(), start.getTime())));
  if (total <= 0n) return 0n;
  return (paid * left) / total;
}

/** Splits a refund over the accounts that paid, in proportion; the first gets the rounding. */
export function splitRefund(sources: readonly Source[], refund: bigint): Source[] {
  const paid = sources.reduce((s, x) => s + x.amount, 0n);
  if (refund <= 0n || paid <= 0n) return [];
  const parts = sources.map((s) => ({ ...s, amount: (s.amount * refund) / paid }));
  const rest = refund - parts.reduce((s, x) => s + x.amount, 0n);
  parts[0].amount += rest;
  return parts.filter((p) => p.amount > 0n);
}

/** 严选 price: between the floor and the catalogue price, for the whole order. */
export function assertYanxuanPrice(price: bigint, floor: bigint, catalogue: bigint): void {
  if (price < floor || price > catalogue) throw new AppError('HBN.5111', `between ${floor} and ${catalogue} fen`);
}

export function paymentDeadline(placedAt: Date): Date {
  return new Date(placedAt.getTime() + PAYMENT_WINDOW_DAYS * DAY_MS);
}

export function unitOfPeriodType(periodType: number): PriceUnit {
  return periodType === 3 ? 'year' : periodType === 2 ? 'month' : 'one_off';
}

/**
 * The rebate a partner may expect for paying an order, shown as an estimate only: the incentive
 * policies decide the real one, and vouchers the customer uses reduce it. Cloud services earn the
 * deployment's rate (HUOBAN_ESTIMATED_REBATE_PERCENT, in basis points here); cloud resellers earn
 * none (their master distributor does); marketplace goods and stored-value cards earn none here.
 */
export const DEFAULT_ESTIMATED_REBATE_BASIS_POINTS = 500;
export function estimatedRebate(amount: bigint, productKind: string, partnerType: PartnerType | null, cloudServiceBasisPoints = DEFAULT_ESTIMATED_REBATE_BASIS_POINTS): bigint {
  if (partnerType === 'cloud_reseller' || productKind !== 'cloud_service') return 0n;
  return (amount * BigInt(cloudServiceBasisPoints)) / 10_000n;
}
