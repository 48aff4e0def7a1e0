// On-behalf authorization (代客授权): the partner requests (scopes, duration), the customer agrees
// or rejects, the partner withdraws a pending request, the customer revokes at any time, the
// sweep expires it and warns both sides 7 days before. assertOnBehalfAuthorized() is for later
// modules (orders placed on a customer's behalf).
import type { Kysely } from 'kysely';
import type { AuthorizationStatus, DB } from '../../db/schema.ts';
import { actorOf, type Actor, type Caller } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { newPrefixedId } from '../../shared/ids.ts';
import * as repo from './customers.repo.ts';
import type { AuthorizationRow } from './customers.repo.ts';
import { addDays, EXPIRY_WARNING_DAYS, expiryWarning, nextAuthorizationStatus, type AuthorizationAction, type AuthorizationScope, type Side } from './customers.rules.ts';
import { ITEMS, isUniqueViolation, requireCustomer, requireItem, requirePartner, systemActor, type CustomersDeps } from './customers.shared.ts';
import { enqueueWebhook, type WebhookEventType } from './webhooks.service.ts';

type Db = Kysely<DB>;

const WEBHOOK_OF: Record<string, WebhookEventType> = {
  AUTHORIZED: 'authorization.authorized',
  REJECTED: 'authorization.rejected',
  WITHDRAWN: 'authorization.withdrawn',
  REVOKED: 'authorization.revoked',
  EXPIRED: 'authorization.expired',
};

export function createAuthorizationService(deps: CustomersDeps) {
  const { db, clock, audit } = deps;

  async function transition(id: string, action: AuthorizationAction, by: Side, actor: Actor, reason: string | null, visible: (z: AuthorizationRow) => boolean, tx0?: Db) {
    const run = async (tx: Db) => {
      const z = await repo.findAuthorization(tx, id);
      if (!z || !visible(z)) throw new AppError('HBN.0404');
      const to = nextAuthorizationStatus(z.status, action, by);
      if (!to) throw new AppError('HBN.2161');
      const now = clock.now();
      const set =
        to === 'AUTHORIZED'
          ? { decided_at: now, expires_at: addDays(now, z.duration_days) }
          : to === 'REJECTED'
            ? { decided_at: now, ended_at: now, end_reason: reason }
            : { ended_at: now, end_reason: reason };
      if (!(await repo.moveAuthorization(tx, id, z.status, to, set))) throw new AppError('HBN.2161');
      await tx
        .insertInto('on_behalf_authorization_history')
        .values({ authorization_id: id, org_id: z.partner_org_id, from_status: z.status, to_status: to, action, actor_org_id: actor.orgId, actor_user_id: actor.userId, actor_via: actor.via, at: now, reason })
        .execute();
      await audit.append(tx, actor, {
        operation: action === 'agree' || action === 'reject' ? 'customers.confirm_customer_agent_authorization_apply' : `customers.authorization_${action}`,
        targetType: 'on_behalf_authorization',
        targetId: id,
        detail: { from: z.status, to, partner_id: z.partner_org_id, customer_id: z.customer_org_id, reason },
      });
      await enqueueWebhook(tx, z.partner_org_id, WEBHOOK_OF[to], { authorization_id: id, customer_id: z.customer_org_id, status: to }, now);
      return to;
    };
    return tx0 ? run(tx0) : db.transaction().execute(run);
  }

  const view = (z: AuthorizationRow & { customer_account_name: string; partner_account_name: string; partner_name: string }, now: Date) => ({
    ...z,
    scopes: JSON.parse(z.scopes) as string[],
    expiry_warning: expiryWarning(z.status, z.expires_at ? new Date(z.expires_at) : null, now),
  });

  return {
    async request(caller: Caller, input: { customer_id: string; scopes: AuthorizationScope[]; duration_days: number; reason: string }) {
      requirePartner(caller);
      requireItem(caller, ITEMS.authorize);
      const now = clock.now();
      try {
        return await db.transaction().execute(async (tx) => {
          if (!(await repo.currentAssociation(tx, caller.org.id, input.customer_id))) throw new AppError('HBN.0404');
          const open = await tx
            .selectFrom('on_behalf_authorization')
            .select('id')
            .where('partner_org_id', '=', caller.org.id)
            .where('customer_org_id', '=', input.customer_id)
            .where('status', 'in', ['REQUESTED', 'AUTHORIZED'])
            .executeTakeFirst();
          if (open) throw new AppError('HBN.2183');
          const id = newPrefixedId('AZ');
          await tx
            .insertInto('on_behalf_authorization')
            .values({ id, partner_org_id: caller.org.id, customer_org_id: input.customer_id, scopes: JSON.stringify([...new Set(input.scopes)]), duration_days: input.duration_days, status: 'REQUESTED', reason: input.reason, requested_by: caller.userId, requested_at: now, decided_at: null, expires_at: null, warned_at: null, ended_at: null, end_reason: null })
            .execute();
          const actor = actorOf(caller);
          await tx
            .insertInto('on_behalf_authorization_history')
            .values({ authorization_id: id, org_id: caller.org.id, from_status: null, to_status: 'REQUESTED', action: 'request', actor_org_id: actor.orgId, actor_user_id: actor.userId, actor_via: actor.via, at: now, reason: input.reason })
            .execute();
          await audit.append(tx, actor, { operation: 'customers.authorization_request', targetType: 'on_behalf_authorization', targetId: id, detail: { customer_id: input.customer_id, scopes: input.scopes, duration_days: input.duration_days } });
          await enqueueWebhook(tx, caller.org.id, 'authorization.requested', { authorization_id: id, customer_id: input.customer_id, status: 'REQUESTED' }, now);
          return id;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('HBN.2183');
        throw error;
      }
    },

    withdraw(caller: Caller, id: string, reason: string | null) {
      requirePartner(caller);
      requireItem(caller, ITEMS.authorize);
      return transition(id, 'withdraw', 'partner', actorOf(caller), reason, (z) => z.partner_org_id === caller.org.id);
    },

    customerDecide(caller: Caller, id: string, action: 'agree' | 'reject' | 'revoke', reason: string | null) {
      requireCustomer(caller);
      requireItem(caller, ITEMS.myPartnersAuthorize);
      return transition(id, action, 'customer', actorOf(caller), reason, (z) => z.customer_org_id === caller.org.id);
    },

    async listForPartner(caller: Caller, filter: { customer_id?: string; status?: AuthorizationStatus }) {
      requirePartner(caller);
      requireItem(caller, ITEMS.view);
      const now = clock.now();
      return (await repo.listAuthorizations(db, { partnerOrgId: caller.org.id, customerOrgId: filter.customer_id, status: filter.status })).map((z) => view(z, now));
    },

    async listForCustomer(caller: Caller) {
      requireCustomer(caller);
      requireItem(caller, ITEMS.myPartners);
      const now = clock.now();
      return (await repo.listAuthorizations(db, { customerOrgId: caller.org.id })).map((z) => view(z, now));
    },

    async history(caller: Caller, id: string) {
      const z = await repo.findAuthorization(db, id);
      const mine = z && (z.partner_org_id === caller.org.id || z.customer_org_id === caller.org.id);
      if (!z || !mine) throw new AppError('HBN.0404');
      return db.selectFrom('on_behalf_authorization_history').selectAll().where('authorization_id', '=', id).orderBy('id').execute();
    },

    /** For later modules: throws HBN.2182 unless the partner holds a valid grant covering the scope. */
    async assertOnBehalfAuthorized(partnerOrgId: string, customerOrgId: string, scope: AuthorizationScope, executor: Db = db) {
      const now = clock.now();
      const z = await executor
        .selectFrom('on_behalf_authorization')
        .selectAll()
        .where('partner_org_id', '=', partnerOrgId)
        .where('customer_org_id', '=', customerOrgId)
        .where('status', '=', 'AUTHORIZED')
        .executeTakeFirst();
      const association = await repo.currentAssociation(executor, partnerOrgId, customerOrgId);
      if (!z || !association || !z.expires_at || new Date(z.expires_at) <= now || !(JSON.parse(z.scopes) as string[]).includes(scope)) {
        throw new AppError('HBN.2182');
      }
      return { authorizationId: z.id, expiresAt: new Date(z.expires_at) };
    },

    /** Expires grants past their end and warns (once) those ending within 7 days. */
    async sweep(now: Date) {
      let expired = 0;
      let warned = 0;
      await db.transaction().execute(async (tx) => {
        for (const z of await repo.claimExpiredAuthorizations(tx, now)) {
          await transition(z.id, 'expire', 'system', systemActor(z.partner_org_id), 'expired', () => true, tx);
          expired++;
        }
        for (const z of await repo.claimAuthorizationsToWarn(tx, now, addDays(now, EXPIRY_WARNING_DAYS))) {
          await tx.updateTable('on_behalf_authorization').set({ warned_at: now }).where('id', '=', z.id).execute();
          await audit.append(tx, systemActor(z.partner_org_id), { operation: 'customers.authorization_expiry_warning', targetType: 'on_behalf_authorization', targetId: z.id });
          await enqueueWebhook(tx, z.partner_org_id, 'authorization.expiring', { authorization_id: z.id, customer_id: z.customer_org_id, expires_at: z.expires_at }, now);
          warned++;
        }
      });
      return { expired, warned };
    },
  };
}

export type AuthorizationService = ReturnType<typeof createAuthorizationService>;
