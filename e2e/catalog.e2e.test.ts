// Catalog journey: the vendor opens Configuration, finds ECS in the catalog, adds a
// specification with a list price, and sees it listed.
import assert from 'node:assert/strict';
import { journey, signIn, snapshot, url } from './support.ts';

journey('catalog: the vendor adds a priced specification', async (page) => {
  await page.goto(url('/'));
  await page.waitForURL(/\/login/);
  await signIn(page, 'vendor_admin');
  await page.getByTestId('nav-vendor.configuration').click();
  await page.getByTestId('catalog-page').waitFor();

  await page.getByPlaceholder('产品名称或服务类型').fill('ECS');
  await page.getByPlaceholder('产品名称或服务类型').press('Enter');
  const row = page.locator('tr', { hasText: '弹性云服务器 ECS' });
  await row.waitFor();
  await row.getByRole('button', { name: '添加规格' }).click();

  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('规格编码').fill('s7.xlarge.2.monthly');
  await dialog.getByLabel('中文名称').fill('通用计算型 s7.xlarge.2 包月');
  await dialog.getByLabel('英文名称').fill('s7.xlarge.2, monthly');
  await dialog.getByLabel('目录价 (元)').fill('288.80');
  await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
  await dialog.waitFor({ state: 'hidden' });

  await row.locator('button[aria-label], .ant-table-row-expand-icon').first().click();
  // The innermost row holding the new code (the expanded row of the product holds it too).
  const spec = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 's7.xlarge.2.monthly', exact: true }) }).last();
  await spec.waitFor();
  assert.match(await spec.innerText(), /288\.80/);
  await snapshot(page, 'catalog-spec-added');
});
