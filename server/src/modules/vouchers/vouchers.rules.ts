// Pure rules of voucher quotas, coupons and test vouchers: states, what a quota allows, who may
// receive what, query windows. The deduction (which coupon pays what) lives in deduction.rules.ts.
import { AppError, type ErrorCode } from '../../shared/errors.ts';
import { formatAmount } from '../../shared/money.ts';

/** quota_status: 0 normal, 3 invalid (expired), 4 being adjusted, 5 frozen, 6 reclaimed. */
export const QUOTA_STATUS = { normal: 0, invalid: 3, adjusting: 4, frozen: 5, reclaimed: 6 } as const;
/** coupon status: 1 not activated, 2 usable, 3 used up, 4 expired, 5 reclaimed. */
export const COUPON_STATUS = { notActivated: 1, usable: 2, usedUp: 3, expired: 4, reclaimed: 5 } as const;
/** coupon_record.operation_type (Huawei's enum). */
export const COUPON_OPERATION = { issue: 1, manualReclaim: 2, unbindReclaim: 3, expiryReclaim: 4, unsubscribeReclaim: 5, switchReclaim: 8 } as const;
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
 * - firstAssociationOnly: '1' → only customers associated for the first time;
 * - usageRatio (cash-coupon quotas only): the largest share of an order, in (0, 1], that cash
 *   coupons from the quota may pay (on-demand charges are not subject to it).
 */
export const LIMIT_KEYS = ['serviceType', 'productId', 'cycleType', 'designatedCustomer', 'minFaceValue', 'maxFaceValue', 'maxCount', 'maxTotal', 'firstAssociationOnly', 'usageRatio'] as const;

/** A ratio in (0, 1] with at most 4 decimals, as text or number, in basis points; null when malformed. */
export function ratioBasisPoints(input: string | number): number | null {
  const text = String(input).trim();
  const m = /^(0|1)(?:\.(\d{1,4}))?$/.exec(text);
  if (!m) return null;
  const bp = Number(m[1]) * 10_000 + Number((m[2] ?? '').padEnd(4, '0'));
  return bp > 0 && bp <= 10_000 ? bp : null;
}

/** The restrictions the vendor grants a quota with: known keys only; a usage ratio only on a cash-coupon quota. */
export function assertQuotaLimits(quotaType: number, limits: readonly LimitInfo[]): void {
  for (const l of limits) {
    if (!(LIMIT_KEYS as readonly string[]).includes(l.limit_key)) throw new AppError('HBN.6013', l.limit_key);
  }
  const ratio = limitValues(limits, 'usageRatio');
  if (ratio && (quotaType !== 1 || ratio.length !== 1 || ratioBasisPoints(ratio[0]) === null)) throw new AppError('HBN.6013', 'usageRatio');
}

/**
 * The usage-ratio cap of a coupon issued from a quota, in basis points (null: none). Only cash
 * coupons carry one: the one asked for, at most the quota's; the quota's when none is asked for.
 */
export function couponUsageRatio(quotaType: number, limits: readonly LimitInfo[], requested: string | number | null | undefined): number | null {
  const asked = requested === null || requested === undefined ? null : ratioBasisPoints(requested);
  if (requested !== null && requested !== undefined && (asked === null || quotaType !== 1)) throw new AppError('HBN.6014');
  const quotaCap = limitValues(limits, 'usageRatio')?.[0];
  const cap = quotaCap === undefined ? null : ratioBasisPoints(quotaCap);
  if (asked !== null && cap !== null && asked > cap) throw new AppError('HBN.6014', `at most ${quotaCap}`);
  return asked ?? cap;
}

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
/**
 * Test vouchers: general products only; on-demand and monthly (yearly of 1 year or more refused);
 * never combined with business discounts (Huawei's test-voucher FAQ).
 */
export const TEST_VOUCHER_SCOPE = { cycle: 'general' as const, maxPeriodMonths: 11, combinesWithDiscount: false };

/** Software-partner types: applied for per solution, whose ceiling rises with its certification. */
export const SOFTWARE_TEST_VOUCHER_TYPES: readonly TestVoucherType[] = ['basic_software', 'cloud_software', 'advanced_cloud_software'];

/**
 * What may be approved in total (fen). Software types count per solution, together: a solution of
 * a partner on the software path may have 20,000 yuan, 100,000 once it passed cloud-software
 * certification, 300,000 once it passed advanced cloud-software certification (Huawei's FAQ), so
 * an earlier approval counts against the higher ceiling. The integration-partner types (ceilings
 * not published) count per type.
 */
export const TEST_VOUCHER_CEILINGS: Record<TestVoucherType, bigint> = {
  basic_software: 2_000_000n,
  cloud_software: 10_000_000n,
  advanced_cloud_software: 30_000_000n,
  role_selection: 2_000_000n,
  role_certification: 5_000_000n,
  support_plan_role: 5_000_000n,
  differentiation: 10_000_000n,
  support_plan_differentiation: 10_000_000n,
};

/** A test voucher is valid for 1 to this many days. */
export const TEST_VOUCHER_MAX_VALID_DAYS = 365;

/**
 * An application against its ceiling: a software type names its solution; one application never
 * exceeds the ceiling; beyond what remains (ceiling − approved so far) it is a supplementary
 * application and must give its reason.
 */
export function checkTestVoucherApplication(a: { type: TestVoucherType; amount: bigint; solution: string | null; approvedSoFar: bigint; supplementaryReason: string | null }): void {
  if (SOFTWARE_TEST_VOUCHER_TYPES.includes(a.type) && !a.solution?.trim()) throw new AppError('HBN.6010');
  const ceiling = TEST_VOUCHER_CEILINGS[a.type];
  if (a.amount > ceiling) throw new AppError('HBN.6008', `at most ${formatAmount(ceiling)}`);
  if (a.approvedSoFar + a.amount > ceiling && !a.supplementaryReason?.trim()) {
    const left = ceiling > a.approvedSoFar ? ceiling - a.approvedSoFar : 0n;
    throw new AppError('HBN.6009', `remaining ${formatAmount(left)}`);
  }
}

/** The vendor's decision: never more than was applied for; validity within bounds. */
export function checkTestVoucherGrant(g: { amount: bigint; applied: bigint | null; validDays: number }): void {
  if (g.applied !== null && g.amount > g.applied) throw new AppError('HBN.6011');
  if (!Number.isInteger(g.validDays) || g.validDays < 1 || g.validDays > TEST_VOUCHER_MAX_VALID_DAYS) throw new AppError('HBN.6012', `1 to ${TEST_VOUCHER_MAX_VALID_DAYS} days`);
}

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
