// Who the fuzzer calls as, and the ids it plants: every demo organization's and user's id, so
// that requests also carry ids of other organizations.
import type { TestApp } from '../support/test-app.ts';

export async function fuzzCast(t: TestApp) {
  const clients = await Promise.all(['md_demo', 'rs_demo1', 'sp_demo', 'cust_demo2', 'vendor_admin'].map((n) => t.token(n)));
  const orgs = await t.database.db.selectFrom('organization').select('id').execute();
  const users = await t.database.db.selectFrom('app_user').select('id').execute();
  return { clients, ids: [...orgs.map((o) => o.id), ...users.map((u) => u.id), 'does-not-exist'] };
}
