// The vendor's view of outgoing mail and its delivery state.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { callerOf } from '../../http/context.ts';
import { toApiTime } from '../../shared/clock.ts';
import { OUTBOX_ITEM, type MailService } from './mail.service.ts';
import * as s from './mail.schemas.ts';

const time = (d: Date | string | null) => (d ? toApiTime(new Date(d)) : null);

export const mailRoutes: FastifyPluginAsyncZod<{ mail: MailService }> = async (app, { mail }) => {
  app.get('/api/vendor/mail-outbox', {
    config: { access: [OUTBOX_ITEM] },
    schema: {
      tags: ['Mail', 'extension'],
      summary: 'Vendor: outgoing mail with its delivery state (sent through SMTP when SMTP_URL is set)',
      querystring: s.outboxQuery,
      response: { 200: s.outboxResponse },
    },
    handler: async (request) => {
      const { count, rows } = await mail.outbox(callerOf(request), request.query.offset, request.query.limit);
      return {
        count,
        smtp_configured: mail.configured,
        mails: rows.map((m) => ({
          id: m.id,
          to_address: m.to_address,
          subject: m.subject,
          body_text: m.body_text,
          status: m.status,
          attempts: m.attempts,
          last_attempt_at: time(m.last_attempt_at),
          next_attempt_at: m.status === 'pending' ? time(m.next_attempt_at) : null,
          last_error: m.last_error,
          sent_at: time(m.sent_at),
          message_id: m.message_id,
          created_at: time(m.created_at)!,
        })),
      };
    },
  });
};
