// The customers API contract: Huawei's sub-customer operations (same fields) and our extensions.
import { z } from 'zod';
import { AUTHORIZATION_SCOPES } from './customers.rules.ts';

const id = z.string().min(1).max(64);
export const apiTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'expected yyyy-MM-ddTHH:mm:ssZ')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a valid time');
const reason = z.string().trim().min(1).max(512);
const optionalReason = z.string().max(512).optional();
export const page = { offset: z.number().int().min(0).max(40_000_000).default(0), limit: z.number().int().min(1).max(100).default(10) };
export const pageQuery = z.object({
  offset: z.coerce.number().int().min(0).max(40_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

// ---- Huawei: POST /v2/partners/sub-customers/query
const customerFilters = {
  account_name: z.string().max(64).regex(/^\S*$/, 'spaces are not supported').optional(),
  customer: z.string().max(256).optional(),
  label: z.string().max(64).optional(),
  association_type: z.enum(['1', '2']).optional(),
  associated_on_begin: apiTime.optional(),
  associated_on_end: apiTime.optional(),
  customer_id: z.string().max(64).optional(),
  indirect_partner_id: z.string().max(64).optional(),
  account_manager: z.string().max(64).optional().describe('extension: account manager name, fuzzy'),
  is_frozen: z.number().int().min(0).max(2).optional().describe('extension: 0 not frozen, 1 account, 2 account and resources'),
};
export const subCustomersQuery = z.object({ ...customerFilters, ...page });
export const customersExportBody = z.object(customerFilters);

export const customerInformation = z.object({
  customer: z.string(),
  account_name: z.string(),
  customer_id: z.string(),
  associated_on: z.string(),
  association_type: z.string(),
  label: z.string(),
  telephone: z.string(),
  verified_status: z.string(),
  country_code: z.string(),
  customer_type: z.number().int(),
  is_frozen: z.number().int(),
  account_managers: z.array(z.object({ account_name: z.string() })),
  xaccount_id: z.string(),
  xaccount_type: z.string(),
  customer_level: z.string(),
  email: z.string(),
});
export const subCustomersResponse = z.object({ count: z.number().int(), customer_infos: z.array(customerInformation) });

// ---- Huawei: POST /v2/partners/sub-customers
export const createSubCustomerBody = z.object({
  domain_name: z.string().min(5).max(32).nullable().optional(),
  mobile_phone: z.string().regex(/^1\d{10}$/).optional(),
  verification_code: z.string().min(1).max(16).optional(),
  xaccount_id: z.string().min(1).max(128).optional(),
  xaccount_type: z.string().min(1).max(30).optional(),
  password: z.string().min(1).max(64).nullable().optional(),
  is_close_market_ms: z.enum(['true', 'false']).optional(),
  cooperation_type: z.string().max(8).optional(),
  indirect_partner_id: z.string().max(64).optional(),
  include_association_result: z.boolean().optional(),
});
export const createSubCustomerResponse = z.object({ domain_id: z.string(), domain_name: z.string() });

// ---- Huawei: freeze / unfreeze
export const freezeBody = z.object({
  customer_ids: z.array(id).min(1).max(100),
  reason: z.string().min(1).max(512),
  indirect_partner_id: z.string().max(64).optional(),
  freeze_type: z.enum(['ACCOUNT', 'ACCOUNT_AND_RESOURCE']).optional(),
});
export const unfreezeBody = z.object({
  customer_ids: z.array(id).min(1).max(100),
  reason: z.string().min(1).max(512),
  indirect_partner_id: z.string().max(64).optional(),
  unfreeze_type: z.enum(['ACCOUNT', 'ACCOUNT_AND_RESOURCE']).optional(),
});
export const batchResponse = z.object({ error_details: z.array(z.object({ error_code: z.string(), error_msg: z.string(), id: z.string() })).optional() });

// ---- extensions
export const customerParams = z.object({ customer_id: id });
export const resellerParams = z.object({ reseller_id: id });
export const idParams = z.object({ id });
export const codeParams = z.object({ code: z.string().min(8).max(64) });

export const accountCheckBody = z.object({ kind: z.enum(['disassociate', 'switch_type']) }).strict();
export const blockerView = z.object({ code: z.string(), message: z.string() });
export const accountCheckResponse = z.object({ passed: z.boolean(), blockers: z.array(blockerView) });
export const reasonBody = z.object({ reason }).strict();
export const optionalReasonBody = z.object({ reason: optionalReason }).strict();
export const requestCreated = z.object({ id: z.string(), status: z.string(), due_at: z.string().nullable() });
export const statusResponse = z.object({ status: z.string() });

export const eventView = z.object({
  id: z.string(),
  kind: z.enum(['associate', 'disassociate', 'switch_type']),
  initiator: z.enum(['partner', 'customer', 'system']),
  status: z.string(),
  customer_id: z.string(),
  customer_account_name: z.string(),
  customer_name: z.string(),
  partner_id: z.string(),
  partner_account_name: z.string(),
  partner_name: z.string(),
  from_type: z.string(),
  to_type: z.string().nullable(),
  reason: z.string(),
  requested_at: z.string(),
  due_at: z.string().nullable(),
  decided_at: z.string().nullable(),
  decision_reason: z.string().nullable(),
});
export const eventsQuery = pageQuery.extend({
  status: z.enum(['PENDING_CUSTOMER', 'PENDING_PARTNER', 'AGREED', 'APPROVED', 'REJECTED', 'CANCELLED', 'COMPLETED']).optional(),
  kind: z.enum(['associate', 'disassociate', 'switch_type']).optional(),
  customer_id: z.string().max(64).optional(),
});
export const eventsResponse = z.object({ count: z.number().int(), events: z.array(eventView) });
export const historyView = z.object({
  from_status: z.string().nullable(),
  to_status: z.string(),
  action: z.string(),
  actor_org_id: z.string().nullable(),
  actor_user_id: z.string().nullable(),
  actor_via: z.string(),
  at: z.string(),
  reason: z.string().nullable(),
});
export const eventDetail = z.object({ event: eventView, history: z.array(historyView) });

export const assignManagerBody = z.object({ manager_user_id: id }).strict();
export const managerCandidatesQuery = z.object({ kind: z.enum(['customer', 'reseller']).describe('account managers of customers, or of cloud resellers') });
export const managerCandidatesResponse = z.object({
  candidates: z.array(z.object({ id: z.string(), account_name: z.string(), display_name: z.string() })),
});
export const managerHistoryResponse = z.object({
  assignments: z.array(
    z.object({
      id: z.string(),
      manager_user_id: z.string(),
      manager_name: z.string(),
      assigned_at: z.string(),
      withdrawn_at: z.string().nullable(),
      current: z.boolean(),
    }),
  ),
});

export const reportBody = z
  .object({ customer_name: z.string().trim().min(1).max(128), mobile: z.string().regex(/^1\d{10}$/), email: z.string().email().max(256) })
  .strict();
export const reportView = z.object({
  id: z.string(),
  partner_id: z.string(),
  customer_name: z.string(),
  mobile: z.string(),
  email: z.string(),
  status: z.string(),
  created_at: z.string(),
  valid_until: z.string().nullable(),
  decision_reason: z.string().nullable(),
});
export const reportsResponse = z.object({ reports: z.array(reportView) });
export const decideReportBody = z.object({ approve: z.boolean(), reason: optionalReason }).strict();

export const invitationBody = z
  .object({
    channel: z.enum(['online', 'offline']),
    association_type: z.enum(['1', '2']),
    report_id: z.string().max(64).optional(),
    tag: z.string().trim().min(1).max(64).optional(),
    account_manager_id: z.string().max(64).optional(),
  })
  .strict();
export const invitationCreated = z.object({ id: z.string(), code: z.string(), link: z.string(), qr_payload: z.string(), expires_at: z.string().nullable() });
export const invitationView = z.object({
  id: z.string(),
  channel: z.enum(['online', 'offline']),
  association_type: z.string(),
  link: z.string(),
  email: z.string().nullable(),
  tag: z.string().nullable(),
  manager_user_id: z.string().nullable(),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  sent_count: z.number().int(),
  revoked: z.boolean(),
  accepted_count: z.number().int(),
});
export const invitationsResponse = z.object({ invitations: z.array(invitationView) });
export const resendResponse = z.object({ id: z.string(), link: z.string(), expires_at: z.string(), sent_count: z.number().int() });

export const publicInvitation = z.object({
  partner_name: z.string(),
  association_type: z.enum(['1', '2']),
  channel: z.enum(['online', 'offline']),
  tag: z.string().nullable(),
  expires_at: z.string().nullable(),
  notice_zh: z.string(),
  notice_en: z.string(),
});
export const registerBody = z
  .object({
    account_name: z.string().min(5).max(32),
    password: z.string().min(1).max(64),
    customer_name: z.string().trim().min(1).max(128),
    mobile: z.string().regex(/^1\d{10}$/).optional(),
    email: z.string().email().max(256).optional(),
    agree_notice: z.boolean(),
  })
  .strict();
export const acceptBody = z.object({ agree_notice: z.boolean() }).strict();
export const associatedResponse = z.object({ customer_id: z.string(), account_name: z.string(), association_type: z.string(), associated_on: z.string() });

export const authorizationBody = z
  .object({
    customer_id: id,
    scopes: z.array(z.enum(AUTHORIZATION_SCOPES)).min(1).max(AUTHORIZATION_SCOPES.length),
    duration_days: z.number().int().min(1).max(1095),
    reason: z.string().max(512).default(''),
  })
  .strict();
export const authorizationView = z.object({
  id: z.string(),
  partner_id: z.string(),
  partner_name: z.string(),
  customer_id: z.string(),
  customer_account_name: z.string(),
  scopes: z.array(z.string()),
  duration_days: z.number().int(),
  status: z.string(),
  reason: z.string(),
  requested_at: z.string(),
  decided_at: z.string().nullable(),
  expires_at: z.string().nullable(),
  expiry_warning: z.boolean(),
  ended_at: z.string().nullable(),
  end_reason: z.string().nullable(),
});
export const authorizationsResponse = z.object({ authorizations: z.array(authorizationView) });
export const authorizationsQuery = z.object({
  customer_id: z.string().max(64).optional(),
  status: z.enum(['REQUESTED', 'AUTHORIZED', 'REJECTED', 'WITHDRAWN', 'REVOKED', 'EXPIRED']).optional(),
});
export const authorizationHistoryResponse = z.object({ history: z.array(historyView) });

export const myPartnersResponse = z.object({
  partner: z
    .object({
      partner_id: z.string(),
      partner_name: z.string(),
      association_type: z.string(),
      associated_on: z.string(),
      is_frozen: z.number().int(),
    })
    .nullable(),
  pending_events: z.array(eventView),
});

export const webhookBody = z.object({ url: z.string().min(1).max(2048), enabled: z.boolean().default(true), rotate_secret: z.boolean().default(false) }).strict();
export const webhookView = z.object({ url: z.string(), enabled: z.boolean(), secret: z.string().nullable(), updated_at: z.string() });
export const deliveryView = z.object({
  id: z.string(),
  event_type: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  next_attempt_at: z.string().nullable(),
  last_status_code: z.number().int().nullable(),
  last_error: z.string().nullable(),
  created_at: z.string(),
  delivered_at: z.string().nullable(),
  payload: z.string(),
});
export const deliveriesResponse = z.object({ count: z.number().int(), deliveries: z.array(deliveryView) });
export const deliveryDetail = z.object({
  delivery: deliveryView,
  attempts: z.array(z.object({ attempted_at: z.string(), status_code: z.number().int().nullable(), error: z.string().nullable(), duration_ms: z.number().int() })),
});
