// Shared steps of the voucher tests: a fresh quota from the vendor, issue, balances.
import assert from 'node:assert/strict';
import { toApiTime } from '../../src/shared/clock.ts';
import type { HttpClient } from '../support/http.ts';
import type { TestApp } from '../support/test-app.ts';

export const DAY = 86_400_000;

/** The vendor grants a quota; returns its id. */
export async function grantQuota(t: TestApp, partnerId: string, amount: string, extra: Record<string, unknown> = {}): Promise<string> {
  const vendor = await t.token('vendor_admin');
  const r = await vendor.post('/api/vendor/coupon-quotas', {
    body: { partner_id: partnerId, quota_type: 0, amount, expire_time: toApiTime(new Date(t.clock.now().getTime() + 90 * DAY)), ...extra },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.quota_id;
}

export async function quotaOf(client: HttpClient, quotaId: string, indirectPartnerId?: string) {
  const r = await client.post('/v2/partners/coupon-quotas/query', { body: { quota_ids: [quotaId], indirect_partner_id: indirectPartnerId } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.quotas[0] as { quota_id: string; balance: number; quota_status: number; quota_value: number };
}

export async function issue(client: HttpClient, body: Record<string, unknown>) {
  const r = await client.post('/v2/promotions/benefits/partner-coupons', { body });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body as { coupon_infos: { id: string; coupon_id: string }[]; error_details: { id: string; error_code: string }[] };
}
