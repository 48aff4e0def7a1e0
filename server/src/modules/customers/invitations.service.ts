// Bringing customers in: reported customers (报备, approved by the vendor, valid for a configured
// period), online invitations by e-mail (link valid 7 days, re-sendable; the mail module's outbox
// sends it), offline links / QR codes (never expire, optional tag; an account manager's own link
// assigns them), and the public invitation page where a customer registers or signs in.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { actorOf, type Actor, type Caller } from '../../shared/actor.ts';
import { toApiTime } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import { newPrefixedId, newSecret } from '../../shared/ids.ts';
import { createCustomerAccount, hashPassword } from '../identity/index.ts';
import { enqueueMail } from '../mail/index.ts';
import type { AssociationService } from './association.service.ts';
import * as repo from './customers.repo.ts';
import { addDays, eligibilityBlockers, passwordAllowed, accountNameAllowed, type AssociationType } from './customers.rules.ts';
import { isAccountManagerCandidate, isUniqueViolation, ITEMS, requireItem, requirePartner, type CustomersDeps } from './customers.shared.ts';

type Db = Kysely<DB>;

/** The customer association notice for each type, in both languages. */
export const ASSOCIATION_NOTICE: Record<AssociationType, { zh: string; en: string }> = {
  1: {
    zh: '顾问销售：您将与该伙伴建立顾问销售关联。您仍使用自己的账户付款和充值，由云服务商向您开具发票；伙伴可查看您的消费情况并为您提供咨询服务，但不能为您拨款或回收资金。',
    en: 'Consultative sales: you will be associated with this partner for consultative sales. You keep paying and topping up from your own account and the cloud vendor invoices you; the partner can see your spending and advise you, but cannot allocate or reclaim funds.',
  },
  2: {
    zh: '代售：您将成为该伙伴的代售客户。您只能使用伙伴拨付的资金消费，不能自行充值，由伙伴向您开具发票；伙伴可查看您的消费、为您拨款和回收资金。解除关联时，您账户中剩余的伙伴拨款将退回伙伴。',
    en: 'Resale: you will become a resale customer of this partner. You spend only funds the partner allocates to you and cannot top up yourself; the partner invoices you, can see your spending and can allocate and reclaim funds. On disassociation, remaining funds allocated by the partner return to the partner.',
  },
};

function invitationMail(partnerName: string, type: AssociationType, link: string, expiresAt: Date) {
  const subject = `【伙伴邀请 Partner invitation】${partnerName}`;
  const body = [
    `${partnerName} 邀请您关联为其${type === 1 ? '顾问销售' : '代售'}客户。`,
    ASSOCIATION_NOTICE[type].zh,
    `请在 ${toApiTime(expiresAt)} (UTC) 前打开链接完成注册或登录关联：${link}`,
    '',
    `${partnerName} invites you to associate as its ${type === 1 ? 'consultative sales' : 'resale'} customer.`,
    ASSOCIATION_NOTICE[type].en,
    `Open the link before ${toApiTime(expiresAt)} (UTC) to register or sign in and associate: ${link}`,
  ].join('\n');
  return { subject, body };
}

export function createInvitationService(deps: CustomersDeps & { associations: AssociationService }) {
  const { db, clock, audit, settings, associations } = deps;
  const linkOf = (code: string) => `${settings.publicUrl.replace(/\/$/, '')}/invite/${code}`;

  async function validReport(tx: Db, partnerOrgId: string, reportId: string, now: Date) {
    const report = await tx.selectFrom('customer_report').selectAll().where('id', '=', reportId).where('partner_org_id', '=', partnerOrgId).executeTakeFirst();
    if (!report) throw new AppError('HBN.0404');
    if (report.status !== 'APPROVED' || !report.valid_until || new Date(report.valid_until) <= now) throw new AppError('HBN.2134');
    return report;
  }

  async function mail(tx: Db, orgId: string, to: string, partnerName: string, type: AssociationType, code: string, expiresAt: Date, now: Date) {
    const m = invitationMail(partnerName, type, linkOf(code), expiresAt);
    await enqueueMail(tx, { orgId, to, subject: m.subject, text: m.body }, now);
  }

  async function usableInvitation(tx: Db, code: string, now: Date) {
    const inv = await tx.selectFrom('customer_invitation').selectAll().where('code', '=', code).executeTakeFirst();
    if (!inv) throw new AppError('HBN.2131');
    if (inv.revoked_at) throw new AppError('HBN.2133');
    if (inv.expires_at && new Date(inv.expires_at) <= now) throw new AppError('HBN.2132');
    return inv;
  }

  type Invitation = Awaited<ReturnType<typeof usableInvitation>>;

  /** Eligibility (spec 4.2) then the association, its event, the manager, audit and webhook. */
  async function associate(tx: Db, inv: Invitation, customerOrgId: string, actor: Actor, now: Date) {
    const org = (await repo.findOrg(tx, customerOrgId))!;
    const blockers = eligibilityBlockers({
      flags: await repo.flagsOf(tx, customerOrgId),
      associationType: inv.association_type,
      isCustomerAccount: org.kind === 'customer',
      alreadyAssociated: !!(await repo.currentAssociationOfCustomer(tx, customerOrgId)),
      offline: inv.channel === 'offline',
      accountCreatedAt: new Date(org.created_at),
      now,
    });
    if (blockers.length) {
      const [first, ...rest] = blockers;
      throw new AppError(first, rest.length ? `also: ${rest.join(', ')}` : undefined);
    }
    const associationId = newPrefixedId('AS');
    await tx
      .insertInto('customer_association')
      .values({
        id: associationId,
        customer_org_id: customerOrgId,
        partner_org_id: inv.partner_org_id,
        association_type: inv.association_type,
        associated_on: now,
        label: inv.tag,
        source: 'invitation',
        invitation_id: inv.id,
        xaccount_id: null,
        xaccount_type: null,
        ended_on: null,
        end_reason: null,
        frozen_at: null,
        frozen_reason: null,
      })
      .execute();
    await tx.updateTable('customer_invitation').set((eb) => ({ accepted_count: eb('accepted_count', '+', 1) })).where('id', '=', inv.id).execute();
    if (inv.manager_user_id && (await isAccountManagerCandidate(tx, inv.partner_org_id, inv.manager_user_id, 'customer'))) {
      await repo.withdrawManager(tx, inv.partner_org_id, customerOrgId, now, null);
      await tx
        .insertInto('account_manager_assignment')
        .values({ id: newPrefixedId('AM'), partner_org_id: inv.partner_org_id, subject_kind: 'customer', subject_org_id: customerOrgId, manager_user_id: inv.manager_user_id, assigned_at: now, assigned_by: null, withdrawn_at: null, withdrawn_by: null })
        .execute();
    }
    const eventId = await associations.recordAssociated(tx, { id: associationId, partner_org_id: inv.partner_org_id, customer_org_id: customerOrgId, association_type: inv.association_type }, actor, now);
    await audit.append(tx, actor, {
      operation: 'customers.customer_enter',
      targetType: 'customer',
      targetId: customerOrgId,
      detail: { partner_id: inv.partner_org_id, invitation_id: inv.id, association_type: inv.association_type, event_id: eventId },
    });
    return { customer_id: customerOrgId, association_type: String(inv.association_type), associated_on: now };
  }

  return {
    // ---- reports (partner) ----
    async createReport(caller: Caller, input: { customer_name: string; mobile: string; email: string }) {
      requirePartner(caller);
      requireItem(caller, ITEMS.invite);
      const now = clock.now();
      const id = newPrefixedId('RP');
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('customer_report')
          .values({ id, partner_org_id: caller.org.id, customer_name: input.customer_name, mobile: input.mobile, email: input.email, status: 'PENDING', created_by: caller.userId, created_at: now, decided_at: null, decided_by: null, decision_reason: null, valid_until: null })
          .execute();
        await audit.append(tx, actorOf(caller), { operation: 'customers.report_create', targetType: 'customer_report', targetId: id, detail: { customer_name: input.customer_name } });
      });
      return id;
    },

    async listReports(caller: Caller) {
      if (caller.org.kind === 'vendor') {
        requireItem(caller, ITEMS.vendorReports);
        return db.selectFrom('customer_report').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(500).execute();
      }
      requirePartner(caller);
      requireItem(caller, ITEMS.invite);
      return db.selectFrom('customer_report').selectAll().where('partner_org_id', '=', caller.org.id).orderBy('created_at', 'desc').orderBy('id').limit(500).execute();
    },

    /** The vendor approves (valid for the configured period) or rejects a report. */
    async decideReport(caller: Caller, id: string, approve: boolean, reason: string | null) {
      if (caller.org.kind !== 'vendor') throw new AppError('CBC.0151');
      requireItem(caller, ITEMS.vendorReports);
      const now = clock.now();
      return db.transaction().execute(async (tx) => {
        const report = await tx.selectFrom('customer_report').select(['id', 'status']).where('id', '=', id).executeTakeFirst();
        if (!report) throw new AppError('HBN.0404');
        const validUntil = approve ? addDays(now, settings.reportValidityDays) : null;
        const r = await tx
          .updateTable('customer_report')
          .set({ status: approve ? 'APPROVED' : 'REJECTED', decided_at: now, decided_by: caller.userId, decision_reason: reason, valid_until: validUntil })
          .where('id', '=', id)
          .where('status', '=', 'PENDING')
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw new AppError('HBN.2135');
        await audit.append(tx, actorOf(caller), { operation: approve ? 'customers.report_approve' : 'customers.report_reject', targetType: 'customer_report', targetId: id, detail: { reason } });
        return { status: approve ? 'APPROVED' : 'REJECTED', valid_until: validUntil };
      });
    },

    // ---- invitations (partner) ----
    async createInvitation(
      caller: Caller,
      input: { channel: 'online' | 'offline'; association_type: AssociationType; report_id?: string; tag?: string; account_manager_id?: string },
    ) {
      requirePartner(caller);
      requireItem(caller, ITEMS.invite);
      const now = clock.now();
      return db.transaction().execute(async (tx) => {
        let email: string | null = null;
        let expiresAt: Date | null = null;
        let manager = input.account_manager_id ?? null;
        let tag = input.tag ?? null;
        if (input.channel === 'online') {
          if (!input.report_id) throw new AppError('CBC.0100', 'report_id is required for an online invitation');
          email = (await validReport(tx, caller.org.id, input.report_id, now)).email;
          expiresAt = addDays(now, settings.invitationValidDays);
        } else if (input.report_id) {
          // An offline link may still name a report: it must be this partner's and valid.
          await validReport(tx, caller.org.id, input.report_id, now);
        }
        if (input.channel === 'offline' && !caller.isMain && !manager) {
          // A member's own offline link carries the member's name, and assigns the member when
          // the member is an account manager.
          tag ??= caller.userName;
          if (await isAccountManagerCandidate(tx, caller.org.id, caller.userId, 'customer')) manager = caller.userId;
        } else if (manager && !(await isAccountManagerCandidate(tx, caller.org.id, manager, 'customer'))) throw new AppError('HBN.2171');
        const id = newPrefixedId('IV');
        const code = newSecret(24);
        await tx
          .insertInto('customer_invitation')
          .values({
            id,
            partner_org_id: caller.org.id,
            channel: input.channel,
            association_type: input.association_type,
            code,
            report_id: input.report_id ?? null,
            email,
            tag,
            manager_user_id: manager,
            created_by: caller.userId,
            created_at: now,
            expires_at: expiresAt,
            sent_count: email ? 1 : 0,
            last_sent_at: email ? now : null,
            revoked_at: null,
          })
          .execute();
        if (email) await mail(tx, caller.org.id, email, caller.org.name, input.association_type, code, expiresAt!, now);
        await audit.append(tx, actorOf(caller), {
          operation: 'customers.add_invite_trace_log',
          targetType: 'customer_invitation',
          targetId: id,
          detail: { channel: input.channel, association_type: input.association_type, tag, manager_user_id: manager },
        });
        return { id, code, link: linkOf(code), expires_at: expiresAt };
      });
    },

    async listInvitations(caller: Caller) {
      requirePartner(caller);
      requireItem(caller, ITEMS.invite);
      return db.selectFrom('customer_invitation').selectAll().where('partner_org_id', '=', caller.org.id).orderBy('created_at', 'desc').orderBy('id').limit(500).execute();
    },

    /** Sends an online invitation again: a fresh 7-day validity and another e-mail. */
    async resend(caller: Caller, id: string) {
      requirePartner(caller);
      requireItem(caller, ITEMS.invite);
      const now = clock.now();
      return db.transaction().execute(async (tx) => {
        const inv = await tx.selectFrom('customer_invitation').selectAll().where('id', '=', id).where('partner_org_id', '=', caller.org.id).forUpdate().executeTakeFirst();
        if (!inv) throw new AppError('HBN.0404');
        if (inv.channel !== 'online') throw new AppError('HBN.2137');
        if (inv.revoked_at) throw new AppError('HBN.2133');
        await validReport(tx, caller.org.id, inv.report_id!, now);
        const expiresAt = addDays(now, settings.invitationValidDays);
        await tx.updateTable('customer_invitation').set({ expires_at: expiresAt, last_sent_at: now, sent_count: inv.sent_count + 1 }).where('id', '=', id).execute();
        await mail(tx, caller.org.id, inv.email!, caller.org.name, inv.association_type, inv.code, expiresAt, now);
        await audit.append(tx, actorOf(caller), { operation: 'customers.invitation_resend', targetType: 'customer_invitation', targetId: id });
        return { id, link: linkOf(inv.code), expires_at: expiresAt, sent_count: inv.sent_count + 1 };
      });
    },

    async revoke(caller: Caller, id: string) {
      requirePartner(caller);
      requireItem(caller, ITEMS.invite);
      await db.transaction().execute(async (tx) => {
        const r = await tx
          .updateTable('customer_invitation')
          .set({ revoked_at: clock.now() })
          .where('id', '=', id)
          .where('partner_org_id', '=', caller.org.id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw new AppError('HBN.0404');
        await audit.append(tx, actorOf(caller), { operation: 'customers.invitation_revoke', targetType: 'customer_invitation', targetId: id });
      });
    },

    // ---- the public invitation page ----
    async describe(code: string) {
      const inv = await usableInvitation(db, code, clock.now());
      const partner = (await repo.findOrg(db, inv.partner_org_id))!;
      return {
        partner_name: partner.name,
        association_type: String(inv.association_type) as '1' | '2',
        channel: inv.channel,
        tag: inv.tag,
        expires_at: inv.expires_at ? new Date(inv.expires_at) : null,
        notice_zh: ASSOCIATION_NOTICE[inv.association_type].zh,
        notice_en: ASSOCIATION_NOTICE[inv.association_type].en,
      };
    },

    /** A new customer registers through the link: customer organization, main account, association. */
    async register(code: string, input: { account_name: string; password: string; customer_name: string; mobile?: string; email?: string; agree_notice: boolean }, clientIp: string) {
      if (!accountNameAllowed(input.account_name)) throw new AppError('CBC.0100', 'account_name');
      if (!passwordAllowed(input.password, input.account_name, input.mobile)) throw new AppError('HBN.2139');
      if (!input.agree_notice) throw new AppError('CBC.0100', 'agree_notice must be true');
      const passwordHash = await hashPassword(input.password);
      const now = clock.now();
      try {
        return await db.transaction().execute(async (tx) => {
          const inv = await usableInvitation(tx, code, now);
          if (inv.report_id) {
            const report = await validReport(tx, inv.partner_org_id, inv.report_id, now);
            if (input.mobile !== report.mobile) throw new AppError('HBN.2138');
          }
          const account = await createCustomerAccount(tx, {
            accountName: input.account_name,
            displayName: input.customer_name,
            passwordHash,
            mobile: input.mobile ?? null,
            email: input.email ?? null,
            customerType: -1,
            createdAt: now,
          });
          if (!account) throw new AppError('HBN.2136');
          const actor: Actor = { userId: account.userId, userName: input.account_name, orgId: account.orgId, via: 'console', clientIp };
          await audit.append(tx, actor, { operation: 'customers.register_by_invitation', targetType: 'customer', targetId: account.orgId, detail: { invitation_id: inv.id } });
          return { ...(await associate(tx, inv, account.orgId, actor, now)), account_name: input.account_name };
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('HBN.2136');
        throw error;
      }
    },

    /** A signed-in customer accepts the invitation with its existing account. */
    async accept(caller: Caller, code: string, agreeNotice: boolean) {
      if (!agreeNotice) throw new AppError('CBC.0100', 'agree_notice must be true');
      if (caller.org.kind !== 'customer') throw new AppError('HBN.2116');
      if (!caller.isMain) throw new AppError('CBC.0151');
      const now = clock.now();
      try {
        return await db.transaction().execute(async (tx) => {
          const inv = await usableInvitation(tx, code, now);
          if (inv.report_id) await validReport(tx, inv.partner_org_id, inv.report_id, now);
          return { ...(await associate(tx, inv, caller.org.id, actorOf(caller), now)), account_name: caller.userName };
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('HBN.2115');
        throw error;
      }
    },
  };
}

export type InvitationService = ReturnType<typeof createInvitationService>;
