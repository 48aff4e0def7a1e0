// Vouchers paying orders: the order-coupons list, payment with vouchers and cash coupons in one
// ledger journal, every refusal with its own code (nothing moves), cash-coupon usage ratio, and
// the return of vouchers when the order is unsubscribed within 5 days (or not, after).
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { assertLedgerInvariant, balanceOf, ledgerFingerprint, orgIdOf } from '../support/ledger.ts';
import { checkLedgerInvariant } from '../../src/modules/ledger/index.ts';
import { toApiTime } from '../../src/shared/clock.ts';
import { orderRow, place } from '../orders/helpers.ts';
import { DAY, grantQuota, issue, quotaOf } from './helpers.ts';

let t: TestApp;
let sp: HttpClient;
let c2: HttpClient;
let voucherQuota: string;
let cashQuota: string;
const ids: Record<string, string> = {};
const PAY = '/v3/orders/customer-orders/pay';

before(async () => {
  t = await createTestApp();
  t.clock.advance(60_000);
  for (const a of ['sp_demo', 'cust_demo1', 'cust_demo2', 'cust_demo3']) ids[a] = await orgIdOf(t, a);
  [sp, c2] = await Promise.all([t.token('sp_demo'), t.token('cust_demo2')]);
  voucherQuota = await grantQuota(t, ids.sp_demo, '10000');
  cashQuota = await grantQuota(t, ids.sp_demo, '10000', { quota_type: 1, limit_infos: [{ limit_key: 'usageRatio', limit_values: [{ value1: '0.5' }] }] });
});
afterEach(() => assertLedgerInvariant(t));
after(() => t.close());

/** sp_demo issues cust_demo2 one coupon; returns its id. */
async function give(faceValue: string, extra: Record<string, unknown> = {}, quota = voucherQuota): Promise<string> {
  const r = await issue(sp, { quota_id: quota, customer_ids: [ids.cust_demo2], face_value: faceValue, ...extra });
  assert.equal(r.coupon_infos.length, 1, JSON.stringify(r.error_details));
  return r.coupon_infos[0].coupon_id;
}

const couponRow = (id: string) => t.database.db.selectFrom('coupon').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const payWith = (client: HttpClient, orderId: string, couponIds: string[], headers: Record<string, string> = {}) =>
  client.post(PAY, { body: { order_id: orderId, use_coupon: 'YES', coupon_infos: couponIds.map((id) => ({ id, type: 1 })) }, headers });

test('a voucher pays part of an order: one journal takes it from the coupon account and the rest from the balance', async () => {
  const voucher = await give('40');
  const order = await place(c2, t, 'ssd.100g.monthly');
  const listed = await c2.get('/v2/orders/customer-orders/order-coupons', { query: { order_id: order.order_id } });
  assert.equal(listed.status, 200, JSON.stringify(listed.body));
  const mine = listed.body.user_coupons.find((c: { coupon_id: string }) => c.coupon_id === voucher);
  assert.ok(mine, 'the new voucher is listed as usable');
  assert.equal(mine.balance, 40);
  assert.equal(mine.coupon_type, 1);

  const [balance, coupons] = [await balanceOf(t, 'cust_demo2', 'customer_balance'), await balanceOf(t, 'cust_demo2', 'coupon_balance')];
  const paid = await payWith(c2, order.order_id, [voucher], { 'X-Client-Token': 'pay-with-voucher' });
  assert.equal(paid.status, 204, JSON.stringify(paid.body));
  // A replay moves nothing and uses the voucher no second time.
  assert.equal((await payWith(c2, order.order_id, [voucher], { 'X-Client-Token': 'pay-with-voucher' })).headers.get('x-idempotent-replay'), 'true');

  assert.equal(await balanceOf(t, 'cust_demo2', 'customer_balance'), balance - 6_000n);
  assert.equal(await balanceOf(t, 'cust_demo2', 'coupon_balance'), coupons - 4_000n);
  const row = await couponRow(voucher);
  assert.deepEqual([BigInt(row.balance), row.status], [0n, 3]);
  const o = await orderRow(t, order.order_id);
  assert.equal(BigInt(o.coupon_amount), 4_000n);
  const journal = await t.database.db
    .selectFrom('ledger_posting as p')
    .innerJoin('ledger_account as a', 'a.id', 'p.account_id')
    .select(['a.kind', 'p.amount'])
    .where('p.journal_id', '=', o.payment_journal_id!)
    .execute();
  assert.deepEqual(journal.map((l) => [l.kind, BigInt(l.amount)]).sort(), [['coupon_balance', -4_000n], ['customer_balance', -6_000n], ['vendor_order_receipts', 10_000n]]);
  const usages = await t.database.db.selectFrom('coupon_usage').selectAll().where('coupon_id', '=', voucher).execute();
  assert.deepEqual(usages.map((u) => [u.order_id, BigInt(u.amount)]), [[order.order_id, 4_000n]]);

  // The order shows the coupon amount; the partner's issued list shows the order it paid.
  const details = await c2.get(`/v2/orders/customer-orders/details/${order.order_id}`);
  assert.equal(details.body.order_info.amount_info.coupon_amount, 40);
  const issued = await sp.get('/v2/promotions/benefits/partner-coupons', { query: { order_id: order.order_id } });
  assert.deepEqual(issued.body.user_coupons.map((c: { coupon_id: string; order_id: string }) => [c.coupon_id, c.order_id]), [[voucher, order.order_id]]);
  // A used-up voucher is no longer offered, and naming it is refused.
  const next = await place(c2, t, 'ssd.100g.monthly');
  const offered = await c2.get('/v2/orders/customer-orders/order-coupons', { query: { order_id: next.order_id } });
  assert.ok(!offered.body.user_coupons.some((c: { coupon_id: string }) => c.coupon_id === voucher));
  assert.equal((await payWith(c2, next.order_id, [voucher])).body.error_code, 'HBN.6104');
});

test('a voucher larger than the order pays it in full and keeps the rest', async () => {
  const voucher = await give('150');
  const order = await place(c2, t, 'ssd.100g.monthly');
  const balance = await balanceOf(t, 'cust_demo2', 'customer_balance');
  assert.equal((await payWith(c2, order.order_id, [voucher])).status, 204);
  assert.equal(await balanceOf(t, 'cust_demo2', 'customer_balance'), balance);
  const row = await couponRow(voucher);
  assert.deepEqual([BigInt(row.balance), row.status], [5_000n, 2]);
  assert.equal((await orderRow(t, order.order_id)).status, 5);
});

test('each refusal answers its own code and moves nothing', async () => {
  const vendor = await t.token('vendor_admin');
  const general = await give('30');
  const second = await give('30');
  const payPerUse = await give('30', { cycle_type: '5' });
  const ecsOnly = await give('30', { cloud_service_types: ['hws.service.type.ec2'] });
  const later = await give('30', { valid_time: toApiTime(new Date(t.clock.now().getTime() + 3 * DAY)) });
  const testVoucher = (await vendor.post('/api/vendor/test-vouchers', { body: { account_id: ids.cust_demo2, amount: '30', valid_days: 30 } })).body.coupon_id as string;
  const foreign = (await issue(await t.token('md_demo'), { quota_id: await grantQuota(t, (await orgIdOf(t, 'md_demo')), '100'), customer_ids: [ids.cust_demo3], face_value: '10' })).coupon_infos[0].coupon_id;
  const cashA = await give('40', { usage_ratio: '0.1' }, cashQuota);
  const cashB = await give('40', { usage_ratio: '0.1' }, cashQuota);

  const monthly = await place(c2, t, 'ssd.100g.monthly');
  const yearly = await place(c2, t, 's6.large.2.yearly');
  const marketplace = await place(c2, t, 'backup.license');
  const cases: [string, string[], string, string][] = [
    ['marketplace product', [general], marketplace.order_id, 'HBN.6101'],
    ['a pay-per-use voucher on a monthly order', [payPerUse], monthly.order_id, 'HBN.6109'],
    ['an ECS voucher on an EVS order', [ecsOnly], monthly.order_id, 'HBN.6110'],
    ['a voucher not valid yet', [later], monthly.order_id, 'HBN.6107'],
    ['a test voucher on a yearly order', [testVoucher], yearly.order_id, 'HBN.6111'],
    ['two vouchers on one order', [general, second], monthly.order_id, 'HBN.6114'],
    ['a cash coupon beyond the usage-ratio cap', [cashA, cashB], monthly.order_id, 'HBN.6116'],
    ['another customer’s voucher', [foreign], monthly.order_id, 'CBC.99003108'],
  ];
  const fingerprint = await ledgerFingerprint(t);
  for (const [label, coupons, orderId, code] of cases) {
    const r = await payWith(c2, orderId, coupons);
    assert.equal(r.status, 400, `${label}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error_code, code, `${label}: ${JSON.stringify(r.body)}`);
    assert.ok(r.body.error_msg.length > 0);
  }
  assert.equal(await ledgerFingerprint(t), fingerprint);
  for (const o of [monthly, yearly, marketplace]) assert.equal((await orderRow(t, o.order_id)).status, 6);
  // Messages follow the language.
  const en = await c2.post(PAY, { body: { order_id: marketplace.order_id, use_coupon: 'YES', coupon_infos: [{ id: general, type: 1 }] }, headers: { 'X-Language': 'en_US' } });
  assert.match(en.body.error_msg, /marketplace/);
  // The marketplace order is offered nothing.
  assert.equal((await c2.get('/v2/orders/customer-orders/order-coupons', { query: { order_id: marketplace.order_id } })).body.count, 0);
});

test('cash coupons: several on one order after the voucher, together at most their usage ratio of the order', async () => {
  const voucher = await give('20');
  const cash1 = await give('10', { usage_ratio: '0.3' }, cashQuota);
  const cash2 = await give('15', { usage_ratio: '0.3' }, cashQuota);
  const order = await place(c2, t, 'ssd.100g.monthly');
  const balance = await balanceOf(t, 'cust_demo2', 'customer_balance');
  const paid = await payWith(c2, order.order_id, [cash2, voucher, cash1]);
  assert.equal(paid.status, 204, JSON.stringify(paid.body));
  const rows = await Promise.all([voucher, cash1, cash2].map(couponRow));
  assert.deepEqual(rows.map((r) => BigInt(r.balance)), [0n, 0n, 0n]);
  assert.equal(BigInt((await orderRow(t, order.order_id)).coupon_amount), 4_500n);
  assert.equal(await balanceOf(t, 'cust_demo2', 'customer_balance'), balance - 5_500n);

  // A larger cash coupon stops at 30 % of the order and keeps the rest.
  const big = await give('50', { usage_ratio: '0.3' }, cashQuota);
  const next = await place(c2, t, 'ssd.100g.monthly');
  assert.equal((await payWith(c2, next.order_id, [big])).status, 204);
  assert.equal(BigInt((await couponRow(big)).balance), 2_000n);
  assert.equal(BigInt((await orderRow(t, next.order_id)).coupon_amount), 3_000n);
});

test('restrictions: a usage ratio only on cash-coupon quotas, never above the quota’s (HBN.6013, HBN.6014)', async () => {
  const vendor = await t.token('vendor_admin');
  const expire = toApiTime(new Date(t.clock.now().getTime() + 30 * DAY));
  const grant = (body: Record<string, unknown>) => vendor.post('/api/vendor/coupon-quotas', { body: { partner_id: ids.sp_demo, amount: '10', expire_time: expire, ...body } });
  assert.equal((await grant({ quota_type: 0, limit_infos: [{ limit_key: 'usageRatio', limit_values: [{ value1: '0.5' }] }] })).body.error_code, 'HBN.6013');
  assert.equal((await grant({ quota_type: 1, limit_infos: [{ limit_key: 'usageRatio', limit_values: [{ value1: '1.5' }] }] })).body.error_code, 'HBN.6013');
  assert.equal((await grant({ quota_type: 0, limit_infos: [{ limit_key: 'colour', limit_values: [{ value1: 'red' }] }] })).body.error_code, 'HBN.6013');
  const call = (quota: string, ratio: unknown) => sp.post('/v2/promotions/benefits/partner-coupons', { body: { quota_id: quota, customer_ids: [ids.cust_demo2], face_value: '1', usage_ratio: ratio } });
  assert.equal((await call(cashQuota, '0.6')).body.error_code, 'HBN.6014');
  assert.equal((await call(cashQuota, '0')).body.error_code, 'HBN.6014');
  assert.equal((await call(voucherQuota, '0.2')).body.error_code, 'HBN.6014');
  // Without a ratio asked for, the coupon takes the quota's.
  const plain = await give('1', {}, cashQuota);
  assert.equal((await couponRow(plain)).usage_ratio_bp, 5_000);
  const listed = await c2.get('/api/my-coupons', { query: { coupon_type: 4, limit: 100 } });
  const view = listed.body.user_coupons.find((c: { coupon_id: string }) => c.coupon_id === plain);
  assert.ok(view.use_limits.some((l: { limit_key: string; value1: string }) => l.limit_key === 'usageRatio' && l.value1 === '0.5'));
});

test('unsubscribed within 5 days the voucher comes back; after 5 days it does not', async () => {
  const voucher = await give('60');
  const order = await place(c2, t, 'ssd.100g.monthly');
  assert.equal((await payWith(c2, order.order_id, [voucher])).status, 204);
  const balance = await balanceOf(t, 'cust_demo2', 'customer_balance');
  const start = t.clock.now();
  try {
    t.clock.advance(4 * DAY);
    const back = await (await t.token('cust_demo2')).post(`/api/orders/${order.order_id}/unsubscribe`);
    assert.equal(back.status, 200, JSON.stringify(back.body));
    assert.equal(back.body.refund_amount, 40);
    assert.equal(await balanceOf(t, 'cust_demo2', 'customer_balance'), balance + 4_000n);
    const row = await couponRow(voucher);
    assert.deepEqual([BigInt(row.balance), row.status], [6_000n, 2]);
    const usage = await t.database.db.selectFrom('coupon_usage').select('restored_at').where('order_id', '=', order.order_id).executeTakeFirstOrThrow();
    assert.ok(usage.restored_at);

    // The same voucher pays another order, unsubscribed after 6 days: only the cash share of the unused period returns.
    const c2Later = await t.token('cust_demo2');
    const second = await place(c2Later, t, 'ssd.100g.monthly');
    assert.equal((await payWith(c2Later, second.order_id, [voucher])).status, 204);
    t.clock.advance(6 * DAY);
    const c2Late = await t.token('cust_demo2');
    const late = await c2Late.post(`/api/orders/${second.order_id}/unsubscribe`);
    assert.equal(late.status, 200, JSON.stringify(late.body));
    assert.ok(late.body.refund_amount > 0 && late.body.refund_amount < 40, JSON.stringify(late.body));
    assert.equal(BigInt((await couponRow(voucher)).balance), 0n);
  } finally {
    t.clock.set(start);
  }
});

test('a voucher reclaimed before the 5-day unsubscription sends what it paid back to the quota (operation 5)', async () => {
  const quota = await grantQuota(t, ids.sp_demo, '500');
  const voucher = await give('150', {}, quota);
  const order = await place(c2, t, 'ssd.100g.monthly');
  assert.equal((await payWith(c2, order.order_id, [voucher])).status, 204);
  assert.equal((await sp.post('/v2/promotions/benefits/partner-coupons/reclaim', { body: { coupon_id: voucher } })).status, 204);
  assert.equal((await quotaOf(sp, quota)).balance, 400);
  const coupons = await balanceOf(t, 'cust_demo2', 'coupon_balance');
  const back = await c2.post(`/api/orders/${order.order_id}/unsubscribe`);
  assert.equal(back.status, 200, JSON.stringify(back.body));
  assert.equal((await quotaOf(sp, quota)).balance, 500);
  assert.equal(await balanceOf(t, 'cust_demo2', 'coupon_balance'), coupons);
  assert.equal((await couponRow(voucher)).status, 5);
  const log = await sp.get('/v2/promotions/benefits/partner-coupons/records/query', { query: { coupon_ids: voucher, operation_types: '5' } });
  assert.deepEqual(log.body.records.map((r: { operation_amount: number }) => r.operation_amount), [100]);
});

test('the ledger invariant notices a coupon or quota row out of step with its account', async () => {
  const voucher = await give('5');
  await t.database.db.updateTable('coupon').set({ balance: 400n }).where('id', '=', voucher).execute();
  await t.database.db.updateTable('coupon_quota').set((eb) => ({ balance: eb('balance', '+', 1n) })).where('id', '=', voucherQuota).execute();
  try {
    const report = await checkLedgerInvariant(t.database.db);
    assert.ok(report.problems.some((p) => p.startsWith(`coupon_balance of ${ids.cust_demo2}`)), JSON.stringify(report.problems));
    assert.ok(report.problems.some((p) => p.startsWith(`partner_coupon_quota of ${ids.sp_demo}`)), JSON.stringify(report.problems));
  } finally {
    await t.database.db.updateTable('coupon').set({ balance: 500n }).where('id', '=', voucher).execute();
    await t.database.db.updateTable('coupon_quota').set((eb) => ({ balance: eb('balance', '-', 1n) })).where('id', '=', voucherQuota).execute();
  }
});

test('vendor: the granted quotas with their holders, the partners a quota may go to, freeze and unfreeze', async () => {
  const vendor = await t.token('vendor_admin');
  const list = await vendor.get('/api/vendor/coupon-quotas', { query: { partner_id: ids.sp_demo, limit: 100 } });
  assert.equal(list.status, 200, JSON.stringify(list.body));
  assert.ok(list.body.quotas.every((q: { partner_id: string; partner_name: string }) => q.partner_id === ids.sp_demo && q.partner_name.length > 0));
  // The demo's ECS-only quota, frozen.
  const frozen = list.body.quotas.find((q: { quota_status: number }) => q.quota_status === 5);
  assert.ok(frozen, 'the demo has a frozen quota');
  assert.deepEqual(frozen.limit_infos, [{ limit_key: 'serviceType', limit_values: [{ value1: 'hws.service.type.ec2' }] }]);
  assert.equal((await vendor.post(`/api/vendor/coupon-quotas/${frozen.quota_id}/unfreeze`)).body.quota_status, 0);
  assert.equal((await vendor.post(`/api/vendor/coupon-quotas/${frozen.quota_id}/freeze`)).body.quota_status, 5);
  const cash = await vendor.get('/api/vendor/coupon-quotas', { query: { quota_type: 1, status: 0, limit: 100 } });
  assert.ok(cash.body.quotas.length > 0 && cash.body.quotas.every((q: { quota_type: number; quota_status: number }) => q.quota_type === 1 && q.quota_status === 0));
  const holders = await vendor.get('/api/vendor/coupon-quotas/partners');
  const accounts = holders.body.partners.map((p: { account_name: string }) => p.account_name);
  assert.ok(accounts.includes('sp_demo') && accounts.includes('md_demo') && !accounts.includes('rs_demo1'), JSON.stringify(accounts));
  // Partners get nothing here.
  assert.equal((await sp.get('/api/vendor/coupon-quotas')).status, 403);
});
