// Races on a real PostgreSQL (PGlite is one connection, so transactions there never overlap).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, testEngine, type TestApp } from '../support/test-app.ts';
import { assertLedgerInvariant, balanceOf, orgIdOf } from '../support/ledger.ts';
import { place } from '../orders/helpers.ts';
import { grantQuota, issue, quotaOf } from './helpers.ts';

const skip = testEngine !== 'postgres' ? 'needs TEST_DB=postgres: PGlite is a single connection, so transactions cannot race' : false;

let t: TestApp;
before(async () => {
  if (!skip) t = await createTestApp();
});
after(() => t?.close());

test('parallel issues from one quota never exceed it', { skip }, async () => {
  const sp = await t.token('sp_demo');
  const customer = await orgIdOf(t, 'cust_demo2');
  const quota = await grantQuota(t, await orgIdOf(t, 'sp_demo'), '1000.00');
  const before = await balanceOf(t, 'cust_demo2', 'coupon_balance');
  // 30 × ¥70 = ¥2,100 asked of a ¥1,000 quota: exactly 14 can succeed.
  const replies = await Promise.all(
    Array.from({ length: 30 }, () => sp.post('/v2/promotions/benefits/partner-coupons', { body: { quota_id: quota, customer_ids: [customer], face_value: '70' } })),
  );
  for (const r of replies) assert.equal(r.status, 200, JSON.stringify(r.body));
  const issued = replies.filter((r) => r.body.coupon_infos.length === 1).length;
  const refused = replies.filter((r) => r.body.error_details[0]?.error_code === 'CBC.99000013').length;
  assert.deepEqual([issued, refused], [14, 16]);
  assert.equal((await quotaOf(sp, quota)).balance, 20);
  assert.equal(await balanceOf(t, 'cust_demo2', 'coupon_balance'), before + 14n * 7000n);
  await assertLedgerInvariant(t);
});

test('a second transfer from a quota while another operation holds it gets CBC.50000045', { skip }, async () => {
  const md = await t.token('md_demo');
  const rs1 = await orgIdOf(t, 'rs_demo1');
  const quota = await grantQuota(t, await orgIdOf(t, 'md_demo'), '1000.00');
  // A transaction holding the quota row, as a running transfer does.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holder = t.database.db.transaction().execute(async (tx) => {
    await sql`SELECT id FROM coupon_quota WHERE id = ${quota} FOR UPDATE`.execute(tx);
    locked();
    await held;
  });
  await isLocked;
  const during = await md.post('/v2/partners/coupon-quotas/indirect-partner-adjust', { body: { quota_id: quota, indirect_partner_ids: [rs1], quota_amount: '100' } });
  release();
  await holder;
  assert.equal(during.status, 400);
  assert.equal(during.body.error_code, 'CBC.50000045');
  const afterwards = await md.post('/v2/partners/coupon-quotas/indirect-partner-adjust', { body: { quota_id: quota, indirect_partner_ids: [rs1], quota_amount: '100' } });
  assert.equal(afterwards.body.simple_quota_infos.length, 1);

  // Two transfers at once: every answer is a success or CBC.50000045, and the quota adds up.
  const replies = await Promise.all(
    Array.from({ length: 6 }, () => md.post('/v2/partners/coupon-quotas/indirect-partner-adjust', { body: { quota_id: quota, indirect_partner_ids: [rs1], quota_amount: '10' } })),
  );
  const ok = replies.filter((r) => r.status === 200).length;
  for (const r of replies) assert.ok(r.status === 200 || r.body.error_code === 'CBC.50000045', JSON.stringify(r.body));
  assert.equal((await quotaOf(md, quota)).balance, 900 - ok * 10);
  await assertLedgerInvariant(t);
});

test('two orders racing to use one voucher: exactly one uses it, the other is refused and pays nothing', { skip }, async () => {
  const sp = await t.token('sp_demo');
  const c2 = await t.token('cust_demo2');
  const customer = await orgIdOf(t, 'cust_demo2');
  const quota = await grantQuota(t, await orgIdOf(t, 'sp_demo'), '1000.00');
  for (let round = 0; round < 10; round++) {
    // A ¥100 voucher, two ¥100 orders: whichever pays first uses it up.
    const voucher = (await issue(sp, { quota_id: quota, customer_ids: [customer], face_value: '100' })).coupon_infos[0].coupon_id;
    const [a, b] = [await place(c2, t, 'ssd.100g.monthly'), await place(c2, t, 'ssd.100g.monthly')];
    const balance = await balanceOf(t, 'cust_demo2', 'customer_balance');
    const pay = (orderId: string) => c2.post('/v3/orders/customer-orders/pay', { body: { order_id: orderId, use_coupon: 'YES', coupon_infos: [{ id: voucher, type: 1 }] } });
    const replies = await Promise.all([pay(a.order_id), pay(b.order_id)]);
    assert.deepEqual(replies.map((r) => r.status).sort(), [204, 400], JSON.stringify(replies.map((r) => r.body)));
    assert.equal(replies.find((r) => r.status === 400)!.body.error_code, 'HBN.6104');
    const usages = await t.database.db.selectFrom('coupon_usage').select(['order_id', 'amount']).where('coupon_id', '=', voucher).execute();
    assert.equal(usages.length, 1);
    assert.equal(BigInt(usages[0].amount), 10_000n);
    const row = await t.database.db.selectFrom('coupon').select(['balance', 'status']).where('id', '=', voucher).executeTakeFirstOrThrow();
    assert.deepEqual([BigInt(row.balance), row.status], [0n, 3]);
    // The winner paid nothing from the balance; the loser is still pending.
    assert.equal(await balanceOf(t, 'cust_demo2', 'customer_balance'), balance);
    const statuses = await t.database.db.selectFrom('customer_order').select(['id', 'status']).where('id', 'in', [a.order_id, b.order_id]).execute();
    assert.deepEqual(statuses.map((o) => o.status).sort(), [5, 6]);
  }
  await assertLedgerInvariant(t);
});

test('a payment and a reclaim racing on one voucher: the voucher is spent once, the rest goes back to the quota', { skip }, async () => {
  const sp = await t.token('sp_demo');
  const c2 = await t.token('cust_demo2');
  const customer = await orgIdOf(t, 'cust_demo2');
  const quota = await grantQuota(t, await orgIdOf(t, 'sp_demo'), '1000.00');
  for (let round = 0; round < 8; round++) {
    const voucher = (await issue(sp, { quota_id: quota, customer_ids: [customer], face_value: '150' })).coupon_infos[0].coupon_id;
    const order = await place(c2, t, 'ssd.100g.monthly');
    const quotaBefore = (await quotaOf(sp, quota)).balance;
    const [paid, reclaimed] = await Promise.all([
      c2.post('/v3/orders/customer-orders/pay', { body: { order_id: order.order_id, use_coupon: 'YES', coupon_infos: [{ id: voucher, type: 1 }] } }),
      sp.post('/v2/promotions/benefits/partner-coupons/reclaim', { body: { coupon_id: voucher } }),
    ]);
    assert.equal(reclaimed.status, 204, JSON.stringify(reclaimed.body));
    const back = (await quotaOf(sp, quota)).balance - quotaBefore;
    if (paid.status === 204) assert.equal(back, 50);
    else {
      assert.equal(paid.body.error_code, 'HBN.6104', JSON.stringify(paid.body));
      assert.equal(back, 150);
    }
  }
  await assertLedgerInvariant(t);
});
