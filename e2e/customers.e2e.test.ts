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


/** sp_demo (signed in) creates an offline invitation of the type and returns its link. */
async function createOfflineInvitation(page: Page, type: '1' | '2'): Promise<string> {
  await page.goto(url('/sales/customers?tab=development'));
  await page.getByTestId('invitation-create').click();
  await page.getByTestId(`invitation-type-${type}`).click();
  await page.getByTestId('invitation-tag').fill('e2e');
  await page.getByTestId('invitation-save').click();
  const link = (await page.getByTestId('invitation-link').textContent())?.trim() ?? '';
  assert.match(link, /\/invite\/[\w-]+$/);
  await snapshot(page, `customers-invitation-${type}`);
  await page.getByTestId('invitation-close').click();
  return link;
}

/** A visitor opens the link, reads the notice and registers a new customer account. */
async function registerThroughLink(page: Page, link: string, account: string, name: string, typeText: string): Promise<void> {
  await page.goto(url(new URL(link).pathname));
  await page.getByTestId('invite-partner').filter({ hasText: '深圳数智方案有限公司' }).waitFor();
  assert.equal(await page.getByTestId('invite-type').textContent(), typeText);
  assert.ok(((await page.getByTestId('invite-notice').textContent()) ?? '').length > 10);
  await page.getByTestId('invite-agree').check();
  await page.getByTestId('invite-account-name').fill(account);
  await page.getByTestId('invite-password').fill(PASSWORD);
  await page.getByTestId('invite-confirm-password').fill(PASSWORD);
  await page.getByTestId('invite-customer-name').fill(name);
  await page.getByTestId('invite-email').fill(`${account}@example.com`);
  await snapshot(page, 'customers-invite-page');
  await page.getByTestId('invite-register').click();
  await page.getByTestId('invite-done').waitFor();
}

/** The row of the customer list (sp_demo signed in) for the account, after a search by name. */
async function customerRow(page: Page, account: string) {
  await page.goto(url('/sales/customers'));
  await page.getByTestId('filter-account-name').fill(account);
  await page.getByTestId('customer-search').click();
  const row = page.getByTestId('customer-table').locator('tr').filter({ has: page.getByTestId('customer-account-name').getByText(account, { exact: true }) });
  await row.waitFor();
  return row;
}

/** Opens a row action from the "More" menu. */
async function moreAction(page: Page, row: Awaited<ReturnType<typeof customerRow>>, action: string) {
  await row.getByTestId('customer-more').click();
  await page.locator('.ant-dropdown:visible').getByTestId(`customer-${action}`).click();
}

journey('customers: invite a resale customer, allocate ¥50.00, customer disassociates, partner approves, ¥50.00 back', async (page) => {
  // sp_demo creates an offline resale invitation.
  await page.goto(url('/login'));
  await signIn(page, 'sp_demo');
  const before = await cashFen(page);
  const link = await createOfflineInvitation(page, '2');
  await signOut(page);

  // A new customer opens the link, reads the notice and registers.
  await registerThroughLink(page, link, ACCOUNT, CUSTOMER_NAME, '代售');

  // sp_demo finds the customer and allocates ¥50.00.
  await page.goto(url('/login'));
  await signIn(page, 'sp_demo');
  const row = await customerRow(page, ACCOUNT);
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

  // The customer, no longer associated, accepts a new invitation with its existing account.
  const again = await createOfflineInvitation(page, '2');
  await signOut(page);
  await page.goto(url(new URL(again).pathname));
  await page.getByTestId('invite-existing-tab').click();
  await page.getByTestId('invite-sign-in').click();
  await page.getByTestId('login-name').fill(ACCOUNT);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('invite-page').waitFor();
  await page.getByTestId('invite-agree').check();
  await page.getByTestId('invite-existing-tab').click();
  await page.getByTestId('invite-accept').click();
  await page.getByTestId('invite-done').waitFor();
  await page.goto(url('/customer/partners'));
  await page.getByTestId('my-partner-name').filter({ hasText: '深圳数智方案有限公司' }).waitFor();
});

const ACCOUNT2 = `e2eswitch${Date.now() % 1_000_000}`;

journey('customers: type switch after the account check, the customer agrees; account manager; freeze and unfreeze', async (page) => {
  await page.goto(url('/login'));
  await signIn(page, 'sp_demo');
  const link = await createOfflineInvitation(page, '1');
  await signOut(page);
  await registerThroughLink(page, link, ACCOUNT2, `端到端切换-${Date.now() % 100000}`, '顾问销售');

  // sp_demo asks to switch the customer to resale: the account check passes, reason, confirmation.
  await page.goto(url('/login'));
  await signIn(page, 'sp_demo');
  let row = await customerRow(page, ACCOUNT2);
  assert.ok(((await row.textContent()) ?? '').includes('顾问销售'));
  await moreAction(page, row, 'switch_type');
  await page.getByTestId('account-check-passed').waitFor();
  await page.getByTestId('partner-request-reason').fill('端到端测试：切换为代售');
  await page.getByTestId('partner-request-submit').click();
  await page.getByTestId('partner-request-confirm').click();
  await page.getByTestId('partner-request-done').waitFor();
  await page.getByTestId('partner-request-close').click();
  await page.locator('.ant-modal-wrap:visible').waitFor({ state: 'detached' });

  // Account manager: assign sp_supervisor, see it in the history, withdraw.
  await moreAction(page, row, 'manager');
  await page.getByTestId('manager-select').click();
  await page.locator('.ant-select-item-option').filter({ hasText: 'sp_supervisor' }).click();
  await page.getByTestId('manager-assign').click();
  await page.getByTestId('current-manager').filter({ hasText: 'sp_supervisor' }).waitFor();
  await page.getByTestId('manager-withdraw').click();
  await page.locator('.ant-modal-confirm .ant-btn-primary').click();
  await page.getByTestId('current-manager').filter({ hasText: '未分配' }).waitFor();
  await snapshot(page, 'customers-manager');
  await page.getByTestId('manager-close').click();
  await page.locator('.ant-modal-wrap:visible').waitFor({ state: 'detached' });

  // On-behalf authorization: request "view account" for 30 days.
  await moreAction(page, row, 'authorize');
  await page.getByTestId('authorize-submit').click();
  await page.getByTestId('authorization-status').filter({ hasText: '待客户处理' }).waitFor();
  await page.getByTestId('authorize-close').click();
  await page.locator('.ant-modal-wrap:visible').waitFor({ state: 'detached' });
  await signOut(page);

  // The customer agrees under "My partners"; the type is resale now.
  await signIn(page, ACCOUNT2, PASSWORD);
  await page.goto(url('/customer/partners'));
  await page.getByTestId('my-partner-type').filter({ hasText: '顾问销售' }).waitFor();
  await page.getByTestId('my-request-agree').click();
  await page.getByTestId('my-request-confirm').click();
  await page.getByTestId('my-partner-type').filter({ hasText: '代售' }).waitFor();
  await page.getByTestId('my-auth-agree').click();
  await page.getByTestId('my-auth-confirm').click();
  await page.getByTestId('my-authorizations').getByTestId('authorization-status').filter({ hasText: '已授权' }).waitFor();
  await snapshot(page, 'customers-switched');
  await signOut(page);

  // sp_demo sees a resale customer now, freezes it with a reason and unfreezes it.
  await signIn(page, 'sp_demo');
  row = await customerRow(page, ACCOUNT2);
  await row.getByText('代售', { exact: true }).waitFor();
  await moreAction(page, row, 'freeze');
  await page.getByTestId('freeze-reason').fill('端到端测试：冻结');
  await page.getByTestId('freeze-submit').click();
  await row.getByText('账号已冻结').waitFor();
  await moreAction(page, row, 'freeze');
  await page.getByTestId('freeze-reason').fill('端到端测试：解冻');
  await page.getByTestId('freeze-submit').click();
  await row.getByText('未冻结').waitFor();
});

/** My Cloud Resellers (the signed-in master distributor or account manager), with the reseller's row. */
async function resellersPage(page: Page) {
  await page.goto(url('/sales/resellers'));
  await page.getByTestId('resellers-page').waitFor();
}

journey("customers: md_demo assigns md_am as a cloud reseller's account manager; md_am sees the resellers assigned to them; md_demo withdraws", async (page) => {
  // md_demo: rs_demo1 is md_am's (demo data), rs_demo2 has no manager yet.
  await page.goto(url('/login'));
  await signIn(page, 'md_demo');
  await resellersPage(page);
  await page.getByTestId('reseller-manager-rs_demo1').filter({ hasText: 'md_am' }).waitFor();
  assert.equal(await page.getByTestId('reseller-manager-rs_demo2').textContent(), '—');

  // Assign: only members with the account-manager role are offered.
  await page.getByTestId('manager-rs_demo2').click();
  await page.getByTestId('current-manager').filter({ hasText: '未分配' }).waitFor();
  await page.getByTestId('manager-select').click();
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await options.filter({ hasText: 'md_am' }).waitFor();
  const offered = await options.allTextContents();
  assert.ok(!offered.some((o) => o.includes('md_finance') || o.includes('md_viewer')), offered.join(', '));
  await options.filter({ hasText: 'md_am' }).click();
  await page.getByTestId('manager-assign').click();
  await page.getByTestId('current-manager').filter({ hasText: 'md_am' }).waitFor();
  await page.getByTestId('manager-history').locator('tbody tr').filter({ hasText: '当前' }).waitFor();
  await snapshot(page, 'resellers-manager-assigned');
  await page.getByTestId('manager-close').click();
  await page.locator('.ant-modal-wrap:visible').waitFor({ state: 'detached' });
  await page.getByTestId('reseller-manager-rs_demo2').filter({ hasText: 'md_am' }).waitFor();
  await signOut(page);

  // md_am: both resellers, as the ones assigned to them, and nothing to allocate or assign.
  await signIn(page, 'md_am');
  await resellersPage(page);
  await page.getByTestId('resellers-assigned-only').waitFor();
  await page.getByTestId('reseller-manager-rs_demo1').waitFor();
  await page.getByTestId('reseller-manager-rs_demo2').waitFor();
  assert.equal(await page.getByTestId('allocate-rs_demo1').count(), 0);
  assert.equal(await page.getByTestId('manager-rs_demo1').count(), 0);
  await snapshot(page, 'resellers-account-manager-view');
  // ... and in the customer list, the customer assigned to md_am (demo data) only.
  await page.goto(url('/sales/customers'));
  await page.getByTestId('customer-table').getByTestId('customer-account-name').first().waitFor();
  assert.deepEqual(await page.getByTestId('customer-table').getByTestId('customer-account-name').allTextContents(), ['cust_demo3']);
  await signOut(page);

  // md_demo withdraws md_am from rs_demo2; the history keeps the assignment.
  await signIn(page, 'md_demo');
  await resellersPage(page);
  await page.getByTestId('manager-rs_demo2').click();
  await page.getByTestId('current-manager').filter({ hasText: 'md_am' }).waitFor();
  await page.getByTestId('manager-withdraw').click();
  const confirm = page.locator('.ant-modal-confirm:visible');
  assert.ok(((await confirm.textContent()) ?? '').includes('rs_demo2'));
  await page.getByTestId('manager-withdraw-confirm').click();
  await page.getByTestId('current-manager').filter({ hasText: '未分配' }).waitFor();
  const history = page.getByTestId('manager-history').locator('tbody tr');
  await history.filter({ hasText: 'md_am' }).waitFor();
  assert.equal(await history.filter({ hasText: '当前' }).count(), 0);
  await page.getByTestId('manager-close').click();
  await page.getByTestId('reseller-manager-rs_demo2').filter({ hasText: '—' }).waitFor();
});
