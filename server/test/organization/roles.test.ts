import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { createMember, createRole, INITIAL_PASSWORD } from '../support/organization.ts';

let t: TestApp;
let md: HttpClient;
before(async () => {
  t = await createTestApp();
  md = await t.console('md_demo');
});
after(() => t.close());

const newMember = (role_ids: string[], lang: string, name: string) =>
  md.post('/api/organization/members', {
    body: { account_name: name, display_name: name, initial_password: INITIAL_PASSWORD, role_ids },
    headers: { 'x-language': lang },
  });

test('role rules: at most 3, administrator alone, account manager and supervisor exclusive — in both languages', async () => {
  const extra = await createRole(md, 'extra role', ['BPC_ITEM_VIEW_010100']);
  const cases: [string[], string, string, string][] = [
    [['system.finance', 'system.marketing', 'system.read_only', extra], 'HBN.2001', 'A member can hold at most 3 roles.', '每个人员最多只能分配3个角色。'],
    [['system.administrator', 'system.finance'], 'HBN.2002', 'The administrator role cannot be combined with other roles.', '系统管理员角色不能与其他角色同时分配。'],
    [
      ['system.account_manager', 'system.account_manager_supervisor'],
      'HBN.2003',
      'The account manager and account-manager supervisor roles are mutually exclusive.',
      '客户经理与客户经理主管角色互斥，不能同时分配。',
    ],
  ];
  for (const [roles, code, en, zh] of cases) {
    const r1 = await newMember(roles, 'en_US', 'md_rule_en');
    assert.equal(r1.status, 400);
    assert.deepEqual(r1.body, { error_code: code, error_msg: en });
    const r2 = await newMember(roles, 'zh_CN', 'md_rule_zh');
    assert.deepEqual(r2.body, { error_code: code, error_msg: zh });
  }
  // The same rules hold when roles are assigned later.
  const m = await createMember(t, md, 'md_rules1', ['system.account_manager']);
  const r = await md.put(`/api/organization/members/${m.id}/roles`, {
    body: { role_ids: ['system.account_manager', 'system.account_manager_supervisor'] },
  });
  assert.equal(r.body.error_code, 'HBN.2003');
  const ok = await md.put(`/api/organization/members/${m.id}/roles`, { body: { role_ids: ['system.account_manager', 'system.marketing', extra] } });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.roles.length, 3);
});

test('system roles are listed and cannot be changed or deleted', async () => {
  const list = await md.get('/api/organization/roles');
  const ids = list.body.roles.filter((r: { system: boolean }) => r.system).map((r: { id: string }) => r.id);
  assert.deepEqual(ids, [
    'system.administrator',
    'system.finance',
    'system.account_manager',
    'system.account_manager_supervisor',
    'system.marketing',
    'system.read_only',
  ]);
  const am = list.body.roles.find((r: { id: string }) => r.id === 'system.account_manager');
  assert.equal(am.name_zh, '客户经理');
  const put = await md.put('/api/organization/roles/system.finance', { body: { name: 'x' } });
  assert.equal(put.status, 403);
  assert.equal(put.body.error_code, 'HBN.2007');
  assert.equal((await md.delete('/api/organization/roles/system.finance')).body.error_code, 'HBN.2007');
});

test('custom roles: catalogue items only, unique names, no deletion while assigned', async () => {
  const catalog = await md.get('/api/organization/permission-catalog');
  assert.equal(catalog.status, 200);
  const top = catalog.body.menus.map((m: { key: string }) => m.key);
  assert.deepEqual(top, ['home', 'sales', 'benefits', 'organization']);
  const customers = catalog.body.menus[1].children.find((c: { key: string }) => c.key === 'sales.customers');
  assert.ok(customers.items.some((i: { code: string; name_en: string }) => i.code === 'BPC_ITEM_SUBCUSTSERV_010100' && i.name_en.includes('View')));

  const unknown = await md.post('/api/organization/roles', { body: { name: 'bad', items: ['BPC_ITEM_NOPE_010100', 'BPC_ITEM_OPS_010100'] } });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.body.error_code, 'HBN.2006');
  assert.match(unknown.body.error_msg, /BPC_ITEM_NOPE_010100, BPC_ITEM_OPS_010100/);
  // A solution provider cannot hold the cloud-reseller items.
  const sp = await t.console('sp_demo');
  assert.equal((await sp.post('/api/organization/roles', { body: { name: 'r', items: ['BPC_ITEM_SALES_020104'] } })).body.error_code, 'HBN.2006');

  const id = await createRole(md, 'viewers', ['BPC_ITEM_SUBCUSTSERV_010100', 'BPC_ITEM_SUBCUSTSERV_010100']);
  const role = await md.get(`/api/organization/roles/${id}`);
  assert.deepEqual(role.body.items, ['BPC_ITEM_SUBCUSTSERV_010100']);
  assert.equal((await md.post('/api/organization/roles', { body: { name: 'viewers', items: ['BPC_ITEM_VIEW_010100'] } })).body.error_code, 'HBN.2005');

  const m = await createMember(t, md, 'md_viewer1', [id]);
  assert.equal((await md.delete(`/api/organization/roles/${id}`)).body.error_code, 'HBN.2008');
  await md.put(`/api/organization/members/${m.id}/roles`, { body: { role_ids: [] } });
  assert.equal((await md.delete(`/api/organization/roles/${id}`)).status, 204);
  assert.equal((await md.get(`/api/organization/roles/${id}`)).body.error_code, 'HBN.2004');
});

test('a member managing roles cannot grant what it does not hold', async () => {
  const managerRole = await createRole(md, 'role managers', ['BPC_ITEM_ORG_020100', 'BPC_ITEM_ORG_020101', 'BPC_ITEM_ORG_010105', 'BPC_ITEM_ORG_010100']);
  const m = await createMember(t, md, 'md_rolemgr', [managerRole]);
  const escalate = await m.client.post('/api/organization/roles', { body: { name: 'all money', items: ['BPC_ITEM_SALES_020104'] } });
  assert.equal(escalate.status, 403);
  assert.equal(escalate.body.error_code, 'HBN.2010');
  const other = await createMember(t, md, 'md_target1');
  const admin = await m.client.put(`/api/organization/members/${other.id}/roles`, { body: { role_ids: ['system.administrator'] } });
  assert.equal(admin.body.error_code, 'HBN.2010');
  const fine = await m.client.post('/api/organization/roles', { body: { name: 'member viewers', items: ['BPC_ITEM_ORG_010100'] } });
  assert.equal(fine.status, 201);
});
