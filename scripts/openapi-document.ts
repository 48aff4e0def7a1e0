// Builds the app on a throwaway in-memory database and returns its OpenAPI document.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/client.ts';
import { createServices } from '../server/src/services.ts';
import { buildApp } from '../server/src/app.ts';
import { systemClock } from '../server/src/shared/clock.ts';

export async function openapiDocument(): Promise<string> {
  const database = await openDatabase({});
  const services = createServices({ config: loadConfig({}), database, clock: systemClock, masterKey: randomBytes(32) });
  const app = await buildApp(services, { serveConsole: false });
  await app.ready();
  const text = `${JSON.stringify(app.swagger(), null, 2)}\n`;
  await app.close();
  await database.close();
  return text;
}
