// npm run test:fuzz [-- --requests N --seed S]: schema fuzzing of every operation in the committed
// OpenAPI document (rate limit off for the run). Exits non-zero on any violation.
import { parseArgs } from 'node:util';
import { createTestApp } from '../server/test/support/test-app.ts';
import { fuzz } from '../server/test/fuzz/fuzzer.ts';
import { fuzzCast } from '../server/test/fuzz/cast.ts';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '10000' }, seed: { type: 'string', default: '20261204' } } });
const t = await createTestApp({ rateLimitPerSecond: 0 });
const started = Date.now();
const report = await fuzz(t, { seed: Number(values.seed), requests: Number(values.requests), ...(await fuzzCast(t)) });
await t.close();
console.log(`engine: ${process.env.TEST_DB ?? 'pglite'}, seed ${values.seed}, ${report.requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`by status: ${JSON.stringify(report.byStatus)}`);
console.log(`violations: ${report.violations.length}`);
for (const v of report.violations.slice(0, 50)) console.log(`  ${v}`);
process.exit(report.violations.length ? 1 : 0);
