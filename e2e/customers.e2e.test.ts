// Customers journey: sp_demo creates an offline resale invitation link; a new customer opens it
// and registers; sp_demo finds the customer in the list and allocates ¥50.00; the customer asks
// to disassociate under "My partners"; sp_demo approves in the association records; the ¥50.00
// is back in sp_demo's cash balance.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { journey, signIn, snapshot, url } from './support.ts';

const ACCOUNT = `e2ecust${Date.now() % 1_000_000}`;
const PASSWORD = 'Cust#2026pass';
const CUSTOMER_NAME = `端到端客户-${Date.now() % 100000}`;

/** sp_demo's cash balance in fen, read from the Huawei balances API with the page's session cookie. */
async function cashFen(page: Page): Promise<number> {
  const res = await page.request.get(url('/v2/accounts/partner-accounts/balances'));
  assert.equal(res.status(), 200, await res.text());
  const body = (await res.json()) as { account_balances: { account_type: number; amount: number }[] };
  const cash = body.account_balances.find((b) => b.account_type === 1);
  assert.ok(cash, 'no cash account in the balances');
  return Math.round(cash.amount * 100);
}

async function signOut(page: Page) {
  await page.getByTestId('account-menu').click();
  await page.getByTestId('sign-out').click();
  await page.getByTestId('login-submit').waitFor();
}

journey('customers: invite a resale customer, allocate ¥50.00, customer disassociates, partner approves, ¥50.00 back', async (page) => {
  // sp_demo creates an offline resale invitation.
  await page.goto(url('/login'));
  await signIn(page, 'sp_demo');
  const before = await cashFen(page);
  await page.goto(url('/sales/customers?tab=development'));
  await page.getByTestId('invitation-create').click();
  await page.getByTestId('invitation-type-2').click();
  await page.getByTestId('invitation-tag').fill('e2e');
  await page.getByTestId('invitation-save').click();
  const link = (await page.getByTestId('invitation-link').textContent())?.trim() ?? '';
  assert.match(link, /\/invite\/[\w-]+$/);
  await snapshot(page, 'customers-invitation');
  await page.getByTestId('invitation-close').click();
  await signOut(page);

  // A new customer opens the link, reads the notice and registers.
  await page.goto(url(new URL(link).pathname));
  await page.getByTestId('invite-partner').filter({ hasText: '深圳数智方案有限公司' }).waitFor();
  assert.equal(await page.getByTestId('invite-type').textContent(), '代售');
  assert.ok(((await page.getByTestId('invite-notice').textContent()) ?? '').length > 10);
  await page.getByTestId('invite-agree').check();
  await page.getByTestId('invite-account-name').fill(ACCOUNT);
  await page.getByTestId('invite-password').fill(PASSWORD);
  await page.getByTestId('invite-confirm-password').fill(PASSWORD);
  await page.getByTestId('invite-customer-name').fill(CUSTOMER_NAME);
  await page.getByTestId('invite-email').fill(`${ACCOUNT}@example.com`);
  await snapshot(page, 'customers-invite-page');
  await page.getByTestId('invite-register').click();
  await page.getByTestId('invite-done').waitFor();

  // sp_demo finds the customer and allocates ¥50.00.
  await page.goto(url('/login'));
  await signIn(page, 'sp_demo');
  await page.goto(url('/sales/customers'));
  await page.getByTestId('filter-account-name').fill(ACCOUNT);
  await page.getByTestId('customer-search').click();
  const row = page.getByTestId('customer-table').locator('tr').filter({ has: page.getByTestId('customer-account-name').getByText(ACCOUNT, { exact: true }) });
  await row.waitFor();
  await row.getByTestId('customer-allocate').click();
  await page.getByTestId('funds-amount').fill('50.00');
  await page.getByTestId('funds-submit').click();
  const confirmText = (await page.getByTestId('funds-confirm-text').textContent()) ?? '';
  assert.ok(confirmText.includes('¥50.00') && confirmText.includes(ACCOUNT) && confirmText.includes('深圳数智方案有限公司'), confirmText);
  await page.getByTestId('funds-confirm').click();
  assert.match((await page.getByTestId('funds-trans-id').textContent()) ?? '', /\S{6,}/);
  await snapshot(page, 'customers-allocated');
  assert.equal(await cashFen(page), before - 5000);
  await page.getByTestId('funds-close').click();
  await signOut(page);

  // The customer signs in and asks to disassociate.
  await signIn(page, ACCOUNT, PASSWORD);
  await page.goto(url('/customer/partners'));
  await page.getByTestId('my-partner-name').filter({ hasText: '深圳数智方案有限公司' }).waitFor();
  await page.getByTestId('my-disassociate').click();
  await page.getByTestId('account-check-passed').waitFor();
  await page.getByTestId('my-disassociate-reason').fill('端到端测试：解除关联');
  await page.getByTestId('my-disassociate-submit').click();
  await page.getByTestId('my-disassociate-done').waitFor();
  await page.getByTestId('my-disassociate-close').click();
  await page.getByTestId('my-pending-own').waitFor();
  await snapshot(page, 'customers-my-partners');
  await signOut(page);

  // sp_demo approves in the association records; the balance returns.
  await signIn(page, 'sp_demo');
  await page.goto(url('/sales/customers?tab=records'));
  const event = page
    .getByTestId('event-table')
    .locator('tr')
    .filter({ has: page.getByTestId('event-customer').getByText(ACCOUNT) })
    .filter({ hasText: '待伙伴处理' });
  await event.waitFor();
  await event.getByTestId('event-approve').click();
  const decideText = (await page.getByTestId('event-decide-text').textContent()) ?? '';
  assert.ok(decideText.includes(ACCOUNT), decideText);
  await page.getByTestId('event-decide-confirm').click();
  await page
    .getByTestId('event-table')
    .locator('tr')
    .filter({ has: page.getByTestId('event-customer').getByText(ACCOUNT) })
    .filter({ hasText: '伙伴已同意' })
    .waitFor();
  await snapshot(page, 'customers-approved');
  assert.equal(await cashFen(page), before);
});
