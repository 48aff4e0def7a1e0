import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAmount, parseAmount } from './money.ts';
import { parseJsonKeepingDecimals } from './json.ts';

test('amounts parse from text into fen without floats', () => {
  assert.equal(parseAmount('99.99'), 9999n);
  assert.equal(parseAmount('0.1'), 10n);
  assert.equal(parseAmount('100'), 10000n);
  assert.equal(parseAmount(12.5), 1250n);
  assert.equal(parseAmount('9999999999999.99'), 999999999999999n);
});

test('amounts refuse zero, negatives, three decimals, exponents and junk', () => {
  for (const bad of ['0', '0.00', '-1', '1.001', '1e3', '', ' ', 'abc', '1.', '.5', '12345678901234', 'NaN', '0x10']) {
    assert.throws(() => parseAmount(bad), { code: 'CBC.0100' }, bad);
  }
});

test('formatAmount renders fen as yuan with two places', () => {
  assert.equal(formatAmount(12345n), '123.45');
  assert.equal(formatAmount(5n), '0.05');
  assert.equal(formatAmount(-5n), '-0.05');
  assert.equal(formatAmount(0n), '0.00');
});

test('JSON decimals reach the schema as their exact text; integers stay numbers', () => {
  const parsed = parseJsonKeepingDecimals('{"amount": 0.1, "limit": 10, "s": "1.5 \\" 2.5", "n": -3.25e2, "a": [1.10, 2]}');
  assert.deepEqual(parsed, { amount: '0.1', limit: 10, s: '1.5 " 2.5', n: '-3.25e2', a: ['1.10', 2] });
  assert.throws(() => parseJsonKeepingDecimals('{"amount": 1.2.3}'));
  assert.throws(() => parseJsonKeepingDecimals('{"amount": }'));
});
