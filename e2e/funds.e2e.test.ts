// Funds journey: md_demo allocates ¥100.00 to rs_demo1 in My Cloud Resellers, finds it in the
// adjustment records and in its income/expense details, reclaims ¥40.00; rs_demo1 sees both in
// its own details. Every balance shown moves by exactly those amounts.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { journey, signIn, snapshot, url } from './support.ts';
import { base32Decode, hotp, stepAt } from '../server/src/modules/organization/totp.ts';

/** "12,345.60" -> 1234560n fen. */
function fen(text: string): bigint {
  const m = /(-?)([\d,]+)\.(\d\d)/.exec(text);
  if (!m) throw new Error(`no amount in "${text}"`);
  const v = BigInt(m[2].replaceAll(',', '')) * 100n + BigInt(m[3]);
  return m[1] ? -v : v;
}

async function amountOf(page: Page, testId: string): Promise<bigint> {
  const el = page.getByTestId(testId);
  await el.waitFor();
  await page.waitForFunction((id) => /\d\.\d\d/.test(document.querySelector(`[data-testid="${id}"]`)?.textContent ?? ''), testId);
  return fen(await el.innerText());
}

/** Waits until the element shows the expected amount (queries refresh after a move). */
async function expectAmount(page: Page, testId: string, expected: bigint) {
  const deadline = Date.now() + 10_000;
  let last = 0n;
  while (Date.now() < deadline) {
    last = await amountOf(page, testId);
    if (last === expected) return;
    await page.waitForTimeout(200);
  }
  assert.equal(last, expected, `${testId} shows ${last} fen, expected ${expected}`);
}

async function move(page: Page, action: 'allocate' | 'reclaim', amount: string, party: RegExp): Promise<string> {
  await page.getByTestId(`${action}-rs_demo1`).click();
  const dialog = page.getByTestId('move-dialog');
  await dialog.waitFor();
  await page.getByTestId('move-amount').fill(amount);
  await page.getByTestId('move-next').click();
  const summary = await page.getByTestId('move-summary').innerText();
  assert.match(summary, new RegExp(`¥${amount.replace('.', '\\.')}`), 'the confirmation states the amount');
  assert.match(summary, party, 'the confirmation names the reseller');
  assert.match(summary, /北京|md_demo/, 'the confirmation names the distributor');
  await page.getByTestId('move-confirm').click();
  const trans = await page.getByTestId('move-trans-id').innerText();
  assert.match(trans, /\S{6,}/);
  await page.getByTestId('move-close').click();
  await dialog.waitFor({ state: 'hidden' });
  return trans.trim();
}

async function openDetails(page: Page) {
  await page.goto(url('/sales/funds'));
  await page.getByTestId('funds-page').waitFor();
  await page.getByTestId('funds-tab-details').click();
  await page.getByTestId('details-table').waitFor();
}

async function detailRow(page: Page, transId: string) {
  const row = page.getByTestId('details-table').getByRole('row').filter({ hasText: transId });
  await row.first().waitFor();
  return row.first().innerText();
}

journey('funds: a distributor allocates to and reclaims from a reseller; both sides see it', async (page) => {
  // The reseller's cash before, as it sees it.
  await signIn(page, 'rs_demo1');
  await page.goto(url('/sales/funds'));
  const rsCashBefore = await amountOf(page, 'balance-cash');
  await page.context().clearCookies();

  await page.goto(url('/login'));
  await signIn(page, 'md_demo');
  await page.goto(url('/sales/funds'));
  const mdCashBefore = await amountOf(page, 'balance-cash');

  await page.goto(url('/sales/resellers'));
  await page.getByTestId('resellers-page').waitFor();
  const ownBefore = await amountOf(page, 'own-allocatable');
  const resellerBefore = await amountOf(page, 'reseller-balance-rs_demo1');
  assert.equal(resellerBefore, rsCashBefore, 'the distributor sees the reseller’s balance');

  const allocation = await move(page, 'allocate', '100.00', /杭州云帆|rs_demo1/);
  await expectAmount(page, 'own-allocatable', ownBefore - 10000n);
  await expectAmount(page, 'reseller-balance-rs_demo1', resellerBefore + 10000n);
  await snapshot(page, 'funds-allocated');

  // The adjustment records, from the row's link.
  await page.getByTestId('records-rs_demo1').click();
  const record = page.getByTestId('adjust-records').getByRole('row').filter({ hasText: allocation });
  await record.waitFor();
  assert.match(await record.innerText(), /100\.00/);
  assert.match(await record.innerText(), /拨款/);

  // The distributor's income/expense details: an expense of 100.00, balance after it.
  await openDetails(page);
  const mdRow = await detailRow(page, allocation);
  assert.match(mdRow, /-100\.00/);
  assert.match(mdRow, /支出/);
  await page.getByTestId('funds-tab-balance').click();
  await expectAmount(page, 'balance-cash', mdCashBefore - 10000n);

  // Reclaim 40.00.
  await page.goto(url('/sales/resellers'));
  await page.getByTestId('resellers-page').waitFor();
  await expectAmount(page, 'reseller-balance-rs_demo1', resellerBefore + 10000n);
  const reclaim = await move(page, 'reclaim', '40.00', /杭州云帆|rs_demo1/);
  assert.notEqual(reclaim, allocation);
  await expectAmount(page, 'own-allocatable', ownBefore - 6000n);
  await expectAmount(page, 'reseller-balance-rs_demo1', resellerBefore + 6000n);
  await page.getByTestId('tab-records').click();
  const reclaimRecord = page.getByTestId('adjust-records').getByRole('row').filter({ hasText: reclaim });
  await reclaimRecord.waitFor();
  assert.match(await reclaimRecord.innerText(), /40\.00/);
  await openDetails(page);
  assert.match(await detailRow(page, reclaim), /\+40\.00/);

  // The reseller's side.
  await page.context().clearCookies();
  await page.goto(url('/login'));
  await signIn(page, 'rs_demo1');
  await openDetails(page);
  const income = await detailRow(page, allocation);
  assert.match(income, /\+100\.00/);
  assert.match(income, /收入/);
  const expense = await detailRow(page, reclaim);
  assert.match(expense, /-40\.00/);
  assert.equal(fen(expense.split('\t').find((c) => /-?[\d,]+\.\d\d/.test(c) && !c.includes('-40.00')) ?? ''), rsCashBefore + 6000n, 'balance after the reclaim');
  await page.getByTestId('funds-tab-balance').click();
  await expectAmount(page, 'balance-cash', rsCashBefore + 6000n);
  await snapshot(page, 'funds-reseller-details');
});

/** One-time codes for a secret, each for a later step than the last, within the server's ±1 window. */
function codes(secret: string) {
  let last = -1n;
  return async (): Promise<string> => {
    for (;;) {
      const current = stepAt(new Date());
      const step = last + 1n > current - 1n ? last + 1n : current - 1n;
      if (step <= current + 1n) {
        last = step;
        return hotp(base32Decode(secret), step);
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  };
}

journey('funds: with verification on, customer allocation and batch allocation ask for the one-time code', async (page) => {
  await signIn(page, 'sp_demo');
  const csrf = (await page.context().cookies()).find((c) => c.name === 'huoban_csrf')!.value;
  const call = async (method: 'POST' | 'PUT' | 'DELETE', path: string, data: unknown, code?: string) => {
    const r = await page.request.fetch(url(path), {
      method,
      ...(data === undefined ? {} : { data: data as object }),
      headers: { 'x-csrf-token': csrf, 'content-type': 'application/json', ...(code ? { 'x-verification-code': code } : {}) },
    });
    assert.ok(r.ok(), `${path}: ${r.status()} ${await r.text()}`);
    return r.json().catch(() => null);
  };
  const { secret } = await call('POST', '/api/me/totp', {});
  const next = codes(secret);
  await call('POST', '/api/me/totp/confirm', { code: await next() });
  await call('PUT', '/api/organization/security', { sensitive_operation_verification: true }, await next());
  try {
    await page.goto(url('/sales/customers'));
    await page.getByTestId('customers-funds-tab').click();
    await page.getByTestId('customer-funds').waitFor();
    const row = page.getByRole('row').filter({ hasText: '广州青禾' });
    await row.waitFor();
    const balance = row.locator('[data-testid^="customer-balance-"]');
    const before = fen(await balance.innerText());
    await row.getByRole('button', { name: '拨款' }).click();
    await page.getByTestId('move-amount').fill('10.00');
    await page.getByTestId('move-next').click();
    assert.match(await page.getByTestId('move-summary').innerText(), /¥10\.00/);
    await page.getByTestId('move-confirm').click();
    // The server asks for the code: its error is shown with the code, and a code field appears.
    assert.match(await page.getByTestId('move-error').innerText(), /HBN\.2021/);
    await page.getByTestId('move-code').fill(await next());
    await page.getByTestId('move-confirm').click();
    assert.match(await page.getByTestId('move-trans-id').innerText(), /^AD/);
    await page.getByTestId('move-close').click();
    const balanceId = (await balance.getAttribute('data-testid'))!;
    await expectAmount(page, balanceId, before + 1000n);

    // Batch allocation: one amount per ticked customer, a result per row; it needs the code too.
    await row.locator('.ant-checkbox-input').check();
    await page.getByTestId('batch-allocate').click();
    await page.locator('[data-testid^="batch-amount-"]').first().fill('5.00');
    await page.getByTestId('batch-next').click();
    await page.getByTestId('batch-confirm').click();
    assert.match(await page.getByTestId('batch-error').innerText(), /HBN\.2021/);
    await page.getByTestId('batch-code').fill(await next());
    await page.getByTestId('batch-confirm').click();
    const result = await page.getByTestId('batch-result').innerText();
    assert.match(result, /广州青禾[\s\S]*成功[\s\S]*AD/);
    await page.getByRole('dialog').getByRole('button', { name: /关\s*闭/ }).click();
    await expectAmount(page, balanceId, before + 1500n);
  } finally {
    // Leave sp_demo as it was for other journeys.
    await call('PUT', '/api/organization/security', { sensitive_operation_verification: false }, await next());
    await call('DELETE', '/api/me/totp', undefined, await next());
  }
});
