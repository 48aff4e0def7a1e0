// Schema fuzzing: from the committed OpenAPI document, malformed and boundary requests for every
// operation, seeded and reproducible. A request passes when it gets no 5xx, every error carries an
// error_code, and a refused request changed no data (row counts and ledger totals compared).
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { TestApp } from '../support/test-app.ts';
import type { HttpClient } from '../support/http.ts';

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  maxLength?: number;
  minLength?: number;
  maximum?: number;
  minimum?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
};
interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: string; required?: boolean; schema?: Schema }[];
  body?: Schema;
}

/** Tables whose changes a refused request may legitimately cause (counters, failed sign-in audit). */
const VOLATILE = new Set(['rate_limit_window', 'login_throttle', 'audit_log', 'audit_chain_head', 'auth_session', 'schema_migration']);

/** mulberry32: small, fast, seedable. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
  };
}
type Rng = ReturnType<typeof rng>;

export function readOperations(file = new URL('../../../openapi/openapi.json', import.meta.url)): Operation[] {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(methods)) {
      ops.push({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return ops;
}

/** A plausible value for a schema: the base that mutations start from. */
function sample(schema: Schema | undefined, r: Rng, ids: string[], name = ''): unknown {
  if (!schema) return 'x';
  const variant = schema.anyOf ?? schema.oneOf;
  if (variant) return sample(r.pick(variant), r, ids, name);
  if (schema.enum) return r.pick(schema.enum);
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(k) || r.next() < 0.5) out[k] = sample(v, r, ids, k);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: 1 + r.int(2) }, () => sample(schema.items, r, ids, name));
    case 'integer':
      return schema.minimum ?? 1;
    case 'number':
      return 1;
    case 'boolean':
      return true;
    default:
      if (/amount|value|price/.test(name)) return r.pick(['1.00', '10', '0.01']);
      if (/_id$|^id$/.test(name)) return r.pick(ids);
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
  }
}

const WRONG_TYPES: unknown[] = [42, -1, 1.5, true, null, 'text', [], [1, 2], {}, { a: 1 }];
const BAD_AMOUNTS = ['-1', '0', '0.001', '1.234', '1e5', '99999999999999999', 'NaN', '', ' 1', '1,00', -5, 0];
const HUGE = 'Ω'.repeat(50_000);

function paths(value: unknown, prefix: string[] = []): string[][] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
  }
  return [];
}

function setAt(root: unknown, path: string[], value: unknown, remove = false): unknown {
  const copy = structuredClone(root) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  if (remove) delete node[path.at(-1)!];
  else node[path.at(-1)!] = value;
  return copy;
}

interface FuzzRequest {
  kind: string;
  method: string;
  url: string;
  body?: string | Buffer;
  contentType?: string;
  anonymous?: boolean;
}

/** One mutated request for an operation. */
function mutate(op: Operation, r: Rng, ids: string[]): FuzzRequest {
  const params = Object.fromEntries(op.parameters.map((p) => [p.name, sample(p.schema, r, ids, p.name)]));
  let kind = r.pick([
    'wrong-type', 'missing-field', 'extra-field', 'huge-string', 'bad-amount', 'unknown-enum', 'invalid-utf8',
    'oversized', 'wrong-content-type', 'foreign-id', 'garbage', 'valid-shape', 'bad-param', 'anonymous',
  ]);
  let body: unknown = op.body ? sample(op.body, r, ids) : undefined;
  const fields = body !== undefined ? paths(body) : [];
  if (fields.length === 0 && ['wrong-type', 'missing-field', 'huge-string', 'bad-amount', 'unknown-enum', 'foreign-id'].includes(kind)) {
    kind = 'bad-param';
  }
  let raw: string | Buffer | undefined;
  let contentType = 'application/json';
  switch (kind) {
    case 'wrong-type':
      body = setAt(body, r.pick(fields), r.pick(WRONG_TYPES));
      break;
    case 'missing-field':
      body = setAt(body, r.pick(fields), undefined, true);
      break;
    case 'extra-field':
      body = body && typeof body === 'object' && !Array.isArray(body) ? { ...body, [`unexpected_${r.int(100)}`]: 'x' } : { unexpected: 1 };
      break;
    case 'huge-string':
      body = setAt(body, r.pick(fields), HUGE);
      break;
    case 'bad-amount': {
      const amountish = fields.filter((f) => /amount|value|price|limit|offset/.test(f.at(-1)!));
      body = setAt(body, r.pick(amountish.length ? amountish : fields), r.pick(BAD_AMOUNTS));
      break;
    }
    case 'unknown-enum':
      body = setAt(body, r.pick(fields), `NOT_AN_ENUM_${r.int(1000)}`);
      break;
    case 'foreign-id':
      body = setAt(body, r.pick(fields), r.pick(ids));
      break;
    case 'invalid-utf8':
      raw = Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('", "x": 1}')]);
      break;
    case 'oversized':
      raw = JSON.stringify({ pad: 'x'.repeat(1_200_000) });
      break;
    case 'wrong-content-type':
      contentType = r.pick(['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']);
      raw = 'a=1&b=2';
      break;
    case 'garbage':
      raw = r.pick(['{', '}', '[', 'null', '"x"', '1', '{"a":', '\u0000\u0001', '{"a":1}}', 'true']);
      break;
    case 'bad-param': {
      const p = op.parameters.length ? r.pick(op.parameters) : undefined;
      if (p) params[p.name] = r.pick(['-1', 'abc', HUGE.slice(0, 5000), '', '1.5', '%00', '../../etc/passwd', ...ids]);
      break;
    }
  }
  let url = op.path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(String(params[name] ?? 'x')));
  const query = op.parameters.filter((p) => p.in === 'query');
  const search = new URLSearchParams();
  for (const p of query) if (params[p.name] !== undefined && r.next() < 0.8) search.set(p.name, String(params[p.name]));
  if ([...search].length) url += `?${search}`;
  // fetch cannot send a body with GET or HEAD; DELETE may carry one.
  const sendsBody = !['GET', 'HEAD'].includes(op.method) && (op.method !== 'DELETE' || raw !== undefined);
  return {
    kind,
    method: op.method,
    url,
    body: sendsBody ? (raw ?? (body === undefined ? undefined : JSON.stringify(body))) : undefined,
    contentType,
    anonymous: kind === 'anonymous',
  };
}

/** Row counts of every non-volatile table, and the ledger totals when a ledger exists, in one query. */
async function fingerprinter(t: TestApp): Promise<() => Promise<string>> {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`.execute(t.database.db);
  const counted = tables.map((x) => x.name).filter((n) => !VOLATILE.has(n));
  const columns = counted.map((name) => sql`(SELECT count(*) FROM ${sql.table(name)})::text`);
  if (counted.includes('ledger_account')) columns.push(sql`(SELECT coalesce(sum(abs(balance)), 0) FROM ledger_account)::text`);
  const query = sql<{ f: string }>`SELECT concat_ws(',', ${sql.join(columns)}) AS f`;
  return async () => (await query.execute(t.database.db)).rows[0].f;
}

export interface FuzzReport {
  requests: number;
  byStatus: Record<string, number>;
  violations: string[];
}

export async function fuzz(t: TestApp, options: { seed: number; requests: number; clients: HttpClient[]; ids: string[] }): Promise<FuzzReport> {
  const r = rng(options.seed);
  const ops = readOperations();
  const report: FuzzReport = { requests: 0, byStatus: {}, violations: [] };
  const fingerprint = await fingerprinter(t);
  let before = await fingerprint();
  for (let i = 0; i < options.requests; i++) {
    const op = ops[i % ops.length];
    const req = mutate(op, r, options.ids);
    const client = req.anonymous ? t.http : r.pick(options.clients);
    const headers: Record<string, string> = {};
    if (req.body !== undefined) headers['content-type'] = req.contentType!;
    const res = await client.request(req.method, req.url, {
      raw: typeof req.body === 'string' ? req.body : undefined,
      rawBytes: Buffer.isBuffer(req.body) ? req.body : undefined,
      headers,
    });
    report.requests++;
    const cls = `${Math.floor(res.status / 100)}xx`;
    report.byStatus[cls] = (report.byStatus[cls] ?? 0) + 1;
    const where = `#${i} ${req.kind} ${req.method} ${req.url.slice(0, 120)} -> ${res.status}`;
    const sent = typeof req.body === 'string' ? req.body.slice(0, 300) : req.body ? '<bytes>' : '';
    if (res.status >= 500) report.violations.push(`${where}: server error ${JSON.stringify(res.body).slice(0, 200)} for body ${sent}`);
    if (res.status >= 400) {
      if (typeof res.body?.error_code !== 'string') report.violations.push(`${where}: error without error_code`);
      const after = await fingerprint();
      if (after !== before) report.violations.push(`${where}: a refused request changed data (${before} -> ${after})`);
      before = after;
    } else {
      before = await fingerprint();
    }
  }
  return report;
}
