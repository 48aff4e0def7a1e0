// Automatic reclaim when a resale association ends, the expiry sweep, the query windows, and
// test-voucher applications. The ledger invariant holds after each test.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { assertLedgerInvariant, balanceOf, orgIdOf } from '../support/ledger.ts';
import { toApiTime } from '../../src/shared/clock.ts';
import { DAY, grantQuota, issue, quotaOf } from './helpers.ts';

let t: TestApp;
const ids: Record<string, string> = {};
before(async () => {
  t = await createTestApp();
  for (const a of ['md_demo', 'rs_demo1', 'rs_demo2', 'sp_demo', 'cust_demo2', 'cust_demo3', 'cust_demo5', 'cust_demo6']) ids[a] = await orgIdOf(t, a);
});
afterEach(() => assertLedgerInvariant(t));
after(() => t.close());

test('journey: md gives rs_demo1 ¥1,000, rs_demo1 issues ¥200, the customer leaves, the voucher is reclaimed and the quota is ¥1,000 again', async () => {
  const md = await t.token('md_demo');
  const rs1 = await t.token('rs_demo1');
  const rs2 = await t.token('rs_demo2');
  const parent = await grantQuota(t, ids.md_demo, '5000');
  const split = await md.post('/v2/partners/coupon-quotas/indirect-partner-adjust', { body: { quota_id: parent, indirect_partner_ids: [ids.rs_demo1, ids.rs_demo2], quota_amount: '1000.00' } });
  const [q1, q2] = split.body.simple_quota_infos.map((i: { quota_id: string }) => i.quota_id);
  const voucher = (await issue(rs1, { quota_id: q1, customer_ids: [ids.cust_demo5], face_value: '200.00' })).coupon_infos[0].coupon_id;
  // Someone else's voucher, to show that nothing else moves.
  const bystander = (await issue(rs2, { quota_id: q2, customer_ids: [ids.cust_demo6], face_value: '50.00' })).coupon_infos[0].coupon_id;
  assert.equal((await quotaOf(rs1, q1)).balance, 800);
  const seeded = await t.database.db.selectFrom('coupon').select(['id', 'balance', 'status']).where('customer_org_id', '=', ids.cust_demo5).where('status', '=', 2).execute();
  const open = seeded.reduce((s, c) => s + BigInt(c.balance), 0n);
  const customerBefore = await balanceOf(t, 'cust_demo5', 'coupon_balance');
  assert.equal(customerBefore, open);
  const othersBefore = await t.database.db.selectFrom('coupon').select(['id', 'balance', 'status']).where('customer_org_id', '!=', ids.cust_demo5).orderBy('id').execute();

  const customer = await t.token('cust_demo5');
  const request = await customer.post('/api/my-partners/disassociation', { body: { reason: 'moving on' } });
  assert.equal(request.status, 201, JSON.stringify(request.body));
  const approved = await rs1.post(`/api/association-events/${request.body.id}/approve`, { body: {} });
  assert.equal(approved.status, 200, JSON.stringify(approved.body));

  assert.equal((await quotaOf(rs1, q1)).balance, 1000);
  assert.equal(await balanceOf(t, 'cust_demo5', 'coupon_balance'), 0n);
  const listed = await rs1.get('/v2/promotions/benefits/partner-coupons', { query: { coupon_id: voucher } });
  assert.equal(listed.body.user_coupons[0].status, 5);
  const log = await rs1.get('/v2/promotions/benefits/partner-coupons/records/query', { query: { operation_types: '3', customer_id: ids.cust_demo5 } });
  assert.equal(log.body.records.reduce((s: number, r: { operation_amount: number }) => s + r.operation_amount, 0), Number(open) / 100);
  // Nothing else changed.
  const othersAfter = await t.database.db.selectFrom('coupon').select(['id', 'balance', 'status']).where('customer_org_id', '!=', ids.cust_demo5).orderBy('id').execute();
  assert.deepEqual(othersAfter, othersBefore);
  assert.ok(othersAfter.some((c) => c.id === bystander));
});

test('a resale-to-consultative switch reclaims too (operation_type 8)', async () => {
  const md = await t.token('md_demo');
  const quota = await grantQuota(t, ids.md_demo, '100');
  await issue(md, { quota_id: quota, customer_ids: [ids.cust_demo3], face_value: '40' });
  const switchRequest = await md.post(`/api/customers/${ids.cust_demo3}/type-switch`, { body: { reason: 'now consulting only' } });
  assert.equal(switchRequest.status, 201, JSON.stringify(switchRequest.body));
  const customer = await t.token('cust_demo3');
  const agreed = await customer.post(`/api/my-partners/events/${switchRequest.body.id}/agree`, { body: {} });
  assert.equal(agreed.status, 200, JSON.stringify(agreed.body));
  assert.equal((await quotaOf(md, quota)).balance, 100);
  const log = await md.get('/v2/promotions/benefits/partner-coupons/records/query', { query: { operation_types: '8' } });
  assert.ok(log.body.total_count >= 1);
});

test('expiry sweep: cash coupons return to the quota, vouchers expire, quotas become invalid; a second run moves nothing', async () => {
  const spBefore = await t.token('sp_demo');
  const now = t.clock.now().getTime();
  const voucherQuota = await grantQuota(t, ids.sp_demo, '100', { expire_time: toApiTime(new Date(now + 30 * DAY)) });
  const cashQuota = await grantQuota(t, ids.sp_demo, '100', { quota_type: 1, expire_time: toApiTime(new Date(now + 30 * DAY)) });
  const v = (await issue(spBefore, { quota_id: voucherQuota, customer_ids: [ids.cust_demo2], face_value: '30', expire_time: toApiTime(new Date(now + 10 * DAY)) })).coupon_infos[0].coupon_id;
  const c = (await issue(spBefore, { quota_id: cashQuota, customer_ids: [ids.cust_demo2], face_value: '20', expire_time: toApiTime(new Date(now + 10 * DAY)) })).coupon_infos[0].coupon_id;
  const expiredBefore = await balanceOf(t, 'vendor_admin', 'vendor_coupon_expired');

  t.clock.advance(11 * DAY);
  try {
  const sp = await t.token('sp_demo');
  const first = await t.services.vouchers.tick();
  assert.ok(first.couponsExpired >= 2);
  assert.equal(await balanceOf(t, 'vendor_admin', 'vendor_coupon_expired'), expiredBefore + 3000n);
  const cash = await sp.post('/v2/partners/coupon-quotas/query', { body: { quota_type: 1, quota_ids: [cashQuota] } });
  assert.equal(cash.body.quotas[0].balance, 100);
  const listed = await sp.get('/v2/promotions/benefits/partner-coupons', { query: { coupon_id: v } });
  assert.equal(listed.body.user_coupons[0].status, 4);
  const cashLog = await sp.get('/v2/promotions/benefits/partner-coupons/records/query', { query: { coupon_ids: c, operation_types: '4' } });
  assert.equal(cashLog.body.records[0].operation_amount, 20);

  t.clock.advance(20 * DAY);
  const sp3 = await t.token('sp_demo');
  const sourceBefore = await balanceOf(t, 'vendor_admin', 'vendor_coupon_source');
  await t.services.vouchers.tick();
  assert.equal((await quotaOf(sp3, voucherQuota)).quota_status, 3);
  assert.equal(await balanceOf(t, 'vendor_admin', 'vendor_coupon_source'), sourceBefore + 7000n + 10000n);
  const expiredQuotaIssue = await sp3.post('/v2/promotions/benefits/partner-coupons', { body: { quota_id: voucherQuota, customer_ids: [ids.cust_demo2], face_value: '1' } });
  assert.equal(expiredQuotaIssue.body.error_code, 'CBC.99000012');
  const journals = await t.database.db.selectFrom('ledger_journal').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const again = await t.services.vouchers.tick();
  assert.deepEqual([again.couponsExpired, again.quotasExpired], [0, 0]);
  const journalsAfter = await t.database.db.selectFrom('ledger_journal').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  assert.equal(journalsAfter.n, journals.n);
  } finally {
    t.clock.set(new Date(now));
  }
});

test('query windows: the customer sees vouchers up to 6 months after expiry, the partner’s list keeps them longer', async () => {
  const sp = await t.token('sp_demo');
  const now = t.clock.now().getTime();
  const quota = await grantQuota(t, ids.sp_demo, '100', { expire_time: toApiTime(new Date(now + 30 * DAY)) });
  const v = (await issue(sp, { quota_id: quota, customer_ids: [ids.cust_demo2], face_value: '5', expire_time: toApiTime(new Date(now + 5 * DAY)) })).coupon_infos[0].coupon_id;
  const customer = await t.token('cust_demo2');
  const seen = async () => (await customer.get('/api/my-coupons', { query: { limit: 100 } })).body.user_coupons.some((c: { coupon_id: string }) => c.coupon_id === v);
  assert.ok(await seen());
  t.clock.advance(5 * DAY + 200 * DAY);
  try {
    const later = await t.token('cust_demo2');
    assert.equal((await later.get('/api/my-coupons', { query: { limit: 100 } })).body.user_coupons.some((c: { coupon_id: string }) => c.coupon_id === v), false);
    const partnerList = await (await t.token('sp_demo')).get('/v2/promotions/benefits/partner-coupons', { query: { coupon_id: v } });
    assert.equal(partnerList.body.total_count, 1);
  } finally {
    t.clock.set(new Date(now));
  }
});

test('test vouchers: apply, one pending per type, vendor approves into a voucher of the partner’s own account', async () => {
  const sp = await t.token('sp_demo');
  const vendor = await t.token('vendor_admin');
  const body = { voucher_type: 'role_selection', amount: '2000', purpose: 'PoC of our SI offering', calculator_link: 'https://www.huaweicloud.com/pricing/calculator.html#/share/abc' };
  const applied = await sp.post('/api/test-vouchers/applications', { body });
  assert.equal(applied.status, 201, JSON.stringify(applied.body));
  assert.equal(applied.body.status, 'SUBMITTED');
  assert.equal((await sp.post('/api/test-vouchers/applications', { body })).body.error_code, 'HBN.6002');
  assert.equal((await sp.post('/api/test-vouchers/applications', { body: { ...body, voucher_type: 'differentiation', calculator_link: 'http://example.com/x' } })).body.error_code, 'HBN.6006');
  assert.equal((await sp.post('/api/test-vouchers/applications', { body: { ...body, calculator_link: undefined } })).body.error_code, 'CBC.0100');

  const queue = await vendor.get('/api/test-vouchers/applications', { query: { status: 'SUBMITTED', limit: 100 } });
  assert.ok(queue.body.applications.some((a: { id: string }) => a.id === applied.body.id));
  const before = await balanceOf(t, 'sp_demo', 'coupon_balance');
  const approved = await vendor.post(`/api/vendor/test-vouchers/applications/${applied.body.id}/approve`, { body: { amount: '1500', valid_days: 90 } });
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  assert.equal(approved.body.status, 'APPROVED');
  assert.equal(await balanceOf(t, 'sp_demo', 'coupon_balance'), before + 150_000n);
  assert.equal((await vendor.post(`/api/vendor/test-vouchers/applications/${applied.body.id}/approve`, { body: { valid_days: 90 } })).body.error_code, 'HBN.6003');
  assert.equal((await vendor.post(`/api/vendor/test-vouchers/applications/${applied.body.id}/reject`, { body: { reason: 'late' } })).body.error_code, 'HBN.6003');
  assert.equal((await vendor.post('/api/vendor/test-vouchers/applications/TANOPE/approve', { body: { valid_days: 90 } })).body.error_code, 'HBN.6004');

  const own = await sp.get('/v2/promotions/benefits/coupons', { query: { coupon_id: approved.body.coupon_id } });
  assert.equal(own.status, 200);
  const coupon = own.body.user_coupons[0];
  assert.equal(coupon.face_value, 1500);
  assert.equal(coupon.coupon_usage, 'TEST_VOUCHER');
  assert.deepEqual(coupon.use_limits.map((l: { limit_key: string; value1: string }) => [l.limit_key, l.value1]), [['cycleType', '6'], ['maxPeriodMonths', '11'], ['simultaneousUseWithEmpowerDiscount', '0']]);

  // A new application of that type is possible once decided; the vendor rejects it with a reason.
  const next = await sp.post('/api/test-vouchers/applications', { body });
  assert.equal(next.status, 201);
  const rejected = await vendor.post(`/api/vendor/test-vouchers/applications/${next.body.id}/reject`, { body: { reason: 'ceiling reached' } });
  assert.equal(rejected.body.status, 'REJECTED');
  assert.equal(rejected.body.decision_reason, 'ceiling reached');
  // A partner cannot review.
  assert.equal((await sp.post(`/api/vendor/test-vouchers/applications/${next.body.id}/approve`, { body: { valid_days: 1 } })).body.error_code, 'CBC.0151');
});

test('test vouchers: an associated sub-customer is refused online and told to contact its ecosystem manager; the vendor may issue by hand', async () => {
  const customer = await t.token('cust_demo2');
  const r = await customer.post('/api/test-vouchers/applications', {
    body: { voucher_type: 'cloud_software', amount: '100', purpose: 'trial', calculator_link: 'https://www.huaweicloud.com/pricing/calculator.html#/share/x' },
  });
  assert.equal(r.status, 403);
  assert.equal(r.body.error_code, 'HBN.6001');
  assert.match(r.body.error_msg, /ecosystem manager|生态经理/);
  const vendor = await t.token('vendor_admin');
  const manual = await vendor.post('/api/vendor/test-vouchers', { body: { account_id: ids.cust_demo2, amount: '100', valid_days: 30 } });
  assert.equal(manual.status, 201, JSON.stringify(manual.body));
  const mine = await customer.get('/api/my-coupons', { query: { limit: 100 } });
  assert.ok(mine.body.user_coupons.some((c: { coupon_id: string }) => c.coupon_id === manual.body.coupon_id));
});

test('test vouchers: ceilings per type (software types per solution, together), supplementary applications, approval bounds', async () => {
  const md = await t.token('md_demo');
  const vendor = await t.token('vendor_admin');
  const link = 'https://www.huaweicloud.com/pricing/calculator.html#/share/ceilings';
  const apply = (body: Record<string, unknown>) => md.post('/api/test-vouchers/applications', { body: { purpose: 'solution testing', calculator_link: link, ...body } });
  const approve = (id: string, body: Record<string, unknown>) => vendor.post(`/api/vendor/test-vouchers/applications/${id}/approve`, { body });

  assert.equal((await apply({ voucher_type: 'basic_software', amount: '100' })).body.error_code, 'HBN.6010');
  assert.equal((await apply({ voucher_type: 'role_selection', amount: '20000.01' })).body.error_code, 'HBN.6008');
  const first = await apply({ voucher_type: 'role_selection', amount: '15000' });
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.equal((await approve(first.body.id, { amount: '15000.01', valid_days: 90 })).body.error_code, 'HBN.6011');
  assert.equal((await approve(first.body.id, { valid_days: 366 })).body.error_code, 'HBN.6012');
  assert.equal((await approve(first.body.id, { valid_days: 0 })).body.error_code, 'HBN.6012');
  assert.equal((await approve(first.body.id, { valid_days: 365 })).status, 200);
  // 5,000 remain: beyond that only a supplementary application with its reason.
  const beyond = await apply({ voucher_type: 'role_selection', amount: '6000' });
  assert.equal(beyond.body.error_code, 'HBN.6009');
  assert.match(beyond.body.error_msg, /5000\.00/);
  const supplementary = await apply({ voucher_type: 'role_selection', amount: '6000', supplementary_reason: 'the PoC grew to a second region' });
  assert.equal(supplementary.status, 201, JSON.stringify(supplementary.body));
  assert.equal(supplementary.body.supplementary_reason, 'the PoC grew to a second region');

  // Software types count per solution, together, against the ceiling of the type applied for.
  const basic = await apply({ voucher_type: 'basic_software', amount: '20000', solution: 'retail' });
  assert.equal((await approve(basic.body.id, { valid_days: 90 })).status, 200);
  assert.equal((await apply({ voucher_type: 'cloud_software', amount: '80000.01', solution: 'retail' })).body.error_code, 'HBN.6009');
  const cloud = await apply({ voucher_type: 'cloud_software', amount: '80000', solution: 'retail' });
  assert.equal(cloud.status, 201, JSON.stringify(cloud.body));
  assert.equal((await approve(cloud.body.id, { valid_days: 90 })).status, 200);
  const other = await apply({ voucher_type: 'cloud_software', amount: '100000', solution: 'logistics' });
  assert.equal(other.status, 201, JSON.stringify(other.body));

  // The ecosystem manager's manual issue has the same validity bounds.
  assert.equal((await vendor.post('/api/vendor/test-vouchers', { body: { account_id: ids.cust_demo2, amount: '10', valid_days: 400 } })).body.error_code, 'HBN.6012');
});
