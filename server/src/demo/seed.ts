// The demo cast, loaded on a first start so that a newcomer who signs in sees the product at
// work. Each feature extends it. The vendor organization itself is created by bootstrap().
import type { Kysely } from 'kysely';
import type { DB, OrgKind, PartnerType } from '../db/schema.ts';
import { newId, newPrefixedId, newSecret } from '../shared/ids.ts';
import { hashPassword } from '../modules/identity/index.ts';
import { loadDemoCatalog } from '../modules/catalog/index.ts';
import { loadDemoOrders } from '../modules/orders/orders.demo.ts';
import { createLedgerService, type AccountRef } from '../modules/ledger/index.ts';
import type { Actor } from '../shared/actor.ts';
import { systemClock, toApiTime } from '../shared/clock.ts';
import type { Caller } from '../shared/actor.ts';
import { createAuditService } from '../modules/audit/index.ts';
import { createVouchersModule } from '../modules/vouchers/index.ts';
import { enqueueMail } from '../modules/mail/index.ts';
import type { LimitInfo } from '../modules/vouchers/vouchers.rules.ts';

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

/** Members (组织成员) of demo organizations: a custom role's items, or system role ids. */
interface MemberSpec {
  account: string;
  org: string;
  name: string;
  roles: string[];
  role: string;
}

const CUSTOM_ROLES: { org: string; name: string; description: string; items: string[] }[] = [
  {
    org: 'md_demo',
    name: '客户查看',
    description: '只能查看客户列表',
    items: ['BPC_ITEM_SUBCUSTSERV_010100'],
  },
];

const DEMO_MEMBERS: MemberSpec[] = [
  { account: 'md_finance', org: 'md_demo', name: '王财务', roles: ['system.finance'], role: 'finance member of md_demo' },
  { account: 'md_am', org: 'md_demo', name: '李客户经理', roles: ['system.account_manager'], role: 'account manager of md_demo' },
  { account: 'md_viewer', org: 'md_demo', name: '赵只看客户', roles: ['custom:客户查看'], role: 'member of md_demo who only views customers' },
  { account: 'sp_supervisor', org: 'sp_demo', name: '陈主管', roles: ['system.account_manager_supervisor'], role: 'account-manager supervisor of sp_demo' },
  { account: 'ops_approver', org: 'vendor_admin', name: '周审批', roles: ['vendor.approver'], role: 'approver of the vendor' },
];

async function createMembers(db: Kysely<DB>, fixedPassword: string | undefined): Promise<Login[]> {
  const orgIds = new Map(
    (await db.selectFrom('organization').select(['id', 'domain_name']).execute()).map((o) => [o.domain_name, o.id]),
  );
  const roleIds = new Map<string, string>();
  for (const role of CUSTOM_ROLES) {
    const id = newPrefixedId('ROLE');
    const orgId = orgIds.get(role.org)!;
    roleIds.set(`custom:${role.name}`, id);
    await db.insertInto('org_role').values({ id, org_id: orgId, name: role.name, description: role.description, updated_at: new Date() }).execute();
    await db.insertInto('org_role_item').values(role.items.map((item_code) => ({ role_id: id, org_id: orgId, item_code }))).execute();
  }
  const logins: Login[] = [];
  for (const m of DEMO_MEMBERS) {
    const password = passwordFor(fixedPassword);
    const userId = newId();
    const orgId = orgIds.get(m.org)!;
    await db
      .insertInto('app_user')
      .values({
        id: userId,
        org_id: orgId,
        name: m.account,
        display_name: m.name,
        email: `${m.account}@example.com`,
        mobile: null,
        password_hash: await hashOnce(password),
        // Demo logins are printed for immediate use; members created in the product must change theirs.
        must_change_password: false,
        updated_at: new Date(),
      })
      .execute();
    await db
      .insertInto('member_role')
      .values(m.roles.map((r) => ({ user_id: userId, org_id: orgId, role_id: roleIds.get(r) ?? r })))
      .execute();
    logins.push({ name: m.account, password, role: m.role });
  }
  return logins;
}

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
  const logins = await db.transaction().execute(async (tx) => {
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
    await loadDemoCatalog(tx);
    await seedFunds(tx, ids);
    logins.push(...(await createMembers(tx, fixedPassword)));
    await loadCustomersDemo(tx, ids);
    return logins;
  });
  // Vouchers and orders go through their modules' own use cases (each in its own transaction).
  const vouchers = await seedVouchers(db);
  await loadDemoOrders(db, vouchers.couponSource);
  return logins;
}

/**
 * Vouchers in the demo, through the vouchers module itself (journals, records, audit): the vendor
 * grants md_demo and sp_demo quotas (one restricted to ECS, frozen; a cash-coupon quota capped at
 * half an order), md_demo splits one to rs_demo1, a few vouchers and a cash coupon go to resale
 * customers, one is reclaimed, sp_demo has a test-voucher application waiting for review, and
 * the ecosystem manager issued cust_demo1 (a sub-customer, who cannot apply online) a test
 * voucher by hand. Returns the module, whose coupon source pays the demo orders.
 */
async function seedVouchers(db: Kysely<DB>) {
  const clock = systemClock;
  const vouchers = createVouchersModule({
    db,
    clock,
    audit: createAuditService({ clock }),
    ledger: createLedgerService({ clock }),
    settings: { customerViewMonths: 6, issuedListMonths: 24, ownCouponMonths: 12 },
  });
  const orgs = await db.selectFrom('organization').select(['id', 'name', 'kind', 'partner_type', 'parent_partner_id', 'domain_name']).execute();
  const as = (account: string): Caller => {
    const o = orgs.find((x) => x.domain_name === account)!;
    return {
      userId: 'demo',
      userName: 'demo',
      displayName: 'demo',
      isMain: true,
      mustChangePassword: false,
      org: { id: o.id, name: o.name, kind: o.kind, partnerType: o.partner_type, parentPartnerId: o.parent_partner_id, status: 'active' },
      via: 'system',
      permissions: new Set(),
      clientIp: '127.0.0.1',
    };
  };
  const id = (account: string) => as(account).org.id;
  const vendor = orgs.find((o) => o.kind === 'vendor')!.domain_name;
  const inAYear = toApiTime(new Date(clock.now().getTime() + 365 * 86_400_000));
  const grant = async (account: string, quotaType: 0 | 1, amount: string, limits: LimitInfo[] = []) =>
    (await vouchers.quotas.grant(as(vendor), { partner_id: id(account), quota_type: quotaType, amount, expire_time: inAYear, limit_infos: limits })).body.quota_id;
  const ecsOnly = await grant('sp_demo', 0, '3000.00', [{ limit_key: 'serviceType', limit_values: [{ value1: 'hws.service.type.ec2' }] }]);
  await vouchers.quotas.setFrozen(as(vendor), ecsOnly, true);
  const mdQuota = await grant('md_demo', 0, '50000.00');
  const spQuota = await grant('sp_demo', 0, '20000.00');
  const spCash = await grant('sp_demo', 1, '5000.00', [{ limit_key: 'usageRatio', limit_values: [{ value1: '0.5' }] }]);
  const split = await vouchers.quotas.issueToResellers(as('md_demo'), { quota_id: mdQuota, indirect_partner_ids: [id('rs_demo1')], quota_amount: '5000.00' }, undefined, 'zh');
  const rsQuota = split.body.simple_quota_infos[0].quota_id;
  const issue = (account: string, quota: string, customer: string, value: string) =>
    vouchers.coupons.issue(as(account), { quota_id: quota, customer_ids: [id(customer)], face_value: value, memo: 'demo' }, undefined, 'zh');
  await issue('sp_demo', spQuota, 'cust_demo2', '500.00');
  await issue('md_demo', mdQuota, 'cust_demo3', '300.00');
  await issue('rs_demo1', rsQuota, 'cust_demo5', '200.00');
  // A cash coupon that may pay at most 30 % of an order.
  await vouchers.coupons.issue(as('sp_demo'), { quota_id: spCash, customer_ids: [id('cust_demo2')], face_value: '100.00', usage_ratio: '0.3', memo: 'demo' }, undefined, 'zh');
  const toReclaim = await issue('sp_demo', spQuota, 'cust_demo2', '100.00');
  await vouchers.coupons.reclaim(as('sp_demo'), { coupon_id: toReclaim.body.coupon_infos[0].coupon_id });
  await vouchers.testVouchers.apply(as('sp_demo'), {
    voucher_type: 'cloud_software',
    amount: '3000.00',
    purpose: '方案联调测试 / integration testing of our retail solution',
    calculator_link: 'https://www.huaweicloud.com/pricing/calculator.html#/share/demo-retail-solution',
    solution: '智慧零售方案 / smart retail',
  });
  await vouchers.testVouchers.issueByHand(as(vendor), { account_id: id('cust_demo1'), amount: '500.00', valid_days: 90, memo: '生态经理人工发放 / issued by the ecosystem manager' });
  return vouchers;
}

const yuan = (n: number) => BigInt(Math.round(n * 100));

/**
 * Money in the demo, all through the ledger: the vendor credits top-ups and credit lines, md_demo
 * funds its resellers, partners fund their resale customers; an entrusted payer, a dedicated
 * remittance account, a remittance held for review and an open withdrawal request.
 */
async function seedFunds(tx: Kysely<DB>, ids: Map<string, string>) {
  const ledger = createLedgerService({ clock: systemClock });
  const vendor = (await tx.selectFrom('organization').select('id').where('kind', '=', 'vendor').executeTakeFirstOrThrow()).id;
  const id = (account: string) => ids.get(account)!;
  const system: Actor = { userId: null, userName: 'demo', orgId: vendor, via: 'system', clientIp: null };
  const cash = (account: string): AccountRef => ({ orgId: id(account), kind: 'partner_cash' });
  const move = (kind: string, orgId: string, from: AccountRef, to: AccountRef, amount: bigint, counterparty?: string, prefix?: string) =>
    ledger.post(tx, { kind, orgId, counterpartyOrgId: counterparty, actor: system, idPrefix: prefix, postings: [{ account: from, amount: -amount }, { account: to, amount }] });
  const now = new Date();

  for (const [account, amount] of [['md_demo', yuan(500_000)], ['sp_demo', yuan(200_000)]] as const) {
    const topupId = newPrefixedId('TU');
    const journalId = newPrefixedId('TR');
    await tx.insertInto('topup').values({ id: topupId, org_id: id(account), channel: 'bank', amount, status: 'CREDITED', payer_name: null, journal_id: journalId, created_at: now, decided_at: now }).execute();
    await ledger.post(tx, { id: journalId, kind: 'topup', orgId: id(account), reference: topupId, actor: system, postings: [{ account: { orgId: vendor, kind: 'vendor_bank_clearing' }, amount: -amount }, { account: cash(account), amount }] });
  }
  await move('earmark', id('md_demo'), { orgId: vendor, kind: 'vendor_earmark_source' }, { orgId: id('md_demo'), kind: 'partner_designated' }, yuan(20_000));
  await move('credit_line', id('md_demo'), { orgId: vendor, kind: 'vendor_credit_source' }, { orgId: id('md_demo'), kind: 'partner_credit' }, yuan(100_000), undefined, 'CL');
  await move('credit_line', id('sp_demo'), { orgId: vendor, kind: 'vendor_credit_source' }, { orgId: id('sp_demo'), kind: 'partner_credit' }, yuan(50_000), undefined, 'CL');
  await move('reseller_allocate', id('md_demo'), cash('md_demo'), cash('rs_demo1'), yuan(30_000), id('rs_demo1'), 'AD');
  await move('reseller_allocate', id('md_demo'), cash('md_demo'), cash('rs_demo2'), yuan(20_000), id('rs_demo2'), 'AD');
  await move('reseller_reclaim', id('md_demo'), cash('rs_demo2'), cash('md_demo'), yuan(2_000), id('rs_demo2'), 'RE');
  for (const [partner, customer, amount] of [['sp_demo', 'cust_demo2', 5_000], ['md_demo', 'cust_demo3', 8_000], ['rs_demo1', 'cust_demo5', 3_000], ['rs_demo2', 'cust_demo6', 2_000]] as const) {
    await move('customer_allocate', id(partner), cash(partner), { orgId: id(customer), kind: 'customer_balance' }, yuan(amount), id(customer), 'AD');
  }

  await tx.insertInto('remittance_account').values({ org_id: id('md_demo'), account_number: '6228000012345678901', bank_name: '示例银行 华为云专属汇款 (Huoban demo bank)', created_at: now }).execute();
  await tx
    .insertInto('payment_agreement')
    .values({
      id: newPrefixedId('PA'),
      org_id: id('md_demo'),
      agreement_type: 'LONG_TERM_ENTRUSTED_PAYMENT',
      entrusted_party_type: 'ENTERPRISE',
      entrusted_party_name: '华东云科技控股有限公司',
      entrusted_party_identifier: '91310000MA1FL12345',
      relationship: 'ASSOCIATED_ENTERPRISE',
      reason: 'PAY_ON_BEHALF',
      status: 'ACTIVE',
      effective_at: now,
      created_by: 'demo',
    })
    .execute();
  await tx
    .insertInto('topup')
    .values({ id: newPrefixedId('TU'), org_id: id('md_demo'), channel: 'bank', amount: yuan(12_345.67), status: 'HELD', payer_name: '某某个人', account_number: '6228000012345678901', bank_reference: 'DEMO-BANK-0001', reason: 'payer is neither the partner nor an active entrusted payer', created_at: now })
    .execute();

  const withdrawalId = newPrefixedId('WD');
  const hold = await move('withdrawal_hold', id('sp_demo'), cash('sp_demo'), { orgId: id('sp_demo'), kind: 'partner_withdrawal_hold' }, yuan(1_000), undefined, 'WH');
  await tx
    .insertInto('withdrawal')
    .values({ id: withdrawalId, org_id: id('sp_demo'), amount: yuan(1_000), bank_account_name: '深圳数智方案有限公司', bank_account_number: '6222020200112233445', bank_name: '示例银行深圳分行', status: 'PENDING', hold_journal_id: hold.id, created_by: 'demo', created_at: now })
    .execute();
}

/** Customers: invitations, a pending customer request, an authorization, account managers, a frozen customer. */
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
  await enqueueMail(
    tx,
    { orgId: sp, to: 'buyer@example.com', subject: '【伙伴邀请 Partner invitation】深圳数智方案有限公司', text: `深圳数智方案有限公司 邀请您关联为其代售客户。 / 深圳数智方案有限公司 invites you to associate as its resale customer.\n/invite/${online.code}` },
    now,
  );
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
  // md_am (李客户经理) is the account manager of the reseller rs_demo1 and of the customer cust_demo3;
  // signed in as md_am, "My Cloud Resellers" and the customer list show just those.
  const mdAm = await tx.selectFrom('app_user').select('id').where('org_id', '=', md).where('name', '=', 'md_am').executeTakeFirstOrThrow();
  await tx
    .insertInto('account_manager_assignment')
    .values([
      { id: newPrefixedId('AM'), partner_org_id: md, subject_kind: 'reseller', subject_org_id: ids.get('rs_demo1')!, manager_user_id: mdAm.id, assigned_at: new Date(now.getTime() - 20 * day), assigned_by: null, withdrawn_at: null, withdrawn_by: null },
      { id: newPrefixedId('AM'), partner_org_id: md, subject_kind: 'customer', subject_org_id: ids.get('cust_demo3')!, manager_user_id: mdAm.id, assigned_at: new Date(now.getTime() - 20 * day), assigned_by: null, withdrawn_at: null, withdrawn_by: null },
    ])
    .execute();
  // rs_demo2 froze cust_demo6.
  await tx
    .updateTable('customer_association')
    .set({ is_frozen: 1, frozen_reason: '预算超支 / over budget', frozen_at: now })
    .where('customer_org_id', '=', ids.get('cust_demo6')!)
    .execute();
}
