// Appends audit records in the caller's transaction, one hash chain per organization, and
// verifies chains. Records are never changed: the table refuses UPDATE and DELETE.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { StatementPart } from '../../db/statement-part.ts';
import type { Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { canonicalAroundSeq, chainHash, GENESIS_HASH, type ChainedFields } from './audit.rules.ts';

export interface AuditEntry {
  operation: string;
  targetType?: string;
  targetId?: string;
  detail?: Record<string, unknown>;
  outcome?: 'success' | 'failure';
}

export interface ChainBreak {
  org_id: string;
  seq: string;
  reason: string;
}

export function createAuditService(deps: { clock: Clock }) {
  /** Starts an organization's chain (its head) if it has none. */
  async function startChain(db: Kysely<DB>, orgId: string): Promise<void> {
    await sql`INSERT INTO audit_chain_head (org_id, last_seq, last_hash) VALUES (${orgId}, 0, ${GENESIS_HASH})
      ON CONFLICT (org_id) DO NOTHING`.execute(db);
  }

  /**
   * One record as part of a statement: lock the organization's chain head, link and hash the
   * record in the database (it learns the sequence number there) and move the head. The head,
   * which every writer of the organization waits for, is then held for no extra round trip.
   */
  function appendPart(actor: Actor, entry: AuditEntry): StatementPart {
    const record: Omit<ChainedFields, 'seq'> = {
      org_id: actor.orgId,
      occurred_at: deps.clock.now(),
      user_id: actor.userId,
      user_name: actor.userName,
      via: actor.via,
      on_behalf_of: actor.onBehalfOf ?? null,
      operation: entry.operation,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
      client_ip: actor.clientIp,
      outcome: entry.outcome ?? 'success',
    };
    const canonical = canonicalAroundSeq(record);
    return {
      locks: (host) => sql`audit_head AS MATERIALIZED (
        SELECT last_seq, last_hash FROM audit_chain_head, ${sql.table(host)}
        WHERE org_id = ${record.org_id} FOR UPDATE OF audit_chain_head
      )`,
      ready: sql`EXISTS (SELECT 1 FROM audit_head)`,
      writes: (gate) => sql`
      audit_linked AS (
        SELECT last_seq + 1 AS seq, last_hash AS prev_hash,
          encode(sha256(convert_to(last_hash || ${`\n${canonical.before}`}::text || (last_seq + 1)::text || ${canonical.after}::text, 'UTF8')), 'hex') AS hash
        FROM audit_head, ${sql.table(gate)}
      ),
      audit_moved AS (
        UPDATE audit_chain_head h SET last_seq = audit_linked.seq, last_hash = audit_linked.hash
        FROM audit_linked WHERE h.org_id = ${record.org_id}
      ),
      audit_record AS (
        INSERT INTO audit_log (org_id, seq, occurred_at, user_id, user_name, via, on_behalf_of, operation,
          target_type, target_id, detail, client_ip, outcome, prev_hash, hash)
        SELECT ${record.org_id}::text, audit_linked.seq, ${record.occurred_at}::timestamptz, ${record.user_id}::text,
          ${record.user_name}::text, ${record.via}::text, ${record.on_behalf_of}::text, ${record.operation}::text,
          ${record.target_type}::text, ${record.target_id}::text, ${record.detail}::text, ${record.client_ip}::text,
          ${record.outcome}::text, audit_linked.prev_hash, audit_linked.hash
        FROM audit_linked
      )`,
      prepare: (db) => startChain(db, record.org_id),
    };
  }

  /** Appends one record to the actor's organization chain, inside the given transaction, in one statement. */
  async function append(tx: Kysely<DB>, actor: Actor, entry: AuditEntry): Promise<void> {
    const part = appendPart(actor, entry);
    const run = async () => {
      const r = await sql<{ ready: boolean }>`
        WITH go AS (SELECT),
        ${part.locks('go')},
        gate AS (SELECT WHERE ${part.ready}),
        ${part.writes('gate')}
        SELECT ${part.ready} AS ready`.execute(tx);
      return r.rows[0].ready;
    };
    if (await run()) return;
    await part.prepare(tx); // the organization's first record
    if (!(await run())) throw new Error(`audit chain head of ${actor.orgId} is missing`);
  }

  /** Recomputes every chain (or one organization's); returns where it breaks. */
  async function verify(db: Kysely<DB>, orgId?: string): Promise<{ records: number; breaks: ChainBreak[] }> {
    let query = db.selectFrom('audit_log').selectAll().orderBy('org_id').orderBy('seq');
    if (orgId) query = query.where('org_id', '=', orgId);
    const rows = await query.execute();
    const heads = new Map(
      (await db.selectFrom('audit_chain_head').selectAll().execute()).map((h) => [h.org_id, h]),
    );
    const breaks: ChainBreak[] = [];
    let org = '';
    let prev = GENESIS_HASH;
    let expectedSeq = 1n;
    for (const row of rows) {
      if (row.org_id !== org) {
        org = row.org_id;
        prev = GENESIS_HASH;
        expectedSeq = 1n;
      }
      const seq = BigInt(row.seq);
      const at = { org_id: row.org_id, seq: String(seq) };
      if (seq !== expectedSeq) breaks.push({ ...at, reason: `expected sequence ${expectedSeq}: a record is missing` });
      if (row.prev_hash !== prev) breaks.push({ ...at, reason: 'previous-hash link does not match' });
      if (chainHash(row.prev_hash, { ...row, seq, occurred_at: new Date(row.occurred_at) }) !== row.hash) {
        breaks.push({ ...at, reason: 'record content does not match its hash' });
      }
      prev = row.hash;
      expectedSeq = seq + 1n;
      const head = heads.get(org);
      if (head && BigInt(head.last_seq) === seq && head.last_hash !== row.hash) {
        breaks.push({ ...at, reason: 'chain head does not match the last record' });
      }
    }
    for (const [headOrg, head] of heads) {
      if (orgId && headOrg !== orgId) continue;
      const last = rows.filter((r) => r.org_id === headOrg).at(-1);
      if (!last || BigInt(last.seq) !== BigInt(head.last_seq)) {
        breaks.push({ org_id: headOrg, seq: String(head.last_seq), reason: 'records at the end of the chain are missing' });
      }
    }
    return { records: rows.length, breaks };
  }

  return { append, appendPart, verify };
}

export type AuditService = ReturnType<typeof createAuditService>;
