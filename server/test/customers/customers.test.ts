import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { ACCOUNT_MANAGER_ROLE, addMember, newCustomer, orgId } from './helpers.ts';

let t: TestApp;
let sp: HttpClient;
let md: HttpClient;
before(async () => {
  t = await createTestApp();
  sp = await t.token('sp_demo');
  md = await t.token('md_demo');
});
after(() => t.close());

const query = (c: HttpClient, body: Record<string, unknown> = {}) => c.post('/v2/partners/sub-customers/query', { body });

test('sub-customers/query answers Huawei fields for the partner own customers only', async () => {
  const r = await query(sp);
  assert.equal(r.status, 200);
  assert.equal(r.body.count, 2);
  const names = r.body.customer_infos.map((c: any) => c.account_name).sort();
  assert.deepEqual(names, ['cust_demo1', 'cust_demo2']);
  const c = r.body.customer_infos.find((x: any) => x.account_name === 'cust_demo2');
  assert.equal(c.association_type, '2');
  assert.match(c.associated_on, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  assert.equal(c.customer_id, await orgId(t, 'cust_demo2'));
  for (const key of ['customer', 'label', 'telephone', 'verified_status', 'country_code', 'customer_type', 'is_frozen', 'account_managers', 'xaccount_id', 'xaccount_type', 'customer_level', 'email']) {
    assert.ok(key in c, key);
  }
  assert.equal((await query(sp, { association_type: '1' })).body.count, 1);
  assert.equal((await query(sp, { account_name: 'demo2' })).body.customer_infos[0].account_name, 'cust_demo2');
  assert.equal((await query(sp, { account_name: 'zzz' })).body.count, 0);
  assert.equal((await query(sp, { limit: 1 })).body.customer_infos.length, 1);
  assert.equal((await query(sp, { associated_on_begin: '2099-01-01T00:00:00Z' })).body.count, 0);
  assert.equal((await query(sp, { associated_on_begin: '' })).status, 400);
  assert.equal((await query(sp, { account_name: 'a b' })).status, 400);
});

test("another partner's customer id gives no data", async () => {
  const r = await query(sp, { customer_id: await orgId(t, 'cust_demo3') });
  assert.equal(r.status, 200);
  assert.equal(r.body.count, 0);
  const managers = await sp.get(`/api/customers/${await orgId(t, 'cust_demo3')}/account-managers`);
  assert.equal(managers.status, 404);
  const check = await sp.post(`/api/customers/${await orgId(t, 'cust_demo3')}/account-check`, { body: { kind: 'disassociate' } });
  assert.equal(check.status, 404);
});

test("a master distributor sees a reseller's customers with indirect_partner_id; others may not", async () => {
  const rs1 = await orgId(t, 'rs_demo1');
  const r = await query(md, { indirect_partner_id: rs1 });
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.customer_infos.map((c: any) => c.account_name), ['cust_demo5']);
  const own = await query(md);
  assert.deepEqual(own.body.customer_infos.map((c: any) => c.account_name).sort(), ['cust_demo3', 'cust_demo4']);
  const notMine = await query(sp, { indirect_partner_id: rs1 });
  assert.equal(notMine.status, 400);
  assert.equal(notMine.body.error_code, 'CBC.99000037');
  const rs = await t.token('rs_demo1');
  assert.equal((await query(rs, { indirect_partner_id: await orgId(t, 'rs_demo2') })).body.error_code, 'CBC.99000037');
});

test('a member without permission items gets 403 CBC.0151 on every customer operation', async () => {
  const member = await addMember(t, 'sp_demo', 'sp_member_noitems');
  const c = await member.client();
  const cust = await orgId(t, 'cust_demo2');
  for (const [method, path, body] of [
    ['post', '/v2/partners/sub-customers/query', {}],
    ['post', '/v2/partners/sub-customers', { domain_name: 'nobody_here' }],
    ['post', '/v2/partners/sub-customers/freeze', { customer_ids: [cust], reason: 'x' }],
    ['post', `/api/customers/${cust}/disassociation`, { reason: 'x' }],
    ['post', '/api/invitations', { channel: 'offline', association_type: '2' }],
    ['post', '/api/authorizations', { customer_id: cust, scopes: ['purchase'], duration_days: 30 }],
    ['put', '/api/webhook-endpoint', { url: 'http://127.0.0.1:9/x' }],
  ] as const) {
    const r = await (c as any)[method](path, { body });
    assert.equal(r.status, 403, `${method} ${path}`);
    assert.equal(r.body.error_code, 'CBC.0151');
  }
});

test('create a resale customer by API: account, association type 2, event, audit; name taken refused', async () => {
  const r = await sp.post('/v2/partners/sub-customers', { body: { domain_name: 'api_customer_1', password: 'Passw0rd!x', xaccount_id: 'X-1', xaccount_type: 'shop' } });
  assert.equal(r.status, 200);
  assert.equal(r.body.domain_name, 'api_customer_1');
  const list = await query(sp, { customer_id: r.body.domain_id });
  assert.equal(list.body.customer_infos[0].association_type, '2');
  assert.equal(list.body.customer_infos[0].xaccount_id, 'X-1');
  const again = await sp.post('/v2/partners/sub-customers', { body: { domain_name: 'api_customer_1', password: 'Passw0rd!x' } });
  assert.equal(again.body.error_code, 'HBN.2136');
  const sameX = await sp.post('/v2/partners/sub-customers', { body: { domain_name: 'api_customer_2', xaccount_id: 'X-1', xaccount_type: 'shop' } });
  assert.equal(sameX.body.error_code, 'HBN.2195');
  const weak = await sp.post('/v2/partners/sub-customers', { body: { domain_name: 'api_customer_3', password: 'aaaaaaaa' } });
  assert.equal(weak.body.error_code, 'HBN.2139');
  const random = await sp.post('/v2/partners/sub-customers', { body: {} });
  assert.equal(random.status, 200);
  const events = await sp.get('/api/association-events', { query: { customer_id: r.body.domain_id } });
  assert.equal(events.body.events[0].kind, 'associate');
  assert.equal(events.body.events[0].status, 'COMPLETED');
  const audit = await t.database.db.selectFrom('audit_log').select('operation').where('target_id', '=', r.body.domain_id).execute();
  assert.ok(audit.some((a) => a.operation === 'customers.create_sub_customer'));
  // A master distributor creates a customer for its reseller.
  const forRs = await md.post('/v2/partners/sub-customers', { body: { domain_name: 'rs_api_customer', indirect_partner_id: await orgId(t, 'rs_demo1') } });
  assert.equal(forRs.status, 200);
  const rsList = await query(await t.token('rs_demo1'), { customer_id: forRs.body.domain_id });
  assert.equal(rsList.body.count, 1);
});

test('freeze and unfreeze: resale only, partial failures as error_details, reason kept, blocks disassociation', async () => {
  const c = await newCustomer(t, sp);
  const consultative = await orgId(t, 'cust_demo1');
  const foreign = await orgId(t, 'cust_demo3');
  const r = await sp.post('/v2/partners/sub-customers/freeze', { body: { customer_ids: [c.id, consultative, foreign], reason: 'overdue contract' } });
  assert.equal(r.status, 200);
  const codes = Object.fromEntries(r.body.error_details.map((e: any) => [e.id, e.error_code]));
  assert.deepEqual(codes, { [consultative]: 'HBN.2163', [foreign]: 'CBC.99000035' });
  assert.equal((await query(sp, { customer_id: c.id })).body.customer_infos[0].is_frozen, 1);
  assert.equal((await query(sp, { is_frozen: 1 })).body.count, 1);
  assert.equal(await t.services.customers.isCustomerFrozen(c.id), true);
  const check = await sp.post(`/api/customers/${c.id}/account-check`, { body: { kind: 'disassociate' } });
  assert.equal(check.body.passed, false);
  assert.deepEqual(check.body.blockers.map((b: any) => b.code), ['HBN.2141']);
  const again = await sp.post('/v2/partners/sub-customers/freeze', { body: { customer_ids: [c.id], reason: 'x' } });
  assert.equal(again.body.error_details[0].error_code, 'HBN.2164');
  const un = await sp.post('/v2/partners/sub-customers/unfreeze', { body: { customer_ids: [c.id], reason: 'paid' } });
  assert.equal(un.status, 200);
  assert.equal(un.body.error_details, undefined);
  assert.equal((await query(sp, { customer_id: c.id })).body.customer_infos[0].is_frozen, 0);
  // A master distributor freezes a reseller's customer with the reseller item.
  const rsCust = await orgId(t, 'cust_demo5');
  const mdFreeze = await md.post('/v2/partners/sub-customers/freeze', { body: { customer_ids: [rsCust], reason: 'x', indirect_partner_id: await orgId(t, 'rs_demo1'), freeze_type: 'ACCOUNT_AND_RESOURCE' } });
  assert.equal(mdFreeze.status, 200);
  assert.equal(mdFreeze.body.error_details, undefined);
  assert.equal(await t.services.customers.isCustomerFrozen(rsCust), true);
});

test('account managers: assign, reassign, withdraw, history; only members with the account-manager role', async () => {
  const c = await newCustomer(t, sp);
  const m1 = await addMember(t, 'sp_demo', 'sp_manager_one', [ACCOUNT_MANAGER_ROLE]);
  const m2 = await addMember(t, 'sp_demo', 'sp_manager_two', ['system.account_manager_supervisor']);
  const plain = await addMember(t, 'sp_demo', 'sp_member_plain', ['system.finance']);
  const foreign = await addMember(t, 'md_demo', 'md_member_x', [ACCOUNT_MANAGER_ROLE]);
  const spMain = (await t.database.db.selectFrom('app_user').select('id').where('name', '=', 'sp_demo').executeTakeFirstOrThrow()).id;
  for (const who of [foreign.id, plain.id, spMain]) {
    assert.equal((await sp.put(`/api/customers/${c.id}/account-manager`, { body: { manager_user_id: who } })).body.error_code, 'HBN.2171');
  }
  const candidates = await sp.get('/api/account-manager-candidates', { query: { kind: 'customer' } });
  assert.equal(candidates.status, 200);
  const names = candidates.body.candidates.map((m: { account_name: string }) => m.account_name);
  assert.ok(names.includes('sp_manager_one') && names.includes('sp_manager_two') && names.includes('sp_supervisor'), names.join());
  assert.ok(!names.includes('sp_member_plain') && !names.includes('sp_demo') && !names.includes('md_member_x'), names.join());
  assert.equal((await sp.put(`/api/customers/${c.id}/account-manager`, { body: { manager_user_id: m1.id } })).status, 200);
  assert.equal((await sp.put(`/api/customers/${c.id}/account-manager`, { body: { manager_user_id: m2.id } })).status, 200);
  const listed = await query(sp, { customer_id: c.id });
  assert.deepEqual(listed.body.customer_infos[0].account_managers, [{ account_name: 'sp_manager_two' }]);
  assert.equal((await query(sp, { account_manager: 'manager_two' })).body.count, 1);
  assert.equal((await sp.delete(`/api/customers/${c.id}/account-manager`)).status, 204);
  assert.equal((await sp.delete(`/api/customers/${c.id}/account-manager`)).body.error_code, 'HBN.2172');
  const h = await sp.get(`/api/customers/${c.id}/account-managers`);
  assert.equal(h.body.assignments.length, 2);
  assert.ok(h.body.assignments.every((a: any) => a.current === false && a.withdrawn_at));
});

test("reseller account managers: assign, listed on the reseller, history, withdraw; an account manager sees only what is assigned to them", async () => {
  const [rs1, rs2] = [await orgId(t, 'rs_demo1'), await orgId(t, 'rs_demo2')];
  const amId = (await t.database.db.selectFrom('app_user').select('id').where('name', '=', 'md_am').executeTakeFirstOrThrow()).id;
  const mdm = await addMember(t, 'md_demo', 'md_manager_one', [ACCOUNT_MANAGER_ROLE]);
  const finance = (await t.database.db.selectFrom('app_user').select('id').where('name', '=', 'md_finance').executeTakeFirstOrThrow()).id;
  const resellers = async (c: HttpClient) => {
    const r = await c.post('/v2/partners/indirect-partners/query', { body: {} });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return new Map<string, any>(r.body.indirect_partners.map((p: any) => [p.indirect_partner_id, p]));
  };

  // The demo: md_am manages rs_demo1 and the customer cust_demo3.
  const before = await resellers(md);
  assert.equal(before.get(rs1).account_manager_id, amId);
  assert.equal(before.get(rs1).account_manager_name, 'md_am');
  assert.equal(before.get(rs2).account_manager_id, undefined);
  const candidates = (await md.get('/api/account-manager-candidates', { query: { kind: 'reseller' } })).body.candidates.map((m: { id: string }) => m.id);
  assert.ok(candidates.includes(amId) && candidates.includes(mdm.id) && !candidates.includes(finance));
  assert.equal((await md.put(`/api/resellers/${rs2}/account-manager`, { body: { manager_user_id: finance } })).body.error_code, 'HBN.2171');
  assert.equal((await sp.put(`/api/resellers/${rs1}/account-manager`, { body: { manager_user_id: mdm.id } })).status, 403);
  assert.equal((await sp.get('/api/account-manager-candidates', { query: { kind: 'reseller' } })).status, 403);

  const am = await t.console('md_am');
  const own = await resellers(am);
  assert.deepEqual([...own.keys()], [rs1]);
  assert.equal((await am.post('/v2/partners/indirect-partners/query', { body: { indirect_partner_id: rs2 } })).body.count, 0);
  const amCustomers = await query(am);
  assert.equal(amCustomers.status, 200);
  assert.deepEqual(amCustomers.body.customer_infos.map((c: any) => c.account_name), ['cust_demo3']);
  assert.equal((await am.put(`/api/resellers/${rs2}/account-manager`, { body: { manager_user_id: amId } })).status, 403);

  // md_demo gives rs_demo2 to md_am, then hands rs_demo1 over to another manager.
  assert.equal((await md.put(`/api/resellers/${rs2}/account-manager`, { body: { manager_user_id: amId } })).status, 200);
  assert.equal((await md.put(`/api/resellers/${rs1}/account-manager`, { body: { manager_user_id: mdm.id } })).status, 200);
  assert.deepEqual([...(await resellers(am)).keys()], [rs2]);
  assert.deepEqual([...(await resellers(await t.console('md_manager_one', 'Member@2026'))).keys()], [rs1]);
  const after = await resellers(md);
  assert.equal(after.get(rs1).account_manager_name, 'md_manager_one');
  assert.equal(after.get(rs2).account_manager_name, 'md_am');
  const history = (await md.get(`/api/resellers/${rs1}/account-managers`)).body.assignments;
  assert.deepEqual(history.map((a: any) => [a.manager_name, a.current]), [['md_manager_one', true], ['md_am', false]]);

  assert.equal((await md.delete(`/api/resellers/${rs2}/account-manager`)).status, 204);
  assert.equal((await md.delete(`/api/resellers/${rs2}/account-manager`)).body.error_code, 'HBN.2172');
  assert.equal((await resellers(am)).size, 0);
  assert.equal((await resellers(md)).get(rs2).account_manager_id, undefined);
});

test('export: the filtered list as an .xlsx workbook with headers in the caller language', async () => {
  const r = await fetch(`${t.url}/api/customers/export`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-auth-token': (sp as any).auth['x-auth-token'], 'x-language': 'zh_CN' },
    body: JSON.stringify({ association_type: '1' }),
  });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /spreadsheetml/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await r.arrayBuffer()) as any);
  const sheet = book.worksheets[0];
  assert.equal(sheet.getRow(1).getCell(1).value, '客户名称');
  assert.equal(sheet.rowCount, 2);
  assert.equal(sheet.getRow(2).getCell(2).value, 'cust_demo1');
});
