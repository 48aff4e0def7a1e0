// Property: any sequence of issuing vouchers and cash coupons, placing orders, paying them with any
// choice of coupons, unsubscribing, reclaiming and letting time pass keeps the ledger invariant
// (quota and coupon rows included), moves nothing on a refused step, and never deducts more than
// a coupon holds or an order costs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { assertLedgerInvariant, ledgerFingerprint, orgIdOf } from '../support/ledger.ts';
import { place } from '../orders/helpers.ts';
import { grantQuota } from './helpers.ts';

let t: TestApp;
let sp: HttpClient;
let c2: HttpClient;
let customer: string;
let quotas: { voucher: string; cash: string };
async function signIn() {
  [sp, c2] = await Promise.all([t.token('sp_demo'), t.token('cust_demo2')]);
}
before(async () => {
  t = await createTestApp();
  t.clock.advance(60_000);
  await signIn();
  customer = await orgIdOf(t, 'cust_demo2');
  const spId = await orgIdOf(t, 'sp_demo');
  quotas = { voucher: await grantQuota(t, spId, '100000'), cash: await grantQuota(t, spId, '100000', { quota_type: 1 }) };
});
after(() => t.close());

const SPECS = ['ssd.100g.monthly', 'bw.5m.monthly', 's6.large.2.yearly', 'backup.license'];
type Step =
  | { op: 'issue'; cash: boolean; yuan: number; ratio: number | null; onDemand: boolean }
  | { op: 'place'; spec: number }
  | { op: 'pay'; pick: number; coupons: number[] }
  | { op: 'unsubscribe' | 'reclaim'; pick: number }
  | { op: 'tick'; days: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('issue' as const), cash: fc.boolean(), yuan: fc.integer({ min: 1, max: 400 }), ratio: fc.constantFrom(null, 0.3, 1), onDemand: fc.constantFrom(false, false, false, true) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('place' as const), spec: fc.nat(SPECS.length - 1) }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('pay' as const), pick: fc.nat(50), coupons: fc.array(fc.nat(50), { minLength: 1, maxLength: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('unsubscribe' as const, 'reclaim' as const), pick: fc.nat(50) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('tick' as const), days: fc.integer({ min: 1, max: 8 }) }) },
);

/** One of the last few (most steps concern what was just created). */
const recent = <T>(list: T[], pick: number) => list[list.length - 1 - (pick % Math.min(4, list.length))];

test('vouchers paying orders: the invariant holds after every step, and nothing is ever over-deducted', async () => {
  const orders: string[] = [];
  const coupons: string[] = [];
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 15 }), async (steps) => {
      for (const s of steps) {
        const before = await ledgerFingerprint(t);
        let reply: { status: number; body: any } | null = null;
        if (s.op === 'issue') {
          const body = { quota_id: s.cash ? quotas.cash : quotas.voucher, customer_ids: [customer], face_value: String(s.yuan), ...(s.cash ? { usage_ratio: s.ratio } : { cycle_type: s.onDemand ? '5' : '6' }) };
          reply = await sp.post('/v2/promotions/benefits/partner-coupons', { body });
          assert.equal(reply.status, 200, JSON.stringify(reply.body));
          coupons.push(...reply.body.coupon_infos.map((c: { coupon_id: string }) => c.coupon_id));
        } else if (s.op === 'place') {
          orders.push((await place(c2, t, SPECS[s.spec])).order_id);
        } else if (s.op === 'tick') {
          t.clock.advance(s.days * 86_400_000);
          await t.services.vouchers.tick();
          await t.services.orders.tick();
          await signIn(); // tokens may have expired
        } else if (s.op === 'reclaim' && coupons.length > 0) {
          reply = await sp.post('/v2/promotions/benefits/partner-coupons/reclaim', { body: { coupon_id: recent(coupons, s.pick) } });
        } else if (orders.length > 0) {
          const orderId = recent(orders, s.pick);
          if (s.op === 'unsubscribe') reply = await c2.post(`/api/orders/${orderId}/unsubscribe`);
          else {
            const named = coupons.length === 0 ? [] : [...new Set((s as { coupons: number[] }).coupons.map((i) => recent(coupons, i)))];
            const body = named.length > 0 ? { order_id: orderId, use_coupon: 'YES', coupon_infos: named.map((id) => ({ id, type: 1 })) } : { order_id: orderId };
            reply = await c2.post('/v3/orders/customer-orders/pay', { body });
          }
        }
        if (reply) {
          assert.ok(reply.status < 500, JSON.stringify(reply.body));
          if (reply.status >= 400) assert.equal(await ledgerFingerprint(t), before, `${s.op} refused but money moved: ${JSON.stringify(reply.body)}`);
        }
        await assertLedgerInvariant(t);
      }
      // Never more than a coupon holds, never more than an order costs.
      const rows = await t.database.db.selectFrom('coupon').select(['id', 'balance', 'face_value']).where('customer_org_id', '=', customer).execute();
      for (const c of rows) assert.ok(BigInt(c.balance) >= 0n && BigInt(c.balance) <= BigInt(c.face_value), c.id);
      const used = await t.database.db.selectFrom('coupon_usage').select(['coupon_id', 'order_id', 'amount']).where('customer_org_id', '=', customer).execute();
      const face = new Map(rows.map((c) => [c.id, BigInt(c.face_value)]));
      for (const u of used) assert.ok(BigInt(u.amount) > 0n && BigInt(u.amount) <= face.get(u.coupon_id)!);
      const paid = await t.database.db.selectFrom('customer_order').select(['id', 'amount', 'coupon_amount', 'product_kind']).where('customer_org_id', '=', customer).where('status', '=', 5).where('order_type', '!=', 4).execute();
      for (const o of paid) {
        const fromCoupons = used.filter((u) => u.order_id === o.id).reduce((sum, u) => sum + BigInt(u.amount), 0n);
        assert.equal(fromCoupons, BigInt(o.coupon_amount), o.id);
        assert.ok(fromCoupons <= BigInt(o.amount));
        if (o.product_kind === 'marketplace') assert.equal(fromCoupons, 0n);
      }
    }),
    { numRuns: 20, seed: 20261205 },
  );
});
