// Renewal and change quotes (GET /api/orders/{order_id}/quote): the amount placing would charge,
// refusals with their codes, who may ask; and the catalogue names of products in both languages
// on the console's order views, while Huawei's views keep their fields.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { assertLedgerInvariant, ledgerFingerprint, orgIdOf } from '../support/ledger.ts';
import { fundCustomer, orderRow, place, specOf } from './helpers.ts';

let t: TestApp;
let c1: HttpClient;
let c2: HttpClient;
let sp: HttpClient;
let md: HttpClient;
let vendor: HttpClient;
const id: Record<string, string> = {};
before(async () => {
  t = await createTestApp();
  t.clock.advance(60_000);
  [c1, c2, sp, md, vendor] = await Promise.all(['cust_demo1', 'cust_demo2', 'sp_demo', 'md_demo', 'vendor_admin'].map((n) => t.token(n)));
  for (const n of ['cust_demo1', 'cust_demo2']) id[n] = await orgIdOf(t, n);
  await fundCustomer(t, 'cust_demo1', 5_000_000n);
});
afterEach(() => assertLedgerInvariant(t));
after(() => t.close());

const PAY = '/v3/orders/customer-orders/pay';
const quote = (c: HttpClient, orderId: string, query: Record<string, string | number | undefined>) => c.get(`/api/orders/${orderId}/quote`, { query });
const apiTime = (d: Date | string) => new Date(d).toISOString().replace(/\.\d{3}Z$/, 'Z');

async function paid(client: HttpClient, code: string, extra: Record<string, unknown> = {}) {
  const o = await place(client, t, code, extra);
  const r = await client.post(PAY, { body: { order_id: o.order_id } });
  assert.equal(r.status, 204, JSON.stringify(r.body));
  return orderRow(t, o.order_id);
}

test('a renewal quote states the amount and period that placing the renewal then charges, and moves nothing', async () => {
  const base = await paid(c1, 'mysql.2c4g.ha.yearly', { subscription_num: 2 });
  const spec = await specOf(t, 'mysql.2c4g.ha.yearly');
  const fp = await ledgerFingerprint(t);
  const q = await quote(c1, base.id, { type: 'renew', period_num: 2, subscription_num: 2 });
  assert.equal(q.status, 200, JSON.stringify(q.body));
  // 2 instances × ¥5,712 × 2 years.
  assert.equal(q.body.amount, Number(spec.list * 2n * 2n) / 100);
  assert.equal(q.body.order_type, 2);
  assert.equal(q.body.spec_id, spec.spec_id);
  assert.equal(q.body.period_type, 3);
  assert.equal(q.body.period_num, 2);
  assert.equal(q.body.effective_time, apiTime(base.expire_at!), 'the renewal continues the paid period');
  assert.equal(q.body.product_name_en, 'RDS for MySQL');
  assert.equal(q.body.spec_name_zh, '主备 2vCPU 4GB 包年');
  assert.equal(await ledgerFingerprint(t), fp);
  assert.equal((await c1.get('/api/orders', { query: { order_type: 2, limit: 100 } })).body.orders.filter((o: { base_order_id: string }) => o.base_order_id === base.id).length, 0, 'a quote places nothing');

  const renewal = await place(c1, t, 'mysql.2c4g.ha.yearly', { order_type: 'renew', base_order_id: base.id, period_num: 2, subscription_num: 2 });
  assert.equal(renewal.status, 6);
  assert.equal(renewal.amount_after_discount, q.body.amount);
  assert.equal(renewal.effective_time, q.body.effective_time);
  assert.equal(renewal.expire_time, q.body.expire_time);
});

test('a change quote is the price difference for the rest of the base period; downgrades are HBN.5116, other units and pending bases HBN.5115', async () => {
  const base = await paid(c1, 's6.large.2.monthly', { period_num: 3, subscription_num: 2 });
  const start = new Date(base.effective_at!).getTime();
  const end = new Date(base.expire_at!).getTime();
  t.clock.set(new Date(start + (end - start) / 4));
  c1 = await t.token('cust_demo1');
  const c7 = await specOf(t, 'c7.xlarge.4.monthly');
  const q = await quote(c1, base.id, { type: 'change', spec_id: c7.spec_id, subscription_num: 2 });
  assert.equal(q.status, 200, JSON.stringify(q.body));
  // (2 × ¥620 − 2 × ¥150) × 3 months × ¾ of the period left = ¥2,115.00.
  assert.equal(q.body.amount, 2115);
  assert.equal(q.body.order_type, 3);
  assert.equal(q.body.period_num, 3);
  assert.equal(q.body.effective_time, null, 'a change runs from its payment');
  assert.equal(q.body.expire_time, apiTime(new Date(end)));
  assert.equal(q.body.spec_name_en, 'c7.xlarge.4 (4 vCPUs, 16 GiB), monthly');

  const fewer = await quote(c1, base.id, { type: 'change', spec_id: base.spec_id, subscription_num: 1 });
  assert.equal(fewer.status, 400);
  assert.equal(fewer.body.error_code, 'HBN.5116');
  assert.match(fewer.body.error_msg, /downgrade|降配/i);
  const yearly = await specOf(t, 's6.large.2.yearly');
  assert.equal((await quote(c1, base.id, { type: 'change', spec_id: yearly.spec_id, subscription_num: 2 })).body.error_code, 'HBN.5115');
  const change = await place(c1, t, 'c7.xlarge.4.monthly', { order_type: 'change', base_order_id: base.id, subscription_num: 2 });
  assert.equal(change.amount_after_discount, q.body.amount);
  assert.equal(change.status, 6);
  const pending = await place(c1, t, 's6.large.2.monthly');
  assert.equal((await quote(c1, pending.order_id, { type: 'renew' })).body.error_code, 'HBN.5115');
  // A renewal keeps the specification.
  assert.equal((await quote(c1, base.id, { type: 'renew', spec_id: c7.spec_id })).body.error_code, 'HBN.5115');
});

test('an order continued by a live renewal is not renewed again (HBN.5117); the latest is, and a cancelled renewal frees the base', async () => {
  const base = await paid(c1, 'ssd.100g.monthly');
  const renewal = await place(c1, t, 'ssd.100g.monthly', { order_type: 'renew', base_order_id: base.id });
  // A pending renewal already continues the base: a second one would overlap its period.
  const again = await quote(c1, base.id, { type: 'renew' });
  assert.equal(again.body.error_code, 'HBN.5117');
  assert.match(again.body.error_msg, new RegExp(renewal.order_id));
  const spec = await specOf(t, 'ssd.100g.monthly');
  const placed = await c1.post('/api/orders', { body: { product_id: spec.product_id, spec_id: spec.spec_id, order_type: 'renew', base_order_id: base.id } });
  assert.equal(placed.body.error_code, 'HBN.5117');
  // Cancelled, the renewal no longer continues the base.
  assert.equal((await c1.put('/v2/orders/customer-orders/cancel', { body: { order_id: renewal.order_id } })).status, 204);
  assert.equal((await quote(c1, base.id, { type: 'renew' })).status, 200);
  // Paid, the renewal is the order to renew next, and its renewal starts where it ends.
  const second = await place(c1, t, 'ssd.100g.monthly', { order_type: 'renew', base_order_id: base.id });
  assert.equal((await c1.post(PAY, { body: { order_id: second.order_id } })).status, 204);
  assert.equal((await quote(c1, base.id, { type: 'renew' })).body.error_code, 'HBN.5117');
  const next = await quote(c1, second.order_id, { type: 'renew' });
  assert.equal(next.status, 200, JSON.stringify(next.body));
  assert.equal(next.body.effective_time, apiTime((await orderRow(t, second.order_id)).expire_at!));
});

test('a quote is for the ordering customer, or a partner holding its purchase authorization', async () => {
  // The clock moved on in the previous test: fresh tokens.
  [c1, c2, sp, md, vendor] = await Promise.all(['cust_demo1', 'cust_demo2', 'sp_demo', 'md_demo', 'vendor_admin'].map((n) => t.token(n)));
  const mine = await paid(c1, 'ssd.100g.monthly');
  assert.equal((await quote(c2, mine.id, { type: 'renew' })).body.error_code, 'CBC.30000010');
  assert.equal((await quote(md, mine.id, { type: 'renew' })).body.error_code, 'CBC.30000010');
  assert.equal((await quote(c1, 'CSNOTHING', { type: 'renew' })).body.error_code, 'CBC.30000010');
  // sp_demo is cust_demo1's partner but holds no purchase authorization from it.
  assert.equal((await quote(sp, mine.id, { type: 'renew' })).body.error_code, 'HBN.2182');
  assert.equal((await quote(vendor, mine.id, { type: 'renew' })).status, 403);
  assert.equal((await quote(c1, mine.id, { type: 'upgrade' })).status, 400);

  // cust_demo2 authorized sp_demo to purchase: sp_demo may quote its renewal.
  type Listed = { order_id: string; status: number; order_type: number; base_order_id: string | null; subscription_num: number };
  const all = (await c2.get('/api/orders', { query: { limit: 100 } })).body.orders as Listed[];
  const resale = all.find((o) => o.status === 5 && o.order_type === 1);
  assert.ok(resale, 'the demo has a paid order of cust_demo2');
  // The demo's pending renewal continues it; cancelled, the order may be renewed again.
  for (const o of all.filter((x) => x.base_order_id === resale.order_id && x.status === 6)) {
    assert.equal((await c2.put('/v2/orders/customer-orders/cancel', { body: { order_id: o.order_id } })).status, 204);
  }
  const onBehalf = await quote(sp, resale.order_id, { type: 'renew', period_num: 1, subscription_num: resale.subscription_num });
  assert.equal(onBehalf.status, 200, JSON.stringify(onBehalf.body));
  assert.ok(onBehalf.body.amount > 0);
});

test('the console’s order views carry the product names in both languages; Huawei’s views keep their fields', async () => {
  const o = await place(c1, t, 's6.large.2.monthly');
  const list = await c1.get('/api/orders', { query: { order_id: o.order_id } });
  assert.equal(list.status, 200);
  const row = list.body.orders[0];
  assert.equal(row.product_name_zh, '弹性云服务器 ECS');
  assert.equal(row.product_name_en, 'Elastic Cloud Server (ECS)');
  assert.equal(row.spec_name_en, 's6.large.2 (2 vCPUs, 4 GiB), monthly');
  assert.equal(row.spec_desc, '弹性云服务器 ECS / 通用计算型 s6.large.2 (2vCPU 4GiB) 包月');
  const one = await c1.get(`/api/orders/${o.order_id}`);
  assert.equal(one.body.product_name_en, 'Elastic Cloud Server (ECS)');
  assert.equal(one.body.spec_name_zh, '通用计算型 s6.large.2 (2vCPU 4GiB) 包月');

  const huawei = await c1.get('/v2/orders/customer-orders', { query: { order_id: o.order_id } });
  assert.equal(huawei.body.order_infos[0].service_type_name, '弹性云服务器 ECS');
  assert.equal('product_name_en' in huawei.body.order_infos[0], false);
  const details = await c1.get(`/v2/orders/customer-orders/details/${o.order_id}`);
  assert.equal(details.body.order_line_items[0].product_spec_desc, '通用计算型 s6.large.2 (2vCPU 4GiB) 包月');
  assert.equal('product_name_en' in details.body.order_info, false);
});
