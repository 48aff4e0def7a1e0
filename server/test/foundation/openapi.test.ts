import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openapiDocument } from '../../../scripts/openapi-document.ts';

test('the committed openapi/openapi.json matches the code (run `npm run openapi` after changing a route)', async () => {
  const committed = readFileSync(new URL('../../../openapi/openapi.json', import.meta.url), 'utf8');
  const generated = await openapiDocument();
  assert.equal(generated, committed);
});

test('every operation states who may call it', async () => {
  const doc = JSON.parse(await openapiDocument());
  for (const [path, methods] of Object.entries<Record<string, { 'x-permissions'?: unknown }>>(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      assert.ok(op['x-permissions'] !== undefined, `${method.toUpperCase()} ${path} declares no access`);
    }
  }
});
