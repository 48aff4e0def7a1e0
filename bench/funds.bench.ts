// npm run bench:funds [-- --seconds 15 --clients 16]
// (a) pgbench on the same PostgreSQL with the same client count: an allocation's essential
//     writes in plain SQL (both balances, journal, postings), and pgbench's TPC-B-like default;
// (b) reseller allocations/s through the HTTP API (authentication, validation, idempotency,
//     ledger and audit; rate limit off), alternately allocating and reclaiming ¥0.01;
// then (b)/(a) with p50/p99, the same on PGlite against a raw PGlite transfer loop, and the
// scale-out gain: 1 vs 3 API processes on one PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { closedLoop, fmt, httpClient, iamToken, pgbenchTps, scratchDatabase, startServer, type LoadResult } from './support.ts';

export interface BenchRow {
  name: string;
  baseline: string;
  baselinePerSecond: number;
  result: LoadResult;
}

/** Allocations and reclaims between md_demo and its two resellers, each with its own idempotency key. */
async function allocationLoad(url: string, clients: number, seconds: number): Promise<LoadResult> {
  const token = await iamToken(url, 'md_demo');
  const resellers = await fetch(`${url}/v2/partners/indirect-partners/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-auth-token': token },
    body: JSON.stringify({ limit: 10 }),
  }).then((r) => r.json() as Promise<{ indirect_partners: { indirect_partner_id: string }[] }>);
  const ids = resellers.indirect_partners.map((p) => p.indirect_partner_id);
  const run = Date.now().toString(36);
  const http = httpClient(url, clients);
  try {
    return await closedLoop(clients, seconds, async (client, i) => {
      const operation = i % 2 === 0 ? 'indirect-partner-adjust' : 'indirect-partner-reclaim';
      const r = await http.post(
        `/v2/accounts/partner-accounts/${operation}`,
        { 'x-auth-token': token, 'x-client-token': `bench-${run}-${client}-${i}` },
        { indirect_partner_id: ids[client % ids.length], amount: '0.01' },
      );
      return r.status === 200;
    });
  } finally {
    http.close();
  }
}

/** The embedded engine's own limit: a transfer (two balance updates and a history row) per transaction. */
async function rawPgliteTransfers(seconds: number): Promise<number> {
  const lite = await PGlite.create();
  await lite.exec(`CREATE TABLE acct (id int PRIMARY KEY, balance bigint NOT NULL);
    CREATE TABLE hist (id bigserial PRIMARY KEY, src int, dst int, amount bigint, at timestamptz DEFAULT now());
    INSERT INTO acct VALUES (1, 1000000000), (2, 0);`);
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  let n = 0;
  while (performance.now() < until) {
    await lite.transaction(async (tx) => {
      await tx.query('UPDATE acct SET balance = balance - $1 WHERE id = $2', [1, 1]);
      await tx.query('UPDATE acct SET balance = balance + $1 WHERE id = $2', [1, 2]);
      await tx.query('INSERT INTO hist (src, dst, amount) VALUES ($1, $2, $3)', [1, 2, 1]);
    });
    n++;
  }
  const rate = n / ((performance.now() - started) / 1000);
  await lite.close();
  return rate;
}

export async function fundsBench(seconds: number, clients: number): Promise<{ rows: BenchRow[]; scaleOut: { one: LoadResult; three: LoadResult } }> {
  const rows: BenchRow[] = [];

  const allocationTps = await pgbenchTps(clients, seconds, 'allocation');
  const tpcbTps = await pgbenchTps(clients, seconds, 'tpcb-like');
  const pgDb = await scratchDatabase('huoban_bench');
  const single = await startServer({ DATABASE_URL: pgDb.url });
  const apiPg = await allocationLoad(single.url, clients, seconds);
  await single.stop();
  rows.push({ name: 'reseller allocation, HTTP API, PostgreSQL', baseline: `pgbench allocation in SQL, ${clients} clients`, baselinePerSecond: allocationTps, result: apiPg });
  rows.push({ name: 'reseller allocation, HTTP API, PostgreSQL', baseline: `pgbench TPC-B-like, ${clients} clients`, baselinePerSecond: tpcbTps, result: apiPg });

  const three = await startServer({ DATABASE_URL: pgDb.url }, 3);
  const apiPg3 = await allocationLoad(three.url, clients, seconds);
  await three.stop();
  const one = await startServer({ DATABASE_URL: pgDb.url }, 1);
  const apiPg1 = await allocationLoad(one.url, clients, seconds);
  await one.stop();
  await pgDb.drop();

  const raw = await rawPgliteTransfers(seconds);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huoban-bench-'));
  const embedded = await startServer({ DATABASE_URL: '', DATA_DIR: dataDir });
  const apiLite = await allocationLoad(embedded.url, Math.min(clients, 8), seconds);
  await embedded.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rows.push({ name: 'reseller allocation, HTTP API, PGlite', baseline: 'raw PGlite transfer loop', baselinePerSecond: raw, result: apiLite });

  return { rows, scaleOut: { one: apiPg1, three: apiPg3 } };
}

export function printTable(rows: BenchRow[], scaleOut?: { one: LoadResult; three: LoadResult }) {
  const header = ['operation', 'ops/s', 'p50 ms', 'p99 ms', 'baseline', 'baseline/s', 'ratio'];
  const lines = rows.map((r) => [
    r.name,
    fmt(r.result.perSecond),
    fmt(r.result.p50, 1),
    fmt(r.result.p99, 1),
    r.baseline,
    fmt(r.baselinePerSecond),
    fmt(r.result.perSecond / r.baselinePerSecond, 2),
  ]);
  if (scaleOut) {
    lines.push([
      'reseller allocation, 3 API processes vs 1',
      fmt(scaleOut.three.perSecond),
      fmt(scaleOut.three.p50, 1),
      fmt(scaleOut.three.p99, 1),
      'same load, 1 API process',
      fmt(scaleOut.one.perSecond),
      fmt(scaleOut.three.perSecond / scaleOut.one.perSecond, 2),
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log([row(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(row)].join('\n'));
  for (const r of rows) if (r.result.failures) console.log(`(${r.name}: ${r.result.failures} requests failed)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '15' }, clients: { type: 'string', default: '16' } } });
  const { rows, scaleOut } = await fundsBench(Number(values.seconds), Number(values.clients));
  printTable(rows, scaleOut);
}
