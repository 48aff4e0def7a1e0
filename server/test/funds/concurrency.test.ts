// Races on a real PostgreSQL (PGlite is one connection, so transactions there never overlap).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, testEngine, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { assertLedgerInvariant, balanceOf, orgIdOf } from '../support/ledger.ts';

const skip = testEngine !== 'postgres' ? 'needs TEST_DB=postgres: PGlite is a single connection, so transactions cannot race' : false;

let t: TestApp;
let md: HttpClient;
let rs1: string;
before(async () => {
  if (skip) return;
  t = await createTestApp();
  md = await t.token('md_demo');
  rs1 = await orgIdOf(t, 'rs_demo1');
});
after(() => t?.close());

test('50 concurrent allocations and reclaims against one reseller never overdraw either side and conserve the total', { skip }, async () => {
  const rsStart = await balanceOf(t, 'rs_demo1', 'partner_cash');
  const mdStart = await balanceOf(t, 'md_demo', 'partner_cash');
  // Reclaims of more than the reseller holds unless allocations land first: some must be refused.
  const unit = Number(rsStart) / 100 / 10;
  const requests = Array.from({ length: 50 }, (_, i) =>
    i % 2 === 0
      ? md.post('/v2/accounts/partner-accounts/indirect-partner-adjust', { body: { indirect_partner_id: rs1, amount: (unit / 2).toFixed(2) } })
      : md.post('/v2/accounts/partner-accounts/indirect-partner-reclaim', { body: { indirect_partner_id: rs1, amount: (unit * 2).toFixed(2) } }),
  );
  const replies = await Promise.all(requests);
  for (const r of replies) assert.ok(r.status === 200 || r.body.error_code === 'CBC.99005003', JSON.stringify(r.body));
  const rsEnd = await balanceOf(t, 'rs_demo1', 'partner_cash');
  const mdEnd = await balanceOf(t, 'md_demo', 'partner_cash');
  assert.ok(rsEnd >= 0n && mdEnd >= 0n);
  assert.equal(rsEnd + mdEnd, rsStart + mdStart);
  const moved = replies.reduce((sum, r, i) => (r.status !== 200 ? sum : i % 2 === 0 ? sum + BigInt(Math.round(unit * 50)) : sum - BigInt(Math.round(unit * 200))), 0n);
  assert.equal(rsEnd - rsStart, moved);
  assert.ok(replies.some((r) => r.status === 200) && replies.some((r) => r.status === 400), 'both outcomes occur');
  await assertLedgerInvariant(t);
  await assertAuditedOnce(replies.filter((r) => r.status === 200).map((r) => r.body.transfer_id ?? r.body.trans_id));
});

test('20 concurrent replays of one idempotency key move money once', { skip }, async () => {
  const start = await balanceOf(t, 'rs_demo1', 'partner_cash');
  const replies = await Promise.all(
    Array.from({ length: 20 }, () =>
      md.post('/v2/accounts/partner-accounts/indirect-partner-adjust', { body: { indirect_partner_id: rs1, amount: '7.77' }, headers: { 'X-Client-Token': 'race-1' } }),
    ),
  );
  assert.ok(replies.every((r) => r.status === 200), JSON.stringify(replies.map((r) => r.body)));
  assert.equal(new Set(replies.map((r) => r.body.transfer_id)).size, 1);
  assert.equal(replies.filter((r) => r.headers.get('x-idempotent-replay') !== 'true').length, 1);
  assert.equal(await balanceOf(t, 'rs_demo1', 'partner_cash'), start + 777n);
  await assertLedgerInvariant(t);
  await assertAuditedOnce([replies[0].body.transfer_id]);
});

/** The distributor's audit chain is whole, with exactly one record per journal that moved money. */
async function assertAuditedOnce(journalIds: string[]) {
  const mdId = await orgIdOf(t, 'md_demo');
  assert.deepEqual((await t.services.audit.verify(t.database.db, mdId)).breaks, []);
  const records = await t.database.db
    .selectFrom('audit_log')
    .select('detail')
    .where('org_id', '=', mdId)
    .where('operation', 'like', 'funds.reseller_%')
    .execute();
  const audited = records.map((r) => (JSON.parse(r.detail) as { journal_id: string }).journal_id);
  for (const id of journalIds) assert.equal(audited.filter((a) => a === id).length, 1, `journal ${id} audited once`);
}
