-- A customer's association with a partner (顾问销售 consultative = 1, 代售 resale = 2).
-- A customer has at most one current association; ended ones stay as history.
CREATE TABLE customer_association (
  id               text PRIMARY KEY,
  customer_org_id  text NOT NULL REFERENCES organization (id),
  partner_org_id   text NOT NULL REFERENCES organization (id),
  association_type smallint NOT NULL CHECK (association_type IN (1, 2)),
  associated_on    timestamptz NOT NULL DEFAULT now(),
  ended_on         timestamptz,
  label            text,
  org_id           text GENERATED ALWAYS AS (partner_org_id) STORED
);
CREATE UNIQUE INDEX customer_association_one_current ON customer_association (customer_org_id) WHERE ended_on IS NULL;
CREATE INDEX customer_association_partner_idx ON customer_association (partner_org_id) WHERE ended_on IS NULL;
