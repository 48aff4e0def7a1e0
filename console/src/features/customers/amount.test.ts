import assert from 'node:assert/strict';
import test from 'node:test';
import { isAmountText } from './amount.ts';

test('amount text: positive yuan with at most two decimals', () => {
  for (const ok of ['50', '50.00', '0.01', '0.5', ' 12.30 ', '999999999999.99']) assert.ok(isAmountText(ok), ok);
  for (const bad of ['', '0', '0.00', '-1', '1.234', '01', '1e3', '1,000', '¥5', '.5', '5.', 'abc', '1000000000000']) assert.ok(!isAmountText(bad), bad);
});
