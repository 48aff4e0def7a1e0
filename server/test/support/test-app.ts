// A real app on a fresh database, listening on a real port, for API tests. The engine is PGlite
// unless TEST_DB=postgres, in which case a new PostgreSQL database is created from DATABASE_URL
// and dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createServices, type Services } from '../../src/services.ts';
import { buildApp } from '../../src/app.ts';
import { TestClock } from '../../src/shared/clock.ts';
import { bootstrap, loadDemo } from '../../src/demo/seed.ts';
import { HttpClient } from './http.ts';

export const DEMO_PASSWORD = 'Demo@12345';
export const testEngine = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';

export interface TestApp {
  app: FastifyInstance;
  url: string;
  services: Services;
  database: Database;
  clock: TestClock;
  config: Config;
  /** An HTTP client with no credentials. */
  http: HttpClient;
  /** Signs in through the console and returns a client carrying the cookie and CSRF token. */
  console(name: string, password?: string): Promise<HttpClient>;
  /** Obtains an IAM token and returns a client sending it as X-Auth-Token. */
  token(name: string, password?: string): Promise<HttpClient>;
  close(): Promise<void>;
}

async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DB=postgres needs DATABASE_URL');
  const name = `huoban_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const pgdb = testEngine === 'postgres' ? await createPostgresDatabase() : null;
  const config: Config = {
    ...loadConfig({}),
    databaseUrl: pgdb?.url,
    demoPassword: DEMO_PASSWORD,
    serveConsole: false,
    // Tests send many requests in one instant of the test clock; the limit itself is tested apart.
    rateLimitPerSecond: 100_000,
    ...overrides,
  };
  const database = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 20 });
  await migrate(database);
  const clock = new TestClock(new Date());
  const services = createServices({ config, database, clock, masterKey: randomBytes(32) });
  await bootstrap(database.db, DEMO_PASSWORD);
  await loadDemo(database.db, DEMO_PASSWORD);
  const app = await buildApp(services, { serveConsole: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const http = new HttpClient(url);

  return {
    app,
    url,
    services,
    database,
    clock,
    config,
    http,
    async console(name, password = DEMO_PASSWORD) {
      return HttpClient.signIn(url, name, password);
    },
    async token(name, password = DEMO_PASSWORD) {
      return HttpClient.withToken(url, name, password);
    },
    async close() {
      await app.close();
      await database.close();
      await pgdb?.drop();
    },
  };
}
