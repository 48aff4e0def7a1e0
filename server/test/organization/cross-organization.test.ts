// Ids copied from another organization get 404 (or 403), never data.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { createMember, createRole, type Member } from '../support/organization.ts';

let t: TestApp;
let md: HttpClient;
let sp: HttpClient;
let mdMember: Member;
let mdRole: string;
let spAdmin: Member;
before(async () => {
  t = await createTestApp();
  md = await t.console('md_demo');
  sp = await t.console('sp_demo');
  mdRole = await createRole(md, 'md secret role', ['BPC_ITEM_SUBCUSTSERV_010100']);
  mdMember = await createMember(t, md, 'md_xorg', [mdRole]);
  spAdmin = await createMember(t, sp, 'sp_xadmin', ['system.administrator']);
});
after(() => t.close());

test("another partner's members cannot be read or changed", async () => {
  for (const client of [sp, spAdmin.client, await t.console('vendor_admin')]) {
    const id = mdMember.id;
    const reads = [
      await client.get(`/api/organization/members/${id}`),
      await client.put(`/api/organization/members/${id}`, { body: { display_name: 'hijacked' } }),
      await client.put(`/api/organization/members/${id}/roles`, { body: { role_ids: [] } }),
      await client.post(`/api/organization/members/${id}/disable`),
      await client.put(`/api/organization/members/${id}/password`, { body: { new_password: 'Hijack#2026' } }),
      await client.delete(`/api/organization/members/${id}`),
    ];
    for (const r of reads) {
      assert.equal(r.status, 404, JSON.stringify(r.body));
      assert.equal(r.body.error_code, 'HBN.2012');
    }
    const list = await client.get('/api/organization/members', { query: { limit: 100 } });
    assert.ok(!JSON.stringify(list.body).includes(id));
  }
  const still = await md.get(`/api/organization/members/${mdMember.id}`);
  assert.equal(still.body.status, 'active');
  assert.equal(still.body.display_name, 'Member md_xorg');
});

test("another partner's roles cannot be read, changed, deleted or assigned", async () => {
  for (const r of [
    await sp.get(`/api/organization/roles/${mdRole}`),
    await sp.put(`/api/organization/roles/${mdRole}`, { body: { items: ['BPC_ITEM_VIEW_010100'] } }),
    await sp.delete(`/api/organization/roles/${mdRole}`),
    await sp.put(`/api/organization/members/${spAdmin.id}/roles`, { body: { role_ids: [mdRole] } }),
  ]) {
    assert.equal(r.status, 404, JSON.stringify(r.body));
    assert.equal(r.body.error_code, 'HBN.2004');
  }
  const roles = await sp.get('/api/organization/roles');
  assert.ok(!JSON.stringify(roles.body).includes(mdRole));
  assert.deepEqual((await md.get(`/api/organization/roles/${mdRole}`)).body.items, ['BPC_ITEM_SUBCUSTSERV_010100']);
});

test("a member sees its own organization's audit trail only", async () => {
  const spLogs = await sp.get('/api/organization/audit-logs', { query: { limit: 100 } });
  assert.equal(spLogs.status, 200);
  assert.ok(spLogs.body.records.length > 0);
  const text = JSON.stringify(spLogs.body);
  assert.ok(!text.includes(mdMember.id) && !text.includes('md_demo'));
  // md's member holds only "view customers": no audit log, no members.
  assert.equal((await mdMember.client.get('/api/organization/audit-logs')).status, 403);
  assert.equal((await mdMember.client.get(`/api/organization/members/${spAdmin.id}`)).status, 403);
  const me = await mdMember.client.get('/api/me');
  assert.deepEqual(me.body.permissions, ['BPC_ITEM_SUBCUSTSERV_010100']);
});
