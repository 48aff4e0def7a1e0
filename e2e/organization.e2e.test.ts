// Organization journey: the administrator creates a custom role with only "view customers",
// creates a member with it; the member signs in, changes the initial password, and sees only
// that menu.
import assert from 'node:assert/strict';
import { journey, signIn, snapshot, url } from './support.ts';

const ROLE = `仅查看客户-${Date.now() % 100000}`;
const ACCOUNT = `md_e2e_${Date.now() % 100000}`;
const INITIAL = 'Initial#2026';
const CHANGED = 'Changed#2026x';

journey('organization: custom role "view customers", new member signs in and sees only that menu', async (page) => {
  await page.goto(url('/login'));
  await signIn(page, 'md_demo');

  await page.goto(url('/organization/members'));
  await page.getByTestId('members-page').waitFor();

  // Roles tab: a custom role with one item ticked in the permission tree.
  await page.getByTestId('roles-tab').click();
  await page.getByTestId('role-create').click();
  await page.getByTestId('role-name').fill(ROLE);
  const tree = page.getByTestId('permission-tree');
  await tree
    .locator('.ant-tree-treenode')
    .filter({ has: page.getByText('客户列表 - 查看列表', { exact: true }) })
    .locator('.ant-tree-checkbox')
    .click();
  await snapshot(page, 'organization-role');
  await page.getByTestId('role-save').click();
  await page.getByRole('cell', { name: ROLE, exact: true }).waitFor();

  // Personnel tab: a member holding that role.
  await page.getByRole('tab', { name: '人员管理' }).click();
  await page.getByTestId('member-create').click();
  await page.getByTestId('member-account').fill(ACCOUNT);
  await page.getByTestId('member-display-name').fill('端到端成员');
  await page.getByTestId('member-password').fill(INITIAL);
  await page.getByRole('dialog').getByTestId('member-roles').click();
  await page.locator('.ant-select-item-option').filter({ hasText: ROLE }).click();
  await page.getByTestId('member-display-name').click(); // close the dropdown
  await page.getByTestId('member-save').click();
  await page.getByRole('cell', { name: ACCOUNT, exact: true }).waitFor();
  await snapshot(page, 'organization-members');

  await page.getByTestId('account-menu').click();
  await page.getByTestId('sign-out').click();
  await page.getByTestId('login-submit').waitFor();

  // The member signs in with the initial password and must change it first.
  await page.getByTestId('login-name').fill(ACCOUNT);
  await page.getByTestId('login-password').fill(INITIAL);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('change-password-page').waitFor();
  await page.getByTestId('old-password').fill(INITIAL);
  await page.getByTestId('new-password').fill(CHANGED);
  await page.getByTestId('confirm-password').fill(CHANGED);
  await page.getByTestId('change-password-submit').click();
  await page.getByTestId('account-menu').waitFor();

  // Only Sales > Customers is offered.
  const top = await page.getByTestId('top-nav').locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  assert.deepEqual(top, ['nav-sales']);
  await page.getByTestId('nav-sales').click();
  await page.getByTestId('side-sales.customers').waitFor();
  const side = await page.locator('[data-testid^="side-sales."]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  assert.deepEqual(side, ['side-sales.customers']);
  await snapshot(page, 'organization-member-menu');
});
