// Voucher quotas: the vendor grants them, a master distributor splits them to its cloud resellers
// and takes child quotas back; the read side (own quotas, issued quotas, quota records).
import { actorOf, type Caller } from '../../shared/actor.ts';
import { toApiTime } from '../../shared/clock.ts';
import { AppError, type Lang } from '../../shared/errors.ts';
import { newPrefixedId } from '../../shared/ids.ts';
import { formatAmount, parseAmount } from '../../shared/money.ts';
import { assertOwnReseller, parseApiTime, requirePartner } from '../funds/index.ts';
import type { Answer } from '../ledger/index.ts';
import * as repo from './vouchers.repo.ts';
import { assertQuotaLimits, assertQuotaUsable, fitsBalance, limitValues, QUOTA_OPERATION, QUOTA_STATUS, type LimitInfo } from './vouchers.rules.ts';
import { actingPartner, mapLockConflict, parseLimits, quotaView, yuan, type VouchersDeps } from './vouchers.shared.ts';

type ErrorDetail = { id: string; error_code: string; error_msg: string };

export function createQuotaService(deps: VouchersDeps) {
  const { db, clock, audit, ledger } = deps;

  function requireMasterDistributor(caller: Caller) {
    requirePartner(caller.org);
    if (caller.org.partnerType !== 'master_distributor') throw new AppError('CBC.0150', 'only a master distributor may operate reseller quotas');
  }

  /** Vendor: grant a voucher (0) or cash-coupon (1) quota to a solution provider or master distributor. */
  async function grant(
    caller: Caller,
    input: { partner_id: string; quota_type: 0 | 1; amount: string | number; effective_time?: string; expire_time: string; limit_infos?: LimitInfo[] },
    clientToken?: string,
  ): Promise<Answer<ReturnType<typeof quotaView>>> {
    if (caller.org.kind !== 'vendor') throw new AppError('CBC.0151');
    const amount = parseAmount(input.amount, 'amount');
    const now = clock.now();
    const effective = parseApiTime(input.effective_time, 'effective_time') ?? now;
    const expire = parseApiTime(input.expire_time, 'expire_time')!;
    if (expire <= effective || expire <= now) throw new AppError('HBN.6007');
    assertQuotaLimits(input.quota_type, input.limit_infos ?? []);
    const partner = await repo.findOrg(db, input.partner_id);
    if (!partner || partner.kind !== 'partner' || partner.partner_type === 'cloud_reseller') throw new AppError('HBN.6005');
    const actor = actorOf(caller);
    const request = { ...input, amount };
    return ledger.once(db, { orgId: caller.org.id, operation: 'coupon_quota_grant', key: clientToken, request }, async (tx) => {
      const id = newPrefixedId('QT');
      await repo.insertQuota(tx, {
        id,
        org_id: partner.id,
        quota_type: input.quota_type,
        status: QUOTA_STATUS.normal,
        quota_value: amount,
        balance: amount,
        effective_time: effective,
        expire_time: expire,
        limit_infos: JSON.stringify(input.limit_infos ?? []),
        parent_quota_id: null,
        granted_by_org_id: caller.org.id,
        created_at: now,
        updated_at: now,
      });
      const journal = await ledger.post(tx, {
        kind: 'coupon_quota_grant',
        orgId: partner.id,
        counterpartyOrgId: caller.org.id,
        reference: id,
        actor,
        idPrefix: 'QG',
        postings: [
          { account: { orgId: caller.org.id, kind: 'vendor_coupon_source' }, amount: -amount },
          { account: { orgId: partner.id, kind: 'partner_coupon_quota' }, amount },
        ],
      });
      await audit.append(tx, actor, { operation: 'vouchers.quota_grant', targetType: 'coupon_quota', targetId: id, detail: { partner_id: partner.id, amount: formatAmount(amount), journal_id: journal.id } });
      return { status: 201, body: quotaView((await repo.findQuota(tx, id))!) };
    });
  }

  /** UpdateCouponQuotas: split the distributor's quota into one child quota per reseller. */
  async function issueToResellers(
    caller: Caller,
    input: { quota_id: string; indirect_partner_ids: string[]; quota_amount: string | number },
    clientToken: string | undefined,
    lang: Lang,
  ): Promise<Answer<{ simple_quota_infos: { id: string; quota_id: string }[]; error_details: ErrorDetail[] }>> {
    requireMasterDistributor(caller);
    const amount = parseAmount(input.quota_amount, 'quota_amount');
    const resellerIds = [...new Set(input.indirect_partner_ids)];
    const actor = actorOf(caller);
    const request = { quota: input.quota_id, resellerIds, amount };
    try {
      return await ledger.once(db, { orgId: caller.org.id, operation: 'coupon_quota_adjust', key: clientToken, request }, async (tx) => {
        // No parallel operations on one quota: a second one fails at once (CBC.50000045).
        const parent = await repo.lockQuota(tx, input.quota_id, 'nowait');
        if (!parent || parent.org_id !== caller.org.id) throw new AppError('CBC.99000012');
        if (parent.quota_type !== 0) throw new AppError('CBC.99000015', 'only voucher quotas can be issued to cloud resellers');
        const now = clock.now();
        assertQuotaUsable(parent, now, 'CBC.99000015');
        const limits = parseLimits(parent.limit_infos);
        const designated = limitValues(limits, 'designatedCustomer');
        const simple_quota_infos: { id: string; quota_id: string }[] = [];
        const error_details: ErrorDetail[] = [];
        let used = 0n;
        for (const resellerId of resellerIds) {
          try {
            const reseller = await repo.findOrg(tx, resellerId);
            assertOwnReseller(caller.org, reseller);
            if (reseller.status !== 'active') throw new AppError('CBC.50010105');
            if (designated) {
              const ofReseller = await Promise.all(designated.map((c) => repo.currentAssociation(tx, reseller.id, c)));
              if (!ofReseller.some((a) => a?.association_type === 2)) throw new AppError('CBC.50000021');
            }
            if (!fitsBalance(parent.balance, amount, used)) throw new AppError('CBC.99000013');
            const childId = newPrefixedId('QT');
            await repo.insertQuota(tx, {
              id: childId,
              org_id: reseller.id,
              quota_type: 0,
              status: QUOTA_STATUS.normal,
              quota_value: amount,
              balance: amount,
              effective_time: parent.effective_time,
              expire_time: parent.expire_time,
              limit_infos: parent.limit_infos,
              parent_quota_id: parent.id,
              granted_by_org_id: caller.org.id,
              created_at: now,
              updated_at: now,
            });
            const journal = await ledger.post(tx, {
              kind: 'coupon_quota_adjust',
              orgId: caller.org.id,
              counterpartyOrgId: reseller.id,
              reference: childId,
              actor,
              idPrefix: 'QA',
              postings: [
                { account: { orgId: caller.org.id, kind: 'partner_coupon_quota' }, amount: -amount },
                { account: { orgId: reseller.id, kind: 'partner_coupon_quota' }, amount },
              ],
            });
            await repo.insertQuotaRecord(tx, {
              id: newPrefixedId('QR'),
              org_id: caller.org.id,
              indirect_partner_id: reseller.id,
              operator: caller.userName,
              operation_type: QUOTA_OPERATION.issue,
              quota_id: childId,
              parent_quota_id: parent.id,
              amount,
              result: 0,
              remark: null,
              journal_id: journal.id,
              created_at: now,
            });
            used += amount;
            simple_quota_infos.push({ id: reseller.id, quota_id: childId });
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            error_details.push({ id: resellerId, error_code: error.code, error_msg: error.message_in(lang) });
          }
        }
        if (used > 0n) await repo.setQuota(tx, parent.id, { balance: parent.balance - used, updated_at: now });
        await audit.append(tx, actor, {
          operation: 'vouchers.quota_issue_to_resellers',
          targetType: 'coupon_quota',
          targetId: parent.id,
          detail: { amount_each: formatAmount(amount), issued: simple_quota_infos, failed: error_details.map((e) => ({ id: e.id, error_code: e.error_code })) },
        });
        return { status: 200, body: { simple_quota_infos, error_details } };
      });
    } catch (error) {
      return mapLockConflict(error);
    }
  }

  /** ReclaimCouponQuotas: take what is left of child quotas back into their parents. */
  async function reclaimFromResellers(caller: Caller, input: { quota_ids: string[]; remark?: string | null }, lang: Lang) {
    requireMasterDistributor(caller);
    const actor = actorOf(caller);
    const simple_quota_infos: { quota_id: string; quota_balance: number }[] = [];
    const error_details: ErrorDetail[] = [];
    for (const quotaId of [...new Set(input.quota_ids)]) {
      try {
        const taken = await db
          .transaction()
          .execute(async (tx) => {
            const child = await repo.lockQuota(tx, quotaId, 'nowait');
            const parent = child?.parent_quota_id ? await repo.lockQuota(tx, child.parent_quota_id, 'wait') : undefined;
            if (!child || !parent || parent.org_id !== caller.org.id) throw new AppError('CBC.99000012');
            if (child.status === QUOTA_STATUS.invalid || child.status === QUOTA_STATUS.reclaimed) throw new AppError('CBC.99000012');
            const now = clock.now();
            const amount = child.balance;
            await repo.setQuota(tx, child.id, { balance: 0n, status: QUOTA_STATUS.reclaimed, updated_at: now });
            let journalId: string | null = null;
            if (amount > 0n) {
              const toVendor = parent.status === QUOTA_STATUS.invalid;
              const vendor = toVendor ? await repo.findVendorOrg(tx) : null;
              journalId = (
                await ledger.post(tx, {
                  kind: 'coupon_quota_reclaim',
                  orgId: caller.org.id,
                  counterpartyOrgId: child.org_id,
                  reference: child.id,
                  actor,
                  idPrefix: 'QR',
                  memo: input.remark ?? null,
                  postings: [
                    { account: { orgId: child.org_id, kind: 'partner_coupon_quota' }, amount: -amount },
                    toVendor ? { account: { orgId: vendor!.id, kind: 'vendor_coupon_source' }, amount } : { account: { orgId: caller.org.id, kind: 'partner_coupon_quota' }, amount },
                  ],
                })
              ).id;
              if (!toVendor) await repo.setQuota(tx, parent.id, { balance: parent.balance + amount, updated_at: now });
            }
            await repo.insertQuotaRecord(tx, {
              id: newPrefixedId('QR'),
              org_id: caller.org.id,
              indirect_partner_id: child.org_id,
              operator: caller.userName,
              operation_type: QUOTA_OPERATION.reclaim,
              quota_id: child.id,
              parent_quota_id: parent.id,
              amount,
              result: 0,
              remark: input.remark ?? null,
              journal_id: journalId,
              created_at: now,
            });
            await audit.append(tx, actor, { operation: 'vouchers.quota_reclaim', targetType: 'coupon_quota', targetId: child.id, detail: { amount: formatAmount(amount), journal_id: journalId } });
            return amount;
          })
          .catch(mapLockConflict);
        simple_quota_infos.push({ quota_id: quotaId, quota_balance: yuan(taken) });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        error_details.push({ id: quotaId, error_code: error.code, error_msg: error.message_in(lang) });
      }
    }
    return { simple_quota_infos, error_details };
  }

  /** ListQuotaCoupons: the partner's own quotas (or a reseller's, for its distributor). */
  async function listOwn(
    caller: Caller,
    input: {
      quota_type?: number | null;
      quota_ids?: string[] | null;
      quota_status_list?: number[] | null;
      create_time_begin?: string | null;
      create_time_end?: string | null;
      effective_time_begin?: string | null;
      effective_time_end?: string | null;
      expire_time_begin?: string | null;
      expire_time_end?: string | null;
      offset: number;
      limit: number;
      indirect_partner_id?: string | null;
    },
  ) {
    const orgId = await actingPartner(db, caller, input.indirect_partner_id ?? undefined);
    const t = (v: string | null | undefined, f: string) => parseApiTime(v ?? undefined, f);
    const { total, rows } = await repo.listQuotas(db, {
      orgId,
      quotaType: input.quota_type ?? 0,
      quotaIds: input.quota_ids ?? undefined,
      statuses: input.quota_status_list ?? undefined,
      times: [
        { col: 'created_at', from: t(input.create_time_begin, 'create_time_begin'), to: t(input.create_time_end, 'create_time_end') },
        { col: 'effective_time', from: t(input.effective_time_begin, 'effective_time_begin'), to: t(input.effective_time_end, 'effective_time_end') },
        { col: 'expire_time', from: t(input.expire_time_begin, 'expire_time_begin'), to: t(input.expire_time_end, 'expire_time_end') },
      ],
      offset: input.offset,
      limit: input.limit,
    });
    return { total_count: total, quotas: rows.map(quotaView) };
  }

  /** ListIssuedCouponQuotas: child quotas the distributor gave its resellers. */
  async function listIssued(caller: Caller, input: { quota_id?: string; indirect_partner_id?: string; parent_quota_id?: string; offset: number; limit: number }) {
    requireMasterDistributor(caller);
    if (input.indirect_partner_id) assertOwnReseller(caller.org, await repo.findOrg(db, input.indirect_partner_id));
    const { total, rows } = await repo.listQuotas(db, {
      orgId: caller.org.id,
      issuedBy: caller.org.id,
      holder: input.indirect_partner_id || undefined,
      quotaIds: input.quota_id ? [input.quota_id] : undefined,
      parentQuotaId: input.parent_quota_id || undefined,
      times: [],
      offset: input.offset,
      limit: input.limit,
    });
    return {
      total_count: total,
      quotas: rows.map((q) => ({
        ...quotaView(q),
        indirect_partner_id: q.org_id,
        indirect_partner_account_name: q.holder_account,
        indirect_partner_name: q.holder_name,
        parent_quota_id: q.parent_quota_id ?? '',
      })),
    };
  }

  /** ListCouponQuotasRecords: the distributor's issue (10) / reclaim (11) log. */
  async function records(
    caller: Caller,
    input: { indirect_partner_id?: string; quota_id?: string; parent_quota_id?: string; operation_time_begin?: string; operation_time_end?: string; operation_type?: string; offset: number; limit: number },
  ) {
    requireMasterDistributor(caller);
    const type = input.operation_type === '10' || input.operation_type === '11' ? Number(input.operation_type) : undefined;
    const { total, rows } = await repo.listQuotaRecords(db, {
      orgId: caller.org.id,
      resellerId: input.indirect_partner_id || undefined,
      quotaId: input.quota_id || undefined,
      parentQuotaId: input.parent_quota_id || undefined,
      type,
      from: parseApiTime(input.operation_time_begin, 'operation_time_begin'),
      to: parseApiTime(input.operation_time_end, 'operation_time_end'),
      offset: input.offset,
      limit: input.limit,
    });
    return {
      total_count: total,
      records: rows.map((r) => ({
        id: r.id,
        operator: r.operator,
        operation_type: String(r.operation_type),
        quota_id: r.quota_id,
        parent_quota_id: r.parent_quota_id,
        amount: yuan(BigInt(r.amount)),
        operation_time: toApiTime(new Date(r.created_at)),
        result: String(r.result),
        indirect_partner_account_name: r.reseller_account,
        indirect_partner_id: r.indirect_partner_id,
        indirect_partner_name: r.reseller_name,
        remark: r.remark ?? '',
      })),
    };
  }

  /** Vendor: freeze (0 → 5) or unfreeze (5 → 0) a quota; a frozen quota cannot issue. */
  async function setFrozen(caller: Caller, quotaId: string, frozen: boolean) {
    if (caller.org.kind !== 'vendor') throw new AppError('CBC.0151');
    const actor = actorOf(caller);
    return db.transaction().execute(async (tx) => {
      const [from, to] = frozen ? [QUOTA_STATUS.normal, QUOTA_STATUS.frozen] : [QUOTA_STATUS.frozen, QUOTA_STATUS.normal];
      if (!(await repo.findQuota(tx, quotaId))) throw new AppError('CBC.99000012');
      if (!(await repo.moveQuotaStatus(tx, quotaId, from, to, clock.now()))) throw new AppError('CBC.99000012', `the quota is not in status ${from}`);
      await audit.append(tx, actor, { operation: frozen ? 'vouchers.quota_freeze' : 'vouchers.quota_unfreeze', targetType: 'coupon_quota', targetId: quotaId });
      return quotaView((await repo.findQuota(tx, quotaId))!);
    });
  }

  /** Vendor: the quotas it granted, by partner, type and status. */
  async function listGranted(caller: Caller, input: { partner_id?: string; quota_type?: number; status?: number; offset: number; limit: number }) {
    if (caller.org.kind !== 'vendor') throw new AppError('CBC.0151');
    const { total, rows } = await repo.listGrantedQuotas(db, {
      grantedBy: caller.org.id,
      holder: input.partner_id || undefined,
      quotaType: input.quota_type,
      statuses: input.status === undefined ? undefined : [input.status],
      offset: input.offset,
      limit: input.limit,
    });
    return {
      total_count: total,
      quotas: rows.map((q) => ({ ...quotaView(q), partner_id: q.org_id, partner_name: q.holder_name, partner_account_name: q.holder_account ?? '', partner_type: q.holder_type ?? '' })),
    };
  }

  /** Vendor: who may receive a quota (solution providers and master distributors). */
  async function holders(caller: Caller) {
    if (caller.org.kind !== 'vendor') throw new AppError('CBC.0151');
    const rows = await repo.quotaHolders(db);
    return { partners: rows.map((p) => ({ id: p.id, name: p.name, account_name: p.domain_name ?? '', partner_type: p.partner_type ?? '' })) };
  }

  return { grant, issueToResellers, reclaimFromResellers, listOwn, listIssued, records, setFrozen, listGranted, holders };
}

