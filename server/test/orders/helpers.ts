// Helpers of the orders API tests: demo specs by code, funding a customer's own balance, placing orders.
import assert from 'node:assert/strict';
import type { TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { orgIdOf } from '../support/ledger.ts';

export async function specOf(t: TestApp, code: string) {
  const row = await t.database.db.selectFrom('product_spec').select(['id', 'product_id', 'list_price', 'floor_price']).where('code', '=', code).executeTakeFirstOrThrow();
  return { spec_id: row.id, product_id: row.product_id, list: BigInt(row.list_price), floor: row.floor_price === null ? null : BigInt(row.floor_price) };
}

/** A consultative customer's own top-up (vendor bank → customer balance), straight through the ledger. */
export async function fundCustomer(t: TestApp, account: string, fen: bigint) {
  const customer = await orgIdOf(t, account);
  const vendor = await t.database.db.selectFrom('organization').select('id').where('kind', '=', 'vendor').executeTakeFirstOrThrow();
  await t.database.db.transaction().execute((tx) =>
    t.services.ledger.post(tx, {
      kind: 'customer_topup',
      orgId: customer,
      actor: { userId: null, userName: null, orgId: vendor.id, via: 'system', clientIp: null },
      postings: [
        { account: { orgId: vendor.id, kind: 'vendor_bank_clearing' }, amount: -fen },
        { account: { orgId: customer, kind: 'customer_balance' }, amount: fen },
      ],
    }),
  );
}

export async function place(client: HttpClient, t: TestApp, code: string, extra: Record<string, unknown> = {}) {
  const spec = await specOf(t, code);
  const r = await client.post('/api/orders', { body: { product_id: spec.product_id, spec_id: spec.spec_id, ...extra } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { order_id: string; amount_after_discount: number; status: number; [k: string]: unknown };
}

export async function orderRow(t: TestApp, id: string) {
  return t.database.db.selectFrom('customer_order').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
