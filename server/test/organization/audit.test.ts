import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { createTestApp, DEMO_PASSWORD, testEngine, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { createMember } from '../support/organization.ts';

let t: TestApp;
let md: HttpClient;
before(async () => {
  t = await createTestApp();
  md = await t.console('md_demo');
  await createMember(t, md, 'md_audit1', ['system.finance']);
  t.clock.advance(3_600_000);
  await createMember(t, md, 'md_audit2', ['system.marketing']);
});
after(() => t.close());

test('the audit log lists records newest first, filtered by operator, operation and time, with paging', async () => {
  const all = await md.get('/api/organization/audit-logs', { query: { limit: 100 } });
  assert.equal(all.status, 200);
  const seqs = all.body.records.map((r: { seq: string }) => Number(r.seq));
  assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a));
  assert.equal(all.body.total_count, all.body.records.length);

  const creations = await md.get('/api/organization/audit-logs', { query: { operation: 'organization.member_create' } });
  assert.equal(creations.body.total_count, 2);
  assert.equal(creations.body.records[0].user_name, 'md_demo');
  assert.equal(creations.body.records[0].via, 'console');
  assert.match(creations.body.records[0].detail, /md_audit2/);

  const byOperator = await md.get('/api/organization/audit-logs', { query: { operator: 'md_audit1' } });
  assert.ok(byOperator.body.total_count >= 2, 'sign-in and password change');
  assert.ok(byOperator.body.records.every((r: { user_name: string }) => r.user_name === 'md_audit1'));

  const first = creations.body.records[1].occurred_at;
  const window = await md.get('/api/organization/audit-logs', {
    query: { operation: 'organization.member_create', occurred_begin: first, occurred_end: creations.body.records[0].occurred_at },
  });
  assert.equal(window.body.total_count, 1);
  assert.match(window.body.records[0].detail, /md_audit1/);

  const page = await md.get('/api/organization/audit-logs', { query: { limit: 2, offset: 1 } });
  assert.deepEqual(page.body.records.map((r: { seq: string }) => r.seq), all.body.records.slice(1, 3).map((r: { seq: string }) => r.seq));

  const badTime = await md.get('/api/organization/audit-logs', { query: { occurred_begin: '2026-13-01' } });
  assert.equal(badTime.body.error_code, 'CBC.0100');
  const reversed = await md.get('/api/organization/audit-logs', { query: { occurred_begin: '2026-06-02T00:00:00Z', occurred_end: '2026-06-01T00:00:00Z' } });
  assert.equal(reversed.body.error_code, 'CBC.0100');
});

test('export streams an .xlsx of the filtered records, and is itself audited', async () => {
  const issued = await t.http.post('/v3/auth/tokens', {
    body: { auth: { identity: { methods: ['password'], password: { user: { name: 'md_demo', password: DEMO_PASSWORD, domain: { name: 'md_demo' } } } } } },
  });
  const response = await fetch(`${t.url}/api/organization/audit-logs/export?operation=organization.member_create`, {
    headers: { 'x-auth-token': issued.headers.get('x-subject-token')! },
  });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type')!, /spreadsheetml/);
  assert.match(response.headers.get('content-disposition')!, /attachment; filename="audit-log-.*\.xlsx"/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
  const sheet = workbook.getWorksheet('Audit log')!;
  assert.equal(sheet.rowCount, 3, 'header and two records');
  assert.equal(sheet.getRow(2).getCell(6).value, 'organization.member_create');
  const audited = await md.get('/api/organization/audit-logs', { query: { operation: 'audit.export' } });
  assert.equal(audited.body.total_count, 1);
});

test('verification proves the chain, and detects a row altered directly in the table', async () => {
  const intact = await md.get('/api/organization/audit-logs/verification');
  assert.equal(intact.status, 200);
  assert.equal(intact.body.valid, true);
  assert.ok(intact.body.records > 3);

  // The product cannot alter a record ...
  await assert.rejects(sql`UPDATE audit_log SET operation = 'x' WHERE user_name = 'md_audit1'`.execute(t.services.db), /append-only/);

  const cli = () =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/src/cli/audit-verify.ts'], {
      env: { ...process.env, DATABASE_URL: t.config.databaseUrl },
    }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stderr: string }) => ({ code: e.code, out: e.stderr }),
    );
  if (testEngine === 'postgres') assert.equal((await cli()).code, 0);

  // ... but someone with the database can: the chain shows it.
  await t.services.db.transaction().execute(async (tx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(tx);
    await sql`UPDATE audit_log SET detail = '{"account_name":"someone_else"}' WHERE operation = 'organization.member_create' AND detail LIKE '%md_audit1%'`.execute(tx);
  });
  const broken = await md.get('/api/organization/audit-logs/verification');
  assert.equal(broken.body.valid, false);
  assert.equal(broken.body.breaks.length, 1);
  assert.match(broken.body.breaks[0].reason, /does not match its hash/);
  // Other organizations' chains are unaffected.
  assert.equal((await (await t.console('sp_demo')).get('/api/organization/audit-logs/verification')).body.valid, true);
  const all = await t.services.audit.verify(t.services.db);
  assert.equal(all.breaks.length, 1);

  if (testEngine === 'postgres') {
    const result = await cli();
    assert.equal(result.code, 1);
    assert.match(result.out, /BROKEN org=\w+ seq=\d+: record content does not match its hash/);
  }
});
