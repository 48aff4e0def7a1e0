// Access keys journey: create a key (secret shown once), see it listed, delete it after confirming.
import assert from 'node:assert/strict';
import { journey, signIn, snapshot, url } from './support.ts';

journey('access keys: create, list, delete', async (page) => {
  await page.goto(url('/login'));
  await signIn(page, 'rs_demo1');

  await page.getByTestId('account-menu').click();
  await page.getByTestId('account-access-keys').click();
  await page.waitForURL(/\/account\/access-keys$/);
  await page.getByTestId('access-keys-page').waitFor();

  await page.getByTestId('access-key-create').click();
  await page.getByTestId('access-key-description').fill('e2e journey');
  await page.getByRole('button', { name: /确\s*定/ }).click();

  // The secret is shown once, with the access key id.
  const access = (await page.getByTestId('created-access').innerText()).trim();
  const secret = (await page.getByTestId('created-secret').innerText()).trim();
  assert.match(access, /^[A-Z0-9]{16,}$/);
  assert.ok(secret.length >= 20, 'secret shown');
  await snapshot(page, 'access-keys-created');
  await page.getByTestId('access-key-saved').click();
  await page.getByTestId('created-secret').waitFor({ state: 'detached' });

  // Listed without the secret.
  const row = page.getByTestId('access-keys-page').locator(`tr[data-row-key="${access}"]`);
  await row.waitFor();
  assert.ok(!(await page.content()).includes(secret), 'secret no longer on the page');
  await snapshot(page, 'access-keys-list');

  // Delete, confirming first.
  await row.getByRole('button', { name: /删\s*除/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: /删\s*除/ }).click();
  await row.waitFor({ state: 'detached' });
});
