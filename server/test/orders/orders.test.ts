// Customer orders: placing, Huawei's list/details/pay/cancel with their error codes, the deadline
// sweep, on-behalf ordering, idempotent payment through the ledger.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { assertLedgerInvariant, balanceOf, ledgerFingerprint, orgIdOf } from '../support/ledger.ts';
import { fundCustomer, orderRow, place, specOf } from './helpers.ts';

let t: TestApp;
let c1: HttpClient;
let c2: HttpClient;
let c3: HttpClient;
let sp: HttpClient;
let md: HttpClient;
const id: Record<string, string> = {};
before(async () => {
  t = await createTestApp();
  t.clock.advance(60_000);
  [c1, c2, c3, sp, md] = await Promise.all(['cust_demo1', 'cust_demo2', 'cust_demo3', 'sp_demo', 'md_demo'].map((n) => t.token(n)));
  for (const n of ['cust_demo1', 'cust_demo2', 'cust_demo3', 'sp_demo', 'md_demo']) id[n] = await orgIdOf(t, n);
  await fundCustomer(t, 'cust_demo1', 1_000_000n);
});
afterEach(() => assertLedgerInvariant(t));
after(() => t.close());

const PAY = '/v3/orders/customer-orders/pay';
const CANCEL = '/v2/orders/customer-orders/cancel';

test('a customer places a monthly order, sees it in the Huawei list and details, and pays it from its balance', async () => {
  const o = await place(c1, t, 's6.large.2.monthly', { period_num: 3, subscription_num: 2 });
  assert.equal(o.status, 6);
  assert.equal(o.amount_after_discount, 900);
  const list = await c1.get('/v2/orders/customer-orders', { query: { order_id: o.order_id.toLowerCase() } });
  assert.equal(list.status, 200, JSON.stringify(list.body));
  assert.equal(list.body.total_count, 1);
  assert.equal(list.body.order_infos[0].order_type, 1);
  assert.equal(list.body.order_infos[0].agent_pay_info.is_agent_pay, false);
  const details = await c1.get(`/v2/orders/customer-orders/details/${o.order_id}`);
  assert.equal(details.status, 200);
  assert.equal(details.body.order_line_items[0].period_type, 2);
  assert.equal(details.body.order_line_items[0].period_num, 3);
  assert.ok(details.body.order_info.pending_payment_end_time);

  const before = await balanceOf(t, 'cust_demo1', 'customer_balance');
  const paid = await c1.post(PAY, { body: { order_id: o.order_id, use_coupon: 'NO', use_discount: 'NO' }, headers: { 'X-Client-Token': 'pay-1' } });
  assert.equal(paid.status, 204, JSON.stringify(paid.body));
  const replay = await c1.post(PAY, { body: { order_id: o.order_id, use_coupon: 'NO', use_discount: 'NO' }, headers: { 'X-Client-Token': 'pay-1' } });
  assert.equal(replay.status, 204);
  assert.equal(replay.headers.get('x-idempotent-replay'), 'true');
  assert.equal(await balanceOf(t, 'cust_demo1', 'customer_balance'), before - 90_000n);
  const again = await c1.post(PAY, { body: { order_id: o.order_id } });
  assert.equal(again.body.error_code, 'CBC.99003106');
  const row = await orderRow(t, o.order_id);
  assert.equal(row.status, 5);
  assert.equal(row.invoice_party_org_id, id.cust_demo1);
  // The partner sees its customer's order; another partner does not.
  const spList = await sp.get('/v2/orders/customer-orders', { query: { customer_id: id.cust_demo1, limit: 100 } });
  assert.ok(spList.body.order_infos.some((x: { order_id: string }) => x.order_id === o.order_id));
  const mdList = await md.get('/v2/orders/customer-orders', { query: { order_id: o.order_id } });
  assert.equal(mdList.body.total_count, 0);
  const foreign = await md.get(`/v2/orders/customer-orders/details/${o.order_id}`);
  assert.equal(foreign.body.error_code, 'CBC.30000010');
});

test('pay refuses unknown or foreign orders (CBC.30000010), discounts (CBC.99003108) and bad coupon flags (CBC.0100)', async () => {
  const o = await place(c1, t, 'ssd.100g.monthly');
  const fp = await ledgerFingerprint(t);
  assert.equal((await c1.post(PAY, { body: { order_id: 'CSNOTHING' } })).body.error_code, 'CBC.30000010');
  assert.equal((await c2.post(PAY, { body: { order_id: o.order_id } })).body.error_code, 'CBC.30000010');
  assert.equal((await c1.post(PAY, { body: { order_id: o.order_id, use_discount: 'YES', discount_infos: [{ id: 'x', type: 3 }] } })).body.error_code, 'CBC.99003108');
  assert.equal((await c1.post(PAY, { body: { order_id: o.order_id, use_coupon: 'YES' } })).body.error_code, 'CBC.0100');
  // A coupon the customer does not hold is not applicable.
  assert.equal((await c1.post(PAY, { body: { order_id: o.order_id, use_coupon: 'YES', coupon_infos: [{ id: 'CP1', type: 301 }] } })).body.error_code, 'CBC.99003108');
  // What it holds: the test voucher the ecosystem manager issued it in the demo.
  const coupons = await c1.get('/v2/orders/customer-orders/order-coupons', { query: { order_id: o.order_id } });
  assert.equal(coupons.status, 200);
  assert.equal(coupons.body.count, 1);
  assert.equal(await ledgerFingerprint(t), fp);
});

test('a resale customer pays only from partner-allocated money; short balance is CBC.99005003 and nothing moves', async () => {
  const balance = await balanceOf(t, 'cust_demo2', 'customer_balance');
  const big = await place(c2, t, 'gaussdb.4c16g.monthly', { period_num: 12, subscription_num: 10 });
  assert.ok(BigInt(Math.round(big.amount_after_discount * 100)) > balance);
  const fp = await ledgerFingerprint(t);
  const r = await c2.post(PAY, { body: { order_id: big.order_id } });
  assert.equal(r.body.error_code, 'CBC.99005003');
  assert.equal(await ledgerFingerprint(t), fp);
  assert.equal((await orderRow(t, big.order_id)).status, 6);
  const small = await place(c2, t, 'ssd.100g.monthly');
  assert.equal((await c2.post(PAY, { body: { order_id: small.order_id } })).status, 204);
  const row = await orderRow(t, small.order_id);
  // Resale: the vendor invoices the partner (who invoices its customer).
  assert.equal(row.invoice_party_org_id, id.sp_demo);
});

test('cancel: only pending orders (CBC.99005010); a partner cannot use the customer operation', async () => {
  const o = await place(c1, t, 'bw.5m.monthly');
  assert.equal((await sp.put(CANCEL, { body: { order_id: o.order_id } })).status, 403);
  assert.equal((await c1.put(CANCEL, { body: { order_id: o.order_id } })).status, 204);
  assert.equal((await c1.put(CANCEL, { body: { order_id: o.order_id } })).body.error_code, 'CBC.99005010');
  assert.equal((await c1.post(PAY, { body: { order_id: o.order_id } })).body.error_code, 'CBC.99003106');
  assert.equal((await c1.put(CANCEL, { body: { order_id: 'CSNONE' } })).body.error_code, 'CBC.30000010');
});

test('a partner orders on behalf only under a valid purchase authorization (HBN.2182)', async () => {
  const spec = await specOf(t, 'ssd.100g.monthly');
  const ok = await sp.post('/api/orders', { body: { customer_id: id.cust_demo2, product_id: spec.product_id, spec_id: spec.spec_id } });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.equal(ok.body.source_type, 2);
  const refused = await sp.post('/api/orders', { body: { customer_id: id.cust_demo1, product_id: spec.product_id, spec_id: spec.spec_id } });
  assert.equal(refused.body.error_code, 'HBN.2182');
  const pay = await specOf(t, 's6.large.2.hourly');
  assert.equal((await c1.post('/api/orders', { body: { product_id: pay.product_id, spec_id: pay.spec_id } })).body.error_code, 'HBN.5101');
});

test('renewal continues the paid order; a renewal of someone else’s order is HBN.5115', async () => {
  const o = await place(c1, t, 'mysql.2c4g.ha.yearly');
  assert.equal((await c1.post(PAY, { body: { order_id: o.order_id } })).status, 204);
  const base = await orderRow(t, o.order_id);
  const renew = await place(c1, t, 'mysql.2c4g.ha.yearly', { order_type: 'renew', base_order_id: o.order_id });
  assert.equal(renew.order_type, 2);
  assert.equal(renew.effective_time, new Date(base.expire_at!).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  const spec = await specOf(t, 'mysql.2c4g.ha.yearly');
  const foreign = await c2.post('/api/orders', { body: { product_id: spec.product_id, spec_id: spec.spec_id, order_type: 'renew', base_order_id: o.order_id } });
  assert.equal(foreign.body.error_code, 'HBN.5115');
});

test('a change order costs the list-price difference for the rest of the base period; downgrades and other units are refused', async () => {
  // Two s6 servers for 3 months, paid now.
  const o = await place(c1, t, 's6.large.2.monthly', { period_num: 3, subscription_num: 2 });
  assert.equal((await c1.post(PAY, { body: { order_id: o.order_id } })).status, 204);
  const base = await orderRow(t, o.order_id);
  const start = new Date(base.effective_at!).getTime();
  const end = new Date(base.expire_at!).getTime();
  // Halfway through the period: (2 × ¥620 − 2 × ¥150) × 3 months × ½ = ¥1,410.00.
  t.clock.set(new Date(start + (end - start) / 2));
  c1 = await t.token('cust_demo1');
  const change = await place(c1, t, 'c7.xlarge.4.monthly', { order_type: 'change', base_order_id: o.order_id, subscription_num: 2 });
  assert.equal(change.order_type, 3);
  assert.equal(change.amount_after_discount, 1410);
  assert.equal(change.official_amount, 1410);
  assert.equal(change.period_num, 3);
  assert.equal(change.expire_time, new Date(end).toISOString().replace(/\.\d{3}Z$/, 'Z'), 'the change ends with the base period');
  const before = await balanceOf(t, 'cust_demo1', 'customer_balance');
  assert.equal((await c1.post(PAY, { body: { order_id: change.order_id } })).status, 204);
  assert.equal(await balanceOf(t, 'cust_demo1', 'customer_balance'), before - 141_000n);
  const paid = await orderRow(t, change.order_id);
  assert.equal(new Date(paid.expire_at!).getTime(), end);
  assert.equal(new Date(paid.effective_at!).getTime(), t.clock.now().getTime(), 'the change runs from its payment');

  // Cheaper (fewer servers), another billing unit, a change of a change, a finished period.
  assert.equal((await c1.post('/api/orders', { body: { ...(await specIds('s6.large.2.monthly')), order_type: 'change', base_order_id: o.order_id, subscription_num: 1 } })).body.error_code, 'HBN.5116');
  assert.equal((await c1.post('/api/orders', { body: { ...(await specIds('s6.large.2.yearly')), order_type: 'change', base_order_id: o.order_id } })).body.error_code, 'HBN.5115');
  assert.equal((await c1.post('/api/orders', { body: { ...(await specIds('c7.xlarge.4.monthly')), order_type: 'change', base_order_id: change.order_id, subscription_num: 3 } })).body.error_code, 'HBN.5115');
  t.clock.set(new Date(end + 1000));
  c1 = await t.token('cust_demo1');
  assert.equal((await c1.post('/api/orders', { body: { ...(await specIds('c7.xlarge.4.monthly')), order_type: 'change', base_order_id: o.order_id, subscription_num: 3 } })).body.error_code, 'HBN.5115');
});

const specIds = async (code: string) => {
  const s = await specOf(t, code);
  return { product_id: s.product_id, spec_id: s.spec_id };
};

test('the deadline sweep closes unpaid orders once; paying after the deadline is CBC.99003110', async () => {
  const o = await place(c1, t, 'c7.xlarge.4.monthly');
  t.clock.advance(7 * 86_400_000 + 1000);
  c1 = await t.token('cust_demo1'); // the old token expired meanwhile
  assert.equal((await c1.post(PAY, { body: { order_id: o.order_id } })).body.error_code, 'CBC.99003110');
  const first = await t.services.orders.tick();
  assert.ok(first.ordersExpired >= 1);
  assert.equal((await orderRow(t, o.order_id)).status, 4);
  assert.equal((await t.services.orders.tick()).ordersExpired, 0);
  assert.equal((await c1.post(PAY, { body: { order_id: o.order_id } })).body.error_code, 'CBC.99003110');
});
