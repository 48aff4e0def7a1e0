// Queries of the organization module: members (app_user rows of an organization), custom roles
// and their items, members' roles, security settings and TOTP authenticators. Every query of
// tenant data is bounded by org_id.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

const memberColumns = [
  'id',
  'org_id',
  'name',
  'display_name',
  'mobile',
  'email',
  'is_main',
  'status',
  'must_change_password',
  'created_at',
  'updated_at',
] as const;

export type MemberRow = NonNullable<Awaited<ReturnType<typeof findMember>>>;

export function findMember(db: Kysely<DB>, orgId: string, userId: string) {
  return db.selectFrom('app_user').select(memberColumns).where('org_id', '=', orgId).where('id', '=', userId).executeTakeFirst();
}

export function lockMember(db: Kysely<DB>, orgId: string, userId: string) {
  return db
    .selectFrom('app_user')
    .select(memberColumns)
    .where('org_id', '=', orgId)
    .where('id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
}

export interface MemberFilter {
  name?: string;
  accountName?: string;
  status?: 'active' | 'disabled';
  roleId?: string;
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listMembers(db: Kysely<DB>, orgId: string, filter: MemberFilter, offset: number, limit: number) {
  let query = db.selectFrom('app_user').where('org_id', '=', orgId);
  if (filter.name) query = query.where('display_name', 'ilike', `%${likeEscape(filter.name)}%`);
  if (filter.accountName) query = query.where('name', 'ilike', `%${likeEscape(filter.accountName)}%`);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.roleId) {
    const roleId = filter.roleId;
    query = query.where('id', 'in', (eb) =>
      eb.selectFrom('member_role').select('user_id').where('org_id', '=', orgId).where('role_id', '=', roleId),
    );
  }
  const total = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select(memberColumns)
    .orderBy('is_main', 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .offset(offset)
    .limit(limit)
    .execute();
  return { total: Number(total.n), rows };
}

export function accountNameTaken(db: Kysely<DB>, name: string) {
  return db.selectFrom('app_user').select('id').where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();
}

export async function insertMember(
  db: Kysely<DB>,
  row: { id: string; org_id: string; name: string; display_name: string; mobile: string | null; email: string | null; password_hash: string; at: Date },
) {
  const { at, ...values } = row;
  await db.insertInto('app_user').values({ ...values, is_main: false, must_change_password: true, updated_at: at }).execute();
}

export async function updateMember(
  db: Kysely<DB>,
  orgId: string,
  userId: string,
  changes: { display_name?: string; mobile?: string | null; email?: string | null; status?: 'active' | 'disabled'; password_hash?: string; must_change_password?: boolean },
  at: Date,
) {
  await db
    .updateTable('app_user')
    .set({ ...changes, updated_at: at })
    .where('org_id', '=', orgId)
    .where('id', '=', userId)
    .execute();
}

export async function deleteMember(db: Kysely<DB>, orgId: string, userId: string) {
  await db.deleteFrom('app_user').where('org_id', '=', orgId).where('id', '=', userId).where('is_main', '=', false).execute();
}

export function roleIdsOfMembers(db: Kysely<DB>, orgId: string, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('member_role')
    .select(['user_id', 'role_id'])
    .where('org_id', '=', orgId)
    .where('user_id', 'in', userIds)
    .orderBy('role_id')
    .execute();
}

export async function replaceMemberRoles(db: Kysely<DB>, orgId: string, userId: string, roleIds: string[]) {
  await db.deleteFrom('member_role').where('org_id', '=', orgId).where('user_id', '=', userId).execute();
  if (roleIds.length) {
    await db
      .insertInto('member_role')
      .values(roleIds.map((role_id) => ({ user_id: userId, org_id: orgId, role_id })))
      .execute();
  }
}

/** Role ids and item codes of one user (custom roles join their items; system roles have none here). */
export function roleItemsOfUser(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('member_role as mr')
    .leftJoin('org_role_item as i', 'i.role_id', 'mr.role_id')
    .select(['mr.role_id', 'i.item_code'])
    .where('mr.user_id', '=', userId)
    .execute();
}

export function customRoles(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom('org_role')
    .select(['id', 'name', 'description', 'created_at', 'updated_at'])
    .where('org_id', '=', orgId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findCustomRoles(db: Kysely<DB>, orgId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('org_role')
    .select(['id', 'name', 'description', 'created_at', 'updated_at'])
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    // Shared lock: a role being assigned cannot be deleted by a concurrent transaction.
    .forShare()
    .execute();
}

export function lockCustomRole(db: Kysely<DB>, orgId: string, id: string) {
  return db.selectFrom('org_role').select(['id', 'name']).where('org_id', '=', orgId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function itemsOfRoles(db: Kysely<DB>, orgId: string, roleIds: string[]) {
  if (roleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('org_role_item')
    .select(['role_id', 'item_code'])
    .where('org_id', '=', orgId)
    .where('role_id', 'in', roleIds)
    .orderBy('item_code')
    .execute();
}

export function roleNameTaken(db: Kysely<DB>, orgId: string, name: string, exceptId?: string) {
  let query = db.selectFrom('org_role').select('id').where('org_id', '=', orgId).where('name', '=', name);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return query.executeTakeFirst();
}

export async function insertRole(db: Kysely<DB>, row: { id: string; org_id: string; name: string; description: string; at: Date }) {
  await db
    .insertInto('org_role')
    .values({ id: row.id, org_id: row.org_id, name: row.name, description: row.description, created_at: row.at, updated_at: row.at })
    .execute();
}

export async function updateRole(db: Kysely<DB>, orgId: string, id: string, changes: { name?: string; description?: string }, at: Date) {
  await db.updateTable('org_role').set({ ...changes, updated_at: at }).where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function replaceRoleItems(db: Kysely<DB>, orgId: string, roleId: string, items: string[]) {
  await db.deleteFrom('org_role_item').where('org_id', '=', orgId).where('role_id', '=', roleId).execute();
  if (items.length) {
    await db
      .insertInto('org_role_item')
      .values(items.map((item_code) => ({ role_id: roleId, org_id: orgId, item_code })))
      .execute();
  }
}

export async function deleteRole(db: Kysely<DB>, orgId: string, id: string) {
  await db.deleteFrom('org_role').where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function memberCountsByRole(db: Kysely<DB>, orgId: string) {
  const rows = await db
    .selectFrom('member_role')
    .select(['role_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('org_id', '=', orgId)
    .groupBy('role_id')
    .execute();
  return new Map(rows.map((r) => [r.role_id, Number(r.n)]));
}

export async function securitySetting(db: Kysely<DB>, orgId: string) {
  const row = await db.selectFrom('org_security_setting').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  return { sensitive_verification: row?.sensitive_verification ?? false, updated_at: row?.updated_at ?? null };
}

export async function saveSecuritySetting(db: Kysely<DB>, orgId: string, sensitiveVerification: boolean, at: Date) {
  await db
    .insertInto('org_security_setting')
    .values({ org_id: orgId, sensitive_verification: sensitiveVerification, updated_at: at })
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ sensitive_verification: sensitiveVerification, updated_at: at }))
    .execute();
}

export function findTotp(db: Kysely<DB>, userId: string, lock = false) {
  const query = db.selectFrom('user_totp').selectAll().where('user_id', '=', userId);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function saveTotp(db: Kysely<DB>, row: { user_id: string; org_id: string; secret_ciphertext: string; at: Date }) {
  await db
    .insertInto('user_totp')
    .values({ user_id: row.user_id, org_id: row.org_id, secret_ciphertext: row.secret_ciphertext, created_at: row.at })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({ secret_ciphertext: row.secret_ciphertext, confirmed_at: null, last_step: null }),
    )
    .execute();
}

export async function markTotpUsed(db: Kysely<DB>, userId: string, step: bigint, confirmAt?: Date) {
  await db
    .updateTable('user_totp')
    .set(confirmAt ? { last_step: step, confirmed_at: confirmAt } : { last_step: step })
    .where('user_id', '=', userId)
    .execute();
}

export async function deleteTotp(db: Kysely<DB>, userId: string) {
  await db.deleteFrom('user_totp').where('user_id', '=', userId).execute();
}
