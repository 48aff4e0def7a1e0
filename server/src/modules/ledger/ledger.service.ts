// The one way money moves: post() writes a balanced journal, locks the touched accounts in a fixed
// order, re-checks the limits inside the transaction and updates the cached balances, all in one
// statement; postOnce() does the same for a transfer with its idempotency claim and audit record,
// outside any transaction and grouped with others of the same organization (busy accounts). Also
// the idempotency of money-moving requests and the ledger invariant.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { StatementPart } from '../../db/statement-part.ts';
import type { Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import { newPrefixedId } from '../../shared/ids.ts';
import { createGroupCommit, settle, type Settled } from './group-commit.ts';
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

  function journalRow(request: PostRequest, moved: bigint) {
    return {
      id: request.id ?? newPrefixedId(request.idPrefix ?? 'JN'),
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
      created_at: clock.now(),
    };
  }

  /**
   * repo.postJournal, after creating the accounts used for the first time and making the part
   * ready when an attempt found them missing. Not ready after that means an overdraft.
   */
  async function postCreatingAccounts(
    db: Kysely<DB>,
    journal: ReturnType<typeof journalRow>,
    legs: readonly PostingInput[],
    options: { claim?: repo.ClaimRow; part?: StatementPart } = {},
  ): Promise<repo.PostOutcome> {
    const legRows = legs.map((l) => ({ orgId: l.account.orgId, kind: l.account.kind, amount: l.amount }));
    for (let attempt = 0; ; attempt++) {
      const outcome = await repo.postJournal(db, journal, legRows, { ...options, skipLock: skipRowLock });
      if (outcome.ready || attempt === 2) return outcome;
      if (outcome.accounts.length < legs.length) await ensureAccounts(db, legs.map((l) => l.account));
      else if (outcome.allowed && options.part) await options.part.prepare(db);
      else return outcome;
    }
  }

  function refusal(legs: readonly PostingInput[], outcome: repo.PostOutcome): Error {
    const byKey = new Map(outcome.accounts.map((a) => [`${a.org_id}|${a.kind}`, a]));
    const resolved = legs.flatMap((l) => {
      const account = byKey.get(accountKey(l.account));
      return account ? [{ ...l, accountId: account.id }] : [];
    });
    const accounts = new Map(outcome.accounts.map((a) => [a.id, { balance: a.balance, mayGoNegative: a.may_go_negative }]));
    const overdraft = firstOverdraft(resolved, accounts);
    if (!overdraft || resolved.length < legs.length) return new Error('a journal was refused, yet no account is overdrawn');
    return new InsufficientFundsError(resolved.find((l) => l.accountId === overdraft.accountId)!.account, overdraft.balance);
  }

  /** Posts a balanced journal inside the caller's transaction. */
  async function post(tx: Kysely<DB>, request: PostRequest): Promise<PostedJournal> {
    const { legs, moved } = balanceJournal(request.postings);
    const journal = journalRow(request, moved);
    const outcome = await postCreatingAccounts(tx, journal, legs);
    if (!outcome.posted) throw refusal(legs, outcome);
    const before = new Map(outcome.accounts.map((a) => [`${a.org_id}|${a.kind}`, a.balance]));
    const balances = new Map(legs.map((l) => [accountKey(l.account), before.get(accountKey(l.account))! + l.amount]));
    return { id: journal.id, moved, balances };
  }

  /** A transfer for postOnce, prepared when it is submitted. */
  interface Transfer {
    db: Kysely<DB>;
    idem: IdempotentRequest;
    requestHash: string;
    answer: { status: number; body: unknown };
    legs: PostingInput[];
    journal: ReturnType<typeof journalRow>;
    claim?: repo.ClaimRow;
    part?: StatementPart;
  }

  /** The answer to a transfer from the outcome of its statement (committed by then). */
  async function conclude(t: Transfer, outcome: repo.PostOutcome): Promise<Answer<unknown>> {
    if (outcome.posted) return { ...t.answer, replayed: false };
    // The key is taken: by this request's first attempt (which may be why this one is refused).
    const replay = t.idem.key ? await replayOf(t.db, t.idem, t.idem.key, t.requestHash) : null;
    if (replay) return replay;
    if (outcome.ready) throw new AppError('HBN.4001');
    throw refusal(t.legs, outcome);
  }

  /** One transfer as one statement, committed on its own. */
  const postAlone = async (t: Transfer) => conclude(t, await postCreatingAccounts(t.db, t.journal, t.legs, { claim: t.claim, part: t.part }));

  /**
   * A batch of transfers of one lane in one transaction: first every account of the batch is
   * locked in id order (the one lock order), then each transfer's statement runs as it would
   * alone; one commit for all. If a statement fails, nothing was committed and each transfer
   * runs alone, so that one transfer cannot hold back the others. If the commit itself fails,
   * it may have happened: every transfer reports the error (a retry with its key is safe).
   */
  async function commitTransfers(batch: Transfer[]): Promise<Settled<Answer<unknown>>[]> {
    if (batch.length === 1) return [await settle(() => postAlone(batch[0]))];
    let committing = false;
    try {
      const outcomes = await batch[0].db.transaction().execute(async (tx) => {
        await lockByRef(tx, batch.flatMap((t) => t.legs.map((l) => l.account)));
        const posted: repo.PostOutcome[] = [];
        for (const t of batch) posted.push(await postCreatingAccounts(tx, t.journal, t.legs, { claim: t.claim, part: t.part }));
        committing = true;
        return posted;
      });
      return Promise.all(batch.map((t, i) => settle(() => conclude(t, outcomes[i]))));
    } catch (error) {
      if (committing) return batch.map(() => ({ ok: false as const, error }));
      return Promise.all(batch.map((t) => settle(() => postAlone(t))));
    }
  }

  const transfers = createGroupCommit(commitTransfers);
  // Lanes are per database (a test process may hold several) and organization.
  const databases = new WeakMap<Kysely<DB>, number>();
  let nextDatabase = 0;
  const laneOf = (db: Kysely<DB>, orgId: string) => {
    if (!databases.has(db)) databases.set(db, ++nextDatabase);
    return `${databases.get(db)}|${orgId}`;
  };

  /**
   * A transfer at most once per idempotency key, whose answer is known beforehand (the caller
   * chose the journal id), together with what must commit with it (its audit record), in ONE
   * statement: the claim of the key, the limits, the journal, its postings, the balances and the
   * part commit together or not at all, and the accounts are held for no round trip to this
   * process. Transfers of the same organization that arrive while one is being written are then
   * written together in one transaction (group commit, see commitTransfers), so that a busy
   * account pays one commit per batch. A refused transfer stores nothing; a replay returns the
   * first answer.
   */
  async function postOnce<T>(
    db: Kysely<DB>,
    idem: IdempotentRequest,
    answer: { status: number; body: T },
    request: PostRequest & { id: string },
    part?: StatementPart,
  ): Promise<Answer<T>> {
    const { legs, moved } = balanceJournal(request.postings);
    const requestHash = requestHashOf(idem);
    const claim = idem.key ? { ...claimOf(idem, idem.key, requestHash), status: answer.status, response: JSON.stringify(answer.body) } : undefined;
    const transfer = { db, idem, requestHash, answer, legs, journal: journalRow(request, moved), claim, part };
    return (await transfers(laneOf(db, request.orgId), transfer)) as Answer<T>;
  }

  const requestHashOf = (idem: IdempotentRequest) =>
    sha256(JSON.stringify(idem.request, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));

  const claimOf = (idem: IdempotentRequest, key: string, requestHash: string) => ({
    org_id: idem.orgId,
    operation: idem.operation,
    key,
    request_hash: requestHash,
    created_at: clock.now(),
  });

  /** The first answer stored under this key; HBN.4001 if it answered a different request; null if none. */
  async function replayOf<T>(db: Kysely<DB>, idem: IdempotentRequest, key: string, requestHash: string): Promise<Answer<T> | null> {
    const stored = await repo.findIdempotencyRecord(db, idem.orgId, idem.operation, key);
    if (!stored) return null;
    if (stored.request_hash !== requestHash) throw new AppError('HBN.4001');
    return { status: stored.status, body: JSON.parse(stored.response) as T, replayed: true };
  }

  /**
   * Claims (organization, operation, key) in the transaction, storing the answer with the claim
   * when it is already known. Null when claimed; otherwise the first answer (a replay), or
   * HBN.4001 for a different request under the same key. A concurrent holder of the same key
   * makes the claim wait until it commits or rolls back.
   */
  async function claim<T>(tx: Kysely<DB>, idem: IdempotentRequest & { key: string }, answer?: { status: number; body: T }): Promise<Answer<T> | null> {
    const requestHash = requestHashOf(idem);
    const claimed = await repo.claimIdempotencyKey(tx, {
      ...claimOf(idem, idem.key, requestHash),
      status: answer?.status ?? 0,
      response: answer ? JSON.stringify(answer.body) : '',
    });
    if (claimed) return null;
    const replay = await replayOf<T>(tx, idem, idem.key, requestHash);
    if (!replay) throw new AppError('HBN.4001');
    return replay;
  }

  /**
   * Runs a money-moving operation at most once per (organization, operation, X-Client-Token): the
   * first successful answer is stored in the same transaction as the movement; a replay returns
   * it and moves nothing; the same token with a different request is refused. A refused request
   * stores nothing (it moved nothing), so a retry is evaluated afresh.
   */
  async function once<T>(db: Kysely<DB>, idem: IdempotentRequest, work: (tx: Kysely<DB>) => Promise<{ status: number; body: T }>): Promise<Answer<T>> {
    const key = idem.key;
    if (!key) return { ...(await db.transaction().execute(work)), replayed: false };
    return db.transaction().execute(async (tx) => {
      const replay = await claim<T>(tx, { ...idem, key });
      if (replay) return replay;
      const answer = await work(tx);
      await repo.storeIdempotentAnswer(tx, idem.orgId, idem.operation, key, answer.status, JSON.stringify(answer.body));
      return { ...answer, replayed: false };
    });
  }

  /**
   * once() for an operation whose answer is known before it runs (e.g. the id of the journal it
   * will post, chosen beforehand): the answer is stored with the claim, so nothing is written
   * after the movement and its locks are released one round trip sooner. If the work throws,
   * the transaction rolls back and the claim with it.
   */
  async function onceAnswering<T>(db: Kysely<DB>, idem: IdempotentRequest, answer: { status: number; body: T }, work: (tx: Kysely<DB>) => Promise<void>): Promise<Answer<T>> {
    const key = idem.key;
    return db.transaction().execute(async (tx) => {
      const replay = key ? await claim<T>(tx, { ...idem, key }, answer) : null;
      if (replay) return replay;
      await work(tx);
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

  return { post, postOnce, once, onceAnswering, ensureAccounts, balancesOf, lockedBalances };
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
