// Kysely table types, kept by hand beside the migrations they describe.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export type OrgKind = 'vendor' | 'partner' | 'customer';
export type PartnerType = 'solution_provider' | 'master_distributor' | 'cloud_reseller';

export interface OrganizationTable {
  id: string;
  kind: OrgKind;
  partner_type: PartnerType | null;
  parent_partner_id: string | null;
  name: string;
  domain_name: string;
  status: Generated<'active' | 'frozen' | 'restricted'>;
  mobile: string | null;
  email: string | null;
  country_code: Generated<string>;
  customer_type: Generated<number>;
  created_at: CreatedAt;
}

export interface AppUserTable {
  id: string;
  org_id: string;
  name: string;
  display_name: string;
  mobile: string | null;
  email: string | null;
  is_main: Generated<boolean>;
  status: Generated<'active' | 'disabled'>;
  password_hash: string;
  must_change_password: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AuthSessionTable {
  id: string;
  user_id: string;
  org_id: string;
  kind: 'console' | 'token';
  csrf_token: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  client_ip: string | null;
}

export interface LoginThrottleTable {
  user_name: string;
  failures: number;
  window_start: Timestamp;
  locked_until: Timestamp | null;
}

export interface AccessKeyTable {
  id: string;
  user_id: string;
  org_id: string;
  secret_ciphertext: string;
  description: Generated<string>;
  status: Generated<'active' | 'inactive'>;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
}

export interface RateLimitWindowTable {
  bucket: string;
  window_start: bigint;
  hits: number;
}

export interface AuditLogTable {
  id: Generated<bigint>;
  org_id: string;
  seq: bigint;
  occurred_at: Timestamp;
  user_id: string | null;
  user_name: string | null;
  via: 'console' | 'token' | 'aksk' | 'system';
  on_behalf_of: string | null;
  operation: string;
  target_type: string | null;
  target_id: string | null;
  detail: string;
  client_ip: string | null;
  outcome: 'success' | 'failure';
  prev_hash: string;
  hash: string;
}

export interface AuditChainHeadTable {
  org_id: string;
  last_seq: bigint;
  last_hash: string;
}

export interface CustomerAssociationTable {
  id: string;
  customer_org_id: string;
  partner_org_id: string;
  association_type: 1 | 2;
  associated_on: Timestamp;
  ended_on: Timestamp | null;
  label: string | null;
  org_id: ColumnType<string, never, never>;
  is_frozen: Generated<0 | 1 | 2>;
  frozen_reason: string | null;
  frozen_at: Timestamp | null;
  end_reason: 'disassociated' | 'type_switched' | null;
  source: Generated<'seed' | 'invitation' | 'api' | 'type_switch'>;
  xaccount_id: string | null;
  xaccount_type: string | null;
  invitation_id: string | null;
}

// --- customers (0005) ---
type OrgIdColumn = ColumnType<string, never, never>;

export interface CustomerFlagTable {
  customer_org_id: string;
  flag: string;
  set_at: CreatedAt;
}

export type AssociationEventStatus =
  | 'PENDING_CUSTOMER'
  | 'PENDING_PARTNER'
  | 'AGREED'
  | 'APPROVED'
  | 'REJECTED'
  | 'CANCELLED'
  | 'COMPLETED';

export interface AssociationEventTable {
  id: string;
  partner_org_id: string;
  customer_org_id: string;
  association_id: string;
  kind: 'associate' | 'disassociate' | 'switch_type';
  initiator: 'partner' | 'customer' | 'system';
  status: AssociationEventStatus;
  from_type: 1 | 2;
  to_type: 1 | 2 | null;
  reason: Generated<string>;
  requested_by: string | null;
  requested_at: Timestamp;
  due_at: Timestamp | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decision_reason: string | null;
  org_id: OrgIdColumn;
}

export interface TransitionHistoryColumns {
  id: Generated<bigint>;
  org_id: string;
  from_status: string | null;
  to_status: string;
  action: string;
  actor_org_id: string | null;
  actor_user_id: string | null;
  actor_via: string;
  at: Timestamp;
  reason: string | null;
}

export interface AssociationEventHistoryTable extends TransitionHistoryColumns {
  event_id: string;
}

export interface CustomerReportTable {
  id: string;
  partner_org_id: string;
  customer_name: string;
  mobile: string;
  email: string;
  status: 'PENDING' | 'APPROVED' | 'REJECTED';
  created_by: string | null;
  created_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decision_reason: string | null;
  valid_until: Timestamp | null;
  org_id: OrgIdColumn;
}

export interface CustomerInvitationTable {
  id: string;
  partner_org_id: string;
  channel: 'online' | 'offline';
  association_type: 1 | 2;
  code: string;
  report_id: string | null;
  email: string | null;
  tag: string | null;
  manager_user_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  sent_count: Generated<number>;
  last_sent_at: Timestamp | null;
  revoked_at: Timestamp | null;
  accepted_count: Generated<number>;
  org_id: OrgIdColumn;
}

export interface AccountManagerAssignmentTable {
  id: string;
  partner_org_id: string;
  subject_kind: 'customer' | 'reseller';
  subject_org_id: string;
  manager_user_id: string;
  assigned_at: Timestamp;
  assigned_by: string | null;
  withdrawn_at: Timestamp | null;
  withdrawn_by: string | null;
  org_id: OrgIdColumn;
}

export type AuthorizationStatus = 'REQUESTED' | 'AUTHORIZED' | 'REJECTED' | 'WITHDRAWN' | 'REVOKED' | 'EXPIRED';

export interface OnBehalfAuthorizationTable {
  id: string;
  partner_org_id: string;
  customer_org_id: string;
  scopes: string;
  duration_days: number;
  status: AuthorizationStatus;
  reason: Generated<string>;
  requested_by: string | null;
  requested_at: Timestamp;
  decided_at: Timestamp | null;
  expires_at: Timestamp | null;
  warned_at: Timestamp | null;
  ended_at: Timestamp | null;
  end_reason: string | null;
  org_id: OrgIdColumn;
}

export interface OnBehalfAuthorizationHistoryTable extends TransitionHistoryColumns {
  authorization_id: string;
}

export interface MailOutboxTable {
  id: string;
  org_id: string;
  to_address: string;
  subject: string;
  body_text: string;
  status: Generated<'pending' | 'sent' | 'failed'>;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  /** Sending attempts so far; each claim by a relay counts one. */
  attempts: Generated<number>;
  /** When a pending mail is due (while a relay holds it: the end of its lease); null once sent or failed. */
  next_attempt_at: Timestamp | null;
  last_attempt_at: Timestamp | null;
  last_error: Generated<string | null>;
  /** The Message-ID the mail was sent with. */
  message_id: Generated<string | null>;
}

export interface WebhookEndpointTable {
  partner_org_id: string;
  url: string;
  secret_ciphertext: string;
  enabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  org_id: OrgIdColumn;
}

export interface WebhookDeliveryTable {
  id: string;
  partner_org_id: string;
  event_type: string;
  payload: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: Timestamp | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
  org_id: OrgIdColumn;
}

export interface WebhookAttemptTable {
  id: Generated<bigint>;
  delivery_id: string;
  org_id: string;
  attempted_at: Timestamp;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

export type ProductKind = 'cloud_service' | 'marketplace' | 'stored_value_card';
export type ProductCategory = 'compute' | 'storage' | 'network' | 'database' | 'security' | 'software' | 'card';
export type BillingMode = 'yearly_monthly' | 'on_demand' | 'one_off';
export type PriceUnit = 'month' | 'year' | 'hour' | 'one_off';
export type SaleStatus = 'on_sale' | 'off_sale';

export interface ProductTable {
  id: string;
  kind: ProductKind;
  service_type_code: string;
  category: ProductCategory;
  name_zh: string;
  name_en: string;
  description_zh: Generated<string>;
  description_en: Generated<string>;
  is_yanxuan: Generated<boolean>;
  status: Generated<SaleStatus>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ProductSpecTable {
  id: string;
  product_id: string;
  code: string;
  name_zh: string;
  name_en: string;
  billing_mode: BillingMode;
  price_unit: PriceUnit;
  list_price: bigint;
  floor_price: bigint | null;
  status: Generated<SaleStatus>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface LedgerAccountTable {
  id: string;
  org_id: string;
  kind: string;
  currency: Generated<string>;
  may_go_negative: boolean;
  balance: Generated<bigint>;
  created_at: CreatedAt;
}

export interface LedgerJournalTable {
  id: string;
  seq: Generated<bigint>;
  org_id: string;
  kind: string;
  reference: string | null;
  counterparty_org_id: string | null;
  amount: bigint;
  memo: string | null;
  actor_org_id: string | null;
  actor_user_id: string | null;
  idempotency_scope: string | null;
  idempotency_key: string | null;
  created_at: Timestamp;
}

export interface LedgerPostingTable {
  id: Generated<bigint>;
  journal_id: string;
  account_id: string;
  org_id: string;
  amount: bigint;
  balance_after: bigint;
  created_at: Timestamp;
}

export interface IdempotencyRecordTable {
  org_id: string;
  operation: string;
  key: string;
  request_hash: string;
  status: number;
  response: string;
  created_at: Timestamp;
}

export interface RemittanceAccountTable {
  org_id: string;
  account_number: string;
  bank_name: string;
  created_at: Timestamp;
}

export type TopupStatus = 'PENDING' | 'HELD' | 'CREDITED' | 'REJECTED';

export interface TopupTable {
  id: string;
  org_id: string | null;
  channel: 'online' | 'bank';
  amount: bigint;
  status: TopupStatus;
  payer_name: string | null;
  account_number: string | null;
  bank_reference: string | null;
  journal_id: string | null;
  reason: string | null;
  created_at: Timestamp;
  decided_at: Timestamp | null;
}

export interface PaymentAgreementTable {
  id: string;
  org_id: string;
  agreement_type: string;
  entrusted_party_type: 'INDIVIDUAL' | 'ENTERPRISE';
  entrusted_party_name: string;
  entrusted_party_identifier: string;
  relationship: 'ASSOCIATED_ENTERPRISE' | 'CREDITOR_DEBTOR' | 'OTHER';
  reason: 'PAY_ON_BEHALF' | 'PAY_DEBTS' | 'OTHER';
  status: 'ACTIVE' | 'INVALID';
  effective_at: Timestamp;
  expires_at: Timestamp | null;
  invalidated_at: Timestamp | null;
  created_by: string;
}

export type WithdrawalStatus = 'PENDING' | 'PAID' | 'REJECTED';

export interface WithdrawalTable {
  id: string;
  org_id: string;
  amount: bigint;
  bank_account_name: string;
  bank_account_number: string;
  bank_name: string;
  status: WithdrawalStatus;
  hold_journal_id: string;
  settle_journal_id: string | null;
  reason: string | null;
  created_by: string;
  created_at: Timestamp;
  decided_at: Timestamp | null;
}

export interface FundsTransitionTable {
  id: Generated<bigint>;
  org_id: string;
  entity_type: 'topup' | 'withdrawal';
  entity_id: string;
  from_status: string | null;
  to_status: string;
  actor_user_id: string | null;
  reason: string | null;
  occurred_at: Timestamp;
}

export interface OrgRoleTable {
  id: string;
  org_id: string;
  name: string;
  description: Generated<string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface OrgRoleItemTable {
  role_id: string;
  org_id: string;
  item_code: string;
}

export interface MemberRoleTable {
  user_id: string;
  org_id: string;
  role_id: string;
}

export interface OrgSecuritySettingTable {
  org_id: string;
  sensitive_verification: Generated<boolean>;
  updated_at: Timestamp;
}

export interface UserTotpTable {
  user_id: string;
  org_id: string;
  secret_ciphertext: string;
  confirmed_at: Timestamp | null;
  last_step: bigint | null;
  created_at: CreatedAt;
}

export type PartnerPayStatus = 'PENDING' | 'PAID' | 'REJECTED' | 'CANCELLED' | 'EXPIRED';

export interface CustomerOrderTable {
  id: string;
  customer_org_id: string;
  partner_org_id: string | null;
  association_type: number | null;
  order_type: number;
  status: number;
  source_type: number;
  placed_by_org_id: string;
  placed_by_user_id: string | null;
  placed_by_name: string | null;
  product_id: string;
  spec_id: string;
  product_kind: string;
  service_type_code: string;
  is_yanxuan: Generated<boolean>;
  yanxuan_partner_id: string | null;
  spec_desc: string;
  unit_price: bigint;
  spec_version_at: Timestamp;
  period_type: number;
  period_num: number | null;
  subscription_num: number;
  official_amount: bigint;
  amount: bigint;
  base_order_id: string | null;
  effective_at: Timestamp | null;
  expire_at: Timestamp | null;
  pending_payment_end_at: Timestamp | null;
  partner_pay_status: PartnerPayStatus | null;
  partner_pay_requested_at: Timestamp | null;
  partner_pay_reason: string | null;
  payer: 'customer' | 'partner' | null;
  paying_org_id: string | null;
  payment_sources: string | null;
  payment_journal_id: string | null;
  paid_at: Timestamp | null;
  coupon_amount: Generated<bigint>;
  invoice_party_org_id: string | null;
  invoice_id: string | null;
  refunded_amount: Generated<bigint>;
  unsubscribed_by_order_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CustomerOrderHistoryTable {
  id: Generated<string>;
  order_id: string;
  org_id: string;
  action: string;
  from_status: number | null;
  to_status: number;
  actor_org_id: string | null;
  actor_user_id: string | null;
  reason: string | null;
  at: Timestamp;
}

export interface OrderPriceAdjustmentTable {
  id: Generated<string>;
  order_id: string;
  partner_org_id: string;
  from_amount: bigint;
  to_amount: bigint;
  actor_user_id: string | null;
  at: Timestamp;
}

export interface YanxuanResellerTable {
  partner_org_id: string;
  enabled_by: string | null;
  enabled_at: Timestamp;
}

export interface VatInvoiceTable {
  id: string;
  org_id: string;
  amount: bigint;
  title: string;
  issued_by: string | null;
  issued_at: Timestamp;
}

export interface DB {
  customer_order: CustomerOrderTable;
  customer_order_history: CustomerOrderHistoryTable;
  order_price_adjustment: OrderPriceAdjustmentTable;
  yanxuan_reseller: YanxuanResellerTable;
  vat_invoice: VatInvoiceTable;
  org_role: OrgRoleTable;
  org_role_item: OrgRoleItemTable;
  member_role: MemberRoleTable;
  org_security_setting: OrgSecuritySettingTable;
  user_totp: UserTotpTable;
  product: ProductTable;
  product_spec: ProductSpecTable;
  customer_association: CustomerAssociationTable;
  customer_flag: CustomerFlagTable;
  association_event: AssociationEventTable;
  association_event_history: AssociationEventHistoryTable;
  customer_report: CustomerReportTable;
  customer_invitation: CustomerInvitationTable;
  account_manager_assignment: AccountManagerAssignmentTable;
  on_behalf_authorization: OnBehalfAuthorizationTable;
  on_behalf_authorization_history: OnBehalfAuthorizationHistoryTable;
  mail_outbox: MailOutboxTable;
  webhook_endpoint: WebhookEndpointTable;
  webhook_delivery: WebhookDeliveryTable;
  webhook_attempt: WebhookAttemptTable;
  organization: OrganizationTable;
  app_user: AppUserTable;
  auth_session: AuthSessionTable;
  login_throttle: LoginThrottleTable;
  access_key: AccessKeyTable;
  rate_limit_window: RateLimitWindowTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  ledger_account: LedgerAccountTable;
  ledger_journal: LedgerJournalTable;
  ledger_posting: LedgerPostingTable;
  idempotency_record: IdempotencyRecordTable;
  remittance_account: RemittanceAccountTable;
  topup: TopupTable;
  payment_agreement: PaymentAgreementTable;
  withdrawal: WithdrawalTable;
  funds_transition: FundsTransitionTable;
  coupon_quota: CouponQuotaTable;
  coupon_quota_record: CouponQuotaRecordTable;
  coupon: CouponTable;
  coupon_record: CouponRecordTable;
  coupon_usage: CouponUsageTable;
  test_voucher_application: TestVoucherApplicationTable;
}

export type Organization = Selectable<OrganizationTable>;
export type AppUser = Selectable<AppUserTable>;
export type NewAppUser = Insertable<AppUserTable>;
export type AuditLog = Selectable<AuditLogTable>;

// --- vouchers (0007) ---
export interface CouponQuotaTable {
  id: string;
  org_id: string;
  quota_type: number;
  status: Generated<number>;
  quota_value: bigint;
  balance: bigint;
  effective_time: Timestamp;
  expire_time: Timestamp;
  limit_infos: Generated<string>;
  parent_quota_id: string | null;
  granted_by_org_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CouponQuotaRecordTable {
  id: string;
  org_id: string;
  indirect_partner_id: string;
  operator: string;
  operation_type: number;
  quota_id: string;
  parent_quota_id: string;
  amount: bigint;
  result: number;
  remark: string | null;
  journal_id: string | null;
  created_at: Timestamp;
}

export interface CouponTable {
  id: string;
  customer_org_id: string;
  issuer_org_id: string;
  quota_id: string | null;
  coupon_type: number;
  status: number;
  cycle: 'on_demand' | 'general';
  face_value: bigint;
  balance: bigint;
  valid_time: Timestamp;
  expire_time: Timestamp;
  service_types: Generated<string>;
  product_ids: Generated<string>;
  max_period_months: number | null;
  combines_with_discount: Generated<boolean>;
  is_frozen: Generated<boolean>;
  lock_order_id: string | null;
  memo: string | null;
  source: 'partner' | 'test_voucher';
  /** Cash coupons: the largest share of an order they may pay, in basis points (0010). */
  usage_ratio_bp: Generated<number | null>;
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One use of a coupon by an order (0010). */
export interface CouponUsageTable {
  id: string;
  coupon_id: string;
  customer_org_id: string;
  order_id: string;
  amount: bigint;
  used_at: Timestamp;
  restored_at: Timestamp | null;
}

export interface CouponRecordTable {
  id: string;
  org_id: string;
  operation_type: number;
  quota_id: string | null;
  quota_type: number | null;
  coupon_id: string;
  customer_id: string;
  amount: bigint;
  result: Generated<number>;
  remark: string | null;
  journal_id: string | null;
  created_at: Timestamp;
}

export interface TestVoucherApplicationTable {
  id: string;
  org_id: string;
  voucher_type: string;
  amount: bigint;
  purpose: string;
  calculator_link: string;
  solution: string | null;
  status: 'SUBMITTED' | 'APPROVED' | 'REJECTED';
  approved_amount: bigint | null;
  valid_days: number | null;
  coupon_id: string | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  supplementary_reason: Generated<string | null>;
}
