// Huawei-compatible fund adjustments: master distributor ⇄ cloud reseller and partner ⇄ resale
// customer (with indirect_partner_id for a distributor acting on a reseller's customers), and the
// read side: reseller list, balances, customer balances, adjustment records, income/expense details.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { actorOf, type Caller } from '../../shared/actor.ts';
import { toApiTime, type Clock } from '../../shared/clock.ts';
import { AppError, type Lang } from '../../shared/errors.ts';
import { newPrefixedId } from '../../shared/ids.ts';
import { formatAmount, parseAmount } from '../../shared/money.ts';
import type { AuditService } from '../audit/index.ts';
import type { AccountKind, Answer, LedgerService } from '../ledger/index.ts';
import * as repo from './funds.repo.ts';
import {
  actingPartnerId,
  assertAdjustableCustomer,
  assertOwnReseller,
  JOURNAL_KINDS,
  kindsForOperationType,
  kindsForTradeType,
  NAMES_COUNTERPARTY,
  parseApiTime,
  requirePartner,
  tradeWindow,
  type JournalKind,
} from './funds.rules.ts';

export interface FundsDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'append' | 'appendPart'>;
  ledger: Pick<LedgerService, 'post' | 'postOnce' | 'once' | 'onceAnswering' | 'ensureAccounts' | 'balancesOf' | 'lockedBalances'>;
}

const yuan = (fen: bigint) => Number(formatAmount(fen));

export function createTransferService(deps: FundsDeps) {
  const { db, clock, audit, ledger } = deps;

  async function resellerOf(caller: Caller, resellerId: string) {
    requirePartner(caller.org);
    const target = await repo.findOrg(db, resellerId);
    assertOwnReseller(caller.org, target);
    return target;
  }

  async function actingPartner(caller: Caller, indirectPartnerId: string | undefined) {
    requirePartner(caller.org);
    const target = indirectPartnerId && indirectPartnerId !== caller.org.id ? await repo.findOrg(db, indirectPartnerId) : undefined;
    return actingPartnerId(caller.org, indirectPartnerId, target);
  }

  /** Master distributor → reseller (or back). Answers {transfer_id} or {trans_id} as Huawei does. */
  async function moveWithReseller(
    caller: Caller,
    direction: 'allocate' | 'reclaim',
    input: { indirect_partner_id: string; amount: string | number },
    clientToken?: string,
  ): Promise<Answer<{ transfer_id: string } | { trans_id: string }>> {
    const amount = parseAmount(input.amount);
    const reseller = await resellerOf(caller, input.indirect_partner_id);
    const kind: JournalKind = direction === 'allocate' ? 'reseller_allocate' : 'reseller_reclaim';
    const md = { orgId: caller.org.id, kind: 'partner_cash' as const };
    const rs = { orgId: reseller.id, kind: 'partner_cash' as const };
    const actor = actorOf(caller);
    const journalId = newPrefixedId(direction === 'allocate' ? 'AD' : 'RE');
    const answer = { status: 200, body: direction === 'allocate' ? { transfer_id: journalId } : { trans_id: journalId } };
    const idem = { orgId: caller.org.id, operation: kind, key: clientToken, request: { reseller: reseller.id, amount } };
    // A plain transfer: journal and audit record in one statement (see ledger.postOnce).
    const auditRecord = audit.appendPart(actor, {
      operation: `funds.${kind}`,
      targetType: 'organization',
      targetId: reseller.id,
      detail: { amount: formatAmount(amount), journal_id: journalId },
    });
    const journal = {
      kind,
      orgId: caller.org.id,
      counterpartyOrgId: reseller.id,
      actor,
      id: journalId,
      idempotency: clientToken ? { scope: `${caller.org.id}|${kind}`, key: clientToken } : undefined,
      postings:
        direction === 'allocate'
          ? [{ account: md, amount: -amount }, { account: rs, amount }]
          : [{ account: rs, amount: -amount }, { account: md, amount }],
    };
    return ledger.postOnce(db, idem, answer, journal, auditRecord);
  }

  /** Partner → resale customer (or back); a distributor may act for its reseller's customers. */
  async function moveWithCustomer(
    caller: Caller,
    direction: 'allocate' | 'reclaim',
    input: { customer_id: string; amount: string | number; indirect_partner_id?: string },
    clientToken?: string,
  ): Promise<Answer<{ transfer_id: string } | { trans_id: string }>> {
    const amount = parseAmount(input.amount);
    const partnerId = await actingPartner(caller, input.indirect_partner_id);
    assertAdjustableCustomer(await repo.currentAssociation(db, partnerId, input.customer_id));
    const kind: JournalKind = direction === 'allocate' ? 'customer_allocate' : 'customer_reclaim';
    const partner = { orgId: partnerId, kind: 'partner_cash' as const };
    const customer = { orgId: input.customer_id, kind: 'customer_balance' as const };
    const actor = { ...actorOf(caller), onBehalfOf: partnerId === caller.org.id ? null : partnerId };
    const request = { partner: partnerId, customer: input.customer_id, amount };
    const journalId = newPrefixedId(direction === 'allocate' ? 'AD' : 'RE');
    const answer = { status: 200, body: direction === 'allocate' ? { transfer_id: journalId } : { trans_id: journalId } };
    return ledger.onceAnswering(db, { orgId: caller.org.id, operation: kind, key: clientToken, request }, answer, async (tx) => {
      // Re-read inside the transaction: the association may have ended meanwhile.
      assertAdjustableCustomer(await repo.currentAssociation(tx, partnerId, input.customer_id));
      await ledger.post(tx, {
        kind,
        orgId: partnerId,
        counterpartyOrgId: input.customer_id,
        actor,
        id: journalId,
        idempotency: clientToken ? { scope: `${caller.org.id}|${kind}`, key: clientToken } : undefined,
        postings:
          direction === 'allocate'
            ? [{ account: partner, amount: -amount }, { account: customer, amount }]
            : [{ account: customer, amount: -amount }, { account: partner, amount }],
      });
      await audit.append(tx, actor, {
        operation: `funds.${kind}`,
        targetType: 'organization',
        targetId: input.customer_id,
        detail: { amount: formatAmount(amount), journal_id: journalId, partner_id: partnerId },
      });
    });
  }

  /** Several customers, one amount each; every row is its own transaction and has its own result. */
  async function batchAllocate(
    caller: Caller,
    input: { indirect_partner_id?: string; items: { customer_id: string; amount: string | number }[] },
    clientToken?: string,
    lang: Lang = 'en',
  ) {
    const successes: { customer_id: string; transfer_id: string }[] = [];
    const error_details: { id: string; error_code: string; error_msg: string }[] = [];
    for (const [i, item] of input.items.entries()) {
      try {
        const answer = await moveWithCustomer(
          caller,
          'allocate',
          { ...item, indirect_partner_id: input.indirect_partner_id },
          clientToken ? `${clientToken}#${i}` : undefined,
        );
        successes.push({ customer_id: item.customer_id, transfer_id: (answer.body as { transfer_id: string }).transfer_id });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        error_details.push({ id: item.customer_id, error_code: error.code, error_msg: error.message_in(lang) });
      }
    }
    return { successes, error_details };
  }

  async function listResellers(
    caller: Caller,
    input: { account_name?: string; associated_on_begin?: string; associated_on_end?: string; indirect_partner_id?: string; offset: number; limit: number },
  ) {
    requirePartner(caller.org);
    if (caller.org.partnerType !== 'master_distributor') throw new AppError('CBC.99000037');
    // An account manager (查询我负责的云经销商 without 查询) sees the resellers assigned to them.
    const onlyAssigned = !caller.permissions.has('BPC_ITEM_SALES_020100');
    const { count, rows } = await repo.resellers(db, {
      parentId: caller.org.id,
      managerUserId: onlyAssigned ? caller.userId : undefined,
      accountName: input.account_name || undefined,
      resellerId: input.indirect_partner_id || undefined,
      from: parseApiTime(input.associated_on_begin, 'associated_on_begin'),
      to: parseApiTime(input.associated_on_end, 'associated_on_end'),
      offset: input.offset,
      limit: input.limit,
    });
    return {
      count,
      indirect_partners: rows.map((r) => ({
        indirect_partner_id: r.id,
        account_name: r.domain_name,
        name: r.name,
        mobile_phone: r.mobile ?? undefined,
        email: r.email ?? undefined,
        associated_on: toApiTime(new Date(r.created_at)),
        account_manager_id: r.manager_user_id ?? undefined,
        account_manager_name: r.manager_name ?? undefined,
      })),
    };
  }

  async function partnerBalances(caller: Caller, indirectPartnerId: string | undefined) {
    requirePartner(caller.org);
    const orgId = indirectPartnerId && indirectPartnerId !== caller.org.id ? (await resellerOf(caller, indirectPartnerId)).id : caller.org.id;
    const kinds: AccountKind[] = ['partner_cash', 'partner_designated', 'partner_credit'];
    const ids = await db.transaction().execute((tx) => ledger.ensureAccounts(tx, kinds.map((kind) => ({ orgId, kind }))));
    const balances = (await ledger.balancesOf(db, [orgId])).get(orgId)!;
    const of = (kind: AccountKind) => balances.get(kind)?.balance ?? 0n;
    const id = (kind: AccountKind) => ids.get(`${orgId}|${kind}`)!;
    const common = { currency: 'CNY', measure_id: 1 };
    const creditLine = await repo.creditLineOf(db, orgId);
    return {
      account_balances: [
        { account_id: id('partner_cash'), account_type: 1, amount: yuan(of('partner_cash') + of('partner_designated')), designated_amount: yuan(of('partner_designated')), ...common, memo: '' },
        { account_id: id('partner_credit'), account_type: 2, amount: yuan(of('partner_credit')), designated_amount: 0, credit_amount: yuan(creditLine), ...common, memo: '' },
        // Allocatable (可拨款): the cash balance less its designated part.
        { account_id: id('partner_cash'), account_type: 8, amount: yuan(of('partner_cash')), designated_amount: 0, ...common, memo: '' },
      ],
    };
  }

  async function customerBalances(caller: Caller, input: { customer_infos: { customer_id: string }[]; indirect_partner_id?: string }) {
    const partnerId = await actingPartner(caller, input.indirect_partner_id);
    const wanted = [...new Set(input.customer_infos.map((c) => c.customer_id))];
    // Customers that are not this partner's current resale customers are left out, as Huawei does.
    const resale = (await repo.resaleCustomersAmong(db, partnerId, wanted)).map((r) => r.customer_org_id);
    const balances = await ledger.balancesOf(db, resale);
    return {
      customer_balances: resale.map((id) => ({
        customer_id: id,
        amount: yuan(balances.get(id)?.get('customer_balance')?.balance ?? 0n),
        // No consumption is billed yet, so no customer can be in arrears.
        debt_amount: 0,
        currency: 'CNY',
        measure_id: 1,
      })),
    };
  }

  async function adjustRecords(
    caller: Caller,
    input: {
      customer_id?: string;
      operation_type?: string;
      operation_time_begin?: string;
      operation_time_end?: string;
      trans_id?: string;
      offset: number;
      limit: number;
      indirect_partner_id?: string;
    },
  ) {
    const partnerId = await actingPartner(caller, input.indirect_partner_id);
    // Through indirect_partner_id a distributor sees its reseller's customer records only.
    const kinds = kindsForOperationType(input.operation_type || undefined).filter(
      (k) => partnerId === caller.org.id || k.startsWith('customer_'),
    );
    const { total, rows } = await repo.adjustRecords(db, {
      orgId: partnerId,
      kinds,
      customerId: input.customer_id || undefined,
      transId: input.trans_id || undefined,
      from: parseApiTime(input.operation_time_begin, 'operation_time_begin'),
      to: parseApiTime(input.operation_time_end, 'operation_time_end'),
      offset: input.offset,
      limit: input.limit,
    });
    return {
      total_count: total,
      records: rows.map((r) => ({
        customer_id: r.counterparty_org_id ?? '',
        customer_name: r.counterparty_name ?? '',
        operation_type: JOURNAL_KINDS[r.kind as JournalKind].operation!,
        amount: formatAmount(BigInt(r.amount)),
        currency: 'CNY',
        apply_scene: r.kind.startsWith('reseller_') ? 'INDIRECT_PARTNER' : 'CUSTOMER',
        operation_time: toApiTime(new Date(r.created_at)),
        measure_id: 1,
        trans_id: r.id,
        memo: r.memo ?? '',
      })),
    };
  }

  async function accountChangeRecords(
    caller: Caller,
    input: {
      balance_type?: 'BALANCE_TYPE_DEBIT' | 'BALANCE_TYPE_CREDIT';
      trade_type?: string;
      trade_time_begin?: string;
      trade_time_end?: string;
      offset: number;
      limit: number;
      indirect_partner_id?: string;
    },
  ) {
    requirePartner(caller.org);
    const orgId = input.indirect_partner_id && input.indirect_partner_id !== caller.org.id ? (await resellerOf(caller, input.indirect_partner_id)).id : caller.org.id;
    const window = tradeWindow(input.trade_time_begin || undefined, input.trade_time_end || undefined, clock.now());
    const { total, rows } = await repo.accountChanges(db, {
      orgId,
      accountKind: input.balance_type === 'BALANCE_TYPE_CREDIT' ? 'partner_credit' : 'partner_cash',
      kinds: kindsForTradeType(input.trade_type || undefined),
      from: window.from,
      to: window.to,
      offset: input.offset,
      limit: input.limit,
    });
    return {
      total_count: total,
      currency: 'CNY',
      records: rows.map((r) => {
        const detail = JOURNAL_KINDS[r.kind as JournalKind].detail;
        const amount = BigInt(r.amount);
        const named = NAMES_COUNTERPARTY.has(detail);
        return {
          account_change_id: String(r.id),
          trade_detail_type: detail,
          trade_time: toApiTime(new Date(r.created_at)),
          trade_id: r.journal_id,
          change_amount: formatAmount(amount < 0n ? -amount : amount),
          balance_after_change: formatAmount(BigInt(r.balance_after)),
          type: (amount > 0n ? '1' : '2') as '1' | '2',
          customer_id: named ? (r.other_id ?? '') : '',
          account_name: named ? (r.other_account ?? '') : '',
        };
      }),
    };
  }

  return { moveWithReseller, moveWithCustomer, batchAllocate, listResellers, partnerBalances, customerBalances, adjustRecords, accountChangeRecords };
}

export type TransferService = ReturnType<typeof createTransferService>;
