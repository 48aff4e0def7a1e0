import { z } from 'zod';

export const outboxQuery = z.object({
  offset: z.coerce.number().int().min(0).max(40_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

export const outboxResponse = z.object({
  count: z.number().int(),
  /** false: SMTP_URL is not set, mail stays in the outbox. */
  smtp_configured: z.boolean(),
  mails: z.array(
    z.object({
      id: z.string(),
      to_address: z.string(),
      subject: z.string(),
      body_text: z.string(),
      status: z.enum(['pending', 'sent', 'failed']),
      attempts: z.number().int(),
      last_attempt_at: z.string().nullable(),
      next_attempt_at: z.string().nullable().describe('when a pending mail is tried next'),
      last_error: z.string().nullable(),
      sent_at: z.string().nullable(),
      message_id: z.string().nullable(),
      created_at: z.string(),
    }),
  ),
});
