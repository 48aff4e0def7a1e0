// Pure rules of mail delivery: when to try again, when to give up, the Message-ID, the error text.

/** A mail whose attempts all failed is given up (status 'failed') after this many. */
export const MAIL_MAX_ATTEMPTS = 10;

/** Delay after the `attempts`-th failed attempt: 1 minute, doubling, at most 4 hours (all 10 span about 8 hours). */
export function mailBackoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 4 * 3_600_000);
}

/** The domain of a From value ("Name <user@host>" or "user@host"); localhost when there is none. */
export function senderDomain(from: string): string {
  const address = /<([^>]*)>/.exec(from)?.[1] ?? from;
  const at = address.lastIndexOf('@');
  const domain = at >= 0 ? address.slice(at + 1).trim().toLowerCase() : '';
  return /^[a-z0-9.-]+$/.test(domain) ? domain : 'localhost';
}

/**
 * One Message-ID per outbox row, the same on every attempt: if a mail is ever sent twice (a relay
 * died between the SMTP server's answer and recording it), receivers can tell it is one message.
 */
export function messageIdOf(mailId: string, from: string): string {
  return `<${mailId}@${senderDomain(from)}>`;
}

/** What the outbox records of a failed attempt: error code, SMTP reply code and text, at most 500 characters. */
export function deliveryErrorText(error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as {
    code?: unknown;
    responseCode?: unknown;
    response?: unknown;
    message?: unknown;
  };
  const parts = [
    typeof e.code === 'string' ? e.code : null,
    typeof e.response === 'string' && e.response ? e.response : typeof e.message === 'string' ? e.message : 'unknown error',
  ];
  if (typeof e.responseCode === 'number' && !(typeof e.response === 'string' && e.response.startsWith(String(e.responseCode)))) parts.splice(1, 0, String(e.responseCode));
  return parts.filter(Boolean).join(' ').replace(/\s+/g, ' ').trim().slice(0, 500);
}
