import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deliveryErrorText, MAIL_MAX_ATTEMPTS, mailBackoffMs, messageIdOf, senderDomain } from './mail.rules.ts';

test('backoff: 1 minute after the first failure, doubling, capped at 4 hours', () => {
  assert.equal(mailBackoffMs(1), 60_000);
  assert.equal(mailBackoffMs(2), 120_000);
  assert.equal(mailBackoffMs(5), 16 * 60_000);
  assert.equal(mailBackoffMs(9), 4 * 3_600_000);
  assert.equal(mailBackoffMs(40), 4 * 3_600_000);
  let total = 0;
  for (let a = 1; a < MAIL_MAX_ATTEMPTS; a++) total += mailBackoffMs(a);
  assert.ok(total > 6 * 3_600_000 && total < 12 * 3_600_000, `all attempts span ${total / 3_600_000} h`);
});

test('the Message-ID is the row id at the sender domain, stable across attempts', () => {
  assert.equal(senderDomain('Huoban <noreply@Mail.Example.com>'), 'mail.example.com');
  assert.equal(senderDomain('noreply@example.org'), 'example.org');
  assert.equal(senderDomain('nobody'), 'localhost');
  assert.equal(senderDomain('x <a@b c>'), 'localhost');
  assert.equal(messageIdOf('MLabc', 'Huoban <noreply@example.com>'), '<MLabc@example.com>');
  assert.equal(messageIdOf('MLabc', 'Huoban <noreply@example.com>'), messageIdOf('MLabc', 'Huoban <noreply@example.com>'));
});

test('error text: code, SMTP reply, bounded length', () => {
  assert.equal(
    deliveryErrorText(Object.assign(new Error('Can\'t send mail - all recipients were rejected: 451 4.3.0 try later'), { code: 'EENVELOPE', responseCode: 451, response: '451 4.3.0 try later' })),
    'EENVELOPE 451 4.3.0 try later',
  );
  assert.equal(deliveryErrorText(Object.assign(new Error('Invalid login'), { code: 'EAUTH', responseCode: 535, response: 'Authentication\r\n failed' })), 'EAUTH 535 Authentication failed');
  assert.equal(deliveryErrorText(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ESOCKET' })), 'ESOCKET connect ECONNREFUSED 127.0.0.1:1');
  assert.equal(deliveryErrorText('boom'), 'boom');
  assert.equal(deliveryErrorText(new Error('x'.repeat(2000))).length, 500);
});
