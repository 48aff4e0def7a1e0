-- Voucher quotas, coupons issued from them, their operation logs, and test-voucher applications.
-- Amounts are fen. Every change of a quota's or a coupon's balance is also a ledger journal
-- (aggregate accounts per holder: partner_coupon_quota, coupon_balance); the per-row balance here
-- is the sub-ledger, changed in the same transaction as the journal.

CREATE TABLE coupon_quota (
  id                text PRIMARY KEY,
  org_id            text NOT NULL REFERENCES organization (id),
  quota_type        smallint NOT NULL CHECK (quota_type IN (0, 1)),
  -- 0 normal, 3 invalid (expired), 4 being adjusted, 5 frozen, 6 reclaimed by the tier-1
  status            smallint NOT NULL DEFAULT 0 CHECK (status IN (0, 3, 4, 5, 6)),
  quota_value       bigint NOT NULL CHECK (quota_value > 0),
  balance           bigint NOT NULL CHECK (balance >= 0),
  effective_time    timestamptz NOT NULL,
  expire_time       timestamptz NOT NULL,
  limit_infos       text NOT NULL DEFAULT '[]',
  parent_quota_id   text REFERENCES coupon_quota (id),
  granted_by_org_id text NOT NULL,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL
);
CREATE INDEX coupon_quota_org_idx ON coupon_quota (org_id, created_at DESC);
CREATE INDEX coupon_quota_parent_idx ON coupon_quota (parent_quota_id);
CREATE INDEX coupon_quota_due_idx ON coupon_quota (expire_time) WHERE status IN (0, 4, 5);

-- Tier-1 ⇄ tier-2 quota log (operation_type 10 issue, 11 reclaim).
CREATE TABLE coupon_quota_record (
  id                  text PRIMARY KEY,
  org_id              text NOT NULL,
  indirect_partner_id text NOT NULL,
  operator            text NOT NULL,
  operation_type      smallint NOT NULL CHECK (operation_type IN (10, 11)),
  quota_id            text NOT NULL,
  parent_quota_id     text NOT NULL,
  amount              bigint NOT NULL,
  result              smallint NOT NULL,
  remark              text,
  journal_id          text,
  created_at          timestamptz NOT NULL
);
CREATE INDEX coupon_quota_record_org_idx ON coupon_quota_record (org_id, created_at DESC);

CREATE TABLE coupon (
  id                     text PRIMARY KEY,
  customer_org_id        text NOT NULL REFERENCES organization (id),
  -- the partner that issued it (vendor for test vouchers), and the quota it came from
  issuer_org_id          text NOT NULL,
  quota_id               text REFERENCES coupon_quota (id),
  coupon_type            smallint NOT NULL CHECK (coupon_type IN (1, 4)),
  -- 1 not activated, 2 usable, 3 used up, 4 expired, 5 reclaimed
  status                 smallint NOT NULL CHECK (status IN (1, 2, 3, 4, 5)),
  cycle                  text NOT NULL CHECK (cycle IN ('on_demand', 'general')),
  face_value             bigint NOT NULL CHECK (face_value > 0),
  balance                bigint NOT NULL CHECK (balance >= 0),
  valid_time             timestamptz NOT NULL,
  expire_time            timestamptz NOT NULL,
  service_types          text NOT NULL DEFAULT '[]',
  product_ids            text NOT NULL DEFAULT '[]',
  max_period_months      integer,
  combines_with_discount boolean NOT NULL DEFAULT true,
  is_frozen              boolean NOT NULL DEFAULT false,
  lock_order_id          text,
  memo                   text,
  source                 text NOT NULL CHECK (source IN ('partner', 'test_voucher')),
  created_at             timestamptz NOT NULL,
  updated_at             timestamptz NOT NULL
);
CREATE INDEX coupon_issuer_idx ON coupon (issuer_org_id, created_at DESC);
CREATE INDEX coupon_customer_idx ON coupon (customer_org_id, status);
CREATE INDEX coupon_due_idx ON coupon (expire_time) WHERE status IN (1, 2);

-- Issue / reclaim log of coupons (operation_type 1 issue, 2 manual reclaim, 3 auto-reclaim on
-- unbinding, 4 expiry reclaim, 8 auto-reclaim on association-mode switch ...).
CREATE TABLE coupon_record (
  id              text PRIMARY KEY,
  org_id          text NOT NULL,
  operation_type  smallint NOT NULL,
  quota_id        text,
  quota_type      smallint,
  coupon_id       text NOT NULL,
  customer_id     text NOT NULL,
  amount          bigint NOT NULL,
  result          smallint NOT NULL DEFAULT 0,
  remark          text,
  journal_id      text,
  created_at      timestamptz NOT NULL
);
CREATE INDEX coupon_record_org_idx ON coupon_record (org_id, created_at DESC);

-- Test-voucher (测试券) applications: SUBMITTED -> APPROVED | REJECTED.
CREATE TABLE test_voucher_application (
  id               text PRIMARY KEY,
  org_id           text NOT NULL REFERENCES organization (id),
  voucher_type     text NOT NULL,
  amount           bigint NOT NULL CHECK (amount > 0),
  purpose          text NOT NULL,
  calculator_link  text NOT NULL,
  solution         text,
  status           text NOT NULL CHECK (status IN ('SUBMITTED', 'APPROVED', 'REJECTED')),
  approved_amount  bigint,
  valid_days       integer,
  coupon_id        text,
  decision_reason  text,
  decided_by       text,
  decided_at       timestamptz,
  created_by       text,
  created_at       timestamptz NOT NULL
);
-- One pending application per organization and type.
CREATE UNIQUE INDEX test_voucher_one_pending ON test_voucher_application (org_id, voucher_type) WHERE status = 'SUBMITTED';
