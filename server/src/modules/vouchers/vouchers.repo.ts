// Queries of the vouchers module. Every function takes the executor (db or transaction).
// Organizations and associations are read here, never written.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { CouponQuotaTable, CouponRecordTable, CouponTable, DB, TestVoucherApplicationTable } from '../../db/schema.ts';

type Db = Kysely<DB>;

export function findOrg(db: Db, id: string) {
  return db.selectFrom('organization').select(['id', 'kind', 'partner_type', 'parent_partner_id', 'name', 'domain_name', 'status']).where('id', '=', id).executeTakeFirst();
}

export function findVendorOrg(db: Db) {
  return db.selectFrom('organization').select(['id']).where('kind', '=', 'vendor').executeTakeFirstOrThrow();
}

export function currentAssociation(db: Db, partnerId: string, customerId: string) {
  return db
    .selectFrom('customer_association')
    .select(['association_type'])
    .where('partner_org_id', '=', partnerId)
    .where('customer_org_id', '=', customerId)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
}

export async function isAssociatedCustomer(db: Db, orgId: string) {
  const r = await db.selectFrom('customer_association').select('id').where('customer_org_id', '=', orgId).where('ended_on', 'is', null).executeTakeFirst();
  return !!r;
}

export async function associatedBefore(db: Db, customerId: string) {
  const r = await db.selectFrom('customer_association').select('id').where('customer_org_id', '=', customerId).where('ended_on', 'is not', null).executeTakeFirst();
  return !!r;
}

export async function hasFlag(db: Db, customerId: string, flag: string) {
  const r = await db.selectFrom('customer_flag').select('flag').where('customer_org_id', '=', customerId).where('flag', '=', flag).executeTakeFirst();
  return !!r;
}

export type QuotaRow = Awaited<ReturnType<typeof findQuota>>;

export async function findQuota(db: Db, id: string) {
  const r = await db.selectFrom('coupon_quota').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? normalizeQuota(r) : undefined;
}

function normalizeQuota<T extends { balance: unknown; quota_value: unknown; effective_time: unknown; expire_time: unknown }>(r: T) {
  return { ...r, balance: BigInt(r.balance as string), quota_value: BigInt(r.quota_value as string), effective_time: new Date(r.effective_time as string), expire_time: new Date(r.expire_time as string) };
}

/** Locks a quota row: waiting (issue, reclaim) or failing at once when another operation holds it (NOWAIT). */
export async function lockQuota(db: Db, id: string, mode: 'wait' | 'nowait') {
  const q = db.selectFrom('coupon_quota').selectAll().where('id', '=', id).forUpdate();
  const r = await (mode === 'nowait' ? q.noWait() : q).executeTakeFirst();
  return r ? normalizeQuota(r) : undefined;
}

export function insertQuota(db: Db, row: Insertable<CouponQuotaTable>) {
  return db.insertInto('coupon_quota').values(row).execute();
}

export function setQuota(db: Db, id: string, patch: { balance?: bigint; status?: number; updated_at: Date }) {
  return db.updateTable('coupon_quota').set(patch).where('id', '=', id).execute();
}

/** Compare-and-set of a quota's status; false when it was not in the expected state. */
export async function moveQuotaStatus(db: Db, id: string, from: number, to: number, at: Date) {
  const r = await db.updateTable('coupon_quota').set({ status: to, updated_at: at }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function insertQuotaRecord(db: Db, row: Insertable<DB['coupon_quota_record']>) {
  return db.insertInto('coupon_quota_record').values(row).execute();
}

export function insertCoupon(db: Db, row: Insertable<CouponTable>) {
  return db.insertInto('coupon').values(row).execute();
}

export function insertCouponRecord(db: Db, row: Insertable<CouponRecordTable>) {
  return db.insertInto('coupon_record').values(row).execute();
}

function normalizeCoupon<T extends { balance: unknown; face_value: unknown; valid_time: unknown; expire_time: unknown }>(r: T) {
  return { ...r, balance: BigInt(r.balance as string), face_value: BigInt(r.face_value as string), valid_time: new Date(r.valid_time as string), expire_time: new Date(r.expire_time as string) };
}

export async function lockCoupon(db: Db, id: string) {
  const r = await db.selectFrom('coupon').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  return r ? normalizeCoupon(r) : undefined;
}

/** Unused partner-issued coupons of a customer from one partner (or its quotas), locked. */
export async function lockOpenCouponsOf(db: Db, issuerId: string, customerId: string) {
  const rows = await db
    .selectFrom('coupon')
    .selectAll()
    .where('issuer_org_id', '=', issuerId)
    .where('customer_org_id', '=', customerId)
    .where('source', '=', 'partner')
    .where('status', 'in', [1, 2])
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map(normalizeCoupon);
}

export function setCoupon(db: Db, id: string, patch: { balance?: bigint; status?: number; last_used_at?: Date; updated_at: Date }) {
  return db.updateTable('coupon').set(patch).where('id', '=', id).execute();
}

/** Adds to a quota's balance in place (several returns to one quota in one transaction add up). */
export function addToQuota(db: Db, id: string, amount: bigint, at: Date) {
  return db.updateTable('coupon_quota').set((eb) => ({ balance: eb('balance', '+', amount), updated_at: at })).where('id', '=', id).execute();
}

/**
 * The coupons an account holds that expired within the window (older ones it can no longer see
 * or name), in id order; locked when read inside a transaction (a payment), so that two payments
 * naming one coupon queue on it.
 */
export async function heldCoupons(db: Db, holderId: string, expiredAfter: Date) {
  const q = db.selectFrom('coupon').selectAll().where('customer_org_id', '=', holderId).where('expire_time', '>=', expiredAfter).orderBy('id');
  const rows = await (db.isTransaction ? q.forUpdate() : q).execute();
  return rows.map(normalizeCoupon);
}

export function insertUsage(db: Db, row: Insertable<DB['coupon_usage']>) {
  return db.insertInto('coupon_usage').values(row).execute();
}

/** The uses of an order not yet given back, locked. */
export async function openUsagesOfOrder(db: Db, orderId: string) {
  const rows = await db.selectFrom('coupon_usage').selectAll().where('order_id', '=', orderId).where('restored_at', 'is', null).orderBy('coupon_id').forUpdate().execute();
  return rows.map((r) => ({ ...r, amount: BigInt(r.amount) }));
}

export function markUsageRestored(db: Db, id: string, at: Date) {
  return db.updateTable('coupon_usage').set({ restored_at: at }).where('id', '=', id).execute();
}

/** Each coupon's latest use by an order (for the coupon views). */
export async function lastOrderOf(db: Db, couponIds: readonly string[]) {
  if (couponIds.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('coupon_usage')
    .select(['coupon_id', 'order_id'])
    .distinctOn('coupon_id')
    .where('coupon_id', 'in', couponIds)
    .orderBy('coupon_id')
    .orderBy('used_at', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.coupon_id, r.order_id]));
}

/** Due coupons, locked, skipping rows another sweeper holds. */
export async function lockDueCoupons(db: Db, now: Date, limit: number) {
  const rows = await db.selectFrom('coupon').selectAll().where('status', 'in', [1, 2]).where('expire_time', '<=', now).orderBy('id').limit(limit).forUpdate().skipLocked().execute();
  return rows.map(normalizeCoupon);
}

export async function activateDueCoupons(db: Db, now: Date) {
  const r = await db.updateTable('coupon').set({ status: 2, updated_at: now }).where('status', '=', 1).where('valid_time', '<=', now).where('expire_time', '>', now).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function lockDueQuotas(db: Db, now: Date, limit: number) {
  const rows = await db.selectFrom('coupon_quota').selectAll().where('status', 'in', [0, 4, 5]).where('expire_time', '<=', now).orderBy('id').limit(limit).forUpdate().skipLocked().execute();
  return rows.map(normalizeQuota);
}

export interface QuotaFilter {
  orgId: string;
  quotaType?: number;
  quotaIds?: string[];
  statuses?: number[];
  parentQuotaId?: string;
  issuedBy?: string;
  holder?: string;
  times: { col: 'created_at' | 'effective_time' | 'expire_time'; from?: Date; to?: Date }[];
  offset: number;
  limit: number;
}

export async function listQuotas(db: Db, f: QuotaFilter) {
  let q = db.selectFrom('coupon_quota as q').innerJoin('organization as o', 'o.id', 'q.org_id');
  if (f.issuedBy) {
    q = q.where('q.parent_quota_id', 'in', db.selectFrom('coupon_quota').select('id').where('org_id', '=', f.issuedBy));
    if (f.holder) q = q.where('q.org_id', '=', f.holder);
  } else q = q.where('q.org_id', '=', f.orgId);
  if (f.quotaType !== undefined) q = q.where('q.quota_type', '=', f.quotaType);
  if (f.quotaIds?.length) q = q.where('q.id', 'in', f.quotaIds);
  if (f.statuses?.length) q = q.where('q.status', 'in', f.statuses);
  if (f.parentQuotaId) q = q.where('q.parent_quota_id', '=', f.parentQuotaId);
  for (const t of f.times) {
    if (t.from) q = q.where(`q.${t.col}`, '>', t.from);
    if (t.to) q = q.where(`q.${t.col}`, '<', t.to);
  }
  const [{ count }] = await q.select((eb) => eb.fn.countAll<string>().as('count')).execute();
  const rows = await q.selectAll('q').select(['o.name as holder_name', 'o.domain_name as holder_account']).orderBy('q.created_at', 'desc').orderBy('q.id').offset(f.offset).limit(f.limit).execute();
  return { total: Number(count), rows: rows.map(normalizeQuota) };
}

/** Quotas the vendor granted (top-level ones), with their holders. */
export async function listGrantedQuotas(db: Db, f: { grantedBy: string; holder?: string; quotaType?: number; statuses?: number[]; offset: number; limit: number }) {
  let q = db.selectFrom('coupon_quota as q').innerJoin('organization as o', 'o.id', 'q.org_id').where('q.granted_by_org_id', '=', f.grantedBy).where('q.parent_quota_id', 'is', null);
  if (f.holder) q = q.where('q.org_id', '=', f.holder);
  if (f.quotaType !== undefined) q = q.where('q.quota_type', '=', f.quotaType);
  if (f.statuses?.length) q = q.where('q.status', 'in', f.statuses);
  const [{ count }] = await q.select((eb) => eb.fn.countAll<string>().as('count')).execute();
  const rows = await q
    .selectAll('q')
    .select(['o.name as holder_name', 'o.domain_name as holder_account', 'o.partner_type as holder_type'])
    .orderBy('q.created_at', 'desc')
    .orderBy('q.id')
    .offset(f.offset)
    .limit(f.limit)
    .execute();
  return { total: Number(count), rows: rows.map(normalizeQuota) };
}

/** Partners the vendor may grant quota to: solution providers and master distributors. */
export function quotaHolders(db: Db) {
  return db
    .selectFrom('organization')
    .select(['id', 'name', 'domain_name', 'partner_type'])
    .where('kind', '=', 'partner')
    .where('partner_type', 'in', ['solution_provider', 'master_distributor'])
    .where('status', '=', 'active')
    .orderBy('name')
    .execute();
}

export async function listQuotaRecords(
  db: Db,
  f: { orgId: string; resellerId?: string; quotaId?: string; parentQuotaId?: string; type?: number; from?: Date; to?: Date; offset: number; limit: number },
) {
  let q = db.selectFrom('coupon_quota_record as r').innerJoin('organization as o', 'o.id', 'r.indirect_partner_id').where('r.org_id', '=', f.orgId);
  if (f.resellerId) q = q.where('r.indirect_partner_id', '=', f.resellerId);
  if (f.quotaId) q = q.where('r.quota_id', '=', f.quotaId);
  if (f.parentQuotaId) q = q.where('r.parent_quota_id', '=', f.parentQuotaId);
  if (f.type) q = q.where('r.operation_type', '=', f.type);
  if (f.from) q = q.where('r.created_at', '>', f.from);
  if (f.to) q = q.where('r.created_at', '<', f.to);
  const [{ count }] = await q.select((eb) => eb.fn.countAll<string>().as('count')).execute();
  const rows = await q.selectAll('r').select(['o.name as reseller_name', 'o.domain_name as reseller_account']).orderBy('r.created_at', 'desc').orderBy('r.id').offset(f.offset).limit(f.limit).execute();
  return { total: Number(count), rows };
}

export interface CouponFilter {
  issuerId?: string;
  holderId?: string;
  sourceId?: string;
  couponId?: string;
  customerId?: string;
  orderId?: string;
  couponType?: number;
  status?: number;
  expiredAfter: Date;
  times: { col: 'created_at' | 'valid_time' | 'expire_time'; from?: Date; to?: Date }[];
  offset: number;
  limit: number;
}

export async function listCoupons(db: Db, f: CouponFilter) {
  let q = db.selectFrom('coupon').where('expire_time', '>=', f.expiredAfter);
  if (f.issuerId) q = q.where('issuer_org_id', '=', f.issuerId).where('source', '=', 'partner');
  if (f.holderId) q = q.where('customer_org_id', '=', f.holderId);
  if (f.sourceId) q = q.where('issuer_org_id', '=', f.sourceId);
  if (f.couponId) q = q.where('id', '=', f.couponId);
  if (f.customerId) q = q.where('customer_org_id', '=', f.customerId);
  if (f.orderId) q = q.where((eb) => eb.or([eb('lock_order_id', '=', f.orderId!), eb('id', 'in', eb.selectFrom('coupon_usage').select('coupon_id').where('order_id', '=', f.orderId!))]));
  if (f.couponType) q = q.where('coupon_type', '=', f.couponType);
  if (f.status) q = q.where('status', '=', f.status);
  for (const t of f.times) {
    if (t.from) q = q.where(t.col, '>', t.from);
    if (t.to) q = q.where(t.col, '<', t.to);
  }
  const [{ count }] = await q.select((eb) => eb.fn.countAll<string>().as('count')).execute();
  const rows = await q.selectAll().orderBy('created_at', 'desc').orderBy('id').offset(f.offset).limit(f.limit).execute();
  return { total: Number(count), rows: rows.map(normalizeCoupon) };
}

export async function listCouponRecords(
  db: Db,
  f: { orgId: string; types?: number[]; quotaId?: string; quotaType?: number; couponIds?: string[]; customerId?: string; result?: number; from?: Date; to?: Date; offset: number; limit: number },
) {
  let q = db.selectFrom('coupon_record').where('org_id', '=', f.orgId);
  if (f.types) q = f.types.length ? q.where('operation_type', 'in', f.types) : q.where(sql<boolean>`false`);
  if (f.quotaId) q = q.where('quota_id', '=', f.quotaId);
  if (f.quotaType !== undefined) q = q.where('quota_type', '=', f.quotaType);
  if (f.couponIds?.length) q = q.where('coupon_id', 'in', f.couponIds);
  if (f.customerId) q = q.where('customer_id', '=', f.customerId);
  if (f.result !== undefined) q = q.where('result', '=', f.result);
  if (f.from) q = q.where('created_at', '>', f.from);
  if (f.to) q = q.where('created_at', '<', f.to);
  const [{ count }] = await q.select((eb) => eb.fn.countAll<string>().as('count')).execute();
  const rows = await q.selectAll().orderBy('created_at', 'desc').orderBy('id').offset(f.offset).limit(f.limit).execute();
  return { total: Number(count), rows };
}

// Test-voucher applications.
export function insertApplication(db: Db, row: Insertable<TestVoucherApplicationTable>) {
  return db.insertInto('test_voucher_application').values(row).execute();
}

export function findApplication(db: Db, id: string) {
  return db.selectFrom('test_voucher_application').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function pendingApplication(db: Db, orgId: string, type: string) {
  return db.selectFrom('test_voucher_application').select('id').where('org_id', '=', orgId).where('voucher_type', '=', type).where('status', '=', 'SUBMITTED').executeTakeFirst();
}

/** What was approved so far for these types (and this solution, when given). */
export async function approvedTestVoucherAmount(db: Db, orgId: string, types: readonly string[], solution: string | null): Promise<bigint> {
  let q = db
    .selectFrom('test_voucher_application')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('approved_amount'), sql<string>`0`).as('total'))
    .where('org_id', '=', orgId)
    .where('status', '=', 'APPROVED')
    .where('voucher_type', 'in', types);
  if (solution !== null) q = q.where('solution', '=', solution);
  const r = await q.executeTakeFirstOrThrow();
  return BigInt(r.total);
}

/** Compare-and-set of an application's status; false when someone decided it first. */
export async function decideApplication(db: Db, id: string, patch: Partial<Insertable<TestVoucherApplicationTable>> & { status: 'APPROVED' | 'REJECTED' }) {
  const r = await db.updateTable('test_voucher_application').set(patch).where('id', '=', id).where('status', '=', 'SUBMITTED').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listApplications(db: Db, f: { orgId?: string; status?: string; offset: number; limit: number }) {
  let q = db.selectFrom('test_voucher_application as a').innerJoin('organization as o', 'o.id', 'a.org_id');
  if (f.orgId) q = q.where('a.org_id', '=', f.orgId);
  if (f.status) q = q.where('a.status', '=', f.status as 'SUBMITTED');
  const [{ count }] = await q.select((eb) => eb.fn.countAll<string>().as('count')).execute();
  const rows = await q.selectAll('a').select(['o.name as org_name', 'o.domain_name as org_account']).orderBy('a.created_at', 'desc').orderBy('a.id').offset(f.offset).limit(f.limit).execute();
  return { total: Number(count), rows };
}
