// The identity API contract: console session, IAM tokens and credentials.
import { z } from 'zod';

export const accountName = z.string().min(1).max(64);
export const password = z.string().min(1).max(128);

// The navigation has two levels: the top bar and each section's side menu.
const menuFields = { key: z.string(), path: z.string(), name_zh: z.string(), name_en: z.string() };
const subMenu = z.object({ ...menuFields, children: z.array(z.object(menuFields)).max(0) });
export const menuView = z.object({ ...menuFields, children: z.array(subMenu) });

export const me = z.object({
  user: z.object({
    id: z.string(),
    name: z.string(),
    display_name: z.string(),
    is_main: z.boolean(),
    must_change_password: z.boolean(),
  }),
  org: z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['vendor', 'partner', 'customer']),
    partner_type: z.enum(['solution_provider', 'master_distributor', 'cloud_reseller']).nullable(),
  }),
  permissions: z.array(z.string()),
  menus: z.array(menuView),
});

export const signInBody = z.object({ name: accountName, password }).strict();

export const changePasswordBody = z.object({ old_password: password, new_password: password }).strict();

export const credentialListItem = z.object({
  access: z.string(),
  description: z.string(),
  status: z.enum(['active', 'inactive']),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
});

export const createCredentialBody = z.object({ description: z.string().max(255).default('') }).strict();

export const newCredential = z.object({
  access: z.string(),
  secret: z.string(),
  description: z.string(),
  status: z.enum(['active', 'inactive']),
  created_at: z.string(),
});

// IAM (Huawei Identity and Access Management) wire format.
export const iamTokenBody = z.object({
  auth: z.object({
    identity: z.object({
      methods: z.array(z.literal('password')).min(1).max(1),
      password: z.object({
        user: z.object({
          name: accountName,
          password,
          domain: z.object({ name: accountName }).optional(),
        }),
      }),
    }),
    scope: z
      .object({
        domain: z.object({ name: accountName.optional(), id: z.string().max(64).optional() }).optional(),
        project: z.object({ name: z.string().max(64).optional(), id: z.string().max(64).optional() }).optional(),
      })
      .optional(),
  }),
});

export const iamTokenResponse = z.object({
  token: z.object({
    methods: z.array(z.string()),
    expires_at: z.string(),
    issued_at: z.string(),
    user: z.object({
      id: z.string(),
      name: z.string(),
      domain: z.object({ id: z.string(), name: z.string() }),
      password_expires_at: z.string(),
    }),
    domain: z.object({ id: z.string(), name: z.string() }),
    catalog: z.array(z.unknown()),
    roles: z.array(z.object({ id: z.string(), name: z.string() })),
  }),
});

export const iamCreateCredentialBody = z.object({
  credential: z.object({ user_id: z.string().min(1).max(64), description: z.string().max(255).optional() }),
});

export const iamCredential = z.object({
  access: z.string(),
  secret: z.string().optional(),
  status: z.string(),
  user_id: z.string(),
  create_time: z.string(),
  description: z.string(),
});
