// AK/SK requests signed by the signer of Huawei's own SDK (@huaweicloud/huaweicloud-sdk-core).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const require = createRequire(import.meta.url);
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner');
const { GlobalCredentials } = require('@huaweicloud/huaweicloud-sdk-core/auth/GlobalCredentials');
const { HttpRequestBuilder } = require('@huaweicloud/huaweicloud-sdk-core/http/IHttpRequestBuilder');

let t: TestApp;
let ak: string;
let sk: string;
before(async () => {
  t = await createTestApp();
  const md = await t.console('md_demo');
  const created = await md.post('/api/access-keys', { body: { description: 'erp integration' } });
  ak = created.body.credential.access;
  sk = created.body.credential.secret;
});
after(() => t.close());

/** Signs like the SDK does and sends the request; `mutate` may change it after signing. */
async function signedRequest(
  method: string,
  path: string,
  options: { body?: object; query?: Record<string, string>; secret?: string; date?: Date; tamper?: (body: string) => string } = {},
) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  // The SDK's own basic format, as it writes X-Sdk-Date itself when none is given.
  if (options.date) headers['X-Sdk-Date'] = options.date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const request = new HttpRequestBuilder()
    .withEndpoint(`${t.url}${path}`)
    .withMethod(method)
    .withHeaders(headers)
    .withQueryParams(options.query ?? {})
    .withData(options.body)
    .build();
  const credentials = new GlobalCredentials().withAk(ak).withSk(options.secret ?? sk);
  const signed: Record<string, string> = AKSKSigner.sign(request, credentials);
  delete signed.host; // fetch sets Host itself, to the same value
  const url = new URL(`${t.url}${path}`);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  let body = options.body ? JSON.stringify(options.body) : undefined;
  if (body && options.tamper) body = options.tamper(body);
  const response = await fetch(url, { method, headers: signed, body });
  return { status: response.status, body: await response.json().catch(() => null) };
}

test('a request signed with the official signer is accepted', async () => {
  t.clock.set(new Date());
  const me = await signedRequest('GET', '/api/me');
  assert.equal(me.status, 200);
  assert.equal(me.body.user.name, 'md_demo');

  const withQuery = await signedRequest('GET', '/v3.0/OS-CREDENTIAL/credentials', { query: { user_id: me.body.user.id } });
  assert.equal(withQuery.status, 200);
  assert.equal(withQuery.body.credentials[0].access, ak);

  const write = await signedRequest('POST', '/api/access-keys', { body: { description: 'signed 中文 "quoted"' } });
  assert.equal(write.status, 201);
});

test('a wrong secret key is refused with 401', async () => {
  t.clock.set(new Date());
  const r = await signedRequest('GET', '/api/me', { secret: 'x'.repeat(40) });
  assert.equal(r.status, 401);
  assert.equal(r.body.error_code, 'APIG.0301');
});

test('a body changed after signing is refused with 401 and changes nothing', async () => {
  t.clock.set(new Date());
  const before = await t.database.db.selectFrom('access_key').select('id').execute();
  const r = await signedRequest('POST', '/api/access-keys', {
    body: { description: 'original' },
    tamper: (b) => b.replace('original', 'tampered'),
  });
  assert.equal(r.status, 401);
  const afterRows = await t.database.db.selectFrom('access_key').select('id').execute();
  assert.equal(afterRows.length, before.length);
});

test('a signature dated more than 15 minutes away is refused with 401', async () => {
  const now = new Date();
  t.clock.set(now);
  const old = await signedRequest('GET', '/api/me', { date: new Date(now.getTime() - 16 * 60_000) });
  assert.equal(old.status, 401);
  const future = await signedRequest('GET', '/api/me', { date: new Date(now.getTime() + 16 * 60_000) });
  assert.equal(future.status, 401);
  const within = await signedRequest('GET', '/api/me', { date: new Date(now.getTime() - 10 * 60_000) });
  assert.equal(within.status, 200);
});

test('an unknown access key is refused with 401', async () => {
  t.clock.set(new Date());
  const saved = ak;
  ak = 'UNKNOWNACCESSKEY0000';
  const r = await signedRequest('GET', '/api/me');
  ak = saved;
  assert.equal(r.status, 401);
});
