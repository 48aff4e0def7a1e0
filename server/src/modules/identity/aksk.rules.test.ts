import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { encode, parseAuthorization, parseSdkDate, signatureMatches, stringToSign } from './aksk.rules.ts';

test('the Authorization header of Huawei signing parses', () => {
  const parsed = parseAuthorization('SDK-HMAC-SHA256 Access=AK123, SignedHeaders=content-type;host;x-sdk-date, Signature=abcdef0123');
  assert.deepEqual(parsed, { access: 'AK123', signedHeaders: ['content-type', 'host', 'x-sdk-date'], signature: 'abcdef0123' });
  assert.equal(parseAuthorization('Bearer xyz'), null);
  assert.equal(parseAuthorization('SDK-HMAC-SHA256 Access=AK, Signature=ab'), null);
});

test('X-Sdk-Date parses only in its basic format', () => {
  assert.equal(parseSdkDate('20260601T020304Z')?.toISOString(), '2026-06-01T02:03:04.000Z');
  assert.equal(parseSdkDate('2026-06-01T02:03:04Z'), null);
});

test('percent-encoding keeps only unreserved characters', () => {
  assert.equal(encode("a b/c~d-e_f.g!*'()"), 'a%20b%2Fc~d-e_f.g%21%2A%27%28%29');
  assert.equal(encode('客户'), '%E5%AE%A2%E6%88%B7');
});

test('a signature matches only for the same secret and content', () => {
  const req = { method: 'POST', url: '/v2/x?b=2&a=1', headers: { host: 'h', 'x-sdk-date': '20260601T000000Z' }, body: '{"a":1}' };
  const toSign = stringToSign(req, ['host', 'x-sdk-date'], '20260601T000000Z');
  assert.match(toSign, /^SDK-HMAC-SHA256\n20260601T000000Z\n[0-9a-f]{64}$/);
  const sig = createHmac('sha256', 'secret').update(toSign).digest('hex');
  assert.ok(signatureMatches('secret', toSign, sig));
  assert.ok(!signatureMatches('other', toSign, sig));
  const tampered = stringToSign({ ...req, body: '{"a":2}' }, ['host', 'x-sdk-date'], '20260601T000000Z');
  assert.ok(!signatureMatches('secret', tampered, sig));
});
