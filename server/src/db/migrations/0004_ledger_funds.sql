-- The double-entry ledger (accounts, journals, append-only postings), idempotency records of
-- money-moving requests, and the partner funds workflows: top-ups and bank remittances,
-- third-party payment agreements, withdrawals.

-- One account per (organization, kind, currency), created on first use. The cached balance is
-- updated in the same transaction as the postings; kinds that may not go negative are guarded here.
CREATE TABLE ledger_account (
  id              text PRIMARY KEY,
  org_id          text NOT NULL REFERENCES organization (id),
  kind            text NOT NULL,
  currency        text NOT NULL DEFAULT 'CNY',
  may_go_negative boolean NOT NULL,
  balance         bigint NOT NULL DEFAULT 0,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, kind, currency),
  CHECK (may_go_negative OR balance >= 0)
);

-- org_id: the partner whose operation this is (for a distributor acting on its reseller's
-- customer, the reseller); counterparty_org_id: the customer or reseller on the other side.
CREATE TABLE ledger_journal (
  id                  text PRIMARY KEY,
  -- Insertion order, to list journals of one instant in the order they happened.
  seq                 bigserial NOT NULL UNIQUE,
  org_id              text NOT NULL,
  kind                text NOT NULL,
  reference           text,
  counterparty_org_id text,
  amount              bigint NOT NULL CHECK (amount > 0),
  memo                text,
  actor_org_id        text,
  actor_user_id       text,
  idempotency_scope   text,
  idempotency_key     text,
  created_at          timestamptz NOT NULL,
  UNIQUE (idempotency_scope, idempotency_key)
);
CREATE INDEX ledger_journal_org_time_idx ON ledger_journal (org_id, created_at DESC);

-- balance_after is the account's balance right after this posting; postings of one account are
-- written while its row is locked, so their id order is the account's history order.
CREATE TABLE ledger_posting (
  id            bigserial PRIMARY KEY,
  journal_id    text NOT NULL REFERENCES ledger_journal (id),
  account_id    text NOT NULL REFERENCES ledger_account (id),
  org_id        text NOT NULL,
  amount        bigint NOT NULL CHECK (amount <> 0),
  balance_after bigint NOT NULL,
  created_at    timestamptz NOT NULL
);
CREATE INDEX ledger_posting_account_idx ON ledger_posting (account_id, id);
CREATE INDEX ledger_posting_journal_idx ON ledger_posting (journal_id);

-- A correction is a reversing journal: journals and postings are never changed or removed.
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER ledger_posting_no_change BEFORE UPDATE OR DELETE ON ledger_posting
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_journal_no_change BEFORE UPDATE OR DELETE ON ledger_journal
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

-- The first successful answer of a money-moving request, per (caller organization, operation,
-- X-Client-Token), written in the transaction that moved the money.
CREATE TABLE idempotency_record (
  org_id       text NOT NULL,
  operation    text NOT NULL,
  key          text NOT NULL,
  request_hash text NOT NULL,
  status       integer NOT NULL,
  response     text NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (org_id, operation, key)
);

-- Dedicated remittance account number (专属汇款账号) per partner.
CREATE TABLE remittance_account (
  org_id         text PRIMARY KEY REFERENCES organization (id),
  account_number text NOT NULL UNIQUE,
  bank_name      text NOT NULL,
  created_at     timestamptz NOT NULL
);

-- Online top-ups (pending until the vendor confirms) and incoming bank remittances (credited when
-- the payer is known, otherwise held for the vendor's review).
CREATE TABLE topup (
  id             text PRIMARY KEY,
  org_id         text REFERENCES organization (id),
  channel        text NOT NULL CHECK (channel IN ('online', 'bank')),
  amount         bigint NOT NULL CHECK (amount > 0),
  status         text NOT NULL CHECK (status IN ('PENDING', 'HELD', 'CREDITED', 'REJECTED')),
  payer_name     text,
  account_number text,
  bank_reference text UNIQUE,
  journal_id     text,
  reason         text,
  created_at     timestamptz NOT NULL,
  decided_at     timestamptz
);
CREATE INDEX topup_org_idx ON topup (org_id, created_at DESC);

CREATE TABLE payment_agreement (
  id                   text PRIMARY KEY,
  org_id               text NOT NULL REFERENCES organization (id),
  agreement_type       text NOT NULL,
  entrusted_party_type text NOT NULL CHECK (entrusted_party_type IN ('INDIVIDUAL', 'ENTERPRISE')),
  entrusted_party_name text NOT NULL,
  entrusted_party_identifier text NOT NULL,
  relationship         text NOT NULL CHECK (relationship IN ('ASSOCIATED_ENTERPRISE', 'CREDITOR_DEBTOR', 'OTHER')),
  reason               text NOT NULL CHECK (reason IN ('PAY_ON_BEHALF', 'PAY_DEBTS', 'OTHER')),
  status               text NOT NULL CHECK (status IN ('ACTIVE', 'INVALID')),
  effective_at         timestamptz NOT NULL,
  expires_at           timestamptz,
  invalidated_at       timestamptz,
  created_by           text NOT NULL
);
CREATE INDEX payment_agreement_org_idx ON payment_agreement (org_id, status);

CREATE TABLE withdrawal (
  id                  text PRIMARY KEY,
  org_id              text NOT NULL REFERENCES organization (id),
  amount              bigint NOT NULL CHECK (amount > 0),
  bank_account_name   text NOT NULL,
  bank_account_number text NOT NULL,
  bank_name           text NOT NULL,
  status              text NOT NULL CHECK (status IN ('PENDING', 'PAID', 'REJECTED')),
  hold_journal_id     text NOT NULL,
  settle_journal_id   text,
  reason              text,
  created_by          text NOT NULL,
  created_at          timestamptz NOT NULL,
  decided_at          timestamptz
);
CREATE INDEX withdrawal_org_idx ON withdrawal (org_id, created_at DESC);

-- Every transition of a top-up or withdrawal: who, when, from, to, why.
CREATE TABLE funds_transition (
  id          bigserial PRIMARY KEY,
  org_id      text NOT NULL,
  entity_type text NOT NULL,
  entity_id   text NOT NULL,
  from_status text,
  to_status   text NOT NULL,
  actor_user_id text,
  reason      text,
  occurred_at timestamptz NOT NULL
);
CREATE INDEX funds_transition_entity_idx ON funds_transition (entity_type, entity_id);
