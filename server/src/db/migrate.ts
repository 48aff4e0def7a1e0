// Applies numbered plain-SQL migrations (db/migrations/NNNN_name.sql) in order, each recorded with
// its checksum. A recorded migration whose file changed afterwards stops the start: history is
// append-only. An advisory lock lets several processes start against one PostgreSQL at once.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './client.ts';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const MIGRATION_LOCK_KEY = 4_825_101;

export interface Migration {
  id: number;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(path.join(dir, file), 'utf8');
      return {
        id: Number(file.slice(0, 4)),
        name: file.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/** Applies what is missing; returns the names applied now. */
export async function migrate(database: Database, migrations = readMigrations()): Promise<string[]> {
  return database.withScriptConnection(async (conn) => {
    await conn.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
      id integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    await conn.exec(`BEGIN; SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY});`);
    try {
      // Read inside the lock: another process may have applied some meanwhile.
      const rows = await conn.query<{ id: number; checksum: string }>('SELECT id, checksum FROM schema_migration');
      const recorded = new Map(rows.map((r) => [Number(r.id), r.checksum]));
      const applied: string[] = [];
      for (const m of migrations) {
        const checksum = recorded.get(m.id);
        if (checksum !== undefined) {
          if (checksum !== m.checksum) throw new Error(`migration ${m.name} was changed after it was applied`);
          continue;
        }
        await conn.exec(m.sql);
        await conn.exec(
          `INSERT INTO schema_migration (id, name, checksum) VALUES (${m.id}, '${m.name}', '${m.checksum}')`,
        );
        applied.push(m.name);
      }
      await conn.exec('COMMIT');
      return applied;
    } catch (error) {
      await conn.exec('ROLLBACK');
      throw error;
    }
  });
}
