// The orders module: customer orders, partner payment, unsubscription, invoices, 严选 prices.
import { createAftersalesService } from './aftersales.service.ts';
import * as repo from './orders.repo.ts';
import type { OrdersDeps } from './orders.shared.ts';
import { createPaymentService } from './payment.service.ts';
import { createPlacingService } from './placing.service.ts';
import { createViewsService } from './views.service.ts';

export type { CouponSource, ListedCoupon, OrdersDeps } from './orders.shared.ts';
export { ordersRoutes } from './orders.routes.ts';

export function createOrdersModule(deps: OrdersDeps) {
  const placing = createPlacingService(deps);
  const payment = createPaymentService(deps);
  const aftersales = createAftersalesService(deps);
  const views = createViewsService(deps);
  return {
    ...placing,
    ...payment,
    ...aftersales,
    ...views,
    /** The customers module's account check: unpaid partner-payment applications block disassociation (HBN.2151). */
    unpaidPartnerPaymentCheck: {
      name: 'unpaid_partner_payments',
      async run(ctx: { tx: OrdersDeps['db']; association: { customer_org_id: string }; kind: string }) {
        if (ctx.kind !== 'disassociate') return [];
        return (await repo.countPendingPartnerPayments(ctx.tx, ctx.association.customer_org_id)) > 0 ? (['HBN.2151'] as const).slice() : [];
      },
    },
    /** One tick of the server's timer: close unpaid orders past their deadline. */
    async tick(now: Date = deps.clock.now()) {
      return { ordersExpired: await placing.sweepExpired(now) };
    },
  };
}

export type OrdersModule = ReturnType<typeof createOrdersModule>;
