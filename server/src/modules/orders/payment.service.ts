// Paying orders: the customer from its balance (a resale customer has only partner-allocated
// money) with vouchers through the coupon seam, or by asking its partner (伙伴支付); the partner
// pays from its balance or rejects. Every payment is a compare-and-set on the order's status and
// one ledger journal in the same transaction, idempotent by X-Client-Token.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { actorOf, type Caller } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { newPrefixedId } from '../../shared/ids.ts';
import { findSpec } from '../catalog/index.ts';
import type { Answer } from '../ledger/index.ts';
import type { PostingInput } from '../ledger/ledger.rules.ts';
import { assertAllUsed, planDeduction, useLimitsOf, type Charge } from '../vouchers/deduction.rules.ts';
import * as repo from './orders.repo.ts';
import type { OrderRow } from './orders.repo.ts';
import {
  addPeriods,
  assertNoReorderNeeded,
  assertPayable,
  estimatedRebate,
  invoiceParty,
  partnerPaySources,
  STATUS,
  unitOfPeriodType,
  type Source,
} from './orders.rules.ts';
import { history, maySee, noCoupons, orderExtended, productNames, sourcesText, yuan, type OrdersDeps } from './orders.shared.ts';
import { orderScope } from './placing.service.ts';

export interface PayInput {
  order_id: string;
  use_coupon?: 'YES' | 'NO';
  use_discount?: 'YES' | 'NO';
  coupon_infos?: { id: string; type: number }[];
  discount_infos?: { id: string; type: number }[];
}

type Tx = Kysely<DB>;
const RECEIPTS = (vendorId: string) => ({ orgId: vendorId, kind: 'vendor_order_receipts' as const });

export function createPaymentService(deps: OrdersDeps) {
  const { db, clock, audit, ledger } = deps;
  const coupons = deps.coupons ?? noCoupons;

  async function vendorId(tx: Tx): Promise<string> {
    const v = await tx.selectFrom('organization').select('id').where('kind', '=', 'vendor').orderBy('created_at').executeTakeFirstOrThrow();
    return v.id;
  }

  /** What paying sets on the order besides the payer: the service period starts now unless set. */
  function paidFields(order: OrderRow, now: Date) {
    const start = order.effective_at ? new Date(order.effective_at) : now;
    const expire = order.expire_at ? new Date(order.expire_at) : addPeriods(start, unitOfPeriodType(order.period_type), order.period_num ?? 1);
    return { status: STATUS.completed, paid_at: now, effective_at: start, expire_at: expire, updated_at: now };
  }

  /** The order as a charge for the deduction function (customer payment, no discounts offered). */
  function chargeOf(order: OrderRow, amount: bigint, at: Date): Charge {
    return {
      kind: 'order',
      amount,
      productSource: order.product_kind === 'marketplace' ? 'marketplace' : 'vendor',
      serviceType: order.service_type_code,
      productId: order.product_id,
      periodMonths: order.period_type === 3 ? 12 * (order.period_num ?? 1) : (order.period_num ?? 1),
      discounted: false,
      highestLineDiscountRatio: 1,
      payer: 'customer',
      orderId: order.id,
      at,
    };
  }

  async function partnerTypeOf(tx: Tx, partnerId: string | null) {
    return partnerId ? ((await repo.findOrg(tx, partnerId))?.partner_type ?? null) : null;
  }

  function assertCouponRequest(input: PayInput) {
    const coupon = input.use_coupon ?? 'NO';
    const discount = input.use_discount ?? 'NO';
    if ((coupon === 'YES') !== ((input.coupon_infos?.length ?? 0) > 0)) throw new AppError('CBC.0100', 'coupon_infos is required with use_coupon=YES and must be omitted otherwise');
    if ((discount === 'YES') !== ((input.discount_infos?.length ?? 0) > 0)) throw new AppError('CBC.0100', 'discount_infos is required with use_discount=YES and must be omitted otherwise');
    // No promotional, business or partner-granted discounts are offered on orders here.
    if (discount === 'YES') throw new AppError('CBC.99003108');
  }

  function deadlineFirst(order: OrderRow, now: Date) {
    // An order closed by the deadline sweep answers "deadline passed", as one still open would.
    if (order.status !== STATUS.completed && order.pending_payment_end_at && new Date(order.pending_payment_end_at) <= now) throw new AppError('CBC.99003110');
    assertPayable(order, now);
  }

  /** POST /v3/orders/customer-orders/pay: the ordering customer pays from its balance (and vouchers). */
  async function pay(caller: Caller, input: PayInput, clientToken?: string): Promise<Answer<Record<string, never>>> {
    assertCouponRequest(input);
    const couponIds = (input.coupon_infos ?? []).map((c) => c.id);
    const actor = actorOf(caller);
    return ledger.once(db, { orgId: caller.org.id, operation: 'order_pay', key: clientToken, request: { order_id: input.order_id, couponIds } }, async (tx) => {
      const now = clock.now();
      const order = await repo.findOrder(tx, input.order_id);
      if (!order || order.customer_org_id !== caller.org.id) throw new AppError('CBC.30000010');
      deadlineFirst(order, now);
      // A customer its partner froze cannot spend (read inside this transaction).
      if (((await repo.currentAssociationOfCustomer(tx, order.customer_org_id))?.is_frozen ?? 0) !== 0) throw new AppError('HBN.2141');

      // Vouchers: only through the one deduction function; none on a price-adjusted 严选 order.
      let remaining = BigInt(order.amount);
      let couponLegs: PostingInput[] = [];
      if (couponIds.length > 0) {
        if (order.is_yanxuan && BigInt(order.amount) !== BigInt(order.official_amount)) throw new AppError('CBC.99003108');
        const owned = (await coupons.list(tx, order.customer_org_id, order.id)).filter((c) => couponIds.includes(c.id));
        const unknown = couponIds.find((id) => !owned.some((c) => c.id === id));
        if (unknown) throw new AppError('CBC.99003108', unknown);
        // Every coupon named is used, or the payment is refused with the first refusal's code.
        const plan = planDeduction(chargeOf(order, remaining, now), owned);
        assertAllUsed(plan);
        couponLegs = await coupons.redeem(tx, order.customer_org_id, order.id, plan.uses);
        remaining = plan.remaining;
      }

      const journalId = newPrefixedId('PY');
      const sources: Source[] = remaining > 0n ? [{ org_id: order.customer_org_id, kind: 'customer_balance', amount: remaining }] : [];
      const paid = await repo.casOrder(tx, order.id, { status: STATUS.pendingPayment }, {
        ...paidFields(order, now),
        payer: 'customer',
        paying_org_id: order.customer_org_id,
        partner_pay_status: repo.endApplication('CANCELLED'),
        payment_sources: sourcesText(sources),
        payment_journal_id: journalId,
        coupon_amount: BigInt(order.amount) - remaining,
        invoice_party_org_id: invoiceParty({ customerId: order.customer_org_id, associationType: order.association_type, payer: 'customer', partnerId: order.partner_org_id, partnerType: await partnerTypeOf(tx, order.partner_org_id) }),
      });
      if (!paid) throw new AppError('CBC.99003106');
      await ledger.post(tx, {
        id: journalId,
        kind: 'order_payment',
        orgId: order.customer_org_id,
        counterpartyOrgId: order.partner_org_id,
        reference: order.id,
        actor,
        idempotency: clientToken ? { scope: `${caller.org.id}|order_pay`, key: clientToken } : undefined,
        postings: [...sources.map((s) => ({ account: { orgId: s.org_id, kind: s.kind }, amount: -s.amount })), ...couponLegs, { account: RECEIPTS(await vendorId(tx)), amount: BigInt(order.amount) }],
      });
      await history(tx, clock, actor, order, 'pay', STATUS.pendingPayment, STATUS.completed);
      await audit.append(tx, actor, { operation: 'orders.pay', targetType: 'customer_order', targetId: order.id, detail: { amount: yuan(order.amount), coupon_amount: yuan(BigInt(order.amount) - remaining), journal_id: journalId } });
      return { status: 204, body: {} };
    });
  }

  /** GET /v2/orders/customer-orders/order-coupons: the customer's coupons usable for a pending order. */
  async function orderCoupons(caller: Caller, orderId: string) {
    const order = await repo.findOrder(db, orderId);
    if (!order || order.customer_org_id !== caller.org.id) throw new AppError('CBC.30000010');
    const all = order.status === STATUS.pendingPayment ? await coupons.list(db, order.customer_org_id, order.id) : [];
    const plan = planDeduction(chargeOf(order, BigInt(order.amount), clock.now()), all);
    const refused = new Set(plan.refused.filter((r) => r.reason !== 'one_voucher_per_order' && r.reason !== 'nothing_left_to_pay').map((r) => r.couponId));
    const usable = all.filter((c) => !refused.has(c.id));
    const t = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
    return {
      count: usable.length,
      user_coupons: usable.map((c) => ({
        coupon_id: c.id,
        coupon_code: c.id,
        status: 2,
        coupon_type: c.type === 'voucher' ? 1 : 4,
        measure_id: 1,
        face_value: yuan(c.faceValue),
        effective_time: t(c.validFrom),
        expire_time: t(c.expiresAt),
        plan_name: '',
        plan_desc: '',
        use_limits: useLimitsOf(c),
        active_time: t(c.validFrom),
        last_used_time: c.lastUsedAt ? t(c.lastUsedAt) : null,
        create_time: t(c.createdAt),
        coupon_version: 2,
        balance: yuan(c.balance),
        used_by_order_id: c.lockedByOrderId,
        coupon_usage: '',
        coupon_group: 0,
      })),
      coupon_max_use_quantity: [
        { coupon_type: 1, coupon_group: 0, use_quantity_value: 1 },
        { coupon_type: 4, coupon_group: 0, use_quantity_value: 5 },
      ],
    };
  }

  /** The customer asks its partner to pay (请他付款). */
  async function requestPartnerPayment(caller: Caller, orderId: string, reason: string | undefined) {
    const actor = actorOf(caller);
    return db.transaction().execute(async (tx) => {
      const now = clock.now();
      const order = await repo.findOrder(tx, orderId);
      if (!order || order.customer_org_id !== caller.org.id) throw new AppError('CBC.30000010');
      deadlineFirst(order, now);
      if (order.product_kind === 'stored_value_card') throw new AppError('HBN.5102');
      const association = await repo.currentAssociationOfCustomer(tx, order.customer_org_id);
      if (!association || association.partner_org_id !== order.partner_org_id) throw new AppError('HBN.5103');
      const done = await repo.casOrder(tx, order.id, { status: STATUS.pendingPayment, partnerPay: null }, {
        partner_pay_status: 'PENDING',
        partner_pay_requested_at: now,
        partner_pay_reason: reason ?? null,
        updated_at: now,
      });
      if (!done) throw new AppError('HBN.5107');
      await history(tx, clock, actor, order, 'apply_partner_payment', order.status, order.status, reason);
      // Huawei's CTS event name for this action.
      await audit.append(tx, actor, { operation: 'orders.applyPartnerPayment', targetType: 'customer_order', targetId: order.id, detail: { partner_id: order.partner_org_id } });
      return orderExtended(done);
    });
  }

  /** The customer withdraws its unpaid application. */
  async function cancelPartnerPayment(caller: Caller, orderId: string) {
    const actor = actorOf(caller);
    return db.transaction().execute(async (tx) => {
      const order = await repo.findOrder(tx, orderId);
      if (!order || order.customer_org_id !== caller.org.id) throw new AppError('CBC.30000010');
      const done = await repo.casOrder(tx, order.id, { status: STATUS.pendingPayment, partnerPay: 'PENDING' }, { partner_pay_status: 'CANCELLED', updated_at: clock.now() });
      if (!done) throw new AppError('HBN.5106');
      await history(tx, clock, actor, order, 'cancel_partner_payment', order.status, order.status);
      await audit.append(tx, actor, { operation: 'orders.cancelPartnerPayment', targetType: 'customer_order', targetId: order.id });
      return orderExtended(done);
    });
  }

  async function pendingApplication(tx: Tx, caller: Caller, orderId: string) {
    const order = await repo.findOrder(tx, orderId);
    if (!order || caller.org.kind !== 'partner' || order.partner_org_id !== caller.org.id || !(await maySee(tx, caller, order))) throw new AppError('CBC.30000010');
    return order;
  }

  /** The partner pays an application from its balance (为客户代支付订单). */
  async function partnerPay(caller: Caller, orderId: string, clientToken?: string): Promise<Answer<ReturnType<typeof orderExtended>>> {
    const actor = actorOf(caller);
    return ledger.once(db, { orgId: caller.org.id, operation: 'order_partner_pay', key: clientToken, request: { orderId } }, async (tx) => {
      const now = clock.now();
      const order = await pendingApplication(tx, caller, orderId);
      deadlineFirst(order, now);
      if (order.partner_pay_status !== 'PENDING') throw new AppError('HBN.5106');
      if (order.product_kind === 'stored_value_card') throw new AppError('HBN.5102');
      assertNoReorderNeeded(order, await findSpec(tx, order.product_id, order.spec_id), now);

      const amount = BigInt(order.amount);
      const journalId = newPrefixedId('PY');
      const partnerType = caller.org.partnerType ?? 'solution_provider';
      // The order first (compare-and-set), then the partner's accounts, then the ledger journal.
      const claimed = await repo.casOrder(tx, order.id, { status: STATUS.pendingPayment, partnerPay: 'PENDING' }, {
        ...paidFields(order, now),
        partner_pay_status: 'PAID',
        payer: 'partner',
        paying_org_id: caller.org.id,
        payment_journal_id: journalId,
        invoice_party_org_id: invoiceParty({ customerId: order.customer_org_id, associationType: order.association_type, payer: 'partner', partnerId: caller.org.id, partnerType }),
      });
      if (!claimed) throw new AppError('CBC.99003106');
      const refs = (['partner_cash', 'partner_designated', 'partner_credit'] as const).map((kind) => ({ orgId: caller.org.id, kind }));
      const held = await ledger.lockedBalances(tx, refs);
      const of = (kind: string) => held.get(`${caller.org.id}|${kind}`) ?? 0n;
      const sources = partnerPaySources(caller.org.id, partnerType, { cash: of('partner_cash'), designated: of('partner_designated'), credit: of('partner_credit') }, amount);
      await repo.casOrder(tx, order.id, {}, { payment_sources: sourcesText(sources) });
      await ledger.post(tx, {
        id: journalId,
        kind: 'order_payment',
        orgId: caller.org.id,
        counterpartyOrgId: order.customer_org_id,
        reference: order.id,
        actor,
        idempotency: clientToken ? { scope: `${caller.org.id}|order_partner_pay`, key: clientToken } : undefined,
        postings: [...sources.map((s) => ({ account: { orgId: s.org_id, kind: s.kind }, amount: -s.amount })), { account: RECEIPTS(await vendorId(tx)), amount }],
      });
      await history(tx, clock, actor, order, 'partner_pay', STATUS.pendingPayment, STATUS.completed);
      await audit.append(tx, actor, { operation: 'orders.partnerPay', targetType: 'customer_order', targetId: order.id, detail: { amount: yuan(amount), journal_id: journalId } });
      return { status: 200, body: orderExtended((await repo.findOrder(tx, order.id))!) };
    });
  }

  /** The partner rejects an application (驳回); the customer may then pay itself. */
  async function partnerReject(caller: Caller, orderId: string, reason: string | undefined) {
    const actor = actorOf(caller);
    return db.transaction().execute(async (tx) => {
      const order = await pendingApplication(tx, caller, orderId);
      const done = await repo.casOrder(tx, order.id, { status: STATUS.pendingPayment, partnerPay: 'PENDING' }, { partner_pay_status: 'REJECTED', partner_pay_reason: reason ?? order.partner_pay_reason, updated_at: clock.now() });
      if (!done) throw new AppError('HBN.5106');
      await history(tx, clock, actor, order, 'reject_partner_payment', order.status, order.status, reason);
      await audit.append(tx, actor, { operation: 'orders.rejectPartnerPayment', targetType: 'customer_order', targetId: order.id, detail: { reason: reason ?? null } });
      return orderExtended(done);
    });
  }

  /** Order Payment page (订单支付): the partner's applications by tab (PROCESSED: every handled one), with an estimated rebate. */
  async function partnerPayments(caller: Caller, input: { status: 'PENDING' | 'PROCESSED' | 'PAID' | 'REJECTED' | 'CANCELLED' | 'EXPIRED'; offset: number; limit: number }) {
    if (caller.org.kind !== 'partner') return { total_count: 0, applications: [] };
    const status = input.status === 'PROCESSED' ? (['PAID', 'REJECTED', 'CANCELLED', 'EXPIRED'] as const) : input.status;
    const { total, rows } = await repo.listOrders(db, { ...(await orderScope(db, caller, undefined)), partnerPayStatus: status, offset: input.offset, limit: input.limit });
    const names = await repo.orgNames(db, rows.map((o) => o.customer_org_id));
    const products = await productNames(db, rows);
    return {
      total_count: total,
      applications: rows.map((o) => ({
        ...orderExtended(o),
        ...products(o),
        customer_name: names.get(o.customer_org_id)?.name ?? '',
        customer_account_name: names.get(o.customer_org_id)?.domain_name ?? '',
        estimated_rebate: yuan(estimatedRebate(BigInt(o.amount), o.product_kind, caller.org.partnerType, deps.settings?.estimatedRebateBasisPoints)),
        rebate_is_estimate: true as const,
      })),
    };
  }

  return { pay, orderCoupons, requestPartnerPayment, cancelPartnerPayment, partnerPay, partnerReject, partnerPayments };
}
