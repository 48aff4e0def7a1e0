// What the voucher use cases share: dependencies, the acting partner (indirect_partner_id), the
// lock-conflict mapping, wire views, and the one way a coupon's remainder goes back to its quota.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor, Caller } from '../../shared/actor.ts';
import { toApiTime, type Clock } from '../../shared/clock.ts';
import type { VoucherSettings } from '../../config.ts';
import { AppError } from '../../shared/errors.ts';
import { formatAmount } from '../../shared/money.ts';
import { newPrefixedId } from '../../shared/ids.ts';
import type { AuditService } from '../audit/index.ts';
import type { AccountRef, LedgerService } from '../ledger/index.ts';
import { actingPartnerId, requirePartner } from '../funds/index.ts';
import * as repo from './vouchers.repo.ts';
import { useLimitsOf, type Coupon } from './deduction.rules.ts';
import { COUPON_STATUS, QUOTA_STATUS, type LimitInfo } from './vouchers.rules.ts';

export interface VouchersDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  ledger: Pick<LedgerService, 'post' | 'once'>;
  settings: VoucherSettings;
}

export const yuan = (fen: bigint) => Number(formatAmount(fen));

/** Whose quotas/coupons a call concerns: the caller's, or a master distributor's reseller's. */
export async function actingPartner(db: Kysely<DB>, caller: Caller, indirectPartnerId: string | undefined): Promise<string> {
  requirePartner(caller.org);
  const target = indirectPartnerId && indirectPartnerId !== caller.org.id ? await repo.findOrg(db, indirectPartnerId) : undefined;
  return actingPartnerId(caller.org, indirectPartnerId || undefined, target);
}

/** PostgreSQL "lock not available" (NOWAIT) → another operation on the same quota is running. */
export function mapLockConflict(error: unknown): never {
  if ((error as { code?: string } | null)?.code === '55P03') throw new AppError('CBC.50000045');
  throw error;
}

export const parseLimits = (text: string): LimitInfo[] => JSON.parse(text) as LimitInfo[];

export function quotaView(q: NonNullable<repo.QuotaRow> & { holder_name?: string; holder_account?: string }) {
  return {
    quota_id: q.id,
    quota_type: q.quota_type,
    create_time: toApiTime(new Date(q.created_at)),
    last_update_time: toApiTime(new Date(q.updated_at)),
    quota_value: yuan(q.quota_value),
    quota_status: q.status,
    balance: yuan(q.balance),
    measure_id: 1,
    currency: 'CNY',
    effective_time: toApiTime(q.effective_time),
    expire_time: toApiTime(q.expire_time),
    limit_infos: parseLimits(q.limit_infos),
  };
}

type CouponRow = Awaited<ReturnType<typeof repo.listCoupons>>['rows'][number];

const STATUS_NAMES: Record<number, Coupon['status']> = {
  [COUPON_STATUS.notActivated]: 'not_activated',
  [COUPON_STATUS.usable]: 'usable',
  [COUPON_STATUS.usedUp]: 'used_up',
  [COUPON_STATUS.expired]: 'expired',
  [COUPON_STATUS.reclaimed]: 'reclaimed',
};

/** A coupon row as the deduction function sees it (and what the order-coupons view shows). */
export function asDeductionCoupon(c: CouponRow): Coupon & { faceValue: bigint; createdAt: Date; lastUsedAt: Date | null } {
  return {
    id: c.id,
    type: c.coupon_type === 4 ? 'cash' : 'voucher',
    cycle: c.cycle,
    balance: c.balance,
    status: STATUS_NAMES[c.status],
    frozen: c.is_frozen,
    lockedByOrderId: c.lock_order_id,
    validFrom: c.valid_time,
    expiresAt: c.expire_time,
    serviceTypes: JSON.parse(c.service_types) as string[],
    productIds: JSON.parse(c.product_ids) as string[],
    combinesWithDiscount: c.combines_with_discount,
    minConsumeDiscount: null,
    maxPeriodMonths: c.max_period_months,
    usageRatioCap: c.usage_ratio_bp === null ? null : c.usage_ratio_bp / 10_000,
    faceValue: c.face_value,
    createdAt: new Date(c.created_at),
    lastUsedAt: c.last_used_at ? new Date(c.last_used_at) : null,
  };
}

const useLimits = (c: CouponRow) => useLimitsOf(asDeductionCoupon(c));

/** IQueryUserPartnerCouponsResultV2 (the partner's issued list). */
export function issuedCouponView(c: CouponRow, lastOrderId?: string) {
  return {
    coupon_id: c.id,
    status: c.status,
    customer_id: c.customer_org_id,
    coupon_type: c.coupon_type,
    measure_id: 1,
    face_value: yuan(c.face_value),
    effective_time: toApiTime(c.valid_time),
    expire_time: toApiTime(c.expire_time),
    // The order holding it, else the last order it paid.
    order_id: c.lock_order_id ?? lastOrderId ?? '',
    media_type: 1,
    fetch_method: 3,
    use_limits: useLimits(c),
    create_time: toApiTime(new Date(c.created_at)),
    balance: yuan(c.balance),
    lock_order_id: c.lock_order_id ?? '',
    is_frozen: c.is_frozen ? '1' : '0',
    quota_id: c.quota_id ?? '',
    memo: c.memo ?? '',
  };
}

/** IQueryUserCouponsResultV2 (an account's own coupons). */
export function ownCouponView(c: CouponRow, lastOrderId?: string) {
  return {
    coupon_id: c.id,
    coupon_code: c.id,
    status: c.status,
    customer_id: c.customer_org_id,
    coupon_type: c.coupon_type,
    measure_id: 1,
    face_value: yuan(c.face_value),
    valid_time: toApiTime(c.valid_time),
    expire_time: toApiTime(c.expire_time),
    // The order holding it, else the last order it paid.
    order_id: c.lock_order_id ?? lastOrderId ?? '',
    media_type: 1,
    fetch_method: 3,
    use_limits: useLimits(c),
    create_time: toApiTime(new Date(c.created_at)),
    coupon_version: 2,
    balance: yuan(c.balance),
    lock_order_id: c.lock_order_id ?? '',
    is_frozen: c.is_frozen ? '1' : '0',
    currency: 'CNY',
    source_id: c.issuer_org_id,
    coupon_usage: c.source === 'test_voucher' ? 'TEST_VOUCHER' : 'PARTNER_COUPON',
  };
}

/**
 * Where value coming back from a coupon goes: the quota it was issued from (a child quota taken
 * back by its master distributor passes it on to its parent), or the vendor when that quota has
 * expired (or the coupon had none, as test vouchers). Locks the quota rows it walks.
 */
export async function returnDestination(tx: Kysely<DB>, quotaId: string | null): Promise<{ quota: { id: string; org_id: string } | null; quotaType: number | null; account: AccountRef }> {
  const toVendor = async () => ({ orgId: (await repo.findVendorOrg(tx)).id, kind: 'vendor_coupon_source' as const });
  if (!quotaId) return { quota: null, quotaType: null, account: await toVendor() };
  let quota = (await repo.lockQuota(tx, quotaId, 'wait'))!;
  const quotaType = quota.quota_type;
  while (quota.status === QUOTA_STATUS.reclaimed && quota.parent_quota_id) quota = (await repo.lockQuota(tx, quota.parent_quota_id, 'wait'))!;
  if (quota.status === QUOTA_STATUS.invalid) return { quota: null, quotaType, account: await toVendor() };
  return { quota, quotaType, account: { orgId: quota.org_id, kind: 'partner_coupon_quota' } };
}

/**
 * Takes a coupon's whole remainder back to the quota it came from (see returnDestination), sets
 * the coupon's final status and logs the operation. The coupon row must be locked by the caller.
 */
export async function returnCouponToQuota(
  deps: Pick<VouchersDeps, 'ledger' | 'clock'>,
  tx: Kysely<DB>,
  coupon: { id: string; customer_org_id: string; issuer_org_id: string; quota_id: string | null; balance: bigint },
  finalStatus: number,
  operationType: number,
  actor: Actor,
  remark: string | null = null,
): Promise<bigint> {
  const now = deps.clock.now();
  const amount = coupon.balance;
  await repo.setCoupon(tx, coupon.id, { balance: 0n, status: finalStatus, updated_at: now });
  let journalId: string | null = null;
  let quotaType: number | null = null;
  if (coupon.quota_id) {
    const destination = await returnDestination(tx, coupon.quota_id);
    quotaType = destination.quotaType;
    if (amount > 0n) {
      journalId = (
        await deps.ledger.post(tx, {
          kind: 'coupon_reclaim',
          orgId: coupon.issuer_org_id,
          counterpartyOrgId: coupon.customer_org_id,
          reference: coupon.id,
          actor,
          idPrefix: 'CR',
          memo: destination.quota ? null : 'the quota has expired: the remainder returns to the vendor',
          postings: [{ account: { orgId: coupon.customer_org_id, kind: 'coupon_balance' }, amount: -amount }, { account: destination.account, amount }],
        })
      ).id;
      if (destination.quota) await repo.addToQuota(tx, destination.quota.id, amount, now);
    }
  }
  await logCouponOperation(tx, { coupon, quotaType, operationType, amount, journalId, remark, at: now });
  return amount;
}

/** One row of the partner's coupon operation log (ListPartnerCouponsRecord). */
export function logCouponOperation(
  tx: Kysely<DB>,
  r: { coupon: { id: string; customer_org_id: string; issuer_org_id: string; quota_id: string | null }; quotaType: number | null; operationType: number; amount: bigint; journalId: string | null; remark: string | null; at: Date },
) {
  return repo.insertCouponRecord(tx, {
    id: newPrefixedId('OR'),
    org_id: r.coupon.issuer_org_id,
    operation_type: r.operationType,
    quota_id: r.coupon.quota_id,
    quota_type: r.quotaType,
    coupon_id: r.coupon.id,
    customer_id: r.coupon.customer_org_id,
    amount: r.amount,
    result: 0,
    remark: r.remark,
    journal_id: r.journalId,
    created_at: r.at,
  });
}
