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

journey('vouchers: the vendor grants and freezes a quota, issues a test voucher by hand; the customer sees its vouchers and pays an order with one', async (page) => {
  // The customer's id, for the vendor's manual issue.
  await page.goto(url('/login'));
  await signIn(page, 'cust_demo2');
  const customerId = (await call(page, 'GET', '/api/me')).org.id as string;
  await signOut(page);

  await signIn(page, 'vendor_admin');
  await page.goto(url('/vendor/partners'));
  await page.getByTestId('vendor-quotas-page').waitFor();
  // The demo's frozen ECS-only quota of sp_demo is listed with its restriction.
  await page.getByTestId('granted-quotas').locator('tr', { hasText: '3,000.00' }).filter({ hasText: '冻结' }).first().waitFor();
  await page.getByTestId('grant-quota').click();
  await page.getByTestId('grant-partner').click();
  await page.keyboard.type('sp_demo');
  await page.keyboard.press('Enter');
  await page.getByTestId('grant-amount').fill('888.88');
  await page.getByTestId('grant-expire').click();
  await page.keyboard.type('2035-12-31 00:00:00');
  await page.keyboard.press('Enter');
  await page.getByTestId('grant-submit').click();
  const confirmText = await page.locator('.ant-modal-confirm').innerText();
  assert.match(confirmText, /sp_demo/);
  assert.match(confirmText, /888\.88/);
  await page.getByTestId('grant-confirm').click();
  const granted = page.getByTestId('granted-quotas').locator('tr', { hasText: '888.88' });
  await granted.filter({ hasText: '正常' }).waitFor();
  await granted.getByTestId('quota-freeze').click();
  await page.getByTestId('freeze-confirm').click();
  await granted.filter({ hasText: '冻结' }).waitFor();
  await granted.getByTestId('quota-unfreeze').click();
  await page.getByTestId('freeze-confirm').click();
  await granted.filter({ hasText: '正常' }).waitFor();
  await snapshot(page, 'vouchers-vendor-quotas');

  // The ecosystem manager issues cust_demo2 a test voucher by hand (Approvals > Test vouchers).
  await page.goto(url('/vendor/approvals'));
  await page.getByRole('tab', { name: '测试券审批' }).click();
  await page.getByTestId('test-voucher-review').waitFor();
  await page.getByTestId('manual-issue').click();
  await page.getByTestId('manual-issue-account').fill(customerId);
  await page.getByTestId('manual-issue-amount').fill('66.60');
  await page.getByTestId('manual-issue-submit').click();
  assert.match(await page.locator('.ant-modal-confirm').innerText(), /66\.60/);
  await page.getByTestId('manual-issue-confirm').click();
  await page.getByText(/已发放测试券 CP/).waitFor();
  await signOut(page);

  // The customer's vouchers: the partner's ¥500.00 voucher, the cash coupon and the test voucher.
  await signIn(page, 'cust_demo2');
  await page.goto(url('/customer/vouchers'));
  const mine = page.getByTestId('my-coupons');
  await mine.locator('tr', { hasText: '66.60' }).filter({ hasText: '测试券' }).filter({ hasText: '不与商务折扣同享' }).waitFor();
  await mine.locator('tr', { hasText: '现金券' }).filter({ hasText: '最多抵扣订单金额的 30%' }).waitFor();
  const voucherRow = mine.locator('tr', { hasText: '500.00' }).filter({ hasText: '伙伴发放' });
  await voucherRow.waitFor();
  const voucherId = /CP[0-9A-F]{32}/.exec(await voucherRow.innerText())![0];

  // A ¥100 order paid with the voucher (the orders pages are elsewhere: the API, as a sales platform would).
  const products = await call(page, 'GET', '/api/catalog/products?limit=100');
  const spec = products.products.flatMap((p: any) => p.specs.map((s: any) => ({ product_id: p.id, spec_id: s.id, code: s.code }))).find((s: any) => s.code === 'ssd.100g.monthly');
  const order = await call(page, 'POST', '/api/orders', { product_id: spec.product_id, spec_id: spec.spec_id });
  const usable = await call(page, 'GET', `/v2/orders/customer-orders/order-coupons?order_id=${order.order_id}`);
  assert.ok(usable.user_coupons.some((c: { coupon_id: string }) => c.coupon_id === voucherId), JSON.stringify(usable));
  const paid = await call(page, 'POST', '/v3/orders/customer-orders/pay', { order_id: order.order_id, use_coupon: 'YES', coupon_infos: [{ id: voucherId, type: 1 }] });
  assert.equal(paid, null, JSON.stringify(paid));
  await page.reload();
  await page.getByTestId('my-coupons').locator('tr', { hasText: voucherId }).filter({ hasText: '400.00' }).filter({ hasText: order.order_id }).waitFor();
  await snapshot(page, 'vouchers-customer-paid-with-voucher');
});
