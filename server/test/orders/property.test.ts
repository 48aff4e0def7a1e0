// Property: any sequence of order, pay, partner payment, reject, cancel, unsubscribe and sweep
// steps keeps the ledger invariant, never moves money on a refused step, and leaves every order
// paid at most once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { assertLedgerInvariant, ledgerFingerprint } from '../support/ledger.ts';
import { fundCustomer, place } from './helpers.ts';

let t: TestApp;
let clients: Record<string, HttpClient>;
async function signIn() {
  const names = ['cust_demo1', 'cust_demo2', 'sp_demo'];
  clients = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await t.token(n)] as const)));
}
before(async () => {
  t = await createTestApp();
  t.clock.advance(60_000);
  await signIn();
  await fundCustomer(t, 'cust_demo1', 300_000n);
});
after(() => t.close());

const SPECS = ['ssd.100g.monthly', 's6.large.2.yearly', 'card.1000', 'mysql.2c4g.ha.monthly'];
type Step =
  | { op: 'place'; customer: 'cust_demo1' | 'cust_demo2'; spec: number }
  | { op: 'pay' | 'ask' | 'partnerPay' | 'reject' | 'cancel' | 'unsubscribe' | 'withdraw'; pick: number }
  | { op: 'tick'; hours: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('place' as const), customer: fc.constantFrom('cust_demo1' as const, 'cust_demo2' as const), spec: fc.nat(SPECS.length - 1) }),
  fc.record({ op: fc.constantFrom('pay' as const, 'ask' as const, 'partnerPay' as const, 'reject' as const, 'cancel' as const, 'unsubscribe' as const, 'withdraw' as const), pick: fc.nat(50) }),
  fc.record({ op: fc.constant('tick' as const), hours: fc.nat(30) }),
);

test('the ledger invariant holds after every step of random order/pay/refund/cancel sequences', async () => {
  const orders: { id: string; customer: string }[] = [];
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
      for (const s of steps) {
        const before = await ledgerFingerprint(t);
        let reply: { status: number; body: any } | null = null;
        if (s.op === 'place') {
          orders.push({ id: (await place(clients[s.customer], t, SPECS[s.spec])).order_id, customer: s.customer });
        } else if (s.op === 'tick') {
          t.clock.advance(s.hours * 3_600_000);
          await t.services.orders.tick();
          await signIn(); // tokens may have expired
        } else if (orders.length > 0) {
          const o = orders[s.pick % orders.length];
          const c = clients[o.customer];
          const sp = clients.sp_demo;
          reply = await {
            pay: () => c.post('/v3/orders/customer-orders/pay', { body: { order_id: o.id } }),
            ask: () => c.post(`/api/orders/${o.id}/partner-payment`, { body: {} }),
            withdraw: () => c.delete(`/api/orders/${o.id}/partner-payment`),
            partnerPay: () => sp.post(`/api/orders/${o.id}/partner-payment/pay`),
            reject: () => sp.post(`/api/orders/${o.id}/partner-payment/reject`, { body: {} }),
            cancel: () => c.put('/v2/orders/customer-orders/cancel', { body: { order_id: o.id } }),
            unsubscribe: () => c.post(`/api/orders/${o.id}/unsubscribe`),
          }[s.op]();
          assert.ok(reply.status < 500, JSON.stringify(reply.body));
          if (reply.status >= 400) assert.equal(await ledgerFingerprint(t), before, `${s.op} refused but money moved`);
        }
        await assertLedgerInvariant(t);
      }
      // Each paid order has exactly one payment journal; unsubscribed ones one refund at most.
      const payments = await t.database.db.selectFrom('ledger_journal').select(['reference']).where('kind', '=', 'order_payment').execute();
      assert.equal(new Set(payments.map((p) => p.reference)).size, payments.length);
      const paid = await t.database.db.selectFrom('customer_order').select('id').where('status', '=', 5).where('order_type', '!=', 4).execute();
      assert.equal(payments.length, paid.length);
    }),
    { numRuns: 12, seed: 20261204 },
  );
});
