-- Customers (issue 5): association details, association events with history, reported customers,
-- invitations, account managers, on-behalf authorization, customer flags, mail outbox, webhooks.
-- Every tenant table carries org_id (the partner's organization) for distribution by that key.

ALTER TABLE customer_association
  ADD COLUMN is_frozen     smallint NOT NULL DEFAULT 0 CHECK (is_frozen IN (0, 1, 2)),
  ADD COLUMN frozen_reason text,
  ADD COLUMN frozen_at     timestamptz,
  ADD COLUMN end_reason    text CHECK (end_reason IN ('disassociated', 'type_switched')),
  ADD COLUMN source        text NOT NULL DEFAULT 'seed' CHECK (source IN ('seed', 'invitation', 'api', 'type_switch')),
  ADD COLUMN xaccount_id   text,
  ADD COLUMN xaccount_type text;
CREATE INDEX customer_association_customer_idx ON customer_association (customer_org_id);

-- Facts about a customer account that decide eligibility and account checks (spec 4.2, 4.4):
-- consumer_cloud, reported_by_vendor, referral_program, authorization_center, designated_contract,
-- reserved_instances, outstanding_invoices, stored_value_card, enterprise_master_independent_members,
-- enterprise_master_hosting_members, enterprise_member_hosting, enterprise_member_independent.
CREATE TABLE customer_flag (
  customer_org_id text NOT NULL REFERENCES organization (id),
  flag            text NOT NULL,
  set_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_org_id, flag)
);

-- Association events: association, partner- or customer-initiated disassociation, type switch.
CREATE TABLE association_event (
  id               text PRIMARY KEY,
  partner_org_id   text NOT NULL REFERENCES organization (id),
  customer_org_id  text NOT NULL REFERENCES organization (id),
  association_id   text NOT NULL REFERENCES customer_association (id),
  kind             text NOT NULL CHECK (kind IN ('associate', 'disassociate', 'switch_type')),
  initiator        text NOT NULL CHECK (initiator IN ('partner', 'customer', 'system')),
  status           text NOT NULL CHECK (status IN ('PENDING_CUSTOMER', 'PENDING_PARTNER', 'AGREED', 'APPROVED', 'REJECTED', 'CANCELLED', 'COMPLETED')),
  from_type        smallint NOT NULL CHECK (from_type IN (1, 2)),
  to_type          smallint CHECK (to_type IN (1, 2)),
  reason           text NOT NULL DEFAULT '',
  requested_by     text,
  requested_at     timestamptz NOT NULL,
  due_at           timestamptz,
  decided_at       timestamptz,
  decided_by       text,
  decision_reason  text,
  org_id           text GENERATED ALWAYS AS (partner_org_id) STORED
);
CREATE INDEX association_event_partner_idx ON association_event (partner_org_id, requested_at DESC);
CREATE INDEX association_event_customer_idx ON association_event (customer_org_id, requested_at DESC);
CREATE INDEX association_event_due_idx ON association_event (due_at) WHERE status = 'PENDING_PARTNER';
-- At most one open request per association.
CREATE UNIQUE INDEX association_event_one_open ON association_event (association_id)
  WHERE status IN ('PENDING_CUSTOMER', 'PENDING_PARTNER');

CREATE TABLE association_event_history (
  id          bigserial PRIMARY KEY,
  event_id    text NOT NULL REFERENCES association_event (id),
  org_id      text NOT NULL,
  from_status text,
  to_status   text NOT NULL,
  action      text NOT NULL,
  actor_org_id text,
  actor_user_id text,
  actor_via   text NOT NULL,
  at          timestamptz NOT NULL,
  reason      text
);
CREATE INDEX association_event_history_event_idx ON association_event_history (event_id, id);

-- Reported customers (报备), approved by the vendor, valid until valid_until.
CREATE TABLE customer_report (
  id             text PRIMARY KEY,
  partner_org_id text NOT NULL REFERENCES organization (id),
  customer_name  text NOT NULL,
  mobile         text NOT NULL,
  email          text NOT NULL,
  status         text NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
  created_by     text,
  created_at     timestamptz NOT NULL,
  decided_at     timestamptz,
  decided_by     text,
  decision_reason text,
  valid_until    timestamptz,
  org_id         text GENERATED ALWAYS AS (partner_org_id) STORED
);
CREATE INDEX customer_report_partner_idx ON customer_report (partner_org_id, created_at DESC);
CREATE INDEX customer_report_pending_idx ON customer_report (created_at) WHERE status = 'PENDING';

-- Invitations: online (e-mail, expires) and offline (link / QR code, never expires, optional tag).
CREATE TABLE customer_invitation (
  id               text PRIMARY KEY,
  partner_org_id   text NOT NULL REFERENCES organization (id),
  channel          text NOT NULL CHECK (channel IN ('online', 'offline')),
  association_type smallint NOT NULL CHECK (association_type IN (1, 2)),
  code             text NOT NULL UNIQUE,
  report_id        text REFERENCES customer_report (id),
  email            text,
  tag              text,
  manager_user_id  text REFERENCES app_user (id),
  created_by       text,
  created_at       timestamptz NOT NULL,
  expires_at       timestamptz,
  sent_count       integer NOT NULL DEFAULT 0,
  last_sent_at     timestamptz,
  revoked_at       timestamptz,
  accepted_count   integer NOT NULL DEFAULT 0,
  org_id           text GENERATED ALWAYS AS (partner_org_id) STORED
);
CREATE INDEX customer_invitation_partner_idx ON customer_invitation (partner_org_id, created_at DESC);
ALTER TABLE customer_association ADD COLUMN invitation_id text REFERENCES customer_invitation (id);

-- Account managers of customers and of cloud resellers; withdrawn rows are the history.
CREATE TABLE account_manager_assignment (
  id              text PRIMARY KEY,
  partner_org_id  text NOT NULL REFERENCES organization (id),
  subject_kind    text NOT NULL CHECK (subject_kind IN ('customer', 'reseller')),
  subject_org_id  text NOT NULL REFERENCES organization (id),
  manager_user_id text NOT NULL REFERENCES app_user (id),
  assigned_at     timestamptz NOT NULL,
  assigned_by     text,
  withdrawn_at    timestamptz,
  withdrawn_by    text,
  org_id          text GENERATED ALWAYS AS (partner_org_id) STORED
);
CREATE UNIQUE INDEX account_manager_one_current ON account_manager_assignment (partner_org_id, subject_org_id)
  WHERE withdrawn_at IS NULL;
CREATE INDEX account_manager_manager_idx ON account_manager_assignment (manager_user_id) WHERE withdrawn_at IS NULL;

-- On-behalf authorization (代客授权).
CREATE TABLE on_behalf_authorization (
  id              text PRIMARY KEY,
  partner_org_id  text NOT NULL REFERENCES organization (id),
  customer_org_id text NOT NULL REFERENCES organization (id),
  scopes          text NOT NULL,
  duration_days   integer NOT NULL CHECK (duration_days > 0),
  status          text NOT NULL CHECK (status IN ('REQUESTED', 'AUTHORIZED', 'REJECTED', 'WITHDRAWN', 'REVOKED', 'EXPIRED')),
  reason          text NOT NULL DEFAULT '',
  requested_by    text,
  requested_at    timestamptz NOT NULL,
  decided_at      timestamptz,
  expires_at      timestamptz,
  warned_at       timestamptz,
  ended_at        timestamptz,
  end_reason      text,
  org_id          text GENERATED ALWAYS AS (partner_org_id) STORED
);
CREATE INDEX on_behalf_authorization_pair_idx ON on_behalf_authorization (partner_org_id, customer_org_id);
CREATE INDEX on_behalf_authorization_expiry_idx ON on_behalf_authorization (expires_at) WHERE status = 'AUTHORIZED';
CREATE UNIQUE INDEX on_behalf_authorization_one_open ON on_behalf_authorization (partner_org_id, customer_org_id)
  WHERE status IN ('REQUESTED', 'AUTHORIZED');

CREATE TABLE on_behalf_authorization_history (
  id               bigserial PRIMARY KEY,
  authorization_id text NOT NULL REFERENCES on_behalf_authorization (id),
  org_id           text NOT NULL,
  from_status      text,
  to_status        text NOT NULL,
  action           text NOT NULL,
  actor_org_id     text,
  actor_user_id    text,
  actor_via        text NOT NULL,
  at               timestamptz NOT NULL,
  reason           text
);

-- Outgoing mail: written here in the sender's transaction; sent through SMTP when configured.
CREATE TABLE mail_outbox (
  id         text PRIMARY KEY,
  org_id     text NOT NULL,
  to_address text NOT NULL,
  subject    text NOT NULL,
  body_text  text NOT NULL,
  status     text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  created_at timestamptz NOT NULL,
  sent_at    timestamptz
);
CREATE INDEX mail_outbox_pending_idx ON mail_outbox (created_at) WHERE status = 'pending';

-- Webhooks: one endpoint per partner; deliveries are an outbox with retries and an attempt log.
CREATE TABLE webhook_endpoint (
  partner_org_id    text PRIMARY KEY REFERENCES organization (id),
  url               text NOT NULL,
  secret_ciphertext text NOT NULL,
  enabled           boolean NOT NULL DEFAULT true,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  org_id            text GENERATED ALWAYS AS (partner_org_id) STORED
);

CREATE TABLE webhook_delivery (
  id              text PRIMARY KEY,
  partner_org_id  text NOT NULL REFERENCES organization (id),
  event_type      text NOT NULL,
  payload         text NOT NULL,
  status          text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  last_status_code integer,
  last_error      text,
  created_at      timestamptz NOT NULL,
  delivered_at    timestamptz,
  org_id          text GENERATED ALWAYS AS (partner_org_id) STORED
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_delivery_partner_idx ON webhook_delivery (partner_org_id, created_at DESC);

CREATE TABLE webhook_attempt (
  id           bigserial PRIMARY KEY,
  delivery_id  text NOT NULL REFERENCES webhook_delivery (id),
  org_id       text NOT NULL,
  attempted_at timestamptz NOT NULL,
  status_code  integer,
  error        text,
  duration_ms  integer NOT NULL
);
CREATE INDEX webhook_attempt_delivery_idx ON webhook_attempt (delivery_id, id);
