// Voucher quotas, issued vouchers, operation records and test-voucher applications.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';

type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;

export type Quota = Json<'/v2/partners/coupon-quotas/query', 'post'>['quotas'][number];
export type IssuedCoupon = Json<'/v2/promotions/benefits/partner-coupons', 'get'>['user_coupons'][number];
export type CouponRecord = Json<'/v2/promotions/benefits/partner-coupons/records/query', 'get'>['records'][number];
export type Application = Json<'/api/test-vouchers/applications', 'get'>['applications'][number];
export type IssueBody = paths['/v2/promotions/benefits/partner-coupons']['post']['requestBody']['content']['application/json'];
export type ApplyBody = paths['/api/test-vouchers/applications']['post']['requestBody']['content']['application/json'];
export type BatchResult = { ok: { id: string; value: string }[]; failed: { id: string; error_code: string; error_msg: string }[] };

const key = ['vouchers'] as const;

export const useQuotas = (quotaType: 0 | 1, offset: number, limit: number) =>
  useQuery({
    queryKey: [...key, 'quotas', quotaType, offset, limit],
    queryFn: () => unwrap(api.POST('/v2/partners/coupon-quotas/query', { body: { quota_type: quotaType, offset, limit } })),
    placeholderData: keepPreviousData,
  });

export const useIssuedCoupons = (offset: number, limit: number) =>
  useQuery({
    queryKey: [...key, 'issued', offset, limit],
    queryFn: () => unwrap(api.GET('/v2/promotions/benefits/partner-coupons', { params: { query: { offset, limit } } })),
    placeholderData: keepPreviousData,
  });

export const useCouponRecords = (offset: number, limit: number) =>
  useQuery({
    queryKey: [...key, 'records', offset, limit],
    queryFn: () => unwrap(api.GET('/v2/promotions/benefits/partner-coupons/records/query', { params: { query: { offset, limit } } })),
    placeholderData: keepPreviousData,
  });

export const useApplications = (offset: number, limit: number) =>
  useQuery({
    queryKey: [...key, 'applications', offset, limit],
    queryFn: () => unwrap(api.GET('/api/test-vouchers/applications', { params: { query: { offset, limit } } })),
    placeholderData: keepPreviousData,
  });

function useVoucherMutation<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: key }) });
}

export const useIssueCoupons = () =>
  useVoucherMutation(async (body: IssueBody): Promise<BatchResult> => {
    const r = await unwrap(api.POST('/v2/promotions/benefits/partner-coupons', { body }));
    return { ok: r.coupon_infos.map((c) => ({ id: c.id, value: c.coupon_id })), failed: r.error_details };
  });

export const useIssueQuota = () =>
  useVoucherMutation(async (body: { quota_id: string; indirect_partner_ids: string[]; quota_amount: string }): Promise<BatchResult> => {
    const r = await unwrap(api.POST('/v2/partners/coupon-quotas/indirect-partner-adjust', { body }));
    return { ok: r.simple_quota_infos.map((q) => ({ id: q.id, value: q.quota_id })), failed: r.error_details };
  });

export const useReclaimCoupon = () =>
  useVoucherMutation((couponId: string) => unwrap(api.POST('/v2/promotions/benefits/partner-coupons/reclaim', { body: { coupon_id: couponId } })));

export const useApply = () => useVoucherMutation((body: ApplyBody) => unwrap(api.POST('/api/test-vouchers/applications', { body })));

export const useReviewQueue = (offset: number, limit: number) =>
  useQuery({
    queryKey: [...key, 'review', offset, limit],
    queryFn: () => unwrap(api.GET('/api/test-vouchers/applications', { params: { query: { status: 'SUBMITTED', offset, limit } } })),
    placeholderData: keepPreviousData,
  });

export const useApprove = () =>
  useVoucherMutation(({ id, amount, validDays }: { id: string; amount: string; validDays: number }) =>
    unwrap(api.POST('/api/vendor/test-vouchers/applications/{id}/approve', { params: { path: { id } }, body: { amount, valid_days: validDays } })),
  );

export const useReject = () =>
  useVoucherMutation(({ id, reason }: { id: string; reason: string }) =>
    unwrap(api.POST('/api/vendor/test-vouchers/applications/{id}/reject', { params: { path: { id } }, body: { reason } })),
  );

// The vendor's quota desk.
export type GrantedQuota = Json<'/api/vendor/coupon-quotas', 'get'>['quotas'][number];
export type GrantBody = paths['/api/vendor/coupon-quotas']['post']['requestBody']['content']['application/json'];
export type QuotaHolder = Json<'/api/vendor/coupon-quotas/partners', 'get'>['partners'][number];
export type LimitInfo = GrantBody extends { limit_infos?: (infer L)[] } ? L : never;

export const useGrantedQuotas = (filter: { partner_id?: string; quota_type?: number; status?: number }, offset: number, limit: number) =>
  useQuery({
    queryKey: [...key, 'granted', filter, offset, limit],
    queryFn: () => unwrap(api.GET('/api/vendor/coupon-quotas', { params: { query: { ...filter, offset, limit } } })),
    placeholderData: keepPreviousData,
  });

export const useQuotaHolders = () =>
  useQuery({ queryKey: [...key, 'holders'], queryFn: () => unwrap(api.GET('/api/vendor/coupon-quotas/partners')), staleTime: 60_000 });

export const useServiceTypes = () =>
  useQuery({ queryKey: [...key, 'service-types'], queryFn: () => unwrap(api.GET('/v2/products/service-types', { params: { query: { limit: 100 } } })), staleTime: 300_000 });

export const useGrantQuota = () => useVoucherMutation((body: GrantBody) => unwrap(api.POST('/api/vendor/coupon-quotas', { body })));

export const useSetQuotaFrozen = () =>
  useVoucherMutation(({ id, frozen }: { id: string; frozen: boolean }) =>
    frozen
      ? unwrap(api.POST('/api/vendor/coupon-quotas/{id}/freeze', { params: { path: { id } } }))
      : unwrap(api.POST('/api/vendor/coupon-quotas/{id}/unfreeze', { params: { path: { id } } })),
  );

export const useIssueTestVoucher = () =>
  useVoucherMutation((body: { account_id: string; amount: string; valid_days: number; memo?: string }) => unwrap(api.POST('/api/vendor/test-vouchers', { body })));

// The customer's own coupons.
export type MyCoupon = Json<'/api/my-coupons', 'get'>['user_coupons'][number];

export const useMyCoupons = (filter: { coupon_type?: number; status?: number }, offset: number, limit: number) =>
  useQuery({
    queryKey: [...key, 'mine', filter, offset, limit],
    queryFn: () => unwrap(api.GET('/api/my-coupons', { params: { query: { ...filter, offset, limit } } })),
    placeholderData: keepPreviousData,
  });
