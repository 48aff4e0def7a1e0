// Races on a real PostgreSQL (PGlite is one connection, so transactions there never overlap).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, testEngine, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { assertLedgerInvariant, balanceOf } from '../support/ledger.ts';
import { fundCustomer, orderRow, place } from './helpers.ts';

const skip = testEngine !== 'postgres' ? 'needs TEST_DB=postgres: PGlite is a single connection, so transactions cannot race' : false;

let t: TestApp;
let c1: HttpClient;
let sp: HttpClient;
before(async () => {
  if (skip) return;
  t = await createTestApp();
  [c1, sp] = await Promise.all([t.token('cust_demo1'), t.token('sp_demo')]);
  await fundCustomer(t, 'cust_demo1', 100_000_000n);
});
after(() => t?.close());

test('the partner and the customer paying one order at the same moment end with exactly one payment', { skip }, async () => {
  for (let round = 0; round < 10; round++) {
    const o = await place(c1, t, 'ssd.100g.monthly');
    assert.equal((await c1.post(`/api/orders/${o.order_id}/partner-payment`, { body: {} })).status, 200);
    const customerBefore = await balanceOf(t, 'cust_demo1', 'customer_balance');
    const partnerBefore = await balanceOf(t, 'sp_demo', 'partner_cash');
    const [a, b] = await Promise.all([sp.post(`/api/orders/${o.order_id}/partner-payment/pay`), c1.post('/v3/orders/customer-orders/pay', { body: { order_id: o.order_id } })]);
    const wins = [a.status === 200, b.status === 204].filter(Boolean).length;
    assert.equal(wins, 1, JSON.stringify([a.body, b.body]));
    for (const loser of [a, b].filter((r) => r.status >= 400)) assert.ok(['CBC.99003106', 'HBN.5106'].includes(loser.body.error_code), JSON.stringify(loser.body));
    const spent = customerBefore - (await balanceOf(t, 'cust_demo1', 'customer_balance')) + (partnerBefore - (await balanceOf(t, 'sp_demo', 'partner_cash')));
    assert.equal(spent, 10_000n);
    const row = await orderRow(t, o.order_id);
    assert.equal(row.status, 5);
    assert.equal(row.payer, a.status === 200 ? 'partner' : 'customer');
  }
  await assertLedgerInvariant(t);
});

test('partner payments racing against one balance never overdraw it', { skip }, async () => {
  // Leave sp_demo with room for exactly 3 of 8 orders of 100 yuan.
  const cash = await balanceOf(t, 'sp_demo', 'partner_cash');
  const vendor = await t.database.db.selectFrom('organization').select('id').where('kind', '=', 'vendor').executeTakeFirstOrThrow();
  const sp = await t.database.db.selectFrom('organization').select('id').where('domain_name', '=', 'sp_demo').executeTakeFirstOrThrow();
  await t.database.db.transaction().execute((tx) =>
    t.services.ledger.post(tx, {
      kind: 'test_drain',
      orgId: sp.id,
      actor: { userId: null, userName: null, orgId: vendor.id, via: 'system', clientIp: null },
      postings: [{ account: { orgId: sp.id, kind: 'partner_cash' }, amount: -(cash - 30_000n) }, { account: { orgId: vendor.id, kind: 'vendor_bank_clearing' }, amount: cash - 30_000n }],
    }),
  );
  const orders = [];
  for (let i = 0; i < 8; i++) {
    const o = await place(c1, t, 'ssd.100g.monthly');
    assert.equal((await c1.post(`/api/orders/${o.order_id}/partner-payment`, { body: {} })).status, 200);
    orders.push(o.order_id);
  }
  const spClient = await t.token('sp_demo');
  const replies = await Promise.all(orders.map((id) => spClient.post(`/api/orders/${id}/partner-payment/pay`)));
  const ok = replies.filter((r) => r.status === 200).length;
  for (const r of replies.filter((x) => x.status !== 200)) assert.equal(r.body.error_code, 'CBC.99005003', JSON.stringify(r.body));
  assert.equal(ok, 3);
  assert.equal(await balanceOf(t, 'sp_demo', 'partner_cash'), 0n);
  await assertLedgerInvariant(t);
});
