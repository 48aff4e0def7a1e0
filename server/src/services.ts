// Composition root: plain factory functions wired together. No I/O happens here.
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { Clock } from './shared/clock.ts';
import { createAuditQueries, createAuditService } from './modules/audit/index.ts';
import { createIdentityService, createSecretBox } from './modules/identity/index.ts';
import { createRateLimiter } from './http/rate-limit.ts';
import { createCatalogService } from './modules/catalog/index.ts';
import { createLedgerService } from './modules/ledger/index.ts';
import { createFundsService } from './modules/funds/index.ts';
import { createOrganizationService, createSecondFactor } from './modules/organization/index.ts';
import { createCustomersModule } from './modules/customers/index.ts';
import { createVouchersModule } from './modules/vouchers/index.ts';
import { createOrdersModule } from './modules/orders/index.ts';
import { createMailService } from './modules/mail/index.ts';

export interface ServiceDeps {
  config: Config;
  database: Database;
  clock: Clock;
  masterKey: Buffer;
}

export function createServices({ config, database, clock, masterKey }: ServiceDeps) {
  const db = database.db;
  const audit = createAuditService({ clock });
  const secretBox = createSecretBox(masterKey);
  const identity = createIdentityService({ db, clock, config, audit, secretBox });
  const secondFactor = createSecondFactor({ db, clock, audit, secretBox });
  const organization = createOrganizationService({ db, clock, audit, credentials: identity, secondFactor });
  const auditQueries = createAuditQueries({ db, audit });
  const rateLimit = createRateLimiter({ db, clock, perSecond: config.rateLimitPerSecond });
  const catalog = createCatalogService({ db, clock, audit });
  const ledger = createLedgerService({ clock, faults: config.faults });
  const funds = createFundsService({ db, clock, audit, ledger });
  const mail = createMailService({ db, clock, settings: config.mail });
  const customers = createCustomersModule({ db, clock, audit, settings: config.customers, secretBox });
  // Ending a resale association returns the customer's balance to the partner, in the same transaction.
  customers.registerDisassociationEffect((tx, change) => funds.returnBalanceOnUnbind(tx, change));
  const vouchers = createVouchersModule({ db, clock, audit, ledger, settings: config.vouchers });
  // ... and every unused voucher that partner issued to the customer goes back to its quota.
  customers.registerDisassociationEffect((tx, change) => vouchers.reclaimOnAssociationEnd(tx, change));
  // Vouchers pay orders through the orders module's coupon seam.
  const orders = createOrdersModule({ db, clock, audit, ledger, customers, coupons: vouchers.couponSource, settings: config.orders });
  // Unpaid partner-payment applications block disassociation.
  customers.registerAssociationCheck(orders.unpaidPartnerPaymentCheck);
  return { config, database, db, clock, audit, identity, rateLimit, secondFactor, organization, auditQueries, catalog, ledger, funds, mail, customers, vouchers, orders };
}

export type Services = ReturnType<typeof createServices>;
