// npm run test:bank [-- --duration 300 --clients 32 --processes 3]
// Jepsen-style bank test: several API processes on one PostgreSQL; concurrent clients move money
// between a master distributor, its resellers, a solution provider and resale customers, each
// request with its own idempotency key, retried with the same key after any failure; every 10 s
// one process is killed with SIGKILL and restarted. At the end: the ledger invariant holds, every
// acknowledged request is in the ledger exactly once, nothing was applied twice, and the final
// balances equal a model replayed from the acknowledged operations.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/client.ts';
import { prepare } from '../server/src/startup.ts';
import { checkLedgerInvariant } from '../server/src/modules/ledger/index.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '300' },
    clients: { type: 'string', default: '32' },
    processes: { type: 'string', default: '3' },
    'kill-every': { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
  },
});
const DURATION_MS = Number(values.duration) * 1000;
const CLIENTS = Number(values.clients);
const PROCESSES = Number(values.processes);
const KILL_EVERY_MS = Number(values['kill-every']) * 1000;
const PASSWORD = 'Demo@12345';
const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  console.error('test:bank needs DATABASE_URL=postgres://... (it creates and drops its own database)');
  process.exit(2);
}

let seed = Number(values.seed) || 1;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// --- the world ------------------------------------------------------------------------------
const dbName = `huoban_bank_${randomBytes(5).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const databaseUrl = url.toString();

const config = { ...loadConfig({}), databaseUrl, demoPassword: PASSWORD };
const database = await openDatabase({ databaseUrl });
await prepare(config, database);
const orgIds = new Map(
  (await database.db.selectFrom('organization').select(['id', 'domain_name']).execute()).map((o) => [o.domain_name, o.id]),
);
const id = (name: string) => orgIds.get(name)!;

// --- the API processes ----------------------------------------------------------------------
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

interface Proc {
  port: number;
  child?: ChildProcess;
  up: boolean;
}
const procs: Proc[] = [];
for (let i = 0; i < PROCESSES; i++) procs.push({ port: await freePort(), up: false });

async function startProc(p: Proc) {
  p.child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(p.port),
      HOST: '127.0.0.1',
      HUOBAN_DEMO_PASSWORD: PASSWORD,
      HUOBAN_RATE_LIMIT: '0', // the bank test measures correctness, not the throttle
      HUOBAN_SERVE_CONSOLE: 'off',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${p.port}/healthz`)).ok) {
        p.up = true;
        return;
      }
    } catch {}
    await sleep(100);
  }
  throw new Error(`process on port ${p.port} did not start`);
}
await Promise.all(procs.map(startProc));

// --- operations and the model ---------------------------------------------------------------
type Party = 'md_demo' | 'rs_demo1' | 'rs_demo2' | 'sp_demo' | 'cust_demo2' | 'cust_demo3' | 'cust_demo5';
interface OpSpec {
  name: string;
  caller: 'md_demo' | 'sp_demo';
  path: string;
  body: (amount: string) => object;
  from: Party;
  to: Party;
  idField: 'transfer_id' | 'trans_id';
}
const OPS: OpSpec[] = [
  ...(['rs_demo1', 'rs_demo2'] as const).flatMap((rs): OpSpec[] => [
    { name: `allocate ${rs}`, caller: 'md_demo', path: '/v2/accounts/partner-accounts/indirect-partner-adjust', body: (amount) => ({ indirect_partner_id: id(rs), amount }), from: 'md_demo', to: rs, idField: 'transfer_id' },
    { name: `reclaim ${rs}`, caller: 'md_demo', path: '/v2/accounts/partner-accounts/indirect-partner-reclaim', body: (amount) => ({ indirect_partner_id: id(rs), amount }), from: rs, to: 'md_demo', idField: 'trans_id' },
  ]),
  { name: 'md allocate cust_demo3', caller: 'md_demo', path: '/v2/accounts/partner-accounts/adjust-amount', body: (amount) => ({ customer_id: id('cust_demo3'), amount }), from: 'md_demo', to: 'cust_demo3', idField: 'transfer_id' },
  { name: 'md reclaim cust_demo3', caller: 'md_demo', path: '/v2/accounts/partner-accounts/reclaim', body: (amount) => ({ customer_id: id('cust_demo3'), amount }), from: 'cust_demo3', to: 'md_demo', idField: 'trans_id' },
  { name: 'sp allocate cust_demo2', caller: 'sp_demo', path: '/v2/accounts/partner-accounts/adjust-amount', body: (amount) => ({ customer_id: id('cust_demo2'), amount }), from: 'sp_demo', to: 'cust_demo2', idField: 'transfer_id' },
  { name: 'sp reclaim cust_demo2', caller: 'sp_demo', path: '/v2/accounts/partner-accounts/reclaim', body: (amount) => ({ customer_id: id('cust_demo2'), amount }), from: 'cust_demo2', to: 'sp_demo', idField: 'trans_id' },
  { name: 'md for rs_demo1 allocate cust_demo5', caller: 'md_demo', path: '/v2/accounts/partner-accounts/adjust-amount', body: (amount) => ({ customer_id: id('cust_demo5'), amount, indirect_partner_id: id('rs_demo1') }), from: 'rs_demo1', to: 'cust_demo5', idField: 'transfer_id' },
  { name: 'md for rs_demo1 reclaim cust_demo5', caller: 'md_demo', path: '/v2/accounts/partner-accounts/reclaim', body: (amount) => ({ customer_id: id('cust_demo5'), amount, indirect_partner_id: id('rs_demo1') }), from: 'cust_demo5', to: 'rs_demo1', idField: 'trans_id' },
];

async function tokenFor(name: string): Promise<string> {
  for (;;) {
    const p = pick(procs.filter((x) => x.up));
    try {
      const r = await fetch(`http://127.0.0.1:${p.port}/v3/auth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name, password: PASSWORD } } } } }),
      });
      if (r.status === 201) return r.headers.get('x-subject-token')!;
    } catch {}
    await sleep(100);
  }
}
const tokens = { md_demo: await tokenFor('md_demo'), sp_demo: await tokenFor('sp_demo') };

/** Balances as the API reports them: the partners' cash (account_type 1), the customers' amount. */
async function balances(): Promise<Map<Party, bigint>> {
  const out = new Map<Party, bigint>();
  const p = procs.find((x) => x.up)!;
  const get = async (caller: keyof typeof tokens, path: string, init?: RequestInit) => {
    const r = await fetch(`http://127.0.0.1:${p.port}${path}`, { ...init, headers: { 'x-auth-token': tokens[caller], 'content-type': 'application/json' } });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return r.json();
  };
  const cash = (body: { account_balances: { account_type: number; amount: number | string }[] }) =>
    toFen(body.account_balances.find((b) => b.account_type === 1)?.amount ?? 0);
  out.set('md_demo', cash(await get('md_demo', '/v2/accounts/partner-accounts/balances')));
  out.set('sp_demo', cash(await get('sp_demo', '/v2/accounts/partner-accounts/balances')));
  for (const rs of ['rs_demo1', 'rs_demo2'] as const) {
    out.set(rs, cash(await get('md_demo', `/v2/accounts/partner-accounts/balances?indirect_partner_id=${id(rs)}`)));
  }
  const customers = async (caller: keyof typeof tokens, ids: string[], indirect?: string) =>
    (await get(caller, '/v2/accounts/customer-accounts/balances/batch-query', {
      method: 'POST',
      body: JSON.stringify({ customer_infos: ids.map((customer_id) => ({ customer_id })), ...(indirect ? { indirect_partner_id: indirect } : {}) }),
    })).customer_balances as { customer_id: string; amount: number | string }[];
  for (const c of await customers('md_demo', [id('cust_demo3')])) out.set('cust_demo3', toFen(c.amount));
  for (const c of await customers('sp_demo', [id('cust_demo2')])) out.set('cust_demo2', toFen(c.amount));
  for (const c of await customers('md_demo', [id('cust_demo5')], id('rs_demo1'))) out.set('cust_demo5', toFen(c.amount));
  return out;
}
function toFen(v: number | string): bigint {
  const [whole, frac = ''] = String(v).split('.');
  const sign = whole.startsWith('-') ? -1n : 1n;
  return sign * (BigInt(whole.replace('-', '')) * 100n + BigInt(frac.padEnd(2, '0').slice(0, 2)));
}

const initial = await balances();
interface Acked {
  op: OpSpec;
  fen: bigint;
  key: string;
  id: string;
}
const acknowledged: Acked[] = [];
const violations: string[] = [];
let refused = 0;
let retries = 0;
let kills = 0;

/** Sends one operation until it gets a definitive answer (2xx or 4xx), always with the same key. */
async function perform(op: OpSpec, amount: string, key: string): Promise<{ status: number; body: any }> {
  for (let attempt = 0; ; attempt++) {
    const p = pick(procs.filter((x) => x.up).length ? procs.filter((x) => x.up) : procs);
    try {
      const r = await fetch(`http://127.0.0.1:${p.port}${op.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-auth-token': tokens[op.caller], 'x-client-token': key },
        body: JSON.stringify(op.body(amount)),
        signal: AbortSignal.timeout(10_000),
      });
      const body = await r.json().catch(() => null);
      if (r.status < 500) return { status: r.status, body };
    } catch {
      /* connection refused or reset: the process was killed */
    }
    retries++;
    await sleep(50 + Math.min(attempt, 10) * 50);
  }
}

async function client(n: number, until: number) {
  let i = 0;
  while (Date.now() < until) {
    const op = pick(OPS);
    const fen = BigInt(1 + Math.floor(random() * 5000));
    const amount = `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
    const key = `bank-${n}-${i++}`;
    const r = await perform(op, amount, key);
    if (r.status === 200) {
      const transferId = r.body?.[op.idField];
      if (!transferId) violations.push(`${op.name} ${key}: 200 without ${op.idField}`);
      acknowledged.push({ op, fen, key, id: transferId });
      // Now and then the same request again: it must return the first answer and move nothing.
      if (random() < 0.05) {
        const again = await perform(op, amount, key);
        if (again.status !== 200 || again.body?.[op.idField] !== transferId) {
          violations.push(`${op.name} ${key}: replay answered ${again.status} ${JSON.stringify(again.body)} instead of ${transferId}`);
        }
      }
    } else if (r.status >= 400) {
      refused++;
      if (!['CBC.99005003'].includes(r.body?.error_code)) violations.push(`${op.name} ${key}: unexpected refusal ${r.status} ${JSON.stringify(r.body)}`);
    }
  }
}

async function killer(until: number) {
  while (Date.now() + KILL_EVERY_MS < until) {
    await sleep(KILL_EVERY_MS);
    const p = pick(procs);
    p.up = false;
    p.child?.kill('SIGKILL');
    await new Promise((r) => (p.child?.exitCode !== null || p.child?.signalCode !== null ? r(null) : p.child!.once('exit', r)));
    kills++;
    await startProc(p);
  }
}

const started = Date.now();
const until = started + DURATION_MS;
console.log(`bank test: ${PROCESSES} API processes, ${CLIENTS} clients, ${DURATION_MS / 1000} s, a SIGKILL every ${KILL_EVERY_MS / 1000} s`);
await Promise.all([...Array.from({ length: CLIENTS }, (_, n) => client(n, until)), killer(until)]);

// --- checks ---------------------------------------------------------------------------------
const final = await balances();
const model = new Map(initial);
for (const a of acknowledged) {
  model.set(a.op.from, model.get(a.op.from)! - a.fen);
  model.set(a.op.to, model.get(a.op.to)! + a.fen);
}
for (const [party, expected] of model) {
  if (final.get(party) !== expected) violations.push(`${party}: balance ${final.get(party)} but the model says ${expected}`);
}
violations.push(...(await checkLedgerInvariant(database.db)));

const ids = acknowledged.map((a) => a.id);
if (new Set(ids).size !== ids.length) violations.push('two acknowledged requests share one transaction id');
const journals = await sql<{ id: string; n: bigint }>`
  SELECT id, count(*)::int8 AS n FROM ledger_journal WHERE id = ANY(${ids}) GROUP BY id`.execute(database.db);
const found = new Map(journals.rows.map((r) => [r.id, Number(r.n)]));
const missing = ids.filter((x) => found.get(x) !== 1);
if (missing.length) violations.push(`${missing.length} acknowledged transactions are not in the ledger exactly once (e.g. ${missing.slice(0, 3).join(', ')})`);
const keyed = await sql<{ n: bigint }>`
  SELECT count(*)::int8 AS n FROM ledger_journal WHERE idempotency_key LIKE 'bank-%'`.execute(database.db);
if (Number(keyed.rows[0].n) !== acknowledged.length) {
  violations.push(`the ledger holds ${keyed.rows[0].n} journals of this test but ${acknowledged.length} were acknowledged: something was applied twice or without an answer`);
}

for (const p of procs) p.child?.kill('SIGKILL');
await database.close();
await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
await admin.end();

console.log(`operations acknowledged: ${acknowledged.length}, refused (insufficient balance): ${refused}, retries after failures: ${retries}`);
console.log(`kills survived: ${kills}`);
console.log(`violations found: ${violations.length}`);
for (const v of violations.slice(0, 30)) console.log(`  ${v}`);
process.exit(violations.length ? 1 : 0);
