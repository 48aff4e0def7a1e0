import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chainHash, GENESIS_HASH } from './audit.rules.ts';

const record = {
  org_id: 'o1',
  seq: 1n,
  occurred_at: new Date('2026-06-01T00:00:00Z'),
  user_id: 'u1',
  user_name: 'md_demo',
  via: 'console',
  on_behalf_of: null,
  operation: 'identity.sign_in',
  target_type: 'user',
  target_id: 'u1',
  detail: '{}',
  client_ip: '127.0.0.1',
  outcome: 'success',
};

test('the chain hash depends on the previous hash and on every field', () => {
  const h = chainHash(GENESIS_HASH, record);
  assert.match(h, /^[0-9a-f]{64}$/);
  assert.equal(chainHash(GENESIS_HASH, { ...record }), h);
  assert.notEqual(chainHash('1'.repeat(64), record), h);
  for (const [field, value] of Object.entries({ operation: 'x', outcome: 'failure', detail: '{"a":1}', seq: 2n, user_name: null })) {
    assert.notEqual(chainHash(GENESIS_HASH, { ...record, [field]: value }), h, field);
  }
});

test('the canonical form is the JSON array of the fields in their fixed order, the sequence number as text', () => {
  const withText = { ...record, user_name: '伙伴 "md" \\ \n', detail: '{"amount":"0.01"}' };
  const canonical = JSON.stringify([
    withText.org_id, '1', withText.occurred_at.toISOString(), withText.user_id, withText.user_name, withText.via, withText.on_behalf_of,
    withText.operation, withText.target_type, withText.target_id, withText.detail, withText.client_ip, withText.outcome,
  ]);
  assert.equal(chainHash(GENESIS_HASH, withText), createHash('sha256').update(`${GENESIS_HASH}\n${canonical}`).digest('hex'));
});
