// Customer orders: Huawei's published operations (list, details, pay, cancel, order coupons) and
// the extensions for placing orders, partner payment, unsubscription, invoices and 严选 prices.
// Each route: schema, permission items, one service call.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callerOf } from '../../http/context.ts';
import { sendAnswer } from '../funds/funds.routes.ts';
import type { OrdersModule } from './index.ts';
import { ITEMS } from './orders.shared.ts';
import * as s from './orders.schemas.ts';

const tags = ['Orders'];
const ext = ['Orders', 'extension'];
const VIEW = [ITEMS.customerView, ITEMS.partnerView, ITEMS.vendorPartners];
const BUY = [ITEMS.customerBuy];

export const ordersRoutes: FastifyPluginAsyncZod<{ orders: OrdersModule }> = async (app, { orders }) => {
  app.get('/v2/orders/customer-orders', {
    config: { access: VIEW },
    schema: { tags, summary: 'ListCustomerOrders: own orders (customer) or the customers’ orders (partner)', querystring: s.listQuery, response: { 200: s.listAnswer } },
    handler: async (request) => orders.list(callerOf(request), request.query),
  });

  app.get('/v2/orders/customer-orders/details/:order_id', {
    config: { access: VIEW },
    schema: { tags, summary: 'ShowCustomerOrderDetails', params: s.orderIdParams, querystring: s.detailsQuery, response: { 200: s.detailsAnswer } },
    handler: async (request) => orders.details(callerOf(request), request.params.order_id, request.query),
  });

  app.post('/v3/orders/customer-orders/pay', {
    config: { access: BUY },
    schema: { tags, summary: 'PayOrders: the ordering customer pays a pending order from its balance', headers: s.clientTokenHeaders, body: s.payBody, response: { 204: z.null() } },
    handler: async (request, reply) => {
      const answer = await orders.pay(callerOf(request), request.body, request.headers['x-client-token']);
      if (answer.replayed) reply.header('X-Idempotent-Replay', 'true');
      return reply.status(204).send(null);
    },
  });

  app.put('/v2/orders/customer-orders/cancel', {
    config: { access: BUY },
    schema: { tags, summary: 'CancelCustomerOrder: only orders pending payment', body: s.cancelBody, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await orders.cancel(callerOf(request), request.body.order_id);
      return reply.status(204).send(null);
    },
  });

  app.get('/v2/orders/customer-orders/order-coupons', {
    config: { access: [ITEMS.customerView, ITEMS.customerBuy] },
    schema: { tags, summary: 'ListOrderCouponsByOrderId: coupons usable for a pending order', querystring: s.orderCouponsQuery, response: { 200: s.orderCouponsAnswer } },
    handler: async (request) => orders.orderCoupons(callerOf(request), request.query.order_id),
  });

  // Extensions: placing and viewing.
  app.post('/api/orders', {
    config: { access: [ITEMS.customerBuy, ITEMS.placeForCustomer] },
    schema: { tags: ext, summary: 'Place an order (a customer, or a partner holding the customer’s purchase authorization)', body: s.placeBody, response: { 201: s.orderExtended } },
    handler: async (request, reply) => reply.status(201).send(await orders.place(callerOf(request), request.body)),
  });

  app.get('/api/orders', {
    config: { access: VIEW },
    schema: { tags: ext, summary: 'Customer Orders (客户订单) for the console: the list with customer and partner names', querystring: s.consoleListQuery, response: { 200: s.consoleListAnswer } },
    handler: async (request) => orders.consoleOrders(callerOf(request), request.query),
  });

  app.get('/api/orders/export', {
    config: { access: VIEW },
    schema: {
      tags: ext,
      summary: 'Export the orders matching the filters to .xlsx',
      querystring: s.consoleListFilter,
      response: { 200: z.any().describe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') },
    },
    handler: async (request, reply) => {
      const stream = await orders.exportOrders(callerOf(request), request.query, (error) => request.log.error({ err: error }, 'orders export failed while streaming'));
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="customer-orders-${day}.xlsx"`)
        .send(stream);
    },
  });

  app.get('/api/orders/my-balance', {
    config: { access: [ITEMS.customerView, ITEMS.customerBuy] },
    schema: { tags: ext, summary: 'The customer’s own balance, which paying an order draws on', response: { 200: s.myBalanceAnswer } },
    handler: async (request) => orders.myBalance(callerOf(request)),
  });

  app.get('/api/orders/:order_id/quote', {
    config: { access: [ITEMS.customerBuy, ITEMS.placeForCustomer] },
    schema: { tags: ext, summary: 'The price of renewing a paid order or changing its specification, if placed now (places nothing)', params: s.orderIdParams, querystring: s.quoteQuery, response: { 200: s.quoteAnswer } },
    handler: async (request) => orders.quote(callerOf(request), request.params.order_id, request.query),
  });

  app.get('/api/orders/:order_id', {
    config: { access: VIEW },
    schema: { tags: ext, summary: 'One order with its partner payment, price changes and history', params: s.orderIdParams, response: { 200: s.orderFull } },
    handler: async (request) => orders.get(callerOf(request), request.params.order_id),
  });

  // Partner payment (伙伴支付).
  app.post('/api/orders/:order_id/partner-payment', {
    config: { access: [ITEMS.customerAskPartner] },
    schema: { tags: ext, summary: 'Ask the partner to pay this order (applyPartnerPayment)', params: s.orderIdParams, body: s.reasonBody, response: { 200: s.orderExtended } },
    handler: async (request) => orders.requestPartnerPayment(callerOf(request), request.params.order_id, request.body.reason),
  });

  app.delete('/api/orders/:order_id/partner-payment', {
    config: { access: [ITEMS.customerAskPartner] },
    schema: { tags: ext, summary: 'Withdraw an unpaid partner-payment application', params: s.orderIdParams, response: { 200: s.orderExtended } },
    handler: async (request) => orders.cancelPartnerPayment(callerOf(request), request.params.order_id),
  });

  app.get('/api/orders/partner-payments', {
    config: { access: [ITEMS.partnerView, ITEMS.partnerPay] },
    schema: { tags: ext, summary: 'Order Payment (订单支付): applications by tab, with an estimated rebate', querystring: s.partnerPaymentsQuery, response: { 200: s.partnerPaymentsAnswer } },
    handler: async (request) => orders.partnerPayments(callerOf(request), request.query),
  });

  app.post('/api/orders/:order_id/partner-payment/pay', {
    config: { access: [ITEMS.partnerPay] },
    schema: { tags: ext, summary: 'Pay a customer’s application from the partner’s balance', params: s.orderIdParams, headers: s.clientTokenHeaders, response: { 200: s.orderExtended } },
    handler: async (request, reply) => sendAnswer(reply, await orders.partnerPay(callerOf(request), request.params.order_id, request.headers['x-client-token'])),
  });

  app.post('/api/orders/:order_id/partner-payment/reject', {
    config: { access: [ITEMS.partnerReject] },
    schema: { tags: ext, summary: 'Reject a customer’s application (the customer may then pay itself)', params: s.orderIdParams, body: s.reasonBody, response: { 200: s.orderExtended } },
    handler: async (request) => orders.partnerReject(callerOf(request), request.params.order_id, request.body.reason),
  });

  // Unsubscription, 严选 price, invoices.
  app.post('/api/orders/:order_id/unsubscribe', {
    config: { access: BUY },
    schema: { tags: ext, summary: 'Unsubscribe a paid order; the refund returns to the accounts that paid', params: s.orderIdParams, headers: s.clientTokenHeaders, response: { 200: s.unsubscribeAnswer } },
    handler: async (request, reply) => sendAnswer(reply, await orders.unsubscribe(callerOf(request), request.params.order_id, request.headers['x-client-token'])),
  });

  app.get('/api/orders/:order_id/yanxuan-price', {
    config: { access: [ITEMS.yanxuanPrice] },
    schema: { tags: ext, summary: 'The bounds of a 严选 order’s price (floor and catalogue price) for the partner the customer named', params: s.orderIdParams, response: { 200: s.yanxuanBoundsAnswer } },
    handler: async (request) => orders.yanxuanPriceBounds(callerOf(request), request.params.order_id),
  });

  app.put('/api/orders/:order_id/yanxuan-price', {
    config: { access: [ITEMS.yanxuanPrice] },
    schema: { tags: ext, summary: 'Set the price of a pending 严选 order between floor and catalogue price', params: s.orderIdParams, body: s.priceBody, response: { 200: s.orderExtended } },
    handler: async (request) => orders.adjustYanxuanPrice(callerOf(request), request.params.order_id, request.body),
  });

  app.put('/api/vendor/yanxuan-resellers/:partner_id', {
    config: { access: [ITEMS.vendorYanxuan] },
    schema: { tags: ext, summary: 'Admit a partner to the 严选 resale programme', params: s.partnerIdParams, response: { 200: s.yanxuanAnswer } },
    handler: async (request) => orders.setYanxuanProgramme(callerOf(request), request.params.partner_id, true),
  });

  app.delete('/api/vendor/yanxuan-resellers/:partner_id', {
    config: { access: [ITEMS.vendorYanxuan] },
    schema: { tags: ext, summary: 'Remove a partner from the 严选 resale programme', params: s.partnerIdParams, response: { 200: s.yanxuanAnswer } },
    handler: async (request) => orders.setYanxuanProgramme(callerOf(request), request.params.partner_id, false),
  });

  app.get('/api/invoices/invoiceable', {
    config: { access: [ITEMS.vendorInvoicesView, ITEMS.customerView, ITEMS.partnerView] },
    schema: { tags: ext, summary: 'Invoiceable amount: the caller’s own, or any party’s (vendor, org_id)', querystring: s.invoiceableQuery, response: { 200: s.invoiceableAnswer } },
    handler: async (request) => orders.invoiceableAmount(callerOf(request), request.query.org_id || undefined),
  });

  app.get('/api/invoices/parties', {
    config: { access: [ITEMS.vendorInvoicesView] },
    schema: { tags: ext, summary: 'Parties with an invoiceable amount, largest first (vendor)', querystring: s.invoicePartiesQuery, response: { 200: s.invoicePartiesAnswer } },
    handler: async (request) => orders.invoiceableParties(callerOf(request), request.query),
  });

  app.get('/api/invoices', {
    config: { access: [ITEMS.vendorInvoicesView, ITEMS.customerView, ITEMS.partnerView] },
    schema: { tags: ext, summary: 'VAT invoices: the caller’s own, or all (vendor)', querystring: s.invoicesQuery, response: { 200: s.invoicesAnswer } },
    handler: async (request) => orders.invoices(callerOf(request), request.query),
  });

  app.post('/api/invoices', {
    config: { access: [ITEMS.vendorInvoicesIssue] },
    schema: { tags: ext, summary: 'Issue a VAT invoice for what is invoiceable to a party', body: s.issueInvoiceBody, response: { 201: s.invoiceAnswer } },
    handler: async (request, reply) => reply.status(201).send(await orders.issueInvoice(callerOf(request), request.body)),
  });
};
