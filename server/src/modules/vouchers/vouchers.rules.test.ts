import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../shared/errors.ts';
import {
  assertCalculatorLink,
  assertQuotaLimits,
  assertQuotaUsable,
  checkTestVoucherApplication,
  checkTestVoucherGrant,
  couponUsageRatio,
  ratioBasisPoints,
  checkIssueAgainstQuota,
  checkRecipient,
  expiryDestination,
  initialCouponStatus,
  reclaimOperationOf,
  windowStart,
  type LimitInfo,
} from './vouchers.rules.ts';

const code = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as AppError).code;
  }
};
const at = (s: string) => new Date(s);
const quota = { status: 0, effective_time: at('2026-01-01T00:00:00Z'), expire_time: at('2026-12-31T00:00:00Z') };
const req = { faceValue: 5000n, count: 1, serviceTypes: [], productIds: [], cycle: 'general' as const, validTime: at('2026-02-01T00:00:00Z'), expireTime: at('2026-03-01T00:00:00Z') };

test('a quota issues only when normal and inside its validity', () => {
  assert.equal(code(() => assertQuotaUsable(quota, at('2026-06-01T00:00:00Z'), 'CBC.99000015')), null);
  assert.equal(code(() => assertQuotaUsable({ ...quota, status: 4 }, at('2026-06-01T00:00:00Z'), 'CBC.99000015')), 'CBC.99000015');
  assert.equal(code(() => assertQuotaUsable({ ...quota, status: 5 }, at('2026-06-01T00:00:00Z'), 'CBC.99000012')), 'CBC.99000012');
  assert.equal(code(() => assertQuotaUsable(quota, at('2025-12-31T23:59:59Z'), 'CBC.99000015')), 'CBC.99000017');
  assert.equal(code(() => assertQuotaUsable(quota, at('2026-12-31T00:00:00Z'), 'CBC.99000015')), 'CBC.99000017');
});

test('scope restrictions: inherit when not given, refuse when wider', () => {
  const limits: LimitInfo[] = [{ limit_key: 'serviceType', limit_values: [{ value1: 'ecs' }, { value1: 'evs' }] }];
  assert.deepEqual(checkIssueAgainstQuota(limits, quota, req).serviceTypes, ['ecs', 'evs']);
  assert.deepEqual(checkIssueAgainstQuota(limits, quota, { ...req, serviceTypes: ['ecs'] }).serviceTypes, ['ecs']);
  assert.equal(code(() => checkIssueAgainstQuota(limits, quota, { ...req, serviceTypes: ['obs'] })), 'CBC.99000023');
  assert.equal(code(() => checkIssueAgainstQuota([{ limit_key: 'cycleType', limit_values: [{ value1: '6' }] }], quota, { ...req, cycle: 'on_demand' })), 'CBC.99000024');
  assert.equal(code(() => checkIssueAgainstQuota([], quota, { ...req, expireTime: at('2027-01-01T00:00:00Z') })), 'CBC.99000017');
});

test('recipients: resale sub-customers only, never oneself, designated customers, first association', () => {
  const base = { customerId: 'c', partnerId: 'p', associationType: 2 as const, associatedBefore: false, hostedMember: false };
  assert.equal(code(() => checkRecipient([], base)), null);
  assert.equal(code(() => checkRecipient([], { ...base, customerId: 'p' })), 'CBC.99000025');
  assert.equal(code(() => checkRecipient([], { ...base, associationType: null })), 'CBC.99000035');
  assert.equal(code(() => checkRecipient([], { ...base, associationType: 1 })), 'CBC.99000014');
  assert.equal(code(() => checkRecipient([], { ...base, hostedMember: true })), 'CBC.50000034');
  assert.equal(code(() => checkRecipient([{ limit_key: 'designatedCustomer', limit_values: [{ value1: 'x' }] }], base)), 'CBC.50000020');
  assert.equal(code(() => checkRecipient([{ limit_key: 'firstAssociationOnly', limit_values: [{ value1: '1' }] }], { ...base, associatedBefore: true })), 'CBC.99000022');
});

test('states, expiry destination, reclaim reason, windows, calculator link', () => {
  assert.equal(initialCouponStatus(at('2026-02-01T00:00:00Z'), at('2026-01-01T00:00:00Z')), 1);
  assert.equal(initialCouponStatus(at('2026-01-01T00:00:00Z'), at('2026-01-01T00:00:00Z')), 2);
  assert.equal(expiryDestination(4), 'issuer_quota');
  assert.equal(expiryDestination(1), 'expired');
  assert.equal(reclaimOperationOf('disassociate'), 3);
  assert.equal(reclaimOperationOf('switch_type'), 8);
  assert.equal(windowStart(at('2026-08-31T00:00:00Z'), 6).toISOString().slice(0, 7), '2026-03');
  assert.equal(code(() => assertCalculatorLink('https://www.huaweicloud.com/pricing/calculator.html#/share/x')), null);
  assert.equal(code(() => assertCalculatorLink('http://www.huaweicloud.com/pricing/calculator.html')), 'HBN.6006');
  assert.equal(code(() => assertCalculatorLink('not a link')), 'HBN.6006');
});

test('ratios are read from text without floats: (0, 1], at most 4 decimals', () => {
  assert.deepEqual(['0.3', '0.0001', '1', '1.0', '0.5', 0.25, 1].map(ratioBasisPoints), [3000, 1, 10000, 10000, 5000, 2500, 10000]);
  assert.deepEqual(['0', '0.0', '1.0001', '0.00001', '-0.5', 'abc', '', '.5', 2].map(ratioBasisPoints), [null, null, null, null, null, null, null, null, null]);
});

test('a usage ratio belongs to cash-coupon quotas and coupons, never above the quota', () => {
  const capped: LimitInfo[] = [{ limit_key: 'usageRatio', limit_values: [{ value1: '0.5' }] }];
  assert.equal(code(() => assertQuotaLimits(1, capped)), null);
  assert.equal(code(() => assertQuotaLimits(0, capped)), 'HBN.6013');
  assert.equal(code(() => assertQuotaLimits(1, [{ limit_key: 'usageRatio', limit_values: [{ value1: '0' }] }])), 'HBN.6013');
  assert.equal(code(() => assertQuotaLimits(0, [{ limit_key: 'nope', limit_values: [] }])), 'HBN.6013');
  assert.equal(couponUsageRatio(1, capped, undefined), 5000);
  assert.equal(couponUsageRatio(1, capped, '0.2'), 2000);
  assert.equal(couponUsageRatio(1, [], '0.2'), 2000);
  assert.equal(couponUsageRatio(1, [], null), null);
  assert.equal(couponUsageRatio(0, [], undefined), null);
  assert.equal(code(() => couponUsageRatio(1, capped, '0.51')), 'HBN.6014');
  assert.equal(code(() => couponUsageRatio(0, [], '0.2')), 'HBN.6014');
  assert.equal(code(() => couponUsageRatio(1, [], '1.2')), 'HBN.6014');
});

test('test-voucher applications against their ceilings', () => {
  const base = { type: 'role_selection' as const, amount: 1_000_000n, solution: null, approvedSoFar: 0n, supplementaryReason: null };
  assert.equal(code(() => checkTestVoucherApplication(base)), null);
  assert.equal(code(() => checkTestVoucherApplication({ ...base, amount: 2_000_001n })), 'HBN.6008');
  assert.equal(code(() => checkTestVoucherApplication({ ...base, approvedSoFar: 1_000_001n })), 'HBN.6009');
  assert.equal(code(() => checkTestVoucherApplication({ ...base, approvedSoFar: 1_000_001n, supplementaryReason: '  ' })), 'HBN.6009');
  assert.equal(code(() => checkTestVoucherApplication({ ...base, approvedSoFar: 1_000_001n, supplementaryReason: 'scope grew' })), null);
  assert.equal(code(() => checkTestVoucherApplication({ ...base, type: 'cloud_software' })), 'HBN.6010');
  assert.equal(code(() => checkTestVoucherApplication({ ...base, type: 'cloud_software', solution: 'retail', amount: 10_000_000n })), null);
  assert.equal(code(() => checkTestVoucherGrant({ amount: 100n, applied: 100n, validDays: 365 })), null);
  assert.equal(code(() => checkTestVoucherGrant({ amount: 101n, applied: 100n, validDays: 30 })), 'HBN.6011');
  assert.equal(code(() => checkTestVoucherGrant({ amount: 101n, applied: null, validDays: 30 })), null);
  for (const days of [0, 366, 1.5]) assert.equal(code(() => checkTestVoucherGrant({ amount: 1n, applied: null, validDays: days })), 'HBN.6012');
});
