// The customers module: what other modules and the composition root may use.
import { createAssociationService } from './association.service.ts';
import { createAuthorizationService } from './authorization.service.ts';
import { createCustomerService } from './customers.service.ts';
import type { CustomersDeps } from './customers.shared.ts';
import * as repo from './customers.repo.ts';
import type { Caller } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { createInvitationService } from './invitations.service.ts';
import { createWebhookService } from './webhooks.service.ts';

export type { AssociationCheck, AssociationCheckContext, AssociationChange, DisassociationEffect } from './association.service.ts';
export type { CustomersDeps } from './customers.shared.ts';
export { isAccountManagerCandidate, seesOnlyAssignedCustomers } from './customers.shared.ts';
export { verifyWebhookSignature, webhookSignature, SIGNATURE_HEADER, AUTHORIZATION_SCOPES, type AuthorizationScope } from './customers.rules.ts';
export { customersRoutes } from './customers.routes.ts';

export function createCustomersModule(deps: CustomersDeps & { fetch?: typeof fetch }) {
  const associations = createAssociationService(deps);
  const authorizations = createAuthorizationService(deps);
  const webhooks = createWebhookService(deps);
  const customers = createCustomerService({ ...deps, associations });
  const invitations = createInvitationService({ ...deps, associations });
  return {
    customers,
    associations,
    authorizations,
    invitations,
    webhooks,
    registerAssociationCheck: associations.registerAssociationCheck,
    registerDisassociationEffect: associations.registerDisassociationEffect,
    assertOnBehalfAuthorized: authorizations.assertOnBehalfAuthorized,
    publicUrl: deps.settings.publicUrl.replace(/\/$/, ''),
    /** The customer's current partner and the partner requests waiting for the customer. */
    async myPartner(caller: Caller) {
      if (caller.org.kind !== 'customer') throw new AppError('CBC.0151');
      const a = await repo.currentAssociationOfCustomer(deps.db, caller.org.id);
      const partner = a ? await repo.findOrg(deps.db, a.partner_org_id) : undefined;
      const pending = await repo.listEvents(deps.db, { customerOrgId: caller.org.id, status: 'PENDING_CUSTOMER' }, 0, 100);
      return {
        partner:
          a && partner
            ? { partner_id: partner.id, partner_name: partner.name, association_type: String(a.association_type), associated_on: new Date(a.associated_on), is_frozen: a.is_frozen }
            : null,
        pending: pending.rows,
      };
    },
    /** Whether a customer is frozen by its partner (a frozen customer cannot spend). */
    async isCustomerFrozen(customerOrgId: string) {
      const a = await deps.db
        .selectFrom('customer_association')
        .select('is_frozen')
        .where('customer_org_id', '=', customerOrgId)
        .where('ended_on', 'is', null)
        .executeTakeFirst();
      return !!a && a.is_frozen !== 0;
    },
    /** Every due time: customer requests to auto-approve, authorizations to expire or warn about. */
    async sweepDeadlines(now: Date = deps.clock.now()) {
      const events = await associations.sweepDueEvents(now);
      const grants = await authorizations.sweep(now);
      return { ...events, authorizationsExpired: grants.expired, authorizationsWarned: grants.warned };
    },
    /** One tick of the server's timer: deadlines, then webhook deliveries that are due. */
    async tick(now: Date = deps.clock.now()) {
      const deadlines = await this.sweepDeadlines(now);
      const deliveries = await webhooks.deliverDue(now);
      return { deadlines, deliveries };
    },
  };
}

export type CustomersModule = ReturnType<typeof createCustomersModule>;
