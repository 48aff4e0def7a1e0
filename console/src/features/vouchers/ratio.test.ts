import assert from 'node:assert/strict';
import test from 'node:test';
import { percentToRatioText, ratioTextToPercent } from './ratio.ts';

test('usage ratios go from percent to ratio text and back without float noise', () => {
  assert.deepEqual([30, 7, 100, 33.33, 0.01, 12.5].map(percentToRatioText), ['0.3', '0.07', '1', '0.3333', '0.0001', '0.125']);
  assert.deepEqual(['0.3', '0.07', '1', '0.3333', '0.0001'].map(ratioTextToPercent), [30, 7, 100, 33.33, 0.01]);
});
