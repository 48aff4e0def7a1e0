import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fenText, normalizeAmount, toFen, yuanText } from './money.ts';

test('amounts are checked and normalized as text', () => {
  assert.equal(normalizeAmount('100'), '100.00');
  assert.equal(normalizeAmount(' 40.5 '), '40.50');
  assert.equal(normalizeAmount('007.10'), '7.10');
  for (const bad of ['', '0', '0.00', '-1', '1.234', '1e3', '1,000', 'abc', '12345678901234']) assert.equal(normalizeAmount(bad), null, bad);
});

test('display keeps every fen', () => {
  assert.equal(toFen('1,234.5'), 123450n);
  assert.equal(toFen('-0.05'), -5n);
  assert.equal(fenText(123456789012n), '1,234,567,890.12');
  assert.equal(yuanText(0.1 + 0.2), '0.30');
  assert.equal(yuanText(9999999999999.99), '9,999,999,999,999.99');
  assert.equal(yuanText('80000.00'), '80,000.00');
  assert.equal(yuanText(undefined), '—');
});
