// ledger.postOnce: a transfer, its idempotency claim and its audit record as one statement outside
// any transaction, including the first use of an account and an organization's first audit record.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { assertLedgerInvariant, balanceOf, ledgerFingerprint, orgIdOf } from '../support/ledger.ts';
import type { Actor } from '../../src/shared/actor.ts';

let t: TestApp;
let vendor: string;
let reseller: string;
before(async () => {
  t = await createTestApp();
  vendor = await orgIdOf(t, 'vendor_admin');
  reseller = await orgIdOf(t, 'rs_demo2');
});
after(() => t.close());

const earmark = (actor: Actor, id: string, amount: bigint) => ({
  kind: 'earmark',
  orgId: reseller,
  counterpartyOrgId: vendor,
  actor,
  id,
  postings: [
    { account: { orgId: vendor, kind: 'vendor_earmark_source' as const }, amount: -amount },
    { account: { orgId: reseller, kind: 'partner_designated' as const }, amount },
  ],
});

async function transfer(key: string, amount: bigint, id = `JN-test-${key}-${amount}`) {
  const { ledger, audit } = t.services;
  const actor: Actor = { userId: null, userName: 'test', orgId: reseller, via: 'system', clientIp: null };
  const record = audit.appendPart(actor, { operation: 'test.earmark', targetId: reseller, detail: { journal_id: id } });
  const idem = { orgId: reseller, operation: 'test_earmark', key, request: { amount } };
  return ledger.postOnce(t.database.db, idem, { status: 200, body: { id } }, earmark(actor, id, amount), record);
}

const auditCount = async () =>
  Number((await t.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('org_id', '=', reseller).executeTakeFirstOrThrow()).n);

test('the first transfer creates the missing account and starts the organization’s audit chain, all in one commit', async () => {
  const head = await t.database.db.selectFrom('audit_chain_head').selectAll().where('org_id', '=', reseller).executeTakeFirst();
  assert.equal(head, undefined, 'rs_demo2 has no audit record yet in the demo data');
  assert.equal(await balanceOf(t, 'rs_demo2', 'partner_designated'), 0n);

  const answer = await transfer('first', 250n);
  assert.deepEqual(answer, { status: 200, body: { id: 'JN-test-first-250' }, replayed: false });
  assert.equal(await balanceOf(t, 'rs_demo2', 'partner_designated'), 250n);
  assert.equal(await auditCount(), 1);
  assert.deepEqual((await t.services.audit.verify(t.database.db, reseller)).breaks, []);
  await assertLedgerInvariant(t);
});

test('a replay answers the first answer and writes nothing; another request under the key is HBN.4001', async () => {
  const first = await transfer('replayed', 100n);
  const fingerprint = await ledgerFingerprint(t);
  const records = await auditCount();
  const replay = await transfer('replayed', 100n, 'JN-test-other-id');
  assert.deepEqual(replay, { ...first, replayed: true });
  await assert.rejects(transfer('replayed', 101n), { code: 'HBN.4001' });
  assert.equal(await ledgerFingerprint(t), fingerprint);
  assert.equal(await auditCount(), records);
});

test('a refused transfer writes nothing, not even its key or audit record', async () => {
  const fingerprint = await ledgerFingerprint(t);
  const records = await auditCount();
  const designated = await balanceOf(t, 'rs_demo2', 'partner_designated');
  // Taking back more than was earmarked would take the reseller's account below zero.
  await assert.rejects(transfer('refused', -(designated + 1n)), { code: 'CBC.99005003' });
  assert.equal(await ledgerFingerprint(t), fingerprint);
  assert.equal(await auditCount(), records);
  const stored = await t.database.db.selectFrom('idempotency_record').select('key').where('key', '=', 'refused').executeTakeFirst();
  assert.equal(stored, undefined);
  // Evaluated afresh: within the balance, the same key now moves money.
  const accepted = await transfer('refused', -designated);
  assert.equal(accepted.replayed, false);
  assert.equal(await balanceOf(t, 'rs_demo2', 'partner_designated'), 0n);
  assert.deepEqual((await t.services.audit.verify(t.database.db, reseller)).breaks, []);
  await assertLedgerInvariant(t);
});

test('transfers submitted together are written together; one that fails in the database runs alone and fails alone', async () => {
  const before = await balanceOf(t, 'rs_demo2', 'partner_designated');
  const records = await auditCount();
  // The first runs at once; the next three wait and form one batch, in which the overflowing
  // one (the balance would leave bigint) makes the statement fail.
  const outcomes = await Promise.allSettled([
    transfer('batch-1', 100n),
    transfer('batch-2', 200n),
    transfer('batch-overflow', 2n ** 63n - 1n),
    transfer('batch-3', 300n),
  ]);
  assert.deepEqual(
    outcomes.map((o) => o.status),
    ['fulfilled', 'fulfilled', 'rejected', 'fulfilled'],
  );
  assert.equal(await balanceOf(t, 'rs_demo2', 'partner_designated'), before + 600n);
  assert.equal(await auditCount(), records + 3);
  const stored = await t.database.db.selectFrom('idempotency_record').select('key').where('key', 'like', 'batch-%').orderBy('key').execute();
  assert.deepEqual(stored.map((r) => r.key), ['batch-1', 'batch-2', 'batch-3']);
  assert.deepEqual((await t.services.audit.verify(t.database.db, reseller)).breaks, []);
  await assertLedgerInvariant(t);
});

test('replays in a batch get the first answer, also under another journal id', async () => {
  // The first runs alone; the three with one key form one batch.
  const [, ...outcomes] = await Promise.all([transfer('alone', 1n), transfer('twice', 50n), transfer('twice', 50n), transfer('twice', 50n, 'JN-other')]);
  assert.deepEqual(outcomes.map((o) => o.replayed), [false, true, true]);
  assert.ok(outcomes.every((o) => (o.body as { id: string }).id === 'JN-test-twice-50'));
  await assertLedgerInvariant(t);
});
