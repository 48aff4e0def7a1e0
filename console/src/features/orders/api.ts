// Orders: the customer's own orders (place, pay, ask the partner, cancel, unsubscribe), the
// partner's Customer Orders and Order Payment, 严选 prices, and the vendor's invoices. Payments
// carry an idempotency key (X-Client-Token) chosen when their dialog opens.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';

type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;
export type ConsoleOrder = JsonBody<paths['/api/orders']['get']['responses'][200]>['orders'][number];
export type OrderFilter = Omit<NonNullable<paths['/api/orders']['get']['parameters']['query']>, 'offset' | 'limit'>;
export type FullOrder = JsonBody<paths['/api/orders/{order_id}']['get']['responses'][200]>;
export type OrderLine = JsonBody<paths['/v2/orders/customer-orders/details/{order_id}']['get']['responses'][200]>['order_line_items'][number];
export type Application = JsonBody<paths['/api/orders/partner-payments']['get']['responses'][200]>['applications'][number];
export type ApplicationTab = 'PENDING' | 'PROCESSED';
export type UsableCoupon = JsonBody<paths['/v2/orders/customer-orders/order-coupons']['get']['responses'][200]>['user_coupons'][number];
export type QuoteQuery = NonNullable<paths['/api/orders/{order_id}/quote']['get']['parameters']['query']>;
export type Quote = JsonBody<paths['/api/orders/{order_id}/quote']['get']['responses'][200]>;
export type PlaceInput = NonNullable<paths['/api/orders']['post']['requestBody']>['content']['application/json'];
export type Unsubscribed = JsonBody<paths['/api/orders/{order_id}/unsubscribe']['post']['responses'][200]>;
export type InvoiceParty = JsonBody<paths['/api/invoices/parties']['get']['responses'][200]>['parties'][number];
export type Invoice = JsonBody<paths['/api/invoices']['get']['responses'][200]>['invoices'][number];
export type IssuedInvoice = JsonBody<paths['/api/invoices']['post']['responses'][201]>;

export const newClientToken = () => `console-${crypto.randomUUID()}`;

const keys = {
  all: ['orders'] as const,
  list: ['orders', 'list'] as const,
  one: (id: string) => ['orders', 'one', id] as const,
  applications: ['orders', 'applications'] as const,
  invoices: ['orders', 'invoices'] as const,
};

/** After any order action the order views, the balances and the invoices may all be stale. */
function useOrdersMutation<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // Dialogs show their own errors in place.
    meta: { silent: true },
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: keys.all }), queryClient.invalidateQueries({ queryKey: ['funds'] })]),
  });
}

export function useOrders(filter: OrderFilter, offset: number, limit: number, enabled = true) {
  return useQuery({
    queryKey: [...keys.list, filter, offset, limit],
    enabled,
    queryFn: () => unwrap(api.GET('/api/orders', { params: { query: { ...filter, offset, limit } } })),
    placeholderData: keepPreviousData,
    meta: { silent: true },
  });
}

/** The export is a file download: a plain link with the same filters (the session cookie goes along). */
export function ordersExportUrl(filter: OrderFilter): string {
  const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '').map(([k, v]) => [k, String(v)]));
  return `/api/orders/export${query.size ? `?${query}` : ''}`;
}

export function useOrder(orderId: string | null) {
  return useQuery({
    queryKey: keys.one(orderId ?? ''),
    enabled: Boolean(orderId),
    queryFn: () => unwrap(api.GET('/api/orders/{order_id}', { params: { path: { order_id: orderId! } } })),
    meta: { silent: true },
  });
}

/** The order's lines, from Huawei's details operation. */
export function useOrderLines(orderId: string | null) {
  return useQuery({
    queryKey: [...keys.one(orderId ?? ''), 'lines'],
    enabled: Boolean(orderId),
    queryFn: async () => (await unwrap(api.GET('/v2/orders/customer-orders/details/{order_id}', { params: { path: { order_id: orderId! }, query: { limit: 100 } } }))).order_line_items,
    meta: { silent: true },
  });
}

export function useMyBalance(enabled: boolean) {
  return useQuery({ queryKey: [...keys.all, 'my-balance'], enabled, queryFn: () => unwrap(api.GET('/api/orders/my-balance')), meta: { silent: true } });
}

/** The vouchers the server offers for this order; an empty list when it offers none. */
export function useOrderCoupons(orderId: string | null) {
  return useQuery({
    queryKey: [...keys.one(orderId ?? ''), 'coupons'],
    enabled: Boolean(orderId),
    queryFn: () => unwrap(api.GET('/v2/orders/customer-orders/order-coupons', { params: { query: { order_id: orderId! } } })),
    meta: { silent: true },
  });
}

export function useOnSaleProducts(enabled: boolean) {
  return useQuery({
    queryKey: ['catalog', 'on-sale'],
    enabled,
    queryFn: async () => (await unwrap(api.GET('/api/catalog/products', { params: { query: { status: 'on_sale', offset: 0, limit: 100 } } }))).products,
  });
}

/** What the server would charge for renewing or changing a paid order now; the console never prices these itself. */
export function useQuote(orderId: string, query: QuoteQuery | null) {
  return useQuery({
    queryKey: [...keys.one(orderId), 'quote', query],
    enabled: query !== null,
    queryFn: () => unwrap(api.GET('/api/orders/{order_id}/quote', { params: { path: { order_id: orderId }, query: query! } })),
    meta: { silent: true },
    retry: false,
  });
}

export const usePlaceOrder = () => useOrdersMutation((body: PlaceInput) => unwrap(api.POST('/api/orders', { body })));

export const usePayOrder = () =>
  useOrdersMutation(async ({ orderId, couponIds, clientToken }: { orderId: string; couponIds: { id: string; type: number }[]; clientToken: string }) => {
    const body = couponIds.length > 0 ? { order_id: orderId, use_coupon: 'YES' as const, coupon_infos: couponIds } : { order_id: orderId, use_coupon: 'NO' as const };
    await unwrap(api.POST('/v3/orders/customer-orders/pay', { body, params: { header: { 'x-client-token': clientToken } } }));
  });

export const useCancelOrder = () => useOrdersMutation((orderId: string) => unwrap(api.PUT('/v2/orders/customer-orders/cancel', { body: { order_id: orderId } })));

export const useAskPartner = () =>
  useOrdersMutation(({ orderId, reason }: { orderId: string; reason?: string }) =>
    unwrap(api.POST('/api/orders/{order_id}/partner-payment', { params: { path: { order_id: orderId } }, body: { reason } })),
  );

export const useWithdrawApplication = () =>
  useOrdersMutation((orderId: string) => unwrap(api.DELETE('/api/orders/{order_id}/partner-payment', { params: { path: { order_id: orderId } } })));

export const useUnsubscribe = () =>
  useOrdersMutation(({ orderId, clientToken }: { orderId: string; clientToken: string }) =>
    unwrap(api.POST('/api/orders/{order_id}/unsubscribe', { params: { path: { order_id: orderId }, header: { 'x-client-token': clientToken } } })),
  );

// The partner's Order Payment page.
/** The partner's own balances, under the funds page's cache key (so both refresh together). */
export function useOwnPartnerBalances(enabled: boolean) {
  return useQuery({
    queryKey: ['funds', 'balances', 'own'],
    enabled,
    queryFn: async () => (await unwrap(api.GET('/v2/accounts/partner-accounts/balances', { params: { query: {} } }))).account_balances,
    meta: { silent: true },
  });
}

export function useApplications(tab: ApplicationTab, offset: number, limit: number) {
  return useQuery({
    queryKey: [...keys.applications, tab, offset, limit],
    queryFn: () => unwrap(api.GET('/api/orders/partner-payments', { params: { query: { status: tab, offset, limit } } })),
    placeholderData: keepPreviousData,
    meta: { silent: true },
  });
}

export const usePartnerPay = () =>
  useOrdersMutation(({ orderId, clientToken }: { orderId: string; clientToken: string }) =>
    unwrap(api.POST('/api/orders/{order_id}/partner-payment/pay', { params: { path: { order_id: orderId }, header: { 'x-client-token': clientToken } } })),
  );

export const usePartnerReject = () =>
  useOrdersMutation(({ orderId, reason }: { orderId: string; reason: string }) =>
    unwrap(api.POST('/api/orders/{order_id}/partner-payment/reject', { params: { path: { order_id: orderId } }, body: { reason } })),
  );

// 严选 price.
export function useYanxuanBounds(orderId: string | null) {
  return useQuery({
    queryKey: [...keys.one(orderId ?? ''), 'yanxuan'],
    enabled: Boolean(orderId),
    queryFn: () => unwrap(api.GET('/api/orders/{order_id}/yanxuan-price', { params: { path: { order_id: orderId! } } })),
    meta: { silent: true },
    retry: false,
  });
}

export const useSetYanxuanPrice = () =>
  useOrdersMutation(({ orderId, amount }: { orderId: string; amount: string }) =>
    unwrap(api.PUT('/api/orders/{order_id}/yanxuan-price', { params: { path: { order_id: orderId } }, body: { amount } })),
  );

// The vendor's invoices.
export function useInvoiceParties(offset: number, limit: number) {
  return useQuery({
    queryKey: [...keys.invoices, 'parties', offset, limit],
    queryFn: () => unwrap(api.GET('/api/invoices/parties', { params: { query: { offset, limit } } })),
    placeholderData: keepPreviousData,
    meta: { silent: true },
  });
}

export function useInvoiceable(orgId: string | null) {
  return useQuery({
    queryKey: [...keys.invoices, 'invoiceable', orgId],
    enabled: Boolean(orgId),
    queryFn: () => unwrap(api.GET('/api/invoices/invoiceable', { params: { query: { org_id: orgId! } } })),
    meta: { silent: true },
  });
}

export function useInvoices(offset: number, limit: number) {
  return useQuery({
    queryKey: [...keys.invoices, 'list', offset, limit],
    queryFn: () => unwrap(api.GET('/api/invoices', { params: { query: { offset, limit } } })),
    placeholderData: keepPreviousData,
    meta: { silent: true },
  });
}

export const useIssueInvoice = () =>
  useOrdersMutation(({ orgId, title }: { orgId: string; title?: string }) => unwrap(api.POST('/api/invoices', { body: { org_id: orgId, title: title || undefined } })));
