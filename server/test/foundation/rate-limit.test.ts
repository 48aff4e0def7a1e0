import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
before(async () => (t = await createTestApp({ rateLimitPerSecond: 10 })));
after(() => t.close());

test('the 11th request of one caller to one operation within a second gets 429 APIG.0308', async () => {
  const md = await t.token('md_demo');
  for (let i = 0; i < 10; i++) assert.equal((await md.get('/api/me')).status, 200, `request ${i + 1}`);
  const over = await md.get('/api/me');
  assert.equal(over.status, 429);
  assert.equal(over.body.error_code, 'APIG.0308');

  // Another operation, and another caller, have their own quota.
  assert.equal((await md.get('/api/access-keys')).status, 200);
  const sp = await t.token('sp_demo');
  assert.equal((await sp.get('/api/me')).status, 200);

  // The next second starts a new window.
  t.clock.advance(1000);
  assert.equal((await md.get('/api/me')).status, 200);
});

test('the counters live in the database, so they hold across API processes', async () => {
  const rows = await t.database.db.selectFrom('rate_limit_window').selectAll().execute();
  assert.ok(rows.some((r) => r.bucket.endsWith('GET /api/me') && r.hits >= 11));
});
