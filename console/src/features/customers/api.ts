// Customers: the Huawei customer list and its row actions, association records, reports and
// invitations, the public invitation page, and the customer's "My partners".
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';

type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Res<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: infer OK } ? JsonBody<OK> : R extends { 201: infer C } ? JsonBody<C> : never
  : never;

export type CustomerQuery = JsonBody<paths['/v2/partners/sub-customers/query']['post']['requestBody']>;
export type CustomerFilter = Omit<CustomerQuery, 'offset' | 'limit'>;
export type CustomerItem = Res<'/v2/partners/sub-customers/query', 'post'>['customer_infos'][number];
export type EventItem = Res<'/api/association-events', 'get'>['events'][number];
export type EventStatus = NonNullable<NonNullable<paths['/api/association-events']['get']['parameters']['query']>['status']>;
export type InvitationItem = Res<'/api/invitations', 'get'>['invitations'][number];
export type ReportItem = Res<'/api/customer-reports', 'get'>['reports'][number];
export type AuthorizationItem = Res<'/api/my-partners/authorizations', 'get'>['authorizations'][number];
export type Blocker = Res<'/api/my-partners/account-check', 'post'>['blockers'][number];
export type ManagerAssignment = Res<'/api/customers/{customer_id}/account-managers', 'get'>['assignments'][number];
export type PublicInvitation = Res<'/api/public/invitations/{code}', 'get'>;
export type RegisterInput = JsonBody<paths['/api/public/invitations/{code}/register']['post']['requestBody']>;
export type AuthorizationScope = JsonBody<paths['/api/authorizations']['post']['requestBody']>['scopes'][number];

const keys = {
  customers: ['customers', 'list'],
  events: ['customers', 'events'],
  invitations: ['customers', 'invitations'],
  reports: ['customers', 'reports'],
  managers: ['customers', 'managers'],
  authorizations: ['customers', 'authorizations'],
  myPartners: ['my-partners'],
  balances: ['funds', 'balances'],
} as const;

function useInvalidating<V, R>(fn: (v: V) => Promise<R>, ...invalidate: (readonly string[])[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

// ------------------------------------------------------------------ customer list
export function useCustomers(query: CustomerQuery) {
  return useQuery({
    queryKey: [...keys.customers, query],
    queryFn: () => unwrap(api.POST('/v2/partners/sub-customers/query', { body: query })),
  });
}

/** The export answers a file: fetched as a blob and saved under the name the server gives. */
export async function exportCustomers(filter: CustomerFilter): Promise<void> {
  const blob = (await unwrap(api.POST('/api/customers/export', { body: filter, parseAs: 'blob' }))) as unknown as Blob;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = 'customers.xlsx';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export function useResellers(enabled: boolean) {
  return useQuery({
    queryKey: ['customers', 'resellers'],
    enabled,
    queryFn: async () => (await unwrap(api.POST('/v2/partners/indirect-partners/query', { body: { offset: 0, limit: 100 } }))).indirect_partners,
  });
}

export const useAccountCheck = () =>
  useMutation({
    mutationFn: ({ customerId, kind }: { customerId: string; kind: 'disassociate' | 'switch_type' }) =>
      unwrap(api.POST('/api/customers/{customer_id}/account-check', { params: { path: { customer_id: customerId } }, body: { kind } })),
  });

export const usePartnerRequest = () =>
  useInvalidating(
    ({ customerId, kind, reason }: { customerId: string; kind: 'disassociate' | 'switch_type'; reason: string }) =>
      kind === 'disassociate'
        ? unwrap(api.POST('/api/customers/{customer_id}/disassociation', { params: { path: { customer_id: customerId } }, body: { reason } }))
        : unwrap(api.POST('/api/customers/{customer_id}/type-switch', { params: { path: { customer_id: customerId } }, body: { reason } })),
    keys.customers,
    keys.events,
  );

export const useFreeze = () =>
  useInvalidating(
    ({ ids, reason, freeze, indirectPartnerId }: { ids: string[]; reason: string; freeze: boolean; indirectPartnerId?: string }) =>
      freeze
        ? unwrap(api.POST('/v2/partners/sub-customers/freeze', { body: { customer_ids: ids, reason, indirect_partner_id: indirectPartnerId } }))
        : unwrap(api.POST('/v2/partners/sub-customers/unfreeze', { body: { customer_ids: ids, reason, indirect_partner_id: indirectPartnerId } })),
    keys.customers,
  );

/** Allocate to or reclaim from a resale customer; the amount goes as typed (decimal text). */
export const useMoveFunds = () =>
  useInvalidating(
    async ({ kind, customerId, amount, token, code }: { kind: 'allocate' | 'reclaim'; customerId: string; amount: string; token: string; code?: string }) => {
      // The one-time code goes only when the organization's sensitive-operation verification asked for it.
      const init = { body: { customer_id: customerId, amount }, params: { header: { 'x-client-token': token } }, headers: code ? { 'x-verification-code': code } : undefined };
      if (kind === 'allocate') return (await unwrap(api.POST('/v2/accounts/partner-accounts/adjust-amount', init))).transfer_id;
      return (await unwrap(api.POST('/v2/accounts/partner-accounts/reclaim', init))).trans_id;
    },
    keys.balances,
  );

export function useCustomerBalance(customerId: string | undefined) {
  return useQuery({
    queryKey: [...keys.balances, 'customer', customerId],
    enabled: !!customerId,
    meta: { silent: true },
    queryFn: async () =>
      (await unwrap(api.POST('/v2/accounts/customer-accounts/balances/batch-query', { body: { customer_infos: [{ customer_id: customerId! }] } }))).customer_balances[0] ??
      null,
  });
}

export function usePartnerBalances(enabled = true) {
  return useQuery({
    queryKey: [...keys.balances, 'partner'],
    enabled,
    meta: { silent: true },
    queryFn: async () => (await unwrap(api.GET('/v2/accounts/partner-accounts/balances', { params: { query: {} } }))).account_balances,
  });
}

// ------------------------------------------------------------------ account managers
/** Whose account manager: a customer, or (master distributor) a cloud reseller. */
export type ManagedKind = 'customer' | 'reseller';
export interface ManagedSubject {
  kind: ManagedKind;
  id: string;
  /** Name and account, as shown in titles and confirmations. */
  label: string;
}

// A reseller's manager is shown in My Cloud Resellers (the funds feature's query) and in the
// reseller picker of the customer list.
const managedLists: Record<ManagedKind, (readonly string[])[]> = {
  customer: [keys.customers],
  reseller: [['funds', 'resellers'], ['customers', 'resellers']],
};

export function useManagerHistory({ kind, id }: Pick<ManagedSubject, 'kind' | 'id'>) {
  return useQuery({
    queryKey: [...keys.managers, kind, id],
    queryFn: async () =>
      kind === 'customer'
        ? (await unwrap(api.GET('/api/customers/{customer_id}/account-managers', { params: { path: { customer_id: id } } }))).assignments
        : (await unwrap(api.GET('/api/resellers/{reseller_id}/account-managers', { params: { path: { reseller_id: id } } }))).assignments,
  });
}

/** Members who may be assigned: those whose roles let them see what is assigned to them. */
export function useManagerCandidates(kind: ManagedKind) {
  return useQuery({
    queryKey: [...keys.managers, 'candidates', kind],
    queryFn: async () => (await unwrap(api.GET('/api/account-manager-candidates', { params: { query: { kind } } }))).candidates,
  });
}

export function useAssignManager(kind: ManagedKind) {
  return useInvalidating(
    ({ id, managerId }: { id: string; managerId: string }) =>
      kind === 'customer'
        ? unwrap(api.PUT('/api/customers/{customer_id}/account-manager', { params: { path: { customer_id: id } }, body: { manager_user_id: managerId } }))
        : unwrap(api.PUT('/api/resellers/{reseller_id}/account-manager', { params: { path: { reseller_id: id } }, body: { manager_user_id: managerId } })),
    keys.managers,
    ...managedLists[kind],
  );
}

export function useWithdrawManager(kind: ManagedKind) {
  return useInvalidating(
    (id: string) =>
      kind === 'customer'
        ? unwrap(api.DELETE('/api/customers/{customer_id}/account-manager', { params: { path: { customer_id: id } } }))
        : unwrap(api.DELETE('/api/resellers/{reseller_id}/account-manager', { params: { path: { reseller_id: id } } })),
    keys.managers,
    ...managedLists[kind],
  );
}

// ------------------------------------------------------------------ on-behalf authorization (partner)
export const useRequestAuthorization = () =>
  useInvalidating(
    (body: { customer_id: string; scopes: AuthorizationScope[]; duration_days: number; reason: string }) => unwrap(api.POST('/api/authorizations', { body })),
    keys.authorizations,
  );

export function usePartnerAuthorizations(customerId: string) {
  return useQuery({
    queryKey: [...keys.authorizations, customerId],
    queryFn: async () => (await unwrap(api.GET('/api/authorizations', { params: { query: { customer_id: customerId } } }))).authorizations,
  });
}

export const useWithdrawAuthorization = () =>
  useInvalidating(
    (id: string) => unwrap(api.POST('/api/authorizations/{id}/withdraw', { params: { path: { id } }, body: {} })),
    keys.authorizations,
  );

// ------------------------------------------------------------------ association records (partner)
export function useEvents(filter: { status?: EventStatus }, offset: number, limit: number) {
  return useQuery({
    queryKey: [...keys.events, filter, offset, limit],
    queryFn: () => unwrap(api.GET('/api/association-events', { params: { query: { ...filter, offset, limit } } })),
  });
}

export function useEventDetail(id: string | null) {
  return useQuery({
    queryKey: [...keys.events, 'detail', id],
    enabled: !!id,
    queryFn: () => unwrap(api.GET('/api/association-events/{id}', { params: { path: { id: id! } } })),
  });
}

export const useDecideEvent = () =>
  useInvalidating(
    ({ id, action, reason }: { id: string; action: 'approve' | 'reject' | 'cancel'; reason?: string }) => {
      const init = { params: { path: { id } }, body: { reason: reason || undefined } };
      if (action === 'approve') return unwrap(api.POST('/api/association-events/{id}/approve', init));
      if (action === 'reject') return unwrap(api.POST('/api/association-events/{id}/reject', init));
      return unwrap(api.POST('/api/association-events/{id}/cancel', init));
    },
    keys.events,
    keys.customers,
    keys.balances,
  );

// ------------------------------------------------------------------ reports and invitations
export function useReports() {
  return useQuery({ queryKey: keys.reports, queryFn: async () => (await unwrap(api.GET('/api/customer-reports'))).reports });
}

export const useCreateReport = () =>
  useInvalidating((body: { customer_name: string; mobile: string; email: string }) => unwrap(api.POST('/api/customer-reports', { body })), keys.reports);

export function useInvitations() {
  return useQuery({ queryKey: keys.invitations, queryFn: async () => (await unwrap(api.GET('/api/invitations'))).invitations });
}

export const useCreateInvitation = () =>
  useInvalidating(
    (body: { channel: 'online' | 'offline'; association_type: '1' | '2'; report_id?: string; tag?: string; account_manager_id?: string }) =>
      unwrap(api.POST('/api/invitations', { body })),
    keys.invitations,
    keys.reports,
  );

export const useResendInvitation = () =>
  useInvalidating((id: string) => unwrap(api.POST('/api/invitations/{id}/resend', { params: { path: { id } } })), keys.invitations);

export const useRevokeInvitation = () =>
  useInvalidating((id: string) => unwrap(api.POST('/api/invitations/{id}/revoke', { params: { path: { id } } })), keys.invitations);

// ------------------------------------------------------------------ public invitation page
export function usePublicInvitation(code: string) {
  return useQuery({
    queryKey: ['public-invitation', code],
    meta: { silent: true },
    queryFn: () => unwrap(api.GET('/api/public/invitations/{code}', { params: { path: { code } } })),
  });
}

export const useRegisterThroughInvitation = () =>
  useMutation({
    meta: { silent: true }, // shown on the form
    mutationFn: ({ code, body }: { code: string; body: RegisterInput }) => unwrap(api.POST('/api/public/invitations/{code}/register', { params: { path: { code } }, body })),
  });

export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { silent: true }, // shown on the page
    mutationFn: (code: string) => unwrap(api.POST('/api/public/invitations/{code}/accept', { params: { path: { code } }, body: { agree_notice: true } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.myPartners }),
  });
}

// ------------------------------------------------------------------ the customer's "My partners"
export function useMyPartner() {
  return useQuery({ queryKey: [...keys.myPartners, 'current'], queryFn: () => unwrap(api.GET('/api/my-partners')) });
}

export function useMyEvents(offset: number, limit: number) {
  return useQuery({
    queryKey: [...keys.myPartners, 'events', offset, limit],
    queryFn: () => unwrap(api.GET('/api/my-partners/events', { params: { query: { offset, limit } } })),
  });
}

export function useMyAuthorizations() {
  return useQuery({ queryKey: [...keys.myPartners, 'authorizations'], queryFn: async () => (await unwrap(api.GET('/api/my-partners/authorizations'))).authorizations });
}

export const useMyAccountCheck = () => useMutation({ mutationFn: () => unwrap(api.POST('/api/my-partners/account-check')) });

export const useMyDisassociation = () =>
  useInvalidating((reason: string) => unwrap(api.POST('/api/my-partners/disassociation', { body: { reason } })), keys.myPartners);

export const useDecidePartnerRequest = () =>
  useInvalidating(
    ({ id, action, reason }: { id: string; action: 'agree' | 'reject'; reason?: string }) => {
      const init = { params: { path: { id } }, body: { reason: reason || undefined } };
      return action === 'agree'
        ? unwrap(api.POST('/api/my-partners/events/{id}/agree', init))
        : unwrap(api.POST('/api/my-partners/events/{id}/reject', init));
    },
    keys.myPartners,
  );

export const useDecideAuthorization = () =>
  useInvalidating(
    ({ id, action }: { id: string; action: 'agree' | 'reject' | 'revoke' }) => {
      const init = { params: { path: { id } }, body: {} };
      if (action === 'agree') return unwrap(api.POST('/api/my-partners/authorizations/{id}/agree', init));
      if (action === 'reject') return unwrap(api.POST('/api/my-partners/authorizations/{id}/reject', init));
      return unwrap(api.POST('/api/my-partners/authorizations/{id}/revoke', init));
    },
    keys.myPartners,
  );

// ------------------------------------------------------------------ vendor: reported customers, mail outbox
export const useDecideReport = () =>
  useInvalidating(
    ({ id, approve, reason }: { id: string; approve: boolean; reason?: string }) =>
      unwrap(api.POST('/api/customer-reports/{id}/decision', { params: { path: { id } }, body: { approve, reason: reason || undefined } })),
    keys.reports,
  );

export type OutboxMail = Res<'/api/vendor/mail-outbox', 'get'>['mails'][number];

export function useOutbox(offset: number, limit: number) {
  return useQuery({
    queryKey: ['vendor', 'outbox', offset, limit],
    queryFn: () => unwrap(api.GET('/api/vendor/mail-outbox', { params: { query: { offset, limit } } })),
  });
}

// ------------------------------------------------------------------ webhooks (events for the partner's systems)
const webhookKeys = { endpoint: ['customers', 'webhook-endpoint'], deliveries: ['customers', 'webhook-deliveries'] } as const;
export type DeliveryItem = Res<'/api/webhook-deliveries', 'get'>['deliveries'][number];

export function useWebhookEndpoint() {
  return useQuery({
    queryKey: webhookKeys.endpoint,
    meta: { silent: true }, // HBN.2192 (none configured) is a normal state, shown on the page
    queryFn: () => unwrap(api.GET('/api/webhook-endpoint')),
  });
}

export const useSaveWebhookEndpoint = () =>
  useInvalidating((body: { url: string; enabled: boolean; rotate_secret: boolean }) => unwrap(api.PUT('/api/webhook-endpoint', { body })), webhookKeys.endpoint);

export const useDeleteWebhookEndpoint = () => useInvalidating((_: void) => unwrap(api.DELETE('/api/webhook-endpoint')), webhookKeys.endpoint);

export function useDeliveries(offset: number, limit: number) {
  return useQuery({
    queryKey: [...webhookKeys.deliveries, offset, limit],
    queryFn: () => unwrap(api.GET('/api/webhook-deliveries', { params: { query: { offset, limit } } })),
  });
}

export function useDeliveryDetail(id: string | null) {
  return useQuery({
    queryKey: [...webhookKeys.deliveries, 'detail', id],
    enabled: !!id,
    queryFn: () => unwrap(api.GET('/api/webhook-deliveries/{id}', { params: { path: { id: id! } } })),
  });
}

export const useRedeliver = () =>
  useInvalidating((id: string) => unwrap(api.POST('/api/webhook-deliveries/{id}/redeliver', { params: { path: { id } } })), webhookKeys.deliveries);
