// Master distributor ⇄ cloud reseller, on Huawei's paths and fields.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { assertLedgerInvariant, balanceOf, ledgerFingerprint, orgIdOf } from '../support/ledger.ts';
import { hashPassword } from '../../src/modules/identity/index.ts';
import { newId } from '../../src/shared/ids.ts';

let t: TestApp;
let md: HttpClient;
let rs1: string;
let rs2: string;
before(async () => {
  t = await createTestApp();
  t.clock.advance(60_000); // after the demo data, which is stamped with the real time
  md = await t.token('md_demo');
  rs1 = await orgIdOf(t, 'rs_demo1');
  rs2 = await orgIdOf(t, 'rs_demo2');
});
afterEach(() => assertLedgerInvariant(t));
after(() => t.close());

const ADJUST = '/v2/accounts/partner-accounts/indirect-partner-adjust';
const RECLAIM = '/v2/accounts/partner-accounts/indirect-partner-reclaim';
const BALANCES = '/v2/accounts/partner-accounts/balances';

async function amountOf(client: HttpClient, type: number, indirect?: string) {
  const r = await client.get(BALANCES, { query: { indirect_partner_id: indirect } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.account_balances.find((b: { account_type: number }) => b.account_type === type);
}

test('the reseller list shows only the distributor’s own resellers, with filters and paging', async () => {
  const all = await md.post('/v2/partners/indirect-partners/query', { body: {} });
  assert.equal(all.status, 200);
  assert.equal(all.body.count, 2);
  assert.deepEqual(all.body.indirect_partners.map((p: { indirect_partner_id: string }) => p.indirect_partner_id).sort(), [rs1, rs2].sort());
  const one = await md.post('/v2/partners/indirect-partners/query', { body: { account_name: 'rs_demo1', limit: 1 } });
  assert.equal(one.body.count, 1);
  assert.equal(one.body.indirect_partners[0].name, '杭州云帆科技有限公司');
  assert.match(one.body.indirect_partners[0].associated_on, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const page = await md.post('/v2/partners/indirect-partners/query', { body: { offset: 1, limit: 1 } });
  assert.equal(page.body.indirect_partners.length, 1);
  const bad = await md.post('/v2/partners/indirect-partners/query', { body: { limit: 101 } });
  assert.equal(bad.body.error_code, 'CBC.0100');
  // A solution provider holds no reseller items.
  const sp = await t.token('sp_demo');
  const denied = await sp.post('/v2/partners/indirect-partners/query', { body: {} });
  assert.equal(denied.status, 403);
  assert.equal(denied.body.error_code, 'CBC.0151');
});

test('balances: cash with its designated part, credit line, allocatable', async () => {
  const cash = await amountOf(md, 1);
  const credit = await amountOf(md, 2);
  const allocatable = await amountOf(md, 8);
  assert.equal(cash.designated_amount, 20000);
  assert.equal(allocatable.amount, cash.amount - cash.designated_amount);
  assert.equal(credit.credit_amount, 100000);
  assert.equal(cash.currency, 'CNY');
  assert.equal(cash.measure_id, 1);
  const reseller = await amountOf(md, 1, rs1);
  assert.equal(reseller.amount, Number(await balanceOf(t, 'rs_demo1', 'partner_cash')) / 100);
});

test('allocate and reclaim move money between the two cash accounts and leave records on both sides', async () => {
  const mdBefore = await balanceOf(t, 'md_demo', 'partner_cash');
  const rsBefore = await balanceOf(t, 'rs_demo1', 'partner_cash');
  const a = await md.post(ADJUST, { body: { indirect_partner_id: rs1, amount: 100 } });
  assert.equal(a.status, 200, JSON.stringify(a.body));
  assert.match(a.body.transfer_id, /^AD/);
  const r = await md.post(RECLAIM, { body: { indirect_partner_id: rs1, amount: '40.00' } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.match(r.body.trans_id, /^RE/);
  assert.equal(await balanceOf(t, 'md_demo', 'partner_cash'), mdBefore - 6000n);
  assert.equal(await balanceOf(t, 'rs_demo1', 'partner_cash'), rsBefore + 6000n);

  const records = await md.get('/v3/accounts/partner-accounts/adjust-records', { query: { customer_id: rs1, limit: 2 } });
  assert.equal(records.status, 200);
  assert.deepEqual(
    records.body.records.map((x: { operation_type: string; amount: string; trans_id: string }) => [x.operation_type, x.amount, x.trans_id]),
    [
      ['SOURCE_OPERATION_BERETRIEVE', '40.00', r.body.trans_id],
      ['SOURCE_OPERATION_BEADJUST', '100.00', a.body.transfer_id],
    ],
  );
  const onlyAllocations = await md.get('/v3/accounts/partner-accounts/adjust-records', { query: { customer_id: rs1, operation_type: 'SOURCE_OPERATION_BEADJUST' } });
  assert.ok(onlyAllocations.body.records.every((x: { operation_type: string }) => x.operation_type === 'SOURCE_OPERATION_BEADJUST'));
  const byId = await md.get('/v3/accounts/partner-accounts/adjust-records', { query: { trans_id: a.body.transfer_id } });
  assert.equal(byId.body.total_count, 1);

  // Income/expense details of both parties, with the balance after each change.
  const mine = await md.get('/v2/accounts/partner-accounts/account-change-records', { query: { limit: 2 } });
  assert.equal(mine.status, 200);
  assert.deepEqual(mine.body.records.map((x: { trade_detail_type: string; type: string; change_amount: string }) => [x.trade_detail_type, x.type, x.change_amount]), [
    ['SOURCE_OPERATION_BERETRIEVE', '1', '40.00'],
    ['SOURCE_OPERATION_BEADJUST', '2', '100.00'],
  ]);
  assert.equal(mine.body.records[0].balance_after_change, ((Number(mdBefore) - 6000) / 100).toFixed(2));
  assert.equal(mine.body.records[0].customer_id, rs1);
  assert.equal(mine.body.records[0].account_name, 'rs_demo1');
  const theirs = await md.get('/v2/accounts/partner-accounts/account-change-records', { query: { indirect_partner_id: rs1, trade_type: 'BEADJUST', limit: 1 } });
  assert.equal(theirs.body.records[0].type, '1');
  assert.equal(theirs.body.records[0].trade_id, a.body.transfer_id);
  assert.equal(theirs.body.records[0].account_name, 'md_demo');
  const reseller = await t.token('rs_demo1');
  const own = await reseller.get('/v2/accounts/partner-accounts/account-change-records', { query: { limit: 1 } });
  assert.equal(own.body.records[0].trade_id, r.body.trans_id);
  assert.equal(own.body.records[0].balance_after_change, ((Number(rsBefore) + 6000) / 100).toFixed(2));
});

test('insufficient balance on either side is CBC.99005003 and moves nothing', async () => {
  const before = await ledgerFingerprint(t);
  const mdCash = await balanceOf(t, 'md_demo', 'partner_cash');
  const rsCash = await balanceOf(t, 'rs_demo2', 'partner_cash');
  // The designated part of md_demo's balance cannot be allocated.
  const over = await md.post(ADJUST, { body: { indirect_partner_id: rs2, amount: ((Number(mdCash) + 100) / 100).toFixed(2) } });
  assert.equal(over.status, 400);
  assert.equal(over.body.error_code, 'CBC.99005003');
  const reclaim = await md.post(RECLAIM, { body: { indirect_partner_id: rs2, amount: ((Number(rsCash) + 1) / 100).toFixed(2) } });
  assert.equal(reclaim.body.error_code, 'CBC.99005003');
  assert.equal(await ledgerFingerprint(t), before);
});

test('a refused request stores nothing under its X-Client-Token: the same request succeeds once the balance allows it', async () => {
  const headers = { 'X-Client-Token': 'reclaim-after-refusal' };
  const amount = ((Number(await balanceOf(t, 'rs_demo2', 'partner_cash')) + 500) / 100).toFixed(2);
  const refused = await md.post(RECLAIM, { body: { indirect_partner_id: rs2, amount }, headers });
  assert.equal(refused.body.error_code, 'CBC.99005003');
  assert.equal((await md.post(ADJUST, { body: { indirect_partner_id: rs2, amount: '5.00' } })).status, 200);
  const accepted = await md.post(RECLAIM, { body: { indirect_partner_id: rs2, amount }, headers });
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  assert.equal(accepted.headers.get('x-idempotent-replay'), null);
  assert.equal(await balanceOf(t, 'rs_demo2', 'partner_cash'), 0n);
  await assertLedgerInvariant(t);
});

test('amounts must be > 0 with at most 2 decimals (CBC.0100)', async () => {
  const before = await ledgerFingerprint(t);
  for (const amount of [0, '0.00', -1, '1.001', 1.001, 'abc', '1e3', '', null, true, '12345678901234.00']) {
    const r = await md.post(ADJUST, { body: { indirect_partner_id: rs1, amount } });
    assert.equal(r.status, 400, `${amount}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error_code, 'CBC.0100', String(amount));
  }
  const missing = await md.post(ADJUST, { body: { amount: 1 } });
  assert.equal(missing.body.error_code, 'CBC.0100');
  assert.equal(await ledgerFingerprint(t), before);
});

test('only the reseller’s own master distributor may act on it (CBC.99000037)', async () => {
  // Another distributor with its own reseller.
  const db = t.database.db;
  const otherMd = newId();
  const foreign = newId();
  await db.insertInto('organization').values({ id: otherMd, kind: 'partner', partner_type: 'master_distributor', parent_partner_id: null, name: '华北总经销', domain_name: 'md_other', mobile: null, email: null }).execute();
  await db.insertInto('organization').values({ id: foreign, kind: 'partner', partner_type: 'cloud_reseller', parent_partner_id: otherMd, name: '北方经销', domain_name: 'rs_other', mobile: null, email: null }).execute();
  const before = await ledgerFingerprint(t);
  const sp = await orgIdOf(t, 'sp_demo');
  for (const target of [foreign, sp, 'no-such-org']) {
    for (const path of [ADJUST, RECLAIM]) {
      const r = await md.post(path, { body: { indirect_partner_id: target, amount: 1 } });
      assert.equal(r.status, 400);
      assert.equal(r.body.error_code, 'CBC.99000037', `${path} ${target}`);
    }
  }
  const balances = await md.get(BALANCES, { query: { indirect_partner_id: foreign } });
  assert.equal(balances.body.error_code, 'CBC.99000037');
  const records = await md.get('/v2/accounts/partner-accounts/account-change-records', { query: { indirect_partner_id: foreign } });
  assert.equal(records.body.error_code, 'CBC.99000037');
  // A reseller cannot read its sibling either.
  const reseller = await t.token('rs_demo1');
  const sibling = await reseller.get(BALANCES, { query: { indirect_partner_id: rs2 } });
  assert.equal(sibling.body.error_code, 'CBC.99000037');
  assert.equal(await ledgerFingerprint(t), before);
});

test('missing permission items: 403 CBC.0151 (solution provider; member without items)', async () => {
  const sp = await t.token('sp_demo');
  const r = await sp.post(ADJUST, { body: { indirect_partner_id: rs1, amount: 1 } });
  assert.equal(r.status, 403);
  assert.equal(r.body.error_code, 'CBC.0151');
  await t.database.db
    .insertInto('app_user')
    .values({ id: newId(), org_id: await orgIdOf(t, 'md_demo'), name: 'md_member', display_name: 'member', mobile: null, email: null, is_main: false, password_hash: await hashPassword(DEMO_PASSWORD), updated_at: new Date() })
    .execute();
  const member = await t.console('md_member');
  for (const [method, path, body] of [
    ['POST', ADJUST, { indirect_partner_id: rs1, amount: 1 }],
    ['POST', RECLAIM, { indirect_partner_id: rs1, amount: 1 }],
    ['GET', BALANCES, undefined],
    ['GET', '/v3/accounts/partner-accounts/adjust-records', undefined],
    ['GET', '/v2/accounts/partner-accounts/account-change-records', undefined],
    ['POST', '/v2/partners/indirect-partners/query', {}],
  ] as const) {
    const denied = await member.request(method, path, { body });
    assert.equal(denied.status, 403, path);
    assert.equal(denied.body.error_code, 'CBC.0151', path);
  }
  const anonymous = await t.http.post(ADJUST, { body: { indirect_partner_id: rs1, amount: 1 } });
  assert.equal(anonymous.status, 401);
});

test('X-Client-Token: a replay returns the first answer and moves nothing; another request with it is refused', async () => {
  const headers = { 'X-Client-Token': 'alloc-replay-1' };
  const first = await md.post(ADJUST, { body: { indirect_partner_id: rs1, amount: '12.34' }, headers });
  assert.equal(first.status, 200);
  const after = await ledgerFingerprint(t);
  const replay = await md.post(ADJUST, { body: { indirect_partner_id: rs1, amount: 12.34 }, headers });
  assert.equal(replay.status, 200);
  assert.deepEqual(replay.body, first.body);
  assert.equal(replay.headers.get('x-idempotent-replay'), 'true');
  assert.equal(await ledgerFingerprint(t), after);
  const different = await md.post(ADJUST, { body: { indirect_partner_id: rs1, amount: 99 }, headers });
  assert.equal(different.status, 409);
  assert.equal(different.body.error_code, 'HBN.4001');
  // The same token on another operation is a different key.
  const reclaim = await md.post(RECLAIM, { body: { indirect_partner_id: rs1, amount: 1 }, headers });
  assert.equal(reclaim.status, 200);
  const badToken = await md.post(ADJUST, { body: { indirect_partner_id: rs1, amount: 1 }, headers: { 'X-Client-Token': 'bad token!' } });
  assert.equal(badToken.body.error_code, 'CBC.0100');
});

test('time filters are validated (CBC.0100); the income/expense span is at most one year', async () => {
  const bad = await md.get('/v3/accounts/partner-accounts/adjust-records', { query: { operation_time_begin: '2026-13-01' } });
  assert.equal(bad.body.error_code, 'CBC.0100');
  const span = await md.get('/v2/accounts/partner-accounts/account-change-records', { query: { trade_time_begin: '2024-01-01', trade_time_end: '2025-06-01' } });
  assert.equal(span.status, 400);
  assert.equal(span.body.error_code, 'CBC.0100');
  const ok = await md.get('/v2/accounts/partner-accounts/account-change-records', { query: { trade_time_begin: '2024-06-01', trade_time_end: '2025-06-01' } });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.total_count, 0);
});
