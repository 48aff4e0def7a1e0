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
}

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`expected a non-negative integer, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
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
  };
}
