// Funds operations Huawei does not publish (console only there): batch allocation, top-up and
// dedicated remittance account, payment agreements, withdrawal, and the vendor's side of them.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { callerOf } from '../../http/context.ts';
import type { FundsService } from './index.ts';
import { sendAnswer, type FundsRouteDeps } from './funds.routes.ts';
import { verificationCodeOf } from '../organization/index.ts';
import * as s from './funds.schemas.ts';

const tags = ['Funds', 'extension'];
const vendorTags = ['Vendor funds', 'extension'];

export const fundsExtensionRoutes: FastifyPluginAsyncZod<FundsRouteDeps> = async (app, { funds, secondFactor }) => {
  app.post('/api/funds/customer-allocations', {
    config: { access: ['BPC_ITEM_SUBCUSTSERV_010103'] },
    schema: { tags, summary: 'Batch allocation to resale customers: one amount each, a result per row', headers: s.sensitiveMoneyHeaders, body: s.batchAllocateBody, response: { 200: s.batchAllocateAnswer } },
    handler: async (request) => {
      const caller = callerOf(request);
      await secondFactor.requireSecondFactor(caller, verificationCodeOf(request));
      return funds.batchAllocate(caller, request.body, request.headers['x-client-token'], request.lang);
    },
  });

  app.get('/api/funds/remittance-account', {
    config: { access: ['BPC_ITEM_FINANCE_030200', 'BPC_ITEM_FINANCE_030201'] },
    schema: { tags, summary: 'The dedicated remittance account (专属汇款账号), if activated', response: { 200: s.remittanceAccountAnswer } },
    handler: async (request) => funds.remittanceAccount(callerOf(request)),
  });

  app.post('/api/funds/remittance-account', {
    config: { access: ['BPC_ITEM_FINANCE_030201'] },
    schema: { tags, summary: 'Activate the dedicated remittance account (once; later calls return it)', response: { 200: s.remittanceAccountAnswer } },
    handler: async (request) => funds.activateRemittanceAccount(callerOf(request)),
  });

  app.post('/api/funds/top-ups', {
    config: { access: ['BPC_ITEM_FINANCE_030201'] },
    schema: { tags, summary: 'Request an online top-up (credited when the vendor confirms payment)', headers: s.clientTokenHeaders, body: s.topupBody, response: { 201: s.topupView } },
    handler: async (request, reply) => sendAnswer(reply, await funds.requestOnlineTopup(callerOf(request), request.body, request.headers['x-client-token'])),
  });

  app.get('/api/funds/top-ups', {
    config: { access: ['BPC_ITEM_FINANCE_030200', 'BPC_ITEM_OPS_050100'] },
    schema: { tags, summary: 'Top-ups and remittances (a partner sees its own; the vendor sees all)', querystring: s.topupListQuery, response: { 200: s.topupListAnswer } },
    handler: async (request) => funds.listTopups(callerOf(request), request.query),
  });

  app.get('/api/funds/payment-agreements', {
    config: { access: ['BPC_ITEM_FINANCE_030300'] },
    schema: { tags, summary: 'Third-party payment agreements (代付协议)', querystring: s.agreementListQuery, response: { 200: s.agreementListAnswer } },
    handler: async (request) => funds.listAgreements(callerOf(request), request.query),
  });

  app.post('/api/funds/payment-agreements', {
    config: { access: ['BPC_ITEM_FINANCE_030301'] },
    schema: { tags, summary: 'Create a payment agreement (effective at once; at most 5 active)', body: s.agreementBody, response: { 201: s.agreementView } },
    handler: async (request, reply) => reply.status(201).send(await funds.createAgreement(callerOf(request), request.body)),
  });

  app.get('/api/funds/payment-agreements/:id', {
    config: { access: ['BPC_ITEM_FINANCE_030300'] },
    schema: { tags, summary: 'Payment agreement details', params: s.idParams, response: { 200: s.agreementView } },
    handler: async (request) => funds.agreementDetail(callerOf(request), request.params.id),
  });

  app.post('/api/funds/payment-agreements/:id/invalidate', {
    config: { access: ['BPC_ITEM_FINANCE_030302'] },
    schema: { tags, summary: 'Invalidate (作废) a payment agreement', params: s.idParams, response: { 200: s.agreementView } },
    handler: async (request) => funds.invalidateAgreement(callerOf(request), request.params.id),
  });

  app.get('/api/funds/withdrawable', {
    config: { access: ['BPC_ITEM_FINANCE_030400', 'BPC_ITEM_FINANCE_030401'] },
    schema: { tags, summary: 'Withdrawable amount and how it is computed', response: { 200: s.withdrawableAnswer } },
    handler: async (request) => funds.withdrawableAmount(callerOf(request)),
  });

  app.post('/api/funds/withdrawals', {
    config: { access: ['BPC_ITEM_FINANCE_030401'] },
    schema: { tags, summary: 'Request a withdrawal (the amount is held until the vendor decides)', headers: s.sensitiveMoneyHeaders, body: s.withdrawalBody, response: { 201: s.withdrawalView } },
    handler: async (request, reply) => {
      const caller = callerOf(request);
      await secondFactor.requireSecondFactor(caller, verificationCodeOf(request));
      return sendAnswer(reply, await funds.requestWithdrawal(caller, request.body, request.headers['x-client-token']));
    },
  });

  app.get('/api/funds/withdrawals', {
    config: { access: ['BPC_ITEM_FINANCE_030400', 'BPC_ITEM_OPS_050100'] },
    schema: { tags, summary: 'Withdrawal requests (a partner sees its own; the vendor sees all)', querystring: s.withdrawalListQuery, response: { 200: s.withdrawalListAnswer } },
    handler: async (request) => funds.listWithdrawals(callerOf(request), request.query),
  });

  // The vendor's side.
  app.post('/api/vendor/remittances', {
    config: { access: ['BPC_ITEM_OPS_050101'] },
    schema: { tags: vendorTags, summary: 'Record an incoming bank transfer: matched and credited, or held for review', body: s.remittanceBody, response: { 200: s.topupView } },
    handler: async (request) => funds.recordRemittance(callerOf(request), request.body),
  });

  app.post('/api/vendor/top-ups/:id/confirm', {
    config: { access: ['BPC_ITEM_OPS_050101'] },
    schema: { tags: vendorTags, summary: 'Confirm an online top-up or accept a held remittance', params: s.idParams, response: { 200: s.topupView } },
    handler: async (request) => funds.confirmTopup(callerOf(request), request.params.id),
  });

  app.post('/api/vendor/top-ups/:id/reject', {
    config: { access: ['BPC_ITEM_OPS_050101'] },
    schema: { tags: vendorTags, summary: 'Reject an online top-up or a held remittance (returned to the payer)', params: s.idParams, body: s.reasonBody, response: { 200: s.topupView } },
    handler: async (request) => funds.rejectTopup(callerOf(request), request.params.id, request.body.reason),
  });

  app.put('/api/vendor/partners/:id/credit-line', {
    config: { access: ['BPC_ITEM_OPS_050102'] },
    schema: { tags: vendorTags, summary: 'Set a partner’s total credit line', params: s.idParams, body: s.creditLineBody, response: { 200: s.creditLineAnswer } },
    handler: async (request) => funds.setCreditLine(callerOf(request), request.params.id, request.body),
  });

  app.post('/api/vendor/withdrawals/:id/approve', {
    config: { access: ['BPC_ITEM_OPS_050103'] },
    schema: { tags: vendorTags, summary: 'Approve a withdrawal: paid out to the partner’s bank account', params: s.idParams, response: { 200: s.withdrawalView } },
    handler: async (request) => funds.decideWithdrawal(callerOf(request), request.params.id, 'approve'),
  });

  app.post('/api/vendor/withdrawals/:id/reject', {
    config: { access: ['BPC_ITEM_OPS_050103'] },
    schema: { tags: vendorTags, summary: 'Reject a withdrawal: the held amount returns to the partner’s cash', params: s.idParams, body: s.reasonBody, response: { 200: s.withdrawalView } },
    handler: async (request) => funds.decideWithdrawal(callerOf(request), request.params.id, 'reject', request.body.reason),
  });
};
