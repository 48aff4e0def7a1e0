// The console's order views: the Customer Orders list (names, filters, a master distributor's
// resellers' customers), the account-manager scope, the .xlsx export, the Order Payment tabs,
// the vendor's invoiceable parties, the 严选 price bounds and the customer's own balance.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { assertLedgerInvariant, balanceOf, orgIdOf } from '../support/ledger.ts';
import { createMember, createRole } from '../support/organization.ts';
import { fundCustomer, place } from './helpers.ts';

let t: TestApp;
let c1: HttpClient;
let c3: HttpClient;
let c4: HttpClient;
let sp: HttpClient;
let md: HttpClient;
let mdConsole: HttpClient;
let vendor: HttpClient;
const id: Record<string, string> = {};
const ACCOUNTS = ['cust_demo1', 'cust_demo3', 'cust_demo4', 'cust_demo5', 'sp_demo', 'md_demo', 'rs_demo1', 'rs_demo2'];

before(async () => {
  // A deployment that estimates rebates at 2.5 % (HUOBAN_ESTIMATED_REBATE_PERCENT).
  t = await createTestApp({ orders: { estimatedRebateBasisPoints: 250 } });
  t.clock.advance(60_000);
  [c1, c3, c4, sp, md, vendor] = await Promise.all(['cust_demo1', 'cust_demo3', 'cust_demo4', 'sp_demo', 'md_demo', 'vendor_admin'].map((n) => t.token(n)));
  mdConsole = await t.console('md_demo');
  for (const n of ACCOUNTS) id[n] = await orgIdOf(t, n);
  await fundCustomer(t, 'cust_demo1', 1_000_000n);
});
afterEach(() => assertLedgerInvariant(t));
after(() => t.close());

type ConsoleOrder = { order_id: string; customer_id: string; customer_name: string; customer_account_name: string; partner_id: string | null; partner_name: string; status: number; partner_pay_status: string | null };
const orders = async (c: HttpClient, query: Record<string, string | number | undefined> = {}) => {
  const r = await c.get('/api/orders', { query: { limit: 100, ...query } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body as { total_count: number; orders: ConsoleOrder[] };
};

test('Customer Orders: a partner sees its customers’ orders with their names, and filters by customer text, status and partner payment', async () => {
  const mine = await place(c1, t, 'bw.5m.monthly');
  const all = await orders(sp);
  assert.equal(all.total_count, all.orders.length);
  assert.ok(all.orders.every((o) => o.partner_id === id.sp_demo), 'only its own customers');
  const row = all.orders.find((o) => o.order_id === mine.order_id);
  assert.ok(row, 'the new order is listed');
  assert.equal(row.customer_name, '上海明日零售有限公司');
  assert.equal(row.customer_account_name, 'cust_demo1');

  const byName = await orders(sp, { customer: '明日' });
  assert.ok(byName.total_count > 0 && byName.orders.every((o) => o.customer_id === id.cust_demo1));
  const byAccount = await orders(sp, { customer: 'CUST_DEMO2' });
  assert.ok(byAccount.total_count > 0 && byAccount.orders.every((o) => o.customer_id !== id.cust_demo1));
  // A wildcard typed by the user is text, not a pattern.
  assert.equal((await orders(sp, { customer: '%' })).total_count, 0);

  const pending = await orders(sp, { status: 6 });
  assert.ok(pending.orders.length > 0 && pending.orders.every((o) => o.status === 6));
  const asked = await orders(sp, { partner_pay_status: 'PENDING' });
  assert.ok(asked.orders.length > 0 && asked.orders.every((o) => o.partner_pay_status === 'PENDING'));
  assert.equal((await orders(sp, { association_type: '2' })).orders.some((o) => o.customer_id === id.cust_demo1), false, 'cust_demo1 is consultative');

  // The customer sees its own orders only; another partner sees none of them.
  const own = await orders(c1);
  assert.ok(own.orders.length > 0 && own.orders.every((o) => o.customer_id === id.cust_demo1));
  assert.equal((await orders(md, { customer_id: id.cust_demo1 })).total_count, 0);
  // Time windows follow the Huawei list: at most one year.
  const tooLong = await sp.get('/api/orders', { query: { create_time_begin: '2024-01-01T00:00:00Z', create_time_end: '2025-06-01T00:00:00Z' } });
  assert.equal(tooLong.body.error_code, 'CBC.0100');
});

test('a master distributor’s two tabs: its own customers’ orders, and its resellers’ customers’ orders with the reseller named', async () => {
  const own = await orders(md);
  assert.ok(own.orders.length > 0 && own.orders.every((o) => o.partner_id === id.md_demo));
  const resellers = await orders(md, { scope: 'resellers' });
  assert.ok(resellers.orders.some((o) => o.customer_id === id.cust_demo5), 'rs_demo1’s customer');
  assert.ok(resellers.orders.every((o) => o.partner_id === id.rs_demo1 || o.partner_id === id.rs_demo2));
  assert.equal(resellers.orders.find((o) => o.customer_id === id.cust_demo5)!.partner_name, '杭州云帆科技有限公司');
  const one = await orders(md, { scope: 'resellers', indirect_partner_id: id.rs_demo2 });
  assert.ok(one.orders.every((o) => o.partner_id === id.rs_demo2));
  // Not a master distributor, or not its reseller.
  assert.equal((await sp.get('/api/orders', { query: { scope: 'resellers' } })).body.error_code, 'CBC.99000037');
  assert.equal((await md.get('/api/orders', { query: { scope: 'resellers', indirect_partner_id: id.sp_demo } })).body.error_code, 'CBC.99000037');
});

test('an account manager sees only the orders of customers assigned to them, in every view', async () => {
  const manager = await t.database.db.selectFrom('app_user').select('id').where('name', '=', 'md_am').executeTakeFirstOrThrow();
  const am = await t.console('md_am');
  const c4Order = await place(c4, t, 'ssd.100g.monthly');
  assert.equal((await c4.post(`/api/orders/${c4Order.order_id}/partner-payment`, { body: {} })).status, 200);
  const c3Order = await place(c3, t, 'ssd.100g.monthly');
  assert.equal((await c3.post(`/api/orders/${c3Order.order_id}/partner-payment`, { body: {} })).status, 200);

  // The demo makes md_am cust_demo3's manager; withdrawn, nobody is assigned: nothing.
  assert.equal((await md.delete(`/api/customers/${id.cust_demo3}/account-manager`)).status, 204);
  assert.equal((await orders(am)).total_count, 0);
  assert.equal((await am.get('/v2/orders/customer-orders')).body.total_count, 0);

  assert.equal((await md.put(`/api/customers/${id.cust_demo3}/account-manager`, { body: { manager_user_id: manager.id } })).status, 200);
  const seen = await orders(am);
  assert.ok(seen.total_count > 0);
  assert.ok(seen.orders.every((o) => o.customer_id === id.cust_demo3));
  const huawei = await am.get('/v2/orders/customer-orders', { query: { limit: 100 } });
  assert.equal(huawei.body.total_count, seen.total_count);
  assert.equal((await am.get(`/api/orders/${c3Order.order_id}`)).status, 200);
  assert.equal((await am.get(`/api/orders/${c4Order.order_id}`)).body.error_code, 'CBC.30000010');
  assert.equal((await am.get(`/v2/orders/customer-orders/details/${c4Order.order_id}`)).body.error_code, 'CBC.30000010');
  const applications = await am.get('/api/orders/partner-payments', { query: { status: 'PENDING' } });
  assert.deepEqual(applications.body.applications.map((a: { order_id: string }) => a.order_id), [c3Order.order_id]);
  // Paying an application of a customer not assigned to them reads as "invalid order".
  assert.equal((await am.post(`/api/orders/${c4Order.order_id}/partner-payment/pay`)).body.error_code, 'CBC.30000010');
  // The main account sees both.
  const all = await md.get('/api/orders/partner-payments', { query: { status: 'PENDING', limit: 100 } });
  const ids = all.body.applications.map((a: { order_id: string }) => a.order_id);
  assert.ok(ids.includes(c3Order.order_id) && ids.includes(c4Order.order_id));

  assert.equal((await md.delete(`/api/customers/${id.cust_demo3}/account-manager`)).status, 204);
  assert.equal((await orders(am)).total_count, 0);
});

test('export: the filtered list as .xlsx, the list’s checks first, and the permission', async () => {
  const list = await orders(sp, { customer: 'cust_demo1' });
  assert.ok(list.total_count >= 3);
  const response = await fetch(`${t.url}/api/orders/export?customer=cust_demo1`, { headers: (sp as unknown as { auth: Record<string, string> }).auth });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type')!, /spreadsheetml/);
  assert.match(response.headers.get('content-disposition')!, /attachment; filename="customer-orders-.*\.xlsx"/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
  const sheet = workbook.getWorksheet('Customer orders')!;
  assert.equal(sheet.rowCount, 1 + list.total_count, 'header and one row per order');
  assert.equal(sheet.getRow(1).getCell(1).value, 'Order ID / 订单号');
  const exported = new Set<string>();
  sheet.eachRow((row, n) => n > 1 && exported.add(String(row.getCell(1).value)));
  assert.deepEqual([...exported].sort(), list.orders.map((o) => o.order_id).sort());
  const first = list.orders[0] as ConsoleOrder & { amount_after_discount: number };
  const row = sheet.getRow(2);
  assert.equal(row.getCell(1).value, first.order_id);
  assert.equal(row.getCell(2).value, first.customer_name);
  assert.equal(row.getCell(11).value, first.amount_after_discount.toFixed(2), 'amounts are decimal text');

  const tooLong = await sp.get('/api/orders/export', { query: { create_time_begin: '2024-01-01T00:00:00Z', create_time_end: '2025-06-01T00:00:00Z' } });
  assert.equal(tooLong.status, 400);
  assert.equal(tooLong.body.error_code, 'CBC.0100');
  const roleId = await createRole(mdConsole, 'funds only', ['BPC_ITEM_FINANCE_030100']);
  const member = await createMember(t, mdConsole, 'md_noorders', [roleId]);
  assert.equal((await member.client.get('/api/orders/export')).status, 403);
});

test('Order Payment tabs: PROCESSED holds paid, rejected and withdrawn applications with the customers’ names; the pending tab the rest', async () => {
  const o = await place(c1, t, 'ssd.100g.monthly');
  assert.equal((await c1.post(`/api/orders/${o.order_id}/partner-payment`, { body: {} })).status, 200);
  assert.equal((await c1.delete(`/api/orders/${o.order_id}/partner-payment`)).status, 200);
  const processed = await sp.get('/api/orders/partner-payments', { query: { status: 'PROCESSED', limit: 100 } });
  assert.equal(processed.status, 200, JSON.stringify(processed.body));
  const states = new Set(processed.body.applications.map((a: { partner_pay_status: string }) => a.partner_pay_status));
  assert.ok(states.has('PAID') && states.has('REJECTED') && states.has('CANCELLED'), JSON.stringify([...states]));
  assert.ok(!states.has('PENDING'));
  assert.equal(processed.body.total_count, processed.body.applications.length);
  const withdrawn = processed.body.applications.find((a: { order_id: string }) => a.order_id === o.order_id);
  assert.equal(withdrawn.customer_name, '上海明日零售有限公司');
  assert.equal(withdrawn.customer_account_name, 'cust_demo1');
  const pending = await sp.get('/api/orders/partner-payments', { query: { status: 'PENDING', limit: 100 } });
  assert.ok(pending.body.applications.length > 0 && pending.body.applications.every((a: { partner_pay_status: string }) => a.partner_pay_status === 'PENDING'));
  // The estimate uses the deployment's rate for cloud services, and is labelled as an estimate.
  for (const a of pending.body.applications as { amount_after_discount: number; product_kind: string; estimated_rebate: number; rebate_is_estimate: boolean }[]) {
    const fen = BigInt(Math.round(a.amount_after_discount * 100));
    const expected = a.product_kind === 'cloud_service' ? (fen * 250n) / 10_000n : 0n;
    assert.equal(BigInt(Math.round(a.estimated_rebate * 100)), expected, JSON.stringify(a));
    assert.equal(a.rebate_is_estimate, true);
  }
  assert.ok(pending.body.applications.some((a: { estimated_rebate: number }) => a.estimated_rebate > 0));
});

test('the vendor’s invoiceable parties agree with each party’s invoiceable amount, and a party leaves the list once invoiced', async () => {
  const paid = await place(c1, t, 'bw.5m.monthly');
  assert.equal((await c1.post('/v3/orders/customer-orders/pay', { body: { order_id: paid.order_id } })).status, 204);
  const r = await vendor.get('/api/invoices/parties', { query: { limit: 100 } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.total_count, r.body.parties.length);
  assert.ok(r.body.parties.length >= 2);
  for (const p of r.body.parties) {
    const one = await vendor.get('/api/invoices/invoiceable', { query: { org_id: p.org_id } });
    assert.equal(one.body.invoiceable_amount, p.invoiceable_amount, p.account_name);
    assert.equal(one.body.orders.length, p.order_count, p.account_name);
  }
  const amounts = r.body.parties.map((p: { invoiceable_amount: number }) => p.invoiceable_amount);
  assert.deepEqual(amounts, [...amounts].sort((a, b) => b - a), 'largest first');
  const c1Party = r.body.parties.find((p: { org_id: string }) => p.org_id === id.cust_demo1);
  assert.equal(c1Party.kind, 'customer');
  assert.equal(c1Party.name, '上海明日零售有限公司');

  assert.equal((await vendor.post('/api/invoices', { body: { org_id: id.cust_demo1 } })).status, 201);
  const afterIssue = await vendor.get('/api/invoices/parties', { query: { limit: 100 } });
  assert.ok(!afterIssue.body.parties.some((p: { org_id: string }) => p.org_id === id.cust_demo1));
  assert.equal(afterIssue.body.total_count, r.body.total_count - 1);
  assert.equal((await sp.get('/api/invoices/parties')).status, 403);
  // The invoiced order can no longer be unsubscribed.
  assert.equal((await c1.post(`/api/orders/${paid.order_id}/unsubscribe`)).body.error_code, 'HBN.5108');
});

test('严选 price bounds: the floor and catalogue price the server enforces, for the partner the customer named', async () => {
  const o = await place(c1, t, 'site.pro.yearly', { yanxuan_partner_id: id.sp_demo, period_num: 2 });
  const bounds = await sp.get(`/api/orders/${o.order_id}/yanxuan-price`);
  assert.equal(bounds.status, 200, JSON.stringify(bounds.body));
  assert.deepEqual(bounds.body, { order_id: o.order_id, floor_amount: 4800, catalogue_amount: 6000, current_amount: 6000, currency: 'CNY' });
  const price = (amount: string) => sp.put(`/api/orders/${o.order_id}/yanxuan-price`, { body: { amount } });
  assert.equal((await price('4799.99')).body.error_code, 'HBN.5111');
  assert.equal((await price('4800')).status, 200);
  assert.equal((await sp.get(`/api/orders/${o.order_id}/yanxuan-price`)).body.current_amount, 4800);
  assert.equal((await md.get(`/api/orders/${o.order_id}/yanxuan-price`)).body.error_code, 'CBC.30000010');
  // Not a 严选 order.
  const plain = await place(c1, t, 'ssd.100g.monthly');
  assert.equal((await sp.get(`/api/orders/${plain.order_id}/yanxuan-price`)).body.error_code, 'HBN.5112');
});

test('my balance: the customer’s own balance, which paying an order draws on', async () => {
  const before = await c1.get('/api/orders/my-balance');
  assert.equal(before.status, 200, JSON.stringify(before.body));
  assert.equal(BigInt(Math.round(before.body.balance * 100)), await balanceOf(t, 'cust_demo1', 'customer_balance'));
  const o = await place(c1, t, 'ssd.100g.monthly', { period_num: 2 });
  assert.equal((await c1.post('/v3/orders/customer-orders/pay', { body: { order_id: o.order_id } })).status, 204);
  const after = await c1.get('/api/orders/my-balance');
  assert.equal(Math.round((before.body.balance - after.body.balance) * 100), 20_000);
  assert.equal((await sp.get('/api/orders/my-balance')).status, 403);
});
