// Funds: queries and money moves. Money moves carry an idempotency key (X-Client-Token) chosen
// when the dialog opens, and the one-time code (X-Verification-Code) when the server asks for it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';

type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;
export type Reseller = JsonBody<paths['/v2/partners/indirect-partners/query']['post']['responses'][200]>['indirect_partners'][number];
export type AdjustRecord = JsonBody<paths['/v3/accounts/partner-accounts/adjust-records']['get']['responses'][200]>['records'][number];
export type AdjustFilter = NonNullable<paths['/v3/accounts/partner-accounts/adjust-records']['get']['parameters']['query']>;
export type ChangeRecord = JsonBody<paths['/v2/accounts/partner-accounts/account-change-records']['get']['responses'][200]>['records'][number];
export type ChangeFilter = Omit<NonNullable<paths['/v2/accounts/partner-accounts/account-change-records']['get']['parameters']['query']>, 'offset' | 'limit'>;
export type Balance = JsonBody<paths['/v2/accounts/partner-accounts/balances']['get']['responses'][200]>['account_balances'][number];
export type Topup = JsonBody<paths['/api/funds/top-ups']['get']['responses'][200]>['top_ups'][number];
export type Agreement = JsonBody<paths['/api/funds/payment-agreements']['get']['responses'][200]>['agreements'][number];
export type AgreementInput = NonNullable<paths['/api/funds/payment-agreements']['post']['requestBody']>['content']['application/json'];
export type Withdrawal = JsonBody<paths['/api/funds/withdrawals']['get']['responses'][200]>['withdrawals'][number];
export type BatchAnswer = JsonBody<paths['/api/funds/customer-allocations']['post']['responses'][200]>;

/** Error codes meaning "give (another) one-time code". */
export const SECOND_FACTOR_CODES = new Set(['HBN.2021', 'HBN.2022']);

/** Headers of a money move: the idempotency key, and the one-time code when there is one. */
export interface MoveHeaders {
  clientToken: string;
  code?: string;
}
const moveHeaders = (h: MoveHeaders) => ({ 'x-client-token': h.clientToken, ...(h.code ? { 'x-verification-code': h.code } : {}) });

export const newClientToken = () => `console-${crypto.randomUUID()}`;

const keys = {
  resellers: ['funds', 'resellers'],
  balances: ['funds', 'balances'],
  adjustRecords: ['funds', 'adjust-records'],
  changes: ['funds', 'changes'],
  customers: ['funds', 'customer-balances'],
  topups: ['funds', 'top-ups'],
  agreements: ['funds', 'agreements'],
  withdrawals: ['funds', 'withdrawals'],
  withdrawable: ['funds', 'withdrawable'],
  remittance: ['funds', 'remittance-account'],
} as const;

/** After any money move every funds view may be stale. */
function useFundsMutation<V, R>(fn: (v: V) => Promise<R>, silent = true) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: silent ? { silent: true } : undefined,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['funds'] }),
  });
}

export function useResellers(query: { account_name?: string; offset: number; limit: number }) {
  return useQuery({
    queryKey: [...keys.resellers, query],
    queryFn: () => unwrap(api.POST('/v2/partners/indirect-partners/query', { body: query })),
  });
}

/** Own balances, or a reseller's with its id. */
export function useBalances(indirectPartnerId?: string) {
  return useQuery({
    queryKey: [...keys.balances, indirectPartnerId ?? 'own'],
    queryFn: async () =>
      (await unwrap(api.GET('/v2/accounts/partner-accounts/balances', { params: { query: indirectPartnerId ? { indirect_partner_id: indirectPartnerId } : {} } })))
        .account_balances,
  });
}

export const balanceOfType = (balances: Balance[] | undefined, type: number) => balances?.find((b) => b.account_type === type);

export function useAdjustRecords(filter: AdjustFilter) {
  return useQuery({
    queryKey: [...keys.adjustRecords, filter],
    queryFn: () => unwrap(api.GET('/v3/accounts/partner-accounts/adjust-records', { params: { query: filter } })),
  });
}

export function useChangeRecords(filter: ChangeFilter, offset: number, limit: number) {
  return useQuery({
    queryKey: [...keys.changes, filter, offset, limit],
    queryFn: () => unwrap(api.GET('/v2/accounts/partner-accounts/account-change-records', { params: { query: { ...filter, offset, limit } } })),
    meta: { silent: true },
  });
}

/** The export is a file download: a plain link with the same filters (the session cookie goes along). */
export function changeExportUrl(filter: ChangeFilter): string {
  const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])));
  return `/api/funds/account-change-records/export${query.size ? `?${query}` : ''}`;
}

export function useCustomerBalances(customerIds: string[]) {
  return useQuery({
    queryKey: [...keys.customers, customerIds],
    enabled: customerIds.length > 0,
    queryFn: async () =>
      (await unwrap(api.POST('/v2/accounts/customer-accounts/balances/batch-query', { body: { customer_infos: customerIds.map((customer_id) => ({ customer_id })) } })))
        .customer_balances,
  });
}

/** The partner's resale customers (代售), from the customers module's list, a page at a time. */
export function useResaleCustomers(query: { account_name?: string; offset: number; limit: number }, enabled: boolean) {
  return useQuery({
    queryKey: [...keys.customers, 'list', query],
    enabled,
    queryFn: () => unwrap(api.POST('/v2/partners/sub-customers/query', { body: { ...query, association_type: '2' } })),
  });
}

export type MoveKind = 'allocate' | 'reclaim';

/** Allocate to or reclaim from a reseller; resolves to the transaction id. */
export const useResellerMove = () =>
  useFundsMutation(async ({ kind, id, amount, headers }: { kind: MoveKind; id: string; amount: string; headers: MoveHeaders }) => {
    const body = { indirect_partner_id: id, amount };
    const params = { header: moveHeaders(headers) };
    if (kind === 'allocate') return (await unwrap(api.POST('/v2/accounts/partner-accounts/indirect-partner-adjust', { body, params }))).transfer_id;
    return (await unwrap(api.POST('/v2/accounts/partner-accounts/indirect-partner-reclaim', { body, params }))).trans_id;
  });

/** Allocate to or reclaim from a resale customer; resolves to the transaction id. */
export const useCustomerMove = () =>
  useFundsMutation(async ({ kind, id, amount, headers }: { kind: MoveKind; id: string; amount: string; headers: MoveHeaders }) => {
    const body = { customer_id: id, amount };
    const params = { header: moveHeaders(headers) };
    if (kind === 'allocate') return (await unwrap(api.POST('/v2/accounts/partner-accounts/adjust-amount', { body, params }))).transfer_id;
    return (await unwrap(api.POST('/v2/accounts/partner-accounts/reclaim', { body, params }))).trans_id;
  });

export const useBatchAllocate = () =>
  useFundsMutation(({ items, headers }: { items: { customer_id: string; amount: string }[]; headers: MoveHeaders }) =>
    unwrap(api.POST('/api/funds/customer-allocations', { body: { items }, params: { header: moveHeaders(headers) } })),
  );

// Top-up.
export function useRemittanceAccount() {
  return useQuery({ queryKey: keys.remittance, queryFn: () => unwrap(api.GET('/api/funds/remittance-account')) });
}
export const useActivateRemittance = () => useFundsMutation(() => unwrap(api.POST('/api/funds/remittance-account')), false);
export function useTopups(query: { status?: Topup['status']; offset: number; limit: number }) {
  return useQuery({ queryKey: [...keys.topups, query], queryFn: () => unwrap(api.GET('/api/funds/top-ups', { params: { query } })) });
}
export const useRequestTopup = () =>
  useFundsMutation(({ amount, clientToken }: { amount: string; clientToken: string }) =>
    unwrap(api.POST('/api/funds/top-ups', { body: { amount }, params: { header: { 'x-client-token': clientToken } } })),
  );

// Payment agreements.
export function useAgreements(query: { status?: Agreement['status']; offset: number; limit: number }) {
  return useQuery({ queryKey: [...keys.agreements, query], queryFn: () => unwrap(api.GET('/api/funds/payment-agreements', { params: { query } })) });
}
export function useAgreement(id: string | null) {
  return useQuery({
    queryKey: [...keys.agreements, 'detail', id],
    enabled: Boolean(id),
    queryFn: () => unwrap(api.GET('/api/funds/payment-agreements/{id}', { params: { path: { id: id! } } })),
  });
}
export const useCreateAgreement = () => useFundsMutation((body: AgreementInput) => unwrap(api.POST('/api/funds/payment-agreements', { body })));
export const useInvalidateAgreement = () =>
  useFundsMutation((id: string) => unwrap(api.POST('/api/funds/payment-agreements/{id}/invalidate', { params: { path: { id } } })), false);

// Withdrawal.
export function useWithdrawable() {
  return useQuery({ queryKey: keys.withdrawable, queryFn: () => unwrap(api.GET('/api/funds/withdrawable')) });
}
export function useWithdrawals(query: { status?: Withdrawal['status']; offset: number; limit: number }) {
  return useQuery({ queryKey: [...keys.withdrawals, query], queryFn: () => unwrap(api.GET('/api/funds/withdrawals', { params: { query } })) });
}
export type WithdrawalInput = { amount: string; bank_account_name: string; bank_account_number: string; bank_name: string };
export const useRequestWithdrawal = () =>
  useFundsMutation(({ body, headers }: { body: WithdrawalInput; headers: MoveHeaders }) =>
    unwrap(api.POST('/api/funds/withdrawals', { body, params: { header: moveHeaders(headers) } })),
  );

// The vendor's side.
export const useConfirmTopup = () => useFundsMutation((id: string) => unwrap(api.POST('/api/vendor/top-ups/{id}/confirm', { params: { path: { id } } })), false);
export const useRejectTopup = () =>
  useFundsMutation(({ id, reason }: { id: string; reason: string }) => unwrap(api.POST('/api/vendor/top-ups/{id}/reject', { params: { path: { id } }, body: { reason } })), false);
export const useRecordRemittance = () =>
  useFundsMutation((body: { account_number: string; payer_name: string; amount: string; bank_reference: string }) => unwrap(api.POST('/api/vendor/remittances', { body })));
export const useSetCreditLine = () =>
  useFundsMutation(({ id, credit_amount }: { id: string; credit_amount: string }) =>
    unwrap(api.PUT('/api/vendor/partners/{id}/credit-line', { params: { path: { id } }, body: { credit_amount } })),
  );
export const useDecideWithdrawal = () =>
  useFundsMutation(
    ({ id, decision, reason }: { id: string; decision: 'approve' | 'reject'; reason?: string }) =>
      decision === 'approve'
        ? unwrap(api.POST('/api/vendor/withdrawals/{id}/approve', { params: { path: { id } } }))
        : unwrap(api.POST('/api/vendor/withdrawals/{id}/reject', { params: { path: { id } }, body: { reason: reason ?? '' } })),
    false,
  );
