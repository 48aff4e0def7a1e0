// Queries of the funds module. Every function takes the executor (db or transaction). Organizations
// and associations are read here, never written.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, FundsTransitionTable, PaymentAgreementTable, TopupTable, WithdrawalTable } from '../../db/schema.ts';

export function findOrg(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('organization')
    .select(['id', 'kind', 'partner_type', 'parent_partner_id', 'name', 'domain_name', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findVendorOrg(db: Kysely<DB>) {
  return db.selectFrom('organization').select(['id']).where('kind', '=', 'vendor').executeTakeFirstOrThrow();
}

export function currentAssociation(db: Kysely<DB>, partnerId: string, customerId: string) {
  return db
    .selectFrom('customer_association')
    .select(['association_type'])
    .where('partner_org_id', '=', partnerId)
    .where('customer_org_id', '=', customerId)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
}

export function resaleCustomersAmong(db: Kysely<DB>, partnerId: string, customerIds: readonly string[]) {
  return db
    .selectFrom('customer_association')
    .select(['customer_org_id'])
    .where('partner_org_id', '=', partnerId)
    .where('customer_org_id', 'in', customerIds)
    .where('association_type', '=', 2)
    .where('ended_on', 'is', null)
    .execute();
}

export interface ResellerFilter {
  parentId: string;
  accountName?: string;
  resellerId?: string;
  from?: Date;
  to?: Date;
  /** Only the resellers whose current account manager is this member. */
  managerUserId?: string;
  offset: number;
  limit: number;
}

/**
 * The master distributor's cloud resellers with their current account manager. The assignment
 * table belongs to the customers module (which writes it); this only reads it.
 */
export async function resellers(db: Kysely<DB>, f: ResellerFilter) {
  let q = db
    .selectFrom('organization as o')
    .leftJoin('account_manager_assignment as a', (j) =>
      j.onRef('a.subject_org_id', '=', 'o.id').onRef('a.partner_org_id', '=', 'o.parent_partner_id').on('a.subject_kind', '=', 'reseller').on('a.withdrawn_at', 'is', null),
    )
    .leftJoin('app_user as m', 'm.id', 'a.manager_user_id')
    .where('o.parent_partner_id', '=', f.parentId)
    .where('o.partner_type', '=', 'cloud_reseller');
  if (f.accountName) q = q.where('o.domain_name', '=', f.accountName);
  if (f.resellerId) q = q.where('o.id', '=', f.resellerId);
  if (f.from) q = q.where('o.created_at', '>=', f.from);
  if (f.to) q = q.where('o.created_at', '<=', f.to);
  if (f.managerUserId) q = q.where('a.manager_user_id', '=', f.managerUserId);
  const [{ count }] = await q.select((eb) => eb.fn.countAll<string>().as('count')).execute();
  const rows = await q
    .select(['o.id', 'o.name', 'o.domain_name', 'o.mobile', 'o.email', 'o.created_at', 'a.manager_user_id', 'm.name as manager_name'])
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id')
    .offset(f.offset)
    .limit(f.limit)
    .execute();
  return { count: Number(count), rows };
}

export interface AdjustFilter {
  orgId: string;
  kinds: readonly string[];
  customerId?: string;
  transId?: string;
  from?: Date;
  to?: Date;
  offset: number;
  limit: number;
}

export async function adjustRecords(db: Kysely<DB>, f: AdjustFilter) {
  if (f.kinds.length === 0) return { total: 0, rows: [] };
  let q = db
    .selectFrom('ledger_journal as j')
    .leftJoin('organization as c', 'c.id', 'j.counterparty_org_id')
    .where('j.org_id', '=', f.orgId)
    .where('j.kind', 'in', f.kinds);
  if (f.customerId) q = q.where('j.counterparty_org_id', '=', f.customerId);
  if (f.transId) q = q.where('j.id', '=', f.transId);
  if (f.from) q = q.where('j.created_at', '>=', f.from);
  if (f.to) q = q.where('j.created_at', '<=', f.to);
  const [{ count }] = await q.select((eb) => eb.fn.countAll<string>().as('count')).execute();
  const rows = await q
    .select(['j.id', 'j.kind', 'j.amount', 'j.memo', 'j.created_at', 'j.counterparty_org_id', 'c.name as counterparty_name'])
    .orderBy('j.created_at', 'desc')
    .orderBy('j.seq', 'desc')
    .offset(f.offset)
    .limit(f.limit)
    .execute();
  return { total: Number(count), rows };
}

export interface ChangeFilter {
  orgId: string;
  accountKind: string;
  kinds: readonly string[] | null;
  from: Date;
  to: Date;
  offset: number;
  limit: number;
}

export async function accountChanges(db: Kysely<DB>, f: ChangeFilter) {
  if (f.kinds && f.kinds.length === 0) return { total: 0, rows: [] };
  let q = db
    .selectFrom('ledger_posting as p')
    .innerJoin('ledger_account as a', 'a.id', 'p.account_id')
    .innerJoin('ledger_journal as j', 'j.id', 'p.journal_id')
    .where('a.org_id', '=', f.orgId)
    .where('a.kind', '=', f.accountKind)
    .where('p.created_at', '>=', f.from)
    .where('p.created_at', '<', f.to);
  if (f.kinds) q = q.where('j.kind', 'in', f.kinds);
  const [{ count }] = await q.select((eb) => eb.fn.countAll<string>().as('count')).execute();
  const rows = await q
    // The other party: the counterparty, or the journal's partner when the viewer is the counterparty.
    .leftJoin('organization as other', (join) =>
      join.on(sql<boolean>`other.id = CASE WHEN j.org_id = ${f.orgId} THEN j.counterparty_org_id ELSE j.org_id END`),
    )
    .select(['p.id', 'p.amount', 'p.balance_after', 'p.created_at', 'j.id as journal_id', 'j.kind', 'other.id as other_id', 'other.domain_name as other_account'])
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .offset(f.offset)
    .limit(f.limit)
    .execute();
  return { total: Number(count), rows };
}

// Dedicated remittance accounts and top-ups.
export function findRemittanceAccount(db: Kysely<DB>, orgId: string) {
  return db.selectFrom('remittance_account').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

export function findRemittanceAccountByNumber(db: Kysely<DB>, accountNumber: string) {
  return db.selectFrom('remittance_account').selectAll().where('account_number', '=', accountNumber).executeTakeFirst();
}

export async function insertRemittanceAccountIfMissing(db: Kysely<DB>, row: { org_id: string; account_number: string; bank_name: string; created_at: Date }) {
  await db.insertInto('remittance_account').values(row).onConflict((oc) => oc.column('org_id').doNothing()).execute();
}

export async function insertTopup(db: Kysely<DB>, row: Insertable<TopupTable>) {
  await db.insertInto('topup').values(row).execute();
}

export function findTopup(db: Kysely<DB>, id: string) {
  return db.selectFrom('topup').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findTopupByBankReference(db: Kysely<DB>, reference: string) {
  return db.selectFrom('topup').selectAll().where('bank_reference', '=', reference).executeTakeFirst();
}

/** Compare-and-set: zero rows means someone else moved it first. */
export async function moveTopup(db: Kysely<DB>, id: string, from: string, set: { status: TopupTable['status']; journal_id?: string | null; reason?: string | null; decided_at: Date }) {
  const r = await db.updateTable('topup').set(set).where('id', '=', id).where('status', '=', from as TopupTable['status']).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listTopups(db: Kysely<DB>, f: { orgId?: string; status?: string; offset: number; limit: number }) {
  let q = db.selectFrom('topup');
  if (f.orgId) q = q.where('org_id', '=', f.orgId);
  if (f.status) q = q.where('status', '=', f.status as TopupTable['status']);
  const [{ count }] = await q.select((eb) => eb.fn.countAll<string>().as('count')).execute();
  const rows = await q.selectAll().orderBy('created_at', 'desc').orderBy('id').offset(f.offset).limit(f.limit).execute();
  return { total: Number(count), rows };
}

// Payment agreements.
export function activeEntrustedNames(db: Kysely<DB>, orgId: string) {
  return db.selectFrom('payment_agreement').select(['entrusted_party_name']).where('org_id', '=', orgId).where('status', '=', 'ACTIVE').execute();
}

/** Serializes agreement changes of one partner (the 5-active limit is checked under it). */
export async function lockAgreementsOf(db: Kysely<DB>, orgId: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${'payment_agreement:' + orgId}))`.execute(db);
}

export async function countActiveAgreements(db: Kysely<DB>, orgId: string) {
  const r = await db
    .selectFrom('payment_agreement')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('org_id', '=', orgId)
    .where('status', '=', 'ACTIVE')
    .executeTakeFirstOrThrow();
  return Number(r.count);
}

export async function insertAgreement(db: Kysely<DB>, row: Insertable<PaymentAgreementTable>) {
  await db.insertInto('payment_agreement').values(row).execute();
}

export function findAgreement(db: Kysely<DB>, orgId: string, id: string) {
  return db.selectFrom('payment_agreement').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export async function listAgreements(db: Kysely<DB>, f: { orgId: string; status?: string; offset: number; limit: number }) {
  let q = db.selectFrom('payment_agreement').where('org_id', '=', f.orgId);
  if (f.status) q = q.where('status', '=', f.status as 'ACTIVE' | 'INVALID');
  const [{ count }] = await q.select((eb) => eb.fn.countAll<string>().as('count')).execute();
  const rows = await q.selectAll().orderBy('effective_at', 'desc').orderBy('id').offset(f.offset).limit(f.limit).execute();
  return { total: Number(count), rows };
}

export async function invalidateAgreement(db: Kysely<DB>, orgId: string, id: string, at: Date) {
  const r = await db
    .updateTable('payment_agreement')
    .set({ status: 'INVALID', invalidated_at: at, expires_at: at })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('status', '=', 'ACTIVE')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// Withdrawals.
export async function insertWithdrawal(db: Kysely<DB>, row: Insertable<WithdrawalTable>) {
  await db.insertInto('withdrawal').values(row).execute();
}

export function findWithdrawal(db: Kysely<DB>, id: string) {
  return db.selectFrom('withdrawal').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function moveWithdrawal(db: Kysely<DB>, id: string, from: string, set: { status: WithdrawalTable['status']; settle_journal_id: string; reason?: string | null; decided_at: Date }) {
  const r = await db
    .updateTable('withdrawal')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', from as WithdrawalTable['status'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listWithdrawals(db: Kysely<DB>, f: { orgId?: string; status?: string; offset: number; limit: number }) {
  let q = db.selectFrom('withdrawal');
  if (f.orgId) q = q.where('org_id', '=', f.orgId);
  if (f.status) q = q.where('status', '=', f.status as WithdrawalTable['status']);
  const [{ count }] = await q.select((eb) => eb.fn.countAll<string>().as('count')).execute();
  const rows = await q.selectAll().orderBy('created_at', 'desc').orderBy('id').offset(f.offset).limit(f.limit).execute();
  return { total: Number(count), rows };
}

export async function appendTransition(db: Kysely<DB>, row: Insertable<FundsTransitionTable>) {
  await db.insertInto('funds_transition').values(row).execute();
}

/** Total line granted on a partner's credit account: the sum of its credit-line journals. */
export async function creditLineOf(db: Kysely<DB>, orgId: string): Promise<bigint> {
  const r = await sql<{ total: string | null }>`
    SELECT SUM(p.amount)::text AS total FROM ledger_posting p
    JOIN ledger_account a ON a.id = p.account_id
    JOIN ledger_journal j ON j.id = p.journal_id
    WHERE a.org_id = ${orgId} AND a.kind = 'partner_credit' AND j.kind = 'credit_line'`.execute(db);
  return BigInt(r.rows[0]?.total ?? '0');
}
