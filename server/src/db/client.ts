// The one place that chooses the database engine: PGlite (embedded) or PostgreSQL (node-postgres).
// Both return int8 as bigint and numeric as string, so money code sees the same types everywhere.
import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { parse, PGlite, protocol, type Results } from '@electric-sql/pglite';
import type { DB } from './schema.ts';

const { serialize } = protocol;

export type Engine = 'pglite' | 'postgres';

/** One connection that runs multi-statement scripts (for migrations) and plain queries. */
export interface ScriptConnection {
  exec(sql: string): Promise<void>;
  query<T>(sql: string): Promise<T[]>;
}

export interface Database {
  engine: Engine;
  db: Kysely<DB>;
  /** Runs fn with exclusive use of one connection that accepts multi-statement scripts. */
  withScriptConnection<T>(fn: (conn: ScriptConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite data directory; undefined means in-memory. */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 10) : openPglite(options.dataDir);
}

function openPostgres(url: string, poolSize: number): Database {
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === INT8_OID) return (v: string) => BigInt(v);
      if (oid === NUMERIC_OID) return (v: string) => v;
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: types as pg.CustomTypesConfig });
  // An idle client losing its server (restart, kill) must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  return {
    engine: 'postgres',
    db,
    async withScriptConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn({
          async exec(sql) {
            await client.query(sql);
          },
          async query<T>(sql: string) {
            return (await client.query(sql)).rows as T[];
          },
        });
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

/** At most this many statement texts get a name (and so a plan kept by each connection). */
const PREPARED_STATEMENTS = 1000;

/**
 * Names for statement texts, so that each connection parses and plans a statement once instead
 * of on every call: planning the ledger's and the guard's statements costs the database more
 * than running them. Texts that differ only in the length of a list are different statements,
 * so names are bounded; past the bound a statement runs unnamed, as before.
 */
function statementNames() {
  const names = new Map<string, string>();
  return (text: string) => {
    let name = names.get(text);
    if (name === undefined && names.size < PREPARED_STATEMENTS) names.set(text, (name = `k${names.size}`));
    return name;
  };
}

/** Hands Kysely the pool with every statement sent as a named prepared statement (see statementNames). */
function preparingPool(pool: pg.Pool): PostgresPool {
  const nameOf = statementNames();
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let connection = wrapped.get(client);
      if (!connection) {
        connection = {
          query: (text: string, values: readonly unknown[]) => client.query({ name: nameOf(text), text, values: [...values] }),
          release: () => client.release(),
        } as unknown as PostgresPoolClient;
        wrapped.set(client, connection);
      }
      return connection;
    },
    end: () => pool.end(),
  };
}

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

/**
 * PGlite is a single connection. This adapter hands it out as a pool of one: a transaction
 * holds it until it ends, and every other query waits its turn. Statements go through the wire
 * protocol as named prepared statements (see statementNames): PGlite's query() parses and plans
 * every time and makes six calls into WebAssembly, a prepared one makes one.
 */
class PglitePool {
  private tail: Promise<void> = Promise.resolve();
  private readonly nameOf = statementNames();
  /** Parameter types of the statements prepared so far, by name. */
  private readonly prepared = new Map<string, number[]>();
  constructor(readonly lite: PGlite) {}

  async acquire(): Promise<() => void> {
    let release!: () => void;
    const previous = this.tail;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    return release;
  }

  private async run(text: string, parameters: readonly unknown[]) {
    const lite = this.lite;
    const name = this.nameOf(text);
    if (name === undefined) return lite.query<Record<string, unknown>>(text, parameters as unknown[]);
    let types = this.prepared.get(name);
    if (!types) {
      const described = await lite.execProtocol(concat([serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()]));
      types = parse.parseDescribeStatementResults(described.messages);
      this.prepared.set(name, types);
    }
    // As PGlite's query() does: each value through the serializer of its parameter's type.
    const values = parameters.map((v, i) => (v == null ? null : (lite.serializers[types[i]]?.(v) ?? String(v))));
    const { messages } = await lite.execProtocol(
      concat([serialize.bind({ statement: name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]),
    );
    return parse.parseResults(messages, lite.parsers)[0] as Results<Record<string, unknown>>;
  }

  async connect() {
    const release = await this.acquire();
    return {
      query: async (sql: string, parameters: readonly unknown[]) => {
        const result = await this.run(sql, parameters);
        // Kysely reads rowCount only when `command` names a write; PGlite does not report the command.
        return { command: 'UPDATE', rowCount: result.affectedRows ?? 0, rows: result.rows };
      },
      release,
    };
  }

  async end() {
    await this.lite.close();
  }
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create({
    dataDir,
    parsers: { [INT8_OID]: (v: string) => BigInt(v), [NUMERIC_OID]: (v: string) => v },
    serializers: { [INT8_OID]: (v: unknown) => String(v) },
  });
  const pool = new PglitePool(lite);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }) });
  return {
    engine: 'pglite',
    db,
    async withScriptConnection(fn) {
      const release = await pool.acquire();
      try {
        return await fn({
          async exec(sql) {
            await lite.exec(sql);
          },
          async query<T>(sql: string) {
            return (await lite.query<T>(sql)).rows;
          },
        });
      } finally {
        release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}
