// The vouchers API contract: Huawei's wire fields for the 10 coupon/quota operations, the same
// style for the extensions (vendor quota grant, customer view, test vouchers).
import { z } from 'zod';
import { wireAmount } from '../../shared/schemas.ts';
import { TEST_VOUCHER_TYPES } from './vouchers.rules.ts';

const id64 = z.string().min(1).max(64);
const optId = z.string().max(64).optional();
const nullableId = z.string().max(64).nullish();
const amount = wireAmount;
const offset = z.coerce.number().int().min(0).max(40_000_000).default(0);
const limit = z.coerce.number().int().min(1).max(100).default(10);
const utcTime = z.string().max(20).optional();
const nullableTime = z.string().max(20).nullish();
/** A list in a query string: repeated keys or one value. */
const queryList = z.union([z.string().max(64), z.array(z.string().max(64)).max(100)]).optional();

export { clientTokenHeaders } from '../funds/funds.schemas.ts';

const limitInfo = z.object({
  limit_key: z.string().min(1).max(64),
  limit_values: z.array(z.object({ value1: z.string().max(256).optional(), value2: z.string().max(256).optional() })).max(100),
});

const quotaView = z.object({
  quota_id: z.string(),
  quota_type: z.number().int(),
  create_time: z.string(),
  last_update_time: z.string(),
  quota_value: z.number(),
  quota_status: z.number().int(),
  balance: z.number(),
  measure_id: z.number().int(),
  currency: z.string(),
  effective_time: z.string(),
  expire_time: z.string(),
  limit_infos: z.array(limitInfo),
});
export { quotaView };

export const grantBody = z.object({
  partner_id: id64,
  quota_type: z.union([z.literal(0), z.literal(1)]).default(0),
  amount,
  effective_time: utcTime,
  expire_time: z.string().max(20),
  limit_infos: z.array(limitInfo).max(20).optional(),
});

export const grantedQuotasQuery = z.object({
  partner_id: optId,
  quota_type: z.coerce.number().int().min(0).max(1).optional(),
  status: z.coerce.number().int().refine((v) => [0, 3, 4, 5].includes(v), 'one of 0, 3, 4, 5').optional(),
  offset,
  limit,
});
export const grantedQuotasAnswer = z.object({
  total_count: z.number().int(),
  quotas: z.array(quotaView.extend({ partner_id: z.string(), partner_name: z.string(), partner_account_name: z.string(), partner_type: z.string() })),
});
export const quotaHoldersAnswer = z.object({ partners: z.array(z.object({ id: z.string(), name: z.string(), account_name: z.string(), partner_type: z.string() })) });

export const errorDetails = z.array(z.object({ id: z.string(), error_code: z.string(), error_msg: z.string() }));

export const adjustBody = z.object({ quota_id: id64, indirect_partner_ids: z.array(id64).min(1).max(100), quota_amount: amount });
export const adjustAnswer = z.object({ simple_quota_infos: z.array(z.object({ id: z.string(), quota_id: z.string() })), error_details: errorDetails });

export const quotaReclaimBody = z.object({ quota_ids: z.array(id64).min(1).max(10), remark: z.string().max(256).nullish() });
export const quotaReclaimAnswer = z.object({ simple_quota_infos: z.array(z.object({ quota_id: z.string(), quota_balance: z.number() })), error_details: errorDetails });

export const issuedQuotasQuery = z.object({ quota_id: optId, indirect_partner_id: optId, parent_quota_id: optId, offset, limit });
export const issuedQuotasAnswer = z.object({
  total_count: z.number().int(),
  quotas: z.array(
    quotaView.extend({ indirect_partner_id: z.string(), indirect_partner_account_name: z.string(), indirect_partner_name: z.string(), parent_quota_id: z.string() }),
  ),
});

export const quotaRecordsQuery = z.object({
  indirect_partner_id: optId,
  quota_id: optId,
  parent_quota_id: optId,
  operation_time_begin: utcTime,
  operation_time_end: utcTime,
  operation_type: z.string().max(8).optional(),
  offset,
  limit,
});
export const quotaRecordsAnswer = z.object({
  total_count: z.number().int(),
  records: z.array(
    z.object({
      id: z.string(),
      operator: z.string(),
      operation_type: z.string(),
      quota_id: z.string(),
      parent_quota_id: z.string(),
      amount: z.number(),
      operation_time: z.string(),
      result: z.string(),
      indirect_partner_account_name: z.string(),
      indirect_partner_id: z.string(),
      indirect_partner_name: z.string(),
      remark: z.string(),
    }),
  ),
});

export const quotaQueryBody = z.object({
  quota_type: z.union([z.literal(0), z.literal(1)]).nullish(),
  quota_ids: z.array(id64).max(50).nullish(),
  quota_status_list: z.array(z.union([z.literal(0), z.literal(3), z.literal(4), z.literal(5)])).max(5).nullish(),
  create_time_begin: nullableTime,
  create_time_end: nullableTime,
  effective_time_begin: nullableTime,
  effective_time_end: nullableTime,
  expire_time_begin: nullableTime,
  expire_time_end: nullableTime,
  offset: z.number().int().min(0).max(40_000_000).default(0),
  limit: z.number().int().min(1).max(100).default(10),
  indirect_partner_id: nullableId,
});
export const quotaQueryAnswer = z.object({ total_count: z.number().int(), quotas: z.array(quotaView) });

export const issueCouponsBody = z.object({
  quota_id: id64,
  customer_ids: z.array(id64).min(1).max(100),
  face_value: amount,
  valid_time: nullableTime,
  expire_time: nullableTime,
  cloud_service_types: z.array(z.string().min(1).max(64)).max(10).nullish(),
  product_ids: z.array(z.string().min(1).max(64)).max(10).nullish(),
  memo: z.string().max(256).nullish(),
  indirect_partner_id: nullableId,
  cycle_type: z.enum(['5', '6']).nullish().describe('extension: 5 = pay-per-use voucher (on-demand only), 6 = general voucher (default)'),
  usage_ratio: z.union([z.string().max(8), z.number()]).nullish().describe('extension, cash coupons only: the largest share of an order, in (0, 1], the cash coupons may pay (default: the quota’s usageRatio)'),
});
export const issueCouponsAnswer = z.object({ coupon_infos: z.array(z.object({ id: z.string(), coupon_id: z.string() })), error_details: errorDetails });

export const reclaimCouponBody = z.object({ coupon_id: id64, indirect_partner_id: z.string().min(1).max(100).nullish() });

const useLimit = z.object({ limit_key: z.string(), value1: z.string(), value2: z.string(), value_unit: z.string(), limit_type: z.string() });

export const issuedCouponsQuery = z.object({
  coupon_id: optId,
  customer_id: optId,
  order_id: optId,
  coupon_type: z.coerce.number().int().min(1).max(4).optional(),
  status: z.coerce.number().int().min(1).max(5).optional(),
  create_time_begin: utcTime,
  create_time_end: utcTime,
  effective_time_begin: utcTime,
  effective_time_end: utcTime,
  expire_time_begin: utcTime,
  expire_time_end: utcTime,
  offset,
  limit,
  indirect_partner_id: optId,
});
/** Fields Huawei's two coupon views (issued list, own coupons) share. */
const couponFields = {
  coupon_id: z.string(),
  status: z.number().int(),
  customer_id: z.string(),
  coupon_type: z.number().int(),
  measure_id: z.number().int(),
  face_value: z.number(),
  expire_time: z.string(),
  order_id: z.string(),
  media_type: z.number().int(),
  fetch_method: z.number().int(),
  use_limits: z.array(useLimit),
  create_time: z.string(),
  balance: z.number(),
  lock_order_id: z.string(),
  is_frozen: z.string(),
};
export const issuedCouponsAnswer = z.object({
  total_count: z.number().int(),
  user_coupons: z.array(
    z.object({ ...couponFields, effective_time: z.string(), quota_id: z.string(), memo: z.string() }),
  ),
});

export const couponRecordsQuery = z.object({
  operation_types: queryList,
  quota_id: optId,
  quota_type: z.coerce.number().int().min(0).max(1).optional(),
  coupon_ids: queryList,
  customer_id: optId,
  operation_time_begin: utcTime,
  operation_time_end: utcTime,
  result: z.string().max(4).optional(),
  offset,
  limit,
  indirect_partner_id: optId,
});
export const couponRecordsAnswer = z.object({
  total_count: z.number().int(),
  records: z.array(
    z.object({
      id: z.string(),
      operation_type: z.string(),
      quota_id: z.string(),
      quota_type: z.number().int(),
      coupon_id: z.string(),
      customer_id: z.string(),
      operation_amount: z.number(),
      operation_time: z.string(),
      result: z.string(),
      remark: z.string(),
    }),
  ),
});

export const ownCouponsQuery = z.object({
  coupon_id: optId,
  order_id: optId,
  promotion_plan_id: optId,
  coupon_type: z.coerce.number().int().min(1).max(4).optional(),
  status: z.coerce.number().int().min(1).max(5).optional(),
  active_start_time: utcTime,
  active_end_time: utcTime,
  offset,
  limit,
  source_id: optId,
  indirect_partner_id: optId,
});
export const myCouponsQuery = z.object({ coupon_type: z.coerce.number().int().min(1).max(4).optional(), status: z.coerce.number().int().min(1).max(5).optional(), offset, limit });
export const ownCouponsAnswer = z.object({
  count: z.number().int(),
  user_coupons: z.array(
    z.object({
      ...couponFields,
      coupon_code: z.string(),
      valid_time: z.string(),
      coupon_version: z.number().int(),
      currency: z.string(),
      source_id: z.string(),
      coupon_usage: z.string(),
    }),
  ),
});

// Test vouchers.
export const applyBody = z.object({
  voucher_type: z.enum(TEST_VOUCHER_TYPES),
  amount,
  purpose: z.string().trim().min(1).max(2000),
  calculator_link: z.string().min(1).max(1000).describe('share link of a price-calculator configuration of the resources to test (required)'),
  solution: z.string().max(256).nullish().describe('the solution a software-partner test voucher is for (required for those types)'),
  supplementary_reason: z.string().max(2000).nullish().describe('required when the amount exceeds what remains applicable (a supplementary application)'),
});
export const applicationView = z.object({
  id: z.string(),
  org_id: z.string(),
  org_name: z.string(),
  org_account: z.string(),
  voucher_type: z.string(),
  amount: z.number(),
  purpose: z.string(),
  calculator_link: z.string(),
  solution: z.string(),
  status: z.enum(['SUBMITTED', 'APPROVED', 'REJECTED']),
  approved_amount: z.number().nullable(),
  valid_days: z.number().int().nullable(),
  coupon_id: z.string().nullable(),
  decision_reason: z.string().nullable(),
  supplementary_reason: z.string().nullable(),
  created_at: z.string(),
  decided_at: z.string().nullable(),
});
export const applicationsQuery = z.object({ status: z.enum(['SUBMITTED', 'APPROVED', 'REJECTED']).optional(), offset, limit });
export const applicationsAnswer = z.object({ total_count: z.number().int(), applications: z.array(applicationView) });
export const idParams = z.object({ id: z.string().min(1).max(64) });
// Validity bounds are a rule (vouchers.rules.ts TEST_VOUCHER_MAX_VALID_DAYS, HBN.6012), not a schema limit.
export const approveBody = z.object({ amount: amount.nullish(), valid_days: z.number().int().min(0).max(36_500) });
export const rejectBody = z.object({ reason: z.string().trim().min(1).max(1000) });
export const manualIssueBody = z.object({ account_id: id64, amount, valid_days: z.number().int().min(0).max(36_500), memo: z.string().max(256).nullish() });
export const manualIssueAnswer = z.object({ coupon_id: z.string() });
