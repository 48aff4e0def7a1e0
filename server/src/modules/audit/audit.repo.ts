// Reading the audit trail of one organization (writing is in audit.service.ts).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface AuditFilter {
  operator?: string;
  operation?: string;
  from?: Date;
  to?: Date;
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function filtered(db: Kysely<DB>, orgId: string, f: AuditFilter) {
  let query = db.selectFrom('audit_log').where('org_id', '=', orgId);
  if (f.operator) query = query.where((eb) => eb.or([eb('user_name', '=', f.operator!), eb('user_id', '=', f.operator!)]));
  // An operation filter matches the operation or the family it starts ("organization.").
  if (f.operation) query = query.where('operation', 'like', `${likeEscape(f.operation)}%`);
  if (f.from) query = query.where('occurred_at', '>=', f.from);
  if (f.to) query = query.where('occurred_at', '<', f.to);
  return query;
}

const columns = [
  'seq',
  'occurred_at',
  'user_id',
  'user_name',
  'via',
  'on_behalf_of',
  'operation',
  'target_type',
  'target_id',
  'detail',
  'client_ip',
  'outcome',
  'hash',
] as const;

export async function countRecords(db: Kysely<DB>, orgId: string, f: AuditFilter): Promise<number> {
  const row = await filtered(db, orgId, f).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listRecords(db: Kysely<DB>, orgId: string, f: AuditFilter, offset: number, limit: number) {
  return filtered(db, orgId, f).select(columns).orderBy('seq', 'desc').offset(offset).limit(limit).execute();
}

/** Newest first, one page after the given sequence number (keyset paging for exports). */
export function pageBefore(db: Kysely<DB>, orgId: string, f: AuditFilter, beforeSeq: bigint | null, limit: number) {
  let query = filtered(db, orgId, f);
  if (beforeSeq !== null) query = query.where('seq', '<', beforeSeq);
  return query.select(columns).orderBy('seq', 'desc').limit(limit).execute();
}

export type AuditRow = Awaited<ReturnType<typeof listRecords>>[number];
