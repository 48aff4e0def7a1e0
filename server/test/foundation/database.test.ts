import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, testEngine, type TestApp } from '../support/test-app.ts';
import { migrate, readMigrations } from '../../src/db/migrate.ts';

let t: TestApp;
before(async () => (t = await createTestApp()));
after(() => t.close());

test(`int8 comes back as bigint and numeric as string (${testEngine})`, async () => {
  const { rows } = await sql<{ big: bigint; num: string; sum: bigint }>`
    SELECT ${9_007_199_254_740_993n}::int8 AS big, 12.30::numeric(18,2) AS num, sum(x)::int8 AS sum
    FROM (VALUES (1::int8), (2::int8)) AS v(x)`.execute(t.database.db);
  assert.equal(rows[0].big, 9_007_199_254_740_993n);
  assert.equal(typeof rows[0].big, 'bigint');
  assert.equal(rows[0].num, '12.30');
  assert.equal(rows[0].sum, 3n);
});

test('migrations are recorded once and re-running applies nothing', async () => {
  const recorded = await t.database.db
    .withTables<{ schema_migration: { id: number; name: string; checksum: string } }>()
    .selectFrom('schema_migration')
    .select(['name'])
    .orderBy('id')
    .execute();
  assert.deepEqual(recorded.map((r) => r.name), readMigrations().map((m) => m.name));
  assert.deepEqual(await migrate(t.database), []);
});

test('a migration changed after it was applied stops the start', async () => {
  const changed = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m));
  await assert.rejects(migrate(t.database, changed), /was changed after it was applied/);
});

test('organizations keep the tier rules: a reseller needs its master distributor', async () => {
  await assert.rejects(
    t.database.db
      .insertInto('organization')
      .values({ id: 'x1', kind: 'partner', partner_type: 'cloud_reseller', parent_partner_id: null, name: 'x', domain_name: 'x1', mobile: null, email: null })
      .execute(),
  );
});
