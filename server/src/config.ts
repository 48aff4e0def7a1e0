// The only reader of process.env. Everything else receives a Config.
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** Embedded PostgreSQL (PGlite) data directory, used when databaseUrl is not set. */
  dataDir: string;
  /** postgres://... ; when set, node-postgres is used instead of PGlite. */
  databaseUrl: string | undefined;
  /** Loads the demo cast on a first start (empty database). */
  demo: boolean;
  /** When set, every demo account gets this password (for automated checks). */
  demoPassword: string | undefined;
  /** 32-byte key (base64) that encrypts access-key secrets at rest. */
  masterKey: string | undefined;
  /** Requests per second per caller and operation (Huawei's default is 10). */
  rateLimitPerSecond: number;
  sessionTtlMinutes: number;
  apiTokenTtlHours: number;
  /** Sign-in failures within the window that lock an account name. */
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** Serve the built console (console/dist) from the same process. */
  serveConsole: boolean;
  logLevel: string;
  /**
   * Deliberate defects, to prove that the bank test catches them. Honoured only when
   * NODE_ENV=test, never in a normal start. Known: skip_row_lock.
   */
  faults: ReadonlySet<string>;
  /** Customer association rules the deployment may tune. */
  customers: CustomerSettings;
  vouchers: VoucherSettings;
  mail: MailSettings;
  orders: OrderSettings;
}

/** Outgoing mail. Without an SMTP URL, mail stays in the outbox (the vendor's console shows it). */
export interface MailSettings {
  /** nodemailer connection URL: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://host:465. */
  smtpUrl: string | undefined;
  /** The From header and envelope sender. */
  from: string;
}

export interface OrderSettings {
  /** The rebate rate the Order Payment page estimates for cloud services, in basis points (500 = 5 %). */
  estimatedRebateBasisPoints: number;
}

/** Query windows of the voucher lists (spec §1.7), in months after a coupon's expiry. */
export interface VoucherSettings {
  /** The customer's own voucher view: expired more than this long ago are hidden (6). */
  customerViewMonths: number;
  /** The partner's issued list: expired more than this long ago are hidden (24). */
  issuedListMonths: number;
  /** A partner's own coupons (GET /v2/promotions/benefits/coupons) (12). */
  ownCouponMonths: number;
}

export interface CustomerSettings {
  /** Partner-initiated disassociation/type-switch requests allowed per customer per window (CN: 1). */
  partnerRequestLimit: number;
  /** Customer-initiated disassociation requests allowed per window (CN: 1). */
  customerRequestLimit: number;
  /** The window of both limits, and the wait after a customer-initiated request, in months (3). */
  requestWindowMonths: number;
  /** A customer-initiated request the partner leaves unhandled is approved after this many days (10). */
  autoApproveDays: number;
  /** How long an approved customer report stays valid, in days (90). */
  reportValidityDays: number;
  /** Online invitation links expire after this many days (7). */
  invitationValidDays: number;
  /** Seconds between runs of the deadline sweep and webhook delivery (30; 0 = off). */
  sweepIntervalSeconds: number;
  /** Public base URL used in invitation links and e-mails. */
  publicUrl: string;
}

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`expected a non-negative integer, got "${value}"`);
  return n;
}

function smtpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('SMTP_URL is not a URL (expected smtp://user:pass@host:587 or smtps://host:465)');
  }
  // The URL may carry a password: the message names only the scheme.
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error(`SMTP_URL must start with smtp:// or smtps://, got ${url.protocol}//`);
  return value;
}

/** A percentage 0..100 with at most 2 decimals ("5", "2.5"), as basis points. */
function percent(value: string | undefined, fallbackBasisPoints: number): number {
  if (value === undefined || value === '') return fallbackBasisPoints;
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(value.trim());
  const bp = m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : NaN;
  if (!(bp >= 0 && bp <= 10_000)) throw new Error(`expected a percentage between 0 and 100 with at most 2 decimals, got "${value}"`);
  return bp;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const publicUrl = env.HUOBAN_PUBLIC_URL ?? `http://localhost:${int(env.PORT, 8080)}`;
  return {
    port: int(env.PORT, 8080),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    demo: env.HUOBAN_DEMO !== 'off',
    demoPassword: env.HUOBAN_DEMO_PASSWORD || undefined,
    masterKey: env.HUOBAN_MASTER_KEY || undefined,
    rateLimitPerSecond: int(env.HUOBAN_RATE_LIMIT, 10),
    sessionTtlMinutes: int(env.HUOBAN_SESSION_TTL_MINUTES, 480),
    apiTokenTtlHours: int(env.HUOBAN_TOKEN_TTL_HOURS, 24),
    loginMaxFailures: int(env.HUOBAN_LOGIN_MAX_FAILURES, 5),
    loginLockMinutes: int(env.HUOBAN_LOGIN_LOCK_MINUTES, 15),
    serveConsole: env.HUOBAN_SERVE_CONSOLE !== 'off',
    logLevel: env.LOG_LEVEL ?? 'info',
    faults: new Set(env.NODE_ENV === 'test' ? (env.HUOBAN_FAULTS ?? '').split(',').filter(Boolean) : []),
    customers: {
      partnerRequestLimit: int(env.HUOBAN_ASSOC_PARTNER_REQUEST_LIMIT, 1),
      customerRequestLimit: int(env.HUOBAN_ASSOC_CUSTOMER_REQUEST_LIMIT, 1),
      requestWindowMonths: int(env.HUOBAN_ASSOC_REQUEST_WINDOW_MONTHS, 3),
      autoApproveDays: int(env.HUOBAN_ASSOC_AUTO_APPROVE_DAYS, 10),
      reportValidityDays: int(env.HUOBAN_REPORT_VALIDITY_DAYS, 90),
      invitationValidDays: int(env.HUOBAN_INVITATION_VALID_DAYS, 7),
      sweepIntervalSeconds: int(env.HUOBAN_SWEEP_INTERVAL_SECONDS, 30),
      publicUrl,
    },
    vouchers: {
      customerViewMonths: int(env.HUOBAN_VOUCHER_CUSTOMER_WINDOW_MONTHS, 6),
      issuedListMonths: int(env.HUOBAN_VOUCHER_ISSUED_WINDOW_MONTHS, 24),
      ownCouponMonths: int(env.HUOBAN_VOUCHER_OWN_WINDOW_MONTHS, 12),
    },
    mail: {
      smtpUrl: smtpUrl(env.SMTP_URL),
      from: env.MAIL_FROM || `Huoban <noreply@${URL.canParse(publicUrl) ? new URL(publicUrl).hostname : 'localhost'}>`,
    },
    orders: {
      estimatedRebateBasisPoints: percent(env.HUOBAN_ESTIMATED_REBATE_PERCENT, 500),
    },
  };
}
