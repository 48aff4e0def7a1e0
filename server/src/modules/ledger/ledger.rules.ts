// Pure rules of the ledger: which account kinds exist, who owns them, which may go negative, and
// what a balanced journal is.
import type { OrgKind } from '../../db/schema.ts';

export interface AccountKindSpec {
  owner: OrgKind;
  mayGoNegative: boolean;
  zh: string;
  en: string;
}

/**
 * Every kind of account. The vendor's accounts mirror the outside world (the bank, the credit it
 * grants, earmarked funds it hands out), so they may go negative; a partner's or customer's may not.
 */
export const ACCOUNT_KINDS = {
  partner_cash: { owner: 'partner', mayGoNegative: false, zh: '现金账户', en: 'Cash account' },
  partner_designated: { owner: 'partner', mayGoNegative: false, zh: '专款专用余额', en: 'Designated (earmarked) balance' },
  partner_credit: { owner: 'partner', mayGoNegative: false, zh: '信用账户', en: 'Credit account' },
  partner_withdrawal_hold: { owner: 'partner', mayGoNegative: false, zh: '提现冻结', en: 'Held for withdrawal' },
  customer_balance: { owner: 'customer', mayGoNegative: false, zh: '客户余额', en: 'Customer balance' },
  vendor_bank_clearing: { owner: 'vendor', mayGoNegative: true, zh: '银行清算', en: 'Bank clearing' },
  vendor_credit_source: { owner: 'vendor', mayGoNegative: true, zh: '信用额度来源', en: 'Credit line source' },
  vendor_earmark_source: { owner: 'vendor', mayGoNegative: true, zh: '专款来源', en: 'Earmarked funds source' },
  vendor_revenue: { owner: 'vendor', mayGoNegative: true, zh: '收入', en: 'Revenue' },
  // Vouchers: quota a partner holds (sum of its quotas' balances), coupons an account holds (sum of
  // its coupons' balances), the vendor's source of quota and test vouchers, and where an expired
  // voucher's remainder goes.
  partner_coupon_quota: { owner: 'partner', mayGoNegative: false, zh: '代金券额度', en: 'Voucher quota' },
  coupon_balance: { owner: 'customer', mayGoNegative: false, zh: '代金券余额', en: 'Vouchers held' },
  vendor_coupon_source: { owner: 'vendor', mayGoNegative: true, zh: '代金券额度来源', en: 'Voucher quota source' },
  vendor_coupon_expired: { owner: 'vendor', mayGoNegative: true, zh: '代金券过期', en: 'Expired vouchers' },
  // What customers and partners paid for orders, less refunds: never below zero.
  vendor_order_receipts: { owner: 'vendor', mayGoNegative: false, zh: '订单收款', en: 'Order receipts' },
} as const satisfies Record<string, AccountKindSpec>;

export type AccountKind = keyof typeof ACCOUNT_KINDS;

/**
 * Control accounts and their sub-ledgers: rows whose balances must add up, per organization, to
 * the balance of that organization's account of the kind. Accounts are per (organization, kind),
 * while quotas and coupons are many rows per organization, so they tie by sum, not one to one.
 * Checked by the ledger invariant.
 */
export const SUBLEDGERS = [
  // Every quota (voucher and cash-coupon) a partner holds, against its partner_coupon_quota.
  { kind: 'partner_coupon_quota', table: 'coupon_quota', orgColumn: 'org_id', balanceColumn: 'balance' },
  // Every coupon an account holds (partner-issued and test vouchers), against its coupon_balance.
  { kind: 'coupon_balance', table: 'coupon', orgColumn: 'customer_org_id', balanceColumn: 'balance' },
] as const satisfies readonly { kind: AccountKind; table: string; orgColumn: string; balanceColumn: string }[];

export interface AccountRef {
  orgId: string;
  kind: AccountKind;
}

export interface PostingInput {
  account: AccountRef;
  amount: bigint;
}

export const accountKey = (ref: AccountRef) => `${ref.orgId}|${ref.kind}`;

/**
 * Merges postings to the same account and checks the journal: at least two accounts, no zero
 * legs, sum zero. Returns the merged legs and the amount moved (sum of the credits).
 */
export function balanceJournal(postings: readonly PostingInput[]): { legs: PostingInput[]; moved: bigint } {
  const merged = new Map<string, PostingInput>();
  for (const p of postings) {
    const key = accountKey(p.account);
    const prev = merged.get(key);
    merged.set(key, { account: p.account, amount: (prev?.amount ?? 0n) + p.amount });
  }
  const legs = [...merged.values()].filter((l) => l.amount !== 0n);
  const sum = legs.reduce((s, l) => s + l.amount, 0n);
  if (sum !== 0n) throw new Error(`unbalanced journal: postings sum to ${sum}`);
  if (legs.length < 2) throw new Error('a journal moves money between at least two accounts');
  return { legs, moved: legs.reduce((s, l) => (l.amount > 0n ? s + l.amount : s), 0n) };
}

/** The first leg that would take a restricted account below zero, if any. */
export function firstOverdraft(
  legs: readonly { accountId: string; amount: bigint }[],
  accounts: ReadonlyMap<string, { balance: bigint; mayGoNegative: boolean }>,
): { accountId: string; balance: bigint; amount: bigint } | null {
  for (const leg of legs) {
    const account = accounts.get(leg.accountId)!;
    if (!account.mayGoNegative && account.balance + leg.amount < 0n) {
      return { accountId: leg.accountId, balance: account.balance, amount: leg.amount };
    }
  }
  return null;
}
