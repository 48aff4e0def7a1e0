// Partner payment (伙伴支付), invoices, unsubscription and 严选 prices: one test per rule, each
// with its error code, and the ledger invariant after each test.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { assertLedgerInvariant, balanceOf, ledgerFingerprint, orgIdOf } from '../support/ledger.ts';
import { fundCustomer, orderRow, place } from './helpers.ts';

let t: TestApp;
let c1: HttpClient;
let c2: HttpClient;
let c4: HttpClient;
let c5: HttpClient;
let sp: HttpClient;
let md: HttpClient;
let rs1: HttpClient;
let vendor: HttpClient;
const id: Record<string, string> = {};
async function signIn() {
  [c1, c2, c4, c5, sp, md, rs1, vendor] = await Promise.all(['cust_demo1', 'cust_demo2', 'cust_demo4', 'cust_demo5', 'sp_demo', 'md_demo', 'rs_demo1', 'vendor_admin'].map((n) => t.token(n)));
}
before(async () => {
  t = await createTestApp();
  t.clock.advance(60_000);
  await signIn();
  for (const n of ['cust_demo1', 'cust_demo2', 'cust_demo4', 'cust_demo5', 'sp_demo', 'md_demo', 'rs_demo1']) id[n] = await orgIdOf(t, n);
  await fundCustomer(t, 'cust_demo1', 1_000_000n);
});
afterEach(() => assertLedgerInvariant(t));
after(() => t.close());

const ask = (c: HttpClient, orderId: string) => c.post(`/api/orders/${orderId}/partner-payment`, { body: {} });
const partnerPay = (p: HttpClient, orderId: string, token?: string) => p.post(`/api/orders/${orderId}/partner-payment/pay`, { headers: token ? { 'X-Client-Token': token } : {} });

test('a consultative customer asks sp_demo to pay; the partner sees it pending and pays from cash; it counts for the customer’s invoice', async () => {
  const o = await place(c1, t, 'mysql.2c4g.ha.yearly');
  const a = await ask(c1, o.order_id);
  assert.equal(a.status, 200, JSON.stringify(a.body));
  assert.equal(a.body.partner_pay_status, 'PENDING');
  const pending = await sp.get('/api/orders/partner-payments', { query: { status: 'PENDING' } });
  const row = pending.body.applications.find((x: { order_id: string }) => x.order_id === o.order_id);
  assert.ok(row && row.rebate_is_estimate === true && row.estimated_rebate > 0);
  const cash = await balanceOf(t, 'sp_demo', 'partner_cash');
  const paid = await partnerPay(sp, o.order_id, 'pp-1');
  assert.equal(paid.status, 200, JSON.stringify(paid.body));
  assert.equal(paid.body.status, 5);
  assert.equal(paid.body.agent_pay_info.is_agent_pay, true);
  assert.equal(await balanceOf(t, 'sp_demo', 'partner_cash'), cash - 571_200n);
  const replay = await partnerPay(sp, o.order_id, 'pp-1');
  assert.equal(replay.headers.get('x-idempotent-replay'), 'true');
  assert.equal(await balanceOf(t, 'sp_demo', 'partner_cash'), cash - 571_200n);
  assert.equal((await partnerPay(sp, o.order_id)).body.error_code, 'CBC.99003106');
  assert.equal((await c1.post('/v3/orders/customer-orders/pay', { body: { order_id: o.order_id } })).body.error_code, 'CBC.99003106');
  // Consultative customer of a solution provider: the partner-paid amount is the customer's to invoice.
  const inv = await c1.get('/api/invoices/invoiceable');
  assert.ok(inv.body.orders.some((x: { order_id: string; payer: string }) => x.order_id === o.order_id && x.payer === 'partner'));
  const spInv = await sp.get('/api/invoices/invoiceable');
  assert.ok(!spInv.body.orders.some((x: { order_id: string }) => x.order_id === o.order_id));
  // The partner's income/expense details list the payment.
  const changes = await sp.get('/v2/accounts/partner-accounts/account-change-records', { query: { trade_type: 'DEDEUCT' } });
  assert.equal(changes.status, 200, JSON.stringify(changes.body));
  assert.ok(changes.body.records.some((r: { trade_detail_type: string }) => r.trade_detail_type === 'SOURCE_OPERAIION_DEDUCT'));
});

test('stored-value cards cannot be partner-paid (HBN.5102)', async () => {
  const o = await place(c1, t, 'card.1000');
  assert.equal((await ask(c1, o.order_id)).body.error_code, 'HBN.5102');
});

test('unpaid partner-payment applications block disassociation (HBN.2151) until cancelled', async () => {
  const o = await place(c4, t, 'ssd.100g.monthly');
  assert.equal((await ask(c4, o.order_id)).status, 200);
  const check = await c4.post('/api/my-partners/account-check', { body: {} });
  assert.ok(check.body.blockers.some((b: { code: string }) => b.code === 'HBN.2151'), JSON.stringify(check.body));
  assert.equal((await ask(c4, o.order_id)).body.error_code, 'HBN.5107');
  assert.equal((await c4.delete(`/api/orders/${o.order_id}/partner-payment`)).status, 200);
  const after = await c4.post('/api/my-partners/account-check', { body: {} });
  assert.ok(!after.body.blockers.some((b: { code: string }) => b.code === 'HBN.2151'));
});

test('re-order required: a changed specification (HBN.5104) or a passed effective time (HBN.5105)', async () => {
  const changed = await place(c1, t, 'bw.5m.monthly');
  assert.equal((await ask(c1, changed.order_id)).status, 200);
  const row = await orderRow(t, changed.order_id);
  await t.database.db.updateTable('product_spec').set({ updated_at: new Date(t.clock.now().getTime() + 1000) }).where('id', '=', row.spec_id).execute();
  const fp = await ledgerFingerprint(t);
  assert.equal((await partnerPay(sp, changed.order_id)).body.error_code, 'HBN.5104');
  assert.equal(await ledgerFingerprint(t), fp);
  assert.equal((await orderRow(t, changed.order_id)).status, 6);

  const soon = new Date(t.clock.now().getTime() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const timed = await place(c1, t, 'c7.xlarge.4.monthly', { effective_time: soon });
  assert.equal((await ask(c1, timed.order_id)).status, 200);
  t.clock.advance(2 * 3_600_000);
  await signIn();
  assert.equal((await partnerPay(sp, timed.order_id)).body.error_code, 'HBN.5105');
});

test('rejection: the partner rejects, the customer pays itself; a partner cannot pay another partner’s customer', async () => {
  const o = await place(c1, t, 'ssd.100g.monthly');
  assert.equal((await ask(c1, o.order_id)).status, 200);
  assert.equal((await partnerPay(md, o.order_id)).body.error_code, 'CBC.30000010');
  const r = await sp.post(`/api/orders/${o.order_id}/partner-payment/reject`, { body: { reason: '请自行支付' } });
  assert.equal(r.body.partner_pay_status, 'REJECTED');
  assert.equal((await partnerPay(sp, o.order_id)).body.error_code, 'HBN.5106');
  assert.equal((await c1.post('/v3/orders/customer-orders/pay', { body: { order_id: o.order_id } })).status, 204);
});

test('SP and master distributor need the allocatable balance too; a reseller pays from its account balance (CBC.99005003)', async () => {
  // md_demo: a big order beyond its cash but within cash + credit is refused.
  const mdCash = await balanceOf(t, 'md_demo', 'partner_cash');
  const n = Number(mdCash / 238_000n) + 1; // gaussdb monthly: 2380 yuan a month
  const big = await place(c4, t, 'gaussdb.4c16g.monthly', { period_num: 1, subscription_num: n });
  assert.equal((await ask(c4, big.order_id)).status, 200);
  const fp = await ledgerFingerprint(t);
  const refused = await partnerPay(md, big.order_id);
  assert.equal(refused.body.error_code, 'CBC.99005003', JSON.stringify(refused.body));
  assert.equal(await ledgerFingerprint(t), fp);
  assert.equal((await c4.delete(`/api/orders/${big.order_id}/partner-payment`)).status, 200);

  // rs_demo1 pays its resale customer's order beyond its cash from its credit? It has cash only: a small one works.
  const o = await place(c5, t, 'ssd.100g.monthly');
  assert.equal((await ask(c5, o.order_id)).status, 200);
  const before = await balanceOf(t, 'rs_demo1', 'partner_cash');
  assert.equal((await partnerPay(rs1, o.order_id)).status, 200);
  assert.equal(await balanceOf(t, 'rs_demo1', 'partner_cash'), before - 10_000n);
  // Resale customer's order paid by its reseller: the reseller is invoiced.
  assert.equal((await orderRow(t, o.order_id)).invoice_party_org_id, id.rs_demo1);
});

test('a refund of a partner-paid order returns to the partner account it came from; the voucher-free customer balance is untouched', async () => {
  const o = await place(c1, t, 's6.large.2.yearly');
  assert.equal((await ask(c1, o.order_id)).status, 200);
  assert.equal((await partnerPay(sp, o.order_id)).status, 200);
  const cash = await balanceOf(t, 'sp_demo', 'partner_cash');
  const customer = await balanceOf(t, 'cust_demo1', 'customer_balance');
  const u = await c1.post(`/api/orders/${o.order_id}/unsubscribe`);
  assert.equal(u.status, 200, JSON.stringify(u.body));
  assert.equal(u.body.refund_amount, 1530); // within the 5-day no-reason period: everything
  assert.deepEqual(u.body.refunded_to, [{ account_owner_id: id.sp_demo, account_kind: 'partner_cash', amount: 1530 }]);
  assert.equal(await balanceOf(t, 'sp_demo', 'partner_cash'), cash + 153_000n);
  assert.equal(await balanceOf(t, 'cust_demo1', 'customer_balance'), customer);
  assert.equal((await c1.post(`/api/orders/${o.order_id}/unsubscribe`)).body.error_code, 'HBN.5109');
});

test('after the 5-day period the refund is the unused share of the period', async () => {
  const o = await place(c1, t, 'mysql.2c4g.ha.monthly', { period_num: 10 });
  assert.equal((await c1.post('/v3/orders/customer-orders/pay', { body: { order_id: o.order_id } })).status, 204);
  const row = await orderRow(t, o.order_id);
  const total = new Date(row.expire_at!).getTime() - new Date(row.effective_at!).getTime();
  t.clock.advance(Math.floor(total / 2));
  await signIn(); // tokens expired meanwhile
  const u = await c1.post(`/api/orders/${o.order_id}/unsubscribe`);
  assert.equal(u.status, 200, JSON.stringify(u.body));
  assert.ok(Math.abs(u.body.refund_amount - 2800) < 1, String(u.body.refund_amount));
  assert.equal(u.body.refunded_to[0].account_kind, 'customer_balance');
});

test('invoices: the vendor invoices the invoiceable amount; an invoiced order cannot be unsubscribed (HBN.5108)', async () => {
  const o = await place(c2, t, 'ssd.100g.monthly');
  assert.equal((await c2.post('/v3/orders/customer-orders/pay', { body: { order_id: o.order_id } })).status, 204);
  const q = await vendor.get('/api/invoices/invoiceable', { query: { org_id: id.sp_demo } });
  assert.equal(q.status, 200, JSON.stringify(q.body));
  assert.ok(q.body.invoiceable_amount >= 100);
  const issued = await vendor.post('/api/invoices', { body: { org_id: id.sp_demo } });
  assert.equal(issued.status, 201, JSON.stringify(issued.body));
  assert.ok(issued.body.order_ids.includes(o.order_id));
  assert.equal(issued.body.amount, q.body.invoiceable_amount);
  assert.equal((await vendor.post('/api/invoices', { body: { org_id: id.sp_demo } })).body.error_code, 'HBN.5113');
  assert.equal((await c2.post(`/api/orders/${o.order_id}/unsubscribe`)).body.error_code, 'HBN.5108');
  assert.equal((await sp.get('/api/invoices')).body.invoices[0].invoice_id, issued.body.invoice_id);
});

test('严选 price: only a named partner in the programme (HBN.5110), within floor and catalogue price (HBN.5111); no coupons combine', async () => {
  const o = await place(c1, t, 'mail.std.50users.yearly', { yanxuan_partner_id: id.sp_demo });
  const price = (p: HttpClient, amount: string) => p.put(`/api/orders/${o.order_id}/yanxuan-price`, { body: { amount } });
  // The demo admits sp_demo to the programme; out of it, the partner may not set prices.
  assert.equal((await vendor.delete(`/api/vendor/yanxuan-resellers/${id.sp_demo}`)).status, 200);
  assert.equal((await price(sp, '1000')).body.error_code, 'HBN.5110');
  assert.equal((await vendor.put(`/api/vendor/yanxuan-resellers/${id.sp_demo}`)).status, 200);
  assert.equal((await price(sp, '959.99')).body.error_code, 'HBN.5111');
  assert.equal((await price(sp, '1200.01')).body.error_code, 'HBN.5111');
  assert.equal((await price(md, '1000')).body.error_code, 'CBC.30000010');
  const ok = await price(sp, '1000');
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.amount_after_discount, 1000);
  const seen = await c1.get(`/api/orders/${o.order_id}`);
  assert.deepEqual(seen.body.price_adjustments.map((a: { to_amount: number }) => a.to_amount), [1000]);
  assert.equal(seen.body.amount_info.discounts[0].discount_type, '609');
  assert.equal((await c1.post('/v3/orders/customer-orders/pay', { body: { order_id: o.order_id, use_coupon: 'YES', coupon_infos: [{ id: 'C1', type: 301 }] } })).body.error_code, 'CBC.99003108');
  const before = await balanceOf(t, 'cust_demo1', 'customer_balance');
  assert.equal((await c1.post('/v3/orders/customer-orders/pay', { body: { order_id: o.order_id } })).status, 204);
  assert.equal(await balanceOf(t, 'cust_demo1', 'customer_balance'), before - 100_000n);
});
