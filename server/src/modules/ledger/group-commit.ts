// Group commit: calls for one lane that arrive while a batch of that lane runs wait, then run
// together as the next batch. A busy account (a distributor allocating to its resellers) then
// pays one commit, and one flush of the write-ahead log, per batch instead of one per call,
// while its rows stay locked through each commit either way.

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Returns submit(lane, item): the item's own result, from run(batch), which answers every item
 * of a batch (in order) and must not throw. A lane runs one batch at a time; lanes are independent.
 */
export function createGroupCommit<I, R>(run: (batch: I[]) => Promise<Settled<R>[]>, maxBatch = 50) {
  const waiting = new Map<string, { item: I; settle: (s: Settled<R>) => void }[]>();

  async function drain(lane: string, batch: { item: I; settle: (s: Settled<R>) => void }[]) {
    for (;;) {
      let results: Settled<R>[];
      try {
        results = await run(batch.map((b) => b.item));
      } catch (error) {
        results = batch.map(() => ({ ok: false, error }));
      }
      batch.forEach((b, i) => b.settle(results[i]));
      const next = waiting.get(lane)!;
      if (next.length === 0) {
        waiting.delete(lane);
        return;
      }
      batch = next.splice(0, maxBatch);
    }
  }

  return function submit(lane: string, item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const entry = { item, settle: (s: Settled<R>) => (s.ok ? resolve(s.value) : reject(s.error)) };
      const queue = waiting.get(lane);
      if (queue) {
        queue.push(entry);
        return;
      }
      waiting.set(lane, []);
      void drain(lane, [entry]);
    });
  };
}

/** Runs fn and captures its outcome. */
export async function settle<R>(fn: () => Promise<R>): Promise<Settled<R>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error };
  }
}
