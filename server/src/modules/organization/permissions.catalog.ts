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
          item('BPC_ITEM_SUBCUSTSERV_010105', '销售-客户-客户管理-客户列表-解除关联/切换关联类型/处理客户申请(管理员)', 'Sales - Customers - Customer management - Customer list - Disassociate, switch type, handle customer requests (administrator)'),
          item('BPC_ITEM_SUBCUSTSERV_010107', '销售-客户-客户拓展-报备客户/邀请客户', 'Sales - Customers - Customer development - Report or invite customers'),
          item('BPC_ITEM_SUBCUSTSERV_010115', '销售-客户-客户管理-客户列表-冻结/解冻账号', 'Sales - Customers - Customer management - Customer list - Freeze/unfreeze'),
          item('BPC_ITEM_SUBCUSTSERV_010118', '销售-客户-客户管理-客户列表-创建伙伴子客户(能力开放)', 'Sales - Customers - Customer management - Customer list - Create sub-customer (API)'),
          item('BPC_ITEM_SUBCUSTSERV_010119', '销售-客户-客户管理-客户列表-实名认证同步(能力开放)', 'Sales - Customers - Customer management - Customer list - Real-name sync (API)'),
          item('BPC_ITEM_SUBCUSTSERV_010200', '销售-客户-客户管理-客户分配-查看', 'Sales - Customers - Customer management - Customer assignment - View'),
          item('BPC_ITEM_SUBCUSTSERV_010201', '销售-客户-客户管理-客户分配-分配客户经理', 'Sales - Customers - Customer management - Customer assignment - Assign account manager'),
          item('BPC_ITEM_SUBCUSTSERV_010300', '销售-客户-客户管理-客户授权-查看', 'Sales - Customers - Customer management - Authorizations - View'),
          item('BPC_ITEM_SUBCUSTSERV_010301', '销售-客户-客户管理-客户授权-申请授权', 'Sales - Customers - Customer management - Authorizations - Request'),
          item('BPC_ITEM_SUBCUSTSERV_010400', '销售-客户-客户管理-关联事件-查看', 'Sales - Customers - Customer management - Association events - View'),
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
          item('BPC_ITEM_SUBCUSTSERV_030103', '销售-客户-券管理-现金券额度-查看操作记录', 'Sales - Customers - Vouchers - Cash coupon quota - Operation records'),
          item('BPC_ITEM_SUBCUSTSERV_030104', '销售-客户-券管理-代金券额度-发放额度', 'Sales - Customers - Vouchers - Voucher quota - Issue quota'),
          item('BPC_ITEM_SUBCUSTSERV_030200', '销售-客户-券管理-已发放代金券-查看已发放列表', 'Sales - Customers - Vouchers - Issued vouchers - View'),
          item('BPC_ITEM_SUBCUSTSERV_030201', '销售-客户-券管理-已发放代金券-回收代金券', 'Sales - Customers - Vouchers - Issued vouchers - Reclaim'),
          item('BPC_ITEM_SUBCUSTSERV_030300', '销售-客户-券管理-活动代金券-查看', 'Sales - Customers - Vouchers - Activity vouchers - View'),
          item('BPC_ITEM_SUBCUSTSERV_030301', '销售-客户-券管理-活动代金券-申请', 'Sales - Customers - Vouchers - Activity vouchers - Apply'),
          item('BPC_ITEM_SUBCUSTSERV_030600', '销售-客户-券管理-已发放代金券额度-查询已发放列表', 'Sales - Customers - Vouchers - Issued quotas - View'),
          item('BPC_ITEM_SUBCUSTSERV_030601', '销售-客户-券管理-已发放代金券额度-批量回收代金券额度', 'Sales - Customers - Vouchers - Issued quotas - Batch reclaim'),
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
          item('BPC_ITEM_SUBCUSTSERV_050102', '销售-客户-客户订单-订单列表-代客下单', 'Sales - Customers - Customer orders - Place order for customer'),
          item('BPC_ITEM_SUBCUSTSERV_050103', '销售-客户-客户订单-订单支付-驳回支付申请', 'Sales - Customers - Customer orders - Order payment - Reject'),
          item('BPC_ITEM_SUBCUSTSERV_050104', '销售-客户-客户订单-订单列表-严选订单改价', 'Sales - Customers - Customer orders - Change 严选 order price'),
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
          item('BPC_ITEM_SALES_020108', '销售-云经销商-云经销商管理-我的云经销商-查询我负责的云经销商', 'Sales - Cloud Resellers - Reseller management - My resellers - Query assigned resellers'),
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
          item('BPC_ITEM_FINANCE_030101', '销售-账务-资金管理-账户充值-充值', 'Sales - Accounting - Funds - Top-up - Top up'),
          item('BPC_ITEM_FINANCE_030102', '销售-账务-资金管理-提现-申请提现', 'Sales - Accounting - Funds - Withdrawal - Withdraw'),
          item('BPC_ITEM_FINANCE_030103', '销售-账务-资金管理-协议-查看', 'Sales - Accounting - Funds - Agreements - View'),
          item('BPC_ITEM_FINANCE_040100', '销售-账务-客户管理-调账记录-查看', 'Sales - Accounting - Customer management - Adjustment records - View'),
          item('BPC_ITEM_FINANCE_030200', '销售-账务-资金管理-账户充值-查看', 'Sales - Accounting - Funds - Top-up - View'),
          item('BPC_ITEM_FINANCE_030201', '销售-账务-资金管理-账户充值-充值', 'Sales - Accounting - Funds - Top-up - Top up'),
          item('BPC_ITEM_FINANCE_030300', '销售-账务-资金管理-代付管理-查看', 'Sales - Accounting - Funds - Entrusted payment - View'),
          item('BPC_ITEM_FINANCE_030301', '销售-账务-资金管理-代付管理-新增', 'Sales - Accounting - Funds - Entrusted payment - Create'),
          item('BPC_ITEM_FINANCE_030302', '销售-账务-资金管理-代付管理-作废', 'Sales - Accounting - Funds - Entrusted payment - Invalidate'),
          item('BPC_ITEM_FINANCE_030400', '销售-账务-资金管理-提现-查看', 'Sales - Accounting - Funds - Withdrawal - View'),
          item('BPC_ITEM_FINANCE_030401', '销售-账务-资金管理-提现-申请提现', 'Sales - Accounting - Funds - Withdrawal - Request'),
          item('BPC_MENU_FINANCE_100100', '销售-账务-券管理-代金券查看-代金券列表查看', 'Sales - Accounting - Vouchers - Voucher list - View'),
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
          item('BPC_ITEM_FINANCE_020101', '销售-客户-客户消费-消费明细-查看详情', 'Sales - Customers - Consumption - Records - Detail'),
          item('BPC_ITEM_FINANCE_020102', '销售-客户-客户消费-消费明细-导出', 'Sales - Customers - Consumption - Records - Export'),
          item('BPC_ITEM_FINANCE_090100', '销售-账务-伙伴账单-查看', 'Sales - Accounting - Partner bill - View'),
        ],
      },
      {
        key: 'sales.incentives',
        path: '/sales/incentives',
        zh: '激励',
        en: 'Incentives',
        audience: 'partner',
        items: [
          item('BPC_ITEM_INCENTIVE_010100', '销售-激励-业绩管理-激励对账-查看', 'Sales - Incentives - Performance - Reconciliation - View'),
          item('BPC_ITEM_INCENTIVE_010101', '销售-激励-业绩管理-激励对账-确认对账单', 'Sales - Incentives - Performance - Reconciliation - Confirm statement'),
          item('BPC_ITEM_INCENTIVE_010200', '销售-激励-激励管理-激励发放-查看', 'Sales - Incentives - Incentive management - Payouts - View'),
          item('BPC_ITEM_INCENTIVE_010201', '销售-激励-激励管理-激励发放-申请发放', 'Sales - Incentives - Incentive management - Payouts - Request payout'),
        ],
      },
      {
        key: 'sales.leads',
        path: '/sales/leads',
        zh: '拓新',
        en: 'Expand',
        audience: 'partner',
        items: [
          item('BPC_ITEM_LEAD_010100', '销售-拓新-线索派发-查看', 'Sales - Expand - Lead dispatch - View'),
          item('BPC_ITEM_LEAD_010101', '销售-拓新-线索派发-派发', 'Sales - Expand - Lead dispatch - Dispatch'),
          item('BPC_ITEM_LEAD_010102', '销售-拓新-线索派发-回收', 'Sales - Expand - Lead dispatch - Reclaim'),
          item('BPC_ITEM_LEAD_010200', '销售-拓新-线索管理-查看', 'Sales - Expand - Lead management - View'),
          item('BPC_ITEM_LEAD_010201', '销售-拓新-线索管理-新建线索', 'Sales - Expand - Lead management - Create lead'),
          item('BPC_ITEM_LEAD_010202', '销售-拓新-线索管理-跟进', 'Sales - Expand - Lead management - Follow up'),
          item('BPC_ITEM_LEAD_010300', '销售-拓新-营销任务-查看', 'Sales - Expand - Sales-expansion tasks - View'),
        ],
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
        items: [
          item('BPC_ITEM_BENEFIT_010100', '权益-测试券-查看', 'Benefits - Test vouchers - View'),
          item('BPC_ITEM_BENEFIT_010101', '权益-测试券-申请', 'Benefits - Test vouchers - Apply'),
          item('BPC_ITEM_BENEFIT_010102', '权益-测试券-发放给客户', 'Benefits - Test vouchers - Issue to customer'),
        ],
      },
      {
        key: 'benefits.fh',
        path: '/benefits/fh',
        zh: '专职人员激励',
        en: 'FH Incentives',
        audience: 'partner',
        items: [
          item('BPC_ITEM_BENEFIT_020100', '权益-专职人员激励-查看', 'Benefits - FH - View'),
          item('BPC_ITEM_BENEFIT_020101', '权益-专职人员激励-申请', 'Benefits - FH - Apply'),
          item('BPC_ITEM_BENEFIT_020102', '权益-专职人员激励-维护在职信息', 'Benefits - FH - Maintain employment information'),
        ],
      },
      {
        key: 'benefits.mdf',
        path: '/benefits/mdf',
        zh: '市场发展基金',
        en: 'MDF',
        audience: 'partner',
        items: [
          item('BPC_ITEM_BENEFIT_030100', '权益-市场发展基金-查看', 'Benefits - MDF - View'),
          item('BPC_ITEM_BENEFIT_030101', '权益-市场发展基金-申请', 'Benefits - MDF - Apply'),
          item('BPC_ITEM_BENEFIT_030102', '权益-市场发展基金-提交核销材料', 'Benefits - MDF - Submit claim materials'),
        ],
      },
      {
        key: 'benefits.certification',
        path: '/benefits/certification',
        zh: '能力认证',
        en: 'Certification',
        audience: 'partner',
        items: [
          item('BPC_ITEM_BENEFIT_040100', '权益-能力认证-查看', 'Benefits - Certification - View'),
          item('BPC_ITEM_BENEFIT_040101', '权益-能力认证-申请认证', 'Benefits - Certification - Apply'),
          item('BPC_ITEM_BENEFIT_040200', '权益-发展路径-查看', 'Benefits - Development paths - View'),
          item('BPC_ITEM_BENEFIT_040201', '权益-发展路径-加入路径', 'Benefits - Development paths - Join'),
        ],
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
        items: [
          item('BPC_ITEM_ORG_010100', '组织-组织成员-人员管理-查看', 'Organization - Members - Personnel - View'),
          item('BPC_ITEM_ORG_010101', '组织-组织成员-人员管理-创建人员', 'Organization - Members - Personnel - Create'),
          item('BPC_ITEM_ORG_010102', '组织-组织成员-人员管理-修改个人信息', 'Organization - Members - Personnel - Edit'),
          item('BPC_ITEM_ORG_010103', '组织-组织成员-人员管理-禁用/启用', 'Organization - Members - Personnel - Disable/enable'),
          item('BPC_ITEM_ORG_010104', '组织-组织成员-人员管理-删除', 'Organization - Members - Personnel - Delete'),
          item('BPC_ITEM_ORG_010105', '组织-组织成员-人员管理-分配角色', 'Organization - Members - Personnel - Assign roles'),
          item('BPC_ITEM_ORG_010106', '组织-组织成员-人员管理-重置密码', 'Organization - Members - Personnel - Reset password'),
          item('BPC_ITEM_ORG_020100', '组织-组织成员-角色管理-查看', 'Organization - Members - Roles - View'),
          item('BPC_ITEM_ORG_020101', '组织-组织成员-角色管理-创建自定义角色', 'Organization - Members - Roles - Create custom role'),
          item('BPC_ITEM_ORG_020102', '组织-组织成员-角色管理-修改', 'Organization - Members - Roles - Edit'),
          item('BPC_ITEM_ORG_020103', '组织-组织成员-角色管理-删除', 'Organization - Members - Roles - Delete'),
        ],
      },
      {
        key: 'organization.specialists',
        path: '/organization/specialists',
        zh: '项目专员',
        en: 'Project Specialists',
        audience: 'partner',
        items: [
          item('BPC_ITEM_ORG_040100', '组织-项目专员-查看', 'Organization - Project specialists - View'),
          item('BPC_ITEM_ORG_040101', '组织-项目专员-邀请成员', 'Organization - Project specialists - Invite'),
          item('BPC_ITEM_ORG_040102', '组织-项目专员-解除关联', 'Organization - Project specialists - Unlink'),
        ],
      },
      {
        key: 'organization.audit',
        path: '/organization/audit',
        zh: '操作日志',
        en: 'Audit Log',
        audience: 'partner',
        items: [
          item('BPC_ITEM_ORG_030100', '组织-操作日志-查看', 'Organization - Audit log - View'),
          item('BPC_ITEM_ORG_030101', '组织-操作日志-导出', 'Organization - Audit log - Export'),
          item('BPC_ITEM_ORG_030102', '组织-操作日志-完整性校验', 'Organization - Audit log - Verify integrity'),
        ],
      },
      {
        key: 'organization.security',
        path: '/organization/security',
        zh: '安全设置',
        en: 'Security Settings',
        audience: 'partner',
        items: [
          item('BPC_ITEM_ORG_050100', '组织-安全设置-查看', 'Organization - Security settings - View'),
          item('BPC_ITEM_ORG_050101', '组织-安全设置-敏感操作验证-修改', 'Organization - Security settings - Sensitive-operation verification - Edit'),
        ],
      },
    ],
  },
  {
    key: 'vendor.partners',
    path: '/vendor/partners',
    zh: '伙伴管理',
    en: 'Partners',
    audience: 'vendor',
    items: [
      item('BPC_ITEM_OPS_010100', '运营-伙伴管理-伙伴列表-查看', 'Operations - Partners - Partner list - View'),
      item('BPC_ITEM_OPS_010101', '运营-伙伴管理-伙伴列表-创建伙伴', 'Operations - Partners - Partner list - Create partner'),
      item('BPC_ITEM_OPS_010102', '运营-伙伴管理-伙伴列表-冻结/解冻', 'Operations - Partners - Partner list - Freeze/unfreeze'),
      item('BPC_ITEM_OPS_010103', '运营-伙伴管理-伙伴列表-变更伙伴类型', 'Operations - Partners - Partner list - Change partner type'),
      item('BPC_ITEM_OPS_010104', '运营-伙伴管理-资金-充值/授信', 'Operations - Partners - Funds - Top-up/credit line'),
      item('BPC_ITEM_OPS_010105', '运营-伙伴管理-券额度-发放代金券额度', 'Operations - Partners - Voucher quota - Issue quota'),
      item('BPC_ITEM_OPS_010106', '运营-伙伴管理-市场发展基金-发放额度', 'Operations - Partners - MDF - Issue quota'),
      item('BPC_ITEM_OPS_010107', '运营-伙伴管理-线索-推送线索', 'Operations - Partners - Leads - Push leads'),
      item('BPC_ITEM_OPS_010108', '运营-伙伴管理-伙伴列表-严选转售资格', 'Operations - Partners - Partner list - 严选 resale programme'),
    ],
  },
  {
    key: 'vendor.approvals',
    path: '/vendor/approvals',
    zh: '审批',
    en: 'Approvals',
    audience: 'vendor',
    items: [
      item('BPC_ITEM_OPS_020100', '运营-审批-待办-查看', 'Operations - Approvals - Pending - View'),
      item('BPC_ITEM_OPS_020101', '运营-审批-测试券-审批', 'Operations - Approvals - Test vouchers - Approve/reject'),
      item('BPC_ITEM_OPS_020102', '运营-审批-市场发展基金-审批', 'Operations - Approvals - MDF - Approve/reject'),
      item('BPC_ITEM_OPS_020103', '运营-审批-专职人员激励-审批', 'Operations - Approvals - FH - Approve/reject'),
      item('BPC_ITEM_OPS_020104', '运营-审批-能力认证-审批', 'Operations - Approvals - Certification - Approve/reject'),
      item('BPC_ITEM_OPS_020105', '运营-审批-提现-审批', 'Operations - Approvals - Withdrawals - Approve/reject'),
      item('BPC_ITEM_OPS_020106', '运营-审批-活动代金券-审批', 'Operations - Approvals - Activity vouchers - Approve/reject'),
      item('BPC_ITEM_OPS_020107', '运营-审批-激励发放-审批', 'Operations - Approvals - Incentive payouts - Approve/reject'),
      item('BPC_ITEM_OPS_020108', '运营-审批-报备客户-审核', 'Operations - Approvals - Reported customers - Decide'),
      item('BPC_ITEM_OPS_020109', '运营-审批-邮件发件箱-查看', 'Operations - Approvals - Mail outbox - View'),
    ],
  },
  {
    key: 'vendor.funds',
    path: '/vendor/funds',
    zh: '资金',
    en: 'Funds',
    audience: 'vendor',
    items: [
      item('BPC_ITEM_OPS_050100', '运营-资金-充值与提现-查看', 'Operations - Funds - Top-ups and withdrawals - View'),
      item('BPC_ITEM_OPS_050101', '运营-资金-充值-确认到账/审核汇款', 'Operations - Funds - Top-ups - Confirm / review remittances'),
      item('BPC_ITEM_OPS_050102', '运营-资金-信用额度-设置', 'Operations - Funds - Credit line - Set'),
      item('BPC_ITEM_OPS_050103', '运营-资金-提现-审核', 'Operations - Funds - Withdrawals - Review'),
    ],
  },
  {
    key: 'vendor.configuration',
    path: '/vendor/configuration',
    zh: '配置',
    en: 'Configuration',
    audience: 'vendor',
    items: [
      item('BPC_ITEM_OPS_030100', '运营-配置-查看', 'Operations - Configuration - View'),
      item('BPC_ITEM_OPS_030101', '运营-配置-产品目录-修改', 'Operations - Configuration - Product catalog - Edit'),
      item('BPC_ITEM_OPS_030102', '运营-配置-激励政策-修改', 'Operations - Configuration - Incentive policies - Edit'),
      item('BPC_ITEM_OPS_030103', '运营-配置-工作日历-修改', 'Operations - Configuration - Working-day calendar - Edit'),
      item('BPC_ITEM_OPS_030104', '运营-配置-业务规则-修改', 'Operations - Configuration - Business rules - Edit'),
    ],
  },
  {
    key: 'vendor.organization',
    path: '/vendor/organization',
    zh: '组织',
    en: 'Organization',
    audience: 'vendor',
    children: [
      {
        key: 'vendor.organization.members',
        path: '/vendor/organization/members',
        zh: '组织成员',
        en: 'Members',
        audience: 'vendor',
        items: [
          item('BPC_ITEM_OPS_040100', '运营-组织-人员管理-查看', 'Operations - Organization - Personnel - View'),
          item('BPC_ITEM_OPS_040101', '运营-组织-人员管理-创建人员', 'Operations - Organization - Personnel - Create'),
          item('BPC_ITEM_OPS_040102', '运营-组织-人员管理-修改个人信息', 'Operations - Organization - Personnel - Edit'),
          item('BPC_ITEM_OPS_040103', '运营-组织-人员管理-禁用/启用', 'Operations - Organization - Personnel - Disable/enable'),
          item('BPC_ITEM_OPS_040104', '运营-组织-人员管理-删除', 'Operations - Organization - Personnel - Delete'),
          item('BPC_ITEM_OPS_040105', '运营-组织-人员管理-分配角色', 'Operations - Organization - Personnel - Assign roles'),
          item('BPC_ITEM_OPS_040106', '运营-组织-人员管理-重置密码', 'Operations - Organization - Personnel - Reset password'),
          item('BPC_ITEM_OPS_040200', '运营-组织-角色管理-查看', 'Operations - Organization - Roles - View'),
          item('BPC_ITEM_OPS_040201', '运营-组织-角色管理-创建自定义角色', 'Operations - Organization - Roles - Create custom role'),
          item('BPC_ITEM_OPS_040202', '运营-组织-角色管理-修改', 'Operations - Organization - Roles - Edit'),
          item('BPC_ITEM_OPS_040203', '运营-组织-角色管理-删除', 'Operations - Organization - Roles - Delete'),
        ],
      },
      {
        key: 'vendor.organization.audit',
        path: '/vendor/organization/audit',
        zh: '操作日志',
        en: 'Audit Log',
        audience: 'vendor',
        items: [
          item('BPC_ITEM_OPS_040300', '运营-组织-操作日志-查看', 'Operations - Organization - Audit log - View'),
          item('BPC_ITEM_OPS_040301', '运营-组织-操作日志-导出', 'Operations - Organization - Audit log - Export'),
          item('BPC_ITEM_OPS_040302', '运营-组织-操作日志-完整性校验', 'Operations - Organization - Audit log - Verify integrity'),
        ],
      },
      {
        key: 'vendor.organization.security',
        path: '/vendor/organization/security',
        zh: '安全设置',
        en: 'Security Settings',
        audience: 'vendor',
        items: [
          item('BPC_ITEM_OPS_040500', '运营-组织-安全设置-查看', 'Operations - Organization - Security settings - View'),
          item('BPC_ITEM_OPS_040501', '运营-组织-安全设置-敏感操作验证-修改', 'Operations - Organization - Security settings - Sensitive-operation verification - Edit'),
        ],
      },
    ],
  },
  {
    key: 'vendor.invoices',
    path: '/vendor/invoices',
    zh: '发票管理',
    en: 'Invoices',
    audience: 'vendor',
    items: [
      item('BPC_ITEM_OPS_060100', '运营-发票管理-可开票金额-查看', 'Operations - Invoices - Invoiceable amounts - View'),
      item('BPC_ITEM_OPS_060101', '运营-发票管理-开具增值税发票', 'Operations - Invoices - Issue VAT invoice'),
    ],
  },
  {
    key: 'customer.orders',
    path: '/customer/orders',
    zh: '我的订单',
    en: 'My Orders',
    audience: 'customer',
    items: [
      item('BPC_ITEM_MYORDER_010100', '费用中心-订单管理-我的订单-查看', 'Billing center - Orders - My orders - View'),
      item('BPC_ITEM_MYORDER_010101', '费用中心-订单管理-我的订单-下单/支付/取消/退订', 'Billing center - Orders - My orders - Order, pay, cancel, unsubscribe'),
      item('BPC_ITEM_MYORDER_010102', '费用中心-订单管理-我的订单-申请伙伴支付', 'Billing center - Orders - My orders - Ask the partner to pay'),
    ],
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
      item('BPC_ITEM_MYPARTNER_010102', '账号中心-我的合作伙伴-授权/取消授权', 'Account center - My partners - Grant/revoke authorization'),
    ],
  },
  {
    key: 'customer.vouchers',
    path: '/customer/vouchers',
    zh: '优惠券',
    en: 'Vouchers',
    audience: 'customer',
    items: [
      item('BPC_ITEM_MYCOUPON_010100', '费用中心-优惠券-查看', 'Billing - Vouchers - View'),
      item('BPC_ITEM_MYCOUPON_010101', '费用中心-优惠券-申请测试券', 'Billing - Vouchers - Apply for test vouchers'),
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
// Computed once per (kind, partner type): every request of a main account asks for it.
const itemsByAudience = new Map<string, ReadonlySet<string>>();

export function itemsFor(kind: OrgKind, partnerType: PartnerType | null): ReadonlySet<string> {
  const key = `${kind}|${partnerType}`;
  let codes = itemsByAudience.get(key);
  if (!codes) {
    const found = new Set<string>();
    for (const node of walk(MENU_TREE)) {
      if (visibleTo(node, kind, partnerType)) for (const i of node.items ?? []) found.add(i.code);
    }
    itemsByAudience.set(key, (codes = found));
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

export interface CatalogNode {
  key: string;
  path: string;
  name_zh: string;
  name_en: string;
  items: { code: string; name_zh: string; name_en: string }[];
  children: CatalogNode[];
}

/** The catalogue an organization of this kind can grant, as the tree the role editor shows. */
export function catalogFor(kind: OrgKind, partnerType: PartnerType | null): CatalogNode[] {
  const project = (nodes: MenuNode[]): CatalogNode[] =>
    nodes.flatMap((node) => {
      if (!visibleTo(node, kind, partnerType)) return [];
      return [
        {
          key: node.key,
          path: node.path,
          name_zh: node.zh,
          name_en: node.en,
          items: (node.items ?? []).map((i) => ({ code: i.code, name_zh: i.zh, name_en: i.en })),
          children: project(node.children ?? []),
        },
      ];
    });
  return project(MENU_TREE);
}

// The items the organization routes accept: the partner item and its vendor twin (each
// organization can only hold the items of its own kind, so one list serves both).
export const ORG_ACCESS = {
  membersView: ['BPC_ITEM_ORG_010100', 'BPC_ITEM_OPS_040100'],
  membersCreate: ['BPC_ITEM_ORG_010101', 'BPC_ITEM_OPS_040101'],
  membersEdit: ['BPC_ITEM_ORG_010102', 'BPC_ITEM_OPS_040102'],
  membersDisable: ['BPC_ITEM_ORG_010103', 'BPC_ITEM_OPS_040103'],
  membersDelete: ['BPC_ITEM_ORG_010104', 'BPC_ITEM_OPS_040104'],
  membersAssignRoles: ['BPC_ITEM_ORG_010105', 'BPC_ITEM_OPS_040105'],
  membersResetPassword: ['BPC_ITEM_ORG_010106', 'BPC_ITEM_OPS_040106'],
  rolesView: ['BPC_ITEM_ORG_020100', 'BPC_ITEM_OPS_040200'],
  rolesCreate: ['BPC_ITEM_ORG_020101', 'BPC_ITEM_OPS_040201'],
  rolesEdit: ['BPC_ITEM_ORG_020102', 'BPC_ITEM_OPS_040202'],
  rolesDelete: ['BPC_ITEM_ORG_020103', 'BPC_ITEM_OPS_040203'],
  auditView: ['BPC_ITEM_ORG_030100', 'BPC_ITEM_OPS_040300'],
  auditExport: ['BPC_ITEM_ORG_030101', 'BPC_ITEM_OPS_040301'],
  auditVerify: ['BPC_ITEM_ORG_030102', 'BPC_ITEM_OPS_040302'],
  securityView: ['BPC_ITEM_ORG_050100', 'BPC_ITEM_OPS_040500'],
  securityEdit: ['BPC_ITEM_ORG_050101', 'BPC_ITEM_OPS_040501'],
} as const satisfies Record<string, readonly string[]>;
