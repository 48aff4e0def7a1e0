// Ending a resale association returns exactly what is left of the customer's balance to the
// partner, in the transaction that ends it, recorded as SOURCE_OPERATION_BEUNBIND.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { assertLedgerInvariant, balanceOf, orgIdOf } from '../support/ledger.ts';

let t: TestApp;
before(async () => (t = await createTestApp()));
afterEach(() => assertLedgerInvariant(t));
after(() => t.close());

test('a resale customer leaves: its ¥ balance goes back to the partner, and both keep the history', async () => {
  const sp = await t.token('sp_demo');
  const customer = await t.token('cust_demo2');
  const customerId = await orgIdOf(t, 'cust_demo2');

  // A top-up of the customer's balance to an odd amount, so that "exactly" means something.
  const allocated = await sp.post('/v2/accounts/partner-accounts/adjust-amount', { body: { customer_id: customerId, amount: '123.45' } });
  assert.equal(allocated.status, 200);
  const customerBefore = await balanceOf(t, 'cust_demo2', 'customer_balance');
  const partnerBefore = await balanceOf(t, 'sp_demo', 'partner_cash');
  assert.ok(customerBefore > 12_345n);

  const request = await customer.post('/api/my-partners/disassociation', { body: { reason: 'moving to direct purchase' } });
  assert.equal(request.status, 201, JSON.stringify(request.body));
  const approved = await sp.post(`/api/association-events/${request.body.id}/approve`, { body: {} });
  assert.equal(approved.status, 200, JSON.stringify(approved.body));

  assert.equal(await balanceOf(t, 'cust_demo2', 'customer_balance'), 0n);
  assert.equal(await balanceOf(t, 'sp_demo', 'partner_cash'), partnerBefore + customerBefore);

  const records = await sp.get('/v3/accounts/partner-accounts/adjust-records', { query: { customer_id: customerId, operation_type: 'SOURCE_OPERATION_BEUNBIND' } });
  assert.equal(records.status, 200);
  assert.equal(records.body.records.length, 1);
  assert.equal(Number(records.body.records[0].amount), Number(customerBefore) / 100);

  // The association period's allocations stay visible to the partner.
  const history = await sp.get('/v3/accounts/partner-accounts/adjust-records', { query: { customer_id: customerId } });
  assert.ok(history.body.records.some((r: { operation_type: string }) => r.operation_type === 'SOURCE_OPERATION_BEADJUST'));
});

test('a consultative customer leaving moves no money', async () => {
  const journalsBefore = (await t.database.db.selectFrom('ledger_journal').select('id').execute()).length;
  const customer = await t.token('cust_demo1');
  const sp = await t.token('sp_demo');
  // The demo's pending partner-payment application blocks leaving (HBN.2151) until withdrawn.
  const blocked = await customer.post('/api/my-partners/disassociation', { body: { reason: 'no longer needed' } });
  assert.equal(blocked.body.error_code, 'HBN.2151', JSON.stringify(blocked.body));
  const pending = await t.database.db.selectFrom('customer_order').select('id').where('customer_org_id', '=', await orgIdOf(t, 'cust_demo1')).where('partner_pay_status', '=', 'PENDING').execute();
  for (const o of pending) assert.equal((await customer.delete(`/api/orders/${o.id}/partner-payment`)).status, 200);
  const request = await customer.post('/api/my-partners/disassociation', { body: { reason: 'no longer needed' } });
  assert.equal(request.status, 201, JSON.stringify(request.body));
  assert.equal((await sp.post(`/api/association-events/${request.body.id}/approve`, { body: {} })).status, 200);
  assert.equal((await t.database.db.selectFrom('ledger_journal').select('id').execute()).length, journalsBefore);
});
