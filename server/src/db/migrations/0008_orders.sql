-- Customer orders (Huawei's order types and statuses), partner payment (伙伴支付) applications,
-- 严选 price adjustments, VAT invoices and the 严选 resale programme. Money moves only through
-- the ledger; an order records which accounts paid it so that a refund returns there.
CREATE TABLE customer_order (
  id                     text PRIMARY KEY,
  customer_org_id        text NOT NULL REFERENCES organization (id),
  -- The customer's partner and association type when the order was placed (null: none).
  partner_org_id         text REFERENCES organization (id),
  association_type       integer,
  -- Huawei order_type: 1 new, 2 renew, 3 change, 4 unsubscribe.
  order_type             integer NOT NULL CHECK (order_type IN (1, 2, 3, 4)),
  -- Huawei status: 4 cancelled, 5 completed, 6 pending payment.
  status                 integer NOT NULL CHECK (status IN (4, 5, 6)),
  -- Huawei source_type: 1 customer, 2 agent (a partner on the customer's behalf).
  source_type            integer NOT NULL CHECK (source_type IN (1, 2)),
  placed_by_org_id       text NOT NULL,
  placed_by_user_id      text,
  placed_by_name         text,
  product_id             text NOT NULL REFERENCES product (id),
  spec_id                text NOT NULL REFERENCES product_spec (id),
  product_kind           text NOT NULL,
  service_type_code      text NOT NULL,
  is_yanxuan             boolean NOT NULL DEFAULT false,
  -- 严选: the partner the customer named when ordering in the 严选 mall.
  yanxuan_partner_id     text,
  spec_desc              text NOT NULL,
  -- The spec as it was priced (list price, last change) to detect a changed specification.
  unit_price             bigint NOT NULL CHECK (unit_price > 0),
  spec_version_at        timestamptz NOT NULL,
  period_type            integer NOT NULL,
  period_num             integer,
  subscription_num       integer NOT NULL CHECK (subscription_num > 0),
  official_amount        bigint NOT NULL CHECK (official_amount >= 0),
  amount                 bigint NOT NULL CHECK (amount >= 0),
  base_order_id          text REFERENCES customer_order (id),
  effective_at           timestamptz,
  expire_at              timestamptz,
  pending_payment_end_at timestamptz,
  -- Partner payment application: PENDING -> PAID | REJECTED | CANCELLED | EXPIRED.
  partner_pay_status     text CHECK (partner_pay_status IN ('PENDING', 'PAID', 'REJECTED', 'CANCELLED', 'EXPIRED')),
  partner_pay_requested_at timestamptz,
  partner_pay_reason     text,
  payer                  text CHECK (payer IN ('customer', 'partner')),
  paying_org_id          text,
  -- [{org_id, kind, amount}] the ledger accounts the payment came from (refunds go back there).
  payment_sources        text,
  payment_journal_id     text,
  paid_at                timestamptz,
  coupon_amount          bigint NOT NULL DEFAULT 0,
  -- Who may be invoiced for what was paid: the customer or the partner (by association type).
  invoice_party_org_id   text,
  invoice_id             text,
  refunded_amount        bigint NOT NULL DEFAULT 0,
  unsubscribed_by_order_id text,
  created_at             timestamptz NOT NULL,
  updated_at             timestamptz NOT NULL
);
CREATE INDEX customer_order_customer_idx ON customer_order (customer_org_id, created_at DESC);
CREATE INDEX customer_order_partner_idx ON customer_order (partner_org_id, created_at DESC);
CREATE INDEX customer_order_due_idx ON customer_order (pending_payment_end_at) WHERE status = 6;
CREATE INDEX customer_order_invoiceable_idx ON customer_order (invoice_party_org_id) WHERE invoice_id IS NULL;

CREATE TABLE customer_order_history (
  id          bigserial PRIMARY KEY,
  order_id    text NOT NULL REFERENCES customer_order (id),
  org_id      text NOT NULL,
  action      text NOT NULL,
  from_status integer,
  to_status   integer NOT NULL,
  actor_org_id text,
  actor_user_id text,
  reason      text,
  at          timestamptz NOT NULL
);
CREATE INDEX customer_order_history_order_idx ON customer_order_history (order_id, id);

-- 严选 price changes by the partner: logged and shown to the customer.
CREATE TABLE order_price_adjustment (
  id             bigserial PRIMARY KEY,
  order_id       text NOT NULL REFERENCES customer_order (id),
  partner_org_id text NOT NULL,
  from_amount    bigint NOT NULL,
  to_amount      bigint NOT NULL,
  actor_user_id  text,
  at             timestamptz NOT NULL
);
CREATE INDEX order_price_adjustment_order_idx ON order_price_adjustment (order_id, id);

-- Partners the vendor admitted to the 严选 product resale programme.
CREATE TABLE yanxuan_reseller (
  partner_org_id text PRIMARY KEY REFERENCES organization (id),
  enabled_by     text,
  enabled_at     timestamptz NOT NULL
);

-- VAT invoices issued by the vendor for orders of one invoicee.
CREATE TABLE vat_invoice (
  id             text PRIMARY KEY,
  org_id         text NOT NULL REFERENCES organization (id),
  amount         bigint NOT NULL CHECK (amount > 0),
  title          text NOT NULL,
  issued_by      text,
  issued_at      timestamptz NOT NULL
);
CREATE INDEX vat_invoice_org_idx ON vat_invoice (org_id, issued_at DESC);
