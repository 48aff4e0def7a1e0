// The hash chain of the audit trail: pure functions, shared by writing and verification.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  org_id: string;
  seq: bigint;
  occurred_at: Date;
  user_id: string | null;
  user_name: string | null;
  via: string;
  on_behalf_of: string | null;
  operation: string;
  target_type: string | null;
  target_id: string | null;
  detail: string;
  client_ip: string | null;
  outcome: string;
}

/**
 * The canonical JSON of a record (its fields in a fixed order) split around the sequence number:
 * canonical = before + seq + after. The writer appends in one statement and learns the sequence
 * number only in the database, which joins the parts and hashes them there.
 */
export function canonicalAroundSeq(r: Omit<ChainedFields, 'seq'>): { before: string; after: string } {
  const rest = JSON.stringify([
    r.occurred_at.toISOString(),
    r.user_id,
    r.user_name,
    r.via,
    r.on_behalf_of,
    r.operation,
    r.target_type,
    r.target_id,
    r.detail,
    r.client_ip,
    r.outcome,
  ]);
  return { before: `[${JSON.stringify(r.org_id)},"`, after: `",${rest.slice(1)}` };
}

/** hash = sha256(prev_hash "\n" canonical JSON of the record's fields in a fixed order). */
export function chainHash(prevHash: string, r: ChainedFields): string {
  const { before, after } = canonicalAroundSeq(r);
  return createHash('sha256').update(`${prevHash}\n${before}${r.seq.toString()}${after}`).digest('hex');
}
