// The partner's own account: top-up and remittance matching, credit line, payment agreements, withdrawal.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { assertLedgerInvariant, balanceOf, ledgerFingerprint, orgIdOf } from '../support/ledger.ts';

let t: TestApp;
let sp: HttpClient;
let vendor: HttpClient;
before(async () => {
  t = await createTestApp();
  t.clock.advance(60_000);
  sp = await t.console('sp_demo');
  vendor = await t.token('vendor_admin');
});
afterEach(() => assertLedgerInvariant(t));
after(() => t.close());

const agreement = (name: string) => ({
  entrusted_party_type: 'INDIVIDUAL',
  entrusted_party_name: name,
  entrusted_party_identifier: '110101199001011234',
  relationship: 'OTHER',
  reason: 'PAY_ON_BEHALF',
  consent: true,
});

test('an online top-up is credited only when the vendor confirms it', async () => {
  const cash = await balanceOf(t, 'sp_demo', 'partner_cash');
  const r = await sp.post('/api/funds/top-ups', { body: { amount: '1000.00' } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.status, 'PENDING');
  assert.equal(await balanceOf(t, 'sp_demo', 'partner_cash'), cash);
  const denied = await sp.post(`/api/vendor/top-ups/${r.body.id}/confirm`);
  assert.equal(denied.status, 403);
  const c = await vendor.post(`/api/vendor/top-ups/${r.body.id}/confirm`);
  assert.equal(c.status, 200, JSON.stringify(c.body));
  assert.equal(c.body.status, 'CREDITED');
  assert.equal(await balanceOf(t, 'sp_demo', 'partner_cash'), cash + 100000n);
  const again = await vendor.post(`/api/vendor/top-ups/${r.body.id}/confirm`);
  assert.equal(again.status, 409);
  assert.equal(again.body.error_code, 'HBN.4003');
  const details = await sp.get('/v2/accounts/partner-accounts/account-change-records', { query: { trade_type: 'RECHARGE', limit: 1 } });
  assert.equal(details.body.records[0].trade_detail_type, 'SOURCE_OPERAIION_RECHARGE');
  assert.equal(details.body.records[0].change_amount, '1000.00');
});

test('bank remittances: matched by the dedicated account; unknown payers are held for review until an agreement or the vendor accepts', async () => {
  const account = await sp.post('/api/funds/remittance-account');
  assert.equal(account.status, 200);
  assert.equal(account.body.activated, true);
  assert.match(account.body.account_number, /^\d{19}$/);
  const again = await sp.post('/api/funds/remittance-account');
  assert.equal(again.body.account_number, account.body.account_number);
  const number = account.body.account_number;
  const cash = await balanceOf(t, 'sp_demo', 'partner_cash');

  const own = await vendor.post('/api/vendor/remittances', { body: { account_number: number, payer_name: '深圳数智方案有限公司', amount: '500', bank_reference: 'B-1' } });
  assert.equal(own.body.status, 'CREDITED', JSON.stringify(own.body));
  assert.equal(await balanceOf(t, 'sp_demo', 'partner_cash'), cash + 50000n);
  const recordedTwice = await vendor.post('/api/vendor/remittances', { body: { account_number: number, payer_name: '深圳数智方案有限公司', amount: '500', bank_reference: 'B-1' } });
  assert.equal(recordedTwice.body.id, own.body.id);
  assert.equal(await balanceOf(t, 'sp_demo', 'partner_cash'), cash + 50000n);

  const stranger = await vendor.post('/api/vendor/remittances', { body: { account_number: number, payer_name: '王五', amount: '300', bank_reference: 'B-2' } });
  assert.equal(stranger.body.status, 'HELD');
  assert.equal(await balanceOf(t, 'sp_demo', 'partner_cash'), cash + 50000n);
  const created = await sp.post('/api/funds/payment-agreements', { body: agreement('王五') });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const entrusted = await vendor.post('/api/vendor/remittances', { body: { account_number: number, payer_name: ' 王五 ', amount: '200', bank_reference: 'B-3' } });
  assert.equal(entrusted.body.status, 'CREDITED');
  const accepted = await vendor.post(`/api/vendor/top-ups/${stranger.body.id}/confirm`);
  assert.equal(accepted.body.status, 'CREDITED');
  assert.equal(await balanceOf(t, 'sp_demo', 'partner_cash'), cash + 100000n);

  const nowhere = await vendor.post('/api/vendor/remittances', { body: { account_number: '000', payer_name: 'x', amount: '1', bank_reference: 'B-4' } });
  assert.equal(nowhere.body.status, 'HELD');
  assert.equal(nowhere.body.org_id, null);
  const rejected = await vendor.post(`/api/vendor/top-ups/${nowhere.body.id}/reject`, { body: { reason: 'returned to payer' } });
  assert.equal(rejected.body.status, 'REJECTED');
  const listed = await sp.get('/api/funds/top-ups', { query: { status: 'HELD' } });
  assert.ok(listed.body.top_ups.every((x: { org_id: string }) => x.org_id === listed.body.top_ups[0]?.org_id));
});

test('the vendor sets the credit line; the balance view shows it', async () => {
  const spId = await orgIdOf(t, 'sp_demo');
  const r = await vendor.put(`/api/vendor/partners/${spId}/credit-line`, { body: { credit_amount: '80000.00' } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const b = await sp.get('/v2/accounts/partner-accounts/balances');
  const credit = b.body.account_balances.find((x: { account_type: number }) => x.account_type === 2);
  assert.equal(credit.credit_amount, 80000);
  assert.equal(credit.amount, 80000);
  const lower = await vendor.put(`/api/vendor/partners/${spId}/credit-line`, { body: { credit_amount: 30000 } });
  assert.equal(lower.status, 200);
  const details = await sp.get('/v2/accounts/partner-accounts/account-change-records', { query: { balance_type: 'BALANCE_TYPE_CREDIT', limit: 1 } });
  assert.equal(details.body.records[0].trade_detail_type, 'SOURCE_OPERAIION_ADJUST_CREDIT');
  assert.equal(details.body.records[0].type, '2');
  assert.equal(details.body.records[0].balance_after_change, '30000.00');
});

test('payment agreements: at most 5 active, a clear error for the sixth, invalidation frees a place; others see nothing', async () => {
  const existing = (await sp.get('/api/funds/payment-agreements', { query: { status: 'ACTIVE' } })).body.total_count;
  const ids: string[] = [];
  for (let i = existing; i < 5; i++) ids.push((await sp.post('/api/funds/payment-agreements', { body: agreement(`代付人${i}`) })).body.id);
  const sixth = await sp.post('/api/funds/payment-agreements', { body: agreement('第六人') });
  assert.equal(sixth.status, 400);
  assert.equal(sixth.body.error_code, 'HBN.4002');
  const noConsent = await sp.post('/api/funds/payment-agreements', { body: { ...agreement('x'), consent: false } });
  assert.equal(noConsent.body.error_code, 'CBC.0100');
  const inv = await sp.post(`/api/funds/payment-agreements/${ids[0]}/invalidate`);
  assert.equal(inv.body.status, 'INVALID');
  assert.ok(inv.body.expire_time);
  const twice = await sp.post(`/api/funds/payment-agreements/${ids[0]}/invalidate`);
  assert.equal(twice.body.error_code, 'HBN.4003');
  const sixthNow = await sp.post('/api/funds/payment-agreements', { body: agreement('第六人') });
  assert.equal(sixthNow.status, 201);
  const detail = await sp.get(`/api/funds/payment-agreements/${sixthNow.body.id}`);
  assert.equal(detail.body.entrusted_party_name, '第六人');
  const md = await t.token('md_demo');
  const foreign = await md.get(`/api/funds/payment-agreements/${sixthNow.body.id}`);
  assert.equal(foreign.status, 404);
  const foreignInvalidate = await md.post(`/api/funds/payment-agreements/${sixthNow.body.id}/invalidate`);
  assert.equal(foreignInvalidate.status, 404);
  const mdList = await md.get('/api/funds/payment-agreements');
  assert.ok(mdList.body.agreements.every((a: { id: string }) => !ids.includes(a.id)));
});

test('withdrawal: held while open, paid on approval, returned on rejection, never above the withdrawable amount', async () => {
  const w = await sp.get('/api/funds/withdrawable');
  const cash = await balanceOf(t, 'sp_demo', 'partner_cash');
  assert.equal(w.body.withdrawable_amount, (Number(cash) / 100).toFixed(2));
  const bank = { bank_account_name: '深圳数智方案有限公司', bank_account_number: '6222020200112233445', bank_name: '示例银行' };
  const before = await ledgerFingerprint(t);
  const tooMuch = await sp.post('/api/funds/withdrawals', { body: { amount: ((Number(cash) + 1) / 100).toFixed(2), ...bank } });
  assert.equal(tooMuch.body.error_code, 'HBN.4004');
  assert.equal(await ledgerFingerprint(t), before);

  const a = await sp.post('/api/funds/withdrawals', { body: { amount: '100.00', ...bank }, headers: { 'X-Client-Token': 'wd-1' } });
  assert.equal(a.status, 201, JSON.stringify(a.body));
  const replay = await sp.post('/api/funds/withdrawals', { body: { amount: '100.00', ...bank }, headers: { 'X-Client-Token': 'wd-1' } });
  assert.equal(replay.body.id, a.body.id);
  assert.equal(await balanceOf(t, 'sp_demo', 'partner_cash'), cash - 10000n);
  const held = await balanceOf(t, 'sp_demo', 'partner_withdrawal_hold');
  const b = await sp.post('/api/funds/withdrawals', { body: { amount: '50.00', ...bank } });

  const paid = await vendor.post(`/api/vendor/withdrawals/${a.body.id}/approve`);
  assert.equal(paid.body.status, 'PAID');
  assert.equal(await balanceOf(t, 'sp_demo', 'partner_withdrawal_hold'), held + 5000n - 10000n);
  const rejected = await vendor.post(`/api/vendor/withdrawals/${b.body.id}/reject`, { body: { reason: 'bank account name differs' } });
  assert.equal(rejected.body.status, 'REJECTED');
  assert.equal(await balanceOf(t, 'sp_demo', 'partner_cash'), cash - 10000n);
  const again = await vendor.post(`/api/vendor/withdrawals/${a.body.id}/reject`, { body: { reason: 'x' } });
  assert.equal(again.body.error_code, 'HBN.4003');
  const missing = await vendor.post('/api/vendor/withdrawals/WDNOPE/approve');
  assert.equal(missing.status, 404);
  const mine = await sp.get('/api/funds/withdrawals');
  assert.ok(mine.body.withdrawals.some((x: { id: string }) => x.id === a.body.id));
  const md = await t.token('md_demo');
  const theirs = await md.get('/api/funds/withdrawals');
  assert.ok(theirs.body.withdrawals.every((x: { id: string }) => x.id !== a.body.id));
});
