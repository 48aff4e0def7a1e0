// Helpers of the customers tests: ids by account name, fresh resale customers, members without items.
import type { TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { hashPassword } from '../../src/modules/identity/index.ts';
import { newId } from '../../src/shared/ids.ts';

export const CUSTOMER_PASSWORD = 'Cust@2026x';

export async function orgId(t: TestApp, accountName: string): Promise<string> {
  const o = await t.database.db.selectFrom('organization').select('id').where('domain_name', '=', accountName).executeTakeFirstOrThrow();
  return o.id;
}

let n = 0;
/** A new resale customer of the partner, created through Huawei's API; returns its id and a client. */
export async function newCustomer(t: TestApp, partner: HttpClient, extra: Record<string, unknown> = {}) {
  const name = `cust_t${process.pid % 1000}_${++n}_${Math.floor(Math.random() * 1e6)}`;
  const r = await partner.post('/v2/partners/sub-customers', { body: { domain_name: name, password: CUSTOMER_PASSWORD, ...extra } });
  if (r.status !== 200) throw new Error(`create customer failed: ${r.status} ${JSON.stringify(r.body)}`);
  return { id: r.body.domain_id as string, name, client: () => t.token(name, CUSTOMER_PASSWORD) };
}

/** The system role that makes a member an account manager (of customers, and of resellers for a master distributor). */
export const ACCOUNT_MANAGER_ROLE = 'system.account_manager';

/** A member of the organization holding the given roles (none: no permission items). */
export async function addMember(t: TestApp, orgAccount: string, name: string, roles: string[] = [], password = 'Member@2026') {
  const id = newId();
  const org = await orgId(t, orgAccount);
  await t.database.db
    .insertInto('app_user')
    .values({ id, org_id: org, name, display_name: name, mobile: null, email: null, is_main: false, password_hash: await hashPassword(password), updated_at: new Date() })
    .execute();
  if (roles.length) await t.database.db.insertInto('member_role').values(roles.map((role_id) => ({ user_id: id, org_id: org, role_id }))).execute();
  return { id, client: () => t.console(name, password) };
}

export async function setFlag(t: TestApp, customerId: string, flag: string) {
  await t.database.db.insertInto('customer_flag').values({ customer_org_id: customerId, flag }).execute();
}

export const DAY = 86_400_000;
