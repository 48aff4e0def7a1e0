// Pure rules of voucher quotas, coupons and test vouchers: states, what a quota allows, who may
// receive what, query windows. The deduction (which coupon pays what) lives in deduction.rules.ts.
import { AppError, type ErrorCode } from '../../shared/errors.ts';

/** quota_status: 0 normal, 3 invalid (expired), 4 being adjusted, 5 frozen, 6 reclaimed. */
export const QUOTA_STATUS = { normal: 0, invalid: 3, adjusting: 4, frozen: 5, reclaimed: 6 } as const;
/** coupon status: 1 not activated, 2 usable, 3 used up, 4 expired, 5 reclaimed. */
export const COUPON_STATUS = { notActivated: 1, usable: 2, usedUp: 3, expired: 4, reclaimed: 5 } as const;
/** coupon_record.operation_type (Huawei's enum). */
export const COUPON_OPERATION = { issue: 1, manualReclaim: 2, unbindReclaim: 3, expiryReclaim: 4, switchReclaim: 8 } as const;
export const QUOTA_OPERATION = { issue: 10, reclaim: 11 } as const;

/** Coupon type follows the quota type: voucher quota (0) → voucher (1); cash-coupon quota (1) → cash coupon (4). */
export const couponTypeOfQuota = (quotaType: number) => (quotaType === 1 ? 4 : 1);

export interface LimitInfo {
  limit_key: string;
  limit_values: { value1?: string; value2?: string }[];
}

/**
 * limit_info keys a quota may carry (operator-configured):
 * - serviceType / productId: the service types / products vouchers may be scoped to (subset rule);
 * - cycleType: allowed order types of vouchers ('5' on-demand, '6' general);
 * - designatedCustomer: the only customers that may receive vouchers;
 * - minFaceValue / maxFaceValue / maxCount / maxTotal (yuan, per call for count and total);
 * - firstAssociationOnly: '1' → only customers associated for the first time.
 */
export const LIMIT_KEYS = ['serviceType', 'productId', 'cycleType', 'designatedCustomer', 'minFaceValue', 'maxFaceValue', 'maxCount', 'maxTotal', 'firstAssociationOnly'] as const;

export function limitValues(limits: readonly LimitInfo[], key: string): string[] | null {
  const found = limits.find((l) => l.limit_key === key);
  if (!found) return null;
  return found.limit_values.map((v) => v.value1 ?? '').filter((v) => v !== '');
}

const fen = (yuanText: string) => {
  const n = Number(yuanText);
  return Number.isFinite(n) ? BigInt(Math.round(n * 100)) : null;
};

/** Whether a quota can be used now (issue vouchers or split it): state, then validity. */
export function assertQuotaUsable(quota: { status: number; effective_time: Date; expire_time: Date }, now: Date, wrongState: ErrorCode): void {
  if (quota.status !== QUOTA_STATUS.normal) throw new AppError(wrongState);
  if (now < quota.effective_time || now >= quota.expire_time) throw new AppError('CBC.99000017');
}

export interface IssueRequest {
  faceValue: bigint;
  count: number;
  serviceTypes: string[];
  productIds: string[];
  cycle: 'on_demand' | 'general';
  validTime: Date;
  expireTime: Date;
}

/** Request-level checks of an issue against the quota's restrictions (errors of the whole call). */
export function checkIssueAgainstQuota(limits: readonly LimitInfo[], quota: { effective_time: Date; expire_time: Date }, req: IssueRequest): { serviceTypes: string[]; productIds: string[] } {
  const min = limitValues(limits, 'minFaceValue');
  if (min?.length && fen(min[0]) !== null && req.faceValue < fen(min[0])!) throw new AppError('CBC.99000018');
  const max = limitValues(limits, 'maxFaceValue');
  if (max?.length && fen(max[0]) !== null && req.faceValue > fen(max[0])!) throw new AppError('CBC.99000019');
  const maxCount = limitValues(limits, 'maxCount');
  if (maxCount?.length && req.count > Number(maxCount[0])) throw new AppError('CBC.99000020');
  const maxTotal = limitValues(limits, 'maxTotal');
  if (maxTotal?.length && fen(maxTotal[0]) !== null && req.faceValue * BigInt(req.count) > fen(maxTotal[0])!) throw new AppError('CBC.99000021');
  const scoped = (key: string, wanted: string[]) => {
    const allowed = limitValues(limits, key);
    if (!allowed) return wanted;
    if (wanted.length === 0) return allowed; // inherit the quota's restriction
    if (wanted.some((w) => !allowed.includes(w))) throw new AppError('CBC.99000023');
    return wanted;
  };
  const serviceTypes = scoped('serviceType', req.serviceTypes);
  const productIds = scoped('productId', req.productIds);
  const cycles = limitValues(limits, 'cycleType');
  if (cycles && !cycles.includes(req.cycle === 'on_demand' ? '5' : '6')) throw new AppError('CBC.99000024');
  if (req.validTime < quota.effective_time || req.expireTime > quota.expire_time || req.expireTime <= req.validTime) {
    throw new AppError('CBC.99000017', 'the voucher validity must lie inside the quota validity');
  }
  return { serviceTypes, productIds };
}

export interface RecipientFacts {
  customerId: string;
  partnerId: string;
  /** The current association with this partner, if any. */
  associationType: 1 | 2 | null;
  /** Whether the customer had an earlier (ended) association with any partner. */
  associatedBefore: boolean;
  /** Financially hosted enterprise member account. */
  hostedMember: boolean;
}

/** Per-customer checks of an issue (errors go into error_details). */
export function checkRecipient(limits: readonly LimitInfo[], r: RecipientFacts): void {
  if (r.customerId === r.partnerId) throw new AppError('CBC.99000025');
  if (r.associationType === null) throw new AppError('CBC.99000035');
  if (r.associationType !== 2) throw new AppError('CBC.99000014');
  if (r.hostedMember) throw new AppError('CBC.50000034');
  const designated = limitValues(limits, 'designatedCustomer');
  if (designated && !designated.includes(r.customerId)) throw new AppError('CBC.50000020');
  const firstOnly = limitValues(limits, 'firstAssociationOnly');
  if (firstOnly?.[0] === '1' && r.associatedBefore) throw new AppError('CBC.99000022');
}

/** Initial coupon status: usable at once, or not activated until valid_time. */
export const initialCouponStatus = (validTime: Date, now: Date) => (validTime > now ? COUPON_STATUS.notActivated : COUPON_STATUS.usable);

/** A coupon can be reclaimed while it is not activated or usable. */
export function assertReclaimable(coupon: { status: number }): void {
  if (coupon.status !== COUPON_STATUS.usable && coupon.status !== COUPON_STATUS.notActivated) throw new AppError('CBC.99000048');
}

/**
 * Where an expiring coupon's remainder goes: a cash coupon's back to the issuer's quota (spec
 * §1.1); a voucher's simply expires (to the vendor's expired-vouchers account).
 */
export const expiryDestination = (couponType: number): 'issuer_quota' | 'expired' => (couponType === 4 ? 'issuer_quota' : 'expired');

/** The operation type of an automatic reclaim caused by an association change. */
export const reclaimOperationOf = (changeKind: string) => (changeKind === 'switch_type' ? COUPON_OPERATION.switchReclaim : COUPON_OPERATION.unbindReclaim);

/** The earliest expiry a list shows: coupons that expired longer ago than the window are hidden. */
export function windowStart(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

// Test vouchers (测试券).
export const TEST_VOUCHER_TYPES = [
  'cloud_software',
  'advanced_cloud_software',
  'basic_software',
  'role_selection',
  'role_certification',
  'support_plan_role',
  'differentiation',
  'support_plan_differentiation',
] as const;
export type TestVoucherType = (typeof TEST_VOUCHER_TYPES)[number];
export const TEST_VOUCHER_TRANSITIONS = { SUBMITTED: ['APPROVED', 'REJECTED'], APPROVED: [], REJECTED: [] } as const;
/** Test vouchers: general products only; on-demand and monthly (yearly of 1 year or more refused). */
export const TEST_VOUCHER_SCOPE = { cycle: 'general' as const, maxPeriodMonths: 11 };

/** The price-calculator share link the application requires. */
export function assertCalculatorLink(link: string): void {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new AppError('HBN.6006');
  }
  if (url.protocol !== 'https:' || !/calculator|pricing/i.test(url.pathname + url.hostname + url.hash)) throw new AppError('HBN.6006');
}

/** An associated sub-customer cannot apply online: it must ask its ecosystem manager. */
export function assertMayApplyOnline(associatedAsCustomer: boolean): void {
  if (associatedAsCustomer) throw new AppError('HBN.6001');
}

/** Whole-call quota split: amount per reseller × resellers must fit the parent balance. */
export function fitsBalance(balance: bigint, amount: bigint, already: bigint): boolean {
  return already + amount <= balance;
}
