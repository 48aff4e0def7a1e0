// The audit-log API contract (extension).
import { z } from 'zod';

const apiTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'expected yyyy-MM-ddTHH:mm:ssZ')
  .refine((t) => !Number.isNaN(Date.parse(t)), 'not a valid time');

export const auditFilterQuery = z
  .object({
    operator: z.string().max(64).optional(),
    operation: z.string().max(64).optional(),
    occurred_begin: apiTime.optional(),
    occurred_end: apiTime.optional(),
  })
  .strict();

export const auditListQuery = auditFilterQuery.extend({
  offset: z.coerce.number().int().min(0).max(2147483646).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

export const auditRecord = z.object({
  seq: z.string(),
  occurred_at: z.string(),
  user_id: z.string().nullable(),
  user_name: z.string().nullable(),
  via: z.string(),
  on_behalf_of: z.string().nullable(),
  operation: z.string(),
  target_type: z.string().nullable(),
  target_id: z.string().nullable(),
  detail: z.string(),
  client_ip: z.string().nullable(),
  outcome: z.enum(['success', 'failure']),
  hash: z.string(),
});

export const auditList = z.object({ total_count: z.number().int(), records: z.array(auditRecord) });

export const auditVerification = z.object({
  valid: z.boolean(),
  records: z.number().int(),
  breaks: z.array(z.object({ seq: z.string(), reason: z.string() })),
});
