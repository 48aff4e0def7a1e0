import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';
import { createMember } from '../support/organization.ts';
import { totpAt } from '../../src/modules/organization/totp.ts';
import type { Caller } from '../../src/shared/actor.ts';

let t: TestApp;
let md: HttpClient;
let secret: string;
let caller: Caller;
const code = () => {
  t.clock.advance(30_000); // each code is good once: move to the next time step
  return totpAt(secret, t.clock.now());
};

before(async () => {
  t = await createTestApp();
  md = await t.console('md_demo');
  const me = (await md.get('/api/me')).body;
  caller = {
    userId: me.user.id,
    userName: me.user.name,
    displayName: me.user.display_name,
    isMain: true,
    mustChangePassword: false,
    org: { id: me.org.id, name: me.org.name, kind: 'partner', partnerType: 'master_distributor', parentPartnerId: null, status: 'active' },
    via: 'console',
    permissions: new Set(me.permissions),
    clientIp: '127.0.0.1',
  };
});
after(() => t.close());

test('binding an authenticator: otpauth URI, confirmation with a first code', async () => {
  assert.deepEqual((await md.get('/api/me/totp')).body, { bound: false, pending: false });
  const noBinding = await md.put('/api/organization/security', { body: { sensitive_operation_verification: true } });
  assert.equal(noBinding.body.error_code, 'HBN.2020');

  const started = await md.post('/api/me/totp');
  assert.equal(started.status, 201);
  secret = started.body.secret;
  assert.match(started.body.otpauth_uri, new RegExp(`^otpauth://totp/Huoban%3Amd_demo\\?secret=${secret}&issuer=Huoban`));
  assert.equal((await md.post('/api/me/totp/confirm', { body: { code: '000000' } })).body.error_code, 'HBN.2022');
  const confirmed = await md.post('/api/me/totp/confirm', { body: { code: code() } });
  assert.deepEqual(confirmed.body, { bound: true, pending: false });
  assert.equal((await md.post('/api/me/totp')).body.error_code, 'HBN.2023');
});

test('the setting needs a code to turn on and off; requireSecondFactor asks console users once it is on', async () => {
  // Off: sensitive operations pass without a code.
  await t.services.secondFactor.requireSecondFactor(caller, undefined);

  const on = await md.put('/api/organization/security', {
    body: { sensitive_operation_verification: true },
    headers: { 'x-verification-code': code() },
  });
  assert.equal(on.status, 200);
  assert.equal(on.body.sensitive_operation_verification, true);
  assert.equal((await md.get('/api/organization/security')).body.sensitive_operation_verification, true);

  const check = (c: Caller, given: string | undefined) =>
    t.services.secondFactor.requireSecondFactor(c, given).then(
      () => 'passed',
      (e: { code: string }) => e.code,
    );
  assert.equal(await check(caller, undefined), 'HBN.2021');
  assert.equal(await check(caller, '123456'), 'HBN.2022');
  const good = code();
  assert.equal(await check(caller, good), 'passed');
  assert.equal(await check(caller, good), 'HBN.2022', 'a code is good once');
  assert.equal(await check({ ...caller, via: 'aksk' }, undefined), 'passed', 'API credentials are not asked');

  // A member without an authenticator is told to bind one.
  const member = await createMember(t, md, 'md_nototp', ['system.finance']);
  const memberId = (await member.client.get('/api/me')).body.user.id;
  assert.equal(await check({ ...caller, userId: memberId, isMain: false }, '123456'), 'HBN.2020');

  const wrongOff = await md.put('/api/organization/security', { body: { sensitive_operation_verification: false } });
  assert.equal(wrongOff.status, 403);
  assert.equal(wrongOff.body.error_code, 'HBN.2021');
  const failures = await md.get('/api/organization/audit-logs', { query: { operation: 'security.second_factor' } });
  assert.ok(failures.body.records.every((r: { outcome: string }) => r.outcome === 'failure'));
  assert.ok(failures.body.total_count >= 2);

  const off = await md.put('/api/organization/security', {
    body: { sensitive_operation_verification: false },
    headers: { 'x-verification-code': code() },
  });
  assert.equal(off.body.sensitive_operation_verification, false);
  assert.equal((await md.delete('/api/me/totp')).body.error_code, 'HBN.2021');
  assert.equal((await md.delete('/api/me/totp', { headers: { 'x-verification-code': code() } })).status, 204);
});
