// Reading the audit trail: the organization's records with filters and paging, an .xlsx export
// streamed page by page (no size cap, no 90-day window), and verification of its hash chain.
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { actorOf, type Caller } from '../../shared/actor.ts';
import { toApiTime } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import type { AuditService } from './audit.service.ts';
import * as repo from './audit.repo.ts';

const EXPORT_PAGE = 1000;

export interface AuditQueryInput {
  operator?: string;
  operation?: string;
  occurred_begin?: string;
  occurred_end?: string;
}

function filterOf(q: AuditQueryInput): repo.AuditFilter {
  const from = q.occurred_begin ? new Date(q.occurred_begin) : undefined;
  const to = q.occurred_end ? new Date(q.occurred_end) : undefined;
  if (from && to && from > to) throw new AppError('CBC.0100', 'occurred_begin is after occurred_end');
  return { operator: q.operator || undefined, operation: q.operation || undefined, from, to };
}

function view(r: repo.AuditRow) {
  return {
    seq: String(r.seq),
    occurred_at: toApiTime(new Date(r.occurred_at)),
    user_id: r.user_id,
    user_name: r.user_name,
    via: r.via,
    on_behalf_of: r.on_behalf_of,
    operation: r.operation,
    target_type: r.target_type,
    target_id: r.target_id,
    detail: r.detail,
    client_ip: r.client_ip,
    outcome: r.outcome,
    hash: r.hash,
  };
}

const COLUMNS: { header: string; key: keyof ReturnType<typeof view>; width: number }[] = [
  { header: 'Seq / 序号', key: 'seq', width: 8 },
  { header: 'Time (UTC) / 时间', key: 'occurred_at', width: 22 },
  { header: 'Operator / 操作人', key: 'user_name', width: 18 },
  { header: 'Operator ID', key: 'user_id', width: 34 },
  { header: 'Via / 方式', key: 'via', width: 9 },
  { header: 'Operation / 操作', key: 'operation', width: 30 },
  { header: 'Target type / 对象类型', key: 'target_type', width: 14 },
  { header: 'Target / 对象', key: 'target_id', width: 36 },
  { header: 'Outcome / 结果', key: 'outcome', width: 10 },
  { header: 'Address / 地址', key: 'client_ip', width: 16 },
  { header: 'Detail / 详情', key: 'detail', width: 60 },
  { header: 'Hash', key: 'hash', width: 66 },
];

export function createAuditQueries(deps: { db: Kysely<DB>; audit: Pick<AuditService, 'append' | 'verify'> }) {
  const { db, audit } = deps;

  return {
    async list(caller: Caller, q: AuditQueryInput, offset: number, limit: number) {
      const filter = filterOf(q);
      const [total, rows] = await Promise.all([
        repo.countRecords(db, caller.org.id, filter),
        repo.listRecords(db, caller.org.id, filter, offset, limit),
      ]);
      return { total, records: rows.map(view) };
    },

    /** Audits the export, then streams the workbook; rows are read a page at a time. */
    async export(caller: Caller, q: AuditQueryInput, onError: (error: unknown) => void): Promise<Readable> {
      const filter = filterOf(q);
      await db.transaction().execute((tx) =>
        audit.append(tx, actorOf(caller), { operation: 'audit.export', targetType: 'organization', targetId: caller.org.id, detail: { ...q } }),
      );
      const out = new PassThrough();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
      const sheet = workbook.addWorksheet('Audit log');
      sheet.columns = COLUMNS;
      (async () => {
        let before: bigint | null = null;
        for (;;) {
          const page = await repo.pageBefore(db, caller.org.id, filter, before, EXPORT_PAGE);
          for (const row of page) sheet.addRow(view(row)).commit();
          if (page.length < EXPORT_PAGE) break;
          before = BigInt(page[page.length - 1].seq);
        }
        sheet.commit();
        await workbook.commit();
      })().catch((error) => {
        onError(error);
        out.destroy(error as Error);
      });
      return out;
    },

    async verify(caller: Caller) {
      const result = await audit.verify(db, caller.org.id);
      return { valid: result.breaks.length === 0, records: result.records, breaks: result.breaks.map((b) => ({ seq: b.seq, reason: b.reason })) };
    },
  };
}

export type AuditQueries = ReturnType<typeof createAuditQueries>;
