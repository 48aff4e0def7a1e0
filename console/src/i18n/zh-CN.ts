// Simplified Chinese, the default language. en.ts must have exactly the same keys (checked by
// the `Messages` type below).
const zhCN = {
  app: {
    productName: '伙伴中心',
    brand: 'Huoban',
    loading: '正在加载…',
  },
  lang: {
    // The switch shows the language it switches TO.
    switchTo: 'English',
    switchTitle: '切换语言',
  },
  login: {
    title: '登录伙伴中心',
    subtitle: '使用伙伴中心账号登录，管理销售、权益与组织',
    name: '账号名',
    namePlaceholder: '请输入账号名',
    nameRequired: '请输入账号名',
    password: '密码',
    passwordPlaceholder: '请输入密码',
    passwordRequired: '请输入密码',
    submit: '登录',
    failed: '登录失败',
    footer: 'Huoban 伙伴中心 · 开源、可自托管的云厂商伙伴中心',
  },
  account: {
    menuTitle: '账号',
    partnerCenter: '伙伴中心',
    accessKeys: '访问密钥',
    signOut: '退出登录',
    mainAccount: '主账号',
    operator: '操作员',
  },
  shell: {
    mustChangePasswordTitle: '请尽快修改密码',
    mustChangePasswordDescription:
      '您的账号正在使用初始密码或管理员重置的密码。为保障账号安全，请尽快修改密码（修改密码功能即将上线）。',
    sideMenuTitle: '导航',
  },
  notAvailable: {
    title: '该页面暂未开放',
    description: '此功能正在建设中，暂时无法使用。',
    backHome: '返回首页',
  },
  notFound: {
    title: '页面不存在',
    description: '您访问的页面不存在，或您没有访问该页面的权限。',
    backHome: '返回首页',
  },
  home: {
    welcome: '欢迎，{{name}}',
    intro: '这里是 {{org}} 的伙伴中心。',
    organization: '组织名称',
    orgKind: '组织类型',
    partnerType: '伙伴类型',
    account: '当前账号',
    accountType: '账号类型',
    organizationCard: '组织信息',
    accountCard: '账号信息',
    open: '进入',
    shortcuts: '功能入口',
    noShortcuts: '您的账号暂无可访问的功能，请联系组织管理员分配角色。',
  },
  orgKind: {
    vendor: '云厂商',
    partner: '伙伴',
    customer: '客户',
  },
  partnerType: {
    solution_provider: '解决方案提供商',
    master_distributor: '总经销商',
    cloud_reseller: '云经销商',
    none: '—',
  },
  accessKeys: {
    title: '访问密钥',
    description:
      '访问密钥（AK/SK）用于通过 API 以当前账号身份访问伙伴中心。请妥善保管，不要将密钥提供给他人或写入代码仓库。',
    create: '新增访问密钥',
    createTitle: '新增访问密钥',
    descriptionLabel: '描述',
    descriptionPlaceholder: '例如：销售平台对接',
    descriptionTooLong: '描述不能超过 {{max}} 个字符',
    colAccess: '访问密钥 ID（AK）',
    colDescription: '描述',
    colStatus: '状态',
    colCreatedAt: '创建时间',
    colLastUsedAt: '最近使用时间',
    colActions: '操作',
    statusActive: '启用',
    statusInactive: '停用',
    never: '从未使用',
    delete: '删除',
    deleteTitle: '删除访问密钥',
    deleteConfirm: '确定要删除访问密钥 {{access}} 吗？删除后使用该密钥的程序将无法再访问伙伴中心，且无法恢复。',
    deleted: '访问密钥已删除',
    createdTitle: '访问密钥已创建',
    secretWarning: '密钥（SK）只在此处显示一次，关闭此窗口后将无法再次查看。请立即复制或下载并妥善保存。',
    accessLabel: '访问密钥 ID（AK）',
    secretLabel: '秘密访问密钥（SK）',
    download: '下载 CSV',
    savedClose: '我已保存，关闭',
    empty: '暂无访问密钥',
  },
  errors: {
    code: '错误码：{{code}}',
    network: '网络异常，请检查网络连接后重试。',
    unknown: '请求失败（HTTP {{status}}）',
    sessionExpired: '登录已失效，请重新登录。',
  },
  common: {
    cancel: '取消',
    ok: '确定',
    copy: '复制',
    copied: '已复制',
    close: '关闭',
    retry: '重试',
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** The shape every language's messages must have. */
export type Messages = Widen<typeof zhCN>;

export default zhCN satisfies Messages;
