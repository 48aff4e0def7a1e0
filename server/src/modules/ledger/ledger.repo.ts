// Queries of the ledger. Every function takes the executor (db or transaction).
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, LedgerJournalTable } from '../../db/schema.ts';
import type { StatementPart } from '../../db/statement-part.ts';

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

export interface ClaimRow {
  org_id: string;
  operation: string;
  key: string;
  request_hash: string;
  status: number;
  response: string;
  created_at: Date;
}

export interface PostOutcome {
  /** The legs' accounts that exist, with their balances before the journal. */
  accounts: AccountRow[];
  /** Every account exists and none restricted would go below zero. */
  allowed: boolean;
  /** Allowed, and the part's condition held (always, without a part). */
  ready: boolean;
  /** The journal was written: ready, and the idempotency key (if any) was free. */
  posted: boolean;
}

/**
 * Posts a journal in one statement: locks the legs' accounts in id order; only if every account
 * exists and no restricted one would go below zero (the rule the table's CHECK also holds),
 * locks the part's rows; only if the part is ready, claims the idempotency key (if given); and
 * only if it was free, writes the journal, its postings with the balance after each, the new
 * cached balances and the part. Run alone (autocommit), the accounts are locked only while
 * PostgreSQL runs the statement and commits, never across a round trip to the application.
 */
export async function postJournal(
  db: Kysely<DB>,
  journal: Insertable<LedgerJournalTable>,
  legs: readonly { orgId: string; kind: string; amount: bigint }[],
  options: { skipLock?: boolean; claim?: ClaimRow; part?: StatementPart } = {},
): Promise<PostOutcome> {
  const { claim, part } = options;
  const j = journal;
  const lock = options.skipLock ? sql`` : sql`FOR UPDATE`;
  const legRows = sql.join(legs.map((l) => sql`(${l.orgId}::text, ${l.kind}::text, ${l.amount}::bigint)`));
  const pairs = sql.join(legs.map((l) => sql`(${l.orgId}, ${l.kind})`));
  const gate = claim
    ? sql`INSERT INTO idempotency_record (org_id, operation, key, request_hash, status, response, created_at)
      SELECT ${claim.org_id}::text, ${claim.operation}::text, ${claim.key}::text, ${claim.request_hash}::text,
        ${claim.status}::integer, ${claim.response}::text, ${claim.created_at}::timestamptz
      FROM ready ON CONFLICT (org_id, operation, key) DO NOTHING RETURNING true AS ok`
    : sql`SELECT ok FROM ready`;
  const result = await sql<AccountRow & { allowed: boolean; ready: boolean; posted: boolean }>`
    WITH leg (org_id, kind, amount) AS (VALUES ${legRows}),
    locked AS MATERIALIZED (
      SELECT id, org_id, kind, balance, may_go_negative FROM ledger_account
      WHERE currency = 'CNY' AND (org_id, kind) IN (${pairs}) ORDER BY id ${lock}
    ),
    moved AS (
      SELECT locked.id, locked.org_id, leg.amount, locked.balance + leg.amount AS balance_after
      FROM locked JOIN leg ON leg.org_id = locked.org_id AND leg.kind = locked.kind
    ),
    allowed AS MATERIALIZED (
      SELECT true AS ok FROM locked JOIN leg ON leg.org_id = locked.org_id AND leg.kind = locked.kind
      HAVING count(*) = ${legs.length} AND bool_and(locked.may_go_negative OR locked.balance + leg.amount >= 0)
    ),
    ${part ? sql`${part.locks('allowed')}, ready AS MATERIALIZED (SELECT ok FROM allowed WHERE ${part.ready}),` : sql`ready AS (SELECT ok FROM allowed),`}
    gate AS (${gate}),
    journal AS (
      INSERT INTO ledger_journal (id, org_id, kind, reference, counterparty_org_id, amount, memo, actor_org_id,
        actor_user_id, idempotency_scope, idempotency_key, created_at)
      SELECT ${j.id}::text, ${j.org_id}::text, ${j.kind}::text, ${j.reference ?? null}::text, ${j.counterparty_org_id ?? null}::text,
        ${j.amount}::bigint, ${j.memo ?? null}::text, ${j.actor_org_id ?? null}::text, ${j.actor_user_id ?? null}::text,
        ${j.idempotency_scope ?? null}::text, ${j.idempotency_key ?? null}::text, ${j.created_at}::timestamptz
      FROM gate
    ),
    postings AS (
      INSERT INTO ledger_posting (journal_id, account_id, org_id, amount, balance_after, created_at)
      SELECT ${j.id}::text, moved.id, moved.org_id, moved.amount, moved.balance_after, ${j.created_at}::timestamptz FROM moved, gate
    ),
    balances AS (
      UPDATE ledger_account a SET balance = moved.balance_after FROM moved, gate WHERE a.id = moved.id
    )
    ${part ? sql`, ${part.writes('gate')}` : sql``}
    SELECT locked.id, locked.org_id, locked.kind, locked.balance, locked.may_go_negative, outcome.*
    FROM (SELECT EXISTS (SELECT 1 FROM allowed) AS allowed, EXISTS (SELECT 1 FROM ready) AS ready, EXISTS (SELECT 1 FROM gate) AS posted) outcome
    LEFT JOIN locked ON true`.execute(db);
  const first = result.rows[0];
  return {
    accounts: result.rows.filter((r) => r.id !== null).map((r) => ({ id: r.id, org_id: r.org_id, kind: r.kind, balance: BigInt(r.balance), may_go_negative: r.may_go_negative })),
    allowed: first.allowed,
    ready: first.ready,
    posted: first.posted,
  };
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
  row: ClaimRow,
): Promise<boolean> {
  const r = await db
    .insertInto('idempotency_record')
    .values(row)
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
