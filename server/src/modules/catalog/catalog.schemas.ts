// The catalog API contract. Prices are decimal yuan on the wire (at most 2 places), fen inside.
import { z } from 'zod';
import { wireAmount } from '../../shared/schemas.ts';
import { formatAmount, parseAmount } from '../../shared/money.ts';

export const amountIn = wireAmount.transform((v, ctx) => {
  try {
    return parseAmount(v);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a positive amount with at most 2 decimal places' });
    return z.NEVER;
  }
});
export const amountOut = (fen: bigint) => Number(formatAmount(fen));

const kind = z.enum(['cloud_service', 'marketplace', 'stored_value_card']);
const category = z.enum(['compute', 'storage', 'network', 'database', 'security', 'software', 'card']);
const saleStatus = z.enum(['on_sale', 'off_sale']);
const text = (max: number) => z.string().trim().min(1).max(max);

export const spec = z.object({
  id: z.string(),
  code: z.string(),
  name_zh: z.string(),
  name_en: z.string(),
  billing_mode: z.enum(['yearly_monthly', 'on_demand', 'one_off']),
  price_unit: z.enum(['month', 'year', 'hour', 'one_off']),
  list_price: z.number(),
  floor_price: z.number().nullable(),
  status: saleStatus,
});

export const product = z.object({
  id: z.string(),
  kind,
  service_type_code: z.string(),
  category,
  name_zh: z.string(),
  name_en: z.string(),
  description_zh: z.string(),
  description_en: z.string(),
  is_yanxuan: z.boolean(),
  status: saleStatus,
  specs: z.array(spec),
});

export const listQuery = z.object({
  kind: kind.optional(),
  category: category.optional(),
  status: saleStatus.optional(),
  keyword: z.string().max(64).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

export const createProductBody = z
  .object({
    kind,
    service_type_code: z.string().regex(/^[a-z0-9.\-_]{3,64}$/),
    category,
    name_zh: text(100),
    name_en: text(100),
    description_zh: z.string().max(1000).optional(),
    description_en: z.string().max(1000).optional(),
    is_yanxuan: z.boolean().default(false),
  })
  .strict();

export const updateProductBody = z
  .object({
    name_zh: text(100).optional(),
    name_en: text(100).optional(),
    description_zh: z.string().max(1000).optional(),
    description_en: z.string().max(1000).optional(),
    status: saleStatus.optional(),
  })
  .strict();

export const createSpecBody = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9.\-_]{1,64}$/),
    name_zh: text(100),
    name_en: text(100),
    billing_mode: z.enum(['yearly_monthly', 'on_demand', 'one_off']),
    price_unit: z.enum(['month', 'year', 'hour', 'one_off']),
    list_price: amountIn,
    floor_price: amountIn.nullable().default(null),
  })
  .strict();

export const updateSpecBody = z
  .object({
    name_zh: text(100).optional(),
    name_en: text(100).optional(),
    list_price: amountIn.optional(),
    floor_price: amountIn.nullable().optional(),
    status: saleStatus.optional(),
  })
  .strict();

export const productIdParams = z.object({ product_id: z.string().max(64) });
export const specIdParams = z.object({ product_id: z.string().max(64), spec_id: z.string().max(64) });

export const serviceTypesQuery = z.object({
  service_type_name: z.string().max(64).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});
