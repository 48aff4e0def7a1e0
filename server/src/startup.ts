// The steps of a start, shared by the single process (main.ts) and the cluster (cluster.ts).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { createServices } from './services.ts';
import { buildApp } from './app.ts';
import { systemClock } from './shared/clock.ts';
import { bootstrap, loadDemo, type Login } from './demo/seed.ts';

/** The key that encrypts access-key secrets: from HUOBAN_MASTER_KEY, or a key file kept with the data. */
export function masterKeyOf(config: Config): Buffer {
  if (config.masterKey) return Buffer.from(config.masterKey, 'base64');
  const file = path.join(config.dataDir, 'master.key');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}

function printLogins(config: Config, logins: Login[]) {
  if (logins.length === 0) return;
  const lines = [
    '',
    'Sign-in accounts (shown once; keep them):',
    ...logins.map((l) => `  ${l.name.padEnd(14)} ${l.password.padEnd(18)} ${l.role}`),
    '',
  ];
  console.log(lines.join('\n'));
  if (!config.demoPassword) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(path.join(config.dataDir, 'demo-logins.txt'), lines.join('\n'), { mode: 0o600 });
    console.log(`(also written to ${path.join(config.dataDir, 'demo-logins.txt')})`);
  }
}

/** Migrations and first-start data; run once before any API process serves. */
export async function prepare(config: Config, database: Database): Promise<void> {
  const applied = await migrate(database);
  if (applied.length) console.log(`database (${database.engine}): applied ${applied.join(', ')}`);
  const logins = [...(await bootstrap(database.db, config.demoPassword))];
  if (config.demo) logins.push(...(await loadDemo(database.db, config.demoPassword)));
  printLogins(config, logins);
}

/** Opens the database and serves the API and console until SIGTERM or SIGINT. */
export async function serve(config: Config, options: { prepared?: boolean; database?: Database } = {}) {
  const database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  if (!options.prepared) await prepare(config, database);
  const services = createServices({ config, database, clock: systemClock, masterKey: masterKeyOf(config) });
  const app = await buildApp(services, { logger: { level: config.logLevel }, serveConsole: config.serveConsole });
  await app.listen({ port: config.port, host: config.host });

  // Deadlines (auto-approval, authorization expiry, voucher and quota expiry), webhook deliveries and the mail relay: once
  // at start (catching up after downtime), then on a timer. Safe with several processes (SKIP LOCKED, leases).
  let ticking = false;
  const tick = async () => {
    if (ticking) return;
    ticking = true;
    try {
      for (const [name, run] of [
        ['customers', () => services.customers.tick()],
        ['vouchers', () => services.vouchers.tick()],
        ['orders', () => services.orders.tick()],
        ['mail', () => services.mail.relay()],
      ] as const) {
        try {
          await run();
        } catch (error) {
          app.log.error({ err: error }, `${name} sweep failed`);
        }
      }
    } finally {
      ticking = false;
    }
  };
  const sweepMs = config.customers.sweepIntervalSeconds * 1000;
  const timer = sweepMs > 0 ? setInterval(tick, sweepMs) : null;
  timer?.unref();
  if (timer) void tick();

  const shutdown = async () => {
    if (timer) clearInterval(timer);
    await app.close();
    services.mail.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  return app;
}
