import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../shared/errors.ts';
import { assertNoReorderNeeded, assertPayable, changeAmount, assertYanxuanPrice, estimatedRebate, invoiceParty, partnerPaySources, refundAmount, splitRefund } from './orders.rules.ts';

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
  assert.equal(estimatedRebate(10000n, 'marketplace', 'solution_provider'), 0n);
  assert.equal(estimatedRebate(10000n, 'stored_value_card', 'master_distributor'), 0n);
  assert.equal(estimatedRebate(10001n, 'cloud_service', 'master_distributor', 250), 250n, 'a configured 2.5 %, rounded down');
  assert.equal(estimatedRebate(10000n, 'cloud_service', 'master_distributor', 0), 0n);
});

test('a change costs the list-price difference for the share of the base period still to run', () => {
  const start = new Date('2026-01-01T00:00:00Z');
  const end = new Date('2026-04-01T00:00:00Z');
  const at = (fraction: number) => new Date(start.getTime() + (end.getTime() - start.getTime()) * fraction);
  const base = { oldUnitPrice: 15_000n, oldQuantity: 2, newUnitPrice: 62_000n, newQuantity: 2, periods: 3, start, end };
  assert.equal(changeAmount({ ...base, now: start }), 282_000n, 'the whole difference before the period starts');
  assert.equal(changeAmount({ ...base, now: new Date(start.getTime() - 86_400_000) }), 282_000n, 'a renewal not yet begun');
  assert.equal(changeAmount({ ...base, now: at(0.5) }), 141_000n);
  assert.equal(changeAmount({ ...base, now: at(0.25) }), 211_500n);
  // Rounded down to the fen: 1/3 of 100 fen.
  assert.equal(changeAmount({ ...base, oldUnitPrice: 0n, newUnitPrice: 100n, newQuantity: 1, periods: 1, now: at(2 / 3) }), 33n);
  assert.equal(code(() => changeAmount({ ...base, newUnitPrice: 15_000n, now: at(0.5) })), 'HBN.5116', 'the same price');
  assert.equal(code(() => changeAmount({ ...base, newQuantity: 1, newUnitPrice: 20_000n, now: at(0.5) })), 'HBN.5116', 'cheaper');
  assert.equal(code(() => changeAmount({ ...base, now: end })), 'HBN.5115', 'the period is over');
});
