// Queries of customer orders, partner-payment applications, price adjustments, invoices and the
// 严选 programme. Every function takes the executor (db or tx); no rules here.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { CustomerOrderTable, DB, PartnerPayStatus } from '../../db/schema.ts';
import type { Insertable, UpdateObject } from 'kysely';

type Db = Kysely<DB>;
export type OrderRow = Selectable<CustomerOrderTable>;

export function findOrder(db: Db, id: string) {
  return db.selectFrom('customer_order').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks an order row, so that placing orders on the same base happens one at a time. */
export function lockOrder(db: Db, id: string) {
  return db.selectFrom('customer_order').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The live order that continues a base order: a pending or paid renewal or change, not unsubscribed. */
export function successorOf(db: Db, baseOrderId: string) {
  return db
    .selectFrom('customer_order')
    .select('id')
    .where('base_order_id', '=', baseOrderId)
    .where('order_type', 'in', [2, 3])
    .where('status', 'in', [5, 6])
    .where('unsubscribed_by_order_id', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
}

export async function insertOrder(db: Db, row: Insertable<CustomerOrderTable>) {
  await db.insertInto('customer_order').values(row).execute();
}

/** SQL for "a pending partner-payment application ends as `to`; any other state stays". */
export function endApplication(to: 'CANCELLED' | 'EXPIRED') {
  return sql<PartnerPayStatus | null>`CASE WHEN partner_pay_status = 'PENDING' THEN ${to} ELSE partner_pay_status END`;
}

/** Compare-and-set: applies `set` only while the order matches `where`; returns the row or undefined. */
export function casOrder(
  db: Db,
  id: string,
  where: { status?: number; partnerPay?: string | null; unsubscribed?: false; notInvoiced?: true },
  set: UpdateObject<DB, 'customer_order'>,
) {
  let q = db.updateTable('customer_order').set(set).where('id', '=', id);
  if (where.status !== undefined) q = q.where('status', '=', where.status);
  if (where.partnerPay !== undefined) q = where.partnerPay === null ? q.where('partner_pay_status', 'is', null) : q.where('partner_pay_status', '=', where.partnerPay as never);
  if (where.unsubscribed === false) q = q.where('unsubscribed_by_order_id', 'is', null);
  if (where.notInvoiced) q = q.where('invoice_id', 'is', null);
  return q.returningAll().executeTakeFirst();
}

export async function appendHistory(
  db: Db,
  row: { order_id: string; org_id: string; action: string; from_status: number | null; to_status: number; actor_org_id: string | null; actor_user_id: string | null; reason: string | null; at: Date },
) {
  await db.insertInto('customer_order_history').values(row).execute();
}

export function historyOf(db: Db, orderId: string) {
  return db.selectFrom('customer_order_history').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
}

export function adjustmentsOf(db: Db, orderId: string) {
  return db.selectFrom('order_price_adjustment').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
}

export async function insertAdjustment(db: Db, row: { order_id: string; partner_org_id: string; from_amount: bigint; to_amount: bigint; actor_user_id: string | null; at: Date }) {
  await db.insertInto('order_price_adjustment').values(row).execute();
}

export interface OrderFilter {
  /** Orders of these customers (own orders) ... */
  customerOrgId?: string;
  /** ... or of customers of this partner ... */
  partnerOrgId?: string;
  /** ... or of customers of any cloud reseller of this master distributor. */
  resellersOf?: string;
  /** (vendor: no scope) Only customers this member manages (account-manager scope). */
  managerUserId?: string;
  orderId?: string;
  filterCustomerId?: string;
  /** Customer name or account name, partial. */
  customerText?: string;
  associationType?: number;
  serviceTypeCode?: string;
  status?: number;
  orderType?: number;
  partnerPayStatus?: string | readonly string[];
  createdFrom?: Date;
  createdTo?: Date;
  paidFrom?: Date;
  paidTo?: Date;
  ascending?: boolean;
  offset: number;
  limit: number;
}

const likeText = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function ordersQuery(db: Db, f: Omit<OrderFilter, 'ascending' | 'offset' | 'limit'>) {
  let q = db.selectFrom('customer_order');
  if (f.customerOrgId) q = q.where('customer_org_id', '=', f.customerOrgId);
  if (f.partnerOrgId) q = q.where('partner_org_id', '=', f.partnerOrgId);
  if (f.resellersOf) {
    const parent = f.resellersOf;
    q = q.where('partner_org_id', 'in', (eb) => eb.selectFrom('organization').select('id').where('parent_partner_id', '=', parent));
  }
  if (f.managerUserId) {
    const manager = f.managerUserId;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('account_manager_assignment as am')
          .select('am.id')
          .whereRef('am.subject_org_id', '=', 'customer_order.customer_org_id')
          .where('am.subject_kind', '=', 'customer')
          .where('am.manager_user_id', '=', manager)
          .where('am.withdrawn_at', 'is', null),
      ),
    );
  }
  if (f.orderId) q = q.where(sql<string>`lower(id)`, '=', f.orderId.toLowerCase());
  if (f.filterCustomerId) q = q.where('customer_org_id', '=', f.filterCustomerId);
  if (f.customerText) {
    const like = likeText(f.customerText);
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('organization as c')
          .select('c.id')
          .whereRef('c.id', '=', 'customer_order.customer_org_id')
          .where(sql<boolean>`(c.name ILIKE ${like} ESCAPE '\\' OR c.domain_name ILIKE ${like} ESCAPE '\\')`),
      ),
    );
  }
  if (f.associationType !== undefined) q = q.where('association_type', '=', f.associationType);
  if (f.serviceTypeCode) q = q.where('service_type_code', '=', f.serviceTypeCode);
  if (f.status !== undefined) q = q.where('status', '=', f.status);
  if (f.orderType !== undefined) q = q.where('order_type', '=', f.orderType);
  if (typeof f.partnerPayStatus === 'string') q = q.where('partner_pay_status', '=', f.partnerPayStatus as never);
  else if (f.partnerPayStatus) q = q.where('partner_pay_status', 'in', [...f.partnerPayStatus] as never);
  if (f.createdFrom) q = q.where('created_at', '>=', f.createdFrom);
  if (f.createdTo) q = q.where('created_at', '<=', f.createdTo);
  if (f.paidFrom) q = q.where('paid_at', '>=', f.paidFrom);
  if (f.paidTo) q = q.where('paid_at', '<=', f.paidTo);
  return q;
}

export async function listOrders(db: Db, f: OrderFilter) {
  const q = ordersQuery(db, f);
  const [{ total }] = await q.select((eb) => eb.fn.countAll<string>().as('total')).execute();
  const dir = f.ascending ? 'asc' : 'desc';
  const rows = await q.selectAll().orderBy('created_at', dir).orderBy('id', dir).offset(f.offset).limit(f.limit).execute();
  return { total: Number(total), rows };
}

/** Expired unpaid orders, locked for this sweep; other sweepers skip them. */
export function lockExpired(db: Db, now: Date, limit: number) {
  return db
    .selectFrom('customer_order')
    .select(['id', 'status', 'customer_org_id', 'partner_pay_status'])
    .where('status', '=', 6)
    .where('pending_payment_end_at', '<=', now)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function countPendingPartnerPayments(db: Db, customerOrgId: string) {
  const r = await db
    .selectFrom('customer_order')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('customer_org_id', '=', customerOrgId)
    .where('status', '=', 6)
    .where('partner_pay_status', '=', 'PENDING')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// Invoices.
/** Paid orders not yet covered by an invoice with something left to invoice (paid − vouchers − refunds). */
function uninvoiced(db: Db) {
  return db
    .selectFrom('customer_order')
    .where('customer_order.invoice_id', 'is', null)
    .where('customer_order.status', '=', 5)
    .where('customer_order.order_type', '!=', 4)
    .where(sql<boolean>`customer_order.amount - customer_order.coupon_amount - customer_order.refunded_amount > 0`);
}

export function invoiceableOrders(db: Db, orgId: string) {
  return uninvoiced(db)
    .selectAll()
    .where('invoice_party_org_id', '=', orgId)
    .orderBy('paid_at')
    .orderBy('id')
    .execute();
}

/** Marks still-uninvoiced orders as invoiced; returns what was marked (the invoice covers those). */
export function markInvoiced(db: Db, ids: string[], invoiceId: string, now: Date) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .updateTable('customer_order')
    .set({ invoice_id: invoiceId, updated_at: now })
    .where('id', 'in', ids)
    .where('invoice_id', 'is', null)
    .returningAll()
    .execute();
}

export async function insertInvoice(db: Db, row: { id: string; org_id: string; amount: bigint; title: string; issued_by: string | null; issued_at: Date }) {
  await db.insertInto('vat_invoice').values(row).execute();
}

export async function listInvoices(db: Db, orgId: string | undefined, offset: number, limit: number) {
  let q = db.selectFrom('vat_invoice');
  if (orgId) q = q.where('org_id', '=', orgId);
  const [{ total }] = await q.select((eb) => eb.fn.countAll<string>().as('total')).execute();
  const rows = await q.selectAll().orderBy('issued_at', 'desc').orderBy('id').offset(offset).limit(limit).execute();
  return { total: Number(total), rows };
}

// 严选 programme.
export async function isYanxuanReseller(db: Db, partnerOrgId: string) {
  return (await db.selectFrom('yanxuan_reseller').select('partner_org_id').where('partner_org_id', '=', partnerOrgId).executeTakeFirst()) !== undefined;
}

export async function setYanxuanReseller(db: Db, partnerOrgId: string, enabled: boolean, by: string | null, now: Date) {
  if (enabled) {
    await db.insertInto('yanxuan_reseller').values({ partner_org_id: partnerOrgId, enabled_by: by, enabled_at: now }).onConflict((oc) => oc.doNothing()).execute();
  } else {
    await db.deleteFrom('yanxuan_reseller').where('partner_org_id', '=', partnerOrgId).execute();
  }
}

// Other organizations, read only.
export function findOrg(db: Db, id: string) {
  return db.selectFrom('organization').select(['id', 'kind', 'name', 'domain_name', 'partner_type', 'parent_partner_id', 'status']).where('id', '=', id).executeTakeFirst();
}

export function currentAssociationOfCustomer(db: Db, customerOrgId: string) {
  return db
    .selectFrom('customer_association')
    .select(['partner_org_id', 'association_type', 'is_frozen'])
    .where('customer_org_id', '=', customerOrgId)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
}

/** Names and account names of organizations, for the console's lists. */
export async function orgNames(db: Db, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, { name: string; domain_name: string }>();
  const rows = await db.selectFrom('organization').select(['id', 'name', 'domain_name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, domain_name: r.domain_name }]));
}

/** Whether this member is the current account manager of the customer. */
export async function managesCustomer(db: Db, managerUserId: string, customerOrgId: string) {
  const row = await db
    .selectFrom('account_manager_assignment')
    .select('id')
    .where('subject_kind', '=', 'customer')
    .where('subject_org_id', '=', customerOrgId)
    .where('manager_user_id', '=', managerUserId)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Parties with something invoiceable: amount and order count per party, largest first. */
export async function invoiceableParties(db: Db, offset: number, limit: number) {
  const base = uninvoiced(db).innerJoin('organization as p', 'p.id', 'customer_order.invoice_party_org_id');
  const left = sql`sum(customer_order.amount - customer_order.coupon_amount - customer_order.refunded_amount)`;
  const [{ total }] = await base.select(sql<string>`count(DISTINCT customer_order.invoice_party_org_id)`.as('total')).execute();
  const rows = await base
    .select(['p.id', 'p.name', 'p.domain_name', 'p.kind', 'p.partner_type'])
    .select(sql<string>`${left}::text`.as('amount'))
    .select(sql<string>`count(*)`.as('orders'))
    .groupBy(['p.id', 'p.name', 'p.domain_name', 'p.kind', 'p.partner_type'])
    .orderBy(left, 'desc')
    .orderBy('p.id')
    .offset(offset)
    .limit(limit)
    .execute();
  return { total: Number(total), rows };
}

/** The catalogue's names (zh-CN and en) of these specifications and their products. */
export async function specNames(db: Db, specIds: readonly string[]) {
  const unique = [...new Set(specIds)];
  if (unique.length === 0) return new Map<string, { product_zh: string; product_en: string; spec_zh: string; spec_en: string }>();
  const rows = await db
    .selectFrom('product_spec as s')
    .innerJoin('product as p', 'p.id', 's.product_id')
    .select(['s.id', 'p.name_zh as product_zh', 'p.name_en as product_en', 's.name_zh as spec_zh', 's.name_en as spec_en'])
    .where('s.id', 'in', unique)
    .execute();
  return new Map(rows.map(({ id, ...names }) => [id, names]));
}
