// The console side of money: sensitive-operation verification on every money move a console user
// makes, and the .xlsx export of income and expense details.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { assertLedgerInvariant, ledgerFingerprint, orgIdOf } from '../support/ledger.ts';
import { createMember, createRole } from '../support/organization.ts';
import { totpAt } from '../../src/modules/organization/totp.ts';

let t: TestApp;
let md: HttpClient;
let mdToken: HttpClient;
let secret: string;
const id: Record<string, string> = {};
const code = () => {
  t.clock.advance(30_000); // each code is good once: move to the next time step
  return totpAt(secret, t.clock.now());
};

before(async () => {
  t = await createTestApp();
  t.clock.advance(60_000);
  md = await t.console('md_demo');
  mdToken = await t.token('md_demo');
  for (const name of ['rs_demo1', 'cust_demo3']) id[name] = await orgIdOf(t, name);
});
afterEach(() => assertLedgerInvariant(t));
after(() => t.close());

const ADJUST_RESELLER = '/v2/accounts/partner-accounts/indirect-partner-adjust';
const RECLAIM_RESELLER = '/v2/accounts/partner-accounts/indirect-partner-reclaim';
const ADJUST_CUSTOMER = '/v2/accounts/partner-accounts/adjust-amount';
const RECLAIM_CUSTOMER = '/v2/accounts/partner-accounts/reclaim';
const BATCH = '/api/funds/customer-allocations';
const WITHDRAW = '/api/funds/withdrawals';

const moves: [string, () => unknown, number][] = [
  [ADJUST_RESELLER, () => ({ indirect_partner_id: id.rs_demo1, amount: '10.00' }), 200],
  [RECLAIM_RESELLER, () => ({ indirect_partner_id: id.rs_demo1, amount: '10.00' }), 200],
  [ADJUST_CUSTOMER, () => ({ customer_id: id.cust_demo3, amount: '5.00' }), 200],
  [RECLAIM_CUSTOMER, () => ({ customer_id: id.cust_demo3, amount: '5.00' }), 200],
  [BATCH, () => ({ items: [{ customer_id: id.cust_demo3, amount: '1.00' }] }), 200],
  [WITHDRAW, () => ({ amount: '1.00', bank_account_name: '北京华讯数智科技有限公司', bank_account_number: '6222020200001234', bank_name: '示例银行' }), 201],
];

test('without verification on, a console session moves money with no code', async () => {
  const r = await md.post(ADJUST_RESELLER, { body: { indirect_partner_id: id.rs_demo1, amount: '1.00' } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.match(r.body.transfer_id, /\S/);
});

test('with verification on: console money moves are refused without a code (nothing moves) and accepted with a valid TOTP code', async () => {
  secret = (await md.post('/api/me/totp')).body.secret;
  assert.equal((await md.post('/api/me/totp/confirm', { body: { code: code() } })).status, 200);
  const on = await md.put('/api/organization/security', { body: { sensitive_operation_verification: true }, headers: { 'x-verification-code': code() } });
  assert.equal(on.status, 200, JSON.stringify(on.body));

  for (const [path, body, ok] of moves) {
    const before = await ledgerFingerprint(t);
    const refused = await md.post(path, { body: body(), headers: { 'x-client-token': `sf-${path.length}-${ok}-none` } });
    assert.equal(refused.status, 403, `${path}: ${JSON.stringify(refused.body)}`);
    assert.equal(refused.body.error_code, 'HBN.2021', path);
    const wrong = await md.post(path, { body: body(), headers: { 'x-verification-code': '000000' } });
    assert.equal(wrong.body.error_code, 'HBN.2022', path);
    assert.deepEqual(await ledgerFingerprint(t), before, `${path}: a refused move changed nothing`);
    // The same idempotency key works once the code is given: the refusal was not stored as its answer.
    const accepted = await md.post(path, { body: body(), headers: { 'x-client-token': `sf-${path.length}-${ok}-none`, 'x-verification-code': code() } });
    assert.equal(accepted.status, ok, `${path}: ${JSON.stringify(accepted.body)}`);
    if (path === BATCH) assert.equal(accepted.body.successes.length, 1);
  }
  // A used code cannot be used again.
  const once = code();
  assert.equal((await md.post(ADJUST_RESELLER, { body: { indirect_partner_id: id.rs_demo1, amount: '1.00' }, headers: { 'x-verification-code': once } })).status, 200);
  const replayedCode = await md.post(ADJUST_RESELLER, { body: { indirect_partner_id: id.rs_demo1, amount: '1.00' }, headers: { 'x-verification-code': once } });
  assert.equal(replayedCode.body.error_code, 'HBN.2022');
  // API callers (IAM token) are not asked: Huawei-compatible programs cannot answer the dialog.
  const api = await mdToken.post(ADJUST_RESELLER, { body: { indirect_partner_id: id.rs_demo1, amount: '1.00' } });
  assert.equal(api.status, 200, JSON.stringify(api.body));
});

test('income and expense details export to .xlsx with the list’s filters, span and permission', async () => {
  const list = await mdToken.get('/v2/accounts/partner-accounts/account-change-records', { query: { trade_type: 'BEADJUST', limit: 100 } });
  assert.equal(list.status, 200);
  assert.ok(list.body.total_count >= 3);
  const response = await fetch(`${t.url}/api/funds/account-change-records/export?trade_type=BEADJUST`, { headers: { cookie: (md as unknown as { auth: { cookie: string } }).auth.cookie } });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type')!, /spreadsheetml/);
  assert.match(response.headers.get('content-disposition')!, /attachment; filename="income-expense-.*\.xlsx"/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
  const sheet = workbook.getWorksheet('Income and expense')!;
  assert.equal(sheet.rowCount, 1 + list.body.total_count, 'header and one row per record');
  const first = list.body.records[0];
  assert.equal(sheet.getRow(2).getCell(2).value, first.trade_id);
  assert.equal(sheet.getRow(2).getCell(5).value, first.change_amount, 'amounts are the API’s decimal text');
  assert.equal(sheet.getRow(2).getCell(6).value, first.balance_after_change);

  const tooLong = await mdToken.get('/api/funds/account-change-records/export', { query: { trade_time_begin: '2024-01-01', trade_time_end: '2025-06-01' } });
  assert.equal(tooLong.status, 400);
  assert.equal(tooLong.body.error_code, 'CBC.0100');

  const roleId = await createRole(md, 'records only', ['BPC_ITEM_FINANCE_040100']);
  const member = await createMember(t, md, 'md_noexport', [roleId]);
  const denied = await member.client.get('/api/funds/account-change-records/export');
  assert.equal(denied.status, 403);
});
