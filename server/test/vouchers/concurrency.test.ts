// Races on a real PostgreSQL (PGlite is one connection, so transactions there never overlap).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, testEngine, type TestApp } from '../support/test-app.ts';
import { assertLedgerInvariant, balanceOf, orgIdOf } from '../support/ledger.ts';
import { grantQuota, quotaOf } from './helpers.ts';

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
