// After payment and around it: unsubscription with a refund to the accounts that paid (never for
// an invoiced order), VAT invoices for invoiceable amounts, and the 严选 price a partner in the
// 严选 resale programme sets on a pending order.
import { actorOf, type Caller } from '../../shared/actor.ts';
import { toApiTime } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import { newPrefixedId } from '../../shared/ids.ts';
import { parseAmount } from '../../shared/money.ts';
import { findSpec } from '../catalog/index.ts';
import * as repo from './orders.repo.ts';
import { assertYanxuanPrice, NO_REASON_REFUND_DAYS, officialAmount, ORDER_TYPE, refundAmount, SOURCE, splitRefund, STATUS, unitOfPeriodType } from './orders.rules.ts';
import { history, maySee, noCoupons, orderExtended, sourcesOf, yuan, type OrdersDeps } from './orders.shared.ts';

const invoiceable = (o: repo.OrderRow) => BigInt(o.amount) - BigInt(o.coupon_amount) - BigInt(o.refunded_amount);

export function createAftersalesService(deps: OrdersDeps) {
  const { db, clock, audit, ledger } = deps;
  const coupons = deps.coupons ?? noCoupons;

  /** Unsubscribes a paid order: an unsubscribe order (type 4) and the refund to where the money came from. */
  async function unsubscribe(caller: Caller, orderId: string, clientToken?: string) {
    const actor = actorOf(caller);
    return ledger.once(db, { orgId: caller.org.id, operation: 'order_unsubscribe', key: clientToken, request: { orderId } }, async (tx) => {
      const now = clock.now();
      const base = await repo.findOrder(tx, orderId);
      if (!base || base.customer_org_id !== caller.org.id) throw new AppError('CBC.30000010');
      if (base.invoice_id) throw new AppError('HBN.5108');
      if (base.status !== STATUS.completed || base.order_type === ORDER_TYPE.unsubscribe || base.unsubscribed_by_order_id) throw new AppError('HBN.5109');

      const cashPaid = BigInt(base.amount) - BigInt(base.coupon_amount);
      const start = new Date(base.effective_at ?? base.paid_at!);
      const refund = refundAmount(cashPaid, new Date(base.paid_at!), start, base.expire_at ? new Date(base.expire_at) : null, now);
      const legs = splitRefund(sourcesOf(base), refund);
      const withinNoReason = now.getTime() - new Date(base.paid_at!).getTime() <= NO_REASON_REFUND_DAYS * 86_400_000;
      // Vouchers come back only within the no-reason period (spec: 5-day rule); otherwise they are spent.
      const voucherLegs = withinNoReason && BigInt(base.coupon_amount) > 0n ? await coupons.restore(tx, base.customer_org_id, base.id) : [];
      const voucherBack = voucherLegs.reduce((s, l) => s + l.amount, 0n);

      const id = `CS${newPrefixedId('').slice(0, 20)}`;
      // Compare-and-set on the base order: an invoice issued meanwhile, or a second unsubscription, wins.
      const marked = await repo.casOrder(tx, base.id, { status: STATUS.completed, unsubscribed: false, notInvoiced: true }, { unsubscribed_by_order_id: id, refunded_amount: refund, updated_at: now });
      if (!marked) throw new AppError(base.invoice_id ? 'HBN.5108' : 'HBN.5109');
      const unitPrice = BigInt(base.unit_price);
      await repo.insertOrder(tx, {
        ...base,
        id,
        order_type: ORDER_TYPE.unsubscribe,
        status: STATUS.completed,
        source_type: SOURCE.customer,
        placed_by_org_id: caller.org.id,
        placed_by_user_id: caller.userId,
        placed_by_name: caller.userName,
        unit_price: unitPrice,
        official_amount: refund,
        amount: refund,
        coupon_amount: 0n,
        refunded_amount: 0n,
        base_order_id: base.id,
        period_num: null,
        pending_payment_end_at: null,
        partner_pay_status: null,
        partner_pay_requested_at: null,
        partner_pay_reason: null,
        payment_sources: JSON.stringify(legs.map((l) => ({ ...l, amount: l.amount.toString() }))),
        payment_journal_id: null,
        paid_at: now,
        invoice_party_org_id: null,
        invoice_id: null,
        unsubscribed_by_order_id: null,
        expire_at: now,
        created_at: now,
        updated_at: now,
      });
      let journalId: string | null = null;
      if (refund + voucherBack > 0n) {
        const vendor = await tx.selectFrom('organization').select('id').where('kind', '=', 'vendor').orderBy('created_at').executeTakeFirstOrThrow();
        const journal = await ledger.post(tx, {
          kind: 'order_refund',
          idPrefix: 'RF',
          orgId: base.payer === 'partner' ? base.paying_org_id! : base.customer_org_id,
          counterpartyOrgId: base.payer === 'partner' ? base.customer_org_id : base.partner_org_id,
          reference: id,
          actor,
          postings: [
            ...legs.map((l) => ({ account: { orgId: l.org_id, kind: l.kind }, amount: l.amount })),
            ...voucherLegs,
            { account: { orgId: vendor.id, kind: 'vendor_order_receipts' as const }, amount: -(refund + voucherBack) },
          ],
        });
        journalId = journal.id;
        await repo.casOrder(tx, id, {}, { payment_journal_id: journalId });
      }
      await history(tx, clock, actor, base, 'unsubscribe', STATUS.completed, STATUS.completed, `refund ${yuan(refund)} by ${id}`);
      await audit.append(tx, actor, { operation: 'orders.unsubscribe', targetType: 'customer_order', targetId: base.id, detail: { unsubscribe_order_id: id, refund: yuan(refund), journal_id: journalId, refunded_to: legs.map((l) => `${l.org_id}|${l.kind}`) } });
      return { status: 200, body: { order_id: id, base_order_id: base.id, refund_amount: yuan(refund), refunded_to: legs.map((l) => ({ account_owner_id: l.org_id, account_kind: l.kind, amount: yuan(l.amount) })) } };
    });
  }

  // Invoices.
  function invoiceeOf(caller: Caller, orgId: string | undefined): string {
    if (caller.org.kind === 'vendor') {
      if (!orgId) throw new AppError('CBC.0100', 'org_id is required');
      return orgId;
    }
    return caller.org.id;
  }

  async function invoiceableAmount(caller: Caller, orgId: string | undefined) {
    const party = invoiceeOf(caller, orgId);
    const orders = await repo.invoiceableOrders(db, party);
    const total = orders.reduce((s, o) => s + invoiceable(o), 0n);
    return { org_id: party, invoiceable_amount: yuan(total), currency: 'CNY', orders: orders.map((o) => ({ order_id: o.id, customer_id: o.customer_org_id, payer: o.payer!, amount: yuan(invoiceable(o)), payment_time: toApiTime(new Date(o.paid_at!)) })) };
  }

  /** The vendor issues one VAT invoice for everything invoiceable to a party (or the orders named). */
  async function issueInvoice(caller: Caller, input: { org_id: string; order_ids?: string[]; title?: string }) {
    const actor = actorOf(caller);
    return db.transaction().execute(async (tx) => {
      const now = clock.now();
      let candidates = await repo.invoiceableOrders(tx, input.org_id);
      if (input.order_ids?.length) candidates = candidates.filter((o) => input.order_ids!.includes(o.id));
      const id = newPrefixedId('INV');
      const marked = await repo.markInvoiced(tx, candidates.map((o) => o.id), id, now);
      const amount = marked.reduce((s, o) => s + invoiceable(o), 0n);
      if (amount <= 0n) throw new AppError('HBN.5113');
      const org = await repo.findOrg(tx, input.org_id);
      const title = input.title ?? org?.name ?? input.org_id;
      await repo.insertInvoice(tx, { id, org_id: input.org_id, amount, title, issued_by: caller.userId, issued_at: now });
      await audit.append(tx, actor, { operation: 'orders.invoice.issue', targetType: 'vat_invoice', targetId: id, detail: { org_id: input.org_id, amount: yuan(amount), orders: marked.map((o) => o.id) } });
      return { invoice_id: id, org_id: input.org_id, title, amount: yuan(amount), order_ids: marked.map((o) => o.id), issued_at: toApiTime(now) };
    });
  }

  async function invoices(caller: Caller, input: { org_id?: string; offset: number; limit: number }) {
    const orgId = caller.org.kind === 'vendor' ? input.org_id || undefined : caller.org.id;
    const { total, rows } = await repo.listInvoices(db, orgId, input.offset, input.limit);
    return { total_count: total, invoices: rows.map((r) => ({ invoice_id: r.id, org_id: r.org_id, title: r.title, amount: yuan(r.amount), issued_at: toApiTime(new Date(r.issued_at)) })) };
  }

  // 严选.
  async function setYanxuanProgramme(caller: Caller, partnerId: string, enabled: boolean) {
    const actor = actorOf(caller);
    await db.transaction().execute(async (tx) => {
      const partner = await repo.findOrg(tx, partnerId);
      if (!partner || partner.kind !== 'partner') throw new AppError('HBN.0404');
      await repo.setYanxuanReseller(tx, partnerId, enabled, caller.userId, clock.now());
      await audit.append(tx, actor, { operation: enabled ? 'orders.yanxuan.enable' : 'orders.yanxuan.disable', targetType: 'organization', targetId: partnerId });
    });
    return { partner_id: partnerId, yanxuan_resale: enabled };
  }

  /**
   * The partner the customer named sets the price of a pending 严选 order, between the floor and
   * the catalogue price; the new price replaces any other discount and is logged for the customer.
   */
  /** The order the caller may re-price, with the bounds of its price (floor and catalogue, whole order). */
  async function repricable(tx: typeof db, caller: Caller, orderId: string) {
    const order = await repo.findOrder(tx, orderId);
    if (!order || caller.org.kind !== 'partner' || order.partner_org_id !== caller.org.id || !(await maySee(tx, caller, order))) throw new AppError('CBC.30000010');
    if (!order.is_yanxuan || order.status !== STATUS.pendingPayment || order.partner_pay_status === 'PENDING' || BigInt(order.coupon_amount) > 0n) throw new AppError('HBN.5112');
    if (order.yanxuan_partner_id !== caller.org.id || !(await repo.isYanxuanReseller(tx, caller.org.id))) throw new AppError('HBN.5110');
    const spec = await findSpec(tx, order.product_id, order.spec_id);
    if (!spec || spec.floor_price === null) throw new AppError('HBN.5112');
    const floor = officialAmount(BigInt(spec.floor_price), unitOfPeriodType(order.period_type), order.period_num ?? 1, order.subscription_num);
    return { order, floor, catalogue: BigInt(order.official_amount) };
  }

  /** What the price dialog shows: the bounds the server will enforce. */
  async function yanxuanPriceBounds(caller: Caller, orderId: string) {
    const { order, floor, catalogue } = await repricable(db, caller, orderId);
    return { order_id: order.id, floor_amount: yuan(floor), catalogue_amount: yuan(catalogue), current_amount: yuan(order.amount), currency: 'CNY' };
  }

  async function adjustYanxuanPrice(caller: Caller, orderId: string, input: { amount: string | number }) {
    const price = parseAmount(input.amount);
    const actor = actorOf(caller);
    return db.transaction().execute(async (tx) => {
      const { order, floor, catalogue } = await repricable(tx, caller, orderId);
      assertYanxuanPrice(price, floor, catalogue);
      const now = clock.now();
      const done = await repo.casOrder(tx, order.id, { status: STATUS.pendingPayment, partnerPay: order.partner_pay_status }, { amount: price, updated_at: now });
      if (!done) throw new AppError('HBN.5112');
      await repo.insertAdjustment(tx, { order_id: order.id, partner_org_id: caller.org.id, from_amount: BigInt(order.amount), to_amount: price, actor_user_id: caller.userId, at: now });
      await history(tx, clock, actor, order, 'adjust_price', order.status, order.status, `${yuan(order.amount)} -> ${yuan(price)}`);
      await audit.append(tx, actor, { operation: 'orders.yanxuan.adjustPrice', targetType: 'customer_order', targetId: order.id, detail: { from: yuan(order.amount), to: yuan(price) } });
      return orderExtended(done);
    });
  }

  return { unsubscribe, invoiceableAmount, issueInvoice, invoices, setYanxuanProgramme, yanxuanPriceBounds, adjustYanxuanPrice };
}
