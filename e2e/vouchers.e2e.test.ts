// Vouchers journey: md_demo gives rs_demo1 a quota of ¥1,000.00, rs_demo1 issues a ¥200.00 voucher
// to its customer, the customer disassociates (the reseller approves), the voucher is reclaimed
// and the quota shows ¥1,000.00 again.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { journey, signIn, snapshot, url } from './support.ts';

/** A same-origin API call with the page's session (and its CSRF token for writes). */
async function call(page: Page, method: string, path: string, body?: unknown): Promise<any> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const csrf = document.cookie.split(';').map((c) => c.trim().split('=')).find(([k]) => k === 'huoban_csrf')?.[1];
      const r = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': decodeURIComponent(csrf) } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return r.status === 204 ? null : r.json();
    },
    { method, path, body },
  );
}

async function signOut(page: Page) {
  await page.getByTestId('account-menu').click();
  await page.getByTestId('sign-out').click();
  await page.waitForURL(/\/login/);
}

journey('vouchers: quota to a reseller, a voucher to its customer, reclaimed on disassociation', async (page) => {
  await page.goto(url('/login'));
  await signIn(page, 'md_demo');
  const resellers = await call(page, 'POST', '/v2/partners/indirect-partners/query', { account_name: 'rs_demo1' });
  const rs1 = resellers.indirect_partners[0].indirect_partner_id as string;

  await page.goto(url('/sales/vouchers'));
  const quotas = page.getByTestId('quota-table-0');
  await quotas.getByTestId('issue-quota').first().click();
  await page.getByTestId('issue-ids').fill(rs1);
  await page.getByTestId('issue-amount').fill('1000');
  await page.getByTestId('issue-submit').click();
  const result = page.getByTestId('batch-result');
  await result.waitFor();
  const resultText = await result.innerText();
  assert.match(resultText, /成功/);
  const childQuota = /QT[0-9A-F]{32}/.exec(resultText)![0];
  await snapshot(page, 'vouchers-quota-issued');
  await page.getByTestId('issue-submit').click();
  await signOut(page);

  await signIn(page, 'rs_demo1');
  const customers = await call(page, 'POST', '/v2/partners/sub-customers/query', { account_name: 'cust_demo5' });
  const customerId = customers.customer_infos[0].customer_id as string;
  await page.goto(url('/sales/vouchers'));
  const row = page.getByTestId('quota-table-0').locator('tr', { hasText: childQuota });
  await row.waitFor();
  assert.match(await row.innerText(), /1,000\.00/);
  await row.getByTestId('issue-coupons').click();
  await page.getByTestId('issue-ids').fill(customerId);
  await page.getByTestId('issue-amount').fill('200');
  await page.getByTestId('issue-submit').click();
  await page.getByTestId('batch-result').waitFor();
  assert.match(await page.getByTestId('batch-result').innerText(), /成功/);
  await page.getByTestId('issue-submit').click();
  await row.filter({ hasText: '800.00' }).waitFor();
  await signOut(page);

  // The customer asks to end the association; the reseller approves.
  await signIn(page, 'cust_demo5');
  const request = await call(page, 'POST', '/api/my-partners/disassociation', { reason: 'moving to direct purchase' });
  assert.ok(request.id, JSON.stringify(request));
  await signOut(page);
  await signIn(page, 'rs_demo1');
  const approved = await call(page, 'POST', `/api/association-events/${request.id}/approve`, {});
  assert.ok(!approved.error_code, JSON.stringify(approved));

  await page.goto(url('/sales/vouchers'));
  await page.getByTestId('quota-table-0').locator('tr', { hasText: childQuota }).filter({ hasText: '1,000.00' }).waitFor();
  await page.getByRole('tab', { name: '已发放代金券' }).click();
  await page.getByTestId('issued-table').locator('tr', { hasText: customerId }).filter({ hasText: '已回收' }).first().waitFor();
  await snapshot(page, 'vouchers-reclaimed-on-disassociation');
});
