import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../shared/errors.ts';
import { assertNoReorderNeeded, assertPayable, assertYanxuanPrice, estimatedRebate, invoiceParty, partnerPaySources, refundAmount, splitRefund } from './orders.rules.ts';

const code = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as AppError).code;
  }
};

test('payable only while pending and before the deadline', () => {
  const now = new Date('2026-01-10T00:00:00Z');
  assert.equal(code(() => assertPayable({ status: 6, pending_payment_end_at: new Date('2026-01-11T00:00:00Z') }, now)), null);
  assert.equal(code(() => assertPayable({ status: 5, pending_payment_end_at: null }, now)), 'CBC.99003106');
  assert.equal(code(() => assertPayable({ status: 6, pending_payment_end_at: now }, now)), 'CBC.99003110');
});

test('SP/MD pay from cash and need the allocatable balance; a reseller pays cash, designated, then credit', () => {
  assert.deepEqual(partnerPaySources('p', 'solution_provider', { cash: 100n, designated: 0n, credit: 50n }, 100n), [{ org_id: 'p', kind: 'partner_cash', amount: 100n }]);
  assert.equal(code(() => partnerPaySources('p', 'master_distributor', { cash: 90n, designated: 0n, credit: 50n }, 100n)), 'CBC.99005003');
  assert.deepEqual(partnerPaySources('r', 'cloud_reseller', { cash: 60n, designated: 10n, credit: 50n }, 100n).map((s) => [s.kind, s.amount]), [['partner_cash', 60n], ['partner_designated', 10n], ['partner_credit', 30n]]);
  assert.equal(code(() => partnerPaySources('r', 'cloud_reseller', { cash: 60n, designated: 10n, credit: 20n }, 100n)), 'CBC.99005003');
});

test('invoice party by association type and payer', () => {
  const base = { customerId: 'c', partnerId: 'p' };
  assert.equal(invoiceParty({ ...base, associationType: 1, payer: 'customer', partnerType: 'solution_provider' }), 'c');
  assert.equal(invoiceParty({ ...base, associationType: 2, payer: 'customer', partnerType: 'solution_provider' }), 'p');
  assert.equal(invoiceParty({ ...base, associationType: 1, payer: 'partner', partnerType: 'solution_provider' }), 'c');
  assert.equal(invoiceParty({ ...base, associationType: 1, payer: 'partner', partnerType: 'master_distributor' }), 'p');
});

test('re-order conditions', () => {
  const at = new Date('2026-01-01T00:00:00Z');
  const order = { unit_price: 100n, spec_version_at: at, effective_at: null };
  assert.equal(code(() => assertNoReorderNeeded(order, { list_price: 100n, status: 'on_sale', updated_at: at }, at)), null);
  assert.equal(code(() => assertNoReorderNeeded(order, { list_price: 120n, status: 'on_sale', updated_at: at }, at)), 'HBN.5104');
  assert.equal(code(() => assertNoReorderNeeded(order, { list_price: 100n, status: 'off_sale', updated_at: at }, at)), 'HBN.5104');
  assert.equal(code(() => assertNoReorderNeeded({ ...order, effective_at: at }, { list_price: 100n, status: 'on_sale', updated_at: at }, new Date(at.getTime() + 1))), 'HBN.5105');
});

test('refunds: all within 5 days, then the unused share; split over the paying accounts exactly', () => {
  const paid = new Date('2026-01-01T00:00:00Z');
  const end = new Date('2026-01-31T00:00:00Z');
  assert.equal(refundAmount(3000n, paid, paid, end, new Date('2026-01-06T00:00:00Z')), 3000n);
  assert.equal(refundAmount(3000n, paid, paid, end, new Date('2026-01-16T00:00:00Z')), 1500n);
  assert.equal(refundAmount(3000n, paid, paid, null, new Date('2026-01-16T00:00:00Z')), 0n);
  const parts = splitRefund([{ org_id: 'r', kind: 'partner_cash', amount: 2n }, { org_id: 'r', kind: 'partner_credit', amount: 1n }], 2n);
  assert.equal(parts.reduce((s, p) => s + p.amount, 0n), 2n);
});

test('严选 price bounds and the rebate estimate', () => {
  assert.equal(code(() => assertYanxuanPrice(96000n, 96000n, 120000n)), null);
  assert.equal(code(() => assertYanxuanPrice(95999n, 96000n, 120000n)), 'HBN.5111');
  assert.equal(code(() => assertYanxuanPrice(120001n, 96000n, 120000n)), 'HBN.5111');
  assert.equal(estimatedRebate(10000n, 'cloud_service', 'solution_provider'), 500n);
  assert.equal(estimatedRebate(10000n, 'cloud_service', 'cloud_reseller'), 0n);
});
