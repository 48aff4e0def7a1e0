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
  // --- customers ---
  'CBC.99007004': { status: 400, en: 'The business pre-check failed.', zh: '业务预校验失败。' },
  'HBN.2111': { status: 400, en: 'Consumer-cloud users cannot be associated with a partner.', zh: '消费者云用户不能关联伙伴。' },
  'HBN.2112': { status: 400, en: 'This customer has already been reported by the cloud vendor and cannot be associated.', zh: '该客户已被华为云报备，不能关联。' },
  'HBN.2113': { status: 400, en: 'This customer is enrolled in the referral reward programme and cannot be associated.', zh: '该客户已参加推荐有礼活动，不能关联。' },
  'HBN.2114': { status: 400, en: 'This customer belongs to the authorization centre and cannot be associated.', zh: '该客户已属于授权中心，不能关联。' },
  'HBN.2115': { status: 409, en: 'This customer is already associated with a partner.', zh: '该客户已关联伙伴。' },
  'HBN.2116': { status: 400, en: 'Only customer accounts can be associated with a partner.', zh: '只有客户账号才能关联伙伴。' },
  'HBN.2117': { status: 400, en: 'An offline invitation can only associate an account created within the last 7 days.', zh: '线下邀请只能关联近7天内注册的账号。' },
  'HBN.2121': { status: 400, en: 'The customer has a designated contract with the cloud vendor and cannot be associated in resale mode.', zh: '客户与华为云签有指定合同，不能以代售模式关联。' },
  'HBN.2122': { status: 400, en: 'The customer has unexpired reserved instances or a partner support plan; unsubscribe them first.', zh: '客户存在未到期的预留实例或伙伴支持计划，请先退订。' },
  'HBN.2123': { status: 400, en: 'The customer has outstanding invoices and cannot be associated in resale mode.', zh: '客户存在欠票，不能以代售模式关联。' },
  'HBN.2124': { status: 400, en: 'The customer has an unused stored-value card and cannot be associated in resale mode.', zh: '客户存在未使用的储值卡，不能以代售模式关联。' },
  'HBN.2125': { status: 400, en: 'An enterprise master account with financially independent member accounts cannot be associated in resale mode.', zh: '存在财务独立子账号的企业主账号不能以代售模式关联。' },
  'HBN.2126': { status: 400, en: 'An enterprise member account cannot be associated in resale mode.', zh: '企业子账号不能以代售模式关联。' },
  'HBN.2131': { status: 404, en: 'The invitation does not exist.', zh: '邀请不存在。' },
  'HBN.2132': { status: 400, en: 'The invitation link has expired; ask the partner to send it again.', zh: '邀请链接已过期，请联系伙伴重新发送。' },
  'HBN.2133': { status: 400, en: 'The invitation has been revoked.', zh: '邀请已被撤销。' },
  'HBN.2134': { status: 400, en: 'The reported customer is not approved or its report has expired.', zh: '报备客户未审核通过或报备已过期。' },
  'HBN.2135': { status: 409, en: 'The report has already been decided.', zh: '该报备已审核。' },
  'HBN.2136': { status: 409, en: 'The account name is already in use.', zh: '账号名已被使用。' },
  'HBN.2137': { status: 400, en: 'Only online invitations can be re-sent.', zh: '只有线上邀请可以重新发送。' },
  'HBN.2138': { status: 400, en: 'The mobile number does not match the reported customer.', zh: '手机号与报备客户的手机号不一致。' },
  'HBN.2139': { status: 400, en: 'The password must be 8-32 characters with at least two of upper case, lower case, digits and special characters, and must not contain the account name.', zh: '密码长度为8-32位，至少包含大写字母、小写字母、数字、特殊字符中的两种，且不能包含账号名。' },
  'HBN.2141': { status: 400, en: 'The customer is frozen; unfreeze it first.', zh: '客户已被冻结，请先解冻。' },
  'HBN.2142': { status: 400, en: 'The customer is a financial-hosting enterprise member account; handle the enterprise master account instead.', zh: '客户为财务托管的企业子账号，请对企业主账号操作。' },
  'HBN.2143': { status: 400, en: 'A financially independent enterprise member account can only be disassociated, not switched.', zh: '财务独立的企业子账号只能解除关联，不能切换关联类型。' },
  'HBN.2144': { status: 400, en: 'The customer is an enterprise master account with financial-hosting member accounts; detach the members first.', zh: '客户为存在财务托管子账号的企业主账号，请先解除子账号关系。' },
  'HBN.2145': { status: 400, en: 'The customer is an enterprise master account with financially independent member accounts; detach the members first.', zh: '客户为存在财务独立子账号的企业主账号，请先解除子账号关系。' },
  'HBN.2146': { status: 400, en: 'The partner may start only a limited number of disassociation or type-switch requests per customer in the period; try again later.', zh: '同一客户在周期内伙伴发起解除关联或切换关联类型的次数已达上限，请稍后再试。' },
  'HBN.2147': { status: 400, en: 'The customer requested a disassociation recently; the partner may start a request only after the waiting period.', zh: '客户近期发起过解除关联申请，伙伴需在等待期结束后才能发起。' },
  'HBN.2148': { status: 400, en: 'The customer may request disassociation only a limited number of times in the period; try again later.', zh: '客户在周期内发起解除关联的次数已达上限，请稍后再试。' },
  'HBN.2149': { status: 409, en: 'A request for this association is already pending.', zh: '该关联关系已有待处理的申请。' },
  'HBN.2151': { status: 400, en: 'The customer has orders awaiting partner payment; cancel or pay them first.', zh: '客户存在待伙伴支付的订单，请先取消或支付。' },
  'HBN.2152': { status: 400, en: 'The customer is in arrears; clear the arrears first.', zh: '客户存在欠费，请先结清欠费。' },
  'HBN.2153': { status: 400, en: 'The customer has an effective special contract; contact the ecosystem manager first.', zh: '客户存在生效中的特殊合同，请先联系生态经理处理。' },
  'HBN.2155': { status: 400, en: 'The customer already has this association type.', zh: '客户已是该关联类型。' },
  'HBN.2161': { status: 409, en: 'The request is not in a state that allows this action (it may have been handled already).', zh: '申请当前状态不允许该操作（可能已被处理）。' },
  'HBN.2163': { status: 400, en: 'Only resale customers can be frozen or unfrozen.', zh: '只有代售客户可以冻结或解冻。' },
  'HBN.2164': { status: 400, en: 'The customer is already in the requested frozen state.', zh: '客户已处于该冻结状态。' },
  'HBN.2171': { status: 400, en: 'The account manager must be an active member of the partner.', zh: '客户经理必须是本伙伴的有效成员。' },
  'HBN.2172': { status: 400, en: 'No account manager is assigned.', zh: '尚未分配客户经理。' },
  'HBN.2182': { status: 403, en: 'The partner holds no valid authorization from the customer for this action.', zh: '伙伴没有客户对该操作的有效授权。' },
  'HBN.2183': { status: 409, en: 'An authorization request or a valid authorization already exists.', zh: '已存在授权申请或有效授权。' },
  'HBN.2191': { status: 400, en: 'The webhook URL must be an http or https URL without credentials.', zh: 'Webhook地址必须是不含凭据的http或https地址。' },
  'HBN.2192': { status: 404, en: 'No webhook endpoint is configured.', zh: '尚未配置Webhook地址。' },
  'HBN.2195': { status: 409, en: 'The partner-platform user ID is already mapped to a customer.', zh: '该伙伴平台用户ID已关联客户。' },
  // --- vouchers ---
  'CBC.99000012': { status: 400, en: 'The quota does not exist or is in a wrong state.', zh: '额度不存在或状态不正确。' },
  'CBC.99000013': { status: 400, en: 'Insufficient quota.', zh: '额度不足。' },
  'CBC.99000014': { status: 400, en: 'This coupon cannot be given to a customer of this association type (resale customers only).', zh: '该券不能发放给此合作类型的客户（仅限代售客户）。' },
  'CBC.99000015': { status: 400, en: 'A quota in this status cannot be issued.', zh: '该状态的额度不能发放。' },
  'CBC.99000017': { status: 400, en: 'The quota is not yet effective or has expired.', zh: '额度未生效或已过期。' },
  'CBC.99000018': { status: 400, en: 'The face value is below the minimum allowed by the quota.', zh: '面额低于额度允许的最小值。' },
  'CBC.99000019': { status: 400, en: 'The face value is above the maximum allowed by the quota.', zh: '面额高于额度允许的最大值。' },
  'CBC.99000020': { status: 400, en: 'The number of coupons exceeds the maximum allowed by the quota.', zh: '发券数量超过额度允许的最大值。' },
  'CBC.99000021': { status: 400, en: 'The total face value exceeds the total allowed by the quota.', zh: '发券总面额超过额度允许的总额。' },
  'CBC.99000022': { status: 400, en: 'Coupons from this quota may only go to first-time-associated sub-customers.', zh: '该额度的券只能发放给首次关联的子客户。' },
  'CBC.99000023': { status: 400, en: 'The service or product restriction is wider than the quota allows.', zh: '服务或产品限制超出额度范围。' },
  'CBC.99000024': { status: 400, en: 'The order-type restriction is outside the range configured for the quota.', zh: '订单类型限制超出额度配置的范围。' },
  'CBC.99000025': { status: 400, en: 'This kind of partner cannot issue coupons to itself.', zh: '该类伙伴不能给自己发券。' },
  'CBC.99000045': { status: 400, en: 'Coupons of consultative-sale sub-customers cannot be reclaimed.', zh: '不能回收顾问销售类子客户的券。' },
  'CBC.99000048': { status: 400, en: 'The coupon has already expired, been used up or been reclaimed.', zh: '该券已过期、已用完或已回收。' },
  'CBC.50000020': { status: 400, en: 'This quota only applies to designated customers.', zh: '该额度仅适用于指定客户。' },
  'CBC.50000021': { status: 400, en: "The quota is restricted to a designated customer who is not this reseller's sub-customer.", zh: '该额度限定的指定客户不是该云经销商的子客户。' },
  'CBC.50000034': { status: 400, en: 'Coupons cannot be issued to a financially hosted enterprise member account.', zh: '不能给财务托管的企业子账号发券。' },
  'CBC.50000045': { status: 400, en: 'The same quota is being operated on; wait until the previous operation finishes.', zh: '同一额度正在操作中，请等待上一次操作完成。' },
  'CBC.50010105': { status: 400, en: 'Quota cannot be issued to a cloud reseller that is exiting.', zh: '不能给正在退出的云经销商发放额度。' },
  'HBN.6001': {
    status: 403,
    en: 'Your account is a customer associated with a partner and cannot apply for test vouchers online; please contact your ecosystem manager, who can issue them for you.',
    zh: '您的账号是已关联伙伴的客户，不能在线申请测试券，请联系您的生态经理为您发放。',
  },
  'HBN.6002': { status: 409, en: 'An application for this test-voucher type is still pending; wait until it is decided.', zh: '该类型测试券已有待审批的申请，请等待审批完成。' },
  'HBN.6003': { status: 409, en: 'The application has already been decided.', zh: '该申请已审批。' },
  'HBN.6004': { status: 404, en: 'The application does not exist.', zh: '申请不存在。' },
  'HBN.6005': { status: 400, en: 'Voucher quota can be granted only to solution providers and master distributors.', zh: '只能给解决方案提供商和总经销商发放代金券额度。' },
  'HBN.6006': { status: 400, en: 'The resource configuration must be a share link of the price calculator (https).', zh: '资源配置必须是价格计算器的分享链接（https）。' },
  'HBN.6007': { status: 400, en: 'The expiry time must be after the effective time and in the future.', zh: '失效时间必须晚于生效时间且晚于当前时间。' },
  'HBN.6008': { status: 400, en: 'The amount exceeds the ceiling of one application for this test-voucher type.', zh: '申请金额超过该类型测试券单次申请的上限。' },
  'HBN.6009': {
    status: 400,
    en: 'The amount exceeds what remains applicable for this test-voucher type and solution; a supplementary application must state its reason.',
    zh: '申请金额超过该类型（及该方案）剩余可申请额度，追加申请须填写追加原因。',
  },
  'HBN.6010': { status: 400, en: 'An application for a software-partner test voucher must name the solution it is for.', zh: '申请软件伙伴测试券须选择对应的方案。' },
  'HBN.6011': { status: 400, en: 'The approved amount cannot exceed the amount applied for.', zh: '审批金额不能超过申请金额。' },
  'HBN.6012': { status: 400, en: 'The validity of a test voucher is out of range.', zh: '测试券有效期超出允许范围。' },
  'HBN.6013': { status: 400, en: 'A restriction of the quota is unknown or invalid (a usage ratio applies to cash-coupon quotas only and lies in (0, 1]).', zh: '额度限制条件未知或无效（使用比例仅适用于现金券额度，取值范围为(0, 1]）。' },
  'HBN.6014': { status: 400, en: 'The usage ratio of a cash coupon must lie in (0, 1] and may not exceed the ratio the quota allows; vouchers carry none.', zh: '现金券使用比例须在(0, 1]之间且不能超过额度允许的比例；代金券不设使用比例。' },
  // Why a coupon may not pay a charge (vouchers/deduction.rules.ts), one code per reason.
  'HBN.6101': { status: 400, en: 'Vouchers cannot pay for marketplace (云商店) products.', zh: '代金券不适用于云商店产品。' },
  'HBN.6102': { status: 400, en: 'Vouchers cannot be used to pay off arrears.', zh: '代金券不能用于核销欠费。' },
  'HBN.6103': { status: 400, en: 'An order paid by the partner cannot use vouchers.', zh: '伙伴支付的订单不能使用代金券。' },
  'HBN.6104': { status: 400, en: 'The coupon is not usable: it is used up, expired or reclaimed.', zh: '该券不可用：已用完、已过期或已回收。' },
  'HBN.6105': { status: 400, en: 'The coupon is frozen.', zh: '该券已冻结。' },
  'HBN.6106': { status: 400, en: 'The coupon is locked by another order.', zh: '该券已被其他订单锁定。' },
  'HBN.6107': { status: 400, en: 'The coupon is not yet valid.', zh: '该券尚未生效。' },
  'HBN.6108': { status: 400, en: 'The coupon has expired.', zh: '该券已过期。' },
  'HBN.6109': { status: 400, en: 'This is a pay-per-use voucher: it offsets on-demand charges only, not yearly/monthly orders.', zh: '该券为按需券，仅能抵扣按需费用，不能用于包年/包月订单。' },
  'HBN.6110': { status: 400, en: "The order's service or product lies outside the coupon's scope.", zh: '订单的云服务或产品不在该券的适用范围内。' },
  'HBN.6111': { status: 400, en: 'The subscription period is longer than the coupon allows (test vouchers: no yearly subscriptions of 1 year or more).', zh: '订购周期超过该券允许的范围（测试券不能用于1年及以上的包年订单）。' },
  'HBN.6112': { status: 400, en: 'The coupon cannot be combined with the discount this order carries.', zh: '该券不能与订单已享受的折扣同时使用。' },
  'HBN.6113': { status: 400, en: "Every discounted line is below the coupon's minimum consumption discount.", zh: '订单各折扣行的折扣率均低于该券的最低消费折扣。' },
  'HBN.6114': { status: 400, en: 'An order can use only one voucher (several cash coupons are allowed).', zh: '一个订单只能使用一张代金券（现金券可使用多张）。' },
  'HBN.6115': { status: 400, en: 'The coupons chosen before already cover the order; this one is not needed.', zh: '已选的券已足够支付该订单，无需再使用此券。' },
  'HBN.6116': { status: 400, en: 'Cash coupons have reached the share of this order they may pay (usage-ratio cap).', zh: '现金券已达到可抵扣该订单的比例上限。' },
  // Customer orders (Huawei's pay/cancel codes) and the orders module's own (HBN.51xx).
  'CBC.0155': { status: 403, en: 'The request is not allowed: no permission for this API or order.', zh: '请求不被允许：无权调用该接口或操作该订单。' },
  'CBC.30000010': { status: 400, en: 'The order is invalid or does not exist.', zh: '订单无效或不存在。' },
  'CBC.99003106': { status: 400, en: 'The order status has changed; the order cannot be paid.', zh: '订单状态已变化，无法支付。' },
  'CBC.99003108': { status: 400, en: 'The selected discount or coupon is not applicable to this order.', zh: '所选折扣或优惠券不适用于该订单。' },
  'CBC.99003110': { status: 400, en: 'The payment deadline has passed; submit the order again.', zh: '订单已超过支付期限，请重新下单。' },
  'CBC.99005010': { status: 400, en: 'The order status does not allow cancellation.', zh: '订单状态不允许取消。' },
  'CBC.99000089': { status: 400, en: 'Use the order ID of the combined transaction.', zh: '请使用合并交易的订单号。' },
  'HBN.5101': { status: 400, en: 'This specification cannot be ordered (off sale, or not a yearly/monthly or one-off specification).', zh: '该规格不可订购（已下架，或不是包年/包月或一次性规格）。' },
  'HBN.5102': { status: 400, en: 'Stored-value cards cannot be paid by a partner.', zh: '储值卡不能使用伙伴支付。' },
  'HBN.5103': { status: 400, en: 'The customer has no partner to ask for payment.', zh: '客户没有可申请支付的合作伙伴。' },
  'HBN.5104': { status: 400, en: 'The specification of the ordered product has changed; the customer must place the order again.', zh: '订单中的产品规格已变更，请客户重新下单。' },
  'HBN.5105': { status: 400, en: 'The effective time set in the order has passed; the customer must place the order again.', zh: '当前时间已晚于订单设置的生效时间，请客户重新下单。' },
  'HBN.5106': { status: 400, en: 'The order has no pending partner-payment application.', zh: '该订单没有待处理的伙伴支付申请。' },
  'HBN.5107': { status: 400, en: 'A partner-payment application is pending or was already handled for this order.', zh: '该订单的伙伴支付申请正在处理中或已处理。' },
  'HBN.5108': { status: 400, en: 'A VAT invoice has been issued for this order; it can no longer be unsubscribed.', zh: '该订单已开具增值税发票，不能退订。' },
  'HBN.5109': { status: 400, en: 'Only a completed new or renewal order that has not been unsubscribed can be unsubscribed.', zh: '只有已完成且未退订的新购或续费订单可以退订。' },
  'HBN.5110': { status: 403, en: 'The partner is not in the 严选 resale programme or was not named by the customer for this order.', zh: '伙伴未加入严选转售计划，或客户下单时未填写该伙伴。' },
  'HBN.5111': { status: 400, en: 'The price must be between the floor price and the catalogue price.', zh: '价格必须在底价与目录价之间。' },
  'HBN.5112': { status: 400, en: 'Only a pending 严选 order can have its price changed.', zh: '只有待支付的严选订单可以改价。' },
  'HBN.5113': { status: 400, en: 'Nothing is invoiceable for this party.', zh: '该对象没有可开票金额。' },
  'HBN.5115': { status: 400, en: 'The base order does not belong to this customer or cannot be renewed or changed.', zh: '原订单不属于该客户，或不能续费/变更。' },
  'HBN.5116': { status: 400, en: 'A change must move to a specification that costs more; downgrades are not ordered.', zh: '变更须升级到价格更高的规格，暂不支持降配下单。' },
  'HBN.5117': { status: 409, en: 'This order has already been renewed or changed; renew or change the latest order instead.', zh: '该订单已续费或变更，请对最新的订单进行续费或变更。' },
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
