import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AppError } from '../../shared/errors.ts';
import { assertAllUsed, ineligibility, planDeduction, REFUSAL_CODES, useLimitsOf, type Charge, type Coupon, type Refusal } from './deduction.rules.ts';

const at = new Date('2026-06-15T00:00:00Z');
const day = 86_400_000;

const charge = (over: Partial<Charge> = {}): Charge => ({
  kind: 'order',
  amount: 10_000n,
  productSource: 'vendor',
  serviceType: 'hws.service.type.ec2',
  productId: 'ecs.s6.large',
  periodMonths: 1,
  discounted: false,
  highestLineDiscountRatio: 1,
  payer: 'customer',
  orderId: 'O1',
  at,
  ...over,
});

const coupon = (id: string, over: Partial<Coupon> = {}): Coupon => ({
  id,
  type: 'voucher',
  cycle: 'general',
  balance: 5_000n,
  status: 'usable',
  frozen: false,
  lockedByOrderId: null,
  validFrom: new Date(at.getTime() - 10 * day),
  expiresAt: new Date(at.getTime() + 30 * day),
  serviceTypes: [],
  productIds: [],
  combinesWithDiscount: true,
  minConsumeDiscount: null,
  maxPeriodMonths: null,
  usageRatioCap: null,
  ...over,
});

// [case, charge, coupon, expected refusal or null]
const eligibilityTable: [string, Charge, Coupon, Refusal | null][] = [
  ['general voucher pays a yearly/monthly order', charge(), coupon('a'), null],
  ['general voucher pays on-demand usage', charge({ kind: 'usage' }), coupon('a'), null],
  ['pay-per-use voucher pays on-demand usage', charge({ kind: 'usage' }), coupon('a', { cycle: 'on_demand' }), null],
  ['pay-per-use voucher never pays an order', charge(), coupon('a', { cycle: 'on_demand' }), 'pay_per_use_only'],
  ['never a marketplace product (order)', charge({ productSource: 'marketplace' }), coupon('a'), 'marketplace'],
  ['never a marketplace product (usage)', charge({ kind: 'usage', productSource: 'marketplace' }), coupon('a', { cycle: 'on_demand' }), 'marketplace'],
  ['never arrears', charge({ kind: 'arrears' }), coupon('a'), 'arrears'],
  ['never arrears, even pay-per-use', charge({ kind: 'arrears' }), coupon('a', { cycle: 'on_demand' }), 'arrears'],
  ['never on a partner-paid order', charge({ payer: 'partner' }), coupon('a'), 'partner_paid'],
  ['cash coupon never on a partner-paid order', charge({ payer: 'partner' }), coupon('a', { type: 'cash' }), 'partner_paid'],
  ['used-up voucher', charge(), coupon('a', { status: 'used_up' }), 'not_usable'],
  ['reclaimed voucher', charge(), coupon('a', { status: 'reclaimed' }), 'not_usable'],
  ['expired status', charge(), coupon('a', { status: 'expired' }), 'expired'],
  ['not activated', charge(), coupon('a', { status: 'not_activated' }), 'not_yet_valid'],
  ['zero balance', charge(), coupon('a', { balance: 0n }), 'not_usable'],
  ['frozen voucher', charge(), coupon('a', { frozen: true }), 'frozen'],
  ['locked by another order', charge(), coupon('a', { lockedByOrderId: 'O2' }), 'locked_by_other_order'],
  ['locked by this order is usable', charge(), coupon('a', { lockedByOrderId: 'O1' }), null],
  ['before its validity', charge(), coupon('a', { validFrom: new Date(at.getTime() + day) }), 'not_yet_valid'],
  ['at its expiry instant', charge(), coupon('a', { expiresAt: at }), 'expired'],
  ['service scope matches', charge(), coupon('a', { serviceTypes: ['hws.service.type.ec2'] }), null],
  ['service scope differs', charge(), coupon('a', { serviceTypes: ['hws.service.type.rds'] }), 'outside_scope'],
  ['product scope differs', charge(), coupon('a', { productIds: ['other'] }), 'outside_scope'],
  ['test voucher: monthly order allowed', charge({ periodMonths: 1 }), coupon('a', { maxPeriodMonths: 11 }), null],
  ['test voucher: yearly order refused', charge({ periodMonths: 12 }), coupon('a', { maxPeriodMonths: 11 }), 'period_too_long'],
  ['test voucher: on-demand usage allowed', charge({ kind: 'usage', periodMonths: undefined }), coupon('a', { maxPeriodMonths: 11 }), null],
  ['no combination with an authorised discount', charge({ discounted: true, highestLineDiscountRatio: 0.9 }), coupon('a', { combinesWithDiscount: false }), 'no_discount_combination'],
  ['combines when allowed', charge({ discounted: true, highestLineDiscountRatio: 0.9 }), coupon('a'), null],
  ['discount deeper than the minimum', charge({ discounted: true, highestLineDiscountRatio: 0.7 }), coupon('a', { minConsumeDiscount: 0.8 }), 'discount_below_minimum'],
  ['discount within the minimum', charge({ discounted: true, highestLineDiscountRatio: 0.85 }), coupon('a', { minConsumeDiscount: 0.8 }), null],
  ['minimum ignored without discount', charge(), coupon('a', { minConsumeDiscount: 0.8 }), null],
];

for (const [name, c, k, expected] of eligibilityTable) {
  test(`eligibility: ${name}`, () => assert.equal(ineligibility(c, k), expected));
}

test('order: one voucher only; the restricted one goes first', () => {
  const plan = planDeduction(charge(), [coupon('general'), coupon('scoped', { serviceTypes: ['hws.service.type.ec2'] })]);
  assert.deepEqual(plan.uses, [{ couponId: 'scoped', amount: 5_000n }]);
  assert.equal(plan.remaining, 5_000n);
  assert.deepEqual(plan.refused, [{ couponId: 'general', reason: 'one_voucher_per_order' }]);
});

test('soonest expiry first among equals', () => {
  const plan = planDeduction(charge(), [coupon('late', { expiresAt: new Date(at.getTime() + 60 * day) }), coupon('soon', { expiresAt: new Date(at.getTime() + 2 * day) })]);
  assert.equal(plan.uses[0].couponId, 'soon');
});

test('a voucher larger than the order pays it in full and leaves its rest', () => {
  const plan = planDeduction(charge({ amount: 3_000n }), [coupon('big', { balance: 9_000n })]);
  assert.deepEqual(plan.uses, [{ couponId: 'big', amount: 3_000n }]);
  assert.equal(plan.remaining, 0n);
});

test('several cash coupons on one order, after the voucher', () => {
  const plan = planDeduction(charge({ amount: 12_000n }), [
    coupon('cash1', { type: 'cash', balance: 3_000n }),
    coupon('v', { balance: 5_000n }),
    coupon('cash2', { type: 'cash', balance: 3_000n, expiresAt: new Date(at.getTime() + 5 * day) }),
  ]);
  assert.deepEqual(plan.uses.map((u) => u.couponId), ['v', 'cash2', 'cash1']);
  assert.equal(plan.remaining, 1_000n);
});

test('cash coupons stop at their usage-ratio cap on orders', () => {
  const plan = planDeduction(charge({ amount: 10_000n }), [
    coupon('c1', { type: 'cash', balance: 4_000n, usageRatioCap: 0.5 }),
    coupon('c2', { type: 'cash', balance: 4_000n, usageRatioCap: 0.5, expiresAt: new Date(at.getTime() + 40 * day) }),
  ]);
  assert.deepEqual(plan.uses, [{ couponId: 'c1', amount: 4_000n }, { couponId: 'c2', amount: 1_000n }]);
  assert.equal(plan.remaining, 5_000n);
});

test('on-demand usage may consume several vouchers in priority order', () => {
  const plan = planDeduction(charge({ kind: 'usage', amount: 8_000n }), [
    coupon('ppu', { cycle: 'on_demand', balance: 3_000n, expiresAt: new Date(at.getTime() + 3 * day) }),
    coupon('gen', { balance: 3_000n, expiresAt: new Date(at.getTime() + 9 * day) }),
    coupon('scoped', { balance: 1_000n, productIds: ['ecs.s6.large'], expiresAt: new Date(at.getTime() + 90 * day) }),
  ]);
  assert.deepEqual(plan.uses.map((u) => [u.couponId, u.amount]), [['scoped', 1_000n], ['ppu', 3_000n], ['gen', 3_000n]]);
  assert.equal(plan.remaining, 1_000n);
});

test('nothing is deducted for arrears, marketplace or partner payment, whatever is held', () => {
  for (const c of [charge({ kind: 'arrears' }), charge({ productSource: 'marketplace' }), charge({ payer: 'partner' })]) {
    const plan = planDeduction(c, [coupon('a'), coupon('b', { type: 'cash' }), coupon('c', { cycle: 'on_demand' })]);
    assert.deepEqual(plan.uses, []);
    assert.equal(plan.remaining, c.amount);
  }
});

const arbCoupon = fc.record({
  id: fc.string({ minLength: 1, maxLength: 4 }),
  type: fc.constantFrom('voucher', 'cash'),
  cycle: fc.constantFrom('on_demand', 'general'),
  balance: fc.bigInt({ min: 0n, max: 20_000n }),
  status: fc.constantFrom('usable', 'usable', 'usable', 'used_up', 'expired', 'reclaimed', 'not_activated'),
  frozen: fc.boolean(),
  lockedByOrderId: fc.constantFrom(null, null, 'O1', 'O2'),
  validFrom: fc.integer({ min: -20, max: 5 }).map((d) => new Date(at.getTime() + d * day)),
  expiresAt: fc.integer({ min: -5, max: 60 }).map((d) => new Date(at.getTime() + d * day)),
  serviceTypes: fc.constantFrom([], ['hws.service.type.ec2'], ['hws.service.type.rds']),
  productIds: fc.constantFrom([], ['ecs.s6.large'], ['other']),
  combinesWithDiscount: fc.boolean(),
  minConsumeDiscount: fc.constantFrom(null, 0.5, 0.8, 0.95),
  maxPeriodMonths: fc.constantFrom(null, 11),
  usageRatioCap: fc.constantFrom(null, 0.3, 0.5, 1),
}) as fc.Arbitrary<Coupon>;

const arbCharge = fc.record({
  kind: fc.constantFrom('order', 'usage', 'arrears'),
  amount: fc.bigInt({ min: 1n, max: 50_000n }),
  productSource: fc.constantFrom('vendor', 'vendor', 'marketplace'),
  serviceType: fc.constantFrom('hws.service.type.ec2', 'hws.service.type.rds'),
  productId: fc.constantFrom('ecs.s6.large', 'other'),
  periodMonths: fc.constantFrom(1, 6, 12, 36),
  discounted: fc.boolean(),
  highestLineDiscountRatio: fc.constantFrom(0.6, 0.85, 1),
  payer: fc.constantFrom('customer', 'customer', 'partner'),
  orderId: fc.constant('O1'),
  at: fc.constant(at),
}) as fc.Arbitrary<Charge>;

test('property: never more than the charge, never more than a coupon holds, never an ineligible coupon', () => {
  fc.assert(
    fc.property(arbCharge, fc.uniqueArray(arbCoupon, { selector: (c) => c.id, maxLength: 8 }), (c, coupons) => {
      const plan = planDeduction(c, coupons);
      const byId = new Map(coupons.map((k) => [k.id, k]));
      const total = plan.uses.reduce((s, u) => s + u.amount, 0n);
      assert.equal(total + plan.remaining, c.amount);
      assert.ok(plan.remaining >= 0n && total <= c.amount);
      for (const u of plan.uses) {
        const k = byId.get(u.couponId)!;
        assert.ok(u.amount > 0n && u.amount <= k.balance);
        assert.equal(ineligibility(c, k), null);
      }
      if (c.kind === 'order') assert.ok(plan.uses.filter((u) => byId.get(u.couponId)!.type === 'voucher').length <= 1);
      assert.equal(new Set(plan.uses.map((u) => u.couponId)).size, plan.uses.length);
    }),
    { numRuns: 2000 },
  );
});

test('every refusal has its own stable code; a payer naming coupons gets all used or the first refusal', () => {
  const codes = Object.values(REFUSAL_CODES);
  assert.equal(new Set(codes).size, codes.length);
  assert.doesNotThrow(() => assertAllUsed(planDeduction(charge(), [coupon('a')])));
  const twoVouchers = planDeduction(charge(), [coupon('a'), coupon('b')]);
  assert.throws(() => assertAllUsed(twoVouchers), (e: AppError) => e.code === 'HBN.6114' && e.detail === 'b');
  assert.throws(() => assertAllUsed(planDeduction(charge({ productSource: 'marketplace' }), [coupon('a')])), (e: AppError) => e.code === 'HBN.6101');
});

test('use limits on the wire name every restriction of a coupon', () => {
  const c = coupon('a', { cycle: 'on_demand', serviceTypes: ['hws.service.type.ec2'], maxPeriodMonths: 11, combinesWithDiscount: false, usageRatioCap: 0.3 });
  assert.deepEqual(useLimitsOf(c).map((l) => [l.limit_key, l.value1]), [
    ['cycleType', '5'],
    ['serviceType', 'hws.service.type.ec2'],
    ['maxPeriodMonths', '11'],
    ['simultaneousUseWithEmpowerDiscount', '0'],
    ['usageRatio', '0.3'],
  ]);
});
