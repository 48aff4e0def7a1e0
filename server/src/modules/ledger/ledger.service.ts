// The one way money moves: post() writes a balanced journal, locks the touched accounts in a fixed
// order, re-checks the limits inside the transaction and updates the cached balances. Also the
// idempotency of money-moving requests and the ledger invariant.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import { newPrefixedId } from '../../shared/ids.ts';
import * as repo from './ledger.repo.ts';
import { ACCOUNT_KINDS, accountKey, balanceJournal, firstOverdraft, SUBLEDGERS, type AccountKind, type AccountRef, type PostingInput } from './ledger.rules.ts';

/** A restricted account would go below zero; nothing was written. */
export class InsufficientFundsError extends AppError {
  constructor(
    readonly account: AccountRef,
    readonly balance: bigint,
  ) {
    super('CBC.99005003');
  }
}

export interface PostRequest {
  /** Journal kind, e.g. reseller_allocate, customer_reclaim, topup, credit_line. */
  kind: string;
  /** The organization whose operation this is (whose records show it). */
  orgId: string;
  counterpartyOrgId?: string | null;
  reference?: string | null;
  memo?: string | null;
  actor: Actor;
  postings: readonly PostingInput[];
  /** Journal id prefix: AD (allocation), RE (reclaim), JN otherwise. */
  idPrefix?: string;
  /** A journal id chosen beforehand (to record it in a compare-and-set before posting). */
  id?: string;
  idempotency?: { scope: string; key: string };
}

export interface PostedJournal {
  id: string;
  moved: bigint;
  balances: Map<string, bigint>;
}

export interface IdempotentRequest {
  orgId: string;
  operation: string;
  key: string | undefined;
  /** The request as the operation understood it (normalized), to tell a replay from a different request. */
  request: unknown;
}

export interface Answer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

export interface LedgerInvariantReport {
  ok: boolean;
  problems: string[];
  journals: number;
  postings: number;
  accounts: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function createLedgerService(deps: { clock: Clock; faults?: ReadonlySet<string> }) {
  const { clock } = deps;
  // The bank test's injected defect: without the row lock, concurrent posts lose updates.
  const skipRowLock = deps.faults?.has('skip_row_lock') ?? false;

  /** The accounts, created on first use; returns id by accountKey. */
  async function ensureAccounts(tx: Kysely<DB>, refs: readonly AccountRef[]): Promise<Map<string, string>> {
    const byKey = new Map<string, string>();
    const found = await repo.findAccounts(tx, refs);
    for (const a of found) byKey.set(`${a.org_id}|${a.kind}`, a.id);
    const missing = refs.filter((r) => !byKey.has(accountKey(r)));
    if (missing.length > 0) {
      await repo.insertAccountsIfMissing(
        tx,
        missing.map((r) => ({ id: newPrefixedId('LA'), org_id: r.orgId, kind: r.kind, may_go_negative: ACCOUNT_KINDS[r.kind].mayGoNegative })),
      );
      for (const a of await repo.findAccounts(tx, missing)) byKey.set(`${a.org_id}|${a.kind}`, a.id);
    }
    return byKey;
  }

  /** Locks the accounts of these refs in id order, creating missing ones first. */
  async function lockByRef(tx: Kysely<DB>, refs: readonly AccountRef[]) {
    let rows = await repo.lockAccountsByKey(tx, refs, skipRowLock);
    if (rows.length < new Set(refs.map(accountKey)).size) {
      await ensureAccounts(tx, refs);
      rows = await repo.lockAccountsByKey(tx, refs, skipRowLock);
    }
    return new Map(rows.map((r) => [`${r.org_id}|${r.kind}`, r]));
  }

  /** Posts a balanced journal inside the caller's transaction. */
  async function post(tx: Kysely<DB>, request: PostRequest): Promise<PostedJournal> {
    const { legs, moved } = balanceJournal(request.postings);
    const locked = await lockByRef(tx, legs.map((l) => l.account));
    const accounts = new Map([...locked.values()].map((a) => [a.id, { balance: a.balance, mayGoNegative: a.may_go_negative }]));
    const resolved = legs.map((l) => ({ ...l, accountId: locked.get(accountKey(l.account))!.id }));

    const overdraft = firstOverdraft(resolved, accounts);
    if (overdraft) {
      const leg = resolved.find((l) => l.accountId === overdraft.accountId)!;
      throw new InsufficientFundsError(leg.account, overdraft.balance);
    }

    const now = clock.now();
    const journalId = request.id ?? newPrefixedId(request.idPrefix ?? 'JN');
    const balances = new Map<string, bigint>();
    const after = resolved.map((l) => {
      const balance = accounts.get(l.accountId)!.balance + l.amount;
      balances.set(accountKey(l.account), balance);
      return { id: l.accountId, balance, leg: l };
    });
    await repo.writeJournal(
      tx,
      {
        id: journalId,
        org_id: request.orgId,
        kind: request.kind,
        reference: request.reference ?? null,
        counterparty_org_id: request.counterpartyOrgId ?? null,
        amount: moved,
        memo: request.memo ?? null,
        actor_org_id: request.actor.orgId,
        actor_user_id: request.actor.userId,
        idempotency_scope: request.idempotency?.scope ?? null,
        idempotency_key: request.idempotency?.key ?? null,
        created_at: now,
      },
      after.map((a) => ({ account_id: a.id, org_id: a.leg.account.orgId, amount: a.leg.amount, balance_after: a.balance })),
      after.map((a) => ({ id: a.id, balance: a.balance })),
    );
    return { id: journalId, moved, balances };
  }

  /**
   * Runs a money-moving operation at most once per (organization, operation, X-Client-Token): the
   * first successful answer is stored in the same transaction as the movement; a replay returns
   * it and moves nothing; the same token with a different request is refused. A refused request
   * stores nothing (it moved nothing), so a retry is evaluated afresh.
   */
  async function once<T>(db: Kysely<DB>, idem: IdempotentRequest, work: (tx: Kysely<DB>) => Promise<{ status: number; body: T }>): Promise<Answer<T>> {
    if (!idem.key) {
      const answer = await db.transaction().execute(work);
      return { ...answer, replayed: false };
    }
    const key = idem.key;
    const requestHash = sha256(JSON.stringify(idem.request, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
    return db.transaction().execute(async (tx) => {
      // A concurrent holder of the same key makes this insert wait until it commits or rolls back.
      const claimed = await repo.claimIdempotencyKey(tx, {
        org_id: idem.orgId,
        operation: idem.operation,
        key,
        request_hash: requestHash,
        created_at: clock.now(),
      });
      if (!claimed) {
        const stored = await repo.findIdempotencyRecord(tx, idem.orgId, idem.operation, key);
        if (!stored || stored.request_hash !== requestHash) throw new AppError('HBN.4001');
        return { status: stored.status, body: JSON.parse(stored.response) as T, replayed: true };
      }
      const answer = await work(tx);
      await repo.storeIdempotentAnswer(tx, idem.orgId, idem.operation, key, answer.status, JSON.stringify(answer.body));
      return { ...answer, replayed: false };
    });
  }

  /** Balances by kind for the given organizations (accounts never used read as zero). */
  async function balancesOf(db: Kysely<DB>, orgIds: readonly string[]): Promise<Map<string, Map<AccountKind, { id: string; balance: bigint }>>> {
    const out = new Map<string, Map<AccountKind, { id: string; balance: bigint }>>();
    for (const id of orgIds) out.set(id, new Map());
    for (const row of await repo.balancesOfOrg(db, orgIds)) {
      out.get(row.org_id)!.set(row.kind as AccountKind, { id: row.id, balance: BigInt(row.balance) });
    }
    return out;
  }

  /**
   * Locks the given accounts (in the same fixed order as post()) and returns their balances, for
   * movements whose amount depends on a balance (e.g. "everything that is left").
   */
  async function lockedBalances(tx: Kysely<DB>, refs: readonly AccountRef[]): Promise<Map<string, bigint>> {
    const locked = await lockByRef(tx, refs);
    return new Map(refs.map((r) => [accountKey(r), locked.get(accountKey(r))!.balance]));
  }

  return { post, once, ensureAccounts, balancesOf, lockedBalances };
}

/**
 * Every journal sums to zero, no restricted account is negative, cached balances equal their
 * postings, and every sub-ledger (quota and coupon rows) adds up to its control account.
 */
export async function checkLedgerInvariant(db: Kysely<DB>): Promise<LedgerInvariantReport> {
  const problems: string[] = [];
  for (const j of await repo.unbalancedJournals(db)) problems.push(`journal ${j.id}: postings sum to ${j.total ?? 0} over ${j.legs} legs`);
  for (const a of await repo.negativeRestrictedAccounts(db)) problems.push(`account ${a.id}: restricted account is negative (${a.balance})`);
  for (const a of await repo.cachedBalanceMismatches(db)) problems.push(`account ${a.id}: cached balance ${a.balance} but postings sum to ${a.total}`);
  for (const p of await repo.runningBalanceMismatches(db)) problems.push(`posting ${p.id} on ${p.account_id}: balance_after differs from the running sum`);
  for (const s of SUBLEDGERS) {
    for (const m of await repo.subledgerMismatches(db, s)) problems.push(`${s.kind} of ${m.org_id}: account balance ${m.account} but ${s.table} rows sum to ${m.rows}`);
  }
  const totals = await repo.ledgerTotals(db);
  return {
    ok: problems.length === 0,
    problems,
    journals: Number(totals.journals),
    postings: Number(totals.postings),
    accounts: Number(totals.accounts),
  };
}

export type LedgerService = ReturnType<typeof createLedgerService>;
