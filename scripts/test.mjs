// The test command: unit tests, API tests on PGlite (and again on PostgreSQL when DATABASE_URL is
// set), then the browser journeys in Chromium against the built server. Prints one closing
// line with the totals. Usage: node scripts/test.mjs [unit|api|e2e ...]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';

const root = path.resolve(import.meta.dirname, '..');
const tmp = path.join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
const wanted = new Set(process.argv.slice(2));
const want = (phase) => wanted.size === 0 || wanted.has(phase);
const DEMO_PASSWORD = 'Demo@12345';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function find(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(full).isDirectory() ? find(full, suffix) : full.endsWith(suffix) ? [full] : [];
  });
}

const totals = { pass: 0, fail: 0, phases: [] };

function runNodeTests(label, files, env = {}, concurrency = 2) {
  if (files.length === 0) return;
  console.log(`\n=== ${label}: ${files.length} files ===`);
  const tap = path.join(tmp, `${label.replace(/\W+/g, '-')}.tap`);
  const result = spawnSync(
    process.execPath,
    [
      '--import', 'tsx',
      '--test',
      `--test-concurrency=${concurrency}`,
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tap}`,
      ...files,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } },
  );
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const pass = Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0);
  const fail = Number(/^# fail (\d+)/m.exec(text)?.[1] ?? 0) + (result.status !== 0 && !/^# fail [1-9]/m.test(text) ? 1 : 0);
  totals.pass += pass;
  totals.fail += fail;
  totals.phases.push(`${label}: ${pass} passed, ${fail} failed`);
}

async function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server did not answer at ${url}`);
}

async function runE2e() {
  const files = find(path.join(root, 'e2e'), '.e2e.test.ts');
  if (files.length === 0) return;
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}: install the Debian package chromium`);
    console.log(`\n=== browser journeys skipped: no Chromium at ${CHROMIUM} (apt-get install chromium) ===`);
    return;
  }
  const build = spawnSync('npm', ['run', 'build:console'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('console build failed');
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huoban-e2e-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      HUOBAN_DEMO_PASSWORD: DEMO_PASSWORD,
      HUOBAN_RATE_LIMIT: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  server.stdout.on('data', () => {});
  try {
    await waitFor(`http://127.0.0.1:${port}/healthz`, 60_000);
    runNodeTests('browser journeys (Chromium)', files, { E2E_BASE_URL: `http://127.0.0.1:${port}`, HUOBAN_DEMO_PASSWORD: DEMO_PASSWORD }, 1);
  } finally {
    // Let the embedded database close before its directory goes.
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (want('unit')) runNodeTests('unit', [...find(path.join(root, 'server/src'), '.test.ts'), ...find(path.join(root, 'console/src'), '.test.ts')]);
if (want('api')) {
  const apiTests = find(path.join(root, 'server/test'), '.test.ts');
  runNodeTests('api on PGlite', apiTests, { TEST_DB: 'pglite' });
  if (process.env.DATABASE_URL) runNodeTests('api on PostgreSQL', apiTests, { TEST_DB: 'postgres' });
  else console.log('\n=== API tests on PostgreSQL skipped: set DATABASE_URL=postgres://... to run them ===');
}
if (want('e2e')) await runE2e();

console.log(`\n${totals.phases.join('\n')}`);
console.log(`${totals.pass} passed, ${totals.fail} failed`);
process.exit(totals.fail > 0 ? 1 : 0);
