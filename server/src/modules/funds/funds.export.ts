// Income/expense details (收支明细) as an .xlsx workbook, written with exceljs' streaming writer
// a page at a time; the filters and the one-year span are those of the list.
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Caller } from '../../shared/actor.ts';
import type { TransferService } from './funds.transfers.service.ts';

type ChangeQuery = Omit<Parameters<TransferService['accountChangeRecords']>[1], 'offset' | 'limit'>;
type ChangeRow = Awaited<ReturnType<TransferService['accountChangeRecords']>>['records'][number];

const PAGE = 100;
const COLUMNS: { header: string; key: keyof ChangeRow | 'direction'; width: number }[] = [
  { header: 'Time (UTC) / 交易时间', key: 'trade_time', width: 22 },
  { header: 'Transaction ID / 交易流水号', key: 'trade_id', width: 34 },
  { header: 'Detail type / 交易类型', key: 'trade_detail_type', width: 22 },
  { header: 'Income or expense / 收支类型', key: 'direction', width: 14 },
  { header: 'Amount (CNY) / 金额（元）', key: 'change_amount', width: 16 },
  { header: 'Balance after (CNY) / 变动后余额（元）', key: 'balance_after_change', width: 20 },
  { header: 'Counterparty ID / 对方ID', key: 'customer_id', width: 34 },
  { header: 'Counterparty account / 对方账号', key: 'account_name', width: 20 },
  { header: 'Record ID / 明细ID', key: 'account_change_id', width: 12 },
];

/**
 * Reads the first page before answering, so that bad filters (and the one-year span) fail as a
 * JSON error; then streams the workbook. Amounts are written as the decimal text the API gives.
 */
export async function exportAccountChanges(
  funds: Pick<TransferService, 'accountChangeRecords'>,
  caller: Caller,
  query: ChangeQuery,
  onError: (error: unknown) => void,
): Promise<Readable> {
  const first = await funds.accountChangeRecords(caller, { ...query, offset: 0, limit: PAGE });
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Income and expense');
  sheet.columns = COLUMNS;
  const write = (r: ChangeRow) => sheet.addRow({ ...r, direction: r.type === '1' ? 'income / 收入' : 'expense / 支出' }).commit();
  (async () => {
    let page = first.records;
    let offset = 0;
    for (;;) {
      for (const r of page) write(r);
      offset += page.length;
      if (page.length < PAGE || offset >= first.total_count) break;
      page = (await funds.accountChangeRecords(caller, { ...query, offset, limit: PAGE })).records;
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error) => {
    onError(error);
    out.destroy(error as Error);
  });
  return out;
}
