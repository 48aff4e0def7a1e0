// The console's views of orders: the Customer Orders list with customer names (a master
// distributor's own customers or its resellers' customers), its .xlsx export, the parties the
// vendor may invoice, and the balance a customer pays from.
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Caller } from '../../shared/actor.ts';
import { toApiTime } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import * as repo from './orders.repo.ts';
import { orderExtended, productNames, yuan, type OrdersDeps } from './orders.shared.ts';
import { orderScope, timeWindow } from './placing.service.ts';

export interface ConsoleListInput {
  scope: 'own' | 'resellers';
  indirect_partner_id?: string;
  order_id?: string;
  customer?: string;
  customer_id?: string;
  status?: number;
  order_type?: number;
  association_type?: '1' | '2';
  partner_pay_status?: 'PENDING' | 'PAID' | 'REJECTED' | 'CANCELLED' | 'EXPIRED';
  create_time_begin?: string;
  create_time_end?: string;
  offset: number;
  limit: number;
}

const EXPORT_PAGE = 100;
/** A spreadsheet holds what a person can read; narrower filters give the rest. */
const EXPORT_MAX_ROWS = 50_000;

const STATUS_TEXT: Record<number, string> = { 4: '已取消 / Cancelled', 5: '已完成 / Completed', 6: '待支付 / Pending payment' };
const TYPE_TEXT: Record<number, string> = { 1: '新购 / New', 2: '续费 / Renewal', 3: '变更 / Change', 4: '退订 / Unsubscription' };
const ASSOCIATION_TEXT: Record<string, string> = { '1': '顾问销售 / Consultative sales', '2': '代售 / Resale' };
const PARTNER_PAY_TEXT: Record<string, string> = {
  PENDING: '待伙伴支付 / Awaiting partner',
  PAID: '伙伴已支付 / Paid by partner',
  REJECTED: '伙伴已驳回 / Rejected',
  CANCELLED: '客户已撤回 / Withdrawn',
  EXPIRED: '已过期 / Expired',
};

type ConsoleOrder = Awaited<ReturnType<ReturnType<typeof createViewsService>['consoleOrders']>>['orders'][number];
const COLUMNS: { header: string; key: string; width: number; value: (o: ConsoleOrder) => string | number }[] = [
  { header: 'Order ID / 订单号', key: 'order_id', width: 28, value: (o) => o.order_id },
  { header: 'Customer / 客户名称', key: 'customer_name', width: 28, value: (o) => o.customer_name },
  { header: 'Account name / 客户账号名', key: 'customer_account_name', width: 18, value: (o) => o.customer_account_name },
  { header: 'Customer ID / 客户ID', key: 'customer_id', width: 34, value: (o) => o.customer_id },
  { header: 'Association type / 关联类型', key: 'association_type', width: 22, value: (o) => (o.association_type ? ASSOCIATION_TEXT[o.association_type] ?? o.association_type : '') },
  { header: 'Partner / 伙伴', key: 'partner_name', width: 24, value: (o) => o.partner_name },
  { header: 'Product / 产品', key: 'spec_desc', width: 44, value: (o) => o.spec_desc },
  { header: 'Order type / 订单类型', key: 'order_type', width: 20, value: (o) => TYPE_TEXT[o.order_type] ?? String(o.order_type) },
  { header: 'Status / 订单状态', key: 'status', width: 22, value: (o) => STATUS_TEXT[o.status] ?? String(o.status) },
  { header: 'List price (CNY) / 官网价（元）', key: 'official_amount', width: 16, value: (o) => o.official_amount.toFixed(2) },
  { header: 'Amount (CNY) / 订单金额（元）', key: 'amount_after_discount', width: 16, value: (o) => o.amount_after_discount.toFixed(2) },
  { header: 'Partner payment / 伙伴支付', key: 'partner_pay_status', width: 22, value: (o) => (o.partner_pay_status ? PARTNER_PAY_TEXT[o.partner_pay_status] : '') },
  { header: 'Paid by / 付款方', key: 'payer', width: 14, value: (o) => (o.payer === 'partner' ? '伙伴 / Partner' : o.payer === 'customer' ? '客户 / Customer' : '') },
  { header: 'Created (UTC) / 创建时间', key: 'create_time', width: 22, value: (o) => o.create_time },
  { header: 'Paid (UTC) / 支付时间', key: 'payment_time', width: 22, value: (o) => o.payment_time ?? '' },
];

export function createViewsService(deps: OrdersDeps) {
  const { db, ledger } = deps;

  /** The Customer Orders page (客户订单): the Huawei list's scope and filters, with the parties' names. */
  async function consoleOrders(caller: Caller, input: ConsoleListInput) {
    const created = timeWindow(input.create_time_begin, input.create_time_end, 'create_time');
    const { total, rows } = await repo.listOrders(db, {
      ...(await orderScope(db, caller, input.indirect_partner_id || undefined, input.scope === 'resellers')),
      orderId: input.order_id || undefined,
      filterCustomerId: input.customer_id || undefined,
      customerText: input.customer?.trim() || undefined,
      status: input.status,
      orderType: input.order_type,
      associationType: input.association_type ? Number(input.association_type) : undefined,
      partnerPayStatus: input.partner_pay_status,
      createdFrom: created.from,
      createdTo: created.to,
      offset: input.offset,
      limit: input.limit,
    });
    const names = await repo.orgNames(db, rows.flatMap((o) => [o.customer_org_id, ...(o.partner_org_id ? [o.partner_org_id] : [])]));
    const products = await productNames(db, rows);
    return {
      total_count: total,
      orders: rows.map((o) => ({
        ...orderExtended(o),
        ...products(o),
        customer_name: names.get(o.customer_org_id)?.name ?? '',
        customer_account_name: names.get(o.customer_org_id)?.domain_name ?? '',
        partner_name: o.partner_org_id ? (names.get(o.partner_org_id)?.name ?? '') : '',
      })),
    };
  }

  /**
   * The same list as an .xlsx workbook, a page at a time. The first page is read before
   * answering, so that bad filters fail as a JSON error; then the workbook streams.
   */
  async function exportOrders(caller: Caller, input: Omit<ConsoleListInput, 'offset' | 'limit'>, onError: (error: unknown) => void): Promise<Readable> {
    const first = await consoleOrders(caller, { ...input, offset: 0, limit: EXPORT_PAGE });
    const out = new PassThrough();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = workbook.addWorksheet('Customer orders');
    sheet.columns = COLUMNS.map(({ header, key, width }) => ({ header, key, width }));
    const write = (o: ConsoleOrder) => sheet.addRow(Object.fromEntries(COLUMNS.map((c) => [c.key, c.value(o)]))).commit();
    (async () => {
      let page = first.orders;
      let offset = 0;
      for (;;) {
        for (const o of page) write(o);
        offset += page.length;
        if (page.length < EXPORT_PAGE || offset >= Math.min(first.total_count, EXPORT_MAX_ROWS)) break;
        page = (await consoleOrders(caller, { ...input, offset, limit: EXPORT_PAGE })).orders;
      }
      sheet.commit();
      await workbook.commit();
    })().catch((error) => {
      onError(error);
      out.destroy(error as Error);
    });
    return out;
  }

  /** The vendor's invoice page: every party with something invoiceable, largest amount first. */
  async function invoiceableParties(caller: Caller, input: { offset: number; limit: number }) {
    if (caller.org.kind !== 'vendor') throw new AppError('CBC.0151');
    const { total, rows } = await repo.invoiceableParties(db, input.offset, input.limit);
    return {
      total_count: total,
      parties: rows.map((r) => ({
        org_id: r.id,
        name: r.name,
        account_name: r.domain_name,
        kind: r.kind,
        partner_type: r.partner_type,
        invoiceable_amount: yuan(r.amount),
        order_count: Number(r.orders),
        currency: 'CNY',
      })),
    };
  }

  /** The customer's own balance, which "pay with balance" draws on (a resale customer's is partner-allocated). */
  async function myBalance(caller: Caller) {
    if (caller.org.kind !== 'customer') throw new AppError('CBC.0151');
    const accounts = await ledger.balancesOf(db, [caller.org.id]);
    const balance = accounts.get(caller.org.id)?.get('customer_balance')?.balance ?? 0n;
    return { customer_id: caller.org.id, balance: yuan(balance), currency: 'CNY', as_of: toApiTime(deps.clock.now()) };
  }

  return { consoleOrders, exportOrders, invoiceableParties, myBalance };
}
