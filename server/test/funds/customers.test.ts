// Partner ⇄ resale customer (为客户调账), including a distributor acting for its reseller's customers.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { assertLedgerInvariant, balanceOf, ledgerFingerprint, orgIdOf } from '../support/ledger.ts';

let t: TestApp;
let sp: HttpClient;
let md: HttpClient;
const id: Record<string, string> = {};
before(async () => {
  t = await createTestApp();
  t.clock.advance(60_000);
  sp = await t.token('sp_demo');
  md = await t.token('md_demo');
  for (const name of ['sp_demo', 'md_demo', 'rs_demo1', 'rs_demo2', 'cust_demo1', 'cust_demo2', 'cust_demo3', 'cust_demo4', 'cust_demo5', 'cust_demo6']) id[name] = await orgIdOf(t, name);
});
afterEach(() => assertLedgerInvariant(t));
after(() => t.close());

const ADJUST = '/v2/accounts/partner-accounts/adjust-amount';
const RECLAIM = '/v2/accounts/partner-accounts/reclaim';
const BALANCES = '/v2/accounts/customer-accounts/balances/batch-query';

test('a resale customer is allocated and reclaimed; the balance query shows it', async () => {
  const before = await balanceOf(t, 'cust_demo2', 'customer_balance');
  const a = await sp.post(ADJUST, { body: { customer_id: id.cust_demo2, amount: '250.50' } });
  assert.equal(a.status, 200, JSON.stringify(a.body));
  assert.match(a.body.transfer_id, /^AD/);
  const r = await sp.post(RECLAIM, { body: { customer_id: id.cust_demo2, amount: 50.5 } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.match(r.body.trans_id, /^RE/);
  assert.equal(await balanceOf(t, 'cust_demo2', 'customer_balance'), before + 20000n);
  const q = await sp.post(BALANCES, { body: { customer_infos: [{ customer_id: id.cust_demo2 }, { customer_id: id.cust_demo1 }, { customer_id: id.cust_demo3 }] } });
  assert.equal(q.status, 200);
  // The consultative customer and the other partner's customer are silently left out.
  assert.deepEqual(q.body.customer_balances, [{ customer_id: id.cust_demo2, amount: Number(before + 20000n) / 100, debt_amount: 0, currency: 'CNY', measure_id: 1 }]);
  const records = await sp.get('/v3/accounts/partner-accounts/adjust-records', { query: { customer_id: id.cust_demo2, limit: 2 } });
  assert.deepEqual(records.body.records.map((x: { trans_id: string }) => x.trans_id), [r.body.trans_id, a.body.transfer_id]);
  assert.equal(records.body.records[0].customer_name, '广州青禾教育科技有限公司');
});

test('consultative customers can never be adjusted (CBC.99000000); others’ customers are not sub-customers (CBC.99000035)', async () => {
  const before = await ledgerFingerprint(t);
  for (const path of [ADJUST, RECLAIM]) {
    const consultative = await sp.post(path, { body: { customer_id: id.cust_demo1, amount: 1 } });
    assert.equal(consultative.status, 400);
    assert.equal(consultative.body.error_code, 'CBC.99000000');
    const mdConsultative = await md.post(path, { body: { customer_id: id.cust_demo4, amount: 1 } });
    assert.equal(mdConsultative.body.error_code, 'CBC.99000000');
    const foreign = await sp.post(path, { body: { customer_id: id.cust_demo3, amount: 1 } });
    assert.equal(foreign.body.error_code, 'CBC.99000035');
    const unknown = await sp.post(path, { body: { customer_id: 'nobody', amount: 1 } });
    assert.equal(unknown.body.error_code, 'CBC.99000035');
  }
  assert.equal(await ledgerFingerprint(t), before);
});

test('allocation is capped at the balance less its designated part; reclaim at the customer balance (CBC.99005003)', async () => {
  const before = await ledgerFingerprint(t);
  const mdCash = await balanceOf(t, 'md_demo', 'partner_cash');
  const over = await md.post(ADJUST, { body: { customer_id: id.cust_demo3, amount: ((Number(mdCash) + 1) / 100).toFixed(2) } });
  assert.equal(over.body.error_code, 'CBC.99005003');
  const customer = await balanceOf(t, 'cust_demo2', 'customer_balance');
  const tooMuch = await sp.post(RECLAIM, { body: { customer_id: id.cust_demo2, amount: ((Number(customer) + 1) / 100).toFixed(2) } });
  assert.equal(tooMuch.body.error_code, 'CBC.99005003');
  assert.equal(await ledgerFingerprint(t), before);
});

test('a master distributor acts for its reseller’s customer with indirect_partner_id; the reseller’s balance is used', async () => {
  const rsBefore = await balanceOf(t, 'rs_demo1', 'partner_cash');
  const mdBefore = await balanceOf(t, 'md_demo', 'partner_cash');
  const a = await md.post(ADJUST, { body: { customer_id: id.cust_demo5, amount: 10, indirect_partner_id: id.rs_demo1 } });
  assert.equal(a.status, 200, JSON.stringify(a.body));
  assert.equal(await balanceOf(t, 'rs_demo1', 'partner_cash'), rsBefore - 1000n);
  assert.equal(await balanceOf(t, 'md_demo', 'partner_cash'), mdBefore);
  const r = await md.post(RECLAIM, { body: { customer_id: id.cust_demo5, amount: 4, indirect_partner_id: id.rs_demo1 } });
  assert.equal(r.status, 200);
  const q = await md.post(BALANCES, { body: { customer_infos: [{ customer_id: id.cust_demo5 }], indirect_partner_id: id.rs_demo1 } });
  assert.equal(q.body.customer_balances.length, 1);
  const records = await md.get('/v3/accounts/partner-accounts/adjust-records', { query: { indirect_partner_id: id.rs_demo1, limit: 2 } });
  assert.deepEqual(records.body.records.map((x: { trans_id: string }) => x.trans_id), [r.body.trans_id, a.body.transfer_id]);
  // Without indirect_partner_id the distributor has no such customer.
  const direct = await md.post(ADJUST, { body: { customer_id: id.cust_demo5, amount: 1 } });
  assert.equal(direct.body.error_code, 'CBC.99000035');
  // The reseller itself may act on its own customer (and may name itself).
  const rs = await t.token('rs_demo1');
  const own = await rs.post(ADJUST, { body: { customer_id: id.cust_demo5, amount: 1, indirect_partner_id: id.rs_demo1 } });
  assert.equal(own.status, 200);
});

test('a distributor cannot act through a reseller that is not its own, nor a reseller through a sibling (CBC.99000037)', async () => {
  const before = await ledgerFingerprint(t);
  const viaSp = await md.post(ADJUST, { body: { customer_id: id.cust_demo2, amount: 1, indirect_partner_id: id.sp_demo } });
  assert.equal(viaSp.body.error_code, 'CBC.99000037');
  const rs2 = await t.token('rs_demo2');
  const sibling = await rs2.post(RECLAIM, { body: { customer_id: id.cust_demo5, amount: 1, indirect_partner_id: id.rs_demo1 } });
  assert.equal(sibling.body.error_code, 'CBC.99000037');
  const query = await rs2.post(BALANCES, { body: { customer_infos: [{ customer_id: id.cust_demo5 }], indirect_partner_id: id.rs_demo1 } });
  assert.equal(query.body.error_code, 'CBC.99000037');
  assert.equal(await ledgerFingerprint(t), before);
});

test('wrong organization gets nothing: records and balances of others never show', async () => {
  const q = await sp.post(BALANCES, { body: { customer_infos: [{ customer_id: id.cust_demo3 }, { customer_id: id.cust_demo5 }] } });
  assert.deepEqual(q.body.customer_balances, []);
  const spRecords = await sp.get('/v3/accounts/partner-accounts/adjust-records', { query: { customer_id: id.cust_demo3 } });
  assert.equal(spRecords.body.total_count, 0);
  const all = await sp.get('/v3/accounts/partner-accounts/adjust-records', { query: { limit: 100 } });
  const others = new Set([id.cust_demo3, id.cust_demo5, id.cust_demo6, id.rs_demo1, id.rs_demo2]);
  assert.ok(all.body.records.every((r: { customer_id: string }) => !others.has(r.customer_id)));
  const bad = await sp.post(BALANCES, { body: { customer_infos: [] } });
  assert.equal(bad.body.error_code, 'CBC.0100');
});

test('batch allocation: one amount per customer, a result per row', async () => {
  const r = await sp.post('/api/funds/customer-allocations', {
    body: { items: [{ customer_id: id.cust_demo2, amount: 5 }, { customer_id: id.cust_demo1, amount: 5 }, { customer_id: id.cust_demo2, amount: '0.001' }] },
    headers: { 'X-Client-Token': 'batch-1' },
  });
  assert.equal(r.status, 200);
  assert.equal(r.body.successes.length, 1);
  assert.deepEqual(r.body.error_details.map((e: { error_code: string }) => e.error_code), ['CBC.99000000', 'CBC.0100']);
  const before = await ledgerFingerprint(t);
  const replay = await sp.post('/api/funds/customer-allocations', {
    body: { items: [{ customer_id: id.cust_demo2, amount: 5 }, { customer_id: id.cust_demo1, amount: 5 }, { customer_id: id.cust_demo2, amount: '0.001' }] },
    headers: { 'X-Client-Token': 'batch-1' },
  });
  assert.deepEqual(replay.body.successes, r.body.successes);
  assert.equal(await ledgerFingerprint(t), before);
});
