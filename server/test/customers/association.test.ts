// Disassociation and type switch in both directions: account checks (one test per blocking
// condition), the frequency rules, effects in one transaction, auto-approval by the deadline
// sweep (with catch-up after downtime), and two simultaneous approvals on PostgreSQL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, testEngine, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { AppError } from '../../src/shared/errors.ts';
import type { AssociationChange } from '../../src/modules/customers/index.ts';
import { DAY, newCustomer, setFlag } from './helpers.ts';

let t: TestApp;
let sp: HttpClient;
before(async () => {
  t = await createTestApp();
  sp = await t.token('sp_demo');
});
after(() => t.close());

/** Moves the test clock; the partner's token is renewed (tokens live 24 hours). */
async function advance(ms: number) {
  t.clock.advance(ms);
  sp = await t.token('sp_demo');
}

const check = (id: string, kind = 'disassociate') => sp.post(`/api/customers/${id}/account-check`, { body: { kind } });
const codesOf = async (id: string, kind = 'disassociate') => ((await check(id, kind)).body.blockers as { code: string }[]).map((b) => b.code);
const current = (id: string) => t.database.db.selectFrom('customer_association').selectAll().where('customer_org_id', '=', id).where('ended_on', 'is', null).executeTakeFirst();

test('partner-initiated disassociation: check passes, customer agrees, association ends once, effect runs with the change', async () => {
  const c = await newCustomer(t, sp);
  const seen: AssociationChange[] = [];
  const off = t.services.customers.registerDisassociationEffect(async (_tx, change) => void seen.push(change));
  try {
    assert.deepEqual((await check(c.id)).body, { passed: true, blockers: [] });
    const req = await sp.post(`/api/customers/${c.id}/disassociation`, { body: { reason: 'contract ended' } });
    assert.equal(req.status, 201);
    assert.equal(req.body.status, 'PENDING_CUSTOMER');
    const cc = await c.client();
    const mine = await cc.get('/api/my-partners');
    assert.equal(mine.body.pending_events[0].id, req.body.id);
    assert.ok(await current(c.id), 'nothing changes before the customer agrees');
    const agree = await cc.post(`/api/my-partners/events/${req.body.id}/agree`, { body: {} });
    assert.equal(agree.body.status, 'AGREED');
    assert.equal(await current(c.id), undefined);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].kind, 'disassociate');
    assert.equal(seen[0].customerOrgId, c.id);
    assert.equal(seen[0].fromType, 2);
    const detail = await sp.get(`/api/association-events/${req.body.id}`);
    assert.deepEqual(detail.body.history.map((h: any) => h.to_status), ['PENDING_CUSTOMER', 'AGREED']);
    const ended = await t.database.db.selectFrom('customer_association').selectAll().where('customer_org_id', '=', c.id).executeTakeFirstOrThrow();
    assert.equal(ended.end_reason, 'disassociated');
    // A second agreement is refused.
    assert.equal((await cc.post(`/api/my-partners/events/${req.body.id}/agree`, { body: {} })).body.error_code, 'HBN.2161');
  } finally {
    off();
  }
});

test('partner-initiated type switch: the customer agrees and a new association of the other type replaces the old', async () => {
  const c = await newCustomer(t, sp);
  const req = await sp.post(`/api/customers/${c.id}/type-switch`, { body: { reason: 'customer pays itself now' } });
  assert.equal(req.status, 201);
  const cc = await c.client();
  assert.equal((await cc.post(`/api/my-partners/events/${req.body.id}/agree`, { body: {} })).body.status, 'AGREED');
  const a = await current(c.id);
  assert.equal(a?.association_type, 1);
  assert.equal(a?.source, 'type_switch');
});

test('an effect that throws undoes everything: event still pending, association unchanged', async () => {
  const c = await newCustomer(t, sp);
  const req = await sp.post(`/api/customers/${c.id}/disassociation`, { body: { reason: 'x' } });
  const off = t.services.customers.registerDisassociationEffect(async (tx) => {
    await tx.updateTable('organization').set({ name: 'changed by effect' }).where('id', '=', c.id).execute();
    throw new AppError('HBN.2152');
  });
  try {
    const r = await (await c.client()).post(`/api/my-partners/events/${req.body.id}/agree`, { body: {} });
    assert.equal(r.status, 400);
    assert.equal(r.body.error_code, 'HBN.2152');
  } finally {
    off();
  }
  assert.ok(await current(c.id));
  const org = await t.database.db.selectFrom('organization').select('name').where('id', '=', c.id).executeTakeFirstOrThrow();
  assert.notEqual(org.name, 'changed by effect');
  const ev = await sp.get(`/api/association-events/${req.body.id}`);
  assert.equal(ev.body.event.status, 'PENDING_CUSTOMER');
  assert.equal(ev.body.history.length, 1);
});

const FLAG_CASES: [string, string, string][] = [
  ['enterprise_member_hosting', 'disassociate', 'HBN.2142'],
  ['enterprise_member_independent', 'switch_type', 'HBN.2143'],
  ['enterprise_master_hosting_members', 'disassociate', 'HBN.2144'],
  ['enterprise_master_independent_members', 'disassociate', 'HBN.2145'],
  ['reserved_instances', 'disassociate', 'HBN.2122'],
  ['special_contract', 'disassociate', 'HBN.2153'],
];
for (const [flag, kind, code] of FLAG_CASES) {
  test(`blocking condition ${flag} blocks ${kind} with ${code} and its own message`, async () => {
    const c = await newCustomer(t, sp);
    await setFlag(t, c.id, flag);
    const r = await check(c.id, kind);
    assert.equal(r.body.passed, false);
    assert.deepEqual(r.body.blockers.map((b: any) => b.code), [code]);
    assert.ok(r.body.blockers[0].message.length > 10);
    const submit = await sp.post(`/api/customers/${c.id}/${kind === 'disassociate' ? 'disassociation' : 'type-switch'}`, { body: { reason: 'x' } });
    assert.equal(submit.status, 400);
    assert.equal(submit.body.error_code, code);
  });
}

test('an independent enterprise member may be disassociated but not switched', async () => {
  const c = await newCustomer(t, sp);
  await setFlag(t, c.id, 'enterprise_member_independent');
  assert.deepEqual(await codesOf(c.id, 'disassociate'), []);
});

test('every applying condition is listed at once, with registered checks of later modules', async () => {
  const c = await newCustomer(t, sp);
  await setFlag(t, c.id, 'reserved_instances');
  await setFlag(t, c.id, 'enterprise_member_hosting');
  const off = t.services.customers.registerAssociationCheck({
    name: 'unpaid_partner_payment_orders',
    run: async (ctx) => (ctx.association.customer_org_id === c.id ? ['HBN.2151'] : []),
  });
  try {
    assert.deepEqual((await codesOf(c.id)).sort(), ['HBN.2122', 'HBN.2142', 'HBN.2151']);
    const zh = await sp.post(`/api/customers/${c.id}/account-check`, { body: { kind: 'disassociate' }, headers: { 'x-language': 'zh_CN' } });
    assert.ok(zh.body.blockers.some((b: any) => b.message.includes('待伙伴支付')));
  } finally {
    off();
  }
});

test('a registered check blocks the customer agreement too (re-checked when applied)', async () => {
  const c = await newCustomer(t, sp);
  const req = await sp.post(`/api/customers/${c.id}/disassociation`, { body: { reason: 'x' } });
  const off = t.services.customers.registerAssociationCheck({ name: 'arrears', run: async (ctx) => (ctx.association.customer_org_id === c.id ? ['HBN.2152'] : []) });
  try {
    const r = await (await c.client()).post(`/api/my-partners/events/${req.body.id}/agree`, { body: {} });
    assert.equal(r.body.error_code, 'HBN.2152');
    assert.ok(await current(c.id));
  } finally {
    off();
  }
});

test('frequency: one partner request per customer per window (a rejected one counts, a cancelled one not); open request blocks', async () => {
  const c = await newCustomer(t, sp);
  const first = await sp.post(`/api/customers/${c.id}/disassociation`, { body: { reason: 'x' } });
  const open = await sp.post(`/api/customers/${c.id}/type-switch`, { body: { reason: 'x' } });
  assert.equal(open.body.error_code, 'HBN.2149');
  assert.equal((await sp.post(`/api/association-events/${first.body.id}/cancel`, { body: {} })).body.status, 'CANCELLED');
  const second = await sp.post(`/api/customers/${c.id}/disassociation`, { body: { reason: 'x' } });
  assert.equal(second.status, 201);
  assert.equal((await (await c.client()).post(`/api/my-partners/events/${second.body.id}/reject`, { body: { reason: 'no' } })).body.status, 'REJECTED');
  const third = await sp.post(`/api/customers/${c.id}/disassociation`, { body: { reason: 'x' } });
  assert.equal(third.body.error_code, 'HBN.2146');
  await advance(93 * DAY);
  assert.equal((await sp.post(`/api/customers/${c.id}/disassociation`, { body: { reason: 'x' } })).status, 201);
});

test('frequency: no partner request within the window after a customer request; customer limited too', async () => {
  const c = await newCustomer(t, sp);
  const cc = await c.client();
  const req = await cc.post('/api/my-partners/disassociation', { body: { reason: 'moving on' } });
  assert.equal(req.status, 201);
  assert.equal(req.body.status, 'PENDING_PARTNER');
  assert.equal((await sp.post(`/api/association-events/${req.body.id}/reject`, { body: { reason: 'talk first' } })).body.status, 'REJECTED');
  assert.deepEqual(await codesOf(c.id), ['HBN.2147']);
  const again = await cc.post('/api/my-partners/disassociation', { body: { reason: 'again' } });
  assert.equal(again.body.error_code, 'HBN.2148');
  assert.deepEqual((await cc.post('/api/my-partners/account-check')).body.blockers.map((b: any) => b.code), ['HBN.2148']);
});

test('customer-initiated: approved automatically at the due time by the sweep, not before; idempotent', async () => {
  const c = await newCustomer(t, sp);
  const req = await (await c.client()).post('/api/my-partners/disassociation', { body: { reason: 'x' } });
  assert.equal(Date.parse(req.body.due_at) - t.clock.now().getTime() <= 10 * DAY, true);
  await advance(10 * DAY - 60_000);
  await t.services.customers.sweepDeadlines();
  assert.ok(await current(c.id));
  await advance(60_000);
  const r = await t.services.customers.sweepDeadlines();
  assert.ok(r.approved >= 1); // the demo's pending request may be due too
  assert.equal(await current(c.id), undefined);
  const ev = await sp.get(`/api/association-events/${req.body.id}`);
  assert.equal(ev.body.event.status, 'APPROVED');
  assert.equal(ev.body.history.at(-1).action, 'auto_approve');
  assert.equal(ev.body.history.at(-1).actor_via, 'system');
  assert.equal((await t.services.customers.sweepDeadlines()).approved, 0);
});

test('catch-up after downtime: every overdue request is approved by the first sweep', async () => {
  const a = await newCustomer(t, sp);
  const b = await newCustomer(t, sp);
  await (await a.client()).post('/api/my-partners/disassociation', { body: { reason: 'x' } });
  await advance(3 * DAY);
  await (await b.client()).post('/api/my-partners/disassociation', { body: { reason: 'y' } });
  await advance(40 * DAY); // the server was down all along
  const r = await t.services.customers.sweepDeadlines();
  assert.ok(r.approved >= 2);
  assert.equal(await current(a.id), undefined);
  assert.equal(await current(b.id), undefined);
});

test('a request blocked at its due time waits another day instead of applying', async () => {
  const c = await newCustomer(t, sp);
  const req = await (await c.client()).post('/api/my-partners/disassociation', { body: { reason: 'x' } });
  await sp.post('/v2/partners/sub-customers/freeze', { body: { customer_ids: [c.id], reason: 'x' } });
  await advance(11 * DAY);
  const r = await t.services.customers.sweepDeadlines();
  assert.equal(r.deferred, 1);
  assert.ok(await current(c.id));
  await sp.post('/v2/partners/sub-customers/unfreeze', { body: { customer_ids: [c.id], reason: 'x' } });
  await advance(DAY);
  assert.equal((await t.services.customers.sweepDeadlines()).approved, 1);
  assert.equal((await sp.get(`/api/association-events/${req.body.id}`)).body.event.status, 'APPROVED');
});

test('wrong side or wrong organization: refused, nothing changes', async () => {
  const c = await newCustomer(t, sp);
  const req = await sp.post(`/api/customers/${c.id}/disassociation`, { body: { reason: 'x' } });
  assert.equal((await sp.post(`/api/association-events/${req.body.id}/approve`, { body: {} })).body.error_code, 'HBN.2161');
  const md = await t.token('md_demo');
  assert.equal((await md.post(`/api/association-events/${req.body.id}/cancel`, { body: {} })).status, 404);
  assert.equal((await md.get(`/api/association-events/${req.body.id}`)).status, 404);
  const other = await t.token('cust_demo1');
  assert.equal((await other.post(`/api/my-partners/events/${req.body.id}/agree`, { body: {} })).status, 404);
  assert.equal((await sp.get(`/api/association-events/${req.body.id}`)).body.event.status, 'PENDING_CUSTOMER');
});

test('two simultaneous approvals of one request end with exactly one applied (PostgreSQL)', { skip: testEngine !== 'postgres' && 'PGlite is one connection: transactions serialize, the race needs PostgreSQL' }, async () => {
  const c = await newCustomer(t, sp);
  const req = await (await c.client()).post('/api/my-partners/disassociation', { body: { reason: 'x' } });
  let applied = 0;
  const off = t.services.customers.registerDisassociationEffect(async () => {
    applied++;
  });
  try {
    const sp2 = await t.token('sp_demo');
    const results = await Promise.all([
      sp.post(`/api/association-events/${req.body.id}/approve`, { body: {} }),
      sp2.post(`/api/association-events/${req.body.id}/approve`, { body: {} }),
      t.services.customers.sweepDeadlines(new Date(Date.now() + 30 * DAY)),
    ]);
    const statuses = results.slice(0, 2).map((r: any) => r.status).sort();
    const swept = (results[2] as { approved: number }).approved;
    assert.equal(statuses.filter((s) => s === 200).length + swept, 1, JSON.stringify(results));
    assert.equal(applied, 1);
    const history = await t.database.db.selectFrom('association_event_history').selectAll().where('event_id', '=', req.body.id).execute();
    assert.equal(history.length, 2);
  } finally {
    off();
  }
});
