// Huawei-compatible funds operations (BSS v2/v3 paths and fields). Each route: schema, permission
// items, one service call.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { callerOf } from '../../http/context.ts';
import type { Answer } from '../ledger/index.ts';
import { verificationCodeOf, type SecondFactor } from '../organization/index.ts';
import type { FundsService } from './index.ts';
import { exportAccountChanges } from './funds.export.ts';
import * as s from './funds.schemas.ts';
import { z } from 'zod';

const tags = ['Funds'];
const ALLOCATE_RESELLER = ['BPC_ITEM_SALES_020104'];
const RECLAIM_RESELLER = ['BPC_ITEM_SALES_020105'];
const ALLOCATE_CUSTOMER = ['BPC_ITEM_SUBCUSTSERV_010103'];
const RECLAIM_CUSTOMER = ['BPC_ITEM_SUBCUSTSERV_010104'];

/** Sends a stored or fresh answer; a replay says so in a header. */
export function sendAnswer<T>(reply: FastifyReply, answer: Answer<T>) {
  if (answer.replayed) reply.header('X-Idempotent-Replay', 'true');
  return reply.status(answer.status).send(answer.body);
}

/** What a money-moving route needs from the organization module: the sensitive-operation check. */
export type FundsRouteDeps = { funds: FundsService; secondFactor: Pick<SecondFactor, 'requireSecondFactor'> };

export const fundsRoutes: FastifyPluginAsyncZod<FundsRouteDeps> = async (app, { funds, secondFactor }) => {
  /** Console users of an organization with verification on must give a code (X-Verification-Code). */
  const verified = async (request: Parameters<typeof callerOf>[0] & Parameters<typeof verificationCodeOf>[0]) => {
    const caller = callerOf(request);
    await secondFactor.requireSecondFactor(caller, verificationCodeOf(request));
    return caller;
  };

  app.post('/v2/partners/indirect-partners/query', {
    config: { access: ['BPC_ITEM_SALES_020100', 'BPC_ITEM_SALES_020108'] },
    schema: { tags, summary: 'ListIndirectPartners: the master distributor’s cloud resellers (an account manager: those assigned to them)', body: s.indirectPartnersQuery, response: { 200: s.indirectPartnersAnswer } },
    handler: async (request) => funds.listResellers(callerOf(request), request.body),
  });

  app.get('/v2/accounts/partner-accounts/balances', {
    config: { access: ['BPC_ITEM_VIEW_010100', 'BPC_ITEM_SUBCUSTSERV_010103', 'BPC_ITEM_SUBCUSTSERV_010104', 'BPC_ITEM_SALES_020104', 'BPC_ITEM_SALES_020105'] },
    schema: { tags, summary: 'ListPartnerBalances: own balances, or a reseller’s with indirect_partner_id', querystring: s.balancesQuery, response: { 200: s.balancesAnswer } },
    handler: async (request) => funds.partnerBalances(callerOf(request), request.query.indirect_partner_id || undefined),
  });

  app.post('/v2/accounts/partner-accounts/indirect-partner-adjust', {
    config: { access: ALLOCATE_RESELLER },
    schema: { tags, summary: 'UpdateIndirectPartnerAccount: allocate to a cloud reseller', headers: s.sensitiveMoneyHeaders, body: s.resellerAdjustBody, response: { 200: s.transferIdAnswer } },
    handler: async (request, reply) =>
      sendAnswer(reply, await funds.moveWithReseller(await verified(request), 'allocate', request.body, request.headers['x-client-token'])),
  });

  app.post('/v2/accounts/partner-accounts/indirect-partner-reclaim', {
    config: { access: RECLAIM_RESELLER },
    schema: { tags, summary: 'ReclaimIndirectPartnerAccount: reclaim from a cloud reseller', headers: s.sensitiveMoneyHeaders, body: s.resellerAdjustBody, response: { 200: s.transIdAnswer } },
    handler: async (request, reply) =>
      sendAnswer(reply, await funds.moveWithReseller(await verified(request), 'reclaim', request.body, request.headers['x-client-token'])),
  });

  app.get('/v3/accounts/partner-accounts/adjust-records', {
    config: { access: ['BPC_ITEM_FINANCE_040100'] },
    schema: { tags, summary: 'ListPartnerAdjustRecords: allocation and reclaim records', querystring: s.adjustRecordsQuery, response: { 200: s.adjustRecordsAnswer } },
    handler: async (request) => funds.adjustRecords(callerOf(request), request.query),
  });

  app.post('/v2/accounts/partner-accounts/adjust-amount', {
    config: { access: ALLOCATE_CUSTOMER },
    schema: { tags, summary: 'UpdateCustomerAccountAmount: allocate to a resale customer', headers: s.sensitiveMoneyHeaders, body: s.customerAdjustBody, response: { 200: s.transferIdAnswer } },
    handler: async (request, reply) =>
      sendAnswer(reply, await funds.moveWithCustomer(await verified(request), 'allocate', request.body, request.headers['x-client-token'])),
  });

  app.post('/v2/accounts/partner-accounts/reclaim', {
    config: { access: RECLAIM_CUSTOMER },
    schema: { tags, summary: 'ReclaimToPartnerAccount: reclaim from a resale customer', headers: s.sensitiveMoneyHeaders, body: s.customerAdjustBody, response: { 200: s.transIdAnswer } },
    handler: async (request, reply) =>
      sendAnswer(reply, await funds.moveWithCustomer(await verified(request), 'reclaim', request.body, request.headers['x-client-token'])),
  });

  app.post('/v2/accounts/customer-accounts/balances/batch-query', {
    config: { access: ['BPC_ITEM_SUBCUSTSERV_010103', 'BPC_ITEM_SUBCUSTSERV_010104', 'BPC_ITEM_SUBCUSTSERV_010100'] },
    schema: { tags, summary: 'ListCustomersBalancesDetail: balances of resale customers', body: s.customerBalancesBody, response: { 200: s.customerBalancesAnswer } },
    handler: async (request) => funds.customerBalances(callerOf(request), request.body),
  });

  app.get('/v2/accounts/partner-accounts/account-change-records', {
    config: { access: ['BPC_ITEM_FINANCE_030100'] },
    schema: { tags, summary: 'ListPartnerAccountChangeRecords: income and expense details', querystring: s.changeRecordsQuery, response: { 200: s.changeRecordsAnswer } },
    handler: async (request) => funds.accountChangeRecords(callerOf(request), request.query),
  });

  // Extension: the same rows as an .xlsx workbook (Huawei's console offers 导出).
  app.get('/api/funds/account-change-records/export', {
    config: { access: ['BPC_ITEM_FINANCE_030100'] },
    schema: {
      tags: [...tags, 'extension'],
      summary: 'Export income and expense details matching the filters to .xlsx',
      querystring: s.changeRecordsExportQuery,
      response: { 200: z.any().describe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') },
    },
    handler: async (request, reply) => {
      const stream = await exportAccountChanges(funds, callerOf(request), request.query, (error) =>
        request.log.error({ err: error }, 'income/expense export failed while streaming'),
      );
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="income-expense-${day}.xlsx"`)
        .send(stream);
    },
  });
};
