// Queries of the ledger. Every function takes the executor (db or transaction).
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, LedgerJournalTable } from '../../db/schema.ts';

export interface AccountRow {
  id: string;
  org_id: string;
  kind: string;
  balance: bigint;
  may_go_negative: boolean;
}

export function findAccounts(db: Kysely<DB>, keys: readonly { orgId: string; kind: string }[]) {
  if (keys.length === 0) return Promise.resolve([] as AccountRow[]);
  return db
    .selectFrom('ledger_account')
    .select(['id', 'org_id', 'kind', 'balance', 'may_go_negative'])
    .where('currency', '=', 'CNY')
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('org_id', '=', k.orgId), eb('kind', '=', k.kind)]))))
    .execute();
}

export async function insertAccountsIfMissing(
  db: Kysely<DB>,
  rows: readonly { id: string; org_id: string; kind: string; may_go_negative: boolean }[],
) {
  if (rows.length === 0) return;
  await db
    .insertInto('ledger_account')
    .values(rows.map((r) => ({ ...r, currency: 'CNY' })))
    .onConflict((oc) => oc.columns(['org_id', 'kind', 'currency']).doNothing())
    .execute();
}

/** Row locks in id order: every transaction takes them in the same order, so none deadlock. */
export async function lockAccounts(db: Kysely<DB>, ids: readonly string[], skipLock = false) {
  const lock = skipLock ? sql`` : sql`FOR UPDATE`;
  const result = await sql<AccountRow>`
    SELECT id, org_id, kind, balance, may_go_negative FROM ledger_account
    WHERE id IN (${sql.join(ids)}) ORDER BY id ${lock}`.execute(db);
  return result.rows.map((r) => ({ ...r, balance: BigInt(r.balance) }));
}

export function insertJournal(db: Kysely<DB>, row: Insertable<LedgerJournalTable>) {
  return db.insertInto('ledger_journal').values(row).execute();
}

export async function insertPostings(
  db: Kysely<DB>,
  rows: readonly { journal_id: string; account_id: string; org_id: string; amount: bigint; balance_after: bigint; created_at: Date }[],
) {
  await db.insertInto('ledger_posting').values(rows as never).execute();
}

export async function setBalances(db: Kysely<DB>, rows: readonly { id: string; balance: bigint }[]) {
  const values = sql.join(rows.map((r) => sql`(${r.id}, ${r.balance}::bigint)`));
  await sql`UPDATE ledger_account a SET balance = v.balance FROM (VALUES ${values}) AS v(id, balance) WHERE a.id = v.id`.execute(db);
}

export function balancesOfOrg(db: Kysely<DB>, orgIds: readonly string[]) {
  if (orgIds.length === 0) return Promise.resolve([] as { id: string; org_id: string; kind: string; balance: bigint }[]);
  return db
    .selectFrom('ledger_account')
    .select(['id', 'org_id', 'kind', 'balance'])
    .where('org_id', 'in', orgIds)
    .where('currency', '=', 'CNY')
    .execute();
}

// Invariant queries: each returns the offending rows (empty = holds).
export async function unbalancedJournals(db: Kysely<DB>) {
  const r = await sql<{ id: string; total: string | null; legs: string }>`
    SELECT j.id, SUM(p.amount)::text AS total, COUNT(p.id)::text AS legs
    FROM ledger_journal j LEFT JOIN ledger_posting p ON p.journal_id = j.id
    GROUP BY j.id HAVING COALESCE(SUM(p.amount), 0) <> 0 OR COUNT(p.id) < 2`.execute(db);
  return r.rows;
}

export async function negativeRestrictedAccounts(db: Kysely<DB>) {
  const r = await sql<{ id: string; balance: string }>`
    SELECT id, balance::text FROM ledger_account WHERE NOT may_go_negative AND balance < 0`.execute(db);
  return r.rows;
}

export async function cachedBalanceMismatches(db: Kysely<DB>) {
  const r = await sql<{ id: string; balance: string; total: string }>`
    SELECT a.id, a.balance::text, COALESCE(SUM(p.amount), 0)::text AS total
    FROM ledger_account a LEFT JOIN ledger_posting p ON p.account_id = a.id
    GROUP BY a.id, a.balance HAVING a.balance <> COALESCE(SUM(p.amount), 0)`.execute(db);
  return r.rows;
}

export async function runningBalanceMismatches(db: Kysely<DB>) {
  const r = await sql<{ id: string; account_id: string }>`
    SELECT id::text, account_id FROM (
      SELECT id, account_id, balance_after,
        SUM(amount) OVER (PARTITION BY account_id ORDER BY id) AS running
      FROM ledger_posting) x
    WHERE running <> balance_after`.execute(db);
  return r.rows;
}

export async function ledgerTotals(db: Kysely<DB>) {
  const r = await sql<{ journals: string; postings: string; accounts: string }>`
    SELECT (SELECT COUNT(*) FROM ledger_journal)::text AS journals,
           (SELECT COUNT(*) FROM ledger_posting)::text AS postings,
           (SELECT COUNT(*) FROM ledger_account)::text AS accounts`.execute(db);
  return r.rows[0];
}

// Idempotency records.
export async function claimIdempotencyKey(
  db: Kysely<DB>,
  row: { org_id: string; operation: string; key: string; request_hash: string; created_at: Date },
): Promise<boolean> {
  const r = await db
    .insertInto('idempotency_record')
    .values({ ...row, status: 0, response: '' })
    .onConflict((oc) => oc.columns(['org_id', 'operation', 'key']).doNothing())
    .returning('key')
    .execute();
  return r.length === 1;
}

export function findIdempotencyRecord(db: Kysely<DB>, orgId: string, operation: string, key: string) {
  return db
    .selectFrom('idempotency_record')
    .select(['request_hash', 'status', 'response'])
    .where('org_id', '=', orgId)
    .where('operation', '=', operation)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function storeIdempotentAnswer(db: Kysely<DB>, orgId: string, operation: string, key: string, status: number, response: string) {
  await db
    .updateTable('idempotency_record')
    .set({ status, response })
    .where('org_id', '=', orgId)
    .where('operation', '=', operation)
    .where('key', '=', key)
    .execute();
}
