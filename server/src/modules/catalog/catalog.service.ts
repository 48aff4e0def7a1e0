// The vendor maintains the catalog; everyone signed in browses what is on sale.
import type { Kysely } from 'kysely';
import type { BillingMode, DB, PriceUnit, ProductCategory, ProductKind, SaleStatus } from '../../db/schema.ts';
import { actorOf, type Caller } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import { newPrefixedId } from '../../shared/ids.ts';
import type { AuditService } from '../audit/index.ts';
import { assertProductShape, assertSpecShape } from './catalog.rules.ts';
import * as repo from './catalog.repo.ts';
import type { ProductFilter } from './catalog.repo.ts';

export interface NewProduct {
  kind: ProductKind;
  service_type_code: string;
  category: ProductCategory;
  name_zh: string;
  name_en: string;
  description_zh?: string;
  description_en?: string;
  is_yanxuan: boolean;
}

export interface NewSpec {
  code: string;
  name_zh: string;
  name_en: string;
  billing_mode: BillingMode;
  price_unit: PriceUnit;
  list_price: bigint;
  floor_price: bigint | null;
}

export function createCatalogService(deps: { db: Kysely<DB>; clock: Clock; audit: Pick<AuditService, 'append'> }) {
  const { db, clock, audit } = deps;
  const isVendor = (caller: Caller) => caller.org.kind === 'vendor';

  async function withSpecs(rows: Awaited<ReturnType<typeof repo.listProducts>>['rows'], onlyOnSale: boolean) {
    const specs = await repo.specsOf(db, rows.map((r) => r.id));
    return rows.map((p) => ({ ...p, specs: specs.filter((s) => s.product_id === p.id && (!onlyOnSale || s.status === 'on_sale')) }));
  }

  return {
    /** Customers and partners see what is on sale; the vendor sees everything. */
    async list(caller: Caller, filter: ProductFilter) {
      const onlyOnSale = !isVendor(caller);
      const { total, rows } = await repo.listProducts(db, onlyOnSale ? { ...filter, status: 'on_sale' } : filter);
      return { total, products: await withSpecs(rows, onlyOnSale) };
    },

    async get(caller: Caller, id: string) {
      const product = await repo.findProduct(db, id);
      if (!product || (!isVendor(caller) && product.status !== 'on_sale')) throw new AppError('HBN.5001');
      return (await withSpecs([product], !isVendor(caller)))[0];
    },

    async create(caller: Caller, input: NewProduct) {
      assertProductShape(input.kind, input.is_yanxuan);
      const id = newPrefixedId('PRD');
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('product').values({ id, ...input, updated_at: clock.now() }).execute();
        await audit.append(tx, actorOf(caller), { operation: 'catalog.product_create', targetType: 'product', targetId: id, detail: { name: input.name_en } });
      });
      return this.get(caller, id);
    },

    async update(caller: Caller, id: string, changes: Partial<Pick<NewProduct, 'name_zh' | 'name_en' | 'description_zh' | 'description_en'>> & { status?: SaleStatus }) {
      await db.transaction().execute(async (tx) => {
        const result = await tx.updateTable('product').set({ ...changes, updated_at: clock.now() }).where('id', '=', id).executeTakeFirst();
        if (result.numUpdatedRows === 0n) throw new AppError('HBN.5001');
        await audit.append(tx, actorOf(caller), { operation: 'catalog.product_update', targetType: 'product', targetId: id, detail: changes });
      });
      return this.get(caller, id);
    },

    async addSpec(caller: Caller, productId: string, spec: NewSpec) {
      await db.transaction().execute(async (tx) => {
        const product = await repo.findProduct(tx, productId);
        if (!product) throw new AppError('HBN.5001');
        assertSpecShape(product, spec);
        const taken = await tx.selectFrom('product_spec').select('id').where('product_id', '=', productId).where('code', '=', spec.code).executeTakeFirst();
        if (taken) throw new AppError('HBN.5005');
        const id = newPrefixedId('SPC');
        await tx.insertInto('product_spec').values({ id, product_id: productId, ...spec, updated_at: clock.now() }).execute();
        await audit.append(tx, actorOf(caller), {
          operation: 'catalog.spec_create',
          targetType: 'product_spec',
          targetId: id,
          detail: { product_id: productId, code: spec.code, list_price: spec.list_price.toString() },
        });
      });
      return this.get(caller, productId);
    },

    async updateSpec(
      caller: Caller,
      productId: string,
      specId: string,
      changes: { name_zh?: string; name_en?: string; list_price?: bigint; floor_price?: bigint | null; status?: SaleStatus },
    ) {
      await db.transaction().execute(async (tx) => {
        const product = await repo.findProduct(tx, productId);
        const spec = await repo.findSpec(tx, productId, specId);
        if (!product || !spec) throw new AppError('HBN.5001');
        const next = { ...spec, ...changes };
        assertSpecShape(product, next);
        await tx.updateTable('product_spec').set({ ...changes, updated_at: clock.now() }).where('id', '=', specId).execute();
        await audit.append(tx, actorOf(caller), {
          operation: 'catalog.spec_update',
          targetType: 'product_spec',
          targetId: specId,
          detail: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v])),
        });
      });
      return this.get(caller, productId);
    },

    serviceTypes: (name: string | undefined, offset: number, limit: number) => repo.serviceTypes(db, name, offset, limit),
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
