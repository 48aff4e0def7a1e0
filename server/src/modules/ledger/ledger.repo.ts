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

/**
 * Row locks in id order (every transaction takes them in the same order, so none deadlock), found
 * by (organization, kind) in the same round trip.
 */
export async function lockAccountsByKey(db: Kysely<DB>, keys: readonly { orgId: string; kind: string }[], skipLock = false) {
  const lock = skipLock ? sql`` : sql`FOR UPDATE`;
  const pairs = sql.join(keys.map((k) => sql`(${k.orgId}, ${k.kind})`));
  const result = await sql<AccountRow>`
    SELECT id, org_id, kind, balance, may_go_negative FROM ledger_account
    WHERE currency = 'CNY' AND (org_id, kind) IN (${pairs}) ORDER BY id ${lock}`.execute(db);
  return result.rows.map((r) => ({ ...r, balance: BigInt(r.balance) }));
}

/**
 * The journal, its postings and the new cached balances in one statement: the accounts are
 * locked while this runs, so fewer round trips mean a shorter lock.
 */
export async function writeJournal(
  db: Kysely<DB>,
  journal: Insertable<LedgerJournalTable>,
  postings: readonly { account_id: string; org_id: string; amount: bigint; balance_after: bigint }[],
  balances: readonly { id: string; balance: bigint }[],
) {
  const j = journal;
  const postingRows = sql.join(
    postings.map((p) => sql`(${j.id}, ${p.account_id}, ${p.org_id}, ${p.amount}::bigint, ${p.balance_after}::bigint, ${j.created_at}::timestamptz)`),
  );
  const balanceRows = sql.join(balances.map((b) => sql`(${b.id}, ${b.balance}::bigint)`));
  await sql`
    WITH journal AS (
      INSERT INTO ledger_journal (id, org_id, kind, reference, counterparty_org_id, amount, memo, actor_org_id,
        actor_user_id, idempotency_scope, idempotency_key, created_at)
      VALUES (${j.id}, ${j.org_id}, ${j.kind}, ${j.reference ?? null}, ${j.counterparty_org_id ?? null}, ${j.amount}::bigint,
        ${j.memo ?? null}, ${j.actor_org_id ?? null}, ${j.actor_user_id ?? null}, ${j.idempotency_scope ?? null},
        ${j.idempotency_key ?? null}, ${j.created_at}::timestamptz)
    ),
    postings AS (
      INSERT INTO ledger_posting (journal_id, account_id, org_id, amount, balance_after, created_at) VALUES ${postingRows}
    )
    UPDATE ledger_account a SET balance = v.balance FROM (VALUES ${balanceRows}) AS v(id, balance) WHERE a.id = v.id`.execute(db);
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

/**
 * Organizations whose account of `kind` does not equal the sum of their sub-ledger rows (either
 * side may be missing: no account reads as 0, no rows as 0).
 */
export async function subledgerMismatches(db: Kysely<DB>, s: { kind: string; table: string; orgColumn: string; balanceColumn: string }) {
  const r = await sql<{ org_id: string; account: string; rows: string }>`
    SELECT COALESCE(a.org_id, x.org_id) AS org_id, COALESCE(a.balance, 0)::text AS account, COALESCE(x.total, 0)::text AS rows
    FROM (SELECT org_id, balance FROM ledger_account WHERE kind = ${s.kind} AND currency = 'CNY') a
    FULL OUTER JOIN (
      SELECT ${sql.ref(s.orgColumn)} AS org_id, SUM(${sql.ref(s.balanceColumn)}) AS total FROM ${sql.table(s.table)} GROUP BY ${sql.ref(s.orgColumn)}
    ) x ON x.org_id = a.org_id
    WHERE COALESCE(a.balance, 0) <> COALESCE(x.total, 0)`.execute(db);
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
