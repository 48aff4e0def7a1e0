// Ledger helpers for API tests: the invariant after each test, balances by account name.
import assert from 'node:assert/strict';
import { checkLedgerInvariant } from '../../src/modules/ledger/index.ts';
import type { TestApp } from './test-app.ts';

/** Fails the test when the ledger invariant does not hold. */
export async function assertLedgerInvariant(t: TestApp): Promise<void> {
  const report = await checkLedgerInvariant(t.database.db);
  assert.deepEqual(report.problems, [], 'ledger invariant');
}

/** Organization id of a demo account name. */
export async function orgIdOf(t: TestApp, accountName: string): Promise<string> {
  const row = await t.database.db.selectFrom('organization').select('id').where('domain_name', '=', accountName).executeTakeFirstOrThrow();
  return row.id;
}

/** Balance in fen of one account (0 when never used). */
export async function balanceOf(t: TestApp, accountName: string, kind: string): Promise<bigint> {
  const orgId = await orgIdOf(t, accountName);
  const row = await t.database.db.selectFrom('ledger_account').select('balance').where('org_id', '=', orgId).where('kind', '=', kind).executeTakeFirst();
  return row ? BigInt(row.balance) : 0n;
}

/** Everything that moves money, as a fingerprint: equal before and after a refused step. */
export async function ledgerFingerprint(t: TestApp): Promise<string> {
  const db = t.database.db;
  const accounts = await db.selectFrom('ledger_account').select(['id', 'balance']).orderBy('id').execute();
  const journals = await db.selectFrom('ledger_journal').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return JSON.stringify([accounts.map((a) => [a.id, String(a.balance)]), String(journals.n)]);
}
