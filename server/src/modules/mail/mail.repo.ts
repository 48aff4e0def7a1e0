// Kysely queries of the mail outbox; every function takes the executor (db or tx).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB>;

export interface NewMail {
  id: string;
  orgId: string;
  to: string;
  subject: string;
  text: string;
}

export async function insertMail(db: Db, mail: NewMail, now: Date) {
  await db
    .insertInto('mail_outbox')
    .values({ id: mail.id, org_id: mail.orgId, to_address: mail.to, subject: mail.subject, body_text: mail.text, created_at: now, sent_at: null, next_attempt_at: now })
    .execute();
}

/**
 * Claims due mail for one relay: the rows are picked with FOR UPDATE SKIP LOCKED (a concurrent
 * relay skips them instead of waiting), their next attempt moves to the end of the lease (no
 * other relay finds them due while this one sends) and the attempt is counted. The returned
 * attempt count is the claim's token: only its holder may record the outcome.
 */
export async function claimDue(db: Db, now: Date, leaseUntil: Date, limit: number) {
  return db.transaction().execute(async (tx) => {
    const due = await tx
      .selectFrom('mail_outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    return tx
      .updateTable('mail_outbox')
      .set((eb) => ({ next_attempt_at: leaseUntil, last_attempt_at: now, attempts: eb('attempts', '+', 1) }))
      .where(
        'id',
        'in',
        due.map((d) => d.id),
      )
      .returning(['id', 'to_address', 'subject', 'body_text', 'attempts'])
      .execute();
  });
}

export type ClaimedMail = Awaited<ReturnType<typeof claimDue>>[number];

/** Records a sent mail; false when the claim was lost (the lease ran out and another relay took the row). */
export async function markSent(db: Db, claim: ClaimedMail, at: Date, messageId: string): Promise<boolean> {
  const r = await db
    .updateTable('mail_outbox')
    .set({ status: 'sent', sent_at: at, message_id: messageId, next_attempt_at: null, last_error: null })
    .where('id', '=', claim.id)
    .where('status', '=', 'pending')
    .where('attempts', '=', claim.attempts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Records a failed attempt: due again at `retryAt`, or given up when it is null. */
export async function markFailedAttempt(db: Db, claim: ClaimedMail, error: string, retryAt: Date | null) {
  await db
    .updateTable('mail_outbox')
    .set({ status: retryAt ? 'pending' : 'failed', next_attempt_at: retryAt, last_error: error })
    .where('id', '=', claim.id)
    .where('status', '=', 'pending')
    .where('attempts', '=', claim.attempts)
    .execute();
}

export async function listMail(db: Db, offset: number, limit: number) {
  const [{ n }] = await db
    .selectFrom('mail_outbox')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .execute();
  const rows = await db.selectFrom('mail_outbox').selectAll().orderBy('created_at', 'desc').orderBy('id').offset(offset).limit(limit).execute();
  return { count: Number(n), rows };
}
