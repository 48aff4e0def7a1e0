// The partner's own account: dedicated remittance account and top-ups (online, confirmed by the
// vendor; bank remittances matched by account number and payer name, otherwise held for review),
// the vendor-set credit line, third-party payment agreements, and withdrawals (held while open).
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { actorOf, type Actor, type Caller } from '../../shared/actor.ts';
import { toApiTime } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import { newPrefixedId } from '../../shared/ids.ts';
import { formatAmount, parseAmount } from '../../shared/money.ts';
import * as repo from './funds.repo.ts';
import { MAX_ACTIVE_AGREEMENTS, payerIsKnown, requirePartner, withdrawable } from './funds.rules.ts';
import type { FundsDeps } from './funds.transfers.service.ts';

const DEDICATED_BANK = '示例银行 华为云专属汇款 (Huoban demo bank)';
type Tx = Kysely<DB>;
type TopupRow = NonNullable<Awaited<ReturnType<typeof repo.findTopup>>>;
type WithdrawalRow = NonNullable<Awaited<ReturnType<typeof repo.findWithdrawal>>>;
type AgreementRow = NonNullable<Awaited<ReturnType<typeof repo.findAgreement>>>;

const time = (d: Date | string | null) => (d ? toApiTime(new Date(d)) : null);

export function topupView(t: TopupRow) {
  return {
    id: t.id,
    org_id: t.org_id,
    channel: t.channel,
    amount: formatAmount(BigInt(t.amount)),
    status: t.status,
    payer_name: t.payer_name,
    account_number: t.account_number,
    bank_reference: t.bank_reference,
    trans_id: t.journal_id,
    reason: t.reason,
    created_at: time(t.created_at)!,
    decided_at: time(t.decided_at),
  };
}

export function withdrawalView(w: WithdrawalRow) {
  return {
    id: w.id,
    org_id: w.org_id,
    amount: formatAmount(BigInt(w.amount)),
    bank_account_name: w.bank_account_name,
    bank_account_number: w.bank_account_number,
    bank_name: w.bank_name,
    status: w.status,
    reason: w.reason,
    created_at: time(w.created_at)!,
    decided_at: time(w.decided_at),
  };
}

export function agreementView(a: AgreementRow) {
  return {
    id: a.id,
    agreement_type: a.agreement_type,
    status: a.status,
    entrusted_party_type: a.entrusted_party_type,
    entrusted_party_name: a.entrusted_party_name,
    entrusted_party_identifier: a.entrusted_party_identifier,
    relationship: a.relationship,
    reason: a.reason,
    effective_time: time(a.effective_at)!,
    expire_time: time(a.expires_at),
  };
}

export function createAccountService(deps: FundsDeps) {
  const { db, clock, audit, ledger } = deps;

  function requireVendor(caller: Caller) {
    if (caller.org.kind !== 'vendor') throw new AppError('CBC.0151');
  }

  async function transition(tx: Tx, actor: Actor, orgId: string, entity: 'topup' | 'withdrawal', id: string, from: string | null, to: string, reason?: string | null) {
    await repo.appendTransition(tx, {
      org_id: orgId,
      entity_type: entity,
      entity_id: id,
      from_status: from,
      to_status: to,
      actor_user_id: actor.userId,
      reason: reason ?? null,
      occurred_at: clock.now(),
    });
  }

  // Dedicated remittance account.
  async function remittanceAccount(caller: Caller) {
    requirePartner(caller.org);
    const found = await repo.findRemittanceAccount(db, caller.org.id);
    return { activated: found !== undefined, account_number: found?.account_number ?? null, bank_name: found?.bank_name ?? null, account_name: caller.org.name };
  }

  async function activateRemittanceAccount(caller: Caller) {
    requirePartner(caller.org);
    await db.transaction().execute(async (tx) => {
      if (await repo.findRemittanceAccount(tx, caller.org.id)) return;
      // 19 digits, like a bank card number; a clash with another partner's is retried by the unique index.
      const number = `6228${String(randomInt(10 ** 9)).padStart(9, '0')}${String(randomInt(10 ** 6)).padStart(6, '0')}`;
      await repo.insertRemittanceAccountIfMissing(tx, { org_id: caller.org.id, account_number: number, bank_name: DEDICATED_BANK, created_at: clock.now() });
      await audit.append(tx, actorOf(caller), { operation: 'funds.remittance_account.activate', targetType: 'organization', targetId: caller.org.id });
    });
    return remittanceAccount(caller);
  }

  // Top-ups.
  async function requestOnlineTopup(caller: Caller, input: { amount: string | number }, clientToken?: string) {
    requirePartner(caller.org);
    const amount = parseAmount(input.amount);
    const actor = actorOf(caller);
    return ledger.once(db, { orgId: caller.org.id, operation: 'topup_request', key: clientToken, request: { amount } }, async (tx) => {
      const id = newPrefixedId('TU');
      await repo.insertTopup(tx, { id, org_id: caller.org.id, channel: 'online', amount, status: 'PENDING', created_at: clock.now() });
      await transition(tx, actor, caller.org.id, 'topup', id, null, 'PENDING');
      await audit.append(tx, actor, { operation: 'funds.topup.request', targetType: 'topup', targetId: id, detail: { amount: formatAmount(amount) } });
      return { status: 201, body: topupView((await repo.findTopup(tx, id))!) };
    });
  }

  async function listTopups(caller: Caller, input: { status?: string; offset: number; limit: number }) {
    const own = caller.org.kind === 'vendor' ? undefined : caller.org.id;
    const { total, rows } = await repo.listTopups(db, { orgId: own, status: input.status, offset: input.offset, limit: input.limit });
    return { total_count: total, top_ups: rows.map(topupView) };
  }

  /** Credits a top-up to the partner's cash account: the money came in through the vendor's bank. */
  async function credit(tx: Tx, actor: Actor, vendorId: string, t: TopupRow) {
    // Compare-and-set first: of two concurrent confirmations only one gets past it.
    const journalId = newPrefixedId('TR');
    if (!(await repo.moveTopup(tx, t.id, t.status, { status: 'CREDITED', journal_id: journalId, decided_at: clock.now() }))) throw new AppError('HBN.4003');
    await ledger.post(tx, {
      id: journalId,
      kind: 'topup',
      orgId: t.org_id!,
      reference: t.id,
      actor,
      postings: [
        { account: { orgId: vendorId, kind: 'vendor_bank_clearing' }, amount: -BigInt(t.amount) },
        { account: { orgId: t.org_id!, kind: 'partner_cash' }, amount: BigInt(t.amount) },
      ],
    });
    await transition(tx, actor, t.org_id!, 'topup', t.id, t.status, 'CREDITED');
    return journalId;
  }

  /** The vendor confirms an online top-up, or accepts a held remittance after review. */
  async function confirmTopup(caller: Caller, id: string) {
    requireVendor(caller);
    const actor = actorOf(caller);
    return db.transaction().execute(async (tx) => {
      const t = await repo.findTopup(tx, id);
      if (!t) throw new AppError('HBN.0404');
      if ((t.status !== 'PENDING' && t.status !== 'HELD') || !t.org_id) throw new AppError('HBN.4003');
      const journalId = await credit(tx, actor, caller.org.id, t);
      await audit.append(tx, actor, { operation: 'funds.topup.confirm', targetType: 'topup', targetId: id, detail: { journal_id: journalId } });
      return topupView((await repo.findTopup(tx, id))!);
    });
  }

  async function rejectTopup(caller: Caller, id: string, reason: string) {
    requireVendor(caller);
    const actor = actorOf(caller);
    return db.transaction().execute(async (tx) => {
      const t = await repo.findTopup(tx, id);
      if (!t) throw new AppError('HBN.0404');
      if (!(await repo.moveTopup(tx, id, t.status === 'HELD' ? 'HELD' : 'PENDING', { status: 'REJECTED', reason, decided_at: clock.now() }))) throw new AppError('HBN.4003');
      await transition(tx, actor, t.org_id ?? caller.org.id, 'topup', id, t.status, 'REJECTED', reason);
      await audit.append(tx, actor, { operation: 'funds.topup.reject', targetType: 'topup', targetId: id, detail: { reason } });
      return topupView((await repo.findTopup(tx, id))!);
    });
  }

  /**
   * The vendor records an incoming bank transfer. It is matched to the partner by the dedicated
   * account number and credited at once when the payer is the partner itself or an active
   * entrusted payer; otherwise it is held for review. The bank reference makes recording it twice
   * return the first record.
   */
  async function recordRemittance(caller: Caller, input: { account_number: string; payer_name: string; amount: string | number; bank_reference: string }) {
    requireVendor(caller);
    const amount = parseAmount(input.amount);
    const actor = actorOf(caller);
    return db.transaction().execute(async (tx) => {
      const existing = await repo.findTopupByBankReference(tx, input.bank_reference);
      if (existing) {
        if (BigInt(existing.amount) !== amount || existing.account_number !== input.account_number) throw new AppError('HBN.4001');
        return topupView(existing);
      }
      const account = await repo.findRemittanceAccountByNumber(tx, input.account_number);
      const partner = account ? await repo.findOrg(tx, account.org_id) : undefined;
      const known = partner
        ? payerIsKnown(input.payer_name, partner.name, (await repo.activeEntrustedNames(tx, partner.id)).map((a) => a.entrusted_party_name))
        : false;
      const id = newPrefixedId('TU');
      const reason = !partner ? 'unknown remittance account number' : known ? null : 'payer is neither the partner nor an active entrusted payer';
      await repo.insertTopup(tx, {
        id,
        org_id: partner?.id ?? null,
        channel: 'bank',
        amount,
        status: 'HELD',
        payer_name: input.payer_name,
        account_number: input.account_number,
        bank_reference: input.bank_reference,
        reason,
        created_at: clock.now(),
      });
      await transition(tx, actor, partner?.id ?? caller.org.id, 'topup', id, null, 'HELD', reason);
      if (known) await credit(tx, actor, caller.org.id, (await repo.findTopup(tx, id))!);
      await audit.append(tx, actor, {
        operation: 'funds.remittance.record',
        targetType: 'topup',
        targetId: id,
        detail: { amount: formatAmount(amount), matched: known, partner_id: partner?.id ?? null },
      });
      return topupView((await repo.findTopup(tx, id))!);
    });
  }

  /** The vendor sets a partner's total credit line; the difference is posted from its credit source. */
  async function setCreditLine(caller: Caller, partnerId: string, input: { credit_amount: string | number }) {
    requireVendor(caller);
    const target = String(input.credit_amount).trim() === '0' ? 0n : parseAmount(input.credit_amount, 'credit_amount');
    const actor = actorOf(caller);
    return db.transaction().execute(async (tx) => {
      const partner = await repo.findOrg(tx, partnerId);
      if (!partner || partner.kind !== 'partner') throw new AppError('HBN.0404');
      const delta = target - (await repo.creditLineOf(tx, partnerId));
      let journalId: string | null = null;
      if (delta !== 0n) {
        const journal = await ledger.post(tx, {
          kind: 'credit_line',
          orgId: partnerId,
          actor,
          idPrefix: 'CL',
          postings: [
            { account: { orgId: caller.org.id, kind: 'vendor_credit_source' }, amount: -delta },
            { account: { orgId: partnerId, kind: 'partner_credit' }, amount: delta },
          ],
        });
        journalId = journal.id;
      }
      await audit.append(tx, actor, { operation: 'funds.credit_line.set', targetType: 'organization', targetId: partnerId, detail: { credit_amount: formatAmount(target), journal_id: journalId } });
      return { partner_id: partnerId, credit_amount: formatAmount(target), trans_id: journalId };
    });
  }

  // Payment agreements.
  async function createAgreement(
    caller: Caller,
    input: {
      entrusted_party_type: 'INDIVIDUAL' | 'ENTERPRISE';
      entrusted_party_name: string;
      entrusted_party_identifier: string;
      relationship: 'ASSOCIATED_ENTERPRISE' | 'CREDITOR_DEBTOR' | 'OTHER';
      reason: 'PAY_ON_BEHALF' | 'PAY_DEBTS' | 'OTHER';
      consent: boolean;
    },
  ) {
    requirePartner(caller.org);
    if (input.consent !== true) throw new AppError('CBC.0100', 'consent to the long-term entrusted payment agreement is required');
    const actor = actorOf(caller);
    return db.transaction().execute(async (tx) => {
      await repo.lockAgreementsOf(tx, caller.org.id);
      if ((await repo.countActiveAgreements(tx, caller.org.id)) >= MAX_ACTIVE_AGREEMENTS) throw new AppError('HBN.4002');
      const id = newPrefixedId('PA');
      await repo.insertAgreement(tx, {
        id,
        org_id: caller.org.id,
        agreement_type: 'LONG_TERM_ENTRUSTED_PAYMENT',
        entrusted_party_type: input.entrusted_party_type,
        entrusted_party_name: input.entrusted_party_name.trim(),
        entrusted_party_identifier: input.entrusted_party_identifier.trim(),
        relationship: input.relationship,
        reason: input.reason,
        status: 'ACTIVE',
        effective_at: clock.now(),
        created_by: caller.userId,
      });
      await audit.append(tx, actor, { operation: 'funds.agreement.create', targetType: 'payment_agreement', targetId: id, detail: { entrusted_party_name: input.entrusted_party_name } });
      return agreementView((await repo.findAgreement(tx, caller.org.id, id))!);
    });
  }

  async function listAgreements(caller: Caller, input: { status?: string; offset: number; limit: number }) {
    requirePartner(caller.org);
    const { total, rows } = await repo.listAgreements(db, { orgId: caller.org.id, ...input });
    return { total_count: total, agreements: rows.map(agreementView) };
  }

  async function agreementDetail(caller: Caller, id: string) {
    const row = await repo.findAgreement(db, caller.org.id, id);
    if (!row) throw new AppError('HBN.0404');
    return agreementView(row);
  }

  async function invalidateAgreement(caller: Caller, id: string) {
    const actor = actorOf(caller);
    return db.transaction().execute(async (tx) => {
      await repo.lockAgreementsOf(tx, caller.org.id);
      if (!(await repo.findAgreement(tx, caller.org.id, id))) throw new AppError('HBN.0404');
      if (!(await repo.invalidateAgreement(tx, caller.org.id, id, clock.now()))) throw new AppError('HBN.4003');
      await audit.append(tx, actor, { operation: 'funds.agreement.invalidate', targetType: 'payment_agreement', targetId: id });
      return agreementView((await repo.findAgreement(tx, caller.org.id, id))!);
    });
  }

  // Withdrawals.
  async function withdrawableOf(executor: Tx, orgId: string) {
    const cash = (await ledger.balancesOf(executor, [orgId])).get(orgId)!.get('partner_cash')?.balance ?? 0n;
    // Invoicing, billing and customer consumption are not built yet: nothing can be outstanding.
    const parts = { cash, outstandingInvoices: 0n, unbilled: 0n, subUserArrears: 0n };
    return { parts, amount: withdrawable(parts) };
  }

  async function withdrawableAmount(caller: Caller) {
    requirePartner(caller.org);
    const { parts, amount } = await withdrawableOf(db, caller.org.id);
    return {
      cash_balance: formatAmount(parts.cash),
      outstanding_invoice_amount: formatAmount(parts.outstandingInvoices),
      unbilled_amount: formatAmount(parts.unbilled),
      sub_user_arrears: formatAmount(parts.subUserArrears),
      withdrawable_amount: formatAmount(amount),
    };
  }

  async function requestWithdrawal(
    caller: Caller,
    input: { amount: string | number; bank_account_name: string; bank_account_number: string; bank_name: string },
    clientToken?: string,
  ) {
    requirePartner(caller.org);
    const amount = parseAmount(input.amount);
    const actor = actorOf(caller);
    const request = { amount, account: input.bank_account_number, name: input.bank_account_name, bank: input.bank_name };
    return ledger.once(db, { orgId: caller.org.id, operation: 'withdrawal_request', key: clientToken, request }, async (tx) => {
      if (amount > (await withdrawableOf(tx, caller.org.id)).amount) throw new AppError('HBN.4004');
      const id = newPrefixedId('WD');
      // Held, not spendable, while the request is open; post() re-checks the cash under its lock.
      const journal = await ledger.post(tx, {
        kind: 'withdrawal_hold',
        orgId: caller.org.id,
        reference: id,
        actor,
        idPrefix: 'WH',
        postings: [
          { account: { orgId: caller.org.id, kind: 'partner_cash' }, amount: -amount },
          { account: { orgId: caller.org.id, kind: 'partner_withdrawal_hold' }, amount },
        ],
      });
      await repo.insertWithdrawal(tx, {
        id,
        org_id: caller.org.id,
        amount,
        bank_account_name: input.bank_account_name.trim(),
        bank_account_number: input.bank_account_number.trim(),
        bank_name: input.bank_name.trim(),
        status: 'PENDING',
        hold_journal_id: journal.id,
        created_by: caller.userId,
        created_at: clock.now(),
      });
      await transition(tx, actor, caller.org.id, 'withdrawal', id, null, 'PENDING');
      await audit.append(tx, actor, { operation: 'funds.withdrawal.request', targetType: 'withdrawal', targetId: id, detail: { amount: formatAmount(amount) } });
      return { status: 201, body: withdrawalView((await repo.findWithdrawal(tx, id))!) };
    });
  }

  async function listWithdrawals(caller: Caller, input: { status?: string; offset: number; limit: number }) {
    const own = caller.org.kind === 'vendor' ? undefined : caller.org.id;
    const { total, rows } = await repo.listWithdrawals(db, { orgId: own, ...input });
    return { total_count: total, withdrawals: rows.map(withdrawalView) };
  }

  /** The vendor pays a withdrawal out (to the bank) or rejects it (back to the partner's cash). */
  async function decideWithdrawal(caller: Caller, id: string, decision: 'approve' | 'reject', reason?: string) {
    requireVendor(caller);
    const actor = actorOf(caller);
    return db.transaction().execute(async (tx) => {
      const w = await repo.findWithdrawal(tx, id);
      if (!w) throw new AppError('HBN.0404');
      if (w.status !== 'PENDING') throw new AppError('HBN.4003');
      const amount = BigInt(w.amount);
      const hold = { orgId: w.org_id, kind: 'partner_withdrawal_hold' as const };
      const to = decision === 'approve' ? 'PAID' : 'REJECTED';
      const journalId = newPrefixedId('WS');
      if (!(await repo.moveWithdrawal(tx, id, 'PENDING', { status: to, settle_journal_id: journalId, reason: reason ?? null, decided_at: clock.now() }))) {
        throw new AppError('HBN.4003');
      }
      await ledger.post(tx, {
        id: journalId,
        kind: decision === 'approve' ? 'withdrawal_paid' : 'withdrawal_returned',
        orgId: w.org_id,
        reference: id,
        actor,
        postings: [
          { account: hold, amount: -amount },
          decision === 'approve'
            ? { account: { orgId: caller.org.id, kind: 'vendor_bank_clearing' }, amount }
            : { account: { orgId: w.org_id, kind: 'partner_cash' }, amount },
        ],
      });
      await transition(tx, actor, w.org_id, 'withdrawal', id, 'PENDING', to, reason);
      await audit.append(tx, actor, { operation: `funds.withdrawal.${decision}`, targetType: 'withdrawal', targetId: id, detail: { journal_id: journalId, reason: reason ?? null } });
      return withdrawalView((await repo.findWithdrawal(tx, id))!);
    });
  }

  return {
    remittanceAccount,
    activateRemittanceAccount,
    requestOnlineTopup,
    listTopups,
    confirmTopup,
    rejectTopup,
    recordRemittance,
    setCreditLine,
    createAgreement,
    listAgreements,
    agreementDetail,
    invalidateAgreement,
    withdrawableAmount,
    requestWithdrawal,
    listWithdrawals,
    decideWithdrawal,
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
