// Quotas and vouchers through the Huawei-compatible operations: quota split and reclaim with
// per-reseller results, issue with per-customer results and every listed error code, reclaim,
// records, wrong organization and missing permission. The ledger invariant holds after each test.
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
  for (const a of ['md_demo', 'rs_demo1', 'rs_demo2', 'sp_demo', 'cust_demo1', 'cust_demo2', 'cust_demo3', 'cust_demo4', 'cust_demo5', 'cust_demo6']) ids[a] = await orgIdOf(t, a);
});
afterEach(() => assertLedgerInvariant(t));
after(() => t.close());

test('the vendor grants a quota: a journal from the vendor source to the partner quota account', async () => {
  const before = await balanceOf(t, 'sp_demo', 'partner_coupon_quota');
  const quotaId = await grantQuota(t, ids.sp_demo, '1234.56');
  assert.equal(await balanceOf(t, 'sp_demo', 'partner_coupon_quota'), before + 123_456n);
  const sp = await t.token('sp_demo');
  const q = await quotaOf(sp, quotaId);
  assert.deepEqual([q.balance, q.quota_value, q.quota_status], [1234.56, 1234.56, 0]);
  const vendor = await t.token('vendor_admin');
  const toReseller = await vendor.post('/api/vendor/coupon-quotas', { body: { partner_id: ids.rs_demo1, amount: '10', expire_time: toApiTime(new Date(t.clock.now().getTime() + DAY)) } });
  assert.equal(toReseller.body.error_code, 'HBN.6005');
  const past = await vendor.post('/api/vendor/coupon-quotas', { body: { partner_id: ids.sp_demo, amount: '10', expire_time: '2020-01-01T00:00:00Z' } });
  assert.equal(past.body.error_code, 'HBN.6007');
  const byPartner = await sp.post('/api/vendor/coupon-quotas', { body: { partner_id: ids.sp_demo, amount: '10', expire_time: '2030-01-01T00:00:00Z' } });
  assert.equal(byPartner.status, 403);
  assert.equal(byPartner.body.error_code, 'CBC.0151');
});

test('a master distributor splits a quota to resellers with per-reseller results and takes a child quota back', async () => {
  const md = await t.token('md_demo');
  const parent = await grantQuota(t, ids.md_demo, '2500.00');
  const r = await md.post('/v2/partners/coupon-quotas/indirect-partner-adjust', {
    body: { quota_id: parent, indirect_partner_ids: [ids.rs_demo1, ids.sp_demo, ids.rs_demo2, 'no-such-reseller'], quota_amount: '1000.00' },
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.simple_quota_infos.map((i: { id: string }) => i.id), [ids.rs_demo1, ids.rs_demo2]);
  assert.deepEqual(r.body.error_details.map((e: { id: string; error_code: string }) => [e.id, e.error_code]), [
    [ids.sp_demo, 'CBC.99000037'],
    ['no-such-reseller', 'CBC.99000037'],
  ]);
  assert.equal((await quotaOf(md, parent)).balance, 500);
  const more = await md.post('/v2/partners/coupon-quotas/indirect-partner-adjust', { body: { quota_id: parent, indirect_partner_ids: [ids.rs_demo1], quota_amount: '500.01' } });
  assert.equal(more.body.error_details[0].error_code, 'CBC.99000013');

  const child = r.body.simple_quota_infos[0].quota_id;
  const rs1 = await t.token('rs_demo1');
  assert.equal((await quotaOf(rs1, child)).balance, 1000);
  // The distributor sees it among its issued quotas and in the records.
  const issued = await md.get('/v2/partners/issued-coupon-quotas', { query: { parent_quota_id: parent } });
  assert.equal(issued.body.total_count, 2);
  assert.equal(issued.body.quotas.find((q: { quota_id: string }) => q.quota_id === child).indirect_partner_id, ids.rs_demo1);

  // rs_demo1 issues 300 from its child quota; the reclaim takes the remaining 700 only.
  const issuedCoupon = await issue(rs1, { quota_id: child, customer_ids: [ids.cust_demo5], face_value: '300' });
  assert.equal(issuedCoupon.coupon_infos.length, 1);
  const back = await md.post('/v2/partners/coupon-quotas/indirect-partner-reclaim', { body: { quota_ids: [child, 'QTNOPE'], remark: 'year end' } });
  assert.deepEqual(back.body.simple_quota_infos, [{ quota_id: child, quota_balance: 700 }]);
  assert.equal(back.body.error_details[0].error_code, 'CBC.99000012');
  assert.equal((await quotaOf(md, parent)).balance, 1200);
  const again = await md.post('/v2/partners/coupon-quotas/indirect-partner-reclaim', { body: { quota_ids: [child] } });
  assert.equal(again.body.error_details[0].error_code, 'CBC.99000012');
  const reclaimedRow = await md.get('/v2/partners/issued-coupon-quotas', { query: { quota_id: child } });
  assert.equal(reclaimedRow.body.quotas[0].quota_status, 6);
  const records = await md.get('/v2/partners/coupon-quotas/records', { query: { parent_quota_id: parent } });
  assert.deepEqual(records.body.records.map((x: { operation_type: string; amount: number }) => [x.operation_type, x.amount]).sort(), [['10', 1000], ['10', 1000], ['11', 700]]);
  const reclaimsOnly = await md.get('/v2/partners/coupon-quotas/records', { query: { parent_quota_id: parent, operation_type: '11' } });
  assert.equal(reclaimsOnly.body.total_count, 1);
  // A voucher issued from a reclaimed child quota, when reclaimed, flows back to the parent.
  assert.equal((await rs1.post('/v2/promotions/benefits/partner-coupons/reclaim', { body: { coupon_id: issuedCoupon.coupon_infos[0].coupon_id } })).status, 204);
  assert.equal((await quotaOf(md, parent)).balance, 1500);
});

test('only a master distributor may split quotas (CBC.0150); a reseller of another distributor is refused (CBC.99000037)', async () => {
  const sp = await t.token('sp_demo');
  const spQuota = await grantQuota(t, ids.sp_demo, '100');
  const r = await sp.post('/v2/partners/coupon-quotas/indirect-partner-adjust', { body: { quota_id: spQuota, indirect_partner_ids: [ids.rs_demo1], quota_amount: '10' } });
  assert.equal(r.status, 403);
  assert.equal(r.body.error_code, 'CBC.0150');
  const md = await t.token('md_demo');
  const notMine = await md.post('/v2/partners/coupon-quotas/indirect-partner-adjust', { body: { quota_id: spQuota, indirect_partner_ids: [ids.rs_demo1], quota_amount: '10' } });
  assert.equal(notMine.body.error_code, 'CBC.99000012');
  const listOther = await md.get('/v2/partners/issued-coupon-quotas', { query: { indirect_partner_id: ids.sp_demo } });
  assert.equal(listOther.body.error_code, 'CBC.99000037');
});

test('issue: per-customer results and every per-customer error code', async () => {
  const sp = await t.token('sp_demo');
  const quota = await grantQuota(t, ids.sp_demo, '250');
  await t.database.db.insertInto('customer_flag').values({ customer_org_id: ids.cust_demo2, flag: 'enterprise_member_hosting' }).execute().catch(() => undefined);
  const hosted = await issue(sp, { quota_id: quota, customer_ids: [ids.cust_demo2], face_value: '10' });
  assert.equal(hosted.error_details[0].error_code, 'CBC.50000034');
  await t.database.db.deleteFrom('customer_flag').where('customer_org_id', '=', ids.cust_demo2).where('flag', '=', 'enterprise_member_hosting').execute();

  const r = await issue(sp, { quota_id: quota, customer_ids: [ids.cust_demo2, ids.cust_demo1, ids.cust_demo3, ids.sp_demo, ids.cust_demo2], face_value: '100' });
  assert.deepEqual(r.coupon_infos.map((c) => c.id), [ids.cust_demo2]);
  assert.deepEqual(r.error_details.map((e) => [e.id, e.error_code]), [
    [ids.cust_demo1, 'CBC.99000014'],
    [ids.cust_demo3, 'CBC.99000035'],
    [ids.sp_demo, 'CBC.99000025'],
  ]);
  const second = await issue(sp, { quota_id: quota, customer_ids: [ids.cust_demo2], face_value: '100' });
  assert.equal(second.coupon_infos.length, 1);
  const third = await issue(sp, { quota_id: quota, customer_ids: [ids.cust_demo2], face_value: '50.01' });
  assert.equal(third.error_details[0].error_code, 'CBC.99000013');
  assert.equal((await quotaOf(sp, quota)).balance, 50);

  // The issued list, the records and the ledger agree.
  const list = await sp.get('/v2/promotions/benefits/partner-coupons', { query: { coupon_id: r.coupon_infos[0].coupon_id } });
  assert.equal(list.body.user_coupons[0].face_value, 100);
  assert.equal(list.body.user_coupons[0].status, 2);
  const records = await sp.get('/v2/promotions/benefits/partner-coupons/records/query', { query: { quota_id: quota, operation_types: '1' } });
  assert.equal(records.body.total_count, 2);
  assert.equal(records.body.records[0].operation_amount, 100);
});

test('issue: request-level errors of the quota and its restrictions', async () => {
  const sp = await t.token('sp_demo');
  const now = t.clock.now().getTime();
  const restricted = await grantQuota(t, ids.sp_demo, '1000', {
    limit_infos: [
      { limit_key: 'minFaceValue', limit_values: [{ value1: '10' }] },
      { limit_key: 'maxFaceValue', limit_values: [{ value1: '200' }] },
      { limit_key: 'maxCount', limit_values: [{ value1: '1' }] },
      { limit_key: 'serviceType', limit_values: [{ value1: 'hws.service.type.ebs' }, { value1: 'hws.service.type.ec2' }] },
      { limit_key: 'cycleType', limit_values: [{ value1: '6' }] },
    ],
  });
  const call = (body: Record<string, unknown>) => sp.post('/v2/promotions/benefits/partner-coupons', { body: { quota_id: restricted, customer_ids: [ids.cust_demo2], face_value: '50', ...body } });
  assert.equal((await call({ face_value: '9.99' })).body.error_code, 'CBC.99000018');
  assert.equal((await call({ face_value: '200.01' })).body.error_code, 'CBC.99000019');
  assert.equal((await call({ customer_ids: [ids.cust_demo2, ids.cust_demo1] })).body.error_code, 'CBC.99000020');
  assert.equal((await call({ cloud_service_types: ['hws.service.type.obs'] })).body.error_code, 'CBC.99000023');
  assert.equal((await call({ cycle_type: '5' })).body.error_code, 'CBC.99000024');
  assert.equal((await call({ expire_time: toApiTime(new Date(now + 365 * DAY)) })).body.error_code, 'CBC.99000017');
  const ok = await call({ cloud_service_types: ['hws.service.type.ebs'] });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.coupon_infos.length, 1);

  const total = await grantQuota(t, ids.sp_demo, '1000', { limit_infos: [{ limit_key: 'maxTotal', limit_values: [{ value1: '150' }] }] });
  const overTotal = await sp.post('/v2/promotions/benefits/partner-coupons', { body: { quota_id: total, customer_ids: [ids.cust_demo2], face_value: '150.01' } });
  assert.equal(overTotal.body.error_code, 'CBC.99000021');

  const designated = await grantQuota(t, ids.sp_demo, '1000', { limit_infos: [{ limit_key: 'designatedCustomer', limit_values: [{ value1: ids.cust_demo1 }] }] });
  const notDesignated = await issue(sp, { quota_id: designated, customer_ids: [ids.cust_demo2], face_value: '10' });
  assert.equal(notDesignated.error_details[0].error_code, 'CBC.50000020');

  const firstOnly = await grantQuota(t, ids.sp_demo, '1000', { limit_infos: [{ limit_key: 'firstAssociationOnly', limit_values: [{ value1: '1' }] }] });
  const old = await t.database.db.selectFrom('customer_association').selectAll().where('customer_org_id', '=', ids.cust_demo2).where('ended_on', 'is', null).executeTakeFirstOrThrow();
  await t.database.db.insertInto('customer_association').values({ id: 'old-assoc-cust2', customer_org_id: ids.cust_demo2, partner_org_id: ids.md_demo, association_type: 2, associated_on: new Date('2024-01-01'), ended_on: new Date('2024-06-01'), label: null, end_reason: 'disassociated' }).execute();
  const notFirst = await issue(sp, { quota_id: firstOnly, customer_ids: [old.customer_org_id], face_value: '10' });
  assert.equal(notFirst.error_details[0].error_code, 'CBC.99000022');
  await t.database.db.deleteFrom('customer_association').where('id', '=', 'old-assoc-cust2').execute();

  const later = await grantQuota(t, ids.sp_demo, '100', { effective_time: toApiTime(new Date(now + 10 * DAY)) });
  assert.equal((await sp.post('/v2/promotions/benefits/partner-coupons', { body: { quota_id: later, customer_ids: [ids.cust_demo2], face_value: '10' } })).body.error_code, 'CBC.99000017');
  assert.equal((await sp.post('/v2/promotions/benefits/partner-coupons', { body: { quota_id: 'QTNOPE', customer_ids: [ids.cust_demo2], face_value: '10' } })).body.error_code, 'CBC.99000012');
  assert.equal((await call({ face_value: '0' })).body.error_code, 'CBC.0100');
  assert.equal((await call({ face_value: '1.234' })).body.error_code, 'CBC.0100');
  assert.equal((await call({ customer_ids: Array.from({ length: 101 }, (_, i) => `c${i}`) })).body.error_code, 'CBC.0100');
});

test('reclaim: the whole remainder back to the quota (204), then CBC.99000048; consultative customer CBC.99000045', async () => {
  const sp = await t.token('sp_demo');
  const quota = await grantQuota(t, ids.sp_demo, '100');
  const coupon = (await issue(sp, { quota_id: quota, customer_ids: [ids.cust_demo2], face_value: '60' })).coupon_infos[0].coupon_id;
  const before = await balanceOf(t, 'cust_demo2', 'coupon_balance');
  const r = await sp.post('/v2/promotions/benefits/partner-coupons/reclaim', { body: { coupon_id: coupon } });
  assert.equal(r.status, 204);
  assert.equal((await quotaOf(sp, quota)).balance, 100);
  assert.equal(await balanceOf(t, 'cust_demo2', 'coupon_balance'), before - 6000n);
  assert.equal((await sp.post('/v2/promotions/benefits/partner-coupons/reclaim', { body: { coupon_id: coupon } })).body.error_code, 'CBC.99000048');
  const listed = await sp.get('/v2/promotions/benefits/partner-coupons', { query: { coupon_id: coupon } });
  assert.equal(listed.body.user_coupons[0].status, 5);
  const log = await sp.get('/v2/promotions/benefits/partner-coupons/records/query', { query: { coupon_ids: coupon, operation_types: '2' } });
  assert.equal(log.body.records[0].operation_amount, 60);

  const other = (await issue(sp, { quota_id: quota, customer_ids: [ids.cust_demo2], face_value: '10' })).coupon_infos[0].coupon_id;
  await t.database.db.updateTable('customer_association').set({ association_type: 1 }).where('customer_org_id', '=', ids.cust_demo2).where('ended_on', 'is', null).execute();
  try {
    assert.equal((await sp.post('/v2/promotions/benefits/partner-coupons/reclaim', { body: { coupon_id: other } })).body.error_code, 'CBC.99000045');
  } finally {
    await t.database.db.updateTable('customer_association').set({ association_type: 2 }).where('customer_org_id', '=', ids.cust_demo2).where('ended_on', 'is', null).execute();
  }
});

test('wrong organization: another partner’s quota or coupon, a reseller of nobody', async () => {
  const sp = await t.token('sp_demo');
  const md = await t.token('md_demo');
  const rs2 = await t.token('rs_demo2');
  const spQuota = await grantQuota(t, ids.sp_demo, '100');
  const coupon = (await issue(sp, { quota_id: spQuota, customer_ids: [ids.cust_demo2], face_value: '10' })).coupon_infos[0].coupon_id;
  assert.equal((await md.post('/v2/promotions/benefits/partner-coupons', { body: { quota_id: spQuota, customer_ids: [ids.cust_demo3], face_value: '1' } })).body.error_code, 'CBC.99000012');
  assert.equal((await md.post('/v2/promotions/benefits/partner-coupons/reclaim', { body: { coupon_id: coupon } })).body.error_code, 'CBC.0100');
  assert.equal((await rs2.post('/v2/promotions/benefits/partner-coupons/reclaim', { body: { coupon_id: coupon } })).body.error_code, 'CBC.0100');
  assert.equal((await sp.get('/v2/promotions/benefits/partner-coupons', { query: { indirect_partner_id: ids.rs_demo1 } })).body.error_code, 'CBC.99000037');
  const mdView = await md.get('/v2/promotions/benefits/partner-coupons', { query: { coupon_id: coupon } });
  assert.equal(mdView.body.total_count, 0);
  // A distributor acts for its own reseller with indirect_partner_id.
  const rsQuota = (await md.post('/v2/partners/coupon-quotas/indirect-partner-adjust', { body: { quota_id: await grantQuota(t, ids.md_demo, '100'), indirect_partner_ids: [ids.rs_demo1], quota_amount: '50' } })).body.simple_quota_infos[0].quota_id;
  const onBehalf = await issue(md, { quota_id: rsQuota, customer_ids: [ids.cust_demo5], face_value: '5', indirect_partner_id: ids.rs_demo1 });
  assert.equal(onBehalf.coupon_infos.length, 1);
  const rsList = await md.get('/v2/promotions/benefits/partner-coupons', { query: { indirect_partner_id: ids.rs_demo1, coupon_id: onBehalf.coupon_infos[0].coupon_id } });
  assert.equal(rsList.body.total_count, 1);
});

test('quota split refusals per reseller: exiting reseller (CBC.50010105), designated customer not its own (CBC.50000021)', async () => {
  const md = await t.token('md_demo');
  const designated = await grantQuota(t, ids.md_demo, '100', { limit_infos: [{ limit_key: 'designatedCustomer', limit_values: [{ value1: ids.cust_demo5 }] }] });
  const r = await md.post('/v2/partners/coupon-quotas/indirect-partner-adjust', { body: { quota_id: designated, indirect_partner_ids: [ids.rs_demo1, ids.rs_demo2], quota_amount: '10' } });
  assert.deepEqual(r.body.simple_quota_infos.map((i: { id: string }) => i.id), [ids.rs_demo1]);
  assert.deepEqual(r.body.error_details.map((e: { id: string; error_code: string }) => [e.id, e.error_code]), [[ids.rs_demo2, 'CBC.50000021']]);
  const plain = await grantQuota(t, ids.md_demo, '100');
  await t.database.db.updateTable('organization').set({ status: 'restricted' }).where('id', '=', ids.rs_demo2).execute();
  try {
    const exiting = await md.post('/v2/partners/coupon-quotas/indirect-partner-adjust', { body: { quota_id: plain, indirect_partner_ids: [ids.rs_demo2], quota_amount: '10' } });
    assert.equal(exiting.body.error_details[0].error_code, 'CBC.50010105');
  } finally {
    await t.database.db.updateTable('organization').set({ status: 'active' }).where('id', '=', ids.rs_demo2).execute();
  }
});

test('a frozen quota cannot issue (CBC.99000012) nor be split (CBC.99000015) until the vendor unfreezes it', async () => {
  const vendor = await t.token('vendor_admin');
  const md = await t.token('md_demo');
  const quota = await grantQuota(t, ids.md_demo, '100');
  const frozen = await vendor.post(`/api/vendor/coupon-quotas/${quota}/freeze`, { body: {} });
  assert.equal(frozen.body.quota_status, 5);
  assert.equal((await vendor.post(`/api/vendor/coupon-quotas/${quota}/freeze`, { body: {} })).body.error_code, 'CBC.99000012');
  assert.equal((await md.post('/v2/promotions/benefits/partner-coupons', { body: { quota_id: quota, customer_ids: [ids.cust_demo3], face_value: '1' } })).body.error_code, 'CBC.99000012');
  const split = await md.post('/v2/partners/coupon-quotas/indirect-partner-adjust', { body: { quota_id: quota, indirect_partner_ids: [ids.rs_demo1], quota_amount: '1' } });
  assert.equal(split.body.error_code, 'CBC.99000015');
  const listed = await md.post('/v2/partners/coupon-quotas/query', { body: { quota_status_list: [5] } });
  assert.ok(listed.body.quotas.some((q: { quota_id: string }) => q.quota_id === quota));
  assert.equal((await vendor.post(`/api/vendor/coupon-quotas/${quota}/unfreeze`, { body: {} })).body.quota_status, 0);
  assert.equal((await issue(md, { quota_id: quota, customer_ids: [ids.cust_demo3], face_value: '1' })).coupon_infos.length, 1);
  assert.equal((await md.post(`/api/vendor/coupon-quotas/${quota}/unfreeze`, { body: {} })).status, 403);
});

test('missing permission: a member without the voucher items gets 403 CBC.0151', async () => {
  const viewer = await t.console('md_viewer');
  for (const [method, path, body] of [
    ['post', '/v2/promotions/benefits/partner-coupons', { quota_id: 'x', customer_ids: ['y'], face_value: '1' }],
    ['post', '/v2/promotions/benefits/partner-coupons/reclaim', { coupon_id: 'x' }],
    ['post', '/v2/partners/coupon-quotas/indirect-partner-adjust', { quota_id: 'x', indirect_partner_ids: ['y'], quota_amount: '1' }],
    ['post', '/v2/partners/coupon-quotas/indirect-partner-reclaim', { quota_ids: ['x'] }],
    ['post', '/v2/partners/coupon-quotas/query', {}],
    ['get', '/v2/partners/issued-coupon-quotas', undefined],
    ['get', '/v2/promotions/benefits/partner-coupons', undefined],
  ] as const) {
    const r = method === 'get' ? await viewer.get(path) : await viewer.post(path, { body });
    assert.equal(r.status, 403, path);
    assert.equal(r.body.error_code, 'CBC.0151', path);
  }
});

test('an X-Client-Token replay of an issue returns the first answer and moves nothing', async () => {
  const sp = await t.token('sp_demo');
  const quota = await grantQuota(t, ids.sp_demo, '100');
  const body = { quota_id: quota, customer_ids: [ids.cust_demo2], face_value: '10' };
  const first = await sp.post('/v2/promotions/benefits/partner-coupons', { body, headers: { 'x-client-token': 'issue-once-1' } });
  const second = await sp.post('/v2/promotions/benefits/partner-coupons', { body, headers: { 'x-client-token': 'issue-once-1' } });
  assert.deepEqual(second.body, first.body);
  assert.equal((await quotaOf(sp, quota)).balance, 90);
});
