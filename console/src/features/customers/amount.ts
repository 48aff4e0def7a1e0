// Amounts are typed and sent as decimal text (yuan, at most two decimals), never as floats.
const AMOUNT_PATTERN = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;

/** A positive yuan amount with at most two decimals, as the funds operations accept it. */
export function isAmountText(text: string): boolean {
  const s = text.trim();
  return AMOUNT_PATTERN.test(s) && /[1-9]/.test(s);
}
