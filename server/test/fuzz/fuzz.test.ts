// The short form of `npm run test:fuzz`, run with every test run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { fuzz } from './fuzzer.ts';
import { fuzzCast } from './cast.ts';

let t: TestApp;
before(async () => (t = await createTestApp({ rateLimitPerSecond: 0 })));
after(() => t.close());

test('1,500 malformed and boundary requests: no 5xx, every error coded, refused requests change nothing', async () => {
  const report = await fuzz(t, { seed: 20261204, requests: 1500, ...(await fuzzCast(t)) });
  assert.deepEqual(report.violations.slice(0, 10), []);
  assert.equal(report.requests, 1500);
  assert.ok((report.byStatus['4xx'] ?? 0) > 1000, JSON.stringify(report.byStatus));
});
