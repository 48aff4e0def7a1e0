// Both languages have the same keys (the type checks that too) and the same {{placeholders}},
// and no text is empty.
import assert from 'node:assert/strict';
import test from 'node:test';
import zhCN from './zh-CN.ts';
import en from './en.ts';

function flatten(obj: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value as object, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

test('zh-CN and en have identical keys', () => {
  assert.deepEqual([...flatten(en).keys()].sort(), [...flatten(zhCN).keys()].sort());
});

test('every text is non-empty and uses the same placeholders in both languages', () => {
  const english = flatten(en);
  for (const [key, zh] of flatten(zhCN)) {
    assert.ok(zh.trim(), `zh-CN ${key} is empty`);
    assert.ok(english.get(key)?.trim(), `en ${key} is empty`);
    assert.deepEqual(placeholders(english.get(key) ?? ''), placeholders(zh), `placeholders differ for ${key}`);
  }
});
