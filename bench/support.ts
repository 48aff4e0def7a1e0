// Shared pieces of the benchmarks: scratch databases, API processes, a closed-loop load
// generator with latency percentiles, and pgbench. Every figure is reported as a ratio to a
// baseline measured in the same run on the same machine.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const PASSWORD = 'Demo@12345';
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function adminUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('the benchmarks need DATABASE_URL=postgres://... (they create and drop scratch databases)');
    process.exit(2);
  }
  return url;
}

export async function scratchDatabase(prefix: string): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const admin = adminUrl();
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** Starts the product (single process, or the cluster with N workers) and waits until it answers. */
export async function startServer(env: Record<string, string>, workers?: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const script = workers ? ['server/src/cluster.ts', '--workers', String(workers)] : ['server/src/main.ts'];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ...script], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      HUOBAN_DEMO_PASSWORD: PASSWORD,
      HUOBAN_RATE_LIMIT: '0', // benchmarks measure throughput, not the throttle
      HUOBAN_SERVE_CONSOLE: 'off',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {}
    await sleep(100);
  }
  return {
    url,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      child.kill('SIGKILL');
    },
  };
}

export async function iamToken(url: string, name: string): Promise<string> {
  const r = await fetch(`${url}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name, password: PASSWORD } } } } }),
  });
  if (r.status !== 201) throw new Error(`token for ${name}: ${r.status} ${await r.text()}`);
  return r.headers.get('x-subject-token')!;
}

/**
 * A lean HTTP client for the load: node:http over kept-alive sockets, one per client. The
 * generator shares the cores with the server and the database, so it must cost little per
 * request (fetch costs several times more CPU), just as pgbench's C client does.
 */
export function httpClient(baseUrl: string, sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const { hostname, port } = new URL(baseUrl);
  return {
    post(path: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; body: string }> {
      const payload = JSON.stringify(body);
      return new Promise((resolve, reject) => {
        const req = http.request(
          { agent, hostname, port, path, method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}

export interface LoadResult {
  operations: number;
  failures: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** Closed loop: `clients` concurrent callers each repeat `op` for `seconds`; latencies in ms. */
export async function closedLoop(clients: number, seconds: number, op: (client: number, i: number) => Promise<boolean>): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; performance.now() < until; i++) {
        const t0 = performance.now();
        const ok = await op(client, i).catch(() => false);
        latencies.push(performance.now() - t0);
        if (!ok) failures++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { operations: latencies.length - failures, failures, seconds: elapsed, perSecond: (latencies.length - failures) / elapsed, p50: at(0.5), p99: at(0.99) };
}

function pgbenchBinary(): string {
  const root = '/usr/lib/postgresql';
  for (const v of existsSync(root) ? readdirSync(root).sort().reverse() : []) {
    const bin = `${root}/${v}/bin/pgbench`;
    if (existsSync(bin)) return bin;
  }
  return 'pgbench';
}

/**
 * pgbench's own model of a reseller allocation in plain SQL: the essential writes, each
 * transaction moving 0.01 from one distributor to one of two resellers — both balances (the
 * distributor's row first, as every allocation locks it), the journal and its two postings with
 * the balance after each, over tables with the ledger's keys, indexes and foreign keys.
 */
const ALLOCATION_SCHEMA = `
  CREATE TABLE account (id int PRIMARY KEY, balance bigint NOT NULL CHECK (balance >= 0));
  CREATE TABLE journal (id bigserial PRIMARY KEY, org_id int NOT NULL, counterparty_id int NOT NULL,
    amount bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE posting (id bigserial PRIMARY KEY, journal_id bigint NOT NULL REFERENCES journal,
    account_id int NOT NULL REFERENCES account, amount bigint NOT NULL, balance_after bigint NOT NULL);
  CREATE INDEX ON posting (account_id, id);
  CREATE INDEX ON posting (journal_id);
  INSERT INTO account VALUES (0, 1000000000000), (1, 0), (2, 0);`;
const ALLOCATION_SCRIPT = `\\set reseller random(1, 2)
BEGIN;
UPDATE account SET balance = balance - 1 WHERE id = 0 RETURNING balance AS from_after \\gset
UPDATE account SET balance = balance + 1 WHERE id = :reseller RETURNING balance AS to_after \\gset
INSERT INTO journal (org_id, counterparty_id, amount) VALUES (0, :reseller, 1) RETURNING id AS journal \\gset
INSERT INTO posting (journal_id, account_id, amount, balance_after) VALUES (:journal, 0, -1, :from_after), (:journal, :reseller, 1, :to_after);
END;
`;

export type PgbenchWorkload = 'allocation' | 'tpcb-like';

/** pgbench transactions per second with the given clients on a scratch database: its TPC-B-like default or the allocation model above. */
export async function pgbenchTps(clients: number, seconds: number, workload: PgbenchWorkload): Promise<number> {
  const db = await scratchDatabase('huoban_pgbench');
  const dir = mkdtempSync(path.join(tmpdir(), 'huoban-pgbench-'));
  try {
    const bin = pgbenchBinary();
    const script = path.join(dir, 'allocation.sql');
    if (workload === 'allocation') {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      await c.query(ALLOCATION_SCHEMA);
      await c.end();
      writeFileSync(script, ALLOCATION_SCRIPT);
    } else {
      execFileSync(bin, ['-i', '-q', '-s', '1', db.url], { stdio: 'ignore' });
    }
    const run = ['-n', '-c', String(clients), '-j', '2', '-T', String(seconds), ...(workload === 'allocation' ? ['-f', script] : []), db.url];
    const out = execFileSync(bin, run, { encoding: 'utf8' });
    const m = /tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/.exec(out) ?? /tps = ([\d.]+)/.exec(out);
    if (!m) throw new Error(`could not read pgbench output:\n${out}`);
    return Number(m[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  }
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
