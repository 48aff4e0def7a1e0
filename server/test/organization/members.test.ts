import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { createMember, createRole, INITIAL_PASSWORD, MEMBER_PASSWORD } from '../support/organization.ts';

let t: TestApp;
let md: HttpClient;
before(async () => {
  t = await createTestApp();
  md = await t.console('md_demo');
});
after(() => t.close());

test('a new member must change the initial password before anything else, then works within its roles', async () => {
  const created = await md.post('/api/organization/members', {
    body: {
      account_name: 'md_finance1',
      display_name: '财务 张三',
      mobile: '+86 13800000000',
      email: 'finance@example.com',
      initial_password: INITIAL_PASSWORD,
      role_ids: ['system.finance'],
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.must_change_password, true);
  assert.deepEqual(created.body.roles.map((r: { id: string }) => r.id), ['system.finance']);

  const member = await t.console('md_finance1', INITIAL_PASSWORD);
  const me = await member.get('/api/me');
  assert.equal(me.status, 200);
  assert.equal(me.body.user.must_change_password, true);
  const blocked = await member.get('/api/organization/roles');
  assert.equal(blocked.status, 403);
  assert.equal(blocked.body.error_code, 'HBN.1007');
  // An IAM user of the partner's domain (Huawei's sub-user sign-in) is held back the same way.
  const issued = await t.http.post('/v3/auth/tokens', {
    body: { auth: { identity: { methods: ['password'], password: { user: { name: 'md_finance1', password: INITIAL_PASSWORD, domain: { name: 'md_demo' } } } } } },
  });
  assert.equal(issued.status, 201);
  const blockedToken = await t.http.get('/api/organization/roles', { headers: { 'x-auth-token': issued.headers.get('x-subject-token')! } });
  assert.equal(blockedToken.body.error_code, 'HBN.1007');

  const weak = await member.post('/api/me/password', { body: { old_password: INITIAL_PASSWORD, new_password: 'weakpass' } });
  assert.equal(weak.body.error_code, 'HBN.1008');
  const wrongOld = await member.post('/api/me/password', { body: { old_password: 'nope', new_password: MEMBER_PASSWORD } });
  assert.equal(wrongOld.body.error_code, 'HBN.1009');
  const changed = await member.post('/api/me/password', { body: { old_password: INITIAL_PASSWORD, new_password: MEMBER_PASSWORD } });
  assert.equal(changed.status, 200);
  assert.equal(changed.body.user.must_change_password, false);

  const after = await member.get('/api/me');
  assert.ok(after.body.permissions.includes('BPC_ITEM_FINANCE_030100'));
  assert.ok(!after.body.permissions.includes('BPC_ITEM_ORG_010101'));
  assert.deepEqual(after.body.menus.map((m: { key: string }) => m.key), ['home', 'sales']);
  const refused = await member.get('/api/organization/members');
  assert.equal(refused.status, 403);
  assert.equal(refused.body.error_code, 'CBC.0151');
});

test('a role change takes effect on the next request', async () => {
  const m = await createMember(t, md, 'md_rolechange');
  assert.equal((await m.client.get('/api/organization/members')).status, 403);
  const role = await createRole(md, 'member viewers', ['BPC_ITEM_ORG_010100']);
  assert.equal((await md.put(`/api/organization/members/${m.id}/roles`, { body: { role_ids: [role] } })).status, 200);
  assert.equal((await m.client.get('/api/organization/members')).status, 200);
  assert.equal((await md.put(`/api/organization/roles/${role}`, { body: { items: ['BPC_ITEM_ORG_020100'] } })).status, 200);
  assert.equal((await m.client.get('/api/organization/members')).status, 403);
  assert.equal((await m.client.get('/api/organization/roles')).status, 200);
});

test('edit, disable (sessions end), re-enable and delete; the account name is fixed', async () => {
  const m = await createMember(t, md, 'md_lifecycle', ['system.read_only']);
  const renamed = await md.put(`/api/organization/members/${m.id}`, { body: { account_name: 'other_name' } });
  assert.equal(renamed.status, 400);
  const edited = await md.put(`/api/organization/members/${m.id}`, { body: { display_name: '李四', mobile: null, email: 'li@example.com' } });
  assert.equal(edited.status, 200);
  assert.equal(edited.body.display_name, '李四');
  assert.equal(edited.body.account_name, 'md_lifecycle');

  const disabled = await md.post(`/api/organization/members/${m.id}/disable`);
  assert.equal(disabled.body.status, 'disabled');
  assert.equal((await m.client.get('/api/me')).status, 401);
  const signIn = await t.http.post('/api/session', { body: { name: 'md_lifecycle', password: MEMBER_PASSWORD } });
  assert.equal(signIn.body.error_code, 'HBN.1004');

  assert.equal((await md.post(`/api/organization/members/${m.id}/enable`)).body.status, 'active');
  const again = await t.console('md_lifecycle', MEMBER_PASSWORD);
  assert.equal((await again.get('/api/me')).status, 200);

  const reset = await md.put(`/api/organization/members/${m.id}/password`, { body: { new_password: 'Reset#20260' } });
  assert.equal(reset.body.must_change_password, true);
  assert.equal((await again.get('/api/me')).status, 401, 'a reset ends the sessions');

  assert.equal((await md.delete(`/api/organization/members/${m.id}`)).status, 204);
  assert.equal((await md.get(`/api/organization/members/${m.id}`)).body.error_code, 'HBN.2012');
  const gone = await t.http.post('/api/session', { body: { name: 'md_lifecycle', password: 'Reset#20260' } });
  assert.equal(gone.body.error_code, 'HBN.1001');

  const ops = (await md.get('/api/organization/audit-logs', { query: { operation: 'organization.member', limit: 100 } })).body.records.map(
    (r: { operation: string }) => r.operation,
  );
  for (const op of ['member_create', 'member_update', 'member_disable', 'member_enable', 'member_password_reset', 'member_delete']) {
    assert.ok(ops.includes(`organization.${op}`), op);
  }
});

test('duplicate account names, the main account and oneself are refused with their codes', async () => {
  const dup = await md.post('/api/organization/members', {
    body: { account_name: 'sp_demo', display_name: 'x', initial_password: INITIAL_PASSWORD },
  });
  assert.equal(dup.status, 409);
  assert.equal(dup.body.error_code, 'HBN.2009');
  const bad = await md.post('/api/organization/members', { body: { account_name: '1abc', display_name: 'x', initial_password: INITIAL_PASSWORD } });
  assert.equal(bad.body.error_code, 'CBC.0100');

  const admin = await createMember(t, md, 'md_admin1', ['system.administrator']);
  const main = (await md.get('/api/organization/members', { query: { account_name: 'md_demo' } })).body.members[0];
  assert.equal(main.is_main, true);
  assert.equal((await admin.client.post(`/api/organization/members/${main.id}/disable`)).body.error_code, 'HBN.2011');
  assert.equal((await admin.client.delete(`/api/organization/members/${admin.id}`)).body.error_code, 'HBN.2011');
  assert.equal((await admin.client.put(`/api/organization/members/${admin.id}/roles`, { body: { role_ids: [] } })).body.error_code, 'HBN.2011');
});

test('list filters by name, status and role, with paging', async () => {
  await createMember(t, md, 'md_am1', ['system.account_manager']);
  const byRole = await md.get('/api/organization/members', { query: { role_id: 'system.account_manager' } });
  assert.deepEqual(byRole.body.members.map((m: { account_name: string }) => m.account_name), ['md_am', 'md_am1']);
  const page = await md.get('/api/organization/members', { query: { limit: 2, offset: 0 } });
  assert.equal(page.body.members.length, 2);
  assert.ok(page.body.total_count >= 4);
  assert.equal(page.body.members[0].is_main, true);
  const bad = await md.get('/api/organization/members', { query: { limit: 101 } });
  assert.equal(bad.body.error_code, 'CBC.0100');
});

test('the vendor organization manages its members the same way, with its own roles', async () => {
  const vendor = await t.console('vendor_admin');
  const m = await createMember(t, vendor, 'ops_approver1', ['vendor.approver']);
  const me = await m.client.get('/api/me');
  assert.deepEqual(me.body.menus.map((x: { key: string }) => x.key), ['vendor.partners', 'vendor.approvals']);
  const partnerRole = await vendor.post('/api/organization/members', {
    body: { account_name: 'ops_bad', display_name: 'x', initial_password: INITIAL_PASSWORD, role_ids: ['system.finance'] },
  });
  assert.equal(partnerRole.body.error_code, 'HBN.2004');
  const items = await vendor.post('/api/organization/roles', { body: { name: 'x', items: ['BPC_ITEM_ORG_010100'] } });
  assert.equal(items.body.error_code, 'HBN.2006');
});

test('the demo shows members and roles: md_demo has a finance member, an account manager and a customers-only viewer', async () => {
  const members = (await md.get('/api/organization/members', { query: { limit: 100 } })).body.members;
  const roleOf = (name: string) => members.find((m: { account_name: string }) => m.account_name === name)?.roles.map((r: { id: string }) => r.id);
  assert.deepEqual(roleOf('md_finance'), ['system.finance']);
  assert.deepEqual(roleOf('md_am'), ['system.account_manager']);
  const viewer = await t.console('md_viewer');
  const me = (await viewer.get('/api/me')).body;
  assert.deepEqual(me.permissions, ['BPC_ITEM_SUBCUSTSERV_010100']);
  assert.deepEqual(me.menus.map((m: { key: string; children: { key: string }[] }) => [m.key, m.children.map((c) => c.key)]), [['sales', ['sales.customers']]]);
});
