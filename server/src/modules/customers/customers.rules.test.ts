import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AUTHORIZATION_ACTIONS,
  AUTHORIZATION_STATUSES,
  AUTHORIZATION_TRANSITIONS,
  EVENT_ACTIONS,
  EVENT_STATUSES,
  EVENT_TRANSITIONS,
  eligibilityBlockers,
  frequencyBlockers,
  nextAuthorizationStatus,
  nextEventStatus,
  passwordAllowed,
  verifyWebhookSignature,
  webhookBackoffMs,
  webhookSignature,
  windowStart,
} from './customers.rules.ts';

const SIDES = ['partner', 'customer', 'system'] as const;

test('association events: every allowed transition works, every other is refused', () => {
  let allowed = 0;
  for (const from of EVENT_STATUSES) for (const action of EVENT_ACTIONS) for (const by of SIDES) {
    const rule = EVENT_TRANSITIONS[from]?.[action];
    const to = nextEventStatus(from, action, by);
    if (rule && rule.by === by) {
      assert.equal(to, rule.to);
      allowed++;
    } else assert.equal(to, null, `${from} ${action} by ${by}`);
  }
  assert.equal(allowed, 6);
  assert.equal(nextEventStatus('PENDING_CUSTOMER', 'agree', 'customer'), 'AGREED');
  assert.equal(nextEventStatus('PENDING_PARTNER', 'auto_approve', 'system'), 'APPROVED');
  assert.equal(nextEventStatus('PENDING_PARTNER', 'agree', 'customer'), null);
  assert.equal(nextEventStatus('APPROVED', 'reject', 'partner'), null);
});

test('authorizations: every allowed transition works, every other is refused', () => {
  let allowed = 0;
  for (const from of AUTHORIZATION_STATUSES) for (const action of AUTHORIZATION_ACTIONS) for (const by of SIDES) {
    const rule = AUTHORIZATION_TRANSITIONS[from]?.[action];
    const to = nextAuthorizationStatus(from, action, by);
    if (rule && rule.by === by) {
      assert.equal(to, rule.to);
      allowed++;
    } else assert.equal(to, null, `${from} ${action} by ${by}`);
  }
  assert.equal(allowed, 5);
});

test('eligibility lists every rule that applies; resale-only rules only for resale', () => {
  const base = { isCustomerAccount: true, alreadyAssociated: false, offline: false, accountCreatedAt: new Date('2026-01-01'), now: new Date('2026-01-02') };
  assert.deepEqual(eligibilityBlockers({ ...base, flags: new Set(['consumer_cloud', 'stored_value_card']), associationType: 2 }), ['HBN.2111', 'HBN.2124']);
  assert.deepEqual(eligibilityBlockers({ ...base, flags: new Set(['stored_value_card']), associationType: 1 }), []);
  assert.deepEqual(eligibilityBlockers({ ...base, flags: new Set(), associationType: 1, offline: true, now: new Date('2026-01-09') }), ['HBN.2117']);
  assert.deepEqual(eligibilityBlockers({ ...base, flags: new Set(), associationType: 1, isCustomerAccount: false }), ['HBN.2116']);
});

test('frequency rules and windows', () => {
  const common = { partnerLimit: 1, customerLimit: 1 };
  assert.deepEqual(frequencyBlockers({ ...common, initiator: 'partner', ownRequestsInWindow: 0, customerRequestsInWindow: 0 }), []);
  assert.deepEqual(frequencyBlockers({ ...common, initiator: 'partner', ownRequestsInWindow: 1, customerRequestsInWindow: 1 }), ['HBN.2146', 'HBN.2147']);
  assert.deepEqual(frequencyBlockers({ ...common, initiator: 'customer', ownRequestsInWindow: 1, customerRequestsInWindow: 1 }), ['HBN.2148']);
  assert.equal(windowStart(new Date('2026-05-31T10:00:00Z'), 3).toISOString(), '2026-02-28T10:00:00.000Z');
});

test('passwords, webhook signatures and backoff', () => {
  assert.equal(passwordAllowed('Abcdefg1', 'someone'), true);
  assert.equal(passwordAllowed('abcdefgh', 'someone'), false);
  assert.equal(passwordAllowed('xSomeone1', 'someone'), false);
  const sig = webhookSignature('s3cret', 1_700_000_000, '{"a":1}');
  assert.match(sig, /^t=1700000000,v1=[0-9a-f]{64}$/);
  assert.equal(verifyWebhookSignature(sig, 's3cret', '{"a":1}', 1_700_000_100), true);
  assert.equal(verifyWebhookSignature(sig, 's3cret', '{"a":2}', 1_700_000_100), false);
  assert.equal(verifyWebhookSignature('garbage', 's3cret', '{"a":1}', 1_700_000_100), false);
  assert.deepEqual([1, 2, 3].map(webhookBackoffMs), [30_000, 60_000, 120_000]);
  assert.equal(webhookBackoffMs(30), 6 * 3_600_000);
});
