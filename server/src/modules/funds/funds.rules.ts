// Pure rules of partner funds: who may act for whom, which customers can be adjusted, Huawei's
// record vocabularies, the one-year query span, payer matching, withdrawable amount.
import type { PartnerType } from '../../db/schema.ts';
import type { CallerOrg } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';

export const MAX_ACTIVE_AGREEMENTS = 5;

export interface OrgFacts {
  id: string;
  kind: 'vendor' | 'partner' | 'customer';
  partner_type: PartnerType | null;
  parent_partner_id: string | null;
}

/** The caller must be a partner for any partner-account operation. */
export function requirePartner(org: Pick<CallerOrg, 'kind'>): void {
  if (org.kind !== 'partner') throw new AppError('CBC.5001');
}

/** Only a reseller's own master distributor may operate it (CBC.99000037 otherwise). */
export function assertOwnReseller(caller: Pick<CallerOrg, 'id' | 'partnerType'>, target: OrgFacts | undefined): asserts target is OrgFacts {
  const ok =
    caller.partnerType === 'master_distributor' &&
    target !== undefined &&
    target.kind === 'partner' &&
    target.partner_type === 'cloud_reseller' &&
    target.parent_partner_id === caller.id;
  if (!ok) throw new AppError('CBC.99000037');
}

/**
 * Whose customers an operation concerns: the caller's own, or (with indirect_partner_id) one of a
 * master distributor's resellers. A reseller may name itself.
 */
export function actingPartnerId(caller: Pick<CallerOrg, 'id' | 'partnerType'>, indirectPartnerId: string | undefined, target: OrgFacts | undefined): string {
  if (!indirectPartnerId || indirectPartnerId === caller.id) return caller.id;
  assertOwnReseller(caller, target);
  return target.id;
}

/** Funds move only for customers currently associated in resale (代售, type 2). */
export function assertAdjustableCustomer(association: { association_type: number } | undefined): void {
  if (!association) throw new AppError('CBC.99000035');
  if (association.association_type !== 2) throw new AppError('CBC.99000000');
}

// Journal kinds and Huawei's vocabularies.
export const JOURNAL_KINDS = {
  reseller_allocate: { operation: 'SOURCE_OPERATION_BEADJUST', trade: 'BEADJUST', detail: 'SOURCE_OPERATION_BEADJUST' },
  reseller_reclaim: { operation: 'SOURCE_OPERATION_BERETRIEVE', trade: 'BERETRIEVE', detail: 'SOURCE_OPERATION_BERETRIEVE' },
  customer_allocate: { operation: 'SOURCE_OPERATION_BEADJUST', trade: 'BEADJUST', detail: 'SOURCE_OPERATION_BEADJUST' },
  customer_reclaim: { operation: 'SOURCE_OPERATION_BERETRIEVE', trade: 'BERETRIEVE', detail: 'SOURCE_OPERATION_BERETRIEVE' },
  customer_unbind: { operation: 'SOURCE_OPERATION_BEUNBIND', trade: 'BEUNBIND', detail: 'SOURCE_OPERATION_BEUNBIND' },
  topup: { operation: null, trade: 'RECHARGE', detail: 'SOURCE_OPERAIION_RECHARGE' },
  credit_line: { operation: null, trade: 'ADJUST', detail: 'SOURCE_OPERAIION_ADJUST_CREDIT' },
  earmark: { operation: null, trade: 'ADJUST', detail: 'SOURCE_OPERAIION_ADJUST' },
  withdrawal_hold: { operation: null, trade: 'RFROZEN', detail: 'SOURCE_OPERAIION_RFROZEN' },
  withdrawal_returned: { operation: null, trade: 'RFROZEN', detail: 'SOURCE_OPERAIION_UNFROZEN' },
  withdrawal_paid: { operation: null, trade: 'RFROZEN', detail: 'SOURCE_OPERAIION_CLEARFROZEN' },
  // Customer orders paid by a partner (伙伴支付) and their refunds (orders module).
  order_payment: { operation: null, trade: 'DEDEUCT', detail: 'SOURCE_OPERAIION_DEDUCT' },
  order_refund: { operation: null, trade: 'REFUND', detail: 'SOURCE_OPERAIION_REFUND' },
} as const;
export type JournalKind = keyof typeof JOURNAL_KINDS;

export const ADJUST_KINDS = ['reseller_allocate', 'reseller_reclaim', 'customer_allocate', 'customer_reclaim', 'customer_unbind'] as const satisfies JournalKind[];
export const OPERATION_TYPES = ['SOURCE_OPERATION_BEADJUST', 'SOURCE_OPERATION_BERETRIEVE', 'SOURCE_OPERATION_BEUNBIND'] as const;
export const TRADE_TYPES = ['RECHARGE', 'DEDEUCT', 'REFUND', 'RFROZEN', 'TRANS', 'ADJUST', 'BEADJUST', 'BERETRIEVE', 'BEUNBIND', 'BONUSCONVERT', 'TRADE_MODE_TRANSFER'] as const;

export function kindsForOperationType(operationType: string | undefined): JournalKind[] {
  return ADJUST_KINDS.filter((k) => !operationType || JOURNAL_KINDS[k].operation === operationType);
}

export function kindsForTradeType(tradeType: string | undefined): JournalKind[] | null {
  if (!tradeType) return null;
  return (Object.keys(JOURNAL_KINDS) as JournalKind[]).filter((k) => JOURNAL_KINDS[k].trade === tradeType);
}

/** Rows that name the other party (customer or reseller) in income/expense details. */
export const NAMES_COUNTERPARTY = new Set(['SOURCE_OPERATION_BEADJUST', 'SOURCE_OPERATION_BERETRIEVE', 'SOURCE_OPERATION_BEUNBIND']);

const DAY_MS = 86_400_000;
const UTC8_MS = 8 * 3_600_000;

/** A UTC+8 calendar date "YYYY-MM-DD" of an instant. */
export function dateInUtc8(at: Date): string {
  return new Date(at.getTime() + UTC8_MS).toISOString().slice(0, 10);
}

function parseDate(text: string, field: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const d = m ? new Date(`${text}T00:00:00+08:00`) : null;
  if (!m || !d || Number.isNaN(d.getTime()) || dateInUtc8(d) !== text) throw new AppError('CBC.0100', `${field} must be a date YYYY-MM-DD`);
  return d;
}

function minusOneYear(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const back = new Date(Date.UTC(y - 1, m - 1, d));
  // 29 February minus a year is 28 February, not 1 March.
  if (back.getUTCMonth() !== m - 1) back.setUTCDate(0);
  return back.toISOString().slice(0, 10);
}

/**
 * The [from, to) instants of an income/expense query in UTC+8 dates: defaults are the same day
 * one year ago and today; the span may not exceed one year.
 */
export function tradeWindow(begin: string | undefined, end: string | undefined, now: Date): { from: Date; to: Date } {
  const endDate = end ?? dateInUtc8(now);
  // The end is checked first: the default begin is computed from it.
  const to = new Date(parseDate(endDate, 'trade_time_end').getTime() + DAY_MS);
  const beginDate = begin ?? minusOneYear(endDate);
  const from = parseDate(beginDate, 'trade_time_begin');
  if (from >= to) throw new AppError('CBC.0100', 'trade_time_begin must not be after trade_time_end');
  if (beginDate < minusOneYear(endDate)) throw new AppError('CBC.0100', 'the query span may not exceed one year');
  return { from, to };
}

/** Parses an optional UTC time filter yyyy-MM-ddTHH:mm:ssZ. */
export function parseApiTime(text: string | undefined, field: string): Date | undefined {
  if (!text) return undefined;
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text);
  const d = new Date(text);
  if (!ok || Number.isNaN(d.getTime())) throw new AppError('CBC.0100', `${field} must be a UTC time yyyy-MM-ddTHH:mm:ssZ`);
  return d;
}

/** Payer names compare without surrounding blanks, full-width brackets folded to ASCII. */
export function normalizeName(name: string): string {
  return name.trim().replaceAll('（', '(').replaceAll('）', ')').replace(/\s+/g, ' ').toLowerCase();
}

/** A remittance is credited automatically only from the partner itself or an active entrusted payer. */
export function payerIsKnown(payer: string, partnerName: string, activeEntrustedNames: readonly string[]): boolean {
  const p = normalizeName(payer);
  return p === normalizeName(partnerName) || activeEntrustedNames.some((n) => normalizeName(n) === p);
}

/** Withdrawable = cash − outstanding invoices (欠票) − unbilled (未入账) − arrears of sub-users, never below 0. */
export function withdrawable(parts: { cash: bigint; outstandingInvoices: bigint; unbilled: bigint; subUserArrears: bigint }): bigint {
  const w = parts.cash - parts.outstandingInvoices - parts.unbilled - parts.subUserArrears;
  return w > 0n ? w : 0n;
}

/** Withdrawal and top-up transitions: from -> allowed targets. */
export const WITHDRAWAL_TRANSITIONS = { PENDING: ['PAID', 'REJECTED'], PAID: [], REJECTED: [] } as const;
export const TOPUP_TRANSITIONS = { PENDING: ['CREDITED', 'REJECTED'], HELD: ['CREDITED', 'REJECTED'], CREDITED: [], REJECTED: [] } as const;

export function canMove<T extends Record<string, readonly string[]>>(table: T, from: keyof T, to: string): boolean {
  return (table[from] as readonly string[]).includes(to);
}
