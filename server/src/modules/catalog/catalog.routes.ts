// Product catalog: browsing for everyone signed in, maintenance for the vendor, and Huawei's
// ListServiceTypes on the same path.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callerOf } from '../../http/context.ts';
import type { CatalogService } from './catalog.service.ts';
import {
  amountOut,
  createProductBody,
  createSpecBody,
  listQuery,
  product,
  productIdParams,
  serviceTypesQuery,
  specIdParams,
  updateProductBody,
  updateSpecBody,
} from './catalog.schemas.ts';

const tags = ['Catalog', 'extension'];
const EDIT = ['BPC_ITEM_OPS_030101'];

type Row = Awaited<ReturnType<CatalogService['get']>>;
const view = (p: Row) => ({
  id: p.id,
  kind: p.kind,
  service_type_code: p.service_type_code,
  category: p.category,
  name_zh: p.name_zh,
  name_en: p.name_en,
  description_zh: p.description_zh,
  description_en: p.description_en,
  is_yanxuan: p.is_yanxuan,
  status: p.status,
  specs: p.specs.map((s) => ({
    id: s.id,
    code: s.code,
    name_zh: s.name_zh,
    name_en: s.name_en,
    billing_mode: s.billing_mode,
    price_unit: s.price_unit,
    list_price: amountOut(s.list_price),
    floor_price: s.floor_price === null ? null : amountOut(s.floor_price),
    status: s.status,
  })),
});

export const catalogRoutes: FastifyPluginAsyncZod<{ catalog: CatalogService }> = async (app, { catalog }) => {
  app.get('/api/catalog/products', {
    config: { access: 'signed_in' },
    schema: { tags, summary: 'List products with their specifications', querystring: listQuery, response: { 200: z.object({ total_count: z.number(), products: z.array(product) }) } },
    handler: async (request) => {
      const { total, products } = await catalog.list(callerOf(request), { ...request.query });
      return { total_count: total, products: products.map(view) };
    },
  });

  app.get('/api/catalog/products/:product_id', {
    config: { access: 'signed_in' },
    schema: { tags, summary: 'One product with its specifications', params: productIdParams, response: { 200: product } },
    handler: async (request) => view(await catalog.get(callerOf(request), request.params.product_id)),
  });

  app.post('/api/catalog/products', {
    config: { access: EDIT },
    schema: { tags, summary: 'Create a product (vendor)', body: createProductBody, response: { 201: product } },
    handler: async (request, reply) => reply.status(201).send(view(await catalog.create(callerOf(request), request.body))),
  });

  app.put('/api/catalog/products/:product_id', {
    config: { access: EDIT },
    schema: { tags, summary: 'Edit a product or take it on or off sale (vendor)', params: productIdParams, body: updateProductBody, response: { 200: product } },
    handler: async (request) => view(await catalog.update(callerOf(request), request.params.product_id, request.body)),
  });

  app.post('/api/catalog/products/:product_id/specs', {
    config: { access: EDIT },
    schema: { tags, summary: 'Add a specification with its list price (vendor)', params: productIdParams, body: createSpecBody, response: { 201: product } },
    handler: async (request, reply) => reply.status(201).send(view(await catalog.addSpec(callerOf(request), request.params.product_id, request.body))),
  });

  app.put('/api/catalog/products/:product_id/specs/:spec_id', {
    config: { access: EDIT },
    schema: { tags, summary: 'Change a specification price or status (vendor)', params: specIdParams, body: updateSpecBody, response: { 200: product } },
    handler: async (request) =>
      view(await catalog.updateSpec(callerOf(request), request.params.product_id, request.params.spec_id, request.body)),
  });

  app.get('/v2/products/service-types', {
    config: { access: 'signed_in' },
    schema: {
      tags: ['Catalog'],
      summary: 'Query cloud service types (Huawei ListServiceTypes)',
      querystring: serviceTypesQuery,
      response: {
        200: z.object({
          total_count: z.number(),
          service_types: z.array(z.object({ service_type_name: z.string(), service_type_code: z.string(), abbreviation: z.string() })),
        }),
      },
    },
    handler: async (request) => {
      const { service_type_name, offset, limit } = request.query;
      const { total, rows } = await catalog.serviceTypes(service_type_name, offset, limit);
      return {
        total_count: total,
        service_types: rows.map((r) => ({
          service_type_name: (request.lang === 'zh' ? r.name_zh : r.name_en) ?? r.service_type_code,
          service_type_code: r.service_type_code,
          abbreviation: r.service_type_code.split('.').at(-1)!.toUpperCase(),
        })),
      };
    },
  });
};
