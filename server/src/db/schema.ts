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

export interface DB {
  org_role: OrgRoleTable;
  org_role_item: OrgRoleItemTable;
  member_role: MemberRoleTable;
  org_security_setting: OrgSecuritySettingTable;
  user_totp: UserTotpTable;
  customer_association: CustomerAssociationTable;
  organization: OrganizationTable;
  app_user: AppUserTable;
  auth_session: AuthSessionTable;
  login_throttle: LoginThrottleTable;
  access_key: AccessKeyTable;
  rate_limit_window: RateLimitWindowTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
}

export type Organization = Selectable<OrganizationTable>;
export type AppUser = Selectable<AppUserTable>;
export type NewAppUser = Insertable<AppUserTable>;
export type AuditLog = Selectable<AuditLogTable>;
