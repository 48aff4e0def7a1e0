// config -> database -> migrations -> services -> first-start data -> app -> listen.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { createServices } from './services.ts';
import { buildApp } from './app.ts';
import { systemClock } from './shared/clock.ts';
import { bootstrap, loadDemo, type Login } from './demo/seed.ts';

/** The key that encrypts access-key secrets: from HUOBAN_MASTER_KEY, or a key file kept with the data. */
function masterKeyOf(config: Config): Buffer {
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
  if (!config.databaseUrl && !config.demoPassword) {
    writeFileSync(path.join(config.dataDir, 'demo-logins.txt'), lines.join('\n'), { mode: 0o600 });
    console.log(`(also written to ${path.join(config.dataDir, 'demo-logins.txt')})`);
  }
}

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrate(database);
  if (applied.length) console.log(`database (${database.engine}): applied ${applied.join(', ')}`);

  const services = createServices({ config, database, clock: systemClock, masterKey: masterKeyOf(config) });
  const logins = [...(await bootstrap(database.db, config.demoPassword))];
  if (config.demo) logins.push(...(await loadDemo(database.db, config.demoPassword)));
  printLogins(config, logins);

  const app = await buildApp(services, { logger: { level: config.logLevel }, serveConsole: config.serveConsole });
  await app.listen({ port: config.port, host: config.host });
  console.log(`Huoban Partner Center is running: http://localhost:${config.port}/  (API reference: /api-docs)`);

  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
