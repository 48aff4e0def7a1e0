// Voucher routes: Huawei's 10 coupon/quota operations on their paths, and the extensions (vendor
// quota grant, the customer's own view, test vouchers). Each route: schema, items, one service call.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { callerOf } from '../../http/context.ts';
import { sendAnswer } from '../funds/index.ts';
import type { VouchersModule } from './index.ts';
import * as s from './vouchers.schemas.ts';

const tags = ['Vouchers'];
const ext = ['Vouchers', 'extension'];
const testTags = ['Test vouchers', 'extension'];

export const vouchersRoutes: FastifyPluginAsyncZod<{ vouchers: VouchersModule }> = async (app, { vouchers }) => {
  const { quotas, coupons, testVouchers } = vouchers;

  app.post('/v2/partners/coupon-quotas/indirect-partner-adjust', {
    config: { access: ['BPC_ITEM_SALES_020106', 'BPC_ITEM_SUBCUSTSERV_030104'] },
    schema: { tags, summary: 'UpdateCouponQuotas: issue voucher quota to cloud resellers (a child quota each)', headers: s.clientTokenHeaders, body: s.adjustBody, response: { 200: s.adjustAnswer } },
    handler: async (request, reply) => sendAnswer(reply, await quotas.issueToResellers(callerOf(request), request.body, request.headers['x-client-token'], request.lang)),
  });

  app.post('/v2/partners/coupon-quotas/indirect-partner-reclaim', {
    config: { access: ['BPC_ITEM_SUBCUSTSERV_030601', 'BPC_ITEM_SUBCUSTSERV_030602'] },
    schema: { tags, summary: 'ReclaimCouponQuotas: take the remaining balance of reseller quotas back', body: s.quotaReclaimBody, response: { 200: s.quotaReclaimAnswer } },
    handler: async (request) => quotas.reclaimFromResellers(callerOf(request), request.body, request.lang),
  });

  app.get('/v2/partners/issued-coupon-quotas', {
    config: { access: ['BPC_ITEM_SUBCUSTSERV_030600'] },
    schema: { tags, summary: 'ListIssuedCouponQuotas: quotas issued to cloud resellers', querystring: s.issuedQuotasQuery, response: { 200: s.issuedQuotasAnswer } },
    handler: async (request) => quotas.listIssued(callerOf(request), request.query),
  });

  app.get('/v2/partners/coupon-quotas/records', {
    config: { access: ['BPC_ITEM_SUBCUSTSERV_030102'] },
    schema: { tags, summary: 'ListCouponQuotasRecords: quota issue (10) and reclaim (11) records', querystring: s.quotaRecordsQuery, response: { 200: s.quotaRecordsAnswer } },
    handler: async (request) => quotas.records(callerOf(request), request.query),
  });

  app.post('/v2/partners/coupon-quotas/query', {
    config: { access: ['BPC_ITEM_SUBCUSTSERV_030100'] },
    schema: { tags, summary: 'ListQuotaCoupons: the partner’s own quotas', body: s.quotaQueryBody, response: { 200: s.quotaQueryAnswer } },
    handler: async (request) => quotas.listOwn(callerOf(request), request.body),
  });

  app.post('/v2/promotions/benefits/partner-coupons', {
    config: { access: ['BPC_ITEM_SUBCUSTSERV_030102', 'BPC_ITEM_SUBCUSTSERV_030103'] },
    schema: { tags, summary: 'CreatePartnerCoupons: issue coupons to resale customers from a quota', headers: s.clientTokenHeaders, body: s.issueCouponsBody, response: { 200: s.issueCouponsAnswer } },
    handler: async (request, reply) => sendAnswer(reply, await coupons.issue(callerOf(request), request.body, request.headers['x-client-token'], request.lang)),
  });

  app.post('/v2/promotions/benefits/partner-coupons/reclaim', {
    config: { access: ['BPC_ITEM_SUBCUSTSERV_030201'] },
    schema: { tags, summary: 'ReclaimPartnerCoupons: the whole remaining balance back to the quota (204)', body: s.reclaimCouponBody },
    handler: async (request, reply) => {
      await coupons.reclaim(callerOf(request), request.body);
      return reply.status(204).send();
    },
  });

  app.get('/v2/promotions/benefits/partner-coupons', {
    config: { access: ['BPC_ITEM_SUBCUSTSERV_030200'] },
    schema: { tags, summary: 'ListIssuedPartnerCoupons: coupons the partner issued', querystring: s.issuedCouponsQuery, response: { 200: s.issuedCouponsAnswer } },
    handler: async (request) => coupons.listIssued(callerOf(request), request.query),
  });

  app.get('/v2/promotions/benefits/partner-coupons/records/query', {
    config: { access: ['BPC_ITEM_SUBCUSTSERV_030102'] },
    schema: { tags, summary: 'ListPartnerCouponsRecord: coupon issue and reclaim records', querystring: s.couponRecordsQuery, response: { 200: s.couponRecordsAnswer } },
    handler: async (request) => coupons.records(callerOf(request), request.query),
  });

  app.get('/v2/promotions/benefits/coupons', {
    config: { access: ['BPC_MENU_FINANCE_100100', 'BPC_ITEM_SUBCUSTSERV_050101'] },
    schema: { tags, summary: 'ListSubCustomerCoupons: the partner’s own coupons (test vouchers included)', querystring: s.ownCouponsQuery, response: { 200: s.ownCouponsAnswer } },
    handler: async (request) => coupons.listOwn(callerOf(request), request.query),
  });

  app.get('/api/my-coupons', {
    config: { access: ['BPC_ITEM_MYCOUPON_010100'] },
    schema: { tags: ext, summary: 'The customer’s own vouchers (query window: 6 months after expiry by default)', querystring: s.myCouponsQuery, response: { 200: s.ownCouponsAnswer } },
    handler: async (request) => coupons.listMine(callerOf(request), request.query),
  });

  app.post('/api/vendor/coupon-quotas', {
    config: { access: ['BPC_ITEM_OPS_010105'] },
    schema: { tags: ext, summary: 'Vendor: grant a voucher or cash-coupon quota to a solution provider or master distributor', headers: s.clientTokenHeaders, body: s.grantBody, response: { 201: s.quotaView } },
    handler: async (request, reply) => sendAnswer(reply, await quotas.grant(callerOf(request), request.body, request.headers['x-client-token'])),
  });

  app.get('/api/vendor/coupon-quotas', {
    config: { access: ['BPC_ITEM_OPS_010105', 'BPC_ITEM_OPS_010100'] },
    schema: { tags: ext, summary: 'Vendor: the voucher and cash-coupon quotas it granted, with their holders', querystring: s.grantedQuotasQuery, response: { 200: s.grantedQuotasAnswer } },
    handler: async (request) => quotas.listGranted(callerOf(request), request.query),
  });

  app.get('/api/vendor/coupon-quotas/partners', {
    config: { access: ['BPC_ITEM_OPS_010105'] },
    schema: { tags: ext, summary: 'Vendor: the partners a quota may be granted to (solution providers, master distributors)', response: { 200: s.quotaHoldersAnswer } },
    handler: async (request) => quotas.holders(callerOf(request)),
  });

  for (const action of ['freeze', 'unfreeze'] as const) {
    app.post(`/api/vendor/coupon-quotas/:id/${action}`, {
      config: { access: ['BPC_ITEM_OPS_010105'] },
      schema: { tags: ext, summary: `Vendor: ${action} a quota (a frozen quota, status 5, cannot issue)`, params: s.idParams, response: { 200: s.quotaView } },
      handler: async (request) => quotas.setFrozen(callerOf(request), request.params.id, action === 'freeze'),
    });
  }

  app.post('/api/test-vouchers/applications', {
    config: { access: ['BPC_ITEM_BENEFIT_010101', 'BPC_ITEM_MYCOUPON_010101'] },
    schema: { tags: testTags, summary: 'Apply for a test voucher (one pending application per type)', body: s.applyBody, response: { 201: s.applicationView } },
    handler: async (request, reply) => reply.status(201).send(await testVouchers.apply(callerOf(request), request.body)),
  });

  app.get('/api/test-vouchers/applications', {
    config: { access: ['BPC_ITEM_BENEFIT_010100', 'BPC_ITEM_MYCOUPON_010101', 'BPC_ITEM_OPS_020101'] },
    schema: { tags: testTags, summary: 'Test-voucher applications (own; the vendor sees all)', querystring: s.applicationsQuery, response: { 200: s.applicationsAnswer } },
    handler: async (request) => testVouchers.list(callerOf(request), request.query),
  });

  app.post('/api/vendor/test-vouchers/applications/:id/approve', {
    config: { access: ['BPC_ITEM_OPS_020101'] },
    schema: { tags: testTags, summary: 'Vendor: approve (amount, validity): a voucher of the applicant’s own account', params: s.idParams, body: s.approveBody, response: { 200: s.applicationView } },
    handler: async (request) => testVouchers.approve(callerOf(request), request.params.id, request.body),
  });

  app.post('/api/vendor/test-vouchers/applications/:id/reject', {
    config: { access: ['BPC_ITEM_OPS_020101'] },
    schema: { tags: testTags, summary: 'Vendor: reject with a reason', params: s.idParams, body: s.rejectBody, response: { 200: s.applicationView } },
    handler: async (request) => testVouchers.reject(callerOf(request), request.params.id, request.body.reason),
  });

  app.post('/api/vendor/test-vouchers', {
    config: { access: ['BPC_ITEM_OPS_020101'] },
    schema: { tags: testTags, summary: 'Vendor: issue a test voucher by hand to any account', body: s.manualIssueBody, response: { 201: s.manualIssueAnswer } },
    handler: async (request, reply) => reply.status(201).send(await testVouchers.issueByHand(callerOf(request), request.body)),
  });
};
