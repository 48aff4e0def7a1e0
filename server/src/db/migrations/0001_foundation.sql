-- Organizations, users and the three ways to sign in; rate-limit windows; the audit chain.
-- Every table holding tenant data carries org_id, the key it would be distributed by.

CREATE TABLE organization (
  id                text PRIMARY KEY,
  kind              text NOT NULL CHECK (kind IN ('vendor', 'partner', 'customer')),
  partner_type      text CHECK (partner_type IN ('solution_provider', 'master_distributor', 'cloud_reseller')),
  -- A cloud reseller belongs to exactly one master distributor.
  parent_partner_id text REFERENCES organization (id),
  name              text NOT NULL,
  -- Equal to the main account's name, as with Huawei account (domain) names.
  domain_name       text NOT NULL UNIQUE,
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'frozen', 'restricted')),
  mobile            text,
  email             text,
  country_code      text NOT NULL DEFAULT 'CN',
  customer_type     smallint NOT NULL DEFAULT -1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'partner') = (partner_type IS NOT NULL)),
  CHECK ((partner_type = 'cloud_reseller') = (parent_partner_id IS NOT NULL))
);
CREATE INDEX organization_parent_idx ON organization (parent_partner_id) WHERE parent_partner_id IS NOT NULL;

CREATE TABLE app_user (
  id                   text PRIMARY KEY,
  org_id               text NOT NULL REFERENCES organization (id),
  -- Account names are unique product-wide, so the console signs in with the name alone.
  name                 text NOT NULL UNIQUE,
  display_name         text NOT NULL,
  mobile               text,
  email                text,
  is_main              boolean NOT NULL DEFAULT false,
  status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  password_hash        text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT false,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_one_main_per_org ON app_user (org_id) WHERE is_main;
CREATE INDEX app_user_org_idx ON app_user (org_id);

-- Console sessions and IAM tokens. Only a SHA-256 of the secret is stored.
CREATE TABLE auth_session (
  id           text PRIMARY KEY,
  user_id      text NOT NULL REFERENCES app_user (id),
  org_id       text NOT NULL REFERENCES organization (id),
  kind         text NOT NULL CHECK (kind IN ('console', 'token')),
  csrf_token   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  client_ip    text
);
CREATE INDEX auth_session_user_idx ON auth_session (user_id);

-- Repeated sign-in failures lock the account name for a while.
CREATE TABLE login_throttle (
  user_name     text PRIMARY KEY,
  failures      integer NOT NULL DEFAULT 0,
  window_start  timestamptz NOT NULL,
  locked_until  timestamptz
);

-- AK/SK pairs. The secret is encrypted at rest (AES-256-GCM) and shown once at creation.
CREATE TABLE access_key (
  id                text PRIMARY KEY,
  user_id           text NOT NULL REFERENCES app_user (id),
  org_id            text NOT NULL REFERENCES organization (id),
  secret_ciphertext text NOT NULL,
  description       text NOT NULL DEFAULT '',
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  created_at        timestamptz NOT NULL DEFAULT now(),
  last_used_at      timestamptz
);
CREATE INDEX access_key_user_idx ON access_key (user_id);

-- Fixed one-second windows per caller and operation; old windows are swept.
CREATE UNLOGGED TABLE rate_limit_window (
  bucket       text NOT NULL,
  window_start bigint NOT NULL,
  hits         integer NOT NULL,
  PRIMARY KEY (bucket, window_start)
);

-- Append-only audit trail, one hash chain per organization (so writers of different
-- organizations never wait for each other). hash = sha256(prev_hash || canonical record).
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  org_id      text NOT NULL,
  seq         bigint NOT NULL,
  occurred_at timestamptz NOT NULL,
  user_id     text,
  user_name   text,
  via         text NOT NULL CHECK (via IN ('console', 'token', 'aksk', 'system')),
  on_behalf_of text,
  operation   text NOT NULL,
  target_type text,
  target_id   text,
  detail      text NOT NULL DEFAULT '{}',
  client_ip   text,
  outcome     text NOT NULL CHECK (outcome IN ('success', 'failure')),
  prev_hash   text NOT NULL,
  hash        text NOT NULL,
  UNIQUE (org_id, seq)
);
CREATE INDEX audit_log_org_time_idx ON audit_log (org_id, occurred_at DESC);

CREATE TABLE audit_chain_head (
  org_id    text PRIMARY KEY,
  last_seq  bigint NOT NULL,
  last_hash text NOT NULL
);

-- The product cannot change or delete audit records.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
