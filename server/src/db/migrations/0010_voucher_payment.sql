-- Vouchers pay orders: each use of a coupon by an order (restored when the order is unsubscribed
-- within the no-reason period), the cash-coupon usage-ratio cap, and what test-voucher
-- applications need for their ceilings.

-- One row per coupon an order used. The order's payment journal moves the same amounts out of
-- the customer's coupon_balance account; restored_at marks the uses an unsubscription gave back.
CREATE TABLE coupon_usage (
  id              text PRIMARY KEY,
  coupon_id       text NOT NULL REFERENCES coupon (id),
  customer_org_id text NOT NULL,
  order_id        text NOT NULL,
  amount          bigint NOT NULL CHECK (amount > 0),
  used_at         timestamptz NOT NULL,
  restored_at     timestamptz
);
CREATE INDEX coupon_usage_order_idx ON coupon_usage (order_id);
CREATE INDEX coupon_usage_coupon_idx ON coupon_usage (coupon_id, used_at DESC);

-- Cash coupons: the largest share of an order they may pay, in basis points (3000 = 30 %).
ALTER TABLE coupon ADD COLUMN usage_ratio_bp integer CHECK (usage_ratio_bp BETWEEN 1 AND 10000);
ALTER TABLE coupon ADD COLUMN last_used_at timestamptz;

-- Test vouchers: the reason of an application beyond the remaining applicable amount.
ALTER TABLE test_voucher_application ADD COLUMN supplementary_reason text;
