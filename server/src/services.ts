// Composition root: plain factory functions wired together. No I/O happens here.
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { Clock } from './shared/clock.ts';
import { createAuditService } from './modules/audit/index.ts';
import { createIdentityService, createSecretBox } from './modules/identity/index.ts';
import { createRateLimiter } from './http/rate-limit.ts';
import { createCustomersModule } from './modules/customers/index.ts';

export interface ServiceDeps {
  config: Config;
  database: Database;
  clock: Clock;
  masterKey: Buffer;
}

export function createServices({ config, database, clock, masterKey }: ServiceDeps) {
  const db = database.db;
  const audit = createAuditService({ clock });
  const identity = createIdentityService({ db, clock, config, audit, secretBox: createSecretBox(masterKey) });
  const rateLimit = createRateLimiter({ db, clock, perSecond: config.rateLimitPerSecond });
  const customers = createCustomersModule({ db, clock, audit, settings: config.customers, secretBox: createSecretBox(masterKey) });
  return { config, database, db, clock, audit, identity, rateLimit, customers };
}

export type Services = ReturnType<typeof createServices>;
