// Queries of the product catalog.
import type { Kysely } from 'kysely';
import type { DB, ProductCategory, ProductKind, SaleStatus } from '../../db/schema.ts';

export interface ProductFilter {
  kind?: ProductKind;
  category?: ProductCategory;
  status?: SaleStatus;
  keyword?: string;
  serviceTypeCode?: string;
  offset: number;
  limit: number;
}

export async function listProducts(db: Kysely<DB>, f: ProductFilter) {
  let q = db.selectFrom('product');
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.category) q = q.where('category', '=', f.category);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.serviceTypeCode) q = q.where('service_type_code', '=', f.serviceTypeCode);
  if (f.keyword) {
    const like = `%${f.keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('name_zh', 'ilike', like), eb('name_en', 'ilike', like), eb('service_type_code', 'ilike', like)]));
  }
  const [{ total }] = await q.select((eb) => eb.fn.countAll<string>().as('total')).execute();
  const rows = await q.selectAll().orderBy('category').orderBy('created_at').orderBy('id').offset(f.offset).limit(f.limit).execute();
  return { total: Number(total), rows };
}

export function specsOf(db: Kysely<DB>, productIds: string[]) {
  if (productIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('product_spec').selectAll().where('product_id', 'in', productIds).orderBy('product_id').orderBy('list_price').execute();
}

export function findProduct(db: Kysely<DB>, id: string) {
  return db.selectFrom('product').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findSpec(db: Kysely<DB>, productId: string, specId: string) {
  return db.selectFrom('product_spec').selectAll().where('id', '=', specId).where('product_id', '=', productId).executeTakeFirst();
}

export async function serviceTypes(db: Kysely<DB>, name: string | undefined, offset: number, limit: number) {
  let q = db.selectFrom('product').where('kind', '=', 'cloud_service');
  if (name) {
    const like = `%${name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('name_zh', 'ilike', like), eb('name_en', 'ilike', like)]));
  }
  const grouped = q
    .select(['service_type_code', (eb) => eb.fn.min('name_zh').as('name_zh'), (eb) => eb.fn.min('name_en').as('name_en')])
    .groupBy('service_type_code');
  const all = await grouped.orderBy('service_type_code').execute();
  return { total: all.length, rows: all.slice(offset, offset + limit) };
}
