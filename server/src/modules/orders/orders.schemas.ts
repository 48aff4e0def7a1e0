// The orders API contract: Huawei's wire fields for the published customer-order operations, the
// same style for the extensions (placing, partner payment, unsubscription, invoices, 严选 price).
import { z } from 'zod';
import { amount, clientTokenHeaders } from '../funds/funds.schemas.ts';

export { clientTokenHeaders };
const id64 = z.string().min(1).max(64);
const offset = z.coerce.number().int().min(0).max(40_000_000).default(0);
const limit = z.coerce.number().int().min(1).max(100).default(10);
const utcTime = z.string().max(20).optional();
const money = z.number();
const time = z.string().nullable();

export const listQuery = z.object({
  order_id: z.string().max(64).optional(),
  customer_id: z.string().max(64).optional(),
  create_time_begin: utcTime,
  create_time_end: utcTime,
  service_type_code: z.string().max(64).optional(),
  status: z.coerce.number().int().min(1).max(13).optional(),
  order_type: z.string().max(2).optional(),
  limit,
  offset,
  order_by: z.enum(['createTime', '-createTime']).optional(),
  payment_time_begin: utcTime,
  payment_time_end: utcTime,
  indirect_partner_id: z.string().max(64).optional(),
  method: z.enum(['oneself', 'sub_customer']).optional(),
});

const discountItem = z.object({ discount_type: z.string(), discount_amount: money });
const amountInfo = z.object({
  discounts: z.array(discountItem),
  flexipurchase_coupon_amount: money,
  coupon_amount: money,
  stored_card_amount: money,
  commission_amount: money,
  consumed_amount: money.nullable(),
});
const orderCommon = {
  order_id: z.string(),
  customer_id: z.string(),
  service_type_code: z.string(),
  service_type_name: z.string(),
  source_type: z.number().int(),
  status: z.number().int(),
  order_type: z.number().int(),
  amount_after_discount: money,
  official_amount: money,
  measure_id: z.number().int(),
  create_time: z.string(),
  payment_time: time,
  currency: z.string(),
  contract_id: z.string().nullable(),
  amount_info: amountInfo,
  sub_order_infos: z.array(z.object({ order_id: z.string() }).loose()),
};
export const orderV2 = z.object({
  ...orderCommon,
  enterprise_projects: z.array(z.object({ id: z.string(), name: z.string() })),
  agent_pay_info: z.object({ paying_agent_id: z.string().nullable(), is_agent_pay: z.boolean() }),
});
export const listAnswer = z.object({ total_count: z.number().int(), order_infos: z.array(orderV2) });

export const orderIdParams = z.object({ order_id: id64 });
export const detailsQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(10), offset, indirect_partner_id: z.string().max(64).optional() });
const product = { product_id: z.string(), product_spec_desc: z.string(), category_code: z.string(), product_owner_service: z.string(), commercial_resource: z.string() };
export const detailsAnswer = z.object({
  total_count: z.number().int(),
  order_info: z.object({ ...orderCommon, user_name: z.string(), pending_payment_end_time: time }),
  order_line_items: z.array(
    z.object({
      order_line_item_id: z.string(),
      service_type_code: z.string(),
      service_type_name: z.string(),
      ...product,
      period_type: z.number().int(),
      period_num: z.number().int().nullable(),
      effective_time: time,
      expire_time: time,
      subscription_num: z.number().int(),
      amount_after_discount: money,
      official_amount: money,
      amount_info: amountInfo,
      currency: z.string(),
      base_product_info: z.object(product),
      order_id: z.string(),
    }),
  ),
});

const simpleInfo = z.object({ id: id64, type: z.number().int() });
export const payBody = z.object({
  order_id: id64,
  use_coupon: z.enum(['YES', 'NO']).optional(),
  use_discount: z.enum(['YES', 'NO']).optional(),
  coupon_infos: z.array(simpleInfo).max(3).optional(),
  discount_infos: z.array(simpleInfo).max(1).optional(),
});
export const cancelBody = z.object({ order_id: id64 });
export const orderCouponsQuery = z.object({ order_id: id64 });
export const orderCouponsAnswer = z.object({
  count: z.number().int(),
  user_coupons: z.array(
    z.object({
      coupon_id: z.string(),
      coupon_code: z.string(),
      status: z.number().int(),
      coupon_type: z.number().int(),
      measure_id: z.number().int(),
      face_value: money,
      effective_time: z.string(),
      expire_time: z.string(),
      plan_name: z.string(),
      plan_desc: z.string(),
      use_limits: z.array(z.object({}).loose()),
      active_time: z.string(),
      last_used_time: time,
      create_time: z.string(),
      coupon_version: z.number().int(),
      balance: money,
      used_by_order_id: z.string().nullable(),
      coupon_usage: z.string(),
      coupon_group: z.number().int(),
    }),
  ),
  coupon_max_use_quantity: z.array(z.object({ coupon_type: z.number().int(), coupon_group: z.number().int(), use_quantity_value: z.number().int() })),
});

// Extensions.
export const placeBody = z.object({
  customer_id: z.string().max(64).optional().describe('A partner ordering on behalf of a customer that authorized it (scope purchase)'),
  order_type: z.enum(['new', 'renew', 'change']).default('new'),
  product_id: id64,
  spec_id: id64,
  period_num: z.number().int().min(1).max(60).optional(),
  subscription_num: z.number().int().min(1).max(1000).optional(),
  effective_time: utcTime,
  base_order_id: z.string().max(64).optional(),
  yanxuan_partner_id: z.string().max(64).optional().describe('严选: the partner ID the customer entered in the 严选 mall'),
});

export const orderExtended = orderV2.extend({
  partner_id: z.string().nullable(),
  association_type: z.string().nullable(),
  product_id: z.string(),
  spec_id: z.string(),
  product_kind: z.string(),
  spec_desc: z.string(),
  is_yanxuan: z.boolean(),
  yanxuan_partner_id: z.string().nullable(),
  period_type: z.number().int(),
  period_num: z.number().int().nullable(),
  subscription_num: z.number().int(),
  base_order_id: z.string().nullable(),
  effective_time: time,
  expire_time: time,
  pending_payment_end_time: time,
  partner_pay_status: z.enum(['PENDING', 'PAID', 'REJECTED', 'CANCELLED', 'EXPIRED']).nullable(),
  partner_pay_reason: z.string().nullable(),
  payer: z.enum(['customer', 'partner']).nullable(),
  paying_org_id: z.string().nullable(),
  invoice_party_id: z.string().nullable(),
  invoice_id: z.string().nullable(),
  refunded_amount: money,
  unsubscribed_by_order_id: z.string().nullable(),
});
/** The catalogue's names of the order's product and specification; the console shows the reader's language. */
const productNames = {
  product_name_zh: z.string(),
  product_name_en: z.string(),
  spec_name_zh: z.string(),
  spec_name_en: z.string(),
};
export const orderFull = orderExtended.extend({
  ...productNames,
  price_adjustments: z.array(z.object({ partner_id: z.string(), from_amount: money, to_amount: money, at: z.string() })),
  history: z.array(z.object({ action: z.string(), from_status: z.number().int().nullable(), to_status: z.number().int(), actor_org_id: z.string().nullable(), reason: z.string().nullable(), at: z.string() })),
});

export const reasonBody = z.object({ reason: z.string().trim().max(200).optional() }).default({});
export const partnerPaymentsQuery = z.object({
  status: z.enum(['PENDING', 'PROCESSED', 'PAID', 'REJECTED', 'CANCELLED', 'EXPIRED']).default('PENDING').describe('PROCESSED: paid, rejected, withdrawn or expired'),
  offset,
  limit,
});
export const partnerPaymentsAnswer = z.object({
  total_count: z.number().int(),
  applications: z.array(
    orderExtended.extend({
      ...productNames,
      customer_name: z.string(),
      customer_account_name: z.string(),
      estimated_rebate: money.describe('An estimate only: the incentive policies decide the real rebate, and vouchers reduce it'),
      rebate_is_estimate: z.literal(true),
    }),
  ),
});

export const unsubscribeAnswer = z.object({
  order_id: z.string(),
  base_order_id: z.string(),
  refund_amount: money,
  refunded_to: z.array(z.object({ account_owner_id: z.string(), account_kind: z.string(), amount: money })),
});

export const priceBody = z.object({ amount });
export const invoiceableQuery = z.object({ org_id: z.string().max(64).optional() });
export const invoiceableAnswer = z.object({
  org_id: z.string(),
  invoiceable_amount: money,
  currency: z.string(),
  orders: z.array(z.object({ order_id: z.string(), customer_id: z.string(), payer: z.string(), amount: money, payment_time: z.string() })),
});
export const issueInvoiceBody = z.object({ org_id: id64, order_ids: z.array(id64).max(500).optional(), title: z.string().trim().min(1).max(200).optional() });
export const invoiceAnswer = z.object({ invoice_id: z.string(), org_id: z.string(), title: z.string(), amount: money, order_ids: z.array(z.string()), issued_at: z.string() });
export const invoicesQuery = z.object({ org_id: z.string().max(64).optional(), offset, limit });
export const invoicesAnswer = z.object({ total_count: z.number().int(), invoices: z.array(z.object({ invoice_id: z.string(), org_id: z.string(), title: z.string(), amount: money, issued_at: z.string() })) });
export const partnerIdParams = z.object({ partner_id: id64 });
export const yanxuanAnswer = z.object({ partner_id: z.string(), yanxuan_resale: z.boolean() });

// The console's views.
export const consoleListFilter = z.object({
  scope: z.enum(['own', 'resellers']).default('own').describe("resellers: a master distributor's cloud resellers' customers (all, or one with indirect_partner_id)"),
  indirect_partner_id: z.string().max(64).optional(),
  order_id: z.string().max(64).optional(),
  customer: z.string().max(64).optional().describe('Customer name or account name, partial'),
  customer_id: z.string().max(64).optional(),
  status: z.coerce.number().int().min(1).max(13).optional(),
  order_type: z.coerce.number().int().min(1).max(15).optional(),
  association_type: z.enum(['1', '2']).optional(),
  partner_pay_status: z.enum(['PENDING', 'PAID', 'REJECTED', 'CANCELLED', 'EXPIRED']).optional(),
  create_time_begin: utcTime,
  create_time_end: utcTime,
});
export const consoleListQuery = consoleListFilter.extend({ offset, limit });
export const consoleListAnswer = z.object({
  total_count: z.number().int(),
  orders: z.array(orderExtended.extend({ ...productNames, customer_name: z.string(), customer_account_name: z.string(), partner_name: z.string() })),
});
export const invoicePartiesQuery = z.object({ offset, limit });
export const invoicePartiesAnswer = z.object({
  total_count: z.number().int(),
  parties: z.array(
    z.object({
      org_id: z.string(),
      name: z.string(),
      account_name: z.string(),
      kind: z.enum(['vendor', 'partner', 'customer']),
      partner_type: z.string().nullable(),
      invoiceable_amount: money,
      order_count: z.number().int(),
      currency: z.string(),
    }),
  ),
});
export const yanxuanBoundsAnswer = z.object({ order_id: z.string(), floor_amount: money, catalogue_amount: money, current_amount: money, currency: z.string() });
export const myBalanceAnswer = z.object({ customer_id: z.string(), balance: money, currency: z.string(), as_of: z.string() });

export const quoteQuery = z.object({
  type: z.enum(['renew', 'change']).describe('renew: the same specification for further periods; change: another specification of the product for the rest of the base period'),
  spec_id: z.string().max(64).optional().describe('change: the new specification (renew: the base order’s)'),
  period_num: z.coerce.number().int().min(1).max(60).optional().describe('renew: how many periods (change: the base order’s)'),
  subscription_num: z.coerce.number().int().min(1).max(1000).optional(),
});
export const quoteAnswer = z.object({
  order_type: z.number().int(),
  base_order_id: z.string(),
  product_id: z.string(),
  spec_id: z.string(),
  ...productNames,
  period_type: z.number().int(),
  period_num: z.number().int(),
  subscription_num: z.number().int(),
  effective_time: time.describe('null for a change: it runs from its payment'),
  expire_time: time,
  amount: money.describe('What placing this order now would charge'),
  currency: z.string(),
});
