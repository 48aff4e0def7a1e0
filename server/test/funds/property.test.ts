// Random sequences of allocate / reclaim / top-up / withdraw across a distributor, its resellers
// and customers: the invariant holds after every step and every refused step changes nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { assertLedgerInvariant, ledgerFingerprint, orgIdOf } from '../support/ledger.ts';

let t: TestApp;
let md: HttpClient;
let rs1: HttpClient;
let vendor: HttpClient;
const id: Record<string, string> = {};
before(async () => {
  t = await createTestApp();
  md = await t.token('md_demo');
  rs1 = await t.token('rs_demo1');
  vendor = await t.token('vendor_admin');
  for (const name of ['rs_demo1', 'rs_demo2', 'cust_demo3', 'cust_demo5', 'cust_demo6']) id[name] = await orgIdOf(t, name);
});
after(() => t.close());

// Amounts up to a million yuan so that some steps are refused for insufficient balance.
const amount = fc.oneof(fc.integer({ min: 1, max: 100_000_000 }), fc.constantFrom(0, -5)).map((fen) => (fen / 100).toFixed(2));
const step = fc.oneof(
  fc.record({ op: fc.constant('reseller_allocate'), to: fc.constantFrom('rs_demo1', 'rs_demo2'), amount }),
  fc.record({ op: fc.constant('reseller_reclaim'), to: fc.constantFrom('rs_demo1', 'rs_demo2'), amount }),
  fc.record({ op: fc.constant('customer_allocate'), to: fc.constantFrom('cust_demo3', 'cust_demo5', 'cust_demo6'), amount }),
  fc.record({ op: fc.constant('customer_reclaim'), to: fc.constantFrom('cust_demo3', 'cust_demo5', 'cust_demo6'), amount }),
  fc.record({ op: fc.constant('topup'), to: fc.constant('md_demo'), amount }),
  fc.record({ op: fc.constant('withdraw'), to: fc.constantFrom('md_demo', 'rs_demo1'), amount }),
);

async function run(s: { op: string; to: string; amount: string }) {
  const indirect = s.to === 'cust_demo5' ? id.rs_demo1 : s.to === 'cust_demo6' ? id.rs_demo2 : undefined;
  switch (s.op) {
    case 'reseller_allocate':
      return md.post('/v2/accounts/partner-accounts/indirect-partner-adjust', { body: { indirect_partner_id: id[s.to], amount: s.amount } });
    case 'reseller_reclaim':
      return md.post('/v2/accounts/partner-accounts/indirect-partner-reclaim', { body: { indirect_partner_id: id[s.to], amount: s.amount } });
    case 'customer_allocate':
      return md.post('/v2/accounts/partner-accounts/adjust-amount', { body: { customer_id: id[s.to], amount: s.amount, indirect_partner_id: indirect } });
    case 'customer_reclaim':
      return md.post('/v2/accounts/partner-accounts/reclaim', { body: { customer_id: id[s.to], amount: s.amount, indirect_partner_id: indirect } });
    case 'topup': {
      const r = await md.post('/api/funds/top-ups', { body: { amount: s.amount } });
      return r.status === 201 ? vendor.post(`/api/vendor/top-ups/${r.body.id}/confirm`) : r;
    }
    default: {
      const client = s.to === 'md_demo' ? md : rs1;
      const r = await client.post('/api/funds/withdrawals', { body: { amount: s.amount, bank_account_name: 'n', bank_account_number: '62220202001', bank_name: 'b' } });
      if (r.status !== 201) return r;
      return r.body.id.charCodeAt(r.body.id.length - 1) % 2 ? vendor.post(`/api/vendor/withdrawals/${r.body.id}/approve`) : vendor.post(`/api/vendor/withdrawals/${r.body.id}/reject`, { body: { reason: 'r' } });
    }
  }
}

test('the invariant holds after every step; refused steps change nothing', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
      for (const s of steps) {
        const before = await ledgerFingerprint(t);
        const r = await run(s);
        assert.ok(r.status < 500, JSON.stringify(r.body));
        if (r.status >= 400) {
          assert.ok(['CBC.0100', 'CBC.99005003', 'HBN.4004'].includes(r.body.error_code), JSON.stringify(r.body));
          assert.equal(await ledgerFingerprint(t), before, `${s.op} refused but changed the ledger`);
        } else {
          assert.notEqual(await ledgerFingerprint(t), before, `${s.op} succeeded but moved nothing`);
        }
        await assertLedgerInvariant(t);
      }
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 12) },
  );
});
