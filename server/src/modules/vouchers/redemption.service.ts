// Vouchers paying orders: the orders module's CouponSource. The deduction function decides which
// coupon pays what; here the coupons are read (locked during a payment), their rows charged and
// each use recorded, and on an unsubscription within the no-reason period given back. The
// orders module posts the legs returned here in the payment (or refund) journal, in the same
// transaction as these row changes, so rows and the coupon_balance account never disagree.
import { AppError } from '../../shared/errors.ts';
import { newPrefixedId } from '../../shared/ids.ts';
import type { PostingInput } from '../ledger/ledger.rules.ts';
import type { CouponSource } from '../orders/index.ts';
import * as repo from './vouchers.repo.ts';
import { COUPON_OPERATION, COUPON_STATUS, expiryDestination, windowStart } from './vouchers.rules.ts';
import { asDeductionCoupon, logCouponOperation, returnDestination, type VouchersDeps } from './vouchers.shared.ts';

export function createRedemption(deps: VouchersDeps): CouponSource {
  const { clock, settings } = deps;
  const customerLeg = (orgId: string, amount: bigint): PostingInput => ({ account: { orgId, kind: 'coupon_balance' }, amount });

  return {
    /** The coupons the customer can see (its query window); locked when called inside a payment. */
    async list(tx, customerOrgId) {
      const rows = await repo.heldCoupons(tx, customerOrgId, windowStart(clock.now(), settings.customerViewMonths));
      return rows.map(asDeductionCoupon);
    },

    /** Charges the coupons the deduction chose; re-checked on the locked rows. */
    async redeem(tx, customerOrgId, orderId, uses) {
      const now = clock.now();
      const legs: PostingInput[] = [];
      for (const use of [...uses].sort((a, b) => (a.couponId < b.couponId ? -1 : 1))) {
        const c = await repo.lockCoupon(tx, use.couponId);
        if (!c || c.customer_org_id !== customerOrgId) throw new AppError('CBC.99003108', use.couponId);
        if (c.status !== COUPON_STATUS.usable || c.balance < use.amount || use.amount <= 0n) throw new AppError('HBN.6104', c.id);
        const balance = c.balance - use.amount;
        await repo.setCoupon(tx, c.id, { balance, status: balance === 0n ? COUPON_STATUS.usedUp : COUPON_STATUS.usable, last_used_at: now, updated_at: now });
        await repo.insertUsage(tx, { id: newPrefixedId('CU'), coupon_id: c.id, customer_org_id: customerOrgId, order_id: orderId, amount: use.amount, used_at: now, restored_at: null });
        legs.push(customerLeg(customerOrgId, -use.amount));
      }
      return legs;
    },

    /**
     * Gives an order's coupon uses back (an unsubscription within the no-reason period). A coupon
     * the customer still holds gets its amount back (and is usable again; one past its expiry is
     * expired by the next sweep, which routes it as any expiry). A coupon reclaimed or expired
     * since sends the amount where its remainder went: the issuing quota (logged as operation 5,
     * unsubscribe reclaim), or the vendor.
     */
    async restore(tx, customerOrgId, orderId) {
      const now = clock.now();
      const legs: PostingInput[] = [];
      for (const use of await repo.openUsagesOfOrder(tx, orderId)) {
        const c = (await repo.lockCoupon(tx, use.coupon_id))!;
        await repo.markUsageRestored(tx, use.id, now);
        if (c.status === COUPON_STATUS.usable || c.status === COUPON_STATUS.usedUp) {
          await repo.setCoupon(tx, c.id, { balance: c.balance + use.amount, status: COUPON_STATUS.usable, updated_at: now });
          legs.push(customerLeg(customerOrgId, use.amount));
          continue;
        }
        if (c.status === COUPON_STATUS.expired && (expiryDestination(c.coupon_type) === 'expired' || !c.quota_id)) {
          legs.push({ account: { orgId: (await repo.findVendorOrg(tx)).id, kind: 'vendor_coupon_expired' }, amount: use.amount });
          continue;
        }
        const destination = await returnDestination(tx, c.quota_id);
        legs.push({ account: destination.account, amount: use.amount });
        if (destination.quota) await repo.addToQuota(tx, destination.quota.id, use.amount, now);
        await logCouponOperation(tx, {
          coupon: c,
          quotaType: destination.quotaType,
          operationType: COUPON_OPERATION.unsubscribeReclaim,
          amount: use.amount,
          journalId: null,
          remark: `order ${orderId} unsubscribed after the coupon was ${c.status === COUPON_STATUS.expired ? 'expired' : 'reclaimed'}`,
          at: now,
        });
      }
      return legs;
    },
  };
}
