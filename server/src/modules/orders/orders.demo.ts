// Demo orders, placed and paid through the module's own use cases so that the demo shows what
// the product really does: several types and statuses for cust_demo1..5, a pending partner-payment
// application to sp_demo and a rejected one, an order paid by a partner, a 严选 order whose price
// sp_demo lowered, an invoiced one, an unsubscribed one, and one paid partly with a voucher.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Caller } from '../../shared/actor.ts';
import { systemClock } from '../../shared/clock.ts';
import { createAuditService } from '../audit/index.ts';
import { createLedgerService } from '../ledger/index.ts';
import { createOrdersModule, type CouponSource } from './index.ts';

async function callerOf(db: Kysely<DB>, account: string): Promise<Caller> {
  const org = await db.selectFrom('organization').selectAll().where('domain_name', '=', account).executeTakeFirstOrThrow();
  const user = await db.selectFrom('app_user').select(['id', 'name', 'display_name']).where('org_id', '=', org.id).where('is_main', '=', true).executeTakeFirstOrThrow();
  return {
    userId: user.id,
    userName: user.name,
    displayName: user.display_name,
    isMain: true,
    mustChangePassword: false,
    org: { id: org.id, name: org.name, kind: org.kind, partnerType: org.partner_type, parentPartnerId: org.parent_partner_id, status: 'active' },
    via: 'console',
    permissions: new Set(),
    clientIp: '127.0.0.1',
  };
}

/** `coupons`: the vouchers module's coupon source, so that demo orders can be paid with vouchers. */
export async function loadDemoOrders(db: Kysely<DB>, coupons?: CouponSource): Promise<void> {
  const clock = systemClock;
  const ledger = createLedgerService({ clock });
  const orders = createOrdersModule({
    db,
    clock,
    audit: createAuditService({ clock }),
    ledger,
    customers: { assertOnBehalfAuthorized: async () => undefined, isCustomerFrozen: async () => false },
    coupons,
  });
  const spec = async (code: string) => db.selectFrom('product_spec').select(['id', 'product_id']).where('code', '=', code).executeTakeFirstOrThrow();
  const place = async (caller: Caller, code: string, extra: Record<string, unknown> = {}) => {
    const s = await spec(code);
    return (await orders.place(caller, { order_type: 'new', product_id: s.product_id, spec_id: s.id, ...extra })).order_id;
  };
  const [c1, c2, c3, c4, c5, sp, vendor] = await Promise.all(['cust_demo1', 'cust_demo2', 'cust_demo3', 'cust_demo4', 'cust_demo5', 'sp_demo', 'vendor_admin'].map((a) => callerOf(db, a)));

  // cust_demo1 (consultative sales) tops up its own account: 20,000 yuan.
  await db.transaction().execute((tx) =>
    ledger.post(tx, {
      kind: 'customer_topup',
      orgId: c1.org.id,
      actor: { userId: null, userName: null, orgId: vendor.org.id, via: 'system', clientIp: null },
      postings: [
        { account: { orgId: vendor.org.id, kind: 'vendor_bank_clearing' }, amount: -2_000_000n },
        { account: { orgId: c1.org.id, kind: 'customer_balance' }, amount: 2_000_000n },
      ],
    }),
  );
  const paidBySelf = await place(c1, 's6.large.2.monthly', { period_num: 3 });
  await orders.pay(c1, { order_id: paidBySelf });
  await orders.requestPartnerPayment(c1, await place(c1, 'mysql.2c4g.ha.yearly'), '请伙伴代付 / please pay for us');
  const paidByPartner = await place(c1, 'ssd.100g.monthly', { period_num: 6 });
  await orders.requestPartnerPayment(c1, paidByPartner, undefined);
  await orders.partnerPay(sp, paidByPartner);
  await place(c1, 'gaussdb.4c16g.monthly');
  await orders.cancel(c1, await place(c1, 'bw.5m.monthly'));
  // sp_demo rejected one application; cust_demo1 may now pay it itself.
  const rejected = await place(c1, 'c7.xlarge.4.monthly');
  await orders.requestPartnerPayment(c1, rejected, undefined);
  await orders.partnerReject(sp, rejected, '本月预算已用完，请自行支付 / budget used up this month, please pay yourself');
  // sp_demo is in the 严选 resale programme: cust_demo1 named it on a 严选 order, and it lowered the price.
  await orders.setYanxuanProgramme(vendor, sp.org.id, true);
  const yanxuan = await place(c1, 'site.pro.yearly', { yanxuan_partner_id: sp.org.id });
  await orders.adjustYanxuanPrice(sp, yanxuan, { amount: '2700.00' });

  // cust_demo2 (resale, sp_demo): paid from the allocated balance, then invoiced to sp_demo; a renewal pending.
  const resale = await place(c2, 's6.large.2.monthly', { period_num: 2 });
  await orders.pay(c2, { order_id: resale });
  await orders.issueInvoice(vendor, { org_id: sp.org.id, order_ids: [resale] });
  const s6 = await spec('s6.large.2.monthly');
  await orders.place(c2, { order_type: 'renew', product_id: s6.product_id, spec_id: s6.id, base_order_id: resale });

  // cust_demo3 (resale, md_demo): a paid EIP, and an ECS order paid partly with md_demo's voucher.
  await orders.pay(c3, { order_id: await place(c3, 'bw.5m.monthly') });
  const voucher = await db.selectFrom('coupon').select('id').where('customer_org_id', '=', c3.org.id).where('coupon_type', '=', 1).where('status', '=', 2).executeTakeFirst();
  if (voucher) await orders.pay(c3, { order_id: await place(c3, 'c7.xlarge.4.monthly'), use_coupon: 'YES', coupon_infos: [{ id: voucher.id, type: 1 }] });
  // cust_demo4: a 严选 order naming md_demo, pending.
  const md = await db.selectFrom('organization').select('id').where('domain_name', '=', 'md_demo').executeTakeFirstOrThrow();
  await place(c4, 'mail.std.50users.yearly', { yanxuan_partner_id: md.id });

  // cust_demo5 (resale, rs_demo1): paid, then unsubscribed within 5 days (full refund to its balance).
  const unsubscribed = await place(c5, 'ssd.100g.monthly');
  await orders.pay(c5, { order_id: unsubscribed });
  await orders.unsubscribe(c5, unsubscribed);
}
