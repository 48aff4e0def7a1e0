import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, stepAt, totpAt } from './totp.ts';

// RFC 6238 appendix B: the SHA-1 secret "12345678901234567890", 8 digits.
const RFC_SECRET = Buffer.from('12345678901234567890');

test('HOTP/TOTP match the RFC 6238 test vectors', () => {
  const vectors: [number, string][] = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
  ];
  for (const [seconds, expected] of vectors) {
    assert.equal(hotp(RFC_SECRET, stepAt(new Date(seconds * 1000)), 8), expected, String(seconds));
  }
});

test('base32 round-trips and TOTP accepts one step of drift, refusing replays', () => {
  const secret = base32Encode(RFC_SECRET);
  assert.equal(secret, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  assert.deepEqual(base32Decode(secret), RFC_SECRET);
  const now = new Date('2026-06-01T00:00:10Z');
  const code = totpAt(secret, now);
  const step = matchTotp(secret, code, now, null);
  assert.equal(step, stepAt(now));
  assert.equal(matchTotp(secret, code, new Date(now.getTime() + 30_000), null), step);
  assert.equal(matchTotp(secret, code, new Date(now.getTime() + 90_000), null), null);
  assert.equal(matchTotp(secret, code, now, step), null, 'replay');
  assert.equal(matchTotp(secret, 'abcdef', now, null), null);
});

test('the otpauth URI carries issuer, account and secret', () => {
  const uri = otpauthUri('Huoban', 'md_finance', 'ABC');
  assert.match(uri, /^otpauth:\/\/totp\/Huoban%3Amd_finance\?secret=ABC&issuer=Huoban/);
});
