import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertProductShape, assertSpecShape } from './catalog.rules.ts';

const cloud = { kind: 'cloud_service' as const, is_yanxuan: false };
const yanxuan = { kind: 'marketplace' as const, is_yanxuan: true };

test('严选 is a marketplace programme', () => {
  assert.doesNotThrow(() => assertProductShape('marketplace', true));
  assert.throws(() => assertProductShape('cloud_service', true), { code: 'HBN.5004' });
  assert.throws(() => assertProductShape('stored_value_card', true), { code: 'HBN.5004' });
});

test('billing modes and price units go together per kind', () => {
  assert.doesNotThrow(() => assertSpecShape(cloud, { billing_mode: 'yearly_monthly', price_unit: 'year', list_price: 100n, floor_price: null }));
  assert.doesNotThrow(() => assertSpecShape(cloud, { billing_mode: 'on_demand', price_unit: 'hour', list_price: 1n, floor_price: null }));
  assert.throws(() => assertSpecShape(cloud, { billing_mode: 'on_demand', price_unit: 'month', list_price: 1n, floor_price: null }), { code: 'HBN.5002' });
  assert.throws(() => assertSpecShape(cloud, { billing_mode: 'one_off', price_unit: 'one_off', list_price: 1n, floor_price: null }), { code: 'HBN.5002' });
  assert.throws(
    () => assertSpecShape({ kind: 'stored_value_card', is_yanxuan: false }, { billing_mode: 'yearly_monthly', price_unit: 'month', list_price: 1n, floor_price: null }),
    { code: 'HBN.5002' },
  );
});

test('a floor price belongs to 严选 specifications only and never exceeds the list price', () => {
  assert.doesNotThrow(() => assertSpecShape(yanxuan, { billing_mode: 'yearly_monthly', price_unit: 'year', list_price: 120_000n, floor_price: 96_000n }));
  assert.throws(() => assertSpecShape(yanxuan, { billing_mode: 'yearly_monthly', price_unit: 'year', list_price: 120_000n, floor_price: null }), { code: 'HBN.5003' });
  assert.throws(() => assertSpecShape(yanxuan, { billing_mode: 'yearly_monthly', price_unit: 'year', list_price: 100n, floor_price: 101n }), { code: 'HBN.5003' });
  assert.throws(() => assertSpecShape(cloud, { billing_mode: 'yearly_monthly', price_unit: 'month', list_price: 100n, floor_price: 90n }), { code: 'HBN.5003' });
});
