// The mail outbox relay against a real SMTP server (smtp-server on a free port): an online
// invitation arrives with its recipient, subject and link; a refusing server leads to a recorded
// error, a retry after the backoff, and success; attempts are capped; several relays running at
// once send each mail once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { parseMail, startSmtpPeer, type SmtpPeer } from '../support/smtp-peer.ts';
import { createMailService, MAIL_MAX_ATTEMPTS, mailBackoffMs } from '../../src/modules/mail/index.ts';

const FROM = 'Huoban 伙伴 <noreply@huoban.test>';
const SUBJECT = '【伙伴邀请 Partner invitation】深圳数智方案有限公司';

let t: TestApp;
let peer: SmtpPeer;
let sp: HttpClient;
let vendor: HttpClient;

before(async () => {
  peer = await startSmtpPeer();
  const base = await import('../../src/config.ts').then((c) => c.loadConfig({}));
  t = await createTestApp({ mail: { ...base.mail, smtpUrl: peer.url, from: FROM } });
  await signIn();
});
after(async () => {
  await t.close();
  await peer.close();
});

async function signIn() {
  sp = await t.token('sp_demo');
  vendor = await t.token('vendor_admin');
}

let mobiles = 13_900_000_100;
/** An approved report and an online invitation to it; returns the invitation link and the address. */
async function invite() {
  const mobile = String(++mobiles);
  const email = `m${mobile}@example.com`;
  const rep = await sp.post('/api/customer-reports', { body: { customer_name: '邮件客户', mobile, email } });
  assert.equal(rep.status, 201, JSON.stringify(rep.body));
  assert.equal((await vendor.post(`/api/customer-reports/${rep.body.id}/decision`, { body: { approve: true } })).body.status, 'APPROVED');
  const inv = await sp.post('/api/invitations', { body: { channel: 'online', association_type: '2', report_id: rep.body.id } });
  assert.equal(inv.status, 201, JSON.stringify(inv.body));
  return { link: inv.body.link as string, email };
}

async function outboxRow(email: string) {
  const r = await vendor.get('/api/vendor/mail-outbox', { query: { limit: 100 } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const rows = r.body.mails.filter((m: { to_address: string }) => m.to_address === email);
  assert.equal(rows.length, 1, `outbox rows for ${email}`);
  return { ...rows[0], smtp_configured: r.body.smtp_configured as boolean };
}

const receivedBy = (email: string) => peer.received.filter((m) => m.to.includes(email));

test('an online invitation is delivered through SMTP: recipient, subject and link; recorded as sent with its Message-ID', async () => {
  const { link, email } = await invite();
  const queued = await outboxRow(email);
  assert.equal(queued.smtp_configured, true);
  assert.equal(queued.status, 'pending');
  assert.equal(queued.attempts, 0);
  assert.equal(receivedBy(email).length, 0, 'nothing is sent before the relay runs');

  await t.services.mail.relay();
  const [got] = receivedBy(email);
  assert.ok(got, 'the SMTP server received the invitation');
  assert.deepEqual(got.to, [email]);
  assert.equal(got.from, 'noreply@huoban.test');
  const mail = parseMail(got.raw);
  assert.equal(mail.headers.get('subject'), SUBJECT);
  assert.match(mail.headers.get('to') ?? '', new RegExp(email.replace('.', '\\.')));
  assert.ok(mail.text.includes(link), `the body carries the invitation link ${link}:\n${mail.text}`);
  assert.ok(mail.text.includes('代售') && mail.text.includes('resale'));

  const sent = await outboxRow(email);
  assert.equal(sent.status, 'sent');
  assert.equal(sent.attempts, 1);
  assert.equal(sent.last_error, null);
  assert.equal(sent.next_attempt_at, null);
  assert.equal(sent.sent_at, sent.last_attempt_at);
  assert.equal(sent.message_id, mail.headers.get('message-id'));
  assert.match(sent.message_id, /^<ML\w+@huoban\.test>$/);

  await t.services.mail.relay();
  assert.equal(receivedBy(email).length, 1, 'a sent mail is not sent again');
});

test('a refusing SMTP server: the error is recorded, the mail is retried after the backoff and then sent', async () => {
  const { link, email } = await invite();
  peer.refuse.add(email);
  const first = await t.services.mail.relay();
  assert.ok(first.failed >= 1);
  const failed = await outboxRow(email);
  assert.equal(failed.status, 'pending');
  assert.equal(failed.attempts, 1);
  assert.match(failed.last_error, /451/);
  const wait = Date.parse(failed.next_attempt_at) - t.clock.now().getTime(); // API times are whole seconds
  assert.ok(wait > mailBackoffMs(1) - 1000 && wait <= mailBackoffMs(1), String(wait));

  await t.services.mail.relay(); // not due yet
  assert.equal(peer.refusals.get(email), 1);
  assert.equal((await outboxRow(email)).attempts, 1);

  peer.refuse.delete(email);
  t.clock.advance(mailBackoffMs(1));
  await t.services.mail.relay();
  const sent = await outboxRow(email);
  assert.equal(sent.status, 'sent');
  assert.equal(sent.attempts, 2);
  assert.equal(sent.last_error, null);
  assert.equal(receivedBy(email).length, 1);
  assert.ok(parseMail(receivedBy(email)[0].raw).text.includes(link));
});

test(`a mail refused ${MAIL_MAX_ATTEMPTS} times is given up as failed, with the last error`, async () => {
  const { email } = await invite();
  peer.refuse.add(email);
  for (let i = 1; i <= MAIL_MAX_ATTEMPTS; i++) {
    await t.services.mail.relay();
    const row = await outboxRow(email);
    assert.equal(row.attempts, i);
    assert.equal(row.status, i < MAIL_MAX_ATTEMPTS ? 'pending' : 'failed');
    t.clock.advance(mailBackoffMs(i));
  }
  const dead = await outboxRow(email);
  assert.equal(dead.next_attempt_at, null);
  assert.match(dead.last_error, /451/);
  t.clock.advance(24 * 3_600_000);
  await t.services.mail.relay();
  assert.equal(peer.refusals.get(email), MAIL_MAX_ATTEMPTS, 'a failed mail is not tried again');
  assert.equal(receivedBy(email).length, 0);
  peer.refuse.delete(email);
  await signIn(); // the clock moved past the tokens' lifetime
});

test('several relays running at once send each mail exactly once', async () => {
  const emails: string[] = [];
  for (let i = 0; i < 6; i++) emails.push((await invite()).email);
  const others = [1, 2].map(() => createMailService({ db: t.database.db, clock: t.clock, settings: t.config.mail }));
  const relays = [t.services.mail, ...others];
  peer.delayMs = 150; // each message takes a while: the relays overlap
  try {
    const before = peer.received.length;
    // Some start together, others while the first ones are still sending.
    const runs = relays.map((r) => r.relay());
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setTimeout(r, 60));
      runs.push(relays[i % relays.length].relay());
    }
    const results = await Promise.all(runs);
    const sent = results.reduce((n, r) => n + r.sent, 0);
    assert.equal(peer.received.length - before, sent, 'every reported send reached the server once');
    for (const email of emails) {
      assert.equal(receivedBy(email).length, 1, `${email} received once`);
      const row = await outboxRow(email);
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 1);
    }
    const ids = peer.received.map((m) => parseMail(m.raw).headers.get('message-id'));
    assert.equal(new Set(ids).size, ids.length, 'no Message-ID arrived twice');
  } finally {
    peer.delayMs = 0;
    for (const o of others) o.close();
  }
});
