// The one catalogue of menus and permission items, in Huawei's naming scheme
// BPC_{ITEM|MENU}_{MODULE}_{group(2) page(2) action(2)} where action 00 = view.
// Items Huawei publishes keep their codes; items for operations Huawei does not publish follow
// the same scheme. A menu is shown to a user who holds any item of it or of its children.
import type { OrgKind, PartnerType } from '../../db/schema.ts';

export interface PermissionItem {
  code: string;
  zh: string;
  en: string;
}

export interface MenuNode {
  key: string;
  path: string;
  zh: string;
  en: string;
  /** Which organizations see this menu at all. */
  audience: OrgKind;
  /** Restricts a partner menu to these partner types. */
  partnerTypes?: PartnerType[];
  items?: PermissionItem[];
  children?: MenuNode[];
}

const item = (code: string, zh: string, en: string): PermissionItem => ({ code, zh, en });

export const MENU_TREE: MenuNode[] = [
  {
    key: 'home',
    path: '/home',
    zh: '首页',
    en: 'Home',
    audience: 'partner',
    items: [item('BPC_ITEM_VIEW_010100', '首页-账户信息-查看', 'Home - Account - View')],
  },
  {
    key: 'sales',
    path: '/sales',
    zh: '销售',
    en: 'Sales',
    audience: 'partner',
    children: [
      {
        key: 'sales.customers',
        path: '/sales/customers',
        zh: '客户管理',
        en: 'Customers',
        audience: 'partner',
        items: [
          item('BPC_ITEM_SUBCUSTSERV_010100', '销售-客户-客户管理-客户列表-查看列表', 'Sales - Customers - Customer management - Customer list - View'),
          item('BPC_ITEM_SUBCUSTSERV_010103', '销售-客户-客户管理-客户列表-拨款', 'Sales - Customers - Customer management - Customer list - Allocate'),
          item('BPC_ITEM_SUBCUSTSERV_010104', '销售-客户-客户管理-客户列表-回收', 'Sales - Customers - Customer management - Customer list - Reclaim'),
          item('BPC_ITEM_SUBCUSTSERV_010115', '销售-客户-客户管理-客户列表-冻结/解冻账号', 'Sales - Customers - Customer management - Customer list - Freeze/unfreeze'),
          item('BPC_ITEM_SUBCUSTSERV_010118', '销售-客户-客户管理-客户列表-创建伙伴子客户(能力开放)', 'Sales - Customers - Customer management - Customer list - Create sub-customer (API)'),
          item('BPC_ITEM_SUBCUSTSERV_010120', '销售-客户-客户管理-客户列表-解除关联/切换关联类型/处理客户申请(管理员)', 'Sales - Customers - Customer management - Customer list - Disassociate / switch type / handle requests (administrator)'),
          item('BPC_ITEM_SUBCUSTSERV_010122', '销售-客户-客户管理-客户列表-申请授权', 'Sales - Customers - Customer management - Customer list - Request authorization'),
          item('BPC_ITEM_SUBCUSTSERV_010123', '销售-客户-客户管理-客户列表-分配客户经理', 'Sales - Customers - Customer management - Customer list - Assign account manager'),
          item('BPC_ITEM_SUBCUSTSERV_010125', '销售-客户-客户拓展-报备客户/邀请客户', 'Sales - Customers - Customer development - Report / invite customers'),
          item('BPC_ITEM_SUBCUSTSERV_010127', '销售-客户-客户管理-事件推送(Webhook)配置', 'Sales - Customers - Customer management - Event webhooks'),
          item('BPC_ITEM_SUBCUSTSERV_010130', '销售-客户-客户管理-客户列表-查看我负责的客户', 'Sales - Customers - Customer management - Customer list - View assigned customers'),
          item('BPC_ITEM_SUBCUSTSERV_010500', '销售-客户-客户管理-二级经销商子客户-查看客户信息', "Sales - Customers - Customer management - Resellers' customers - View"),
          item('BPC_ITEM_SUBCUSTSERV_010501', '销售-客户-客户管理-二级经销商子客户-冻结/解冻账号', "Sales - Customers - Customer management - Resellers' customers - Freeze/unfreeze"),
        ],
      },
      {
        key: 'sales.vouchers',
        path: '/sales/vouchers',
        zh: '券管理',
        en: 'Voucher Management',
        audience: 'partner',
        items: [
          item('BPC_ITEM_SUBCUSTSERV_030100', '销售-客户-券管理-代金券额度-查看代金券列表', 'Sales - Customers - Vouchers - Voucher quota - View'),
          item('BPC_ITEM_SUBCUSTSERV_030102', '销售-客户-券管理-代金券额度-发放代金券', 'Sales - Customers - Vouchers - Voucher quota - Issue vouchers'),
          item('BPC_ITEM_SUBCUSTSERV_030104', '销售-客户-券管理-代金券额度-发放额度', 'Sales - Customers - Vouchers - Voucher quota - Issue quota'),
          item('BPC_ITEM_SUBCUSTSERV_030200', '销售-客户-券管理-已发放代金券-查看已发放列表', 'Sales - Customers - Vouchers - Issued vouchers - View'),
          item('BPC_ITEM_SUBCUSTSERV_030201', '销售-客户-券管理-已发放代金券-回收代金券', 'Sales - Customers - Vouchers - Issued vouchers - Reclaim'),
          item('BPC_ITEM_SUBCUSTSERV_030600', '销售-客户-券管理-已发放代金券额度-查询已发放列表', 'Sales - Customers - Vouchers - Issued quotas - View'),
          item('BPC_ITEM_SUBCUSTSERV_030602', '销售-客户-券管理-已发放代金券额度-回收代金券额度', 'Sales - Customers - Vouchers - Issued quotas - Reclaim'),
        ],
      },
      {
        key: 'sales.orders',
        path: '/sales/orders',
        zh: '客户订单',
        en: 'Customer Orders',
        audience: 'partner',
        items: [
          item('BPC_ITEM_SUBCUSTSERV_050100', '销售-客户-客户订单-订单列表-查看', 'Sales - Customers - Customer orders - View'),
          item('BPC_ITEM_SUBCUSTSERV_050101', '销售-客户-客户订单-订单支付-支付订单', 'Sales - Customers - Customer orders - Order payment - Pay'),
        ],
      },
      {
        key: 'sales.resellers',
        path: '/sales/resellers',
        zh: '云经销商',
        en: 'Cloud Resellers',
        audience: 'partner',
        partnerTypes: ['master_distributor'],
        items: [
          item('BPC_ITEM_SALES_020100', '销售-云经销商-云经销商管理-我的云经销商-查询', 'Sales - Cloud Resellers - Reseller management - My resellers - Query'),
          item('BPC_ITEM_SALES_020104', '销售-云经销商-云经销商管理-我的云经销商-拨款', 'Sales - Cloud Resellers - Reseller management - My resellers - Allocate'),
          item('BPC_ITEM_SALES_020105', '销售-云经销商-云经销商管理-我的云经销商-回收', 'Sales - Cloud Resellers - Reseller management - My resellers - Reclaim'),
          item('BPC_ITEM_SALES_020106', '销售-云经销商-云经销商管理-我的云经销商-发放代金券额度', 'Sales - Cloud Resellers - Reseller management - My resellers - Issue voucher quota'),
          item('BPC_ITEM_SALES_020107', '销售-云经销商-云经销商管理-我的云经销商-分配/撤回客户经理', 'Sales - Cloud Resellers - Reseller management - My resellers - Assign / withdraw account manager'),
        ],
      },
      {
        key: 'sales.funds',
        path: '/sales/funds',
        zh: '资金管理',
        en: 'Funds',
        audience: 'partner',
        items: [
          item('BPC_ITEM_FINANCE_030100', '销售-账务-资金管理-收支明细-查看', 'Sales - Accounting - Funds - Income/expense details - View'),
          item('BPC_ITEM_FINANCE_040100', '销售-账务-客户管理-调账记录-查看', 'Sales - Accounting - Customer management - Adjustment records - View'),
        ],
      },
      {
        key: 'sales.consumption',
        path: '/sales/consumption',
        zh: '客户消费',
        en: 'Customer Consumption',
        audience: 'partner',
        items: [
          item('BPC_ITEM_FINANCE_020100', '销售-客户-客户消费-消费明细-查看列表', 'Sales - Customers - Consumption - Records - List'),
          item('BPC_ITEM_FINANCE_090100', '销售-账务-伙伴账单-查看', 'Sales - Accounting - Partner bill - View'),
        ],
      },
      {
        key: 'sales.incentives',
        path: '/sales/incentives',
        zh: '激励',
        en: 'Incentives',
        audience: 'partner',
        items: [item('BPC_ITEM_INCENTIVE_010100', '销售-激励-业绩管理-激励对账-查看', 'Sales - Incentives - Performance - Reconciliation - View')],
      },
      {
        key: 'sales.leads',
        path: '/sales/leads',
        zh: '拓新',
        en: 'Expand',
        audience: 'partner',
        items: [item('BPC_ITEM_LEAD_010100', '销售-拓新-线索派发-查看', 'Sales - Expand - Lead dispatch - View')],
      },
    ],
  },
  {
    key: 'benefits',
    path: '/benefits',
    zh: '权益',
    en: 'Benefits',
    audience: 'partner',
    children: [
      {
        key: 'benefits.test-vouchers',
        path: '/benefits/test-vouchers',
        zh: '测试券',
        en: 'Test Vouchers',
        audience: 'partner',
        items: [item('BPC_ITEM_BENEFIT_010100', '权益-测试券-查看', 'Benefits - Test vouchers - View')],
      },
      {
        key: 'benefits.fh',
        path: '/benefits/fh',
        zh: '专职人员激励',
        en: 'FH Incentives',
        audience: 'partner',
        items: [item('BPC_ITEM_BENEFIT_020100', '权益-专职人员激励-查看', 'Benefits - FH - View')],
      },
      {
        key: 'benefits.mdf',
        path: '/benefits/mdf',
        zh: '市场发展基金',
        en: 'MDF',
        audience: 'partner',
        items: [item('BPC_ITEM_BENEFIT_030100', '权益-市场发展基金-查看', 'Benefits - MDF - View')],
      },
    ],
  },
  {
    key: 'organization',
    path: '/organization',
    zh: '组织',
    en: 'Organization',
    audience: 'partner',
    children: [
      {
        key: 'organization.members',
        path: '/organization/members',
        zh: '组织成员',
        en: 'Members',
        audience: 'partner',
        items: [item('BPC_ITEM_ORG_010100', '组织-组织成员-人员管理-查看', 'Organization - Members - Personnel - View')],
      },
      {
        key: 'organization.audit',
        path: '/organization/audit',
        zh: '操作日志',
        en: 'Audit Log',
        audience: 'partner',
        items: [item('BPC_ITEM_ORG_030100', '组织-操作日志-查看', 'Organization - Audit log - View')],
      },
    ],
  },
  {
    key: 'vendor.partners',
    path: '/vendor/partners',
    zh: '伙伴管理',
    en: 'Partners',
    audience: 'vendor',
    items: [item('BPC_ITEM_OPS_010100', '运营-伙伴管理-伙伴列表-查看', 'Operations - Partners - Partner list - View')],
  },
  {
    key: 'vendor.approvals',
    path: '/vendor/approvals',
    zh: '审批',
    en: 'Approvals',
    audience: 'vendor',
    items: [
      item('BPC_ITEM_OPS_020100', '运营-审批-待办-查看', 'Operations - Approvals - Pending - View'),
      item('BPC_ITEM_OPS_020101', '运营-审批-报备客户-审核', 'Operations - Approvals - Reported customers - Decide'),
      item('BPC_ITEM_OPS_020102', '运营-审批-邮件发件箱-查看', 'Operations - Approvals - Mail outbox - View'),
    ],
  },
  {
    key: 'vendor.configuration',
    path: '/vendor/configuration',
    zh: '配置',
    en: 'Configuration',
    audience: 'vendor',
    items: [item('BPC_ITEM_OPS_030100', '运营-配置-查看', 'Operations - Configuration - View')],
  },
  {
    key: 'vendor.organization',
    path: '/vendor/organization',
    zh: '组织',
    en: 'Organization',
    audience: 'vendor',
    items: [item('BPC_ITEM_OPS_040100', '运营-组织-人员管理-查看', 'Operations - Organization - Personnel - View')],
  },
  {
    key: 'customer.partners',
    path: '/customer/partners',
    zh: '我的合作伙伴',
    en: 'My Partners',
    audience: 'customer',
    items: [
      item('BPC_ITEM_MYPARTNER_010100', '账号中心-我的合作伙伴-查看', 'Account center - My partners - View'),
      item('BPC_ITEM_MYPARTNER_010101', '账号中心-我的合作伙伴-解除关联/处理伙伴申请', 'Account center - My partners - Disassociate / handle partner requests'),
      item('BPC_ITEM_MYPARTNER_010102', '账号中心-我的合作伙伴-授权管理', 'Account center - My partners - Authorization management'),
    ],
  },
];

function* walk(nodes: MenuNode[]): Generator<MenuNode> {
  for (const node of nodes) {
    yield node;
    if (node.children) yield* walk(node.children);
  }
}

/** Every item code of the catalogue, with the organization kind it belongs to. */
export const ALL_ITEMS: ReadonlyMap<string, PermissionItem & { audience: OrgKind; menu: string }> = new Map(
  [...walk(MENU_TREE)].flatMap((m) => (m.items ?? []).map((i) => [i.code, { ...i, audience: m.audience, menu: m.key }] as const)),
);

function visibleTo(node: MenuNode, kind: OrgKind, partnerType: PartnerType | null): boolean {
  if (node.audience !== kind) return false;
  return !node.partnerTypes || (partnerType !== null && node.partnerTypes.includes(partnerType));
}

/** The items an organization of this kind can hold at all: what its main account holds. */
export function itemsFor(kind: OrgKind, partnerType: PartnerType | null): Set<string> {
  const codes = new Set<string>();
  for (const node of walk(MENU_TREE)) {
    if (visibleTo(node, kind, partnerType)) for (const i of node.items ?? []) codes.add(i.code);
  }
  return codes;
}

export interface MenuView {
  key: string;
  path: string;
  name_zh: string;
  name_en: string;
  children: MenuView[];
}

/** The navigation a user may see: menus holding at least one of the user's items. */
export function menusFor(kind: OrgKind, partnerType: PartnerType | null, held: ReadonlySet<string>): MenuView[] {
  const project = (nodes: MenuNode[]): MenuView[] =>
    nodes.flatMap((node) => {
      if (!visibleTo(node, kind, partnerType)) return [];
      const children = project(node.children ?? []);
      const own = (node.items ?? []).some((i) => held.has(i.code));
      if (!own && children.length === 0) return [];
      return [{ key: node.key, path: node.path, name_zh: node.zh, name_en: node.en, children }];
    });
  return project(MENU_TREE);
}
