// The funds API contract: Huawei's wire fields for the published operations, the same style for
// the extensions (top-up, payment agreements, withdrawal, vendor review).
import { z } from 'zod';
import { wireAmount } from '../../shared/schemas.ts';

const id64 = z.string().min(1).max(64);
const optId = z.string().max(64).optional();
/** Amounts arrive as JSON numbers (kept as text by the body parser) or decimal strings. */
export const amount = wireAmount;
const offset = z.coerce.number().int().min(0).max(40_000_000).default(0);
const limit = z.coerce.number().int().min(1).max(100).default(10);
const utcTime = z.string().max(20).optional();

export const clientTokenHeaders = z.looseObject({
  'x-client-token': z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only')
    .optional()
    .describe('Idempotency key: a replay returns the first answer and moves no money'),
});

/** Money moves a console user makes are sensitive operations: the one-time code rides in a header. */
export const sensitiveMoneyHeaders = z.looseObject({
  ...clientTokenHeaders.shape,
  'x-verification-code': z
    .string()
    .max(16)
    .optional()
    .describe('One-time code from the authenticator app; required of console users when the organization turned sensitive-operation verification on (HBN.2021 without it)'),
});

export const resellerAdjustBody = z.object({ indirect_partner_id: id64, amount });
export const customerAdjustBody = z.object({ customer_id: id64, amount, indirect_partner_id: optId });
export const transferIdAnswer = z.object({ transfer_id: z.string() });
export const transIdAnswer = z.object({ trans_id: z.string() });

export const indirectPartnersQuery = z.object({
  account_name: z.string().max(64).optional(),
  associated_on_begin: utcTime,
  associated_on_end: utcTime,
  indirect_partner_id: optId,
  offset,
  limit,
});
export const indirectPartnersAnswer = z.object({
  count: z.number().int(),
  indirect_partners: z.array(
    z.object({
      indirect_partner_id: z.string(),
      mobile_phone: z.string().optional(),
      email: z.string().optional(),
      account_name: z.string(),
      name: z.string(),
      associated_on: z.string(),
      account_manager_id: z.string().optional(),
      account_manager_name: z.string().optional(),
    }),
  ),
});

export const balancesQuery = z.object({ indirect_partner_id: optId });
export const balancesAnswer = z.object({
  account_balances: z.array(
    z.object({
      account_id: z.string(),
      account_type: z.number().int(),
      amount: z.number(),
      currency: z.string(),
      designated_amount: z.number(),
      credit_amount: z.number().optional(),
      measure_id: z.number().int(),
      memo: z.string(),
    }),
  ),
});

export const customerBalancesBody = z.object({
  customer_infos: z.array(z.object({ customer_id: id64 })).min(1).max(100),
  indirect_partner_id: optId,
});
export const customerBalancesAnswer = z.object({
  customer_balances: z.array(
    z.object({ customer_id: z.string(), amount: z.number(), debt_amount: z.number(), currency: z.string(), measure_id: z.number().int() }),
  ),
});

export const adjustRecordsQuery = z.object({
  customer_id: optId,
  operation_type: z.enum(['SOURCE_OPERATION_BEADJUST', 'SOURCE_OPERATION_BERETRIEVE', 'SOURCE_OPERATION_BEUNBIND', '']).optional(),
  operation_time_begin: utcTime,
  operation_time_end: utcTime,
  trans_id: z.string().max(128).optional(),
  offset,
  limit,
  indirect_partner_id: optId,
});
export const adjustRecordsAnswer = z.object({
  total_count: z.number().int(),
  records: z.array(
    z.object({
      customer_id: z.string(),
      customer_name: z.string(),
      operation_type: z.string(),
      amount: z.string(),
      currency: z.string(),
      apply_scene: z.string(),
      operation_time: z.string(),
      measure_id: z.number().int(),
      trans_id: z.string(),
      memo: z.string(),
    }),
  ),
});

export const changeRecordsQuery = z.object({
  balance_type: z.enum(['BALANCE_TYPE_DEBIT', 'BALANCE_TYPE_CREDIT']).optional(),
  trade_type: z
    .enum(['RECHARGE', 'DEDEUCT', 'REFUND', 'RFROZEN', 'TRANS', 'ADJUST', 'BEADJUST', 'BERETRIEVE', 'BEUNBIND', 'BONUSCONVERT', 'TRADE_MODE_TRANSFER', ''])
    .optional(),
  trade_time_begin: z.string().max(10).optional(),
  trade_time_end: z.string().max(10).optional(),
  offset,
  limit,
  indirect_partner_id: optId,
});
export const changeRecordsExportQuery = changeRecordsQuery.omit({ offset: true, limit: true });
export const changeRecordsAnswer = z.object({
  total_count: z.number().int(),
  currency: z.string(),
  records: z.array(
    z.object({
      account_change_id: z.string(),
      trade_detail_type: z.string(),
      trade_time: z.string(),
      trade_id: z.string(),
      change_amount: z.string(),
      balance_after_change: z.string(),
      type: z.enum(['1', '2']),
      customer_id: z.string(),
      account_name: z.string(),
    }),
  ),
});

// Extensions.
export const batchAllocateBody = z.object({
  indirect_partner_id: optId,
  items: z.array(z.object({ customer_id: id64, amount })).min(1).max(100),
});
export const batchAllocateAnswer = z.object({
  successes: z.array(z.object({ customer_id: z.string(), transfer_id: z.string() })),
  error_details: z.array(z.object({ id: z.string(), error_code: z.string(), error_msg: z.string() })),
});

export const remittanceAccountAnswer = z.object({
  activated: z.boolean(),
  account_number: z.string().nullable(),
  bank_name: z.string().nullable(),
  account_name: z.string(),
});

export const topupView = z.object({
  id: z.string(),
  org_id: z.string().nullable(),
  channel: z.enum(['online', 'bank']),
  amount: z.string(),
  status: z.enum(['PENDING', 'HELD', 'CREDITED', 'REJECTED']),
  payer_name: z.string().nullable(),
  account_number: z.string().nullable(),
  bank_reference: z.string().nullable(),
  trans_id: z.string().nullable(),
  reason: z.string().nullable(),
  created_at: z.string(),
  decided_at: z.string().nullable(),
});
export const topupBody = z.object({ amount });
const listQuery = { offset, limit };
export const topupListQuery = z.object({ status: z.enum(['PENDING', 'HELD', 'CREDITED', 'REJECTED']).optional(), ...listQuery });
export const topupListAnswer = z.object({ total_count: z.number().int(), top_ups: z.array(topupView) });
export const remittanceBody = z.object({
  account_number: z.string().min(1).max(32),
  payer_name: z.string().min(1).max(200),
  amount,
  bank_reference: z.string().min(1).max(64),
});
export const reasonBody = z.object({ reason: z.string().min(1).max(500) });
export const creditLineBody = z.object({ credit_amount: amount });
export const creditLineAnswer = z.object({ partner_id: z.string(), credit_amount: z.string(), trans_id: z.string().nullable() });

export const agreementBody = z.object({
  entrusted_party_type: z.enum(['INDIVIDUAL', 'ENTERPRISE']),
  entrusted_party_name: z.string().trim().min(1).max(200),
  entrusted_party_identifier: z.string().trim().min(1).max(64).describe('ID card number (individual) or unified social credit code (enterprise)'),
  relationship: z.enum(['ASSOCIATED_ENTERPRISE', 'CREDITOR_DEBTOR', 'OTHER']),
  reason: z.enum(['PAY_ON_BEHALF', 'PAY_DEBTS', 'OTHER']),
  consent: z.boolean().describe('Agreement to the long-term entrusted payment agreement; must be true'),
});
export const agreementView = z.object({
  id: z.string(),
  agreement_type: z.string(),
  status: z.enum(['ACTIVE', 'INVALID']),
  entrusted_party_type: z.enum(['INDIVIDUAL', 'ENTERPRISE']),
  entrusted_party_name: z.string(),
  entrusted_party_identifier: z.string(),
  relationship: z.string(),
  reason: z.string(),
  effective_time: z.string(),
  expire_time: z.string().nullable(),
});
export const agreementListQuery = z.object({ status: z.enum(['ACTIVE', 'INVALID']).optional(), ...listQuery });
export const agreementListAnswer = z.object({ total_count: z.number().int(), agreements: z.array(agreementView) });

export const withdrawableAnswer = z.object({
  cash_balance: z.string(),
  outstanding_invoice_amount: z.string(),
  unbilled_amount: z.string(),
  sub_user_arrears: z.string(),
  withdrawable_amount: z.string(),
});
export const withdrawalBody = z.object({
  amount,
  bank_account_name: z.string().trim().min(1).max(200),
  bank_account_number: z.string().trim().min(6).max(34),
  bank_name: z.string().trim().min(1).max(200),
});
export const withdrawalView = z.object({
  id: z.string(),
  org_id: z.string(),
  amount: z.string(),
  bank_account_name: z.string(),
  bank_account_number: z.string(),
  bank_name: z.string(),
  status: z.enum(['PENDING', 'PAID', 'REJECTED']),
  reason: z.string().nullable(),
  created_at: z.string(),
  decided_at: z.string().nullable(),
});
export const withdrawalListQuery = z.object({ status: z.enum(['PENDING', 'PAID', 'REJECTED']).optional(), ...listQuery });
export const withdrawalListAnswer = z.object({ total_count: z.number().int(), withdrawals: z.array(withdrawalView) });
export const idParams = z.object({ id: z.string().min(1).max(64) });
