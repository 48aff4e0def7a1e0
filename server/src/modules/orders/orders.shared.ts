// What the orders use cases share: dependencies, the coupon seam, who may see which order, the
// transition history, and the Huawei views of an order.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor, Caller } from '../../shared/actor.ts';
import { toApiTime, type Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import { formatAmount } from '../../shared/money.ts';
import type { AuditService } from '../audit/index.ts';
import type { LedgerService } from '../ledger/index.ts';
import type { PostingInput } from '../ledger/ledger.rules.ts';
import type { Coupon } from '../vouchers/deduction.rules.ts';
import { seesOnlyAssignedCustomers, type AuthorizationScope } from '../customers/index.ts';
import * as repo from './orders.repo.ts';
import type { OrderRow } from './orders.repo.ts';
import type { Source } from './orders.rules.ts';

/** A coupon as the deduction function sees it, with what the order-coupons view shows. */
export type ListedCoupon = Coupon & { faceValue: bigint; createdAt: Date; lastUsedAt: Date | null };

/**
 * The vouchers a customer may pay an order with, and their redemption: the vouchers module
 * provides it (vouchers.couponSource); without one no coupons exist (noCoupons).
 */
export interface CouponSource {
  /** The customer's coupons that might pay this order; locked when called inside a transaction. */
  list(tx: Kysely<DB>, customerOrgId: string, orderId: string): Promise<ListedCoupon[]>;
  /** Marks the uses taken and returns the postings that take them from the coupon accounts (negative legs). */
  redeem(tx: Kysely<DB>, customerOrgId: string, orderId: string, uses: { couponId: string; amount: bigint }[]): Promise<PostingInput[]>;
  /** Returns the vouchers of an order unsubscribed within the no-reason period; postings back to them (positive legs). */
  restore(tx: Kysely<DB>, customerOrgId: string, orderId: string): Promise<PostingInput[]>;
}

export const noCoupons: CouponSource = {
  list: async () => [],
  redeem: async (_tx, _c, _o, uses) => {
    if (uses.length > 0) throw new AppError('CBC.99003108');
    return [];
  },
  restore: async () => [],
};

export interface OrdersDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  ledger: Pick<LedgerService, 'post' | 'once' | 'lockedBalances' | 'balancesOf'>;
  customers: {
    assertOnBehalfAuthorized(partnerOrgId: string, customerOrgId: string, scope: AuthorizationScope, executor?: Kysely<DB>): Promise<unknown>;
    isCustomerFrozen(customerOrgId: string): Promise<boolean>;
  };
  coupons?: CouponSource;
  /** What a deployment tunes (config.ts). */
  settings?: { estimatedRebateBasisPoints: number };
}

export const ITEMS = {
  partnerView: 'BPC_ITEM_SUBCUSTSERV_050100',
  partnerPay: 'BPC_ITEM_SUBCUSTSERV_050101',
  placeForCustomer: 'BPC_ITEM_SUBCUSTSERV_050102',
  partnerReject: 'BPC_ITEM_SUBCUSTSERV_050103',
  yanxuanPrice: 'BPC_ITEM_SUBCUSTSERV_050104',
  resellerCustomers: 'BPC_ITEM_SUBCUSTSERV_010500',
  customerView: 'BPC_ITEM_MYORDER_010100',
  customerBuy: 'BPC_ITEM_MYORDER_010101',
  customerAskPartner: 'BPC_ITEM_MYORDER_010102',
  vendorPartners: 'BPC_ITEM_OPS_010100',
  vendorYanxuan: 'BPC_ITEM_OPS_010108',
  vendorInvoicesView: 'BPC_ITEM_OPS_060100',
  vendorInvoicesIssue: 'BPC_ITEM_OPS_060101',
} as const;

export function systemActor(orgId: string): Actor {
  return { userId: null, userName: null, orgId, via: 'system', clientIp: null };
}

/**
 * Loads an order the caller may see: its customer, the partner it was placed under (or that
 * partner's master distributor), the vendor. Anything else reads as "invalid order".
 */
export async function visibleOrder(db: Kysely<DB>, caller: Caller, orderId: string): Promise<OrderRow> {
  const order = await repo.findOrder(db, orderId);
  if (!order || !(await maySee(db, caller, order))) throw new AppError('CBC.30000010');
  return order;
}

export async function maySee(db: Kysely<DB>, caller: Caller, order: OrderRow): Promise<boolean> {
  if (caller.org.kind === 'vendor') return true;
  if (caller.org.kind === 'customer') return order.customer_org_id === caller.org.id;
  if (!order.partner_org_id) return false;
  if (seesOnlyAssignedCustomers(caller) && !(await repo.managesCustomer(db, caller.userId, order.customer_org_id))) return false;
  if (order.partner_org_id === caller.org.id) return true;
  if (caller.org.partnerType !== 'master_distributor') return false;
  const partner = await repo.findOrg(db, order.partner_org_id);
  return partner?.parent_partner_id === caller.org.id;
}

export async function history(tx: Kysely<DB>, clock: Clock, actor: Actor, order: { id: string; customer_org_id: string }, action: string, from: number | null, to: number, reason?: string | null) {
  await repo.appendHistory(tx, {
    order_id: order.id,
    org_id: order.customer_org_id,
    action,
    from_status: from,
    to_status: to,
    actor_org_id: actor.orgId,
    actor_user_id: actor.userId,
    reason: reason ?? null,
    at: clock.now(),
  });
}

export const yuan = (fen: bigint | string | number) => Number(formatAmount(BigInt(fen)));
const time = (d: Date | string | null) => (d ? toApiTime(new Date(d)) : null);

export function sourcesOf(o: OrderRow): Source[] {
  if (!o.payment_sources) return [];
  return (JSON.parse(o.payment_sources) as { org_id: string; kind: Source['kind']; amount: string }[]).map((s) => ({ ...s, amount: BigInt(s.amount) }));
}

export function sourcesText(sources: Source[]): string {
  return JSON.stringify(sources.map((s) => ({ ...s, amount: s.amount.toString() })));
}

function amountInfo(o: OrderRow) {
  const discount = BigInt(o.official_amount) - BigInt(o.amount);
  return {
    discounts: discount > 0n ? [{ discount_type: o.is_yanxuan ? '609' : '200', discount_amount: yuan(discount) }] : [],
    flexipurchase_coupon_amount: 0,
    coupon_amount: yuan(o.coupon_amount),
    stored_card_amount: 0,
    commission_amount: 0,
    consumed_amount: o.order_type === 4 ? 0 : null,
  };
}

/** CustomerOrderV2: list_customer_orders. */
export function orderV2(o: OrderRow) {
  return {
    order_id: o.id,
    customer_id: o.customer_org_id,
    service_type_code: o.service_type_code,
    service_type_name: o.spec_desc.split(' / ')[0],
    source_type: o.source_type,
    status: o.status,
    order_type: o.order_type,
    amount_after_discount: yuan(o.amount),
    official_amount: yuan(o.official_amount),
    measure_id: 1,
    create_time: time(o.created_at)!,
    payment_time: time(o.paid_at),
    currency: 'CNY',
    contract_id: null,
    amount_info: amountInfo(o),
    enterprise_projects: [],
    sub_order_infos: [],
    agent_pay_info: { paying_agent_id: o.payer === 'partner' ? o.paying_org_id : null, is_agent_pay: o.payer === 'partner' },
  };
}

/** CustomerOrderV3 and the one line item: show_customer_order_details. */
export function orderV3(o: OrderRow) {
  const { enterprise_projects: _e, agent_pay_info: _a, ...v2 } = orderV2(o);
  return { ...v2, user_name: o.placed_by_name ?? 'operations system', pending_payment_end_time: time(o.pending_payment_end_at) };
}

export function lineItem(o: OrderRow) {
  const [service, spec] = o.spec_desc.split(' / ');
  const base = { product_id: o.product_id, product_spec_desc: spec ?? o.spec_desc, category_code: o.product_kind, product_owner_service: o.service_type_code, commercial_resource: o.spec_id };
  return {
    order_line_item_id: `${o.id}-1`,
    service_type_code: o.service_type_code,
    service_type_name: service,
    ...base,
    period_type: o.period_type,
    period_num: o.order_type === 4 ? null : o.period_num,
    effective_time: time(o.effective_at),
    expire_time: time(o.expire_at),
    subscription_num: o.subscription_num,
    amount_after_discount: yuan(o.amount),
    official_amount: yuan(o.official_amount),
    amount_info: amountInfo(o),
    currency: 'CNY',
    base_product_info: base,
    order_id: o.id,
  };
}

/** The console's full view: Huawei fields plus partner payment, payer, invoice, adjustments, history. */
export function orderExtended(o: OrderRow) {
  return {
    ...orderV2(o),
    partner_id: o.partner_org_id,
    association_type: o.association_type === null ? null : String(o.association_type),
    product_id: o.product_id,
    spec_id: o.spec_id,
    product_kind: o.product_kind,
    spec_desc: o.spec_desc,
    is_yanxuan: o.is_yanxuan,
    yanxuan_partner_id: o.yanxuan_partner_id,
    period_type: o.period_type,
    period_num: o.period_num,
    subscription_num: o.subscription_num,
    base_order_id: o.base_order_id,
    effective_time: time(o.effective_at),
    expire_time: time(o.expire_at),
    pending_payment_end_time: time(o.pending_payment_end_at),
    partner_pay_status: o.partner_pay_status,
    partner_pay_reason: o.partner_pay_reason,
    payer: o.payer,
    paying_org_id: o.paying_org_id,
    invoice_party_id: o.invoice_party_org_id,
    invoice_id: o.invoice_id,
    refunded_amount: yuan(o.refunded_amount),
    unsubscribed_by_order_id: o.unsubscribed_by_order_id,
  };
}

/** The product and specification names in both languages, for the console to show in the reader's. */
export function catalogNames(product: { name_zh: string; name_en: string }, spec: { name_zh: string; name_en: string }) {
  return { product_name_zh: product.name_zh, product_name_en: product.name_en, spec_name_zh: spec.name_zh, spec_name_en: spec.name_en };
}

/**
 * The names of these orders' products from the catalogue; an order whose specification the
 * catalogue no longer holds keeps the Chinese names it was placed with in both languages.
 */
export async function productNames(db: Kysely<DB>, orders: readonly OrderRow[]) {
  const names = await repo.specNames(db, orders.map((o) => o.spec_id));
  return (o: OrderRow) => {
    const n = names.get(o.spec_id);
    if (n) return catalogNames({ name_zh: n.product_zh, name_en: n.product_en }, { name_zh: n.spec_zh, name_en: n.spec_en });
    const [product, spec = ''] = o.spec_desc.split(' / ');
    return catalogNames({ name_zh: product, name_en: product }, { name_zh: spec, name_en: spec });
  };
}
