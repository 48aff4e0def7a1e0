// Routes: schema + access + one service call. Huawei's sub-customer operations answer on
// Huawei's paths; everything else is an extension under /api.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callerOf } from '../../http/context.ts';
import { toApiTime } from '../../shared/clock.ts';
import { errorBody, type ErrorCode } from '../../shared/errors.ts';
import type { CustomersModule } from './index.ts';
import type { EventRow } from './customers.repo.ts';
import { ITEMS } from './customers.shared.ts';
import * as s from './customers.schemas.ts';

const huawei = ['Customers'];
const ext = ['Customers', 'extension'];
const time = (d: Date | string | null | undefined) => (d ? toApiTime(new Date(d)) : null);
type EventListRow = EventRow & { customer_account_name: string; customer_name: string; partner_account_name: string; partner_name: string };

const eventOut = (e: EventListRow) => ({
  id: e.id,
  kind: e.kind,
  initiator: e.initiator,
  status: e.status,
  customer_id: e.customer_org_id,
  customer_account_name: e.customer_account_name,
  customer_name: e.customer_name,
  partner_id: e.partner_org_id,
  partner_account_name: e.partner_account_name,
  partner_name: e.partner_name,
  from_type: String(e.from_type),
  to_type: e.to_type ? String(e.to_type) : null,
  reason: e.reason,
  requested_at: time(e.requested_at)!,
  due_at: time(e.due_at),
  decided_at: time(e.decided_at),
  decision_reason: e.decision_reason,
});
const historyOut = (h: { from_status: string | null; to_status: string; action: string; actor_org_id: string | null; actor_user_id: string | null; actor_via: string; at: Date; reason: string | null }) => ({
  from_status: h.from_status,
  to_status: h.to_status,
  action: h.action,
  actor_org_id: h.actor_org_id,
  actor_user_id: h.actor_user_id,
  actor_via: h.actor_via,
  at: time(h.at)!,
  reason: h.reason,
});

export const customersRoutes: FastifyPluginAsyncZod<{ module: CustomersModule }> = async (app, { module: m }) => {
  const { customers, associations, invitations, authorizations, webhooks } = m;
  const blockersOut = (codes: ErrorCode[], lang: 'zh' | 'en') => ({
    passed: codes.length === 0,
    blockers: codes.map((code) => ({ code, message: errorBody(code, lang).error_msg })),
  });

  // ------------------------------------------------------------ Huawei operations
  app.post('/v2/partners/sub-customers/query', {
    config: { access: [ITEMS.view, ITEMS.resellerView, ITEMS.viewAssigned] },
    schema: { tags: huawei, summary: "List the partner's customers (ListSubCustomers)", body: s.subCustomersQuery, response: { 200: s.subCustomersResponse } },
    handler: async (request) => customers.list(callerOf(request), request.body),
  });

  app.post('/v2/partners/sub-customers', {
    config: { access: [ITEMS.create] },
    schema: {
      tags: huawei,
      summary: 'Create a customer account associated in resale mode (CreateSubCustomer)',
      description: 'No SMS is sent: verification_code is accepted and not checked. cooperation_type is retired; customers are always resale.',
      body: s.createSubCustomerBody,
      response: { 200: s.createSubCustomerResponse },
    },
    handler: async (request) => customers.createSubCustomer(callerOf(request), request.body),
  });

  const batch = (errors: { error_code: ErrorCode; id: string }[], lang: 'zh' | 'en') =>
    errors.length ? { error_details: errors.map((e) => ({ ...errorBody(e.error_code, lang), id: e.id })) } : {};

  app.post('/v2/partners/sub-customers/freeze', {
    config: { access: [ITEMS.freeze, ITEMS.resellerFreeze] },
    schema: { tags: huawei, summary: 'Freeze resale customers (FreezeSubCustomers)', body: s.freezeBody, response: { 200: s.batchResponse } },
    handler: async (request) => batch(await customers.freeze(callerOf(request), request.body), request.lang),
  });

  app.post('/v2/partners/sub-customers/unfreeze', {
    config: { access: [ITEMS.freeze, ITEMS.resellerFreeze] },
    schema: { tags: huawei, summary: 'Unfreeze resale customers (UnfreezeSubCustomers)', body: s.unfreezeBody, response: { 200: s.batchResponse } },
    handler: async (request) => batch(await customers.unfreeze(callerOf(request), request.body), request.lang),
  });

  // ------------------------------------------------------------ customer list export
  app.post('/api/customers/export', {
    config: { access: [ITEMS.view, ITEMS.resellerView, ITEMS.viewAssigned] },
    schema: { tags: ext, summary: 'Export the customer list as .xlsx (same filters as the query)', body: s.customersExportBody },
    handler: async (request, reply) => {
      const file = await customers.exportXlsx(callerOf(request), request.body, request.lang);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="customers.xlsx"')
        .send(file);
    },
  });

  // ------------------------------------------------------------ account check, disassociation, type switch (partner)
  app.post('/api/customers/:customer_id/account-check', {
    config: { access: [ITEMS.admin] },
    schema: { tags: ext, summary: 'Account check before a disassociation or type switch: every blocking condition', params: s.customerParams, body: s.accountCheckBody, response: { 200: s.accountCheckResponse } },
    handler: async (request) => blockersOut(await associations.partnerAccountCheck(callerOf(request), request.params.customer_id, request.body.kind), request.lang),
  });

  app.post('/api/customers/:customer_id/disassociation', {
    config: { access: [ITEMS.admin] },
    schema: { tags: ext, summary: 'Request disassociation of a customer (the customer agrees or rejects)', params: s.customerParams, body: s.reasonBody, response: { 201: s.requestCreated } },
    handler: async (request, reply) => {
      const r = await associations.partnerRequest(callerOf(request), request.params.customer_id, 'disassociate', request.body.reason);
      return reply.status(201).send({ ...r, due_at: time(r.due_at) });
    },
  });

  app.post('/api/customers/:customer_id/type-switch', {
    config: { access: [ITEMS.admin] },
    schema: { tags: ext, summary: 'Request switching the association type (the customer agrees or rejects)', params: s.customerParams, body: s.reasonBody, response: { 201: s.requestCreated } },
    handler: async (request, reply) => {
      const r = await associations.partnerRequest(callerOf(request), request.params.customer_id, 'switch_type', request.body.reason);
      return reply.status(201).send({ ...r, due_at: time(r.due_at) });
    },
  });

  // ------------------------------------------------------------ association records (partner)
  app.get('/api/association-events', {
    config: { access: [ITEMS.view] },
    schema: { tags: ext, summary: 'Association records: associations, type switches and disassociations', querystring: s.eventsQuery, response: { 200: s.eventsResponse } },
    handler: async (request) => {
      const { offset, limit, status, kind, customer_id } = request.query;
      const r = await associations.listForPartner(callerOf(request), { status, kind, customerId: customer_id }, offset, limit);
      return { count: r.count, events: r.rows.map(eventOut) };
    },
  });

  app.get('/api/association-events/:id', {
    config: { access: [ITEMS.view, ITEMS.myPartners] },
    schema: { tags: ext, summary: 'One association event with its history', params: s.idParams, response: { 200: s.eventDetail } },
    handler: async (request) => {
      const r = await associations.getEvent(callerOf(request), request.params.id);
      return { event: eventOut(r.event), history: r.history.map(historyOut) };
    },
  });

  for (const action of ['approve', 'reject', 'cancel'] as const) {
    app.post(`/api/association-events/:id/${action}`, {
      config: { access: [ITEMS.admin] },
      schema: { tags: ext, summary: `Partner: ${action} an association request`, params: s.idParams, body: s.optionalReasonBody, response: { 200: s.statusResponse } },
      handler: async (request) => ({ status: await associations.partnerDecide(callerOf(request), request.params.id, action, request.body.reason ?? null) }),
    });
  }

  // ------------------------------------------------------------ account managers
  app.get('/api/account-manager-candidates', {
    config: { access: [ITEMS.assignManager, ITEMS.invite, ITEMS.resellerManager] },
    schema: {
      tags: ext,
      summary: 'Members who may be assigned as account manager of customers or of cloud resellers (members whose roles let them see what is assigned to them)',
      querystring: s.managerCandidatesQuery,
      response: { 200: s.managerCandidatesResponse },
    },
    handler: async (request) => ({
      candidates: (await customers.managerCandidates(callerOf(request), request.query.kind)).map((m) => ({ id: m.id, account_name: m.name, display_name: m.display_name })),
    }),
  });

  for (const kind of ['customer', 'reseller'] as const) {
    const base = kind === 'customer' ? '/api/customers/:customer_id' : '/api/resellers/:reseller_id';
    const params = kind === 'customer' ? s.customerParams : s.resellerParams;
    const subject = (p: Record<string, string>) => (kind === 'customer' ? p.customer_id : p.reseller_id);
    const item = kind === 'customer' ? ITEMS.assignManager : ITEMS.resellerManager;
    app.put(`${base}/account-manager`, {
      config: { access: [item] },
      schema: { tags: ext, summary: `Assign the account manager of a ${kind}`, params, body: s.assignManagerBody, response: { 200: z.object({ id: z.string(), assigned_at: z.string() }) } },
      handler: async (request) => {
        const r = await customers.assignManager(callerOf(request), kind, subject(request.params), request.body.manager_user_id);
        return { id: r.id, assigned_at: time(r.assigned_at)! };
      },
    });
    app.delete(`${base}/account-manager`, {
      config: { access: [item] },
      schema: { tags: ext, summary: `Withdraw the account manager of a ${kind}`, params, response: { 204: z.null() } },
      handler: async (request, reply) => {
        await customers.withdrawManager(callerOf(request), kind, subject(request.params));
        return reply.status(204).send(null);
      },
    });
    app.get(`${base}/account-managers`, {
      config: { access: kind === 'customer' ? [ITEMS.view] : [ITEMS.resellerManager] },
      schema: { tags: ext, summary: `Account managers of a ${kind}, current and past`, params, response: { 200: s.managerHistoryResponse } },
      handler: async (request) => ({
        assignments: (await customers.managerHistory(callerOf(request), kind, subject(request.params))).map((a) => ({
          id: a.id,
          manager_user_id: a.manager_user_id,
          manager_name: a.manager_name,
          assigned_at: time(a.assigned_at)!,
          withdrawn_at: time(a.withdrawn_at),
          current: !a.withdrawn_at,
        })),
      }),
    });
  }

  // ------------------------------------------------------------ reports and invitations
  const reportOut = (r: { id: string; partner_org_id: string; customer_name: string; mobile: string; email: string; status: string; created_at: Date; valid_until: Date | null; decision_reason: string | null }) => ({
    id: r.id,
    partner_id: r.partner_org_id,
    customer_name: r.customer_name,
    mobile: r.mobile,
    email: r.email,
    status: r.status,
    created_at: time(r.created_at)!,
    valid_until: time(r.valid_until),
    decision_reason: r.decision_reason,
  });

  app.post('/api/customer-reports', {
    config: { access: [ITEMS.invite] },
    schema: { tags: ext, summary: 'Report a customer (报备); the vendor approves it', body: s.reportBody, response: { 201: z.object({ id: z.string() }) } },
    handler: async (request, reply) => reply.status(201).send({ id: await invitations.createReport(callerOf(request), request.body) }),
  });

  app.get('/api/customer-reports', {
    config: { access: [ITEMS.invite, ITEMS.vendorReports] },
    schema: { tags: ext, summary: "Reported customers (the partner's own; all for the vendor)", response: { 200: s.reportsResponse } },
    handler: async (request) => ({ reports: (await invitations.listReports(callerOf(request))).map(reportOut) }),
  });

  app.post('/api/customer-reports/:id/decision', {
    config: { access: [ITEMS.vendorReports] },
    schema: { tags: ext, summary: 'Vendor: approve or reject a reported customer', params: s.idParams, body: s.decideReportBody, response: { 200: z.object({ status: z.string(), valid_until: z.string().nullable() }) } },
    handler: async (request) => {
      const r = await invitations.decideReport(callerOf(request), request.params.id, request.body.approve, request.body.reason ?? null);
      return { status: r.status, valid_until: time(r.valid_until) };
    },
  });

  app.post('/api/invitations', {
    config: { access: [ITEMS.invite] },
    schema: {
      tags: ext,
      summary: 'Create an invitation: online (e-mail to a reported customer, valid 7 days) or offline (link / QR code, never expires)',
      body: s.invitationBody,
      response: { 201: s.invitationCreated },
    },
    handler: async (request, reply) => {
      const r = await invitations.createInvitation(callerOf(request), { ...request.body, association_type: Number(request.body.association_type) as 1 | 2 });
      return reply.status(201).send({ id: r.id, code: r.code, link: r.link, qr_payload: r.link, expires_at: time(r.expires_at) });
    },
  });

  app.get('/api/invitations', {
    config: { access: [ITEMS.invite] },
    schema: { tags: ext, summary: "The partner's invitations", response: { 200: s.invitationsResponse } },
    handler: async (request) => {
      const base = m.publicUrl;
      return {
        invitations: (await invitations.listInvitations(callerOf(request))).map((i) => ({
          id: i.id,
          channel: i.channel,
          association_type: String(i.association_type),
          link: `${base}/invite/${i.code}`,
          email: i.email,
          tag: i.tag,
          manager_user_id: i.manager_user_id,
          created_at: time(i.created_at)!,
          expires_at: time(i.expires_at),
          sent_count: i.sent_count,
          revoked: !!i.revoked_at,
          accepted_count: i.accepted_count,
        })),
      };
    },
  });

  app.post('/api/invitations/:id/resend', {
    config: { access: [ITEMS.invite] },
    schema: { tags: ext, summary: 'Send an online invitation again (a fresh 7-day link)', params: s.idParams, response: { 200: s.resendResponse } },
    handler: async (request) => {
      const r = await invitations.resend(callerOf(request), request.params.id);
      return { ...r, expires_at: time(r.expires_at)! };
    },
  });

  app.post('/api/invitations/:id/revoke', {
    config: { access: [ITEMS.invite] },
    schema: { tags: ext, summary: 'Revoke an invitation', params: s.idParams, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await invitations.revoke(callerOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/public/invitations/:code', {
    config: { access: 'public' },
    schema: { tags: ext, summary: 'The invitation page: partner, association type and its notice', params: s.codeParams, response: { 200: s.publicInvitation } },
    handler: async (request) => {
      const r = await invitations.describe(request.params.code);
      return { ...r, expires_at: time(r.expires_at) };
    },
  });

  app.post('/api/public/invitations/:code/register', {
    config: { access: 'public' },
    schema: { tags: ext, summary: 'Register a new customer account through the invitation and associate', params: s.codeParams, body: s.registerBody, response: { 201: s.associatedResponse } },
    handler: async (request, reply) => {
      const r = await invitations.register(request.params.code, request.body, request.ip);
      return reply.status(201).send({ ...r, associated_on: time(r.associated_on)! });
    },
  });

  app.post('/api/public/invitations/:code/accept', {
    config: { access: 'signed_in' },
    schema: { tags: ext, summary: 'Associate the signed-in customer account through the invitation', params: s.codeParams, body: s.acceptBody, response: { 200: s.associatedResponse } },
    handler: async (request) => {
      const r = await invitations.accept(callerOf(request), request.params.code, request.body.agree_notice);
      return { ...r, associated_on: time(r.associated_on)! };
    },
  });

  // ------------------------------------------------------------ on-behalf authorization
  type AuthRow = Awaited<ReturnType<typeof authorizations.listForPartner>>[number];
  const authOut = (z0: AuthRow) => ({
    id: z0.id,
    partner_id: z0.partner_org_id,
    partner_name: z0.partner_name,
    customer_id: z0.customer_org_id,
    customer_account_name: z0.customer_account_name,
    scopes: z0.scopes,
    duration_days: z0.duration_days,
    status: z0.status,
    reason: z0.reason,
    requested_at: time(z0.requested_at)!,
    decided_at: time(z0.decided_at),
    expires_at: time(z0.expires_at),
    expiry_warning: z0.expiry_warning,
    ended_at: time(z0.ended_at),
    end_reason: z0.end_reason,
  });

  app.post('/api/authorizations', {
    config: { access: [ITEMS.authorize] },
    schema: { tags: ext, summary: 'Request on-behalf authorization from a customer (代客授权)', body: s.authorizationBody, response: { 201: z.object({ id: z.string() }) } },
    handler: async (request, reply) => reply.status(201).send({ id: await authorizations.request(callerOf(request), request.body) }),
  });

  app.get('/api/authorizations', {
    config: { access: [ITEMS.view] },
    schema: { tags: ext, summary: "The partner's on-behalf authorizations (expiry_warning: ends within 7 days)", querystring: s.authorizationsQuery, response: { 200: s.authorizationsResponse } },
    handler: async (request) => ({ authorizations: (await authorizations.listForPartner(callerOf(request), request.query)).map(authOut) }),
  });

  app.post('/api/authorizations/:id/withdraw', {
    config: { access: [ITEMS.authorize] },
    schema: { tags: ext, summary: 'Withdraw a pending authorization request', params: s.idParams, body: s.optionalReasonBody, response: { 200: s.statusResponse } },
    handler: async (request) => ({ status: await authorizations.withdraw(callerOf(request), request.params.id, request.body.reason ?? null) }),
  });

  app.get('/api/authorizations/:id/history', {
    config: { access: [ITEMS.view, ITEMS.myPartners] },
    schema: { tags: ext, summary: 'History of an authorization', params: s.idParams, response: { 200: s.authorizationHistoryResponse } },
    handler: async (request) => ({ history: (await authorizations.history(callerOf(request), request.params.id)).map(historyOut) }),
  });

  // ------------------------------------------------------------ the customer's "My partners"
  app.get('/api/my-partners', {
    config: { access: [ITEMS.myPartners] },
    schema: { tags: ext, summary: 'Customer: my partner and the requests waiting for me', response: { 200: s.myPartnersResponse } },
    handler: async (request) => {
      const r = await m.myPartner(callerOf(request));
      return {
        partner: r.partner && { ...r.partner, associated_on: time(r.partner.associated_on)! },
        pending_events: r.pending.map(eventOut),
      };
    },
  });

  app.get('/api/my-partners/events', {
    config: { access: [ITEMS.myPartners] },
    schema: { tags: ext, summary: 'Customer: association records (operation log)', querystring: s.pageQuery, response: { 200: s.eventsResponse } },
    handler: async (request) => {
      const r = await associations.listForCustomer(callerOf(request), request.query.offset, request.query.limit);
      return { count: r.count, events: r.rows.map(eventOut) };
    },
  });

  app.post('/api/my-partners/account-check', {
    config: { access: [ITEMS.myPartnersHandle] },
    schema: { tags: ext, summary: 'Customer: account check before requesting disassociation', response: { 200: s.accountCheckResponse } },
    handler: async (request) => blockersOut(await associations.customerAccountCheck(callerOf(request)), request.lang),
  });

  app.post('/api/my-partners/disassociation', {
    config: { access: [ITEMS.myPartnersHandle] },
    schema: { tags: ext, summary: 'Customer: request disassociation (the partner approves or rejects; approved automatically when due)', body: s.reasonBody, response: { 201: s.requestCreated } },
    handler: async (request, reply) => {
      const r = await associations.customerRequest(callerOf(request), request.body.reason);
      return reply.status(201).send({ ...r, due_at: time(r.due_at) });
    },
  });

  for (const action of ['agree', 'reject'] as const) {
    app.post(`/api/my-partners/events/:id/${action}`, {
      config: { access: [ITEMS.myPartnersHandle] },
      schema: { tags: ext, summary: `Customer: ${action} a partner's disassociation or type-switch request`, params: s.idParams, body: s.optionalReasonBody, response: { 200: s.statusResponse } },
      handler: async (request) => ({ status: await associations.customerDecide(callerOf(request), request.params.id, action, request.body.reason ?? null) }),
    });
  }

  app.get('/api/my-partners/authorizations', {
    config: { access: [ITEMS.myPartners] },
    schema: { tags: ext, summary: 'Customer: on-behalf authorizations (expiry_warning: ends within 7 days)', response: { 200: s.authorizationsResponse } },
    handler: async (request) => ({ authorizations: (await authorizations.listForCustomer(callerOf(request))).map(authOut) }),
  });

  for (const action of ['agree', 'reject', 'revoke'] as const) {
    app.post(`/api/my-partners/authorizations/:id/${action}`, {
      config: { access: [ITEMS.myPartnersAuthorize] },
      schema: { tags: ext, summary: `Customer: ${action} an on-behalf authorization`, params: s.idParams, body: s.optionalReasonBody, response: { 200: s.statusResponse } },
      handler: async (request) => ({ status: await authorizations.customerDecide(callerOf(request), request.params.id, action, request.body.reason ?? null) }),
    });
  }

  // ------------------------------------------------------------ webhooks
  app.get('/api/webhook-endpoint', {
    config: { access: [ITEMS.webhooks] },
    schema: { tags: ext, summary: "The partner's webhook endpoint (the secret is shown only when issued)", response: { 200: s.webhookView } },
    handler: async (request) => {
      const e = await webhooks.getEndpoint(callerOf(request));
      return { url: e.url, enabled: e.enabled, secret: null, updated_at: time(e.updated_at)! };
    },
  });

  app.put('/api/webhook-endpoint', {
    config: { access: [ITEMS.webhooks] },
    schema: {
      tags: ext,
      summary: 'Configure the webhook endpoint',
      description:
        'Events are POSTed as JSON {id, type, created_at, data} with headers X-Huoban-Event, X-Huoban-Delivery and ' +
        'X-Huoban-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>. Verify in constant time and refuse old timestamps. ' +
        'Non-2xx answers are retried with exponential backoff (30 s doubling, at most 8 attempts).',
      body: s.webhookBody,
      response: { 200: s.webhookView },
    },
    handler: async (request) => {
      const r = await webhooks.putEndpoint(callerOf(request), request.body);
      return { url: r.url, enabled: r.enabled, secret: r.secret, updated_at: time(r.updated_at)! };
    },
  });

  app.delete('/api/webhook-endpoint', {
    config: { access: [ITEMS.webhooks] },
    schema: { tags: ext, summary: 'Remove the webhook endpoint', response: { 204: z.null() } },
    handler: async (request, reply) => {
      await webhooks.deleteEndpoint(callerOf(request));
      return reply.status(204).send(null);
    },
  });

  type DeliveryRow = Awaited<ReturnType<typeof webhooks.getDelivery>>['delivery'];
  const deliveryOut = (d: DeliveryRow) => ({
    id: d.id,
    event_type: d.event_type,
    status: d.status,
    attempts: d.attempts,
    next_attempt_at: time(d.next_attempt_at),
    last_status_code: d.last_status_code,
    last_error: d.last_error,
    created_at: time(d.created_at)!,
    delivered_at: time(d.delivered_at),
    payload: d.payload,
  });

  app.get('/api/webhook-deliveries', {
    config: { access: [ITEMS.webhooks] },
    schema: { tags: ext, summary: 'Webhook delivery log', querystring: s.pageQuery, response: { 200: s.deliveriesResponse } },
    handler: async (request) => {
      const r = await webhooks.listDeliveries(callerOf(request), request.query.offset, request.query.limit);
      return { count: r.count, deliveries: r.rows.map(deliveryOut) };
    },
  });

  app.get('/api/webhook-deliveries/:id', {
    config: { access: [ITEMS.webhooks] },
    schema: { tags: ext, summary: 'One webhook delivery with its attempts', params: s.idParams, response: { 200: s.deliveryDetail } },
    handler: async (request) => {
      const r = await webhooks.getDelivery(callerOf(request), request.params.id);
      return {
        delivery: deliveryOut(r.delivery),
        attempts: r.attempts.map((a) => ({ attempted_at: time(a.attempted_at)!, status_code: a.status_code, error: a.error, duration_ms: a.duration_ms })),
      };
    },
  });

  app.post('/api/webhook-deliveries/:id/redeliver', {
    config: { access: [ITEMS.webhooks] },
    schema: { tags: ext, summary: 'Send a delivery again now', params: s.idParams, response: { 200: z.object({ delivered: z.boolean() }) } },
    handler: async (request) => webhooks.redeliver(callerOf(request), request.params.id),
  });
};
