// The organization API contract (our extension: Huawei publishes no organization API).
import { z } from 'zod';

const id = z.string().min(1).max(64);
export const memberIdParams = z.object({ member_id: id });
export const roleIdParams = z.object({ role_id: id });

const mobile = z.string().regex(/^\+?[0-9][0-9 -]{4,30}$/).nullable().optional();
const email = z.email().max(254).nullable().optional();
const displayName = z.string().trim().min(1).max(64);
const roleIds = z.array(id).max(10);

/** Account names: a letter first, then letters, digits, "_", "-" or "."; 4 to 32 characters. */
export const accountName = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{3,31}$/);

export const createMemberBody = z
  .object({
    account_name: accountName,
    display_name: displayName,
    mobile,
    email,
    initial_password: z.string().min(1).max(128),
    role_ids: roleIds.default([]),
  })
  .strict();

// .strict(): the account name (and anything else unknown) cannot be changed here.
export const updateMemberBody = z.object({ display_name: displayName.optional(), mobile, email }).strict();
export const memberRolesBody = z.object({ role_ids: roleIds }).strict();
export const resetPasswordBody = z.object({ new_password: z.string().min(1).max(128) }).strict();

export const listMembersQuery = z
  .object({
    offset: z.coerce.number().int().min(0).max(2147483646).default(0),
    limit: z.coerce.number().int().min(1).max(100).default(10),
    name: z.string().max(64).optional(),
    account_name: z.string().max(64).optional(),
    status: z.enum(['active', 'disabled']).optional(),
    role_id: id.optional(),
  })
  .strict();

const roleRef = z.object({ id: z.string(), name_zh: z.string(), name_en: z.string(), system: z.boolean() });

export const member = z.object({
  id: z.string(),
  account_name: z.string(),
  display_name: z.string(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  is_main: z.boolean(),
  must_change_password: z.boolean(),
  roles: z.array(roleRef),
  created_at: z.string(),
  updated_at: z.string(),
});

export const memberList = z.object({ total_count: z.number().int(), members: z.array(member) });

const itemCode = z.string().min(1).max(64);
export const createRoleBody = z
  .object({
    name: z.string().trim().min(1).max(64),
    description: z.string().max(255).default(''),
    items: z.array(itemCode).min(1).max(500),
  })
  .strict();
export const updateRoleBody = z
  .object({
    name: z.string().trim().min(1).max(64).optional(),
    description: z.string().max(255).optional(),
    items: z.array(itemCode).min(1).max(500).optional(),
  })
  .strict();

export const role = z.object({
  id: z.string(),
  name_zh: z.string(),
  name_en: z.string(),
  description_zh: z.string(),
  description_en: z.string(),
  system: z.boolean(),
  items: z.array(z.string()),
  member_count: z.number().int(),
  updated_at: z.string().nullable(),
});

const catalogItem = z.object({ code: z.string(), name_zh: z.string(), name_en: z.string() });
const catalogLeaf = z.object({
  key: z.string(),
  path: z.string(),
  name_zh: z.string(),
  name_en: z.string(),
  items: z.array(catalogItem),
  children: z.array(z.never()).max(0),
});
const catalogBranch = z.object({
  key: z.string(),
  path: z.string(),
  name_zh: z.string(),
  name_en: z.string(),
  items: z.array(catalogItem),
  children: z.array(catalogLeaf),
});
export const catalog = z.object({ menus: z.array(catalogBranch) });

export const security = z.object({ sensitive_operation_verification: z.boolean(), updated_at: z.string().nullable() });
export const securityBody = z.object({ sensitive_operation_verification: z.boolean() }).strict();

/** The header carrying a one-time code for sensitive operations (see second-factor.ts). */
export const verificationCodeHeader = z.object({ 'x-verification-code': z.string().max(16).optional() });

export const totpStatus = z.object({ bound: z.boolean(), pending: z.boolean() });
export const totpEnrolment = z.object({ secret: z.string(), otpauth_uri: z.string() });
export const totpCodeBody = z.object({ code: z.string().regex(/^\d{6}$/) }).strict();
