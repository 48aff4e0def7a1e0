// Helpers for organization tests: members created through the API, past their first sign-in.
import assert from 'node:assert/strict';
import type { HttpClient } from './http.ts';
import type { TestApp } from './test-app.ts';

export const INITIAL_PASSWORD = 'Initial#2026';
export const MEMBER_PASSWORD = 'Member#2026x';

export interface Member {
  id: string;
  name: string;
  client: HttpClient;
}

export async function createRole(admin: HttpClient, name: string, items: string[]): Promise<string> {
  const r = await admin.post('/api/organization/roles', { body: { name, items } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

/** Creates a member with the given roles, signs it in and changes its initial password. */
export async function createMember(t: TestApp, admin: HttpClient, name: string, roleIds: string[] = []): Promise<Member> {
  const created = await admin.post('/api/organization/members', {
    body: { account_name: name, display_name: `Member ${name}`, initial_password: INITIAL_PASSWORD, role_ids: roleIds },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const client = await t.console(name, INITIAL_PASSWORD);
  const changed = await client.post('/api/me/password', { body: { old_password: INITIAL_PASSWORD, new_password: MEMBER_PASSWORD } });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  return { id: created.body.id, name, client };
}
