import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../support/test-app.ts';

let t: TestApp;
before(async () => (t = await createTestApp()));
after(() => t.close());

test('sign-in sets an HttpOnly SameSite=Lax session cookie and a readable CSRF cookie', async () => {
  const r = await t.http.post('/api/session', { body: { name: 'md_demo', password: DEMO_PASSWORD } });
  assert.equal(r.status, 200);
  assert.equal(r.body.user.name, 'md_demo');
  assert.equal(r.body.org.partner_type, 'master_distributor');
  const cookies = r.headers.getSetCookie();
  const session = cookies.find((c) => c.startsWith('huoban_session='))!;
  assert.match(session, /HttpOnly/i);
  assert.match(session, /SameSite=Lax/i);
  const csrf = cookies.find((c) => c.startsWith('huoban_csrf='))!;
  assert.doesNotMatch(csrf, /HttpOnly/i);
  assert.ok(r.headers.get('x-request-id'));
});

test('/api/me answers the user, organization, permission items and the navigation it may see', async () => {
  const md = await t.console('md_demo');
  const me = await md.get('/api/me');
  assert.equal(me.status, 200);
  assert.ok(me.body.permissions.includes('BPC_ITEM_SALES_020104'));
  const top = me.body.menus.map((m: { key: string }) => m.key);
  assert.deepEqual(top, ['home', 'sales', 'benefits', 'organization']);
  const sales = me.body.menus.find((m: { key: string }) => m.key === 'sales');
  assert.ok(sales.children.some((c: { key: string }) => c.key === 'sales.resellers'));

  // A solution provider has no cloud resellers menu; the vendor and customers have their own menus.
  const sp = await (await t.console('sp_demo')).get('/api/me');
  assert.ok(!JSON.stringify(sp.body.menus).includes('sales.resellers'));
  const vendor = await (await t.console('vendor_admin')).get('/api/me');
  assert.deepEqual(vendor.body.menus.map((m: { key: string }) => m.key), ['vendor.partners', 'vendor.approvals', 'vendor.funds', 'vendor.configuration', 'vendor.organization', 'vendor.invoices']);
  const customer = await (await t.console('cust_demo1')).get('/api/me');
  assert.deepEqual(customer.body.menus.map((m: { key: string }) => m.key), ['customer.orders', 'customer.partners', 'customer.vouchers']);
});

test('a wrong password is refused with HBN.1001 and an unknown name the same way', async () => {
  const wrong = await t.http.post('/api/session', { body: { name: 'sp_demo', password: 'nope' } });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.body.error_code, 'HBN.1001');
  const unknown = await t.http.post('/api/session', { body: { name: 'nobody_here', password: 'nope' } });
  assert.equal(unknown.status, 401);
  assert.equal(unknown.body.error_code, 'HBN.1001');
  assert.equal(unknown.body.error_msg, wrong.body.error_msg);
});

test('five failures lock the account name, even for the right password, until the lock ends', async () => {
  for (let i = 0; i < 4; i++) {
    const r = await t.http.post('/api/session', { body: { name: 'rs_demo2', password: `bad-${i}` } });
    assert.equal(r.status, 401);
  }
  const fifth = await t.http.post('/api/session', { body: { name: 'rs_demo2', password: 'bad-5' } });
  assert.equal(fifth.status, 429);
  assert.equal(fifth.body.error_code, 'HBN.1002');
  const right = await t.http.post('/api/session', { body: { name: 'rs_demo2', password: DEMO_PASSWORD } });
  assert.equal(right.status, 429);
  assert.equal(right.body.error_code, 'HBN.1002');

  t.clock.advance(16 * 60_000);
  const after = await t.http.post('/api/session', { body: { name: 'rs_demo2', password: DEMO_PASSWORD } });
  assert.equal(after.status, 200);
});

test('messages follow the language the console asks for', async () => {
  const zh = await t.http.post('/api/session', { body: { name: 'sp_demo', password: 'x' }, headers: { 'accept-language': 'zh-CN' } });
  assert.equal(zh.body.error_msg, '账号名或密码错误。');
  const en = await t.http.post('/api/session', { body: { name: 'sp_demo', password: 'x' }, headers: { 'x-language': 'en_US' } });
  assert.equal(en.body.error_msg, 'Incorrect account name or password.');
});

test('a cookie-authenticated write without the CSRF token is refused and changes nothing', async () => {
  const sp = await t.console('sp_demo');
  const refused = await sp.withoutCsrf().post('/api/access-keys', { body: { description: 'csrf' } });
  assert.equal(refused.status, 403);
  assert.equal(refused.body.error_code, 'HBN.1003');
  const wrongToken = await sp.withoutCsrf().post('/api/access-keys', { body: { description: 'csrf' }, headers: { 'x-csrf-token': 'forged' } });
  assert.equal(wrongToken.status, 403);
  const keys = await sp.get('/api/access-keys');
  assert.equal(keys.body.credentials.length, 0);
  const accepted = await sp.post('/api/access-keys', { body: { description: 'with csrf' } });
  assert.equal(accepted.status, 201);
});

test('sign-out ends the session at once', async () => {
  const c = await t.console('cust_demo2');
  assert.equal((await c.get('/api/me')).status, 200);
  assert.equal((await c.delete('/api/session')).status, 204);
  const after = await c.get('/api/me');
  assert.equal(after.status, 401);
  assert.equal(after.body.error_code, 'CBC.0154');
});

test('a console session expires after its time to live', async () => {
  const c = await t.console('cust_demo3');
  t.clock.advance((t.config.sessionTtlMinutes + 1) * 60_000);
  const r = await c.get('/api/me');
  assert.equal(r.status, 401);
});

test('sign-ins and sign-outs are audited in the organization chain', async () => {
  const rows = await t.database.db
    .selectFrom('audit_log')
    .innerJoin('organization', 'organization.id', 'audit_log.org_id')
    .select(['operation', 'outcome'])
    .where('organization.domain_name', '=', 'rs_demo2')
    .orderBy('seq')
    .execute();
  assert.ok(rows.filter((r) => r.operation === 'identity.sign_in' && r.outcome === 'failure').length >= 5);
  assert.ok(rows.some((r) => r.operation === 'identity.sign_in' && r.outcome === 'success'));
  const verified = await t.services.audit.verify(t.database.db);
  assert.deepEqual(verified.breaks, []);
});
