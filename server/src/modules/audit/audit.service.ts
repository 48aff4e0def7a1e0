// Appends audit records in the caller's transaction, one hash chain per organization, and
// verifies chains. Records are never changed: the table refuses UPDATE and DELETE.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { chainHash, GENESIS_HASH, type ChainedFields } from './audit.rules.ts';

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
  /** Appends one record to the actor's organization chain, inside the given transaction. */
  async function append(tx: Kysely<DB>, actor: Actor, entry: AuditEntry): Promise<void> {
    // The no-op upsert locks the chain head and returns it in one round trip.
    const head = await sql<{ last_seq: bigint; last_hash: string }>`
      INSERT INTO audit_chain_head (org_id, last_seq, last_hash) VALUES (${actor.orgId}, 0, ${GENESIS_HASH})
      ON CONFLICT (org_id) DO UPDATE SET last_seq = audit_chain_head.last_seq
      RETURNING last_seq, last_hash`.execute(tx);
    const { last_seq, last_hash } = head.rows[0];
    const record: ChainedFields = {
      org_id: actor.orgId,
      seq: BigInt(last_seq) + 1n,
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
    const hash = chainHash(last_hash, record);
    await sql`
      WITH moved AS (
        UPDATE audit_chain_head SET last_seq = ${record.seq}, last_hash = ${hash} WHERE org_id = ${actor.orgId}
      )
      INSERT INTO audit_log (org_id, seq, occurred_at, user_id, user_name, via, on_behalf_of, operation,
        target_type, target_id, detail, client_ip, outcome, prev_hash, hash)
      VALUES (${record.org_id}, ${record.seq}, ${record.occurred_at}, ${record.user_id}, ${record.user_name},
        ${record.via}, ${record.on_behalf_of}, ${record.operation}, ${record.target_type}, ${record.target_id},
        ${record.detail}, ${record.client_ip}, ${record.outcome}, ${last_hash}, ${hash})`.execute(tx);
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

  return { append, verify };
}

export type AuditService = ReturnType<typeof createAuditService>;
