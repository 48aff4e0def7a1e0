// Coupons to customers: issue within a quota (per-customer results), reclaim (whole remainder back
// to the quota), automatic reclaim when a resale association ends, expiry, and the read side.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { actorOf, type Actor, type Caller } from '../../shared/actor.ts';
import { toApiTime } from '../../shared/clock.ts';
import { AppError, type Lang } from '../../shared/errors.ts';
import { newPrefixedId } from '../../shared/ids.ts';
import { formatAmount, parseAmount } from '../../shared/money.ts';
import { parseApiTime } from '../funds/index.ts';
import type { Answer } from '../ledger/index.ts';
import * as repo from './vouchers.repo.ts';
import {
  assertQuotaUsable,
  assertReclaimable,
  checkIssueAgainstQuota,
  checkRecipient,
  COUPON_OPERATION,
  COUPON_STATUS,
  couponTypeOfQuota,
  couponUsageRatio,
  expiryDestination,
  initialCouponStatus,
  QUOTA_STATUS,
  reclaimOperationOf,
  windowStart,
} from './vouchers.rules.ts';
import { actingPartner, issuedCouponView, ownCouponView, parseLimits, returnCouponToQuota, type VouchersDeps } from './vouchers.shared.ts';

/** A query-string list: repeated keys, or one comma-separated value. */
const asList = (v: string | string[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : v.split(','));

type ErrorDetail = { id: string; error_code: string; error_msg: string };

export interface EndedResaleAssociation {
  kind: string;
  partnerOrgId: string;
  customerOrgId: string;
  fromType: 1 | 2;
  actor: Actor;
}

export function createCouponService(deps: VouchersDeps) {
  const { db, clock, audit, ledger, settings } = deps;

  /** CreatePartnerCoupons: one coupon per resale customer, same face value, from one quota. */
  async function issue(
    caller: Caller,
    input: {
      quota_id: string;
      customer_ids: string[];
      face_value: string | number;
      valid_time?: string | null;
      expire_time?: string | null;
      cloud_service_types?: string[] | null;
      product_ids?: string[] | null;
      memo?: string | null;
      indirect_partner_id?: string | null;
      cycle_type?: '5' | '6' | null;
      usage_ratio?: string | number | null;
    },
    clientToken: string | undefined,
    lang: Lang,
  ): Promise<Answer<{ coupon_infos: { id: string; coupon_id: string }[]; error_details: ErrorDetail[] }>> {
    const partnerId = await actingPartner(db, caller, input.indirect_partner_id ?? undefined);
    const faceValue = parseAmount(input.face_value, 'face_value');
    const customers = [...new Set(input.customer_ids)];
    const validIn = parseApiTime(input.valid_time ?? undefined, 'valid_time');
    const expireIn = parseApiTime(input.expire_time ?? undefined, 'expire_time');
    const cycle = input.cycle_type === '5' ? ('on_demand' as const) : ('general' as const);
    const actor = { ...actorOf(caller), onBehalfOf: partnerId === caller.org.id ? null : partnerId };
    const request = { ...input, partnerId, faceValue, customers };
    return ledger.once(db, { orgId: caller.org.id, operation: 'partner_coupon_issue', key: clientToken, request }, async (tx) => {
      // Issues from one quota queue on its row: parallel issues can never exceed it.
      const quota = await repo.lockQuota(tx, input.quota_id, 'wait');
      if (!quota || quota.org_id !== partnerId) throw new AppError('CBC.99000012');
      const now = clock.now();
      assertQuotaUsable(quota, now, 'CBC.99000012');
      const limits = parseLimits(quota.limit_infos);
      const validTime = validIn ?? (quota.effective_time > now ? quota.effective_time : now);
      const expireTime = expireIn ?? quota.expire_time;
      const scope = checkIssueAgainstQuota(limits, quota, {
        faceValue,
        count: customers.length,
        serviceTypes: input.cloud_service_types ?? [],
        productIds: input.product_ids ?? [],
        cycle,
        validTime,
        expireTime,
      });
      const usageRatioBp = couponUsageRatio(quota.quota_type, limits, input.usage_ratio);
      const coupon_infos: { id: string; coupon_id: string }[] = [];
      const error_details: ErrorDetail[] = [];
      let balance = quota.balance;
      for (const customerId of customers) {
        try {
          const association = await repo.currentAssociation(tx, partnerId, customerId);
          checkRecipient(limits, {
            customerId,
            partnerId,
            associationType: association?.association_type ?? null,
            associatedBefore: association ? await repo.associatedBefore(tx, customerId) : false,
            hostedMember: association ? await repo.hasFlag(tx, customerId, 'enterprise_member_hosting') : false,
          });
          if (balance < faceValue) throw new AppError('CBC.99000013');
          const couponId = newPrefixedId('CP');
          await repo.insertCoupon(tx, {
            id: couponId,
            customer_org_id: customerId,
            issuer_org_id: partnerId,
            quota_id: quota.id,
            coupon_type: couponTypeOfQuota(quota.quota_type),
            status: initialCouponStatus(validTime, now),
            cycle,
            face_value: faceValue,
            balance: faceValue,
            valid_time: validTime,
            expire_time: expireTime,
            service_types: JSON.stringify(scope.serviceTypes),
            product_ids: JSON.stringify(scope.productIds),
            max_period_months: null,
            usage_ratio_bp: usageRatioBp,
            memo: input.memo ?? null,
            lock_order_id: null,
            source: 'partner',
            created_at: now,
            updated_at: now,
          });
          const journal = await ledger.post(tx, {
            kind: 'coupon_issue',
            orgId: partnerId,
            counterpartyOrgId: customerId,
            reference: couponId,
            actor,
            idPrefix: 'CI',
            postings: [
              { account: { orgId: partnerId, kind: 'partner_coupon_quota' }, amount: -faceValue },
              { account: { orgId: customerId, kind: 'coupon_balance' }, amount: faceValue },
            ],
          });
          await repo.insertCouponRecord(tx, {
            id: newPrefixedId('OR'),
            org_id: partnerId,
            operation_type: COUPON_OPERATION.issue,
            quota_id: quota.id,
            quota_type: quota.quota_type,
            coupon_id: couponId,
            customer_id: customerId,
            amount: faceValue,
            result: 0,
            remark: input.memo ?? null,
            journal_id: journal.id,
            created_at: now,
          });
          balance -= faceValue;
          coupon_infos.push({ id: customerId, coupon_id: couponId });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          error_details.push({ id: customerId, error_code: error.code, error_msg: error.message_in(lang) });
        }
      }
      if (balance !== quota.balance) await repo.setQuota(tx, quota.id, { balance, updated_at: now });
      await audit.append(tx, actor, {
        operation: 'vouchers.coupon_issue',
        targetType: 'coupon_quota',
        targetId: quota.id,
        detail: { face_value: formatAmount(faceValue), issued: coupon_infos, failed: error_details.map((e) => ({ id: e.id, error_code: e.error_code })) },
      });
      return { status: 200, body: { coupon_infos, error_details } };
    });
  }

  /** ReclaimPartnerCoupons: the whole remainder back to the quota; 204. */
  async function reclaim(caller: Caller, input: { coupon_id: string; indirect_partner_id?: string | null }): Promise<{ reclaimed: bigint }> {
    const partnerId = await actingPartner(db, caller, input.indirect_partner_id ?? undefined);
    const actor = { ...actorOf(caller), onBehalfOf: partnerId === caller.org.id ? null : partnerId };
    return db.transaction().execute(async (tx) => {
      const coupon = await repo.lockCoupon(tx, input.coupon_id);
      if (!coupon || coupon.issuer_org_id !== partnerId || coupon.source !== 'partner') throw new AppError('CBC.0100', 'the coupon does not exist');
      assertReclaimable(coupon);
      const association = await repo.currentAssociation(tx, partnerId, coupon.customer_org_id);
      if (association?.association_type === 1) throw new AppError('CBC.99000045');
      const amount = await returnCouponToQuota(deps, tx, coupon, COUPON_STATUS.reclaimed, COUPON_OPERATION.manualReclaim, actor);
      await audit.append(tx, actor, { operation: 'vouchers.coupon_reclaim', targetType: 'coupon', targetId: coupon.id, detail: { amount: formatAmount(amount), customer_id: coupon.customer_org_id } });
      return { reclaimed: amount };
    });
  }

  /**
   * The disassociation effect: when a resale association ends (disassociation, or a switch away
   * from resale), every unused coupon that partner issued to the customer goes back to its quota,
   * in the same transaction (operation_type 3, or 8 for a type switch).
   */
  async function reclaimOnAssociationEnd(tx: Kysely<DB>, change: EndedResaleAssociation): Promise<void> {
    if (change.fromType !== 2) return;
    const coupons = await repo.lockOpenCouponsOf(tx, change.partnerOrgId, change.customerOrgId);
    if (coupons.length === 0) return;
    const op = reclaimOperationOf(change.kind);
    let total = 0n;
    for (const c of coupons) total += await returnCouponToQuota(deps, tx, c, COUPON_STATUS.reclaimed, op, change.actor, 'automatic reclaim: the resale association ended');
    await audit.append(tx, change.actor, {
      operation: 'vouchers.coupon_auto_reclaim',
      targetType: 'organization',
      targetId: change.customerOrgId,
      detail: { partner_id: change.partnerOrgId, coupons: coupons.map((c) => c.id), amount: formatAmount(total), operation_type: op },
    });
  }

  /**
   * The expiry sweep (idempotent; several processes may run it: SKIP LOCKED). Not-yet-valid coupons
   * become usable; expired cash coupons return their remainder to the issuer's quota (journal
   * coupon_reclaim, operation_type 4); expired vouchers simply expire (journal coupon_expire, to the
   * vendor's expired-vouchers account); expired quotas become invalid and their remainder returns
   * to the vendor (journal coupon_quota_expire).
   */
  async function sweep(now: Date = clock.now()) {
    const system: Actor = { userId: null, userName: 'system', orgId: 'system', via: 'system', clientIp: null };
    const activated = await repo.activateDueCoupons(db, now);
    let couponsExpired = 0;
    let quotasExpired = 0;
    for (;;) {
      const n = await db.transaction().execute(async (tx) => {
        const due = await repo.lockDueCoupons(tx, now, 100);
        for (const c of due) {
          if (expiryDestination(c.coupon_type) === 'issuer_quota' && c.quota_id) {
            await returnCouponToQuota(deps, tx, c, COUPON_STATUS.expired, COUPON_OPERATION.expiryReclaim, system, 'expired');
            continue;
          }
          await repo.setCoupon(tx, c.id, { balance: 0n, status: COUPON_STATUS.expired, updated_at: now });
          if (c.balance > 0n) {
            const vendor = await repo.findVendorOrg(tx);
            await ledger.post(tx, {
              kind: 'coupon_expire',
              orgId: c.issuer_org_id,
              counterpartyOrgId: c.customer_org_id,
              reference: c.id,
              actor: system,
              idPrefix: 'CX',
              postings: [
                { account: { orgId: c.customer_org_id, kind: 'coupon_balance' }, amount: -c.balance },
                { account: { orgId: vendor.id, kind: 'vendor_coupon_expired' }, amount: c.balance },
              ],
            });
          }
        }
        return due.length;
      });
      couponsExpired += n;
      if (n < 100) break;
    }
    for (;;) {
      const n = await db.transaction().execute(async (tx) => {
        const due = await repo.lockDueQuotas(tx, now, 100);
        for (const q of due) {
          await repo.setQuota(tx, q.id, { balance: 0n, status: QUOTA_STATUS.invalid, updated_at: now });
          if (q.balance > 0n) {
            const vendor = await repo.findVendorOrg(tx);
            await ledger.post(tx, {
              kind: 'coupon_quota_expire',
              orgId: q.org_id,
              counterpartyOrgId: vendor.id,
              reference: q.id,
              actor: system,
              idPrefix: 'QX',
              postings: [
                { account: { orgId: q.org_id, kind: 'partner_coupon_quota' }, amount: -q.balance },
                { account: { orgId: vendor.id, kind: 'vendor_coupon_source' }, amount: q.balance },
              ],
            });
          }
        }
        return due.length;
      });
      quotasExpired += n;
      if (n < 100) break;
    }
    return { activated, couponsExpired, quotasExpired };
  }

  type TimeInput = { create_time_begin?: string; create_time_end?: string; effective_time_begin?: string; effective_time_end?: string; expire_time_begin?: string; expire_time_end?: string };
  const times = (i: TimeInput) => [
    { col: 'created_at' as const, from: parseApiTime(i.create_time_begin, 'create_time_begin'), to: parseApiTime(i.create_time_end, 'create_time_end') },
    { col: 'valid_time' as const, from: parseApiTime(i.effective_time_begin, 'effective_time_begin'), to: parseApiTime(i.effective_time_end, 'effective_time_end') },
    { col: 'expire_time' as const, from: parseApiTime(i.expire_time_begin, 'expire_time_begin'), to: parseApiTime(i.expire_time_end, 'expire_time_end') },
  ];

  /** ListIssuedPartnerCoupons: coupons the partner issued (window: settings.issuedListMonths). */
  async function listIssued(
    caller: Caller,
    input: TimeInput & { coupon_id?: string; customer_id?: string; order_id?: string; coupon_type?: number; status?: number; offset: number; limit: number; indirect_partner_id?: string },
  ) {
    const partnerId = await actingPartner(db, caller, input.indirect_partner_id);
    const { total, rows } = await repo.listCoupons(db, {
      issuerId: partnerId,
      couponId: input.coupon_id || undefined,
      customerId: input.customer_id || undefined,
      orderId: input.order_id || undefined,
      couponType: input.coupon_type,
      status: input.status,
      expiredAfter: windowStart(clock.now(), settings.issuedListMonths),
      times: times(input),
      offset: input.offset,
      limit: input.limit,
    });
    const lastOrders = await repo.lastOrderOf(db, rows.map((r) => r.id));
    return { total_count: total, user_coupons: rows.map((r) => issuedCouponView(r, lastOrders.get(r.id))) };
  }

  /** ListPartnerCouponsRecord: the partner's issue/reclaim log. */
  async function records(
    caller: Caller,
    input: {
      operation_types?: string | string[];
      quota_id?: string;
      quota_type?: number;
      coupon_ids?: string | string[];
      customer_id?: string;
      operation_time_begin?: string;
      operation_time_end?: string;
      result?: string;
      offset: number;
      limit: number;
      indirect_partner_id?: string;
    },
  ) {
    const partnerId = await actingPartner(db, caller, input.indirect_partner_id);
    const { total, rows } = await repo.listCouponRecords(db, {
      orgId: partnerId,
      types: asList(input.operation_types)?.map(Number).filter((n) => Number.isInteger(n)),
      quotaId: input.quota_id || undefined,
      quotaType: input.quota_type,
      couponIds: asList(input.coupon_ids),
      customerId: input.customer_id || undefined,
      result: input.result === '0' || input.result === '-1' ? Number(input.result) : undefined,
      from: parseApiTime(input.operation_time_begin, 'operation_time_begin'),
      to: parseApiTime(input.operation_time_end, 'operation_time_end'),
      offset: input.offset,
      limit: input.limit,
    });
    return {
      total_count: total,
      records: rows.map((r) => ({
        id: r.id,
        operation_type: String(r.operation_type),
        quota_id: r.quota_id ?? '',
        quota_type: r.quota_type ?? 0,
        coupon_id: r.coupon_id,
        customer_id: r.customer_id,
        operation_amount: Number(formatAmount(BigInt(r.amount))),
        operation_time: toApiTime(new Date(r.created_at)),
        result: String(r.result),
        remark: r.remark ?? '',
      })),
    };
  }

  /** ListSubCustomerCoupons: the calling partner's own coupons (or its reseller's). */
  async function listOwn(
    caller: Caller,
    input: { coupon_id?: string; order_id?: string; coupon_type?: number; status?: number; active_start_time?: string; active_end_time?: string; offset: number; limit: number; source_id?: string; indirect_partner_id?: string },
  ) {
    const holder = await actingPartner(db, caller, input.indirect_partner_id);
    return ownCoupons(holder, input, settings.ownCouponMonths);
  }

  /** The customer's own voucher view (window: settings.customerViewMonths). */
  async function listMine(caller: Caller, input: { status?: number; coupon_type?: number; offset: number; limit: number }) {
    return ownCoupons(caller.org.id, input, settings.customerViewMonths);
  }

  async function ownCoupons(
    holder: string,
    input: { coupon_id?: string; order_id?: string; coupon_type?: number; status?: number; active_start_time?: string; active_end_time?: string; offset: number; limit: number; source_id?: string },
    months: number,
  ) {
    const { total, rows } = await repo.listCoupons(db, {
      holderId: holder,
      sourceId: input.source_id || undefined,
      couponId: input.coupon_id || undefined,
      orderId: input.order_id || undefined,
      couponType: input.coupon_type,
      status: input.status,
      expiredAfter: windowStart(clock.now(), months),
      times: [{ col: 'valid_time', from: parseApiTime(input.active_start_time, 'active_start_time'), to: parseApiTime(input.active_end_time, 'active_end_time') }],
      offset: input.offset,
      limit: input.limit,
    });
    const lastOrders = await repo.lastOrderOf(db, rows.map((r) => r.id));
    return { count: total, user_coupons: rows.map((r) => ownCouponView(r, lastOrders.get(r.id))) };
  }

  return { issue, reclaim, reclaimOnAssociationEnd, sweep, listIssued, records, listOwn, listMine };
}
