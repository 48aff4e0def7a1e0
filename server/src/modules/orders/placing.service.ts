// Placing orders (new, renew, change; a partner under a valid on-behalf authorization), the
// Huawei list and detail queries, cancelling a pending order, and the sweep that closes unpaid
// orders after their payment deadline.
import { actorOf, type Caller } from '../../shared/actor.ts';
import { toApiTime } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import { newPrefixedId } from '../../shared/ids.ts';
import { findProduct, findSpec } from '../catalog/index.ts';
import { seesOnlyAssignedCustomers } from '../customers/index.ts';
import { parseApiTime } from '../funds/funds.rules.ts';
import * as repo from './orders.repo.ts';
import { addPeriods, changeAmount, officialAmount, ORDER_TYPE, paymentDeadline, periodTypeOf, SOURCE, STATUS, unitOfPeriodType } from './orders.rules.ts';
import { catalogNames, history, lineItem, orderExtended, orderV2, orderV3, productNames, systemActor, visibleOrder, yuan, type OrdersDeps } from './orders.shared.ts';

export interface PlaceOrderInput {
  customer_id?: string;
  order_type: 'new' | 'renew' | 'change';
  product_id: string;
  spec_id: string;
  period_num?: number;
  subscription_num?: number;
  effective_time?: string;
  base_order_id?: string;
  yanxuan_partner_id?: string;
}

export interface QuoteInput {
  type: 'renew' | 'change';
  spec_id?: string;
  period_num?: number;
  subscription_num?: number;
}

export interface ListOrdersInput {
  order_id?: string;
  customer_id?: string;
  create_time_begin?: string;
  create_time_end?: string;
  service_type_code?: string;
  status?: number;
  order_type?: string;
  limit: number;
  offset: number;
  order_by?: string;
  payment_time_begin?: string;
  payment_time_end?: string;
  indirect_partner_id?: string;
  partner_pay_status?: string;
}

const YEAR_MS = 366 * 86_400_000;

/**
 * An order already continued by a live renewal or change is not renewed or changed again: the
 * customer acts on the latest order of the chain, so periods never overlap.
 */
async function refuseIfContinued(db: Parameters<typeof repo.successorOf>[0], baseOrderId: string) {
  const successor = await repo.successorOf(db, baseOrderId);
  if (successor) throw new AppError('HBN.5117', successor.id);
}

/** A UTC time range filter of the order lists: at most one year. */
export function timeWindow(begin: string | undefined, end: string | undefined, field: string) {
  const from = parseApiTime(begin || undefined, `${field}_begin`);
  const to = parseApiTime(end || undefined, `${field}_end`);
  if (from && to && (to < from || to.getTime() - from.getTime() > YEAR_MS)) throw new AppError('CBC.0100', `${field} range must be at most one year`);
  return { from, to };
}

/**
 * Whose orders the caller lists: its own (customer); its customers' (partner), a cloud reseller's
 * customers' with indirect_partner_id, or all its resellers' customers' (master distributor,
 * `resellers`); everything (vendor). A member with the account-manager scope only sees the
 * orders of customers assigned to them.
 */
export async function orderScope(db: OrdersDeps['db'], caller: Caller, indirectPartnerId: string | undefined, resellers = false): Promise<Pick<repo.OrderFilter, 'customerOrgId' | 'partnerOrgId' | 'resellersOf' | 'managerUserId'>> {
  if (caller.org.kind === 'customer') return { customerOrgId: caller.org.id };
  if (caller.org.kind === 'vendor') return {};
  const managerUserId = seesOnlyAssignedCustomers(caller) ? caller.userId : undefined;
  if (resellers && !indirectPartnerId) {
    if (caller.org.partnerType !== 'master_distributor') throw new AppError('CBC.99000037');
    return { resellersOf: caller.org.id, managerUserId };
  }
  if (!indirectPartnerId || indirectPartnerId === caller.org.id) return { partnerOrgId: caller.org.id, managerUserId };
  const reseller = await repo.findOrg(db, indirectPartnerId);
  if (caller.org.partnerType !== 'master_distributor' || reseller?.parent_partner_id !== caller.org.id) throw new AppError('CBC.99000037');
  return { partnerOrgId: reseller.id, managerUserId };
}

export function createPlacingService(deps: OrdersDeps) {
  const { db, clock, audit, customers } = deps;

  /** The customer an order is placed for: the caller itself, or a customer that authorized the partner. */
  async function orderingCustomer(caller: Caller, customerId: string | undefined) {
    if (caller.org.kind === 'customer') {
      if (customerId && customerId !== caller.org.id) throw new AppError('CBC.0100', 'customer_id must be omitted or be the caller');
      return { customerId: caller.org.id, source: SOURCE.customer };
    }
    if (caller.org.kind !== 'partner' || !customerId) throw new AppError('CBC.0100', 'customer_id is required when a partner orders for a customer');
    await customers.assertOnBehalfAuthorized(caller.org.id, customerId, 'purchase');
    return { customerId, source: SOURCE.agent };
  }

  /**
   * What an order would be if placed now: the product and specification, the period, the amount
   * the server charges and the service period. Placing and the console's quote share it, so the
   * quote is what the order will cost.
   */
  async function price(caller: Caller, input: PlaceOrderInput) {
    const { customerId, source } = await orderingCustomer(caller, input.customer_id);
    const now = clock.now();
    const product = await findProduct(db, input.product_id);
    const spec = product ? await findSpec(db, product.id, input.spec_id) : undefined;
    if (!product || !spec) throw new AppError('HBN.5001');
    if (product.status !== 'on_sale' || spec.status !== 'on_sale' || spec.billing_mode === 'on_demand') throw new AppError('HBN.5101');
    let periodNum = spec.price_unit === 'one_off' ? 1 : (input.period_num ?? 1);
    const quantity = input.subscription_num ?? 1;
    const orderType = ORDER_TYPE[input.order_type];

    let changing: repo.OrderRow | undefined;
    let start = input.effective_time ? parseApiTime(input.effective_time, 'effective_time')! : null;
    if (start && (start.getTime() < now.getTime() - 60_000 || start.getTime() > now.getTime() + YEAR_MS)) {
      throw new AppError('CBC.0100', 'effective_time must lie within the coming year');
    }
    if (orderType !== ORDER_TYPE.new) {
      // Renewal continues the base order's period; a change replaces the specification from now.
      const base = input.base_order_id ? await repo.findOrder(db, input.base_order_id) : undefined;
      const renewable = base && base.customer_org_id === customerId && base.status === STATUS.completed && base.order_type !== ORDER_TYPE.unsubscribe && !base.unsubscribed_by_order_id && base.expire_at;
      if (!base || !renewable || (orderType === ORDER_TYPE.renew && base.spec_id !== spec.id) || (orderType === ORDER_TYPE.change && base.product_id !== product.id)) {
        throw new AppError('HBN.5115');
      }
      if (orderType === ORDER_TYPE.renew) start = new Date(base.expire_at!);
      if (orderType === ORDER_TYPE.change) {
        // A change covers the rest of a new or renewed order's period, billed in the same unit.
        if ((base.order_type !== ORDER_TYPE.new && base.order_type !== ORDER_TYPE.renew) || unitOfPeriodType(base.period_type) !== spec.price_unit) throw new AppError('HBN.5115');
        changing = base;
        periodNum = base.period_num ?? 1;
        start = null;
      }
    }
    if (input.yanxuan_partner_id && !product.is_yanxuan) throw new AppError('CBC.0100', 'yanxuan_partner_id applies to 严选 products only');

    const official = changing
      ? changeAmount({
          oldUnitPrice: BigInt(changing.unit_price),
          oldQuantity: changing.subscription_num,
          newUnitPrice: BigInt(spec.list_price),
          newQuantity: quantity,
          periods: periodNum,
          start: new Date(changing.effective_at ?? changing.paid_at!),
          end: new Date(changing.expire_at!),
          now,
        })
      : officialAmount(BigInt(spec.list_price), spec.price_unit, periodNum, quantity);
    const effective = start ?? null;
    // A change runs from its payment to the end of the base order's period.
    const expire = changing ? new Date(changing.expire_at!) : effective ? addPeriods(effective, spec.price_unit, periodNum) : null;
    // Checked last, so that a request wrong in itself hears what is wrong with it first.
    if (orderType !== ORDER_TYPE.new) await refuseIfContinued(db, input.base_order_id!);
    return { customerId, source, now, product, spec, orderType, periodNum, quantity, official, effective, expire };
  }

  async function place(caller: Caller, input: PlaceOrderInput) {
    const { customerId, source, now, product, spec, orderType, periodNum, quantity, official, effective, expire } = await price(caller, input);
    const association = await repo.currentAssociationOfCustomer(db, customerId);
    const id = `CS${newPrefixedId('').slice(0, 20)}`;
    const actor = { ...actorOf(caller), onBehalfOf: source === SOURCE.agent ? customerId : null };
    await db.transaction().execute(async (tx) => {
      // Two placements on one base queue on its row; the second sees the first's order.
      if (input.base_order_id && orderType !== ORDER_TYPE.new) {
        await repo.lockOrder(tx, input.base_order_id);
        await refuseIfContinued(tx, input.base_order_id);
      }
      await repo.insertOrder(tx, {
        id,
        customer_org_id: customerId,
        partner_org_id: association?.partner_org_id ?? null,
        association_type: association?.association_type ?? null,
        order_type: orderType,
        status: STATUS.pendingPayment,
        source_type: source,
        placed_by_org_id: caller.org.id,
        placed_by_user_id: caller.userId,
        placed_by_name: caller.userName,
        product_id: product.id,
        spec_id: spec.id,
        product_kind: product.kind,
        service_type_code: product.service_type_code,
        is_yanxuan: product.is_yanxuan,
        yanxuan_partner_id: product.is_yanxuan ? (input.yanxuan_partner_id ?? null) : null,
        spec_desc: `${product.name_zh} / ${spec.name_zh}`,
        unit_price: BigInt(spec.list_price),
        spec_version_at: new Date(spec.updated_at),
        period_type: periodTypeOf(spec.price_unit),
        period_num: periodNum,
        subscription_num: quantity,
        official_amount: official,
        amount: official,
        base_order_id: input.base_order_id ?? null,
        effective_at: effective,
        expire_at: expire,
        pending_payment_end_at: paymentDeadline(now),
        partner_pay_status: null,
        partner_pay_requested_at: null,
        partner_pay_reason: null,
        payer: null,
        paying_org_id: null,
        payment_sources: null,
        payment_journal_id: null,
        paid_at: null,
        invoice_party_org_id: null,
        invoice_id: null,
        unsubscribed_by_order_id: null,
        created_at: now,
        updated_at: now,
      });
      await history(tx, clock, actor, { id, customer_org_id: customerId }, 'place', null, STATUS.pendingPayment);
      await audit.append(tx, actor, { operation: 'orders.place', targetType: 'customer_order', targetId: id, detail: { customer_id: customerId, order_type: orderType, spec_id: spec.id, amount: official.toString() } });
    });
    return orderExtended((await repo.findOrder(db, id))!);
  }

  async function list(caller: Caller, input: ListOrdersInput) {
    const created = timeWindow(input.create_time_begin, input.create_time_end, 'create_time');
    const paid = timeWindow(input.payment_time_begin, input.payment_time_end, 'payment_time');
    const orderType = input.order_type ? Number(input.order_type) : undefined;
    if (orderType !== undefined && !Number.isInteger(orderType)) throw new AppError('CBC.0100', 'order_type');
    const { total, rows } = await repo.listOrders(db, {
      ...(await orderScope(db, caller, input.indirect_partner_id || undefined)),
      orderId: input.order_id || undefined,
      filterCustomerId: input.customer_id || undefined,
      serviceTypeCode: input.service_type_code || undefined,
      status: input.status,
      orderType,
      partnerPayStatus: input.partner_pay_status || undefined,
      createdFrom: created.from,
      createdTo: created.to,
      paidFrom: paid.from,
      paidTo: paid.to,
      ascending: input.order_by === 'createTime',
      offset: input.offset,
      limit: input.limit,
    });
    return { total_count: total, order_infos: rows.map(orderV2) };
  }

  async function details(caller: Caller, orderId: string, input: { offset: number; limit: number }) {
    const order = await visibleOrder(db, caller, orderId);
    const items = [lineItem(order)].slice(input.offset, input.offset + input.limit);
    return { total_count: 1, order_info: orderV3(order), order_line_items: items };
  }

  /**
   * GET /api/orders/{order_id}/quote: what renewing a paid order (same specification) or changing
   * it to another specification would cost if placed now; places nothing.
   */
  async function quote(caller: Caller, orderId: string, input: QuoteInput) {
    const base = await visibleOrder(db, caller, orderId);
    const priced = await price(caller, {
      customer_id: base.customer_org_id,
      order_type: input.type,
      product_id: base.product_id,
      spec_id: input.spec_id ?? base.spec_id,
      period_num: input.period_num,
      subscription_num: input.subscription_num,
      base_order_id: base.id,
    });
    return {
      order_type: priced.orderType,
      base_order_id: base.id,
      product_id: priced.product.id,
      spec_id: priced.spec.id,
      ...catalogNames(priced.product, priced.spec),
      period_type: periodTypeOf(priced.spec.price_unit),
      period_num: priced.periodNum,
      subscription_num: priced.quantity,
      effective_time: priced.effective ? toApiTime(priced.effective) : null,
      expire_time: priced.expire ? toApiTime(priced.expire) : null,
      amount: yuan(priced.official),
      currency: 'CNY',
    };
  }

  /** The console's view of one order, with its partner payment, price changes and history. */
  async function get(caller: Caller, orderId: string) {
    const order = await visibleOrder(db, caller, orderId);
    const adjustments = await repo.adjustmentsOf(db, order.id);
    const names = await productNames(db, [order]);
    const steps = await repo.historyOf(db, order.id);
    return {
      ...orderExtended(order),
      ...names(order),
      price_adjustments: adjustments.map((a) => ({ partner_id: a.partner_org_id, from_amount: Number(a.from_amount) / 100, to_amount: Number(a.to_amount) / 100, at: new Date(a.at).toISOString().replace(/\.\d{3}Z$/, 'Z') })),
      history: steps.map((h) => ({ action: h.action, from_status: h.from_status, to_status: h.to_status, actor_org_id: h.actor_org_id, reason: h.reason, at: new Date(h.at).toISOString().replace(/\.\d{3}Z$/, 'Z') })),
    };
  }

  /** PUT /v2/orders/customer-orders/cancel: the customer cancels a pending order (and its partner-payment application). */
  async function cancel(caller: Caller, orderId: string) {
    const order = await repo.findOrder(db, orderId);
    if (!order || order.customer_org_id !== caller.org.id) throw new AppError('CBC.30000010');
    const actor = actorOf(caller);
    await db.transaction().execute(async (tx) => {
      const now = clock.now();
      const done = await repo.casOrder(tx, order.id, { status: STATUS.pendingPayment }, {
        status: STATUS.cancelled,
        partner_pay_status: repo.endApplication('CANCELLED'),
        updated_at: now,
      });
      if (!done) throw new AppError('CBC.99005010');
      await history(tx, clock, actor, order, 'cancel', STATUS.pendingPayment, STATUS.cancelled);
      await audit.append(tx, actor, { operation: 'orders.cancel', targetType: 'customer_order', targetId: order.id });
    });
  }

  /** Closes unpaid orders past their deadline. Idempotent; concurrent sweepers skip each other's rows. */
  async function sweepExpired(now: Date = clock.now()): Promise<number> {
    let closed = 0;
    for (;;) {
      const n = await db.transaction().execute(async (tx) => {
        const due = await repo.lockExpired(tx, now, 100);
        for (const o of due) {
          await repo.casOrder(tx, o.id, { status: STATUS.pendingPayment }, {
            status: STATUS.cancelled,
            partner_pay_status: repo.endApplication('EXPIRED'),
            updated_at: now,
          });
          const actor = systemActor(o.customer_org_id);
          await history(tx, clock, actor, o, 'expire', STATUS.pendingPayment, STATUS.cancelled, 'payment deadline passed');
          await audit.append(tx, actor, { operation: 'orders.expire', targetType: 'customer_order', targetId: o.id });
        }
        return due.length;
      });
      closed += n;
      if (n < 100) return closed;
    }
  }

  return { place, quote, list, details, get, cancel, sweepExpired };
}
