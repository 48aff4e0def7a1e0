// Queries of the identity module: users, sessions, tokens, sign-in throttling and access keys.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

const userWithOrg = (db: Kysely<DB>) =>
  db
    .selectFrom('app_user as u')
    .innerJoin('organization as o', 'o.id', 'u.org_id')
    .select([
      'u.id as user_id',
      'u.name as user_name',
      'u.display_name',
      'u.is_main',
      'u.status as user_status',
      'u.must_change_password',
      'u.password_hash',
      'o.id as org_id',
      'o.name as org_name',
      'o.kind as org_kind',
      'o.partner_type',
      'o.parent_partner_id',
      'o.status as org_status',
      'o.domain_name',
    ]);

export type UserWithOrg = NonNullable<Awaited<ReturnType<typeof findUserByName>>>;

export function findUserByName(db: Kysely<DB>, name: string) {
  return userWithOrg(db).where('u.name', '=', name).executeTakeFirst();
}

export function findUserById(db: Kysely<DB>, id: string) {
  return userWithOrg(db).where('u.id', '=', id).executeTakeFirst();
}

export function findSession(db: Kysely<DB>, id: string) {
  return userWithOrg(db)
    .innerJoin('auth_session as s', 's.user_id', 'u.id')
    .select(['s.id as session_id', 's.kind as session_kind', 's.csrf_token', 's.expires_at', 's.revoked_at'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export async function insertSession(
  db: Kysely<DB>,
  row: { id: string; user_id: string; org_id: string; kind: 'console' | 'token'; csrf_token: string | null; expires_at: Date; client_ip: string },
) {
  await db.insertInto('auth_session').values(row).execute();
}

export async function revokeSession(db: Kysely<DB>, id: string, at: Date) {
  await db.updateTable('auth_session').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

export function findThrottle(db: Kysely<DB>, userName: string) {
  return db.selectFrom('login_throttle').selectAll().where('user_name', '=', userName).executeTakeFirst();
}

export async function saveThrottle(
  db: Kysely<DB>,
  row: { user_name: string; failures: number; window_start: Date; locked_until: Date | null },
) {
  await db
    .insertInto('login_throttle')
    .values(row)
    .onConflict((oc) =>
      oc.column('user_name').doUpdateSet({ failures: row.failures, window_start: row.window_start, locked_until: row.locked_until }),
    )
    .execute();
}

export async function clearThrottle(db: Kysely<DB>, userName: string) {
  await db.deleteFrom('login_throttle').where('user_name', '=', userName).execute();
}

export function findAccessKey(db: Kysely<DB>, access: string) {
  return userWithOrg(db)
    .innerJoin('access_key as k', 'k.user_id', 'u.id')
    .select(['k.id as access', 'k.secret_ciphertext', 'k.status as key_status'])
    .where('k.id', '=', access)
    .executeTakeFirst();
}

export function listAccessKeys(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('access_key')
    .select(['id', 'user_id', 'description', 'status', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

export async function countAccessKeys(db: Kysely<DB>, userId: string): Promise<number> {
  const row = await db
    .selectFrom('access_key')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertAccessKey(
  db: Kysely<DB>,
  row: { id: string; user_id: string; org_id: string; secret_ciphertext: string; description: string },
) {
  return db.insertInto('access_key').values(row).returning(['created_at']).executeTakeFirstOrThrow();
}

export async function deleteAccessKey(db: Kysely<DB>, access: string, userId: string): Promise<boolean> {
  const result = await db.deleteFrom('access_key').where('id', '=', access).where('user_id', '=', userId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function revokeSessionsOfUser(db: Kysely<DB>, userId: string, at: Date, exceptSessionId?: string) {
  let query = db.updateTable('auth_session').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptSessionId) query = query.where('id', '<>', exceptSessionId);
  await query.execute();
}

export async function deleteCredentialsOfUser(db: Kysely<DB>, userId: string) {
  await db.deleteFrom('auth_session').where('user_id', '=', userId).execute();
  await db.deleteFrom('access_key').where('user_id', '=', userId).execute();
}

export async function setPassword(db: Kysely<DB>, userId: string, passwordHash: string, at: Date) {
  await db
    .updateTable('app_user')
    .set({ password_hash: passwordHash, must_change_password: false, updated_at: at })
    .where('id', '=', userId)
    .execute();
}
