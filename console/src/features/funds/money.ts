// Amounts in the console stay decimal text: typed as text, checked as text, sent as text. Server
// balances that Huawei's API gives as JSON numbers are shown with exactly two decimals.

/** What the server accepts: > 0, at most 13 integer digits and 2 decimals, no exponent. */
const AMOUNT = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/** The amount as canonical text ("100" -> "100.00"), or null when it is not a valid amount. */
export function normalizeAmount(input: string): string | null {
  const match = AMOUNT.exec(input.trim());
  if (!match) return null;
  const whole = match[1].replace(/^0+(?=\d)/, '');
  const cents = (match[2] ?? '').padEnd(2, '0');
  if (/^0+$/.test(whole) && cents === '00') return null;
  return `${whole}.${cents}`;
}

/** Fen as a bigint, from amount text such as "-12.30" or "1,234.50" (thousands separators allowed). */
export function toFen(text: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.replaceAll(',', '').trim());
  if (!match) throw new Error(`not an amount: ${text}`);
  const fen = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -fen : fen;
}

/** Fen to display text with thousands separators: 1234550n -> "12,345.50". */
export function fenText(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/**
 * A balance the API sends as a JSON number (at most 2 decimals) or as decimal text, for display.
 * toFixed(2) of such a number is exact up to 2^53 fen.
 */
export function yuanText(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return fenText(toFen(typeof value === 'number' ? value.toFixed(2) : value));
}
