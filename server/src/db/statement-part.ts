// Writes of one module that must commit together with another module's statement, composed into
// that statement as common table expressions (so that the whole runs in one round trip).
import type { Kysely, RawBuilder } from 'kysely';
import type { DB } from './schema.ts';

export interface StatementPart {
  /**
   * CTEs that lock the part's rows, joined to the host's CTE `after` so that they are taken
   * only once it has a row, after the host's own locks (one lock order, no deadlock).
   */
  locks(after: string): RawBuilder<unknown>;
  /** A condition on those CTEs that must hold for the host statement to write anything. */
  ready: RawBuilder<unknown>;
  /** CTEs that write the part; `gate` names a CTE of the host that has a row only when it writes. */
  writes(gate: string): RawBuilder<unknown>;
  /** Makes `ready` hold (e.g. creates a missing row), for a retry after the host found it false. */
  prepare(db: Kysely<DB>): Promise<void>;
}
