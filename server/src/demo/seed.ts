// The demo cast, loaded on a first start so that a newcomer who signs in sees the product at
// work. Each feature extends it. The vendor organization itself is created by bootstrap().
import type { Kysely } from 'kysely';
import type { DB, OrgKind, PartnerType } from '../db/schema.ts';
import { newId, newSecret } from '../shared/ids.ts';
import { hashPassword } from '../modules/identity/index.ts';

export interface Login {
  name: string;
  password: string;
  role: string;
}

interface OrgSpec {
  account: string;
  name: string;
  kind: OrgKind;
  partnerType?: PartnerType;
  parent?: string;
  role: string;
}

const VENDOR: OrgSpec = { account: 'vendor_admin', name: '华为云 (示例运营方)', kind: 'vendor', role: 'vendor administrator' };

const DEMO_ORGS: OrgSpec[] = [
  { account: 'md_demo', name: '华东云总经销有限公司', kind: 'partner', partnerType: 'master_distributor', role: 'master distributor' },
  { account: 'rs_demo1', name: '杭州云帆科技有限公司', kind: 'partner', partnerType: 'cloud_reseller', parent: 'md_demo', role: 'cloud reseller of md_demo' },
  { account: 'rs_demo2', name: '苏州启云信息技术有限公司', kind: 'partner', partnerType: 'cloud_reseller', parent: 'md_demo', role: 'cloud reseller of md_demo' },
  { account: 'sp_demo', name: '深圳数智方案有限公司', kind: 'partner', partnerType: 'solution_provider', role: 'solution provider' },
  { account: 'cust_demo1', name: '上海明日零售有限公司', kind: 'customer', role: 'customer of sp_demo (consultative sales)' },
  { account: 'cust_demo2', name: '广州青禾教育科技有限公司', kind: 'customer', role: 'customer of sp_demo (resale)' },
  { account: 'cust_demo3', name: '南京云端物流有限公司', kind: 'customer', role: 'customer of md_demo (resale)' },
  { account: 'cust_demo4', name: '合肥智造装备有限公司', kind: 'customer', role: 'customer of md_demo (consultative sales)' },
  { account: 'cust_demo5', name: '宁波海港贸易有限公司', kind: 'customer', role: 'customer of rs_demo1 (resale)' },
  { account: 'cust_demo6', name: '无锡新材料研究院', kind: 'customer', role: 'customer of rs_demo2 (resale)' },
];

/** customer account -> [partner account, association type] */
const ASSOCIATIONS: Record<string, [string, 1 | 2]> = {
  cust_demo1: ['sp_demo', 1],
  cust_demo2: ['sp_demo', 2],
  cust_demo3: ['md_demo', 2],
  cust_demo4: ['md_demo', 1],
  cust_demo5: ['rs_demo1', 2],
  cust_demo6: ['rs_demo2', 2],
};

async function createOrg(db: Kysely<DB>, spec: OrgSpec, password: string, ids: Map<string, string>): Promise<Login> {
  const orgId = newId();
  ids.set(spec.account, orgId);
  await db
    .insertInto('organization')
    .values({
      id: orgId,
      kind: spec.kind,
      partner_type: spec.partnerType ?? null,
      parent_partner_id: spec.parent ? ids.get(spec.parent)! : null,
      name: spec.name,
      domain_name: spec.account,
      mobile: null,
      email: `${spec.account}@example.com`,
      customer_type: spec.kind === 'customer' ? 1 : -1,
    })
    .execute();
  await db
    .insertInto('app_user')
    .values({
      id: newId(),
      org_id: orgId,
      name: spec.account,
      display_name: spec.name,
      email: `${spec.account}@example.com`,
      mobile: null,
      is_main: true,
      password_hash: await hashOnce(password),
      updated_at: new Date(),
    })
    .execute();
  return { name: spec.account, password, role: spec.role };
}

const passwordFor = (fixed: string | undefined) => fixed ?? `Hb-${newSecret(9)}`;

// With one fixed password for every account (automated checks), hash it once.
const hashes = new Map<string, Promise<string>>();
const hashOnce = (password: string) => {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
};

/** Creates the vendor organization and its administrator when the database has none. */
export async function bootstrap(db: Kysely<DB>, fixedPassword?: string): Promise<Login[]> {
  const existing = await db.selectFrom('organization').select('id').where('kind', '=', 'vendor').executeTakeFirst();
  if (existing) return [];
  return [await createOrg(db, VENDOR, passwordFor(fixedPassword), new Map())];
}

/** Loads the demo cast into an empty product (only the vendor present). */
export async function loadDemo(db: Kysely<DB>, fixedPassword?: string): Promise<Login[]> {
  const present = await db.selectFrom('organization').select('id').where('domain_name', '=', 'md_demo').executeTakeFirst();
  if (present) return [];
  return db.transaction().execute(async (tx) => {
    const ids = new Map<string, string>();
    const logins: Login[] = [];
    for (const spec of DEMO_ORGS) logins.push(await createOrg(tx, spec, passwordFor(fixedPassword), ids));
    for (const [customer, [partner, type]] of Object.entries(ASSOCIATIONS)) {
      await tx
        .insertInto('customer_association')
        .values({
          id: newId(),
          customer_org_id: ids.get(customer)!,
          partner_org_id: ids.get(partner)!,
          association_type: type,
          associated_on: new Date(Date.now() - 30 * 86_400_000),
          label: null,
        })
        .execute();
    }
    await loadCustomersDemo(tx, ids);
    return logins;
  });
}

/** Customers (issue 5): invitations, a pending customer request, an authorization, a frozen customer. */
async function loadCustomersDemo(tx: Kysely<DB>, ids: Map<string, string>) {
  const now = new Date();
  const day = 86_400_000;
  const sp = ids.get('sp_demo')!;
  const md = ids.get('md_demo')!;
  const reportId = `RP${newId().toUpperCase()}`;
  await tx
    .insertInto('customer_report')
    .values({ id: reportId, partner_org_id: sp, customer_name: '杭州示例电商有限公司', mobile: '13800138000', email: 'buyer@example.com', status: 'APPROVED', created_by: null, created_at: new Date(now.getTime() - 2 * day), decided_at: new Date(now.getTime() - day), decided_by: null, decision_reason: null, valid_until: new Date(now.getTime() + 89 * day) })
    .execute();
  const online = { id: `IV${newId().toUpperCase()}`, code: newSecret(24) };
  await tx
    .insertInto('customer_invitation')
    .values({ id: online.id, partner_org_id: sp, channel: 'online', association_type: 2, code: online.code, report_id: reportId, email: 'buyer@example.com', tag: null, manager_user_id: null, created_by: null, created_at: now, expires_at: new Date(now.getTime() + 7 * day), sent_count: 1, last_sent_at: now, revoked_at: null })
    .execute();
  await tx
    .insertInto('mail_outbox')
    .values({ id: `ML${newId().toUpperCase()}`, org_id: sp, to_address: 'buyer@example.com', subject: '【伙伴邀请 Partner invitation】深圳数智方案有限公司', body_text: `深圳数智方案有限公司 邀请您关联为其代售客户。 / 深圳数智方案有限公司 invites you to associate as its resale customer.\n/invite/${online.code}`, created_at: now, sent_at: null })
    .execute();
  await tx
    .insertInto('customer_invitation')
    .values({ id: `IV${newId().toUpperCase()}`, partner_org_id: sp, channel: 'offline', association_type: 1, code: newSecret(24), report_id: null, email: null, tag: 'expo-2026', manager_user_id: null, created_by: null, created_at: now, expires_at: null, revoked_at: null, last_sent_at: null })
    .execute();
  // cust_demo4 asked md_demo to end their association 2 days ago (approved automatically after 10 days).
  const a4 = await tx.selectFrom('customer_association').select(['id', 'association_type']).where('customer_org_id', '=', ids.get('cust_demo4')!).executeTakeFirstOrThrow();
  const eventId = `AE${newId().toUpperCase()}`;
  const requestedAt = new Date(now.getTime() - 2 * day);
  await tx
    .insertInto('association_event')
    .values({ id: eventId, partner_org_id: md, customer_org_id: ids.get('cust_demo4')!, association_id: a4.id, kind: 'disassociate', initiator: 'customer', status: 'PENDING_PARTNER', from_type: a4.association_type, to_type: null, reason: '公司业务调整 / business reorganisation', requested_by: null, requested_at: requestedAt, due_at: new Date(requestedAt.getTime() + 10 * day), decided_at: null, decided_by: null, decision_reason: null })
    .execute();
  await tx
    .insertInto('association_event_history')
    .values({ event_id: eventId, org_id: md, from_status: null, to_status: 'PENDING_PARTNER', action: 'request', actor_org_id: ids.get('cust_demo4')!, actor_user_id: null, actor_via: 'console', at: requestedAt, reason: '公司业务调整 / business reorganisation' })
    .execute();
  // sp_demo may order on behalf of cust_demo2 for 90 days.
  const authId = `AZ${newId().toUpperCase()}`;
  await tx
    .insertInto('on_behalf_authorization')
    .values({ id: authId, partner_org_id: sp, customer_org_id: ids.get('cust_demo2')!, scopes: JSON.stringify(['purchase', 'manage_resources', 'view_account']), duration_days: 90, status: 'AUTHORIZED', reason: '代客下单 / ordering on behalf', requested_by: null, requested_at: new Date(now.getTime() - 5 * day), decided_at: new Date(now.getTime() - 4 * day), expires_at: new Date(now.getTime() + 86 * day), warned_at: null, ended_at: null, end_reason: null })
    .execute();
  // rs_demo2 froze cust_demo6.
  await tx
    .updateTable('customer_association')
    .set({ is_frozen: 1, frozen_reason: '预算超支 / over budget', frozen_at: now })
    .where('customer_org_id', '=', ids.get('cust_demo6')!)
    .execute();
}
