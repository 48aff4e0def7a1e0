import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../shared/errors.ts';
import {
  actingPartnerId,
  assertAdjustableCustomer,
  assertOwnReseller,
  canMove,
  payerIsKnown,
  requirePartner,
  tradeWindow,
  withdrawable,
  WITHDRAWAL_TRANSITIONS,
} from './funds.rules.ts';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as AppError).code;
  }
  return 'none';
};
const md = { id: 'md', partnerType: 'master_distributor' as const };
const rs = (parent: string) => ({ id: 'rs', kind: 'partner' as const, partner_type: 'cloud_reseller' as const, parent_partner_id: parent });

test('only the reseller’s own master distributor may operate it', () => {
  assert.equal(code(() => assertOwnReseller(md, rs('md'))), 'none');
  assert.equal(code(() => assertOwnReseller(md, rs('other'))), 'CBC.99000037');
  assert.equal(code(() => assertOwnReseller(md, undefined)), 'CBC.99000037');
  assert.equal(code(() => assertOwnReseller({ id: 'md', partnerType: 'solution_provider' }, rs('md'))), 'CBC.99000037');
});

test('the acting partner is the caller unless a distributor names one of its resellers', () => {
  assert.equal(actingPartnerId(md, undefined, undefined), 'md');
  assert.equal(actingPartnerId({ id: 'rs', partnerType: 'cloud_reseller' }, 'rs', undefined), 'rs');
  assert.equal(actingPartnerId(md, 'rs', rs('md')), 'rs');
  assert.equal(code(() => actingPartnerId(md, 'rs', rs('x'))), 'CBC.99000037');
});

test('only current resale customers can be adjusted; non-partners are refused', () => {
  assert.equal(code(() => assertAdjustableCustomer({ association_type: 2 })), 'none');
  assert.equal(code(() => assertAdjustableCustomer({ association_type: 1 })), 'CBC.99000000');
  assert.equal(code(() => assertAdjustableCustomer(undefined)), 'CBC.99000035');
  assert.equal(code(() => requirePartner({ kind: 'customer' })), 'CBC.5001');
});

test('income/expense windows: defaults, UTC+8 dates, at most one year', () => {
  const now = new Date('2026-06-01T18:00:00Z'); // 2 June in UTC+8
  const w = tradeWindow(undefined, undefined, now);
  assert.equal(w.from.toISOString(), '2025-06-01T16:00:00.000Z');
  assert.equal(w.to.toISOString(), '2026-06-02T16:00:00.000Z');
  assert.equal(code(() => tradeWindow('2025-01-01', '2026-01-02', now)), 'CBC.0100');
  assert.equal(code(() => tradeWindow('2025-01-02', '2026-01-02', now)), 'none');
  assert.equal(code(() => tradeWindow('2026-02-30', undefined, now)), 'CBC.0100');
  assert.equal(code(() => tradeWindow('2026-03-02', '2026-03-01', now)), 'CBC.0100');
  assert.equal(code(() => tradeWindow('2023-02-28', '2024-02-29', now)), 'none');
  // A malformed end alone (the begin defaults from it) is a parameter error, not a crash.
  assert.equal(code(() => tradeWindow(undefined, 'x', now)), 'CBC.0100');
  assert.equal(code(() => tradeWindow(undefined, '2026-13-01', now)), 'CBC.0100');
});

test('payer names match the partner or an active agreement, ignoring blanks and bracket width', () => {
  assert.ok(payerIsKnown(' 华东云总经销（上海）有限公司 ', '华东云总经销(上海)有限公司', []));
  assert.ok(payerIsKnown('Zhang San', 'X Co', ['zhang  san']));
  assert.ok(!payerIsKnown('Li Si', 'X Co', ['Zhang San']));
});

test('withdrawable subtracts invoices, unbilled and arrears, never below zero', () => {
  assert.equal(withdrawable({ cash: 1000n, outstandingInvoices: 100n, unbilled: 50n, subUserArrears: 25n }), 825n);
  assert.equal(withdrawable({ cash: 10n, outstandingInvoices: 100n, unbilled: 0n, subUserArrears: 0n }), 0n);
  assert.ok(canMove(WITHDRAWAL_TRANSITIONS, 'PENDING', 'PAID'));
  assert.ok(!canMove(WITHDRAWAL_TRANSITIONS, 'PAID', 'REJECTED'));
});

test('a malformed trade_time_end without a begin is a parameter error, not a crash', () => {
  assert.throws(() => tradeWindow(undefined, 'x', new Date('2026-06-01T00:00:00Z')), (e: unknown) => (e as { code?: string }).code === 'CBC.0100');
});
