// System default roles: defined here, the same for every organization of a kind, never edited
// or deleted. Their items are computed from the catalogue so that a new item of a module lands
// in the right roles without a migration.
import type { OrgKind, PartnerType } from '../../db/schema.ts';
import { itemsFor } from './permissions.catalog.ts';

export type ExclusiveGroup = 'account_manager' | 'account_manager_supervisor';

export interface SystemRole {
  id: string;
  audience: OrgKind;
  name_zh: string;
  name_en: string;
  description_zh: string;
  description_en: string;
  /** Cannot be combined with any other role (the administrator). */
  exclusive?: boolean;
  group?: ExclusiveGroup;
  grants: (code: string) => boolean;
}

const startsWith = (...prefixes: string[]) => (code: string) => prefixes.some((p) => code.startsWith(p));
const isView = (code: string) => code.endsWith('00');
const accountManager = startsWith(
  'BPC_ITEM_VIEW_010100',
  'BPC_ITEM_SUBCUSTSERV_010130', // only the customers assigned to them
  'BPC_ITEM_SALES_020108', // only the cloud resellers assigned to them
  'BPC_ITEM_SUBCUSTSERV_0103',
  'BPC_ITEM_SUBCUSTSERV_010400',
  'BPC_ITEM_SUBCUSTSERV_0501',
  'BPC_ITEM_FINANCE_020100',
  'BPC_ITEM_FINANCE_020101',
  'BPC_ITEM_LEAD_0102',
  'BPC_ITEM_LEAD_010300',
);

export const SYSTEM_ROLES: readonly SystemRole[] = [
  {
    id: 'system.administrator',
    audience: 'partner',
    name_zh: '系统管理员',
    name_en: 'Administrator',
    description_zh: '拥有全部权限，不能与其他角色同时分配',
    description_en: 'All permissions; cannot be combined with other roles',
    exclusive: true,
    grants: () => true,
  },
  {
    id: 'system.finance',
    audience: 'partner',
    name_zh: '财务',
    name_en: 'Finance',
    description_zh: '资金、拨款回收、订单支付、账单与激励',
    description_en: 'Funds, allocation and reclaim, order payment, bills and incentives',
    grants: startsWith(
      'BPC_ITEM_VIEW_',
      'BPC_ITEM_FINANCE_',
      'BPC_MENU_FINANCE_',
      'BPC_ITEM_INCENTIVE_',
      'BPC_ITEM_SUBCUSTSERV_010100',
      'BPC_ITEM_SUBCUSTSERV_010103',
      'BPC_ITEM_SUBCUSTSERV_010104',
      'BPC_ITEM_SUBCUSTSERV_0501',
      'BPC_ITEM_SALES_020100',
      'BPC_ITEM_SALES_020104',
      'BPC_ITEM_SALES_020105',
    ),
  },
  {
    id: 'system.account_manager',
    audience: 'partner',
    name_zh: '客户经理',
    name_en: 'Account manager',
    description_zh: '跟进分配给自己的客户、订单与线索',
    description_en: 'Follows up assigned customers, orders and leads',
    group: 'account_manager',
    grants: accountManager,
  },
  {
    id: 'system.account_manager_supervisor',
    audience: 'partner',
    name_zh: '客户经理主管',
    name_en: 'Account-manager supervisor',
    description_zh: '客户经理的全部权限，并可分配客户与派发线索',
    description_en: "An account manager's permissions, plus assigning customers and dispatching leads",
    group: 'account_manager_supervisor',
    grants: (code) =>
      accountManager(code) ||
      startsWith('BPC_ITEM_SUBCUSTSERV_0102', 'BPC_ITEM_SUBCUSTSERV_010500', 'BPC_ITEM_SALES_020100', 'BPC_ITEM_SALES_020107', 'BPC_ITEM_LEAD_0101', 'BPC_ITEM_FINANCE_020102')(code),
  },
  {
    id: 'system.marketing',
    audience: 'partner',
    name_zh: '市场',
    name_en: 'Marketing',
    description_zh: '线索、营销活动与权益申请',
    description_en: 'Leads, campaigns and benefit applications',
    grants: startsWith('BPC_ITEM_VIEW_', 'BPC_ITEM_LEAD_', 'BPC_ITEM_BENEFIT_', 'BPC_ITEM_SUBCUSTSERV_0303'),
  },
  {
    id: 'system.read_only',
    audience: 'partner',
    name_zh: '只读',
    name_en: 'Read-only',
    description_zh: '查看全部菜单，不能做任何修改',
    description_en: 'Views every menu; changes nothing',
    grants: isView,
  },
  {
    id: 'vendor.administrator',
    audience: 'vendor',
    name_zh: '运营管理员',
    name_en: 'Operations administrator',
    description_zh: '拥有全部运营权限，不能与其他角色同时分配',
    description_en: 'All operations permissions; cannot be combined with other roles',
    exclusive: true,
    grants: () => true,
  },
  {
    id: 'vendor.partner_manager',
    audience: 'vendor',
    name_zh: '生态经理',
    name_en: 'Ecosystem manager',
    description_zh: '伙伴管理：创建、冻结伙伴，发放额度与资金',
    description_en: 'Partner management: create and freeze partners, issue quotas and funds',
    grants: (code) => code.startsWith('BPC_ITEM_OPS_01') || code === 'BPC_ITEM_OPS_020100',
  },
  {
    id: 'vendor.approver',
    audience: 'vendor',
    name_zh: '审批人',
    name_en: 'Approver',
    description_zh: '审批测试券、MDF、FH、认证、提现等申请',
    description_en: 'Approves test vouchers, MDF, FH, certification, withdrawals and more',
    grants: (code) => code.startsWith('BPC_ITEM_OPS_02') || code === 'BPC_ITEM_OPS_010100',
  },
  {
    id: 'vendor.configurator',
    audience: 'vendor',
    name_zh: '配置管理员',
    name_en: 'Configuration administrator',
    description_zh: '产品目录、政策、日历与业务规则',
    description_en: 'Product catalog, policies, calendar and business rules',
    grants: (code) => code.startsWith('BPC_ITEM_OPS_03'),
  },
  {
    id: 'vendor.read_only',
    audience: 'vendor',
    name_zh: '只读',
    name_en: 'Read-only',
    description_zh: '查看全部运营菜单，不能做任何修改',
    description_en: 'Views every operations menu; changes nothing',
    grants: isView,
  },
];

export const SYSTEM_ROLE_BY_ID: ReadonlyMap<string, SystemRole> = new Map(SYSTEM_ROLES.map((r) => [r.id, r]));

export function systemRolesFor(kind: OrgKind): SystemRole[] {
  return SYSTEM_ROLES.filter((r) => r.audience === kind);
}

/** The items a system role gives in an organization of this kind. */
export function systemRoleItems(role: SystemRole, kind: OrgKind, partnerType: PartnerType | null): Set<string> {
  return new Set([...itemsFor(kind, partnerType)].filter(role.grants));
}
