// Audit-log API (extension): the caller's organization only.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callerOf } from '../../http/context.ts';
import { ORG_ACCESS } from '../organization/index.ts';
import type { AuditQueries } from './audit.queries.ts';
import { auditFilterQuery, auditList, auditListQuery, auditVerification } from './audit.schemas.ts';

const tags = ['extension', 'Audit'];

export const auditRoutes: FastifyPluginAsyncZod<{ queries: AuditQueries }> = async (app, { queries }) => {
  app.get('/api/organization/audit-logs', {
    config: { access: ORG_ACCESS.auditView },
    schema: { tags, summary: "The organization's audit records, newest first", querystring: auditListQuery, response: { 200: auditList } },
    handler: async (request) => {
      const { offset, limit, ...filter } = request.query;
      const { total, records } = await queries.list(callerOf(request), filter, offset, limit);
      return { total_count: total, records };
    },
  });

  app.get('/api/organization/audit-logs/export', {
    config: { access: ORG_ACCESS.auditExport },
    schema: {
      tags,
      summary: 'Export the audit records matching the filters to .xlsx',
      querystring: auditFilterQuery,
      response: { 200: z.any().describe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') },
    },
    handler: async (request, reply) => {
      const stream = await queries.export(callerOf(request), request.query, (error) =>
        request.log.error({ err: error }, 'audit export failed while streaming'),
      );
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="audit-log-${day}.xlsx"`)
        .send(stream);
    },
  });

  app.get('/api/organization/audit-logs/verification', {
    config: { access: ORG_ACCESS.auditVerify },
    schema: { tags, summary: "Recompute the organization's hash chain and report where it breaks", response: { 200: auditVerification } },
    handler: async (request) => queries.verify(callerOf(request)),
  });
};
