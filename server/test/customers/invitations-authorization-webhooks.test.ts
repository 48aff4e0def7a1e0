// Invitations (report, vendor approval, online e-mail to the outbox, offline tagged links, the
// public page, eligibility), on-behalf authorization (state machine, expiry warning, sweep) and
// webhooks (signature verification, retries, redelivery).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { verifyWebhookSignature } from '../../src/modules/customers/index.ts';
import { ACCOUNT_MANAGER_ROLE, addMember, CUSTOMER_PASSWORD, DAY, newCustomer, orgId, setFlag } from './helpers.ts';

let t: TestApp;
let sp: HttpClient;
let vendor: HttpClient;
before(async () => {
  t = await createTestApp();
  sp = await t.token('sp_demo');
  vendor = await t.token('vendor_admin');
});
after(() => t.close());

async function advance(ms: number) {
  t.clock.advance(ms);
  sp = await t.token('sp_demo');
  vendor = await t.token('vendor_admin');
}

const codeOf = (link: string) => link.split('/invite/')[1];

async function approvedReport(mobile = '13800000001') {
  const rep = await sp.post('/api/customer-reports', { body: { customer_name: '测试客户', mobile, email: `c${mobile}@example.com` } });
  assert.equal(rep.status, 201);
  const d = await vendor.post(`/api/customer-reports/${rep.body.id}/decision`, { body: { approve: true } });
  assert.equal(d.body.status, 'APPROVED');
  return rep.body.id as string;
}

test('online invitation: report, vendor approval, e-mail in the outbox, registration through the link', async () => {
  const unapproved = await sp.post('/api/customer-reports', { body: { customer_name: 'x', mobile: '13800000009', email: 'x@example.com' } });
  const early = await sp.post('/api/invitations', { body: { channel: 'online', association_type: '2', report_id: unapproved.body.id } });
  assert.equal(early.body.error_code, 'HBN.2134');
  const reportId = await approvedReport();
  assert.equal((await vendor.post(`/api/customer-reports/${reportId}/decision`, { body: { approve: false } })).body.error_code, 'HBN.2135');
  const inv = await sp.post('/api/invitations', { body: { channel: 'online', association_type: '2', report_id: reportId } });
  assert.equal(inv.status, 201);
  assert.ok(inv.body.expires_at);
  const outbox = await vendor.get('/api/vendor/mail-outbox');
  const mail = outbox.body.mails.find((m: any) => m.to_address === 'c13800000001@example.com');
  assert.ok(mail.body_text.includes(inv.body.link));
  assert.ok(mail.body_text.includes('代售') && mail.body_text.includes('Resale'));
  // Without SMTP_URL the relay sends nothing: the mail stays pending in the outbox.
  assert.equal(outbox.body.smtp_configured, false);
  assert.deepEqual(await t.services.mail.relay(), { sent: 0, failed: 0 });
  const still = (await vendor.get('/api/vendor/mail-outbox')).body.mails.find((m: any) => m.id === mail.id);
  assert.equal(still.status, 'pending');
  assert.equal(still.attempts, 0);

  const page = await t.http.get(`/api/public/invitations/${codeOf(inv.body.link)}`);
  assert.equal(page.status, 200);
  assert.equal(page.body.association_type, '2');
  assert.ok(page.body.notice_zh.length > 10 && page.body.notice_en.length > 10);

  const code = codeOf(inv.body.link);
  const wrongMobile = await t.http.post(`/api/public/invitations/${code}/register`, {
    body: { account_name: 'invited_cust1', password: CUSTOMER_PASSWORD, customer_name: '测试客户', mobile: '13900000000', agree_notice: true },
  });
  assert.equal(wrongMobile.body.error_code, 'HBN.2138');
  const reg = await t.http.post(`/api/public/invitations/${code}/register`, {
    body: { account_name: 'invited_cust1', password: CUSTOMER_PASSWORD, customer_name: '测试客户', mobile: '13800000001', agree_notice: true },
  });
  assert.equal(reg.status, 201, JSON.stringify(reg.body));
  const list = await sp.post('/v2/partners/sub-customers/query', { body: { customer_id: reg.body.customer_id } });
  assert.equal(list.body.customer_infos[0].association_type, '2');
  const me = await t.token('invited_cust1', CUSTOMER_PASSWORD);
  assert.equal((await me.get('/api/my-partners')).body.partner.partner_name, '深圳数智方案有限公司');
});

test('online links expire after 7 days and can be re-sent with a fresh validity', async () => {
  const reportId = await approvedReport('13800000002');
  const inv = await sp.post('/api/invitations', { body: { channel: 'online', association_type: '1', report_id: reportId } });
  await advance(7 * DAY + 1000);
  const code = codeOf(inv.body.link);
  assert.equal((await t.http.get(`/api/public/invitations/${code}`)).body.error_code, 'HBN.2132');
  const again = await sp.post(`/api/invitations/${inv.body.id}/resend`);
  assert.equal(again.status, 200);
  assert.equal(again.body.sent_count, 2);
  assert.equal((await t.http.get(`/api/public/invitations/${code}`)).status, 200);
  assert.equal((await sp.post(`/api/invitations/${inv.body.id}/revoke`)).status, 204);
  assert.equal((await t.http.get(`/api/public/invitations/${code}`)).body.error_code, 'HBN.2133');
});

test("offline link by a member never expires, carries the member's tag and assigns the member as manager", async () => {
  const member = await addMember(t, 'sp_demo', 'sp_sales_li', [ACCOUNT_MANAGER_ROLE]);
  // Only an account manager can be named on a link.
  const plain = await addMember(t, 'sp_demo', 'sp_sales_plain');
  const refused = await sp.post('/api/invitations', { body: { channel: 'offline', association_type: '1', account_manager_id: plain.id } });
  assert.equal(refused.body.error_code, 'HBN.2171');
  // The administrator creates the link for the member.
  const mainInv = await sp.post('/api/invitations', { body: { channel: 'offline', association_type: '1', account_manager_id: member.id, tag: 'sp_sales_li' } });
  assert.equal(mainInv.status, 201);
  assert.equal(mainInv.body.expires_at, null);
  await advance(400 * DAY);
  const code = codeOf(mainInv.body.link);
  const reg = await t.http.post(`/api/public/invitations/${code}/register`, {
    body: { account_name: 'offline_cust1', password: CUSTOMER_PASSWORD, customer_name: '线下客户', agree_notice: true },
  });
  assert.equal(reg.status, 201, JSON.stringify(reg.body));
  const row = (await sp.post('/v2/partners/sub-customers/query', { body: { customer_id: reg.body.customer_id } })).body.customer_infos[0];
  assert.equal(row.label, 'sp_sales_li');
  assert.deepEqual(row.account_managers, [{ account_name: 'sp_sales_li' }]);
  assert.equal(row.association_type, '1');
});

test('eligibility: each rule refuses with its own code', async () => {
  const inv = await sp.post('/api/invitations', { body: { channel: 'offline', association_type: '2' } });
  const code = codeOf(inv.body.link);
  // Already associated (cust_demo3 belongs to md_demo).
  const c3 = await t.token('cust_demo3');
  assert.equal((await c3.post(`/api/public/invitations/${code}/accept`, { body: { agree_notice: true } })).body.error_code, 'HBN.2115');
  // A partner account cannot associate.
  const md = await t.token('md_demo');
  assert.equal((await md.post(`/api/public/invitations/${code}/accept`, { body: { agree_notice: true } })).body.error_code, 'HBN.2116');
  // A free customer with flags: register one through a consultative link, then disassociate it directly.
  const cases: [string, string][] = [
    ['consumer_cloud', 'HBN.2111'],
    ['reported_by_vendor', 'HBN.2112'],
    ['referral_program', 'HBN.2113'],
    ['authorization_center', 'HBN.2114'],
    ['designated_contract', 'HBN.2121'],
    ['reserved_instances', 'HBN.2122'],
    ['outstanding_invoices', 'HBN.2123'],
    ['stored_value_card', 'HBN.2124'],
    ['enterprise_master_independent_members', 'HBN.2125'],
    ['enterprise_member_hosting', 'HBN.2126'],
  ];
  for (const [flag, expected] of cases) {
    const c = await newCustomer(t, sp);
    await t.database.db.updateTable('customer_association').set({ ended_on: t.clock.now(), end_reason: 'disassociated' }).where('customer_org_id', '=', c.id).execute();
    await setFlag(t, c.id, flag);
    const r = await (await c.client()).post(`/api/public/invitations/${code}/accept`, { body: { agree_notice: true } });
    assert.equal(r.body.error_code, expected, flag);
  }
  // An offline link only takes accounts created within 7 days.
  const old = await newCustomer(t, sp);
  await t.database.db.updateTable('customer_association').set({ ended_on: t.clock.now(), end_reason: 'disassociated' }).where('customer_org_id', '=', old.id).execute();
  await t.database.db.updateTable('organization').set({ created_at: new Date(t.clock.now().getTime() - 8 * DAY) } as never).where('id', '=', old.id).execute();
  assert.equal((await (await old.client()).post(`/api/public/invitations/${code}/accept`, { body: { agree_notice: true } })).body.error_code, 'HBN.2117');
  // Consultative type ignores resale-only rules.
  const consult = await sp.post('/api/invitations', { body: { channel: 'offline', association_type: '1' } });
  const ok = await newCustomer(t, sp);
  await t.database.db.updateTable('customer_association').set({ ended_on: t.clock.now(), end_reason: 'disassociated' }).where('customer_org_id', '=', ok.id).execute();
  await setFlag(t, ok.id, 'stored_value_card');
  assert.equal((await (await ok.client()).post(`/api/public/invitations/${codeOf(consult.body.link)}/accept`, { body: { agree_notice: true } })).status, 200);
});

test('authorization state machine: request, agree, warning 7 days before expiry, expiry by the sweep', async () => {
  const c = await newCustomer(t, sp);
  const spId = await orgId(t, 'sp_demo');
  const req = await sp.post('/api/authorizations', { body: { customer_id: c.id, scopes: ['purchase', 'view_account'], duration_days: 30 } });
  assert.equal(req.status, 201);
  assert.equal((await sp.post('/api/authorizations', { body: { customer_id: c.id, scopes: ['purchase'], duration_days: 30 } })).body.error_code, 'HBN.2183');
  await assert.rejects(t.services.customers.assertOnBehalfAuthorized(spId, c.id, 'purchase'), /HBN.2182/);
  const cc = await c.client();
  assert.equal((await sp.post(`/api/my-partners/authorizations/${req.body.id}/agree`, { body: {} })).status, 403);
  assert.equal((await cc.post(`/api/my-partners/authorizations/${req.body.id}/agree`, { body: {} })).body.status, 'AUTHORIZED');
  await t.services.customers.assertOnBehalfAuthorized(spId, c.id, 'purchase');
  await assert.rejects(t.services.customers.assertOnBehalfAuthorized(spId, c.id, 'security'), /HBN.2182/);
  assert.equal((await sp.post(`/api/authorizations/${req.body.id}/withdraw`, { body: {} })).body.error_code, 'HBN.2161');
  await advance(23 * DAY + 1000);
  const sweep = await t.services.customers.sweepDeadlines();
  assert.equal(sweep.authorizationsWarned, 1);
  const p = (await sp.get('/api/authorizations', { query: { customer_id: c.id } })).body.authorizations[0];
  assert.equal(p.expiry_warning, true);
  const cc2 = await c.client();
  assert.equal((await cc2.get('/api/my-partners/authorizations')).body.authorizations[0].expiry_warning, true);
  await advance(7 * DAY);
  assert.equal((await t.services.customers.sweepDeadlines()).authorizationsExpired, 1);
  await assert.rejects(t.services.customers.assertOnBehalfAuthorized(spId, c.id, 'purchase'), /HBN.2182/);
  const h = await sp.get(`/api/authorizations/${req.body.id}/history`);
  assert.deepEqual(h.body.history.map((x: any) => x.to_status), ['REQUESTED', 'AUTHORIZED', 'EXPIRED']);
});

test('authorization: withdraw pending, reject, revoke at any time; other organizations get 404', async () => {
  const c = await newCustomer(t, sp);
  const cc = await c.client();
  const a = await sp.post('/api/authorizations', { body: { customer_id: c.id, scopes: ['operate'], duration_days: 10 } });
  assert.equal((await sp.post(`/api/authorizations/${a.body.id}/withdraw`, { body: {} })).body.status, 'WITHDRAWN');
  assert.equal((await cc.post(`/api/my-partners/authorizations/${a.body.id}/agree`, { body: {} })).body.error_code, 'HBN.2161');
  const b = await sp.post('/api/authorizations', { body: { customer_id: c.id, scopes: ['operate'], duration_days: 10 } });
  assert.equal((await cc.post(`/api/my-partners/authorizations/${b.body.id}/reject`, { body: { reason: 'no' } })).body.status, 'REJECTED');
  const d = await sp.post('/api/authorizations', { body: { customer_id: c.id, scopes: ['operate'], duration_days: 10 } });
  await cc.post(`/api/my-partners/authorizations/${d.body.id}/agree`, { body: {} });
  const other = await t.token('cust_demo1');
  assert.equal((await other.post(`/api/my-partners/authorizations/${d.body.id}/revoke`, { body: {} })).status, 404);
  const md = await t.token('md_demo');
  assert.equal((await md.post(`/api/authorizations/${d.body.id}/withdraw`, { body: {} })).status, 404);
  assert.equal((await md.post('/api/authorizations', { body: { customer_id: c.id, scopes: ['operate'], duration_days: 10 } })).status, 404);
  assert.equal((await cc.post(`/api/my-partners/authorizations/${d.body.id}/revoke`, { body: { reason: 'done' } })).body.status, 'REVOKED');
});

// ---------------------------------------------------------------- webhooks

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

async function receiver(answer: () => number) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = answer();
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { received, url: `http://127.0.0.1:${port}/hooks`, close: () => new Promise((r) => server.close(r)) };
}

test('webhooks: signed deliveries verify with the secret; a tampered body does not', async () => {
  const hook = await receiver(() => 200);
  try {
    const put = await sp.put('/api/webhook-endpoint', { body: { url: hook.url } });
    assert.equal(put.status, 200);
    const secret = put.body.secret as string;
    assert.ok(secret.startsWith('whsec_'));
    assert.equal((await sp.get('/api/webhook-endpoint')).body.secret, null);
    assert.equal((await sp.put('/api/webhook-endpoint', { body: { url: 'ftp://x' } })).body.error_code, 'HBN.2191');
    const c = await newCustomer(t, sp);
    await t.services.customers.tick();
    const got = hook.received.find((r) => JSON.parse(r.body).data.customer_id === c.id)!;
    assert.equal(got.headers['x-huoban-event'], 'customer.associated');
    const sig = got.headers['x-huoban-signature'] as string;
    const nowS = Math.floor(t.clock.now().getTime() / 1000);
    // The documented scheme, computed here independently of the server's code.
    const [, ts, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(sig) ?? [];
    assert.equal(v1, createHmac('sha256', secret).update(`${ts}.${got.body}`).digest('hex'), sig);
    assert.equal(got.headers['x-huoban-delivery'], JSON.parse(got.body).id);
    assert.equal(verifyWebhookSignature(sig, secret, got.body, nowS), true);
    assert.equal(verifyWebhookSignature(sig, secret, got.body.replace('customer', 'kustomer'), nowS), false);
    assert.equal(verifyWebhookSignature(sig, 'whsec_wrong', got.body, nowS), false);
    assert.equal(verifyWebhookSignature(sig, secret, got.body, nowS + 3600), false);
    const log = await sp.get('/api/webhook-deliveries');
    assert.ok(log.body.deliveries.some((d: any) => d.status === 'delivered'));
  } finally {
    await hook.close();
  }
});

test('webhooks: failures retry with backoff; manual redelivery sends again', async () => {
  let status = 500;
  const hook = await receiver(() => status);
  try {
    await sp.put('/api/webhook-endpoint', { body: { url: hook.url } });
    const c = await newCustomer(t, sp);
    await t.services.customers.tick();
    const list = await sp.get('/api/webhook-deliveries');
    const d = list.body.deliveries.find((x: any) => JSON.parse(x.payload).data.customer_id === c.id);
    assert.equal(d.status, 'pending');
    assert.equal(d.attempts, 1);
    assert.equal(d.last_status_code, 500);
    const next = Date.parse(d.next_attempt_at) - t.clock.now().getTime();
    assert.ok(next >= 29_000 && next <= 31_000, String(next));
    await t.services.customers.tick(); // not due yet
    assert.equal((await sp.get(`/api/webhook-deliveries/${d.id}`)).body.attempts.length, 1);
    t.clock.advance(31_000);
    await t.services.customers.tick();
    const after2 = (await sp.get(`/api/webhook-deliveries/${d.id}`)).body;
    assert.equal(after2.attempts.length, 2);
    assert.equal(after2.delivery.attempts, 2);
    status = 204;
    const re = await sp.post(`/api/webhook-deliveries/${d.id}/redeliver`);
    assert.equal(re.body.delivered, true);
    assert.equal((await sp.get(`/api/webhook-deliveries/${d.id}`)).body.delivery.status, 'delivered');
    const bodies = hook.received.filter((r) => r.headers['x-huoban-delivery'] === d.id).map((r) => r.body);
    assert.equal(bodies.length, 3);
    assert.equal(new Set(bodies).size, 1);
    const md = await t.token('md_demo');
    assert.equal((await md.post(`/api/webhook-deliveries/${d.id}/redeliver`)).status, 404);
  } finally {
    await hook.close();
  }
});
