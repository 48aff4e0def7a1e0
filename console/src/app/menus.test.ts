import assert from 'node:assert/strict';
import test from 'node:test';
import type { Menu } from '../api/types.ts';
import { findTrail, firstLeaf, homePath, menuLabel, pathMatches } from './menus.ts';

const m = (key: string, path: string, children: Menu[] = []): Menu => ({
  key,
  path,
  name_zh: `${key}-zh`,
  name_en: `${key}-en`,
  children,
});

const menus = [
  m('home', '/home'),
  m('sales', '/sales', [m('sales.customers', '/sales/customers'), m('sales.customer-orders', '/sales/customer-orders')]),
  m('benefits', '/benefits', [m('benefits.mdf', '/benefits/mdf', [m('benefits.mdf.quota', '/benefits/mdf/quota')])]),
];

test('pathMatches is segment-wise and "/" only matches itself', () => {
  assert.ok(pathMatches('/sales', '/sales'));
  assert.ok(pathMatches('/sales', '/sales/customers'));
  assert.ok(pathMatches('/sales/', '/sales'));
  assert.ok(!pathMatches('/sales', '/salesforce'));
  assert.ok(!pathMatches('/', '/sales'));
  assert.ok(pathMatches('/', '/'));
});

test('findTrail walks down to the most specific entry', () => {
  assert.deepEqual(
    findTrail(menus, '/sales/customer-orders').map((x) => x.key),
    ['sales', 'sales.customer-orders'],
  );
  assert.deepEqual(
    findTrail(menus, '/benefits/mdf/quota').map((x) => x.key),
    ['benefits', 'benefits.mdf', 'benefits.mdf.quota'],
  );
  assert.deepEqual(findTrail(menus, '/sales/unknown').map((x) => x.key), ['sales']);
  assert.deepEqual(findTrail(menus, '/nowhere'), []);
});

test('firstLeaf, homePath and menuLabel', () => {
  assert.equal(firstLeaf(menus[2]).path, '/benefits/mdf/quota');
  assert.equal(firstLeaf(menus[0]).path, '/home');
  assert.equal(homePath(menus), '/home');
  assert.equal(homePath(menus.slice(1)), '/');
  assert.equal(menuLabel(menus[1], 'zh-CN'), 'sales-zh');
  assert.equal(menuLabel(menus[1], 'en'), 'sales-en');
});
