// Queries of the customers module only; every function takes the executor (db or tx).
import { sql, type Kysely } from 'kysely';
import type { AssociationEventStatus, AuthorizationStatus, DB } from '../../db/schema.ts';

type Db = Kysely<DB>;

/** Escapes LIKE wildcards so user text matches literally. */
export const likeText = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// ---------------------------------------------------------------- organizations and users

export function findOrg(db: Db, id: string) {
  return db.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findMainUser(db: Db, orgId: string) {
  return db.selectFrom('app_user').selectAll().where('org_id', '=', orgId).where('is_main', '=', true).executeTakeFirst();
}

export function findUser(db: Db, id: string) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Active members (operators, not the main account), by account name. */
export function activeMembers(db: Db, orgId: string) {
  return db
    .selectFrom('app_user as u')
    .select(['u.id', 'u.name', 'u.display_name'])
    .where('u.org_id', '=', orgId)
    .where('u.is_main', '=', false)
    .where('u.status', '=', 'active')
    .orderBy('u.name')
    .execute();
}

export async function flagsOf(db: Db, customerOrgId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('customer_flag').select('flag').where('customer_org_id', '=', customerOrgId).execute();
  return new Set(rows.map((r) => r.flag));
}

// ---------------------------------------------------------------- associations

export function currentAssociationOfCustomer(db: Db, customerOrgId: string) {
  return db.selectFrom('customer_association').selectAll().where('customer_org_id', '=', customerOrgId).where('ended_on', 'is', null).executeTakeFirst();
}

export function currentAssociation(db: Db, partnerOrgId: string, customerOrgId: string) {
  return db
    .selectFrom('customer_association')
    .selectAll()
    .where('partner_org_id', '=', partnerOrgId)
    .where('customer_org_id', '=', customerOrgId)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
}

export function lockAssociation(db: Db, id: string) {
  return db.selectFrom('customer_association').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export type AssociationRow = NonNullable<Awaited<ReturnType<typeof currentAssociation>>>;

export interface CustomerListFilter {
  partnerOrgId: string;
  accountName?: string;
  customer?: string;
  label?: string;
  associationType?: 1 | 2;
  associatedOnBegin?: Date;
  associatedOnEnd?: Date;
  customerId?: string;
  accountManager?: string;
  managerUserId?: string;
  isFrozen?: number;
}

function customerListQuery(db: Db, f: CustomerListFilter) {
  let q = db
    .selectFrom('customer_association as a')
    .innerJoin('organization as o', 'o.id', 'a.customer_org_id')
    .leftJoin('account_manager_assignment as am', (j) =>
      j.onRef('am.partner_org_id', '=', 'a.partner_org_id').onRef('am.subject_org_id', '=', 'a.customer_org_id').on('am.withdrawn_at', 'is', null),
    )
    .leftJoin('app_user as m', 'm.id', 'am.manager_user_id')
    .where('a.partner_org_id', '=', f.partnerOrgId)
    .where('a.ended_on', 'is', null);
  if (f.accountName) q = q.where(sql<boolean>`o.domain_name ILIKE ${likeText(f.accountName)} ESCAPE '\\'`);
  if (f.customer) q = q.where(sql<boolean>`o.name ILIKE ${likeText(f.customer)} ESCAPE '\\'`);
  if (f.label) q = q.where(sql<boolean>`a.label LIKE ${likeText(f.label)} ESCAPE '\\'`);
  if (f.associationType) q = q.where('a.association_type', '=', f.associationType);
  if (f.associatedOnBegin) q = q.where('a.associated_on', '>=', f.associatedOnBegin);
  if (f.associatedOnEnd) q = q.where('a.associated_on', '<=', f.associatedOnEnd);
  if (f.customerId) q = q.where('a.customer_org_id', '=', f.customerId);
  if (f.accountManager) q = q.where(sql<boolean>`m.name ILIKE ${likeText(f.accountManager)} ESCAPE '\\'`);
  if (f.managerUserId) q = q.where('am.manager_user_id', '=', f.managerUserId);
  if (f.isFrozen !== undefined) q = q.where('a.is_frozen', '=', f.isFrozen as 0 | 1 | 2);
  return q;
}

export async function listCustomers(db: Db, f: CustomerListFilter, offset: number, limit: number) {
  const [{ count }] = await customerListQuery(db, f).select((eb) => eb.fn.countAll<string>().as('count')).execute();
  const rows = await customerListQuery(db, f)
    .select([
      'a.id as association_id',
      'a.customer_org_id',
      'a.associated_on',
      'a.association_type',
      'a.label',
      'a.is_frozen',
      'a.frozen_reason',
      'a.xaccount_id',
      'a.xaccount_type',
      'o.name as customer_name',
      'o.domain_name',
      'o.mobile',
      'o.email',
      'o.country_code',
      'o.customer_type',
      'm.name as manager_name',
      'm.id as manager_id',
    ])
    .orderBy('a.associated_on', 'desc')
    .orderBy('a.id')
    .offset(offset)
    .limit(limit)
    .execute();
  return { count: Number(count), rows };
}

export type CustomerListRow = Awaited<ReturnType<typeof listCustomers>>['rows'][number];

// ---------------------------------------------------------------- association events

export function findEvent(db: Db, id: string) {
  return db.selectFrom('association_event').selectAll().where('id', '=', id).executeTakeFirst();
}

export type EventRow = NonNullable<Awaited<ReturnType<typeof findEvent>>>;

/** Compare-and-set: moves the event only if it is still in `from`; returns whether it moved. */
export async function moveEvent(
  db: Db,
  id: string,
  from: AssociationEventStatus,
  to: AssociationEventStatus,
  set: { decided_at: Date; decided_by: string | null; decision_reason: string | null },
): Promise<boolean> {
  const r = await db.updateTable('association_event').set({ status: to, ...set }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countEventsSince(
  db: Db,
  where: { customerOrgId: string; partnerOrgId?: string; initiator: 'partner' | 'customer'; since: Date; excludeStatuses?: AssociationEventStatus[] },
): Promise<number> {
  let q = db
    .selectFrom('association_event')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('customer_org_id', '=', where.customerOrgId)
    .where('initiator', '=', where.initiator)
    .where('kind', 'in', ['disassociate', 'switch_type'])
    .where('requested_at', '>', where.since);
  if (where.partnerOrgId) q = q.where('partner_org_id', '=', where.partnerOrgId);
  if (where.excludeStatuses?.length) q = q.where('status', 'not in', where.excludeStatuses);
  const [{ n }] = await q.execute();
  return Number(n);
}

export function openEventOf(db: Db, associationId: string) {
  return db
    .selectFrom('association_event')
    .selectAll()
    .where('association_id', '=', associationId)
    .where('status', 'in', ['PENDING_CUSTOMER', 'PENDING_PARTNER'])
    .executeTakeFirst();
}

/** Claims one overdue customer-initiated request; other sweepers skip it while it is locked. */
export function claimDueEvent(db: Db, now: Date, skip: string[]) {
  let q = db
    .selectFrom('association_event')
    .selectAll()
    .where('status', '=', 'PENDING_PARTNER')
    .where('due_at', '<=', now)
    .orderBy('due_at')
    .limit(1)
    .forUpdate()
    .skipLocked();
  if (skip.length) q = q.where('id', 'not in', skip);
  return q.executeTakeFirst();
}

export interface EventListFilter {
  partnerOrgId?: string;
  customerOrgId?: string;
  status?: AssociationEventStatus;
  kind?: 'associate' | 'disassociate' | 'switch_type';
}

export async function listEvents(db: Db, f: EventListFilter, offset: number, limit: number) {
  let q = db.selectFrom('association_event as e').innerJoin('organization as c', 'c.id', 'e.customer_org_id').innerJoin('organization as p', 'p.id', 'e.partner_org_id');
  if (f.partnerOrgId) q = q.where('e.partner_org_id', '=', f.partnerOrgId);
  if (f.customerOrgId) q = q.where('e.customer_org_id', '=', f.customerOrgId);
  if (f.status) q = q.where('e.status', '=', f.status);
  if (f.kind) q = q.where('e.kind', '=', f.kind);
  const [{ count }] = await q.select((eb) => eb.fn.countAll<string>().as('count')).execute();
  const rows = await q
    .selectAll('e')
    .select(['c.domain_name as customer_account_name', 'c.name as customer_name', 'p.domain_name as partner_account_name', 'p.name as partner_name'])
    .orderBy('e.requested_at', 'desc')
    .orderBy('e.id')
    .offset(offset)
    .limit(limit)
    .execute();
  return { count: Number(count), rows };
}

export function eventHistory(db: Db, eventId: string) {
  return db.selectFrom('association_event_history').selectAll().where('event_id', '=', eventId).orderBy('id').execute();
}

// ---------------------------------------------------------------- account managers

export function currentManager(db: Db, partnerOrgId: string, subjectOrgId: string) {
  return db
    .selectFrom('account_manager_assignment')
    .selectAll()
    .where('partner_org_id', '=', partnerOrgId)
    .where('subject_org_id', '=', subjectOrgId)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
}

export async function withdrawManager(db: Db, partnerOrgId: string, subjectOrgId: string, at: Date, by: string | null) {
  const r = await db
    .updateTable('account_manager_assignment')
    .set({ withdrawn_at: at, withdrawn_by: by })
    .where('partner_org_id', '=', partnerOrgId)
    .where('subject_org_id', '=', subjectOrgId)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function managerHistory(db: Db, partnerOrgId: string, subjectOrgId: string) {
  return db
    .selectFrom('account_manager_assignment as a')
    .innerJoin('app_user as u', 'u.id', 'a.manager_user_id')
    .selectAll('a')
    .select(['u.name as manager_name', 'u.display_name as manager_display_name'])
    .where('a.partner_org_id', '=', partnerOrgId)
    .where('a.subject_org_id', '=', subjectOrgId)
    .orderBy('a.assigned_at', 'desc')
    .orderBy('a.id')
    .execute();
}

// ---------------------------------------------------------------- authorizations

export function findAuthorization(db: Db, id: string) {
  return db.selectFrom('on_behalf_authorization').selectAll().where('id', '=', id).executeTakeFirst();
}

export type AuthorizationRow = NonNullable<Awaited<ReturnType<typeof findAuthorization>>>;

export async function moveAuthorization(db: Db, id: string, from: AuthorizationStatus, to: AuthorizationStatus, set: Record<string, unknown>) {
  const r = await db
    .updateTable('on_behalf_authorization')
    .set({ status: to, ...(set as object) })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function listAuthorizations(db: Db, f: { partnerOrgId?: string; customerOrgId?: string; status?: AuthorizationStatus }) {
  let q = db
    .selectFrom('on_behalf_authorization as z')
    .innerJoin('organization as c', 'c.id', 'z.customer_org_id')
    .innerJoin('organization as p', 'p.id', 'z.partner_org_id')
    .selectAll('z')
    .select(['c.domain_name as customer_account_name', 'p.domain_name as partner_account_name', 'p.name as partner_name']);
  if (f.partnerOrgId) q = q.where('z.partner_org_id', '=', f.partnerOrgId);
  if (f.customerOrgId) q = q.where('z.customer_org_id', '=', f.customerOrgId);
  if (f.status) q = q.where('z.status', '=', f.status);
  return q.orderBy('z.requested_at', 'desc').orderBy('z.id').limit(200).execute();
}

export function claimExpiredAuthorizations(db: Db, now: Date) {
  return db
    .selectFrom('on_behalf_authorization')
    .selectAll()
    .where('status', '=', 'AUTHORIZED')
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(100)
    .forUpdate()
    .skipLocked()
    .execute();
}

export function claimAuthorizationsToWarn(db: Db, now: Date, warnBefore: Date) {
  return db
    .selectFrom('on_behalf_authorization')
    .selectAll()
    .where('status', '=', 'AUTHORIZED')
    .where('warned_at', 'is', null)
    .where('expires_at', '<=', warnBefore)
    .where('expires_at', '>', now)
    .limit(100)
    .forUpdate()
    .skipLocked()
    .execute();
}

// ---------------------------------------------------------------- webhooks

export function findEndpoint(db: Db, partnerOrgId: string) {
  return db.selectFrom('webhook_endpoint').selectAll().where('partner_org_id', '=', partnerOrgId).executeTakeFirst();
}

/** Claims due deliveries with a lease: their next attempt moves into the future while one sender works. */
export async function claimDueDeliveries(db: Db, now: Date, leaseUntil: Date, limit = 20) {
  return db.transaction().execute(async (tx) => {
    const due = await tx
      .selectFrom('webhook_delivery')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    return tx
      .updateTable('webhook_delivery')
      .set((eb) => ({ next_attempt_at: leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where(
        'id',
        'in',
        due.map((d) => d.id),
      )
      .returningAll()
      .execute();
  });
}
