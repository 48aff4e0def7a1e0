// Pure rules of the customers module: transition tables, eligibility, account-check flags,
// frequency windows, password policy, webhook signatures and retry backoff. No I/O here.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AssociationEventStatus, AuthorizationStatus } from '../../db/schema.ts';
import type { ErrorCode } from '../../shared/errors.ts';

export type AssociationType = 1 | 2;
export type Side = 'partner' | 'customer' | 'system';

// ---------------------------------------------------------------- association events

export type EventAction = 'agree' | 'reject' | 'cancel' | 'approve' | 'auto_approve';

/**
 * The transition table of association events. A partner-initiated disassociation or type switch
 * waits for the customer (PENDING_CUSTOMER); a customer-initiated disassociation waits for the
 * partner (PENDING_PARTNER) and is approved by the system when its due time passes.
 * AGREED and APPROVED are the "applied" end states: the change happened in the same transaction.
 */
export const EVENT_TRANSITIONS: Readonly<
  Partial<Record<AssociationEventStatus, Partial<Record<EventAction, { to: AssociationEventStatus; by: Side }>>>>
> = {
  PENDING_CUSTOMER: {
    agree: { to: 'AGREED', by: 'customer' },
    reject: { to: 'REJECTED', by: 'customer' },
    cancel: { to: 'CANCELLED', by: 'partner' },
  },
  PENDING_PARTNER: {
    approve: { to: 'APPROVED', by: 'partner' },
    reject: { to: 'REJECTED', by: 'partner' },
    auto_approve: { to: 'APPROVED', by: 'system' },
  },
};

export const EVENT_STATUSES: readonly AssociationEventStatus[] = [
  'PENDING_CUSTOMER',
  'PENDING_PARTNER',
  'AGREED',
  'APPROVED',
  'REJECTED',
  'CANCELLED',
  'COMPLETED',
];
export const EVENT_ACTIONS: readonly EventAction[] = ['agree', 'reject', 'cancel', 'approve', 'auto_approve'];

/** The status an action leads to, or null when the table does not allow it for this side. */
export function nextEventStatus(from: AssociationEventStatus, action: EventAction, by: Side): AssociationEventStatus | null {
  const t = EVENT_TRANSITIONS[from]?.[action];
  return t && t.by === by ? t.to : null;
}

export const APPLIED_STATUSES: readonly AssociationEventStatus[] = ['AGREED', 'APPROVED'];

// ---------------------------------------------------------------- on-behalf authorization

export type AuthorizationAction = 'agree' | 'reject' | 'withdraw' | 'revoke' | 'expire';

export const AUTHORIZATION_TRANSITIONS: Readonly<
  Partial<Record<AuthorizationStatus, Partial<Record<AuthorizationAction, { to: AuthorizationStatus; by: Side }>>>>
> = {
  REQUESTED: {
    agree: { to: 'AUTHORIZED', by: 'customer' },
    reject: { to: 'REJECTED', by: 'customer' },
    withdraw: { to: 'WITHDRAWN', by: 'partner' },
  },
  AUTHORIZED: {
    revoke: { to: 'REVOKED', by: 'customer' },
    expire: { to: 'EXPIRED', by: 'system' },
  },
};

export const AUTHORIZATION_STATUSES: readonly AuthorizationStatus[] = ['REQUESTED', 'AUTHORIZED', 'REJECTED', 'WITHDRAWN', 'REVOKED', 'EXPIRED'];
export const AUTHORIZATION_ACTIONS: readonly AuthorizationAction[] = ['agree', 'reject', 'withdraw', 'revoke', 'expire'];

export function nextAuthorizationStatus(from: AuthorizationStatus, action: AuthorizationAction, by: Side): AuthorizationStatus | null {
  const t = AUTHORIZATION_TRANSITIONS[from]?.[action];
  return t && t.by === by ? t.to : null;
}

/** What an authorization may cover (the customer authorization letter's list). */
export const AUTHORIZATION_SCOPES = ['manage_resources', 'purchase', 'operate', 'security', 'view_account'] as const;
export type AuthorizationScope = (typeof AUTHORIZATION_SCOPES)[number];

export const EXPIRY_WARNING_DAYS = 7;

/** True when an authorized grant ends within the warning period (shown to both sides). */
export function expiryWarning(status: AuthorizationStatus, expiresAt: Date | null, now: Date): boolean {
  if (status !== 'AUTHORIZED' || !expiresAt) return false;
  return expiresAt.getTime() - now.getTime() <= EXPIRY_WARNING_DAYS * 86_400_000 && expiresAt > now;
}

// ---------------------------------------------------------------- eligibility (spec 4.2)

/** Flags that forbid any association, each with its own refusal. */
export const NO_ASSOCIATION_FLAGS: ReadonlyArray<[string, ErrorCode]> = [
  ['consumer_cloud', 'HBN.2111'],
  ['reported_by_vendor', 'HBN.2112'],
  ['referral_program', 'HBN.2113'],
  ['authorization_center', 'HBN.2114'],
];

/** Flags that forbid association in resale mode. */
export const NO_RESALE_FLAGS: ReadonlyArray<[string, ErrorCode]> = [
  ['designated_contract', 'HBN.2121'],
  ['reserved_instances', 'HBN.2122'],
  ['outstanding_invoices', 'HBN.2123'],
  ['stored_value_card', 'HBN.2124'],
  ['enterprise_master_independent_members', 'HBN.2125'],
  ['enterprise_member_hosting', 'HBN.2126'],
  ['enterprise_member_independent', 'HBN.2126'],
];

export const KNOWN_FLAGS = [
  ...new Set([...NO_ASSOCIATION_FLAGS, ...NO_RESALE_FLAGS].map(([f]) => f).concat(['enterprise_master_hosting_members', 'special_contract'])),
];

export const OFFLINE_ACCOUNT_MAX_AGE_DAYS = 7;

export interface EligibilityInput {
  flags: ReadonlySet<string>;
  associationType: AssociationType;
  isCustomerAccount: boolean;
  alreadyAssociated: boolean;
  /** Offline invitations only associate accounts created within the last 7 days. */
  offline: boolean;
  accountCreatedAt: Date;
  now: Date;
}

/** Every reason this account cannot be associated this way, in a stable order. */
export function eligibilityBlockers(input: EligibilityInput): ErrorCode[] {
  const out: ErrorCode[] = [];
  if (!input.isCustomerAccount) return ['HBN.2116'];
  if (input.alreadyAssociated) out.push('HBN.2115');
  for (const [flag, code] of NO_ASSOCIATION_FLAGS) if (input.flags.has(flag)) out.push(code);
  if (input.associationType === 2) {
    for (const [flag, code] of NO_RESALE_FLAGS) if (input.flags.has(flag) && !out.includes(code)) out.push(code);
  }
  if (input.offline && input.now.getTime() - input.accountCreatedAt.getTime() > OFFLINE_ACCOUNT_MAX_AGE_DAYS * 86_400_000) {
    out.push('HBN.2117');
  }
  return out;
}

// ---------------------------------------------------------------- account check (spec 4.4, 4.5)

export type ChangeKind = 'disassociate' | 'switch_type';

export interface FlagCheckInput {
  flags: ReadonlySet<string>;
  kind: ChangeKind;
  initiator: 'partner' | 'customer';
  currentType: AssociationType;
  frozen: boolean;
}

/** The blocking conditions this module can decide from its own data. */
export function accountFlagBlockers(input: FlagCheckInput): ErrorCode[] {
  const out: ErrorCode[] = [];
  const { flags } = input;
  if (input.frozen) out.push('HBN.2141');
  if (flags.has('enterprise_member_hosting')) out.push('HBN.2142');
  if (flags.has('enterprise_member_independent') && input.kind === 'switch_type') out.push('HBN.2143');
  if (flags.has('enterprise_master_hosting_members')) out.push('HBN.2144');
  if (flags.has('enterprise_master_independent_members') && (input.initiator === 'customer' || input.currentType === 2)) out.push('HBN.2145');
  const riBlocks = input.kind === 'switch_type' || input.currentType === 2 || input.initiator === 'customer';
  if (flags.has('reserved_instances') && riBlocks) out.push('HBN.2122');
  if (flags.has('special_contract') && (input.currentType === 2 || input.initiator === 'customer')) out.push('HBN.2153');
  if (flags.has('outstanding_invoices') && input.kind === 'switch_type' && input.currentType === 1) out.push('HBN.2123');
  return out;
}

/** The start of the frequency window ending now: the same instant `months` calendar months earlier. */
export function windowStart(now: Date, months: number): Date {
  const d = new Date(now);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

export interface FrequencyInput {
  initiator: 'partner' | 'customer';
  /** Requests of the same initiator for this customer (and partner) inside the window. */
  ownRequestsInWindow: number;
  /** Customer-initiated requests inside the window (for the partner's waiting period). */
  customerRequestsInWindow: number;
  partnerLimit: number;
  customerLimit: number;
}

export function frequencyBlockers(input: FrequencyInput): ErrorCode[] {
  if (input.initiator === 'partner') {
    const out: ErrorCode[] = [];
    if (input.ownRequestsInWindow >= input.partnerLimit) out.push('HBN.2146');
    if (input.customerRequestsInWindow > 0) out.push('HBN.2147');
    return out;
  }
  return input.ownRequestsInWindow >= input.customerLimit ? ['HBN.2148'] : [];
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

// ---------------------------------------------------------------- accounts

/** Huawei's account-name rule: 5-32 chars, letters, digits, _ and -, not all digits, no op_/shadow_. */
export const ACCOUNT_NAME_RE = /^[a-zA-Z_-][a-zA-Z0-9_-]{4,31}$/;

export function accountNameAllowed(name: string): boolean {
  return ACCOUNT_NAME_RE.test(name) && !/^\d+$/.test(name) && !/^(op_|shadow_)/i.test(name);
}

/** Password policy: 8-32, two of four classes, not the account name nor its reverse, nor the mobile. */
export function passwordAllowed(password: string, accountName: string, mobile?: string | null): boolean {
  if (password.length < 8 || password.length > 32) return false;
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 2) return false;
  const lower = password.toLowerCase();
  const name = accountName.toLowerCase();
  if (lower.includes(name) || lower.includes([...name].reverse().join(''))) return false;
  if (mobile && password.includes(mobile)) return false;
  return true;
}

// ---------------------------------------------------------------- webhooks

/**
 * Signature header: `X-Huoban-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 * Receivers recompute the HMAC over the timestamp, a dot and the raw body, compare in constant
 * time, and refuse timestamps older than their tolerance (we suggest 5 minutes).
 */
export const SIGNATURE_HEADER = 'x-huoban-signature';

export function webhookSignature(secret: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

export function verifyWebhookSignature(header: string, secret: string, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(webhookSignature(secret, t, body).split('v1=')[1], 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const WEBHOOK_MAX_ATTEMPTS = 8;

/** Delay before the next attempt after `attempts` failures: 30 s doubling, at most 6 hours. */
export function webhookBackoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

export function webhookUrlAllowed(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password && u.hostname !== '';
  } catch {
    return false;
  }
}
