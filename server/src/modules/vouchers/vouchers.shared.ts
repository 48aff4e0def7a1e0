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
import type { LedgerService } from '../ledger/index.ts';
import { actingPartnerId, requirePartner } from '../funds/index.ts';
import * as repo from './vouchers.repo.ts';
import { QUOTA_STATUS, type LimitInfo } from './vouchers.rules.ts';

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

function useLimits(c: CouponRow) {
  const limits: { limit_key: string; value1: string; value2: string; value_unit: string; limit_type: string }[] = [];
  limits.push({ limit_key: 'cycleType', value1: c.cycle === 'on_demand' ? '5' : '6', value2: '', value_unit: '', limit_type: '' });
  for (const s of JSON.parse(c.service_types) as string[]) limits.push({ limit_key: 'serviceType', value1: s, value2: '', value_unit: '', limit_type: '' });
  for (const p of JSON.parse(c.product_ids) as string[]) limits.push({ limit_key: 'productId', value1: p, value2: '', value_unit: '', limit_type: '' });
  if (c.max_period_months !== null) limits.push({ limit_key: 'maxPeriodMonths', value1: String(c.max_period_months), value2: '', value_unit: 'month', limit_type: '' });
  if (!c.combines_with_discount) limits.push({ limit_key: 'simultaneousUseWithEmpowerDiscount', value1: '0', value2: '', value_unit: '', limit_type: '' });
  return limits;
}

/** IQueryUserPartnerCouponsResultV2 (the partner's issued list). */
export function issuedCouponView(c: CouponRow) {
  return {
    coupon_id: c.id,
    status: c.status,
    customer_id: c.customer_org_id,
    coupon_type: c.coupon_type,
    measure_id: 1,
    face_value: yuan(c.face_value),
    effective_time: toApiTime(c.valid_time),
    expire_time: toApiTime(c.expire_time),
    order_id: c.lock_order_id ?? '',
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
export function ownCouponView(c: CouponRow) {
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
    order_id: c.lock_order_id ?? '',
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
 * Takes a coupon's whole remainder back to the quota it came from (a reclaimed child quota passes
 * it on to its parent; an expired quota passes it on to the vendor), sets the coupon's final
 * status and logs the operation. The coupon row must be locked by the caller.
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
    let quota = (await repo.lockQuota(tx, coupon.quota_id, 'wait'))!;
    quotaType = quota.quota_type;
    while (quota.status === QUOTA_STATUS.reclaimed && quota.parent_quota_id) quota = (await repo.lockQuota(tx, quota.parent_quota_id, 'wait'))!;
    if (amount > 0n) {
      const from = { orgId: coupon.customer_org_id, kind: 'coupon_balance' as const };
      if (quota.status === QUOTA_STATUS.invalid) {
        const vendor = await repo.findVendorOrg(tx);
        journalId = (
          await deps.ledger.post(tx, {
            kind: 'coupon_reclaim',
            orgId: coupon.issuer_org_id,
            counterpartyOrgId: coupon.customer_org_id,
            reference: coupon.id,
            actor,
            idPrefix: 'CR',
            memo: 'the quota has expired: the remainder returns to the vendor',
            postings: [{ account: from, amount: -amount }, { account: { orgId: vendor.id, kind: 'vendor_coupon_source' }, amount }],
          })
        ).id;
      } else {
        journalId = (
          await deps.ledger.post(tx, {
            kind: 'coupon_reclaim',
            orgId: coupon.issuer_org_id,
            counterpartyOrgId: coupon.customer_org_id,
            reference: coupon.id,
            actor,
            idPrefix: 'CR',
            postings: [{ account: from, amount: -amount }, { account: { orgId: quota.org_id, kind: 'partner_coupon_quota' }, amount }],
          })
        ).id;
        await repo.setQuota(tx, quota.id, { balance: quota.balance + amount, updated_at: now });
      }
    }
  }
  await repo.insertCouponRecord(tx, {
    id: newPrefixedId('OR'),
    org_id: coupon.issuer_org_id,
    operation_type: operationType,
    quota_id: coupon.quota_id,
    quota_type: quotaType,
    coupon_id: coupon.id,
    customer_id: coupon.customer_org_id,
    amount,
    result: 0,
    remark,
    journal_id: journalId,
    created_at: now,
  });
  return amount;
}
