// Outgoing mail as an outbox relay. A use case writes its mail with enqueueMail() in the
// transaction of the business change, so the mail exists exactly when the change does. The relay
// (the server's timer, in every API process) claims due rows, sends them through SMTP, and records
// "sent" with the time and Message-ID, or the error and the next attempt (backoff), or gives up
// after MAIL_MAX_ATTEMPTS. Without SMTP_URL the relay does nothing and mail stays pending.
import type { Kysely } from 'kysely';
import { createTransport } from 'nodemailer';
import type { MailSettings } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import type { Caller } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import { newPrefixedId } from '../../shared/ids.ts';
import * as repo from './mail.repo.ts';
import { deliveryErrorText, MAIL_MAX_ATTEMPTS, mailBackoffMs, messageIdOf } from './mail.rules.ts';

export const OUTBOX_ITEM = 'BPC_ITEM_OPS_020109';

// The lease outlasts the SMTP timeouts below together, so a live relay never loses its claim.
const LEASE_MS = 5 * 60_000;
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };
const BATCH = 20;

/** Writes a mail to the outbox, in the caller's transaction; the relay sends it. */
export async function enqueueMail(tx: Kysely<DB>, mail: { orgId: string; to: string; subject: string; text: string }, now: Date): Promise<string> {
  const id = newPrefixedId('ML');
  await repo.insertMail(tx, { id, ...mail }, now);
  return id;
}

export interface MailDeps {
  db: Kysely<DB>;
  clock: Clock;
  settings: MailSettings;
}

export function createMailService({ db, clock, settings }: MailDeps) {
  let transport: ReturnType<typeof createTransport> | undefined;
  const smtp = () => (transport ??= createTransport({ url: settings.smtpUrl, ...SMTP_TIMEOUTS }));

  async function attempt(claim: repo.ClaimedMail): Promise<boolean> {
    const messageId = messageIdOf(claim.id, settings.from);
    try {
      const info = await smtp().sendMail({ from: settings.from, to: claim.to_address, subject: claim.subject, text: claim.body_text, messageId });
      await repo.markSent(db, claim, clock.now(), info.messageId || messageId);
      return true;
    } catch (error) {
      const dead = claim.attempts >= MAIL_MAX_ATTEMPTS;
      await repo.markFailedAttempt(db, claim, deliveryErrorText(error), dead ? null : new Date(clock.now().getTime() + mailBackoffMs(claim.attempts)));
      return false;
    }
  }

  return {
    /** Whether mail leaves the outbox at all (SMTP_URL set). */
    configured: !!settings.smtpUrl,

    /** Sends what is due; safe to run in several processes at once. */
    async relay(now: Date = clock.now()) {
      let sent = 0;
      let failed = 0;
      if (!settings.smtpUrl) return { sent, failed };
      for (;;) {
        const batch = await repo.claimDue(db, now, new Date(now.getTime() + LEASE_MS), BATCH);
        for (const claim of batch) (await attempt(claim)) ? sent++ : failed++;
        if (batch.length < BATCH) break;
      }
      return { sent, failed };
    },

    /** The vendor's view of the outbox, newest first. */
    async outbox(caller: Caller, offset: number, limit: number) {
      if (caller.org.kind !== 'vendor' || !caller.permissions.has(OUTBOX_ITEM)) throw new AppError('CBC.0151');
      return repo.listMail(db, offset, limit);
    },

    close() {
      transport?.close();
    },
  };
}

export type MailService = ReturnType<typeof createMailService>;
