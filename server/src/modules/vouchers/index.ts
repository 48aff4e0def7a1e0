// The vouchers module: quotas, coupons to customers, automatic reclaim, expiry, test vouchers.
import { createCouponService } from './coupons.service.ts';
import { createQuotaService } from './quotas.service.ts';
import { createRedemption } from './redemption.service.ts';
import { createTestVoucherService } from './test-vouchers.service.ts';
import type { VouchersDeps } from './vouchers.shared.ts';

export function createVouchersModule(deps: VouchersDeps) {
  const quotas = createQuotaService(deps);
  const coupons = createCouponService(deps);
  const testVouchers = createTestVoucherService(deps);
  return {
    quotas,
    coupons,
    testVouchers,
    /** The orders module's CouponSource: vouchers pay orders (and come back on a 5-day unsubscription). */
    couponSource: createRedemption(deps),
    /** Register with customers.registerDisassociationEffect: reclaim in the ending transaction. */
    reclaimOnAssociationEnd: coupons.reclaimOnAssociationEnd,
    /** One tick of the server's timer: activation and expiry of coupons and quotas. */
    tick: (now?: Date) => coupons.sweep(now),
  };
}

export type VouchersModule = ReturnType<typeof createVouchersModule>;
export type { VouchersDeps } from './vouchers.shared.ts';
export { vouchersRoutes } from './vouchers.routes.ts';
export { assertAllUsed, planDeduction, ineligibility, REFUSAL_CODES, type Charge, type Coupon, type Deduction } from './deduction.rules.ts';
