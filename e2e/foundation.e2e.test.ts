// Foundation journey: sign in, Chinese by default, switch to English (remembered across a
// reload), account drop-down, sign out.
import assert from 'node:assert/strict';
import { journey, signIn, snapshot, url } from './support.ts';

journey('foundation: sign in, language switch, sign out', async (page) => {
  await page.goto(url('/'));

  // Not signed in: the sign-in page, in Chinese.
  await page.waitForURL(/\/login/);
  await page.getByText('账号名', { exact: true }).waitFor();
  await page.getByText('密码', { exact: true }).waitFor();
  assert.equal(await page.getByTestId('login-submit').innerText().then((s) => s.replace(/\s+/g, '')), '登录');

  await signIn(page, 'md_demo');

  // The top navigation comes from the server's menus, in Chinese.
  for (const [key, label] of [
    ['sales', '销售'],
    ['benefits', '权益'],
    ['organization', '组织'],
  ]) {
    assert.equal((await page.getByTestId(`nav-${key}`).innerText()).trim(), label);
  }
  await page.getByTestId('home-page').waitFor();
  assert.match(await page.getByTestId('home-org-name').innerText(), /\S/);
  await snapshot(page, 'foundation-home-zh');

  // Switch to English.
  await page.getByTestId('lang-switch').click();
  for (const [key, label] of [
    ['sales', 'Sales'],
    ['benefits', 'Benefits'],
    ['organization', 'Organization'],
  ]) {
    await page.getByTestId(`nav-${key}`).getByText(label, { exact: true }).waitFor();
  }
  assert.equal(await page.evaluate(() => localStorage.getItem('huoban.lang')), 'en');

  // Still English after a reload.
  await page.reload();
  await page.getByTestId('nav-sales').getByText('Sales', { exact: true }).waitFor();
  assert.equal((await page.getByTestId('nav-organization').innerText()).trim(), 'Organization');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await snapshot(page, 'foundation-home-en');

  // A top-level section opens its first page, with the section's menu on the left.
  await page.getByTestId('nav-benefits').click();
  await page.waitForURL(/\/benefits\/.+/);
  assert.equal((await page.getByTestId('side-menu-title').innerText()).trim(), 'Benefits');

  // Account drop-down, sign out, back on the sign-in page.
  await page.getByTestId('account-menu').click();
  await page.getByTestId('sign-out').click();
  await page.waitForURL(/\/login/);
  await page.getByTestId('login-submit').waitFor();
  await page.getByText('Account name', { exact: true }).waitFor();

  // The session is really gone: the console sends us back to sign in.
  await page.goto(url('/home'));
  await page.waitForURL(/\/login/);
});
