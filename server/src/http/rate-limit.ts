// Fixed one-second windows per (account, source address, operation), counted in the database so
// that the limit holds across every API process. Huawei answers 429 APIG.0308 past the quota.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';

const SWEEP_EVERY = 500;

export function createRateLimiter(deps: { db: Kysely<DB>; clock: Clock; perSecond: number }) {
  let calls = 0;
  return async function hit(bucket: string): Promise<void> {
    if (deps.perSecond === 0) return; // 0 turns the limit off (load tests say so when they do it)
    const second = BigInt(Math.floor(deps.clock.now().getTime() / 1000));
    const result = await sql<{ hits: number }>`
      INSERT INTO rate_limit_window (bucket, window_start, hits) VALUES (${bucket}, ${second}, 1)
      ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_window.hits + 1
      RETURNING hits`.execute(deps.db);
    if (++calls % SWEEP_EVERY === 0) {
      await deps.db.deleteFrom('rate_limit_window').where('window_start', '<', second - 60n).execute();
    }
    if (result.rows[0].hits > deps.perSecond) throw new AppError('APIG.0308');
  };
}
