// Bad input gets a 4xx with a stable error code and changes nothing; never a 500.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import type { HttpClient, RequestOptions } from '../support/http.ts';

let t: TestApp;
let md: HttpClient;
let mdUserId: string;
before(async () => {
  t = await createTestApp();
  md = await t.token('md_demo');
  mdUserId = (await md.get('/api/me')).body.user.id;
});
after(() => t.close());

const long = (n: number) => 'x'.repeat(n);
const tokenBody = (user: object, methods: unknown = ['password']) => ({ auth: { identity: { methods, password: { user } } } });

type Case = [name: string, method: string, path: string, options: RequestOptions, status?: number, code?: string];
const cases: Case[] = [
  ['malformed JSON', 'POST', '/api/session', { raw: '{"name": "md_demo", ' }],
  ['JSON array instead of object', 'POST', '/api/session', { raw: '["md_demo"]' }],
  ['JSON string instead of object', 'POST', '/api/session', { raw: '"md_demo"' }],
  ['empty JSON body', 'POST', '/api/session', { raw: '' }],
  ['missing password', 'POST', '/api/session', { body: { name: 'md_demo' } }],
  ['name of wrong type', 'POST', '/api/session', { body: { name: 42, password: 'x' } }],
  ['name null', 'POST', '/api/session', { body: { name: null, password: 'x' } }],
  ['over-long name', 'POST', '/api/session', { body: { name: long(65), password: 'x' } }],
  ['over-long password', 'POST', '/api/session', { body: { name: 'md_demo', password: long(129) } }],
  ['empty name', 'POST', '/api/session', { body: { name: '', password: 'x' } }],
  ['unknown extra field', 'POST', '/api/session', { body: { name: 'md_demo', password: 'x', admin: true } }],
  ['boolean where a string is expected', 'POST', '/api/session', { body: { name: true, password: 'x' } }],
  ['unknown auth method enum', 'POST', '/v3/auth/tokens', { body: tokenBody({ name: 'md_demo', password: 'x' }, ['totp']) }],
  ['methods not an array', 'POST', '/v3/auth/tokens', { body: tokenBody({ name: 'md_demo', password: 'x' }, 'password') }],
  ['two methods', 'POST', '/v3/auth/tokens', { body: tokenBody({ name: 'md_demo', password: 'x' }, ['password', 'password']) }],
  ['missing identity', 'POST', '/v3/auth/tokens', { body: { auth: {} } }],
  ['domain of wrong type', 'POST', '/v3/auth/tokens', { body: tokenBody({ name: 'md_demo', password: 'x', domain: 'md_demo' }) }],
  ['huge nested string', 'POST', '/v3/auth/tokens', { body: tokenBody({ name: long(10_000), password: 'x' }) }],
  ['invalid UTF-8 bytes', 'POST', '/api/session', { raw: '{"name": "\udc80\ud800", "password": 1}' }],
  ['credential without user_id', 'POST', '/v3.0/OS-CREDENTIAL/credentials', { body: { credential: {} } }],
  ['over-long description', 'POST', '/v3.0/OS-CREDENTIAL/credentials', { body: { credential: { user_id: 'u', description: long(256) } } }],
  ['over-long query parameter', 'GET', '/v3.0/OS-CREDENTIAL/credentials', { query: { user_id: long(65) } }],
  ['over-long path parameter', 'DELETE', '/v3.0/OS-CREDENTIAL/credentials/' + long(65), {}],
  ['wrong content type', 'POST', '/api/session', { raw: 'name=md_demo', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'HBN.0415'],
  ['body over 1 MiB', 'POST', '/api/session', { raw: JSON.stringify({ name: 'x', password: long(1_100_000) }) }, 413, 'HBN.0413'],
  ['unknown API path', 'GET', '/v2/no-such-operation', {}, 404, 'APIG.0404'],
];

test(`a table of ${cases.length} bad requests: each gets its 4xx and error code, none a 500`, async () => {
  const before = await t.database.db.selectFrom('access_key').select('id').execute();
  for (const [name, method, path, options, status = 400, code = 'CBC.0100'] of cases) {
    const client = path.startsWith('/v3.0') ? md : t.http;
    const r = await client.request(method, path.replace('{self}', mdUserId), options);
    assert.equal(r.status, status, `${name}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body?.error_code, code, name);
    assert.equal(typeof r.body?.error_msg, 'string', name);
    assert.ok(r.headers.get('x-request-id'), name);
  }
  const after = await t.database.db.selectFrom('access_key').select('id').execute();
  assert.equal(after.length, before.length);
});

test('a validation error names the field that is wrong', async () => {
  const r = await t.http.post('/api/session', { body: { name: 'md_demo', password: long(129) } });
  assert.match(r.body.error_msg, /password/);
});
