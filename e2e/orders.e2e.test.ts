// Orders journeys. (1) cust_demo1, a consultative customer of sp_demo, orders a yearly RDS for
// MySQL from the catalog and asks its partner to pay; sp_demo pays it from its balance on the
// Order Payment page (the confirmation names the amount, the customer and the paying account);
// sp_demo's account and allocatable balances fall by exactly the order amount and the order is
// completed; the customer sees it paid by its partner. (2) cust_demo1 pays an order from its own
// balance; the vendor issues a VAT invoice for what is invoiceable to cust_demo1; unsubscribing
// the invoiced order is refused with a clear message. (3) cust_demo1 sees the price of changing a
// paid order to a larger specification, then renews it for two months at the quoted amount.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { journey, signIn, snapshot, url } from './support.ts';

/** "12,345.60" -> 1234560n fen. */
function fen(text: string): bigint {
  const m = /(-?)([\d,]+)\.(\d\d)/.exec(text);
  if (!m) throw new Error(`no amount in "${text}"`);
  const v = BigInt(m[2].replaceAll(',', '')) * 100n + BigInt(m[3]);
  return m[1] ? -v : v;
}

async function amountOf(page: Page, testId: string): Promise<bigint> {
  await page.getByTestId(testId).waitFor();
  await page.waitForFunction((id) => /\d\.\d\d/.test(document.querySelector(`[data-testid="${id}"]`)?.textContent ?? ''), testId);
  return fen(await page.getByTestId(testId).innerText());
}

/** Waits until the element shows the expected amount (queries refresh after a payment). */
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

async function switchUser(page: Page, name: string) {
  await page.context().clearCookies();
  await page.goto(url('/login'));
  await signIn(page, name);
}

/**
 * Picks the option of an antd Select whose text matches, with the keyboard, and waits for its list
 * to close. The list is found through the combobox's aria-controls, because the list of a Select
 * closed just before may still be fading out.
 */
async function pick(page: Page, select: Locator, text: RegExp) {
  await select.click();
  const combobox = (await select.getAttribute('role')) === 'combobox' ? select : select.locator('[role="combobox"]').first();
  const listId = await combobox.getAttribute('aria-controls');
  assert.ok(listId, 'the select names its list');
  const dropdown = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${listId}"]`) });
  const options = dropdown.locator('.ant-select-item-option');
  await options.first().waitFor();
  const labels = await options.allInnerTexts();
  const index = labels.findIndex((l) => text.test(l));
  assert.ok(index >= 0, `no option matches ${text}: ${labels.join(' | ')}`);
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.getElementById(id)?.closest('.ant-select-dropdown')?.classList.contains('ant-select-dropdown-hidden') ?? true, listId);
}

/** The customer places an order from the catalog and returns its id and amount (from the order drawer). */
async function placeOrder(page: Page, product: RegExp, mode: string, spec: RegExp, expected: bigint): Promise<string> {
  await page.goto(url('/customer/orders'));
  await page.getByTestId('my-orders-page').waitFor();
  await page.getByTestId('place-order').click();
  const dialog = page.getByTestId('place-dialog');
  await dialog.waitFor();
  await pick(page, page.getByTestId('place-product'), product);
  await dialog.getByText(mode, { exact: true }).click();
  await pick(page, page.getByTestId('place-spec'), spec);
  assert.equal(fen(await page.getByTestId('place-preview').innerText()), expected, 'the list-price preview');
  await page.getByTestId('place-submit').click();
  // The new order opens in the drawer.
  const id = (await page.getByTestId('order-drawer-id').innerText()).trim();
  assert.match(id, /^CS[0-9A-F]{20}$/);
  assert.equal(fen(await page.getByTestId('order-amount').innerText()), expected, 'the order amount');
  assert.match(await page.getByTestId('order-summary').innerText(), /待支付/);
  return id;
}

function orderRow(page: Page, table: string, orderId: string) {
  return page.getByTestId(table).getByRole('row').filter({ hasText: orderId });
}

const RDS_YEARLY = 571_200n;

journey('orders: a customer asks its partner to pay a yearly order; the partner pays it from its balance', async (page) => {
  // cust_demo1 orders one year of RDS for MySQL (¥5,712.00) and asks sp_demo to pay.
  await signIn(page, 'cust_demo1');
  const orderId = await placeOrder(page, /RDS for MySQL/, '包年', /包年/, RDS_YEARLY);
  await page.getByTestId('order-drawer-actions').getByTestId('order-ask').click();
  await page.getByTestId('ask-dialog').waitFor();
  assert.match(await page.getByTestId('ask-summary').innerText(), /深圳数智方案/, 'the request names the partner');
  assert.match(await page.getByTestId('ask-summary').innerText(), /¥5,712\.00/);
  await page.getByTestId('ask-message').fill('请帮忙支付数据库年费');
  await page.getByTestId('ask-confirm').click();
  await page.getByTestId('ask-close').click();
  await page.getByTestId('ask-dialog').waitFor({ state: 'hidden' });
  await page.getByTestId('order-drawer').getByText('待伙伴支付').waitFor();
  await snapshot(page, 'orders-asked');

  // sp_demo: the application is pending on the Order Payment page; its balances before paying.
  await switchUser(page, 'sp_demo');
  await page.goto(url('/sales/orders?tab=payment'));
  await page.getByTestId('order-payment').waitFor();
  const accountBefore = await amountOf(page, 'pp-account-balance');
  const allocatableBefore = await amountOf(page, 'pp-allocatable');
  const pendingRow = orderRow(page, 'pp-table-pending', orderId);
  await pendingRow.waitFor();
  assert.match(await pendingRow.innerText(), /上海明日零售/);
  assert.match(await pendingRow.innerText(), /5,712\.00/);
  assert.match(await pendingRow.innerText(), /请帮忙支付数据库年费/, 'the customer’s message');

  await pendingRow.getByTestId('pp-pay').click();
  await page.getByTestId('pp-dialog').waitFor();
  const summary = await page.getByTestId('pp-summary').innerText();
  assert.match(summary, /¥5,712\.00/, 'the confirmation states the amount');
  assert.match(summary, /上海明日零售.*cust_demo1/, 'the confirmation names the customer');
  assert.match(summary, /深圳数智方案.*账户余额/, 'the confirmation names the paying account');
  const dialog = await page.getByTestId('pp-dialog').innerText();
  assert.match(dialog, /预估返利/);
  assert.match(dialog, /仅供参考/, 'the rebate is labelled as an estimate');
  await page.getByTestId('pp-confirm').click();
  await page.getByTestId('pp-done').waitFor();
  await page.getByTestId('pp-close').click();

  await expectAmount(page, 'pp-account-balance', accountBefore - RDS_YEARLY);
  await expectAmount(page, 'pp-allocatable', allocatableBefore - RDS_YEARLY);
  await orderRow(page, 'pp-table-pending', orderId).waitFor({ state: 'detached' });
  await page.getByTestId('pp-tab-processed').click();
  const processed = orderRow(page, 'pp-table-processed', orderId);
  await processed.waitFor();
  assert.match(await processed.innerText(), /伙伴已支付/);
  assert.match(await processed.innerText(), /已完成/);
  await snapshot(page, 'orders-partner-paid');

  // The Customer Orders list shows the order completed.
  await page.getByTestId('orders-tab-orders').click();
  await page.getByTestId('filter-order-id').fill(orderId);
  await page.getByTestId('orders-search').click();
  const listed = orderRow(page, 'customer-orders-table', orderId);
  await listed.waitFor();
  assert.match(await listed.innerText(), /已完成/);

  // The funds page agrees: the cash balance fell by the order amount too.
  await page.goto(url('/sales/funds'));
  await expectAmount(page, 'balance-allocatable', allocatableBefore - RDS_YEARLY);

  // cust_demo1 sees the order paid by its partner.
  await switchUser(page, 'cust_demo1');
  await page.goto(url('/customer/orders'));
  const mine = orderRow(page, 'my-orders-table', orderId);
  await mine.waitFor();
  assert.match(await mine.innerText(), /已完成/);
  assert.match(await mine.innerText(), /伙伴已支付/);
  await mine.getByTestId('order-id').click();
  const summaryText = await page.getByTestId('order-summary').innerText();
  assert.match(summaryText, /合作伙伴/, 'paid by the partner');
  assert.match(summaryText, /支付时间/);
  await snapshot(page, 'orders-customer-sees-paid');
});

journey('orders: a customer pays from its balance; the vendor invoices it; the invoiced order cannot be unsubscribed', async (page) => {
  // cust_demo1 buys one month of an EVS disk (¥100.00) and pays from its own balance.
  await signIn(page, 'cust_demo1');
  await page.goto(url('/customer/orders'));
  const balanceBefore = await amountOf(page, 'my-balance');
  const orderId = await placeOrder(page, /云硬盘 EVS/, '包月', /100GB/, 10_000n);
  await page.getByTestId('order-drawer-actions').getByTestId('order-pay').click();
  await page.getByTestId('pay-dialog').waitFor();
  assert.equal(fen(await page.getByTestId('pay-balance').innerText()), balanceBefore);
  // The server offers the demo test voucher for this monthly order; the customer leaves it unused
  // (the vouchers journey pays with one), so the whole amount comes from the balance.
  await page.getByTestId('pay-vouchers').getByRole('checkbox').first().waitFor();
  await page.getByTestId('pay-confirm').click();
  await page.getByTestId('pay-done').waitFor();
  await page.getByTestId('pay-close').click();
  await expectAmount(page, 'my-balance', balanceBefore - 10_000n);
  await page.getByTestId('order-drawer').getByText('已完成').first().waitFor();

  // The vendor issues a VAT invoice for everything invoiceable to cust_demo1.
  await switchUser(page, 'vendor_admin');
  await page.goto(url('/vendor/invoices'));
  await page.getByTestId('vendor-invoices-page').waitFor();
  const party = page.getByTestId('invoice-parties').getByRole('row').filter({ hasText: 'cust_demo1' });
  await party.waitFor();
  const invoiceable = fen(await party.getByTestId('party-amount').innerText());
  assert.ok(invoiceable >= 10_000n, 'the new order is invoiceable');
  await party.getByTestId('party-issue').click();
  await page.getByTestId('issue-dialog').getByRole('row').filter({ hasText: orderId }).waitFor();
  const confirm = await page.getByTestId('issue-summary').innerText();
  assert.match(confirm, /上海明日零售/);
  assert.equal(fen(confirm), invoiceable, 'the confirmation states the amount');
  await page.getByTestId('issue-confirm').click();
  const invoiceId = (await page.getByTestId('issued-invoice-id').innerText()).trim();
  await page.getByTestId('issue-close').click();
  await page.getByTestId('invoice-parties').getByRole('row').filter({ hasText: 'cust_demo1' }).waitFor({ state: 'detached' });
  await page.getByTestId('invoices-tab-issued').click();
  const issued = page.getByTestId('invoice-list').getByRole('row').filter({ hasText: invoiceId });
  await issued.waitFor();
  assert.equal(fen(await issued.innerText()), invoiceable);

  // The customer cannot unsubscribe the invoiced order, and is told why.
  await switchUser(page, 'cust_demo1');
  await page.goto(url('/customer/orders'));
  const row = orderRow(page, 'my-orders-table', orderId);
  await row.getByTestId('order-unsubscribe').click();
  const refused = await page.getByTestId('unsubscribe-refused').innerText();
  assert.match(refused, /增值税发票/);
  assert.match(refused, new RegExp(invoiceId));
  assert.equal(await page.getByTestId('unsubscribe-confirm').isDisabled(), true);
  await snapshot(page, 'orders-unsubscribe-refused');
});

journey('orders: a customer renews a paid monthly order at the quoted amount and sees the change price before confirming', async (page) => {
  // cust_demo1's demo s6 server (one, monthly, paid): renew it for 2 months at ¥150.00 a month.
  await signIn(page, 'cust_demo1');
  await page.goto(url('/customer/orders'));
  await page.getByTestId('my-orders-page').waitFor();
  const paid = page.getByTestId('my-orders-table').getByRole('row').filter({ hasText: /s6\.large\.2/ }).filter({ has: page.getByTestId('order-renew') }).first();
  await paid.waitFor();
  const baseId = (await paid.getByTestId('order-id').innerText()).trim();

  // Changing to the larger c7 specification: the dialog shows the server's price difference.
  await paid.getByTestId('order-change').click();
  await page.getByTestId('change-dialog').waitFor();
  await pick(page, page.getByTestId('change-spec'), /c7\.xlarge\.4/);
  const difference = await amountOf(page, 'change-amount');
  assert.ok(difference > 0n && difference <= (62_000n - 15_000n) * 3n, 'at most the full difference over the base period');
  assert.match(await page.getByTestId('change-summary').innerText(), /差价/);
  await page.getByTestId('change-cancel').click();
  await page.getByTestId('change-dialog').waitFor({ state: 'hidden' });

  await paid.getByTestId('order-renew').click();
  await page.getByTestId('renew-dialog').waitFor();
  await page.getByTestId('renew-period').fill('2');
  await page.waitForFunction(() => /2 个月/.test(document.querySelector('[data-testid="renew-summary"]')?.textContent ?? ''));
  const summary = await page.getByTestId('renew-summary').innerText();
  assert.match(summary, /弹性云服务器 ECS/, 'the confirmation names the product');
  assert.match(summary, /2 个月/, 'and the period');
  assert.match(summary, /¥300\.00/, 'and the amount the server quoted');
  assert.equal(await amountOf(page, 'renew-amount'), 30_000n);
  await snapshot(page, 'orders-renew-quote');
  await page.getByTestId('renew-confirm').click();

  // The renewal opens pending payment, at the quoted amount, based on the paid order.
  await page.getByTestId('order-drawer').waitFor();
  const renewalId = (await page.getByTestId('order-drawer-id').innerText()).trim();
  assert.notEqual(renewalId, baseId);
  assert.equal(fen(await page.getByTestId('order-amount').innerText()), 30_000n);
  const facts = await page.getByTestId('order-summary').innerText();
  assert.match(facts, /待支付/);
  assert.match(facts, /续费/);
  assert.match(facts, new RegExp(baseId));
  await page.getByTestId('order-drawer-actions').getByTestId('order-pay').waitFor();
});
