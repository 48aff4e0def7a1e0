-- Organization: custom roles and their permission items, members' roles, per-organization
-- security settings and TOTP second factors. System roles are defined in code
-- (modules/organization/system-roles.ts) and referenced by their fixed ids.

CREATE TABLE org_role (
  id          text PRIMARY KEY,
  org_id      text NOT NULL REFERENCES organization (id),
  name        text NOT NULL,
  description text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, name)
);

CREATE TABLE org_role_item (
  role_id   text NOT NULL REFERENCES org_role (id) ON DELETE CASCADE,
  org_id    text NOT NULL,
  item_code text NOT NULL,
  PRIMARY KEY (role_id, item_code)
);

-- role_id is either a system role id ('system.*', 'vendor.*') or an org_role id.
CREATE TABLE member_role (
  user_id text NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  org_id  text NOT NULL,
  role_id text NOT NULL,
  PRIMARY KEY (user_id, role_id)
);
CREATE INDEX member_role_role_idx ON member_role (role_id);

CREATE TABLE org_security_setting (
  org_id                   text PRIMARY KEY REFERENCES organization (id),
  sensitive_verification   boolean NOT NULL DEFAULT false,
  updated_at               timestamptz NOT NULL DEFAULT now()
);

-- One TOTP authenticator per user; the secret is encrypted at rest. last_step stops a code
-- from being used twice.
CREATE TABLE user_totp (
  user_id           text PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
  org_id            text NOT NULL,
  secret_ciphertext text NOT NULL,
  confirmed_at      timestamptz,
  last_step         bigint,
  created_at        timestamptz NOT NULL DEFAULT now()
);
