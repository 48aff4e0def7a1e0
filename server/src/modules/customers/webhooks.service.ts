// Webhooks for partners' systems: one endpoint per partner with a signing secret; events are
// written to an outbox in the transaction that caused them and delivered by the sweep with
// retries and exponential backoff; every attempt is logged; a delivery can be sent again.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { actorOf, type Caller } from '../../shared/actor.ts';
import { toApiTime } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import { newPrefixedId, newSecret } from '../../shared/ids.ts';
import * as repo from './customers.repo.ts';
import { ITEMS, requireItem, requirePartner, type CustomersDeps } from './customers.shared.ts';
import { WEBHOOK_MAX_ATTEMPTS, webhookBackoffMs, webhookSignature, webhookUrlAllowed } from './customers.rules.ts';

export type WebhookEventType =
  | 'customer.associated'
  | 'customer.disassociation_requested'
  | 'customer.type_switch_requested'
  | 'customer.disassociated'
  | 'customer.type_switched'
  | 'association_event.rejected'
  | 'association_event.cancelled'
  | 'authorization.requested'
  | 'authorization.authorized'
  | 'authorization.rejected'
  | 'authorization.withdrawn'
  | 'authorization.revoked'
  | 'authorization.expired'
  | 'authorization.expiring';

const DELIVERY_TIMEOUT_MS = 10_000;
const LEASE_MS = 60_000;

/** Writes an event to the partner's outbox when the partner has an enabled endpoint. */
export async function enqueueWebhook(tx: Kysely<DB>, partnerOrgId: string, type: WebhookEventType, data: Record<string, unknown>, now: Date) {
  const endpoint = await repo.findEndpoint(tx, partnerOrgId);
  if (!endpoint || !endpoint.enabled) return;
  const id = newPrefixedId('WH');
  const payload = JSON.stringify({ id, type, created_at: toApiTime(now), data });
  await tx
    .insertInto('webhook_delivery')
    .values({ id, partner_org_id: partnerOrgId, event_type: type, payload, status: 'pending', next_attempt_at: now, created_at: now, delivered_at: null, last_status_code: null, last_error: null })
    .execute();
}

export function createWebhookService(deps: CustomersDeps & { fetch?: typeof fetch }) {
  const { db, clock, audit, secretBox } = deps;
  const send = deps.fetch ?? fetch;

  function guard(caller: Caller) {
    requirePartner(caller);
    requireItem(caller, ITEMS.webhooks);
  }

  async function attempt(delivery: { id: string; partner_org_id: string; payload: string; event_type: string; attempts: number }) {
    const endpoint = await repo.findEndpoint(db, delivery.partner_org_id);
    const started = Date.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    if (!endpoint || !endpoint.enabled) {
      error = 'no enabled endpoint';
    } else {
      const timestamp = Math.floor(clock.now().getTime() / 1000);
      try {
        const response = await send(endpoint.url, {
          method: 'POST',
          redirect: 'manual',
          signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Huoban-Webhooks/1',
            'x-huoban-event': delivery.event_type,
            'x-huoban-delivery': delivery.id,
            'x-huoban-signature': webhookSignature(secretBox.open(endpoint.secret_ciphertext), timestamp, delivery.payload),
          },
          body: delivery.payload,
        });
        statusCode = response.status;
        await response.body?.cancel().catch(() => {});
        if (statusCode < 200 || statusCode >= 300) error = `HTTP ${statusCode}`;
      } catch (e) {
        error = (e as Error).name === 'TimeoutError' ? 'timeout' : String((e as Error).message ?? e).slice(0, 200);
      }
    }
    const now = clock.now();
    const ok = error === null;
    const dead = !ok && delivery.attempts >= WEBHOOK_MAX_ATTEMPTS;
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('webhook_attempt')
        .values({ delivery_id: delivery.id, org_id: delivery.partner_org_id, attempted_at: now, status_code: statusCode, error, duration_ms: Date.now() - started })
        .execute();
      await tx
        .updateTable('webhook_delivery')
        .set({
          status: ok ? 'delivered' : dead ? 'failed' : 'pending',
          delivered_at: ok ? now : null,
          next_attempt_at: ok || dead ? null : new Date(now.getTime() + webhookBackoffMs(delivery.attempts)),
          last_status_code: statusCode,
          last_error: error,
        })
        .where('id', '=', delivery.id)
        .execute();
    });
    return ok;
  }

  return {
    async getEndpoint(caller: Caller) {
      guard(caller);
      const e = await repo.findEndpoint(db, caller.org.id);
      if (!e) throw new AppError('HBN.2192');
      return e;
    },

    /** Creates or changes the endpoint; a new secret is issued on creation or when asked. */
    async putEndpoint(caller: Caller, input: { url: string; enabled: boolean; rotate_secret: boolean }) {
      guard(caller);
      if (!webhookUrlAllowed(input.url)) throw new AppError('HBN.2191');
      const now = clock.now();
      return db.transaction().execute(async (tx) => {
        const existing = await repo.findEndpoint(tx, caller.org.id);
        const secret = !existing || input.rotate_secret ? `whsec_${newSecret(32)}` : null;
        if (existing) {
          await tx
            .updateTable('webhook_endpoint')
            .set({ url: input.url, enabled: input.enabled, updated_at: now, ...(secret ? { secret_ciphertext: secretBox.seal(secret) } : {}) })
            .where('partner_org_id', '=', caller.org.id)
            .execute();
        } else {
          await tx
            .insertInto('webhook_endpoint')
            .values({ partner_org_id: caller.org.id, url: input.url, enabled: input.enabled, secret_ciphertext: secretBox.seal(secret!), created_at: now, updated_at: now })
            .execute();
        }
        await audit.append(tx, actorOf(caller), {
          operation: 'customers.webhook_endpoint_set',
          targetType: 'webhook_endpoint',
          targetId: caller.org.id,
          detail: { url: input.url, enabled: input.enabled, secret_rotated: !!secret },
        });
        return { url: input.url, enabled: input.enabled, secret, updated_at: now };
      });
    },

    async deleteEndpoint(caller: Caller) {
      guard(caller);
      await db.transaction().execute(async (tx) => {
        const r = await tx.deleteFrom('webhook_endpoint').where('partner_org_id', '=', caller.org.id).executeTakeFirst();
        if (Number(r.numDeletedRows) === 0) throw new AppError('HBN.2192');
        await audit.append(tx, actorOf(caller), { operation: 'customers.webhook_endpoint_delete', targetType: 'webhook_endpoint', targetId: caller.org.id });
      });
    },

    async listDeliveries(caller: Caller, offset: number, limit: number) {
      guard(caller);
      const base = db.selectFrom('webhook_delivery').where('partner_org_id', '=', caller.org.id);
      const [{ n }] = await base.select((eb) => eb.fn.countAll<string>().as('n')).execute();
      const rows = await base.selectAll().orderBy('created_at', 'desc').orderBy('id').offset(offset).limit(limit).execute();
      return { count: Number(n), rows };
    },

    async getDelivery(caller: Caller, id: string) {
      guard(caller);
      const d = await db.selectFrom('webhook_delivery').selectAll().where('id', '=', id).where('partner_org_id', '=', caller.org.id).executeTakeFirst();
      if (!d) throw new AppError('HBN.0404');
      const attempts = await db.selectFrom('webhook_attempt').selectAll().where('delivery_id', '=', id).orderBy('id').execute();
      return { delivery: d, attempts };
    },

    /** Manual re-delivery: the delivery is attempted again now (also after it failed for good). */
    async redeliver(caller: Caller, id: string) {
      guard(caller);
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const r = await tx
          .updateTable('webhook_delivery')
          .set({ status: 'pending', next_attempt_at: now, attempts: 0 })
          .where('id', '=', id)
          .where('partner_org_id', '=', caller.org.id)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw new AppError('HBN.0404');
        await audit.append(tx, actorOf(caller), { operation: 'customers.webhook_redeliver', targetType: 'webhook_delivery', targetId: id });
      });
      const [claimed] = await db
        .updateTable('webhook_delivery')
        .set((eb) => ({ next_attempt_at: new Date(now.getTime() + LEASE_MS), attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .returningAll()
        .execute();
      const ok = claimed ? await attempt(claimed) : false;
      return { delivered: ok };
    },

    /** Sends what is due (called by the sweep timer); safe to run in several processes at once. */
    async deliverDue(now = clock.now()) {
      let delivered = 0;
      let failed = 0;
      for (;;) {
        const batch = await repo.claimDueDeliveries(db, now, new Date(now.getTime() + LEASE_MS));
        if (batch.length === 0) break;
        for (const d of batch) (await attempt(d)) ? delivered++ : failed++;
        if (batch.length < 20) break;
      }
      return { delivered, failed };
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
