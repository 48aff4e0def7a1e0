// Association events: associating a customer, partner-initiated disassociation and type switch
// (the customer agrees or rejects), customer-initiated disassociation (the partner approves or
// rejects; the sweep approves it when its due time passes). Every transition is a compare-and-set
// with a history row and an audit record; an applied change runs every registered effect in the
// same transaction, so that an effect failing leaves nothing changed.
import type { Kysely } from 'kysely';
import type { AssociationEventStatus, DB } from '../../db/schema.ts';
import { actorOf, type Actor, type Caller } from '../../shared/actor.ts';
import { AppError, type ErrorCode } from '../../shared/errors.ts';
import { newPrefixedId } from '../../shared/ids.ts';
import * as repo from './customers.repo.ts';
import type { AssociationRow, EventRow } from './customers.repo.ts';
import {
  accountFlagBlockers,
  addDays,
  APPLIED_STATUSES,
  frequencyBlockers,
  nextEventStatus,
  windowStart,
  type AssociationType,
  type ChangeKind,
  type EventAction,
  type Side,
} from './customers.rules.ts';
import { ITEMS, requireCustomer, requireItem, requirePartner, systemActor, type CustomersDeps } from './customers.shared.ts';
import { enqueueWebhook } from './webhooks.service.ts';

export interface AssociationCheckContext {
  tx: Kysely<DB>;
  association: AssociationRow;
  kind: ChangeKind;
  initiator: 'partner' | 'customer';
  toType: AssociationType | null;
  now: Date;
}

/** A blocking condition of the account check: returns the codes of what blocks (empty = passes). */
export interface AssociationCheck {
  name: string;
  run(ctx: AssociationCheckContext): Promise<ErrorCode[]>;
}

export interface AssociationChange {
  kind: ChangeKind;
  eventId: string;
  partnerOrgId: string;
  customerOrgId: string;
  /** The association that ended. */
  associationId: string;
  fromType: AssociationType;
  /** For a type switch: the new type and the association that replaces the old one. */
  toType: AssociationType | null;
  newAssociationId: string | null;
  at: Date;
  actor: Actor;
}

/** Runs inside the applying transaction (money return, voucher reclaim ...); throwing undoes all. */
export type DisassociationEffect = (tx: Kysely<DB>, change: AssociationChange) => Promise<void>;

type Db = Kysely<DB>;

export function createAssociationService(deps: CustomersDeps) {
  const { db, clock, audit, settings } = deps;
  const checks: AssociationCheck[] = [];
  const effects: DisassociationEffect[] = [];

  // Built-in checks: what this module can decide from its own data.
  checks.push({
    name: 'account_flags',
    async run(ctx) {
      return accountFlagBlockers({
        flags: await repo.flagsOf(ctx.tx, ctx.association.customer_org_id),
        kind: ctx.kind,
        initiator: ctx.initiator,
        currentType: ctx.association.association_type,
        frozen: ctx.association.is_frozen !== 0,
      });
    },
  });

  async function history(tx: Db, event: { id: string; org: string }, from: string | null, to: string, action: string, actor: Actor, reason: string | null, at: Date) {
    await tx
      .insertInto('association_event_history')
      .values({ event_id: event.id, org_id: event.org, from_status: from, to_status: to, action, actor_org_id: actor.orgId, actor_user_id: actor.userId, actor_via: actor.via, at, reason })
      .execute();
  }

  /** Frequency and open-request rules: asked at submission only (they are about submitting). */
  async function submissionBlockers(tx: Db, association: AssociationRow, initiator: 'partner' | 'customer', now: Date): Promise<ErrorCode[]> {
    const since = windowStart(now, settings.requestWindowMonths);
    const own = await repo.countEventsSince(tx, {
      customerOrgId: association.customer_org_id,
      partnerOrgId: initiator === 'partner' ? association.partner_org_id : undefined,
      initiator,
      since,
      excludeStatuses: initiator === 'partner' ? ['CANCELLED'] : [],
    });
    const customerRequests =
      initiator === 'partner' ? await repo.countEventsSince(tx, { customerOrgId: association.customer_org_id, initiator: 'customer', since }) : 0;
    const out = frequencyBlockers({
      initiator,
      ownRequestsInWindow: own,
      customerRequestsInWindow: customerRequests,
      partnerLimit: settings.partnerRequestLimit,
      customerLimit: settings.customerRequestLimit,
    });
    if (await repo.openEventOf(tx, association.id)) out.unshift('HBN.2149');
    return out;
  }

  async function conditionBlockers(tx: Db, association: AssociationRow, kind: ChangeKind, initiator: 'partner' | 'customer', toType: AssociationType | null, now: Date) {
    const out: ErrorCode[] = [];
    for (const check of checks) {
      for (const code of await check.run({ tx, association, kind, initiator, toType, now })) if (!out.includes(code)) out.push(code);
    }
    return out;
  }

  async function partnerAssociation(tx: Db, caller: Caller, customerOrgId: string) {
    const association = await repo.currentAssociation(tx, caller.org.id, customerOrgId);
    if (!association) throw new AppError('HBN.0404');
    return association;
  }

  function throwBlockers(codes: ErrorCode[]): never {
    const [first, ...rest] = codes;
    throw new AppError(first, rest.length ? `also: ${rest.join(', ')}` : undefined);
  }

  /** Ends the association (or replaces it for a type switch) and runs every effect. */
  async function applyChange(tx: Db, event: EventRow, actor: Actor, at: Date) {
    const association = await repo.lockAssociation(tx, event.association_id);
    if (!association || association.ended_on) throw new AppError('HBN.2161');
    const kind = event.kind as ChangeKind;
    await tx
      .updateTable('customer_association')
      .set({ ended_on: at, end_reason: kind === 'disassociate' ? 'disassociated' : 'type_switched' })
      .where('id', '=', association.id)
      .execute();
    let newAssociationId: string | null = null;
    if (kind === 'switch_type') {
      newAssociationId = newPrefixedId('AS');
      await tx
        .insertInto('customer_association')
        .values({
          id: newAssociationId,
          customer_org_id: association.customer_org_id,
          partner_org_id: association.partner_org_id,
          association_type: event.to_type!,
          associated_on: at,
          label: association.label,
          source: 'type_switch',
          xaccount_id: association.xaccount_id,
          xaccount_type: association.xaccount_type,
          invitation_id: association.invitation_id,
          frozen_at: null,
          frozen_reason: null,
          end_reason: null,
          ended_on: null,
        })
        .execute();
    } else {
      await repo.withdrawManager(tx, association.partner_org_id, association.customer_org_id, at, actor.userId);
      // Authorizations end with the association.
      const open = await tx
        .selectFrom('on_behalf_authorization')
        .select(['id', 'status'])
        .where('partner_org_id', '=', association.partner_org_id)
        .where('customer_org_id', '=', association.customer_org_id)
        .where('status', 'in', ['REQUESTED', 'AUTHORIZED'])
        .execute();
      for (const z of open) {
        const to = z.status === 'REQUESTED' ? 'WITHDRAWN' : 'REVOKED';
        await tx.updateTable('on_behalf_authorization').set({ status: to, ended_at: at, end_reason: 'disassociated' }).where('id', '=', z.id).execute();
        await tx
          .insertInto('on_behalf_authorization_history')
          .values({ authorization_id: z.id, org_id: association.partner_org_id, from_status: z.status, to_status: to, action: 'terminate', actor_org_id: actor.orgId, actor_user_id: actor.userId, actor_via: actor.via, at, reason: 'disassociated' })
          .execute();
      }
    }
    const change: AssociationChange = {
      kind,
      eventId: event.id,
      partnerOrgId: association.partner_org_id,
      customerOrgId: association.customer_org_id,
      associationId: association.id,
      fromType: association.association_type,
      toType: event.to_type,
      newAssociationId,
      at,
      actor,
    };
    for (const effect of effects) await effect(tx, change);
    await enqueueWebhook(tx, association.partner_org_id, kind === 'disassociate' ? 'customer.disassociated' : 'customer.type_switched', {
      event_id: event.id,
      customer_id: association.customer_org_id,
      from_type: String(association.association_type),
      to_type: event.to_type ? String(event.to_type) : null,
      initiator: event.initiator,
    }, at);
  }

  /** One transition: load, consult the table, compare-and-set, history, apply, audit. */
  async function transition(
    eventId: string,
    action: EventAction,
    by: Side,
    actor: Actor,
    reason: string | null,
    visible: (e: EventRow) => boolean,
    tx0?: Db,
  ): Promise<AssociationEventStatus> {
    const run = async (tx: Db) => {
      const event = await repo.findEvent(tx, eventId);
      if (!event || !visible(event)) throw new AppError('HBN.0404');
      const to = nextEventStatus(event.status, action, by);
      if (!to) throw new AppError('HBN.2161');
      const now = clock.now();
      const moved = await repo.moveEvent(tx, event.id, event.status, to, { decided_at: now, decided_by: actor.userId, decision_reason: reason });
      if (!moved) throw new AppError('HBN.2161');
      await history(tx, { id: event.id, org: event.partner_org_id }, event.status, to, action, actor, reason, now);
      if (APPLIED_STATUSES.includes(to)) {
        const association = await repo.lockAssociation(tx, event.association_id);
        if (!association || association.ended_on) throw new AppError('HBN.2161');
        const blockers = await conditionBlockers(tx, association, event.kind as ChangeKind, event.initiator === 'customer' ? 'customer' : 'partner', event.to_type, now);
        if (blockers.length) throwBlockers(blockers);
        await applyChange(tx, event, actor, now);
      } else {
        await enqueueWebhook(tx, event.partner_org_id, to === 'CANCELLED' ? 'association_event.cancelled' : 'association_event.rejected', {
          event_id: event.id,
          customer_id: event.customer_org_id,
          kind: event.kind,
        }, now);
      }
      await audit.append(tx, actor, {
        operation: `customers.association_event_${action}`,
        targetType: 'association_event',
        targetId: event.id,
        detail: { from: event.status, to, kind: event.kind, customer_id: event.customer_org_id, partner_id: event.partner_org_id, reason },
      });
      return to;
    };
    return tx0 ? run(tx0) : db.transaction().execute(run);
  }

  async function submit(
    caller: Caller,
    association: AssociationRow,
    kind: ChangeKind,
    initiator: 'partner' | 'customer',
    toType: AssociationType | null,
    reason: string,
    tx: Db,
  ) {
    const now = clock.now();
    const blockers = [
      ...(await submissionBlockers(tx, association, initiator, now)),
      ...(await conditionBlockers(tx, association, kind, initiator, toType, now)),
    ];
    if (blockers.length) throwBlockers(blockers);
    const id = newPrefixedId('AE');
    const status: AssociationEventStatus = initiator === 'partner' ? 'PENDING_CUSTOMER' : 'PENDING_PARTNER';
    await tx
      .insertInto('association_event')
      .values({
        id,
        partner_org_id: association.partner_org_id,
        customer_org_id: association.customer_org_id,
        association_id: association.id,
        kind,
        initiator,
        status,
        from_type: association.association_type,
        to_type: toType,
        reason,
        requested_by: caller.userId,
        requested_at: now,
        due_at: initiator === 'customer' ? addDays(now, settings.autoApproveDays) : null,
        decided_at: null,
        decided_by: null,
        decision_reason: null,
      })
      .execute();
    const actor = actorOf(caller);
    await history(tx, { id, org: association.partner_org_id }, null, status, 'request', actor, reason, now);
    await audit.append(tx, actor, {
      operation: kind === 'disassociate' ? 'customers.disassociation_request' : 'customers.type_switch_request',
      targetType: 'association_event',
      targetId: id,
      detail: { customer_id: association.customer_org_id, partner_id: association.partner_org_id, initiator, to_type: toType, reason },
    });
    await enqueueWebhook(tx, association.partner_org_id, kind === 'disassociate' ? 'customer.disassociation_requested' : 'customer.type_switch_requested', {
      event_id: id,
      customer_id: association.customer_org_id,
      initiator,
      to_type: toType ? String(toType) : null,
    }, now);
    return { id, status, due_at: initiator === 'customer' ? addDays(now, settings.autoApproveDays) : null };
  }

  const partnerVisible = (caller: Caller) => (e: EventRow) => e.partner_org_id === caller.org.id;
  const customerVisible = (caller: Caller) => (e: EventRow) => e.customer_org_id === caller.org.id;

  return {
    /** Later modules add their blocking conditions here (unpaid partner-payment orders, arrears ...). */
    registerAssociationCheck(check: AssociationCheck): () => void {
      checks.push(check);
      return () => void checks.splice(checks.indexOf(check), 1);
    },

    /** Later modules add what a disassociation or type switch does to them (money return, vouchers). */
    registerDisassociationEffect(effect: DisassociationEffect): () => void {
      effects.push(effect);
      return () => void effects.splice(effects.indexOf(effect), 1);
    },

    /** The account check: every blocking condition that applies now, submission rules included. */
    async partnerAccountCheck(caller: Caller, customerOrgId: string, kind: ChangeKind) {
      requirePartner(caller);
      requireItem(caller, ITEMS.admin);
      const association = await partnerAssociation(db, caller, customerOrgId);
      const toType = kind === 'switch_type' ? ((3 - association.association_type) as AssociationType) : null;
      const now = clock.now();
      return [...(await submissionBlockers(db, association, 'partner', now)), ...(await conditionBlockers(db, association, kind, 'partner', toType, now))];
    },

    async customerAccountCheck(caller: Caller) {
      requireCustomer(caller);
      requireItem(caller, ITEMS.myPartnersHandle);
      const association = await repo.currentAssociationOfCustomer(db, caller.org.id);
      if (!association) throw new AppError('HBN.0404');
      const now = clock.now();
      return [...(await submissionBlockers(db, association, 'customer', now)), ...(await conditionBlockers(db, association, 'disassociate', 'customer', null, now))];
    },

    async partnerRequest(caller: Caller, customerOrgId: string, kind: ChangeKind, reason: string) {
      requirePartner(caller);
      requireItem(caller, ITEMS.admin);
      return db.transaction().execute(async (tx) => {
        const association = await partnerAssociation(tx, caller, customerOrgId);
        const locked = (await repo.lockAssociation(tx, association.id))!;
        const toType = kind === 'switch_type' ? ((3 - locked.association_type) as AssociationType) : null;
        return submit(caller, locked, kind, 'partner', toType, reason, tx);
      });
    },

    async customerRequest(caller: Caller, reason: string) {
      requireCustomer(caller);
      requireItem(caller, ITEMS.myPartnersHandle);
      return db.transaction().execute(async (tx) => {
        const association = await repo.currentAssociationOfCustomer(tx, caller.org.id);
        if (!association) throw new AppError('HBN.0404');
        const locked = (await repo.lockAssociation(tx, association.id))!;
        return submit(caller, locked, 'disassociate', 'customer', null, reason, tx);
      });
    },

    /** Partner side: approve / reject a customer's request, or cancel its own pending request. */
    async partnerDecide(caller: Caller, eventId: string, action: 'approve' | 'reject' | 'cancel', reason: string | null) {
      requirePartner(caller);
      requireItem(caller, ITEMS.admin);
      return transition(eventId, action, 'partner', actorOf(caller), reason, partnerVisible(caller));
    },

    /** Customer side: agree to or reject a partner's request. */
    async customerDecide(caller: Caller, eventId: string, action: 'agree' | 'reject', reason: string | null) {
      requireCustomer(caller);
      requireItem(caller, ITEMS.myPartnersHandle);
      return transition(eventId, action, 'customer', actorOf(caller), reason, customerVisible(caller));
    },

    async listForPartner(caller: Caller, filter: Omit<repo.EventListFilter, 'partnerOrgId' | 'customerOrgId'> & { customerId?: string }, offset: number, limit: number) {
      requirePartner(caller);
      requireItem(caller, ITEMS.view);
      return repo.listEvents(db, { ...filter, partnerOrgId: caller.org.id, customerOrgId: filter.customerId }, offset, limit);
    },

    async listForCustomer(caller: Caller, offset: number, limit: number) {
      requireCustomer(caller);
      requireItem(caller, ITEMS.myPartners);
      return repo.listEvents(db, { customerOrgId: caller.org.id }, offset, limit);
    },

    async getEvent(caller: Caller, eventId: string) {
      const event = await repo.findEvent(db, eventId);
      const mine = event && (caller.org.kind === 'partner' ? event.partner_org_id === caller.org.id : event.customer_org_id === caller.org.id);
      if (caller.org.kind === 'partner') requireItem(caller, ITEMS.view);
      else if (caller.org.kind === 'customer') requireItem(caller, ITEMS.myPartners);
      else throw new AppError('CBC.0151');
      if (!event || !mine) throw new AppError('HBN.0404');
      const page = await repo.listEvents(db, { partnerOrgId: event.partner_org_id, customerOrgId: event.customer_org_id }, 0, 100);
      const row = page.rows.find((r) => r.id === eventId)!;
      return { event: row, history: await repo.eventHistory(db, eventId) };
    },

    /** Records an association that just happened (invitation, API creation) in the same transaction. */
    async recordAssociated(tx: Db, association: { id: string; partner_org_id: string; customer_org_id: string; association_type: AssociationType }, actor: Actor, at: Date) {
      const id = newPrefixedId('AE');
      await tx
        .insertInto('association_event')
        .values({
          id,
          partner_org_id: association.partner_org_id,
          customer_org_id: association.customer_org_id,
          association_id: association.id,
          kind: 'associate',
          initiator: actor.orgId === association.partner_org_id ? 'partner' : 'customer',
          status: 'COMPLETED',
          from_type: association.association_type,
          to_type: association.association_type,
          reason: '',
          requested_by: actor.userId,
          requested_at: at,
          due_at: null,
          decided_at: at,
          decided_by: actor.userId,
          decision_reason: null,
        })
        .execute();
      await history(tx, { id, org: association.partner_org_id }, null, 'COMPLETED', 'associate', actor, null, at);
      await enqueueWebhook(tx, association.partner_org_id, 'customer.associated', {
        event_id: id,
        customer_id: association.customer_org_id,
        association_type: String(association.association_type),
      }, at);
      return id;
    },

    /**
     * Approves customer-initiated requests whose due time has passed. Idempotent; catches up after
     * downtime (everything overdue is handled); several processes may run it at once (SKIP LOCKED).
     * A request that is blocked at its due time waits one more day; one whose effect fails is left
     * for the next run.
     */
    async sweepDueEvents(now: Date) {
      let approved = 0;
      let deferred = 0;
      const skip: string[] = [];
      for (;;) {
        let claimedId: string | null = null;
        try {
          const outcome = await db.transaction().execute(async (tx) => {
            const event = await repo.claimDueEvent(tx, now, skip);
            if (!event) return 'none' as const;
            claimedId = event.id;
            const association = await repo.lockAssociation(tx, event.association_id);
            const actor = systemActor(event.partner_org_id);
            if (association && !association.ended_on) {
              const blockers = await conditionBlockers(tx, association, 'disassociate', 'customer', null, now);
              if (blockers.length) {
                await tx.updateTable('association_event').set({ due_at: addDays(now, 1) }).where('id', '=', event.id).execute();
                await audit.append(tx, actor, {
                  operation: 'customers.auto_approve_deferred',
                  targetType: 'association_event',
                  targetId: event.id,
                  detail: { blockers },
                });
                return 'deferred' as const;
              }
            }
            await transition(event.id, 'auto_approve', 'system', actor, `auto-approved: due ${event.due_at ? new Date(event.due_at).toISOString() : ''}`, () => true, tx);
            return 'approved' as const;
          });
          if (outcome === 'none') break;
          if (outcome === 'approved') approved++;
          else {
            deferred++;
            skip.push(claimedId!);
          }
        } catch {
          if (!claimedId) throw new Error('deadline sweep failed before claiming an event');
          skip.push(claimedId);
        }
      }
      return { approved, deferred, failed: skip.length - deferred };
    },
  };
}

export type AssociationService = ReturnType<typeof createAssociationService>;
