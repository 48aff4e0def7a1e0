// Which vouchers may pay a charge, and in which order they are consumed: one pure function used
// by every payment path (order payment, on-demand usage deduction).
//
// Rules (Huawei's voucher rules, seed item 11 and spec §1.1, §1.9):
// - never for marketplace (云商店) products, never to pay off arrears, never on partner-paid orders;
// - a pay-per-use voucher only offsets on-demand (usage) charges; a general voucher offsets both;
// - a voucher with a service or product scope only offsets charges inside it;
// - a voucher that may not combine with authorised discounts is refused on a discounted charge,
//   and one with a minimum consumption discount is refused when every line's discount is deeper;
// - only usable, unfrozen vouchers inside their validity, not locked by another order;
// - restricted vouchers before unrestricted ones, then the soonest expiry first;
// - an order uses at most one voucher (cash coupons: several, up to their usage-ratio cap);
//   on-demand charges may consume several vouchers in priority order.
import { AppError, type ErrorCode } from '../../shared/errors.ts';

export type ChargeKind = 'order' | 'usage' | 'arrears';

export interface Charge {
  kind: ChargeKind;
  /** Fen still to pay, after discounts. */
  amount: bigint;
  productSource: 'vendor' | 'marketplace';
  serviceType: string;
  productId: string;
  /** For orders: the subscription period, to honour vouchers limited to shorter periods. */
  periodMonths?: number;
  /** The order carries an authorised discount (business or partner-granted). */
  discounted: boolean;
  /** The shallowest discount ratio among the discounted lines (0.85 = 15% off); 1 when none. */
  highestLineDiscountRatio: number;
  payer: 'customer' | 'partner';
  /** The order being paid (coupons locked by it are usable; by another order they are not). */
  orderId?: string;
  at: Date;
}

export interface Coupon {
  id: string;
  /** 'voucher' = 代金券 (coupon_type 1), 'cash' = 现金券 (coupon_type 4). */
  type: 'voucher' | 'cash';
  /** A pay-per-use voucher offsets on-demand charges only; a general one offsets both. */
  cycle: 'on_demand' | 'general';
  balance: bigint;
  status: 'usable' | 'not_activated' | 'used_up' | 'expired' | 'reclaimed';
  frozen: boolean;
  lockedByOrderId: string | null;
  validFrom: Date;
  expiresAt: Date;
  serviceTypes: string[];
  productIds: string[];
  /** simultaneousUseWithEmpowerDiscount: may combine with authorised discounts. */
  combinesWithDiscount: boolean;
  /** minConsumeDiscount: refused when every discounted line is deeper than this ratio. */
  minConsumeDiscount: number | null;
  /** Longest subscription period (months) an order may have to use it (test vouchers: < 12). */
  maxPeriodMonths: number | null;
  /** Cash coupons: the largest share of an order they may pay together (0..1). */
  usageRatioCap: number | null;
}

export type Refusal =
  | 'marketplace'
  | 'arrears'
  | 'partner_paid'
  | 'not_usable'
  | 'frozen'
  | 'locked_by_other_order'
  | 'not_yet_valid'
  | 'expired'
  | 'pay_per_use_only'
  | 'outside_scope'
  | 'period_too_long'
  | 'no_discount_combination'
  | 'discount_below_minimum'
  | 'one_voucher_per_order'
  | 'nothing_left_to_pay'
  | 'cash_ratio_cap';

/** The stable error code of each refusal (one code per reason, messages in shared/errors.ts). */
export const REFUSAL_CODES = {
  marketplace: 'HBN.6101',
  arrears: 'HBN.6102',
  partner_paid: 'HBN.6103',
  not_usable: 'HBN.6104',
  frozen: 'HBN.6105',
  locked_by_other_order: 'HBN.6106',
  not_yet_valid: 'HBN.6107',
  expired: 'HBN.6108',
  pay_per_use_only: 'HBN.6109',
  outside_scope: 'HBN.6110',
  period_too_long: 'HBN.6111',
  no_discount_combination: 'HBN.6112',
  discount_below_minimum: 'HBN.6113',
  one_voucher_per_order: 'HBN.6114',
  nothing_left_to_pay: 'HBN.6115',
  cash_ratio_cap: 'HBN.6116',
} as const satisfies Record<Refusal, ErrorCode>;

export interface Deduction {
  uses: { couponId: string; amount: bigint }[];
  /** What the coupons leave to pay from the account. */
  remaining: bigint;
  refused: { couponId: string; reason: Refusal }[];
}

/** Why a coupon may not pay this charge at all, or null when it may. */
export function ineligibility(charge: Charge, c: Coupon): Refusal | null {
  if (charge.productSource === 'marketplace') return 'marketplace';
  if (charge.kind === 'arrears') return 'arrears';
  if (charge.payer === 'partner') return 'partner_paid';
  if (c.status === 'not_activated') return 'not_yet_valid';
  if (c.status === 'expired') return 'expired';
  if (c.status !== 'usable' || c.balance <= 0n) return 'not_usable';
  if (c.frozen) return 'frozen';
  if (c.lockedByOrderId !== null && c.lockedByOrderId !== charge.orderId) return 'locked_by_other_order';
  if (charge.at < c.validFrom) return 'not_yet_valid';
  if (charge.at >= c.expiresAt) return 'expired';
  if (c.cycle === 'on_demand' && charge.kind !== 'usage') return 'pay_per_use_only';
  if (c.serviceTypes.length > 0 && !c.serviceTypes.includes(charge.serviceType)) return 'outside_scope';
  if (c.productIds.length > 0 && !c.productIds.includes(charge.productId)) return 'outside_scope';
  if (c.maxPeriodMonths !== null && charge.kind === 'order' && (charge.periodMonths ?? 0) > c.maxPeriodMonths) return 'period_too_long';
  if (charge.discounted && !c.combinesWithDiscount) return 'no_discount_combination';
  if (charge.discounted && c.minConsumeDiscount !== null && charge.highestLineDiscountRatio < c.minConsumeDiscount) {
    return 'discount_below_minimum';
  }
  return null;
}

const isRestricted = (c: Coupon) => c.serviceTypes.length > 0 || c.productIds.length > 0;

/** Restricted before unrestricted, then soonest expiry, then id (so the order is total). */
export function priority(a: Coupon, b: Coupon): number {
  if (isRestricted(a) !== isRestricted(b)) return isRestricted(a) ? -1 : 1;
  if (a.expiresAt.getTime() !== b.expiresAt.getTime()) return a.expiresAt.getTime() - b.expiresAt.getTime();
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function ratioOf(amount: bigint, ratio: number): bigint {
  // Ratios are given to at most 4 places; fen are floored so a cap is never exceeded.
  return (amount * BigInt(Math.round(ratio * 10_000))) / 10_000n;
}

export function planDeduction(charge: Charge, coupons: readonly Coupon[]): Deduction {
  const refused: Deduction['refused'] = [];
  const eligible: Coupon[] = [];
  for (const c of coupons) {
    const reason = ineligibility(charge, c);
    if (reason) refused.push({ couponId: c.id, reason });
    else eligible.push(c);
  }
  eligible.sort(priority);

  const uses: Deduction['uses'] = [];
  let remaining = charge.amount;
  let voucherUsed = false;
  let cashAllowance: bigint | null = null; // the strictest usage-ratio cap of the cash coupons used
  let cashSpent = 0n;

  // Vouchers first, then cash coupons, each group in priority order.
  for (const c of [...eligible.filter((x) => x.type === 'voucher'), ...eligible.filter((x) => x.type === 'cash')]) {
    if (remaining === 0n) {
      refused.push({ couponId: c.id, reason: 'nothing_left_to_pay' });
      continue;
    }
    if (c.type === 'voucher' && charge.kind === 'order' && voucherUsed) {
      refused.push({ couponId: c.id, reason: 'one_voucher_per_order' });
      continue;
    }
    let take = c.balance < remaining ? c.balance : remaining;
    if (c.type === 'cash' && charge.kind === 'order' && c.usageRatioCap !== null) {
      // Cash coupons together may pay at most the strictest cap of those used.
      const cap = ratioOf(charge.amount, c.usageRatioCap);
      cashAllowance = cashAllowance === null || cap < cashAllowance ? cap : cashAllowance;
    }
    if (c.type === 'cash' && cashAllowance !== null) {
      const left = cashAllowance - cashSpent;
      if (left <= 0n) {
        refused.push({ couponId: c.id, reason: 'cash_ratio_cap' });
        continue;
      }
      if (take > left) take = left;
    }
    uses.push({ couponId: c.id, amount: take });
    remaining -= take;
    if (c.type === 'voucher') voucherUsed = true;
    else cashSpent += take;
  }
  return { uses, remaining, refused };
}

/**
 * A payer who names its coupons gets all of them used or none: the first refusal answers with its
 * code (and the coupon it concerns).
 */
export function assertAllUsed(plan: Deduction): void {
  const first = plan.refused[0];
  if (first) throw new AppError(REFUSAL_CODES[first.reason], first.couponId);
}

/** How a coupon's restrictions read on the wire: Huawei's use_limits (value1 carries the value). */
export function useLimitsOf(c: Coupon): { limit_key: string; value1: string; value2: string; value_unit: string; limit_type: string }[] {
  const limit = (key: string, value: string, unit = '') => ({ limit_key: key, value1: value, value2: '', value_unit: unit, limit_type: '' });
  return [
    limit('cycleType', c.cycle === 'on_demand' ? '5' : '6'),
    ...c.serviceTypes.map((v) => limit('serviceType', v)),
    ...c.productIds.map((v) => limit('productId', v)),
    ...(c.maxPeriodMonths !== null ? [limit('maxPeriodMonths', String(c.maxPeriodMonths), 'month')] : []),
    ...(c.combinesWithDiscount ? [] : [limit('simultaneousUseWithEmpowerDiscount', '0')]),
    ...(c.minConsumeDiscount !== null ? [limit('minConsumeDiscount', String(c.minConsumeDiscount))] : []),
    ...(c.usageRatioCap !== null ? [limit('usageRatio', String(c.usageRatioCap))] : []),
  ];
}
