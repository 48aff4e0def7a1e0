import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGroupCommit, settle } from './group-commit.ts';

const tick = () => new Promise((r) => setTimeout(r, 5));

test('calls that arrive while a batch of their lane runs form the next batch; other lanes do not wait', async () => {
  const batches: string[][] = [];
  const submit = createGroupCommit<string, string>(async (batch) => {
    batches.push(batch);
    await tick();
    return batch.map((item) => ({ ok: true, value: item.toUpperCase() }));
  });
  const results = await Promise.all([submit('a', 'x'), submit('a', 'y'), submit('a', 'z'), submit('b', 'w')]);
  assert.deepEqual(results, ['X', 'Y', 'Z', 'W']);
  assert.deepEqual(batches, [['x'], ['w'], ['y', 'z']]);
  // The lane is free again afterwards.
  assert.equal(await submit('a', 'v'), 'V');
});

test('each call gets its own outcome; a run that throws fails its batch only', async () => {
  let runs = 0;
  const submit = createGroupCommit<number, number>(async (batch) => {
    if (runs++ === 1) throw new Error('batch failed');
    await tick();
    return Promise.all(batch.map((n) => settle(async () => (n < 0 ? Promise.reject(new Error(`negative ${n}`)) : n * 2))));
  });
  const outcomes = await Promise.allSettled([submit('a', 1), submit('a', 2), submit('a', 3), submit('a', -1)]);
  assert.deepEqual(
    outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message)),
    [2, 'batch failed', 'batch failed', 'batch failed'],
  );
  assert.deepEqual(await Promise.allSettled([submit('a', 4), submit('a', -2)]).then((o) => o.map((x) => x.status)), ['fulfilled', 'rejected']);
});

test('a batch holds at most maxBatch calls', async () => {
  const sizes: number[] = [];
  const submit = createGroupCommit<number, number>(async (batch) => {
    sizes.push(batch.length);
    await tick();
    return batch.map((n) => ({ ok: true, value: n }));
  }, 3);
  await Promise.all(Array.from({ length: 8 }, (_, i) => submit('a', i)));
  assert.deepEqual(sizes, [1, 3, 3, 1]);
});
