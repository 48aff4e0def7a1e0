// Test vouchers (测试券): a partner (or an unassociated customer account) applies; an associated
// sub-customer is refused online; the vendor approves (amount, validity) or rejects (reason), and
// may issue by hand. An approved application becomes a voucher of the applicant's own account,
// restricted to general products and on-demand/monthly billing.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { actorOf, type Actor, type Caller } from '../../shared/actor.ts';
import { toApiTime } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import { newPrefixedId } from '../../shared/ids.ts';
import { formatAmount, parseAmount } from '../../shared/money.ts';
import * as repo from './vouchers.repo.ts';
import {
  assertCalculatorLink,
  assertMayApplyOnline,
  checkTestVoucherApplication,
  checkTestVoucherGrant,
  COUPON_STATUS,
  SOFTWARE_TEST_VOUCHER_TYPES,
  TEST_VOUCHER_SCOPE,
  type TestVoucherType,
} from './vouchers.rules.ts';
import { yuan, type VouchersDeps } from './vouchers.shared.ts';

const DAY_MS = 86_400_000;
const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505';

type ApplicationRow = Awaited<ReturnType<typeof repo.listApplications>>['rows'][number];

function applicationView(a: Omit<ApplicationRow, 'org_name' | 'org_account'> & { org_name?: string; org_account?: string }) {
  return {
    id: a.id,
    org_id: a.org_id,
    org_name: a.org_name ?? '',
    org_account: a.org_account ?? '',
    voucher_type: a.voucher_type,
    amount: yuan(BigInt(a.amount)),
    purpose: a.purpose,
    calculator_link: a.calculator_link,
    solution: a.solution ?? '',
    status: a.status,
    approved_amount: a.approved_amount === null ? null : yuan(BigInt(a.approved_amount)),
    valid_days: a.valid_days,
    coupon_id: a.coupon_id,
    decision_reason: a.decision_reason,
    supplementary_reason: a.supplementary_reason ?? null,
    created_at: toApiTime(new Date(a.created_at)),
    decided_at: a.decided_at ? toApiTime(new Date(a.decided_at)) : null,
  };
}

export function createTestVoucherService(deps: VouchersDeps) {
  const { db, clock, audit, ledger } = deps;

  function requireVendor(caller: Caller) {
    if (caller.org.kind !== 'vendor') throw new AppError('CBC.0151');
  }

  /** A test voucher of the account itself, funded by the vendor (journal test_voucher_issue). */
  async function issueTestVoucher(tx: Kysely<DB>, actor: Actor, vendorId: string, orgId: string, amount: bigint, validDays: number, memo: string | null) {
    const now = clock.now();
    const id = newPrefixedId('CP');
    await repo.insertCoupon(tx, {
      id,
      customer_org_id: orgId,
      issuer_org_id: vendorId,
      quota_id: null,
      coupon_type: 1,
      status: COUPON_STATUS.usable,
      cycle: TEST_VOUCHER_SCOPE.cycle,
      face_value: amount,
      balance: amount,
      valid_time: now,
      expire_time: new Date(now.getTime() + validDays * DAY_MS),
      max_period_months: TEST_VOUCHER_SCOPE.maxPeriodMonths,
      combines_with_discount: TEST_VOUCHER_SCOPE.combinesWithDiscount,
      memo,
      lock_order_id: null,
      source: 'test_voucher',
      created_at: now,
      updated_at: now,
    });
    const journal = await ledger.post(tx, {
      kind: 'test_voucher_issue',
      orgId,
      counterpartyOrgId: vendorId,
      reference: id,
      actor,
      idPrefix: 'TV',
      postings: [
        { account: { orgId: vendorId, kind: 'vendor_coupon_source' }, amount: -amount },
        { account: { orgId, kind: 'coupon_balance' }, amount },
      ],
    });
    return { couponId: id, journalId: journal.id };
  }

  async function apply(
    caller: Caller,
    input: { voucher_type: TestVoucherType; amount: string | number; purpose: string; calculator_link: string; solution?: string | null; supplementary_reason?: string | null },
  ) {
    if (caller.org.kind === 'vendor') throw new AppError('CBC.0150');
    assertMayApplyOnline(await repo.isAssociatedCustomer(db, caller.org.id));
    assertCalculatorLink(input.calculator_link);
    const amount = parseAmount(input.amount, 'amount');
    const actor = actorOf(caller);
    try {
      return await db.transaction().execute(async (tx) => {
        if (await repo.pendingApplication(tx, caller.org.id, input.voucher_type)) throw new AppError('HBN.6002');
        const software = SOFTWARE_TEST_VOUCHER_TYPES.includes(input.voucher_type);
        const solution = input.solution?.trim() || null;
        checkTestVoucherApplication({
          type: input.voucher_type,
          amount,
          solution,
          approvedSoFar: await repo.approvedTestVoucherAmount(tx, caller.org.id, software ? SOFTWARE_TEST_VOUCHER_TYPES : [input.voucher_type], software ? solution : null),
          supplementaryReason: input.supplementary_reason ?? null,
        });
        const id = newPrefixedId('TA');
        await repo.insertApplication(tx, {
          id,
          org_id: caller.org.id,
          voucher_type: input.voucher_type,
          amount,
          purpose: input.purpose,
          calculator_link: input.calculator_link,
          solution,
          supplementary_reason: input.supplementary_reason?.trim() || null,
          status: 'SUBMITTED',
          approved_amount: null,
          valid_days: null,
          coupon_id: null,
          decision_reason: null,
          decided_by: null,
          decided_at: null,
          created_by: caller.userId,
          created_at: clock.now(),
        });
        await audit.append(tx, actor, { operation: 'vouchers.test_voucher_apply', targetType: 'test_voucher_application', targetId: id, detail: { voucher_type: input.voucher_type, amount: formatAmount(amount) } });
        return applicationView((await repo.findApplication(tx, id))!);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('HBN.6002');
      throw error;
    }
  }

  async function list(caller: Caller, input: { status?: string; offset: number; limit: number }) {
    const { total, rows } = await repo.listApplications(db, { orgId: caller.org.kind === 'vendor' ? undefined : caller.org.id, status: input.status, offset: input.offset, limit: input.limit });
    return { total_count: total, applications: rows.map(applicationView) };
  }

  async function approve(caller: Caller, id: string, input: { amount?: string | number | null; valid_days: number }) {
    requireVendor(caller);
    const actor = actorOf(caller);
    return db.transaction().execute(async (tx) => {
      const application = await repo.findApplication(tx, id);
      if (!application) throw new AppError('HBN.6004');
      const amount = input.amount === undefined || input.amount === null ? BigInt(application.amount) : parseAmount(input.amount, 'amount');
      checkTestVoucherGrant({ amount, applied: BigInt(application.amount), validDays: input.valid_days });
      const issued = await issueTestVoucher(tx, actor, caller.org.id, application.org_id, amount, input.valid_days, `test voucher ${application.voucher_type}`);
      const now = clock.now();
      const moved = await repo.decideApplication(tx, id, { status: 'APPROVED', approved_amount: amount, valid_days: input.valid_days, coupon_id: issued.couponId, decided_by: caller.userId, decided_at: now });
      if (!moved) throw new AppError('HBN.6003');
      await audit.append(tx, actor, { operation: 'vouchers.test_voucher_approve', targetType: 'test_voucher_application', targetId: id, detail: { amount: formatAmount(amount), coupon_id: issued.couponId, journal_id: issued.journalId } });
      return applicationView((await repo.findApplication(tx, id))!);
    });
  }

  async function reject(caller: Caller, id: string, reason: string) {
    requireVendor(caller);
    const actor = actorOf(caller);
    return db.transaction().execute(async (tx) => {
      if (!(await repo.findApplication(tx, id))) throw new AppError('HBN.6004');
      const moved = await repo.decideApplication(tx, id, { status: 'REJECTED', decision_reason: reason, decided_by: caller.userId, decided_at: clock.now() });
      if (!moved) throw new AppError('HBN.6003');
      await audit.append(tx, actor, { operation: 'vouchers.test_voucher_reject', targetType: 'test_voucher_application', targetId: id, detail: { reason } });
      return applicationView((await repo.findApplication(tx, id))!);
    });
  }

  /** The vendor issues a test voucher by hand to any partner or customer account. */
  async function issueByHand(caller: Caller, input: { account_id: string; amount: string | number; valid_days: number; memo?: string | null }) {
    requireVendor(caller);
    const amount = parseAmount(input.amount, 'amount');
    checkTestVoucherGrant({ amount, applied: null, validDays: input.valid_days });
    const target = await repo.findOrg(db, input.account_id);
    if (!target || target.kind === 'vendor') throw new AppError('HBN.0404', 'account');
    const actor = actorOf(caller);
    return db.transaction().execute(async (tx) => {
      const issued = await issueTestVoucher(tx, actor, caller.org.id, target.id, amount, input.valid_days, input.memo ?? 'issued by the ecosystem manager');
      await audit.append(tx, actor, { operation: 'vouchers.test_voucher_issue', targetType: 'organization', targetId: target.id, detail: { amount: formatAmount(amount), coupon_id: issued.couponId, journal_id: issued.journalId } });
      return { coupon_id: issued.couponId };
    });
  }

  return { apply, list, approve, reject, issueByHand };
}
