import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../support/test-app.ts';

let t: TestApp;
before(async () => (t = await createTestApp()));
after(() => t.close());

const tokenBody = (name: string, password: string, domain = name) => ({
  auth: { identity: { methods: ['password'], password: { user: { name, password, domain: { name: domain } } } }, scope: { domain: { name: domain } } },
});

test('POST /v3/auth/tokens answers 201 with X-Subject-Token and IAM token body', async () => {
  const r = await t.http.post('/v3/auth/tokens', { body: tokenBody('sp_demo', DEMO_PASSWORD) });
  assert.equal(r.status, 201);
  const token = r.headers.get('x-subject-token');
  assert.ok(token && token.length >= 32);
  assert.equal(r.body.token.user.name, 'sp_demo');
  assert.equal(r.body.token.user.domain.name, 'sp_demo');
  assert.match(r.body.token.user.domain.id, /^[0-9a-f]{32}$/);
  assert.deepEqual(r.body.token.methods, ['password']);
  const lifetime = Date.parse(r.body.token.expires_at) - Date.parse(r.body.token.issued_at);
  assert.equal(lifetime, 24 * 3_600_000);

  const me = await t.http.get('/api/me', { headers: { 'x-auth-token': token } });
  assert.equal(me.status, 200);
  assert.equal(me.body.user.name, 'sp_demo');
});

test('a token needs the right domain and password', async () => {
  const wrongDomain = await t.http.post('/v3/auth/tokens', { body: tokenBody('sp_demo', DEMO_PASSWORD, 'md_demo') });
  assert.equal(wrongDomain.status, 401);
  const wrongPassword = await t.http.post('/v3/auth/tokens', { body: tokenBody('sp_demo', 'wrong') });
  assert.equal(wrongPassword.status, 401);
  assert.equal(wrongPassword.body.error_code, 'HBN.1001');
  const wrongMethod = await t.http.post('/v3/auth/tokens', {
    body: { auth: { identity: { methods: ['token'], password: { user: { name: 'sp_demo', password: DEMO_PASSWORD } } } } },
  });
  assert.equal(wrongMethod.status, 400);
  assert.equal(wrongMethod.body.error_code, 'CBC.0100');
});

test('an invalid token is refused with 401 CBC.0154', async () => {
  const r = await t.http.get('/api/me', { headers: { 'x-auth-token': 'not-a-token' } });
  assert.equal(r.status, 401);
  assert.equal(r.body.error_code, 'CBC.0154');
});

test('tokens expire after 24 hours', async () => {
  const c = await t.token('cust_demo1');
  t.clock.advance(23 * 3_600_000);
  assert.equal((await c.get('/api/me')).status, 200);
  t.clock.advance(2 * 3_600_000);
  const r = await c.get('/api/me');
  assert.equal(r.status, 401);
  assert.equal(r.body.error_code, 'CBC.0154');
});

test('signing out revokes a token: DELETE /v3/auth/tokens', async () => {
  const issued = await t.http.post('/v3/auth/tokens', { body: tokenBody('md_demo', DEMO_PASSWORD) });
  const token = issued.headers.get('x-subject-token')!;
  const headers = { 'x-auth-token': token, 'x-subject-token': token };
  assert.equal((await t.http.get('/v3/auth/tokens', { headers })).status, 200);
  assert.equal((await t.http.delete('/v3/auth/tokens', { headers })).status, 204);
  assert.equal((await t.http.get('/api/me', { headers: { 'x-auth-token': token } })).status, 401);
});

test('access keys through IAM: created for oneself, secret shown once, at most two', async () => {
  const md = await t.token('md_demo');
  const me = (await md.get('/api/me')).body;
  const created = await md.post('/v3.0/OS-CREDENTIAL/credentials', { body: { credential: { user_id: me.user.id, description: 'erp' } } });
  assert.equal(created.status, 201);
  assert.match(created.body.credential.access, /^[A-Z0-9]{20}$/);
  assert.ok(created.body.credential.secret.length >= 40);

  const listed = await md.get('/v3.0/OS-CREDENTIAL/credentials');
  assert.equal(listed.status, 200);
  assert.equal(listed.body.credentials.length, 1);
  assert.equal(listed.body.credentials[0].secret, undefined);

  // Stored encrypted: the secret text is not in the database.
  const row = await t.database.db.selectFrom('access_key').selectAll().where('id', '=', created.body.credential.access).executeTakeFirstOrThrow();
  assert.ok(!row.secret_ciphertext.includes(created.body.credential.secret));

  assert.equal((await md.post('/v3.0/OS-CREDENTIAL/credentials', { body: { credential: { user_id: me.user.id } } })).status, 201);
  const third = await md.post('/v3.0/OS-CREDENTIAL/credentials', { body: { credential: { user_id: me.user.id } } });
  assert.equal(third.status, 400);
  assert.equal(third.body.error_code, 'HBN.1006');

  // Another organization's user id is not found, and another's key cannot be deleted.
  const sp = await t.token('sp_demo');
  const foreign = await sp.post('/v3.0/OS-CREDENTIAL/credentials', { body: { credential: { user_id: me.user.id } } });
  assert.equal(foreign.status, 404);
  const del = await sp.delete(`/v3.0/OS-CREDENTIAL/credentials/${created.body.credential.access}`);
  assert.equal(del.status, 404);

  assert.equal((await md.delete(`/v3.0/OS-CREDENTIAL/credentials/${created.body.credential.access}`)).status, 204);
  assert.equal((await md.get('/v3.0/OS-CREDENTIAL/credentials')).body.credentials.length, 1);
});
