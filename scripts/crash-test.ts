// npm run test:crash: the embedded (PGlite) mode under continuous writes is killed with SIGKILL at
// random points, 20 times. After each kill the data directory is opened directly and checked:
// migrations are consistent, every acknowledged write is there, the audit chains and the ledger
// invariant hold. Exits non-zero on any violation.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/src/db/client.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { createAuditService } from '../server/src/modules/audit/index.ts';
import { checkLedgerInvariant } from '../server/src/modules/ledger/index.ts';
import { systemClock } from '../server/src/shared/clock.ts';

const { values } = parseArgs({ options: { kills: { type: 'string', default: '20' }, seed: { type: 'string', default: '7' } } });
const KILLS = Number(values.kills);
const PASSWORD = 'Demo@12345';
const ACCOUNTS = ['md_demo', 'rs_demo1', 'rs_demo2', 'sp_demo', 'cust_demo1', 'cust_demo2'];
let seed = Number(values.seed);
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

async function waitHealthy(url: string, child: ChildProcess) {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error('server exited during start');
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error('server did not start');
}

async function issueToken(url: string, name: string): Promise<string> {
  const r = await fetch(`${url}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name, password: PASSWORD } } } } }),
  });
  return r.headers.get('x-subject-token')!;
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'huoban-crash-'));
const acknowledged: string[] = []; // session ids (sha256 of issued tokens)
const acknowledgedTransfers: string[] = []; // journal ids of acknowledged allocations and reclaims
const violations: string[] = [];
let kills = 0;

let resellerId = '';
for (let round = 1; round <= KILLS; round++) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1', HUOBAN_DEMO_PASSWORD: PASSWORD, HUOBAN_RATE_LIMIT: '0', HUOBAN_SERVE_CONSOLE: 'off', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitHealthy(url, child);
  if (!resellerId) {
    const md = await issueToken(url, 'md_demo');
    const list = await fetch(`${url}/v2/partners/indirect-partners/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auth-token': md },
      body: JSON.stringify({ account_name: 'rs_demo1' }),
    }).then((r) => r.json() as Promise<{ indirect_partners: { indirect_partner_id: string }[] }>);
    resellerId = list.indirect_partners[0].indirect_partner_id;
  }

  // Writers: an acknowledged (201) token issue is a committed session row and audit record; an
  // acknowledged (200) allocation or reclaim is a committed journal. Money writers alternate
  // allocating and reclaiming ¥0.01 between md_demo and rs_demo1, each with its own X-Client-Token.
  let running = true;
  const tokenWriter = async () => {
    while (running) {
      const name = ACCOUNTS[Math.floor(random() * ACCOUNTS.length)];
      try {
        const r = await fetch(`${url}/v3/auth/tokens`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name, password: PASSWORD } } } } }),
        });
        if (r.status === 201) acknowledged.push(createHash('sha256').update(r.headers.get('x-subject-token')!).digest('hex'));
      } catch {
        return; // the server is gone
      }
    }
  };
  const token = await issueToken(url, 'md_demo');
  const moneyWriter = async (n: number) => {
    for (let i = 0; running; i++) {
      const [path, field] = i % 2 === 0 ? ['indirect-partner-adjust', 'transfer_id'] : ['indirect-partner-reclaim', 'trans_id'];
      try {
        const r = await fetch(`${url}/v2/accounts/partner-accounts/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-auth-token': token, 'x-client-token': `crash-${round}-${n}-${i}` },
          body: JSON.stringify({ indirect_partner_id: resellerId, amount: '0.01' }),
        });
        const body = await r.json();
        if (r.status === 200) acknowledgedTransfers.push(body[field]);
      } catch {
        return;
      }
    }
  };
  const writers = [tokenWriter(), tokenWriter(), moneyWriter(1), moneyWriter(2)];
  await new Promise((r) => setTimeout(r, 300 + random() * 2500));
  child.kill('SIGKILL');
  running = false;
  await Promise.all(writers);
  await new Promise((r) => child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r));
  kills++;

  // Open the data directly, as the next start would.
  const database = await openDatabase({ dataDir });
  try {
    const applied = await migrate(database);
    if (applied.length) violations.push(`round ${round}: migrations re-applied after restart: ${applied.join(', ')}`);
    const present = new Set((await database.db.selectFrom('auth_session').select('id').execute()).map((r) => r.id));
    const lost = acknowledged.filter((id) => !present.has(id));
    if (lost.length) violations.push(`round ${round}: ${lost.length} acknowledged writes lost`);
    const journals = new Set((await database.db.selectFrom('ledger_journal').select('id').execute()).map((r) => r.id));
    const lostTransfers = acknowledgedTransfers.filter((id) => !journals.has(id));
    if (lostTransfers.length) violations.push(`round ${round}: ${lostTransfers.length} acknowledged transfers lost`);
    const audit = await createAuditService({ clock: systemClock }).verify(database.db);
    if (audit.breaks.length) violations.push(`round ${round}: audit chain broken: ${JSON.stringify(audit.breaks.slice(0, 3))}`);
    const ledger = await checkLedgerInvariant(database.db);
    if (!ledger.ok) violations.push(`round ${round}: ledger invariant: ${ledger.problems.slice(0, 3).join('; ')}`);
    console.log(`round ${round}: ${acknowledged.length + acknowledgedTransfers.length} acknowledged writes so far (${acknowledgedTransfers.length} transfers); data opens, all present`);
  } catch (error) {
    violations.push(`round ${round}: data did not open cleanly: ${(error as Error).message}`);
  } finally {
    await database.close();
  }
}

rmSync(dataDir, { recursive: true, force: true });
console.log(`\nkills survived: ${kills}, acknowledged writes: ${acknowledged.length} sign-ins and ${acknowledgedTransfers.length} transfers, lost: ${violations.filter((v) => v.includes('lost')).length ? 'some (see below)' : 0}`);
console.log(`violations: ${violations.length}`);
for (const v of violations) console.log(`  ${v}`);
process.exit(violations.length ? 1 : 0);
