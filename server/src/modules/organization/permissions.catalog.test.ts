import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_ITEMS, MENU_TREE, ORG_ACCESS, catalogFor, itemsFor, type MenuNode } from './permissions.catalog.ts';

test('every item follows the BPC scheme, is unique, and has both names', () => {
  const seen = new Set<string>();
  const visit = (nodes: MenuNode[]) => {
    for (const node of nodes) {
      assert.ok(node.zh && node.en && node.path.startsWith('/'), node.key);
      for (const i of node.items ?? []) {
        assert.match(i.code, /^BPC_(ITEM|MENU)_[A-Z]+_\d{6}$/);
        assert.ok(!seen.has(i.code), `duplicate ${i.code}`);
        seen.add(i.code);
        assert.ok(i.zh.length > 0 && i.en.length > 0, i.code);
      }
      visit(node.children ?? []);
    }
  };
  visit(MENU_TREE);
  assert.equal(seen.size, ALL_ITEMS.size);
});

test('the organization routes name items that exist, one per side', () => {
  for (const [name, codes] of Object.entries(ORG_ACCESS)) {
    const audiences = codes.map((c) => ALL_ITEMS.get(c)?.audience);
    assert.deepEqual(audiences, ['partner', 'vendor'], name);
  }
});

test('a solution provider cannot hold reseller items; the tree follows the same filter', () => {
  const sp = itemsFor('partner', 'solution_provider');
  assert.ok(!sp.has('BPC_ITEM_SALES_020104'));
  assert.ok(itemsFor('partner', 'master_distributor').has('BPC_ITEM_SALES_020104'));
  assert.ok(!JSON.stringify(catalogFor('partner', 'solution_provider')).includes('BPC_ITEM_SALES_'));
  assert.ok(!JSON.stringify(catalogFor('vendor', null)).includes('BPC_ITEM_ORG_'));
});
