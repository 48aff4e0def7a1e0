-- The vendor's product catalog: its own cloud services (yearly/monthly and pay-per-use
-- specifications with list prices), marketplace (云商店) products, some of them 严选 with a
-- floor price, and stored-value cards. Prices are fen per price unit.
CREATE TABLE product (
  id                text PRIMARY KEY,
  kind              text NOT NULL CHECK (kind IN ('cloud_service', 'marketplace', 'stored_value_card')),
  service_type_code text NOT NULL,
  category          text NOT NULL CHECK (category IN ('compute', 'storage', 'network', 'database', 'security', 'software', 'card')),
  name_zh           text NOT NULL,
  name_en           text NOT NULL,
  description_zh    text NOT NULL DEFAULT '',
  description_en    text NOT NULL DEFAULT '',
  is_yanxuan        boolean NOT NULL DEFAULT false,
  status            text NOT NULL DEFAULT 'on_sale' CHECK (status IN ('on_sale', 'off_sale')),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT is_yanxuan OR kind = 'marketplace')
);
CREATE INDEX product_service_type_idx ON product (service_type_code);

CREATE TABLE product_spec (
  id           text PRIMARY KEY,
  product_id   text NOT NULL REFERENCES product (id),
  code         text NOT NULL,
  name_zh      text NOT NULL,
  name_en      text NOT NULL,
  billing_mode text NOT NULL CHECK (billing_mode IN ('yearly_monthly', 'on_demand', 'one_off')),
  price_unit   text NOT NULL CHECK (price_unit IN ('month', 'year', 'hour', 'one_off')),
  list_price   bigint NOT NULL CHECK (list_price > 0),
  -- 严选 products: the lowest price a partner may set on an order (catalogue price = list_price).
  floor_price  bigint CHECK (floor_price IS NULL OR (floor_price > 0 AND floor_price <= list_price)),
  status       text NOT NULL DEFAULT 'on_sale' CHECK (status IN ('on_sale', 'off_sale')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (product_id, code)
);
