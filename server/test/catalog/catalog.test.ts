import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';

let t: TestApp;
let vendor: HttpClient;
before(async () => {
  t = await createTestApp();
  vendor = await t.token('vendor_admin');
});
after(() => t.close());

test('the demo catalog holds cloud services, 严选 marketplace goods and a stored-value card', async () => {
  const all = await vendor.get('/api/catalog/products', { query: { limit: 100 } });
  assert.equal(all.status, 200);
  const kinds = new Set(all.body.products.map((p: { kind: string }) => p.kind));
  assert.deepEqual([...kinds].sort(), ['cloud_service', 'marketplace', 'stored_value_card']);
  const yanxuan = all.body.products.filter((p: { is_yanxuan: boolean }) => p.is_yanxuan);
  assert.ok(yanxuan.length >= 2);
  for (const p of yanxuan) for (const s of p.specs) assert.ok(s.floor_price > 0 && s.floor_price <= s.list_price);
  const ecs = all.body.products.find((p: { service_type_code: string }) => p.service_type_code === 'hws.service.type.ec2');
  assert.deepEqual(ecs.specs.find((s: { code: string }) => s.code === 's6.large.2.monthly').list_price, 150);
});

test('the vendor adds a product and a specification; prices are decimals with 2 places', async () => {
  const created = await vendor.post('/api/catalog/products', {
    body: { kind: 'cloud_service', service_type_code: 'hws.service.type.cce', category: 'compute', name_zh: '云容器引擎 CCE', name_en: 'Cloud Container Engine' },
  });
  assert.equal(created.status, 201);
  const id = created.body.id;
  assert.match(id, /^PRD[0-9A-F]{32}$/);
  const spec = await vendor.post(`/api/catalog/products/${id}/specs`, {
    body: { code: 'cluster.50.monthly', name_zh: '50节点集群 包月', name_en: '50-node cluster, monthly', billing_mode: 'yearly_monthly', price_unit: 'month', list_price: 199.9 },
  });
  assert.equal(spec.status, 201);
  assert.equal(spec.body.specs[0].list_price, 199.9);
  const row = await t.database.db.selectFrom('product_spec').select('list_price').where('product_id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.list_price, 19_990n);

  const dup = await vendor.post(`/api/catalog/products/${id}/specs`, {
    body: { code: 'cluster.50.monthly', name_zh: 'x', name_en: 'x', billing_mode: 'yearly_monthly', price_unit: 'month', list_price: '1' },
  });
  assert.equal(dup.status, 409);
  assert.equal(dup.body.error_code, 'HBN.5005');

  const audit = await t.database.db.selectFrom('audit_log').select('operation').where('target_id', '=', id).execute();
  assert.deepEqual(audit.map((a) => a.operation), ['catalog.product_create']);
});

test('catalog rules refuse what cannot be sold, each with its code, and change nothing', async () => {
  const before = await t.database.db.selectFrom('product_spec').select('id').execute();
  const svc = (await vendor.get('/api/catalog/products', { query: { kind: 'cloud_service', limit: 1 } })).body.products[0];
  const mail = (await vendor.get('/api/catalog/products', { query: { keyword: '企业邮箱' } })).body.products[0];
  const cases: [string, string, object, string][] = [
    ['严选 cloud service', '/api/catalog/products', { kind: 'cloud_service', service_type_code: 'hws.x', category: 'compute', name_zh: 'x', name_en: 'x', is_yanxuan: true }, 'HBN.5004'],
    ['hourly price on a monthly mode', `/api/catalog/products/${svc.id}/specs`, { code: 'a', name_zh: 'a', name_en: 'a', billing_mode: 'yearly_monthly', price_unit: 'hour', list_price: 1 }, 'HBN.5002'],
    ['floor price on a cloud service', `/api/catalog/products/${svc.id}/specs`, { code: 'b', name_zh: 'b', name_en: 'b', billing_mode: 'yearly_monthly', price_unit: 'month', list_price: 10, floor_price: 5 }, 'HBN.5003'],
    ['严选 without a floor', `/api/catalog/products/${mail.id}/specs`, { code: 'c', name_zh: 'c', name_en: 'c', billing_mode: 'yearly_monthly', price_unit: 'year', list_price: 10 }, 'HBN.5003'],
    ['floor above list', `/api/catalog/products/${mail.id}/specs`, { code: 'd', name_zh: 'd', name_en: 'd', billing_mode: 'yearly_monthly', price_unit: 'year', list_price: 10, floor_price: 11 }, 'HBN.5003'],
    ['three decimals', `/api/catalog/products/${svc.id}/specs`, { code: 'e', name_zh: 'e', name_en: 'e', billing_mode: 'yearly_monthly', price_unit: 'month', list_price: 1.005 }, 'CBC.0100'],
    ['unknown product', '/api/catalog/products/PRDNOPE/specs', { code: 'f', name_zh: 'f', name_en: 'f', billing_mode: 'yearly_monthly', price_unit: 'month', list_price: 1 }, 'HBN.5001'],
  ];
  for (const [name, path, body, code] of cases) {
    const r = await vendor.post(path, { body });
    assert.equal(r.body.error_code, code, name);
    assert.ok(r.status >= 400 && r.status < 500, name);
  }
  assert.equal((await t.database.db.selectFrom('product_spec').select('id').execute()).length, before.length);
});

test('partners and customers browse what is on sale, and cannot edit (403 CBC.0151)', async () => {
  const svc = (await vendor.get('/api/catalog/products', { query: { keyword: 'GaussDB' } })).body.products[0];
  assert.equal((await vendor.put(`/api/catalog/products/${svc.id}`, { body: { status: 'off_sale' } })).status, 200);

  for (const name of ['md_demo', 'cust_demo1']) {
    const c = await t.token(name);
    const list = await c.get('/api/catalog/products', { query: { limit: 100 } });
    assert.equal(list.status, 200);
    assert.ok(!list.body.products.some((p: { id: string }) => p.id === svc.id), `${name} sees an off-sale product`);
    assert.equal((await c.get(`/api/catalog/products/${svc.id}`)).status, 404);
    const edit = await c.post('/api/catalog/products', { body: { kind: 'cloud_service', service_type_code: 'hws.x', category: 'compute', name_zh: 'x', name_en: 'x' } });
    assert.equal(edit.status, 403);
    assert.equal(edit.body.error_code, 'CBC.0151');
  }
});

test('Huawei ListServiceTypes answers from the catalog in the asked language', async () => {
  const md = await t.token('md_demo');
  const en = await md.get('/v2/products/service-types', { query: { limit: 100 }, headers: { 'x-language': 'en_US' } });
  assert.equal(en.status, 200);
  const ecs = en.body.service_types.find((s: { service_type_code: string }) => s.service_type_code === 'hws.service.type.ec2');
  assert.deepEqual(ecs, { service_type_name: 'Elastic Cloud Server (ECS)', service_type_code: 'hws.service.type.ec2', abbreviation: 'EC2' });
  const zh = await md.get('/v2/products/service-types', { query: { service_type_name: '云硬盘' }, headers: { 'x-language': 'zh_CN' } });
  assert.equal(zh.body.total_count, 1);
  assert.equal(zh.body.service_types[0].service_type_name, '云硬盘 EVS');
});
