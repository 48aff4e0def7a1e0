// Every error the API can answer, as one exhaustive map: code -> HTTP status and message in both
// languages. Huawei's codes (CBC.*, APIG.*) are kept where Huawei defines them; our own
// extensions use HBN.*. Routes and services throw AppError; the error handler renders it.

export const ERRORS = {
  'CBC.0100': { status: 400, en: 'Invalid parameter.', zh: '参数错误。' },
  'CBC.0150': { status: 403, en: 'Illegal operation.', zh: '非法操作。' },
  'CBC.0151': { status: 403, en: 'Access denied.', zh: '访问被拒绝。' },
  'CBC.0154': { status: 401, en: 'The token is invalid or has expired.', zh: 'Token无效或已过期。' },
  'CBC.0999': { status: 500, en: 'Internal error.', zh: '内部错误。' },
  'CBC.5001': { status: 403, en: 'The caller is not a partner.', zh: '调用方不是合作伙伴。' },
  'CBC.99000000': {
    status: 400,
    en: 'No permission on this customer: funds can be adjusted only for resale (代售) customers.',
    zh: '无权操作该客户：仅代售类客户可以调账。',
  },
  'CBC.99000035': { status: 400, en: 'The customer is not a sub-customer of this partner.', zh: '该客户不是当前伙伴的子客户。' },
  'CBC.99000037': { status: 400, en: 'No permission to operate this cloud reseller.', zh: '无权操作该云经销商。' },
  'CBC.99005003': { status: 400, en: 'Insufficient balance.', zh: '余额不足。' },
  'APIG.0308': {
    status: 429,
    en: 'The throttling threshold has been reached: policy user over ratelimit.',
    zh: '已达到流控阈值：用户请求过于频繁。',
  },
  'APIG.0301': { status: 401, en: 'Incorrect request signature.', zh: '请求签名不正确。' },
  'APIG.0404': { status: 404, en: 'The API does not exist.', zh: 'API不存在。' },
  'HBN.1001': { status: 401, en: 'Incorrect account name or password.', zh: '账号名或密码错误。' },
  'HBN.1002': {
    status: 429,
    en: 'Too many failed sign-in attempts. The account is locked for a while; try again later.',
    zh: '登录失败次数过多，账号已被临时锁定，请稍后再试。',
  },
  'HBN.1003': {
    status: 403,
    en: 'The request lacks a valid CSRF token. Reload the page and try again.',
    zh: '请求缺少有效的CSRF令牌，请刷新页面后重试。',
  },
  'HBN.1004': { status: 403, en: 'This account is disabled.', zh: '该账号已被禁用。' },
  'HBN.1005': { status: 404, en: 'The access key does not exist.', zh: '访问密钥不存在。' },
  'HBN.1006': {
    status: 400,
    en: 'A user may hold at most 2 access keys.',
    zh: '每个用户最多可创建2个访问密钥。',
  },
  'HBN.5001': { status: 404, en: 'The product or specification does not exist.', zh: '产品或规格不存在。' },
  'HBN.5002': {
    status: 400,
    en: 'This billing mode or price unit is not allowed for this kind of product.',
    zh: '该类产品不支持此计费模式或计价单位。',
  },
  'HBN.5003': {
    status: 400,
    en: '严选 specifications need a floor price not above the list price; other products have none.',
    zh: '严选产品规格必须设置不高于目录价的底价，其他产品不设底价。',
  },
  'HBN.5004': { status: 400, en: 'Only marketplace products can be 严选 products.', zh: '只有云商店产品可以是严选产品。' },
  'HBN.5005': { status: 409, en: 'A specification with this code already exists for the product.', zh: '该产品已存在相同编码的规格。' },
  'HBN.4001': {
    status: 409,
    en: 'This X-Client-Token was already used for a different request; use a new token for a new request.',
    zh: '该X-Client-Token已用于另一个不同的请求，新请求请使用新的令牌。',
  },
  'HBN.4002': {
    status: 400,
    en: 'At most 5 payment agreements may be active at the same time; invalidate one first.',
    zh: '同时最多可有5个生效中的代付协议，请先作废一个。',
  },
  'HBN.4003': {
    status: 409,
    en: 'The request was already handled or its status has changed.',
    zh: '该申请已被处理或状态已变更。',
  },
  'HBN.4004': { status: 400, en: 'The amount exceeds the withdrawable amount.', zh: '金额超过可提现金额。' },
  'HBN.1007': {
    status: 403,
    en: 'You must change your initial password before doing anything else.',
    zh: '请先修改初始密码，然后才能进行其他操作。',
  },
  'HBN.1008': {
    status: 400,
    en: 'The password must have 8 to 32 characters, at least three of: lower case, upper case, digits, other characters, and must not contain the account name.',
    zh: '密码须为8至32个字符，至少包含小写字母、大写字母、数字、特殊字符中的三种，且不能包含账号名。',
  },
  'HBN.1009': { status: 400, en: 'The current password is incorrect.', zh: '当前密码不正确。' },
  'HBN.1010': { status: 400, en: 'The new password must differ from the current one.', zh: '新密码不能与当前密码相同。' },
  'HBN.2001': { status: 400, en: 'A member can hold at most 3 roles.', zh: '每个人员最多只能分配3个角色。' },
  'HBN.2002': {
    status: 400,
    en: 'The administrator role cannot be combined with other roles.',
    zh: '系统管理员角色不能与其他角色同时分配。',
  },
  'HBN.2003': {
    status: 400,
    en: 'The account manager and account-manager supervisor roles are mutually exclusive.',
    zh: '客户经理与客户经理主管角色互斥，不能同时分配。',
  },
  'HBN.2004': { status: 404, en: 'The role does not exist.', zh: '角色不存在。' },
  'HBN.2005': { status: 409, en: 'A role with this name already exists.', zh: '角色名称已存在。' },
  'HBN.2006': {
    status: 400,
    en: 'Unknown permission items for this organization.',
    zh: '存在本组织不可用的权限项。',
  },
  'HBN.2007': { status: 403, en: 'System roles cannot be changed or deleted.', zh: '系统角色不能修改或删除。' },
  'HBN.2008': {
    status: 409,
    en: 'The role is assigned to members; remove it from them first.',
    zh: '该角色已分配给人员，请先取消分配。',
  },
  'HBN.2009': { status: 409, en: 'The account name is already taken.', zh: '账号名已被使用。' },
  'HBN.2010': {
    status: 403,
    en: 'You cannot grant permissions you do not hold yourself.',
    zh: '不能授予自己不具备的权限。',
  },
  'HBN.2011': {
    status: 403,
    en: 'The main account and your own account cannot be managed here.',
    zh: '不能在此管理主账号或您自己的账号。',
  },
  'HBN.2012': { status: 404, en: 'The member does not exist.', zh: '人员不存在。' },
  'HBN.2020': {
    status: 403,
    en: 'This operation needs a one-time code: set up an authenticator app under Security first.',
    zh: '该操作需要动态验证码：请先在安全设置中绑定身份验证器。',
  },
  'HBN.2021': {
    status: 403,
    en: 'This operation needs a one-time code from your authenticator app (X-Verification-Code).',
    zh: '该操作需要身份验证器生成的动态验证码（X-Verification-Code）。',
  },
  'HBN.2022': { status: 403, en: 'The one-time code is wrong or has expired.', zh: '动态验证码错误或已过期。' },
  'HBN.2023': {
    status: 409,
    en: 'An authenticator is already bound; remove it before binding another.',
    zh: '已绑定身份验证器，请先解绑再重新绑定。',
  },
  'HBN.2024': { status: 400, en: 'No authenticator enrolment is pending.', zh: '没有待确认的身份验证器绑定。' },
  'HBN.0404': { status: 404, en: 'The resource does not exist.', zh: '资源不存在。' },
  'HBN.0413': { status: 413, en: 'The request body is too large.', zh: '请求体过大。' },
  'HBN.0431': {
    status: 431,
    en: 'The request URL or headers are too large.',
    zh: '请求URL或请求头过大。',
  },
  'HBN.0408': { status: 408, en: 'The request took too long to arrive.', zh: '请求超时。' },
  'HBN.0415': {
    status: 415,
    en: 'Unsupported content type; send application/json.',
    zh: '不支持的内容类型，请使用 application/json。',
  },
} as const satisfies Record<string, { status: number; en: string; zh: string }>;

export type ErrorCode = keyof typeof ERRORS;
export type Lang = 'zh' | 'en';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Extra detail appended to the catalogue message (for example, which field was wrong). */
  readonly detail?: string;

  constructor(code: ErrorCode, detail?: string) {
    super(`${code}${detail ? `: ${detail}` : ''}`);
    this.code = code;
    this.status = ERRORS[code].status;
    this.detail = detail;
  }

  message_in(lang: Lang): string {
    const base = ERRORS[this.code][lang];
    return this.detail ? `${base} (${this.detail})` : base;
  }
}

export function errorBody(code: ErrorCode, lang: Lang, detail?: string) {
  return { error_code: code, error_msg: new AppError(code, detail).message_in(lang) };
}
