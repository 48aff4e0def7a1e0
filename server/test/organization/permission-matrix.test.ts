// Walks every operation of the OpenAPI document. For routes that name permission items: a member
// without any item gets 403 CBC.0151, and a member holding exactly one of the items does not.
// A route that declares no access fails.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_ITEMS } from '../../src/modules/organization/index.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { createMember, createRole, type Member } from '../support/organization.ts';

let t: TestApp;
before(async () => (t = await createTestApp()));
after(() => t.close());

interface Operation {
  method: string;
  path: string;
  access: unknown;
}

function operations(doc: { paths: Record<string, Record<string, { 'x-permissions'?: unknown }>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, access: op['x-permissions'] })),
  );
}

/** A minimal request: unknown ids in the path, an empty JSON body for writes. */
async function call(client: HttpClient, op: Operation) {
  const url = op.path.replace(/\{[^}]+\}/g, 'ffffffffffffffffffffffffffffffff');
  const body = ['POST', 'PUT', 'PATCH'].includes(op.method) ? {} : undefined;
  return client.request(op.method, url, { body });
}

test('every route declares its access, and item routes refuse members without the item and admit members with one', async () => {
  const doc = t.app.swagger() as Parameters<typeof operations>[0];
  const ops = operations(doc);
  assert.ok(ops.length > 20);
  const undeclared = ops.filter((op) => op.access === undefined).map((op) => `${op.method} ${op.path}`);
  assert.deepEqual(undeclared, [], 'routes without declared access');

  // Per organization kind: a member with no role, and a member whose one custom role is
  // re-pointed at the item under test (a role change takes effect on the next request).
  const sides = new Map<string, { admin: HttpClient; bare: Member; holder: Member; role: string }>();
  for (const [kind, main] of [['partner', 'md_demo'], ['vendor', 'vendor_admin']] as const) {
    const admin = await t.console(main);
    const role = await createRole(admin, 'matrix', [kind === 'partner' ? 'BPC_ITEM_VIEW_010100' : 'BPC_ITEM_OPS_010100']);
    sides.set(kind, {
      admin,
      role,
      bare: await createMember(t, admin, `${kind}_bare`),
      holder: await createMember(t, admin, `${kind}_holder`, [role]),
    });
  }

  const partnerMain = await t.token('md_demo');
  const customerMain = await t.token('cust_demo1');
  let checked = 0;
  for (const op of ops) {
    if (!Array.isArray(op.access)) {
      assert.ok(op.access === 'public' || op.access === 'signed_in', `${op.method} ${op.path}: access ${JSON.stringify(op.access)}`);
      continue;
    }
    const label = `${op.method} ${op.path}`;
    assert.ok(op.access.length > 0, `${label} names no items`);
    for (const code of op.access as string[]) assert.ok(ALL_ITEMS.has(code), `${label}: ${code} is not in the catalogue`);

    // Every side (partner, vendor) that can hold one of the route's items is checked.
    const bySide = new Map<string, string>();
    for (const code of op.access as string[]) {
      const audience = ALL_ITEMS.get(code)!.audience;
      if (sides.has(audience) && !bySide.has(audience)) bySide.set(audience, code);
    }
    // Customer organizations have no members: their main account holds the customer items, and a
    // partner's main account (which cannot hold them) is refused.
    if (bySide.size === 0 && (op.access as string[]).every((c) => ALL_ITEMS.get(c)!.audience === 'customer')) {
      const refused = await call(partnerMain, op);
      assert.equal(refused.status, 403, `${label} as a partner: ${JSON.stringify(refused.body)}`);
      assert.notEqual((await call(customerMain, op)).status, 403, `${label} as its customer`);
      checked++;
      continue;
    }
    assert.ok(bySide.size > 0, `${label}: no demo organization can hold its items`);
    for (const [side, code] of bySide) {
      const s = sides.get(side)!;
      const refused = await call(s.bare.client, op);
      assert.equal(refused.status, 403, `${label} without items (${side}): ${JSON.stringify(refused.body)}`);
      assert.equal(refused.body.error_code, 'CBC.0151', label);

      const repointed = await s.admin.put(`/api/organization/roles/${s.role}`, { body: { items: [code] } });
      assert.equal(repointed.status, 200, JSON.stringify(repointed.body));
      const admitted = await call(s.holder.client, op);
      assert.notEqual(admitted.status, 403, `${label} with ${code}: ${JSON.stringify(admitted.body)}`);
      checked++;
    }
  }
  assert.ok(checked >= 20, `only ${checked} checks`);
});
