// The customer list (Huawei's sub-customers query, export), creating a resale customer by API,
// freeze / unfreeze, and account managers of customers and of cloud resellers.
import ExcelJS from 'exceljs';
import { actorOf, type Caller } from '../../shared/actor.ts';
import { toApiTime } from '../../shared/clock.ts';
import { AppError, type ErrorCode, type Lang } from '../../shared/errors.ts';
import { newPrefixedId, newSecret } from '../../shared/ids.ts';
import { createCustomerAccount, hashPassword } from '../identity/index.ts';
import type { AssociationService } from './association.service.ts';
import * as repo from './customers.repo.ts';
import { accountNameAllowed, passwordAllowed } from './customers.rules.ts';
import { accountManagerCandidates, actingPartner, isAccountManagerCandidate, isUniqueViolation, ITEMS, requireItem, requirePartner, seesOnlyAssignedCustomers, type CustomersDeps, type ManagedKind } from './customers.shared.ts';

export interface CustomerQuery {
  account_name?: string;
  customer?: string;
  label?: string;
  association_type?: '1' | '2';
  associated_on_begin?: string;
  associated_on_end?: string;
  customer_id?: string;
  indirect_partner_id?: string;
  account_manager?: string;
  is_frozen?: number;
  offset: number;
  limit: number;
}

const countryCode = (c: string) => (c === 'CN' ? '0086' : c);

export function customerInfo(r: repo.CustomerListRow) {
  return {
    customer: r.customer_name,
    account_name: r.domain_name,
    customer_id: r.customer_org_id,
    associated_on: toApiTime(new Date(r.associated_on)),
    association_type: String(r.association_type),
    label: r.label ?? '',
    telephone: r.mobile ?? '',
    verified_status: '-1',
    country_code: countryCode(r.country_code),
    customer_type: r.customer_type,
    is_frozen: r.is_frozen,
    account_managers: r.manager_name ? [{ account_name: r.manager_name }] : [],
    xaccount_id: r.xaccount_id ?? '',
    xaccount_type: r.xaccount_type ?? '',
    customer_level: 'V0',
    email: r.email ?? '',
  };
}

export function createCustomerService(deps: CustomersDeps & { associations: AssociationService }) {
  const { db, clock, audit, associations } = deps;

  async function filterOf(caller: Caller, q: CustomerQuery): Promise<repo.CustomerListFilter> {
    requirePartner(caller);
    // A member holding only "view assigned customers" sees the customers assigned to them.
    const onlyMine = !q.indirect_partner_id && seesOnlyAssignedCustomers(caller);
    const partnerOrgId = onlyMine ? caller.org.id : await actingPartner(db, caller, q.indirect_partner_id, ITEMS.view, ITEMS.resellerView);
    return {
      partnerOrgId,
      accountName: q.account_name,
      customer: q.customer,
      label: q.label,
      associationType: q.association_type ? (Number(q.association_type) as 1 | 2) : undefined,
      associatedOnBegin: q.associated_on_begin ? new Date(q.associated_on_begin) : undefined,
      associatedOnEnd: q.associated_on_end ? new Date(q.associated_on_end) : undefined,
      customerId: q.customer_id,
      accountManager: q.account_manager,
      isFrozen: q.is_frozen,
      managerUserId: onlyMine ? caller.userId : undefined,
    };
  }

  async function freezeOrUnfreeze(caller: Caller, input: { customer_ids: string[]; reason: string; indirect_partner_id?: string; type?: string }, freeze: boolean) {
    const partnerOrgId = await actingPartner(db, caller, input.indirect_partner_id, ITEMS.freeze, ITEMS.resellerFreeze);
    const errors: { error_code: ErrorCode; id: string }[] = [];
    const now = clock.now();
    await db.transaction().execute(async (tx) => {
      for (const customerId of [...new Set(input.customer_ids)]) {
        const a = await repo.currentAssociation(tx, partnerOrgId, customerId);
        if (!a) {
          errors.push({ error_code: 'CBC.99000035', id: customerId });
          continue;
        }
        const locked = (await repo.lockAssociation(tx, a.id))!;
        if (locked.association_type !== 2) {
          errors.push({ error_code: 'HBN.2163', id: customerId });
          continue;
        }
        const target = freeze ? (input.type === 'ACCOUNT_AND_RESOURCE' ? 2 : 1) : 0;
        if ((freeze && locked.is_frozen !== 0) || (!freeze && locked.is_frozen === 0)) {
          errors.push({ error_code: 'HBN.2164', id: customerId });
          continue;
        }
        await tx
          .updateTable('customer_association')
          .set({ is_frozen: target as 0 | 1 | 2, frozen_reason: freeze ? input.reason : null, frozen_at: freeze ? now : null })
          .where('id', '=', locked.id)
          .execute();
        await audit.append(tx, actorOf(caller), {
          operation: freeze ? 'customers.freeze' : 'customers.unfreeze',
          targetType: 'customer',
          targetId: customerId,
          detail: { partner_id: partnerOrgId, reason: input.reason, is_frozen: target },
        });
      }
    });
    return errors;
  }

  async function subjectOf(caller: Caller, kind: 'customer' | 'reseller', subjectId: string) {
    requirePartner(caller);
    if (kind === 'customer') {
      requireItem(caller, ITEMS.assignManager);
      if (!(await repo.currentAssociation(db, caller.org.id, subjectId))) throw new AppError('HBN.0404');
    } else {
      requireItem(caller, ITEMS.resellerManager);
      const reseller = await repo.findOrg(db, subjectId);
      if (!reseller || reseller.parent_partner_id !== caller.org.id) throw new AppError('HBN.0404');
    }
  }

  return {
    async list(caller: Caller, q: CustomerQuery) {
      const filter = await filterOf(caller, q);
      const { count, rows } = await repo.listCustomers(db, filter, q.offset, q.limit);
      return { count, customer_infos: rows.map(customerInfo) };
    },

    /** The list as a spreadsheet (at most 10,000 rows), with headers in the caller's language. */
    async exportXlsx(caller: Caller, q: Omit<CustomerQuery, 'offset' | 'limit'>, lang: Lang): Promise<Buffer> {
      const filter = await filterOf(caller, { ...q, offset: 0, limit: 1 });
      const { rows } = await repo.listCustomers(db, filter, 0, 10_000);
      const zh = lang === 'zh';
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet(zh ? '客户列表' : 'Customers');
      sheet.columns = [
        { header: zh ? '客户名称' : 'Customer', key: 'customer', width: 30 },
        { header: zh ? '账号名' : 'Account name', key: 'account_name', width: 20 },
        { header: zh ? '客户ID' : 'Customer ID', key: 'customer_id', width: 34 },
        { header: zh ? '关联类型' : 'Association type', key: 'type', width: 14 },
        { header: zh ? '关联时间' : 'Associated on', key: 'associated_on', width: 22 },
        { header: zh ? '标签' : 'Label', key: 'label', width: 16 },
        { header: zh ? '客户经理' : 'Account manager', key: 'manager', width: 18 },
        { header: zh ? '冻结状态' : 'Frozen', key: 'frozen', width: 10 },
        { header: zh ? '邮箱' : 'Email', key: 'email', width: 26 },
      ];
      for (const r of rows) {
        const info = customerInfo(r);
        sheet.addRow({
          customer: info.customer,
          account_name: info.account_name,
          customer_id: info.customer_id,
          type: r.association_type === 1 ? (zh ? '顾问销售' : 'Consultative sales') : zh ? '代售' : 'Resale',
          associated_on: info.associated_on,
          label: info.label,
          manager: info.account_managers[0]?.account_name ?? '',
          frozen: r.is_frozen ? (zh ? '是' : 'Yes') : zh ? '否' : 'No',
          email: info.email,
        });
      }
      return Buffer.from(await book.xlsx.writeBuffer());
    },

    /** POST /v2/partners/sub-customers: a new customer account associated in resale mode. */
    async createSubCustomer(
      caller: Caller,
      input: { domain_name?: string | null; mobile_phone?: string; password?: string | null; xaccount_id?: string; xaccount_type?: string; indirect_partner_id?: string },
    ) {
      const partnerOrgId = await actingPartner(db, caller, input.indirect_partner_id, ITEMS.create, ITEMS.create);
      const name = input.domain_name || `hb${newSecret(24).replace(/[^a-zA-Z0-9]/g, '').toLowerCase()}`.slice(0, 32);
      if (!accountNameAllowed(name)) throw new AppError('CBC.0100', 'domain_name');
      if (input.password != null && !passwordAllowed(input.password, name, input.mobile_phone)) throw new AppError('HBN.2139');
      const passwordHash = await hashPassword(input.password ?? newSecret(32));
      const now = clock.now();
      try {
        return await db.transaction().execute(async (tx) => {
          if (input.xaccount_id) {
            const used = await tx
              .selectFrom('customer_association')
              .select('id')
              .where('partner_org_id', '=', partnerOrgId)
              .where('xaccount_id', '=', input.xaccount_id)
              .where('xaccount_type', '=', input.xaccount_type ?? '')
              .where('ended_on', 'is', null)
              .executeTakeFirst();
            if (used) throw new AppError('HBN.2195');
          }
          const account = await createCustomerAccount(tx, {
            accountName: name,
            displayName: name,
            passwordHash,
            mobile: input.mobile_phone ?? null,
            email: null,
            customerType: -1,
            createdAt: now,
          });
          if (!account) throw new AppError('HBN.2136');
          const associationId = newPrefixedId('AS');
          await tx
            .insertInto('customer_association')
            .values({
              id: associationId,
              customer_org_id: account.orgId,
              partner_org_id: partnerOrgId,
              association_type: 2,
              associated_on: now,
              label: null,
              source: 'api',
              xaccount_id: input.xaccount_id ?? null,
              xaccount_type: input.xaccount_type ?? '',
              invitation_id: null,
              ended_on: null,
              end_reason: null,
              frozen_at: null,
              frozen_reason: null,
            })
            .execute();
          const actor = actorOf(caller);
          await associations.recordAssociated(tx, { id: associationId, partner_org_id: partnerOrgId, customer_org_id: account.orgId, association_type: 2 }, actor, now);
          await audit.append(tx, actor, {
            operation: 'customers.create_sub_customer',
            targetType: 'customer',
            targetId: account.orgId,
            detail: { domain_name: name, partner_id: partnerOrgId, xaccount_id: input.xaccount_id ?? null },
          });
          return { domain_id: account.orgId, domain_name: name };
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('HBN.2136');
        throw error;
      }
    },

    freeze: (caller: Caller, input: { customer_ids: string[]; reason: string; indirect_partner_id?: string; freeze_type?: string }) =>
      freezeOrUnfreeze(caller, { ...input, type: input.freeze_type }, true),
    unfreeze: (caller: Caller, input: { customer_ids: string[]; reason: string; indirect_partner_id?: string; unfreeze_type?: string }) =>
      freezeOrUnfreeze(caller, { ...input, type: input.unfreeze_type }, false),

    async assignManager(caller: Caller, kind: 'customer' | 'reseller', subjectId: string, managerUserId: string) {
      await subjectOf(caller, kind, subjectId);
      const now = clock.now();
      try {
        return await db.transaction().execute(async (tx) => {
          if (!(await isAccountManagerCandidate(tx, caller.org.id, managerUserId, kind))) throw new AppError('HBN.2171');
          const previous = await repo.currentManager(tx, caller.org.id, subjectId);
          await repo.withdrawManager(tx, caller.org.id, subjectId, now, caller.userId);
          const id = newPrefixedId('AM');
          await tx
            .insertInto('account_manager_assignment')
            .values({ id, partner_org_id: caller.org.id, subject_kind: kind, subject_org_id: subjectId, manager_user_id: managerUserId, assigned_at: now, assigned_by: caller.userId, withdrawn_at: null, withdrawn_by: null })
            .execute();
          await audit.append(tx, actorOf(caller), {
            operation: 'customers.account_manager_assign',
            targetType: kind,
            targetId: subjectId,
            detail: { manager_user_id: managerUserId, previous_manager_user_id: previous?.manager_user_id ?? null },
          });
          return { id, assigned_at: now };
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('HBN.2161');
        throw error;
      }
    },

    async withdrawManager(caller: Caller, kind: 'customer' | 'reseller', subjectId: string) {
      await subjectOf(caller, kind, subjectId);
      await db.transaction().execute(async (tx) => {
        const current = await repo.currentManager(tx, caller.org.id, subjectId);
        if (!current || (await repo.withdrawManager(tx, caller.org.id, subjectId, clock.now(), caller.userId)) === 0) throw new AppError('HBN.2172');
        await audit.append(tx, actorOf(caller), {
          operation: 'customers.account_manager_withdraw',
          targetType: kind,
          targetId: subjectId,
          detail: { manager_user_id: current.manager_user_id },
        });
      });
    },

    /** Members who may be assigned as account manager: for assigning, and for a manager's invitation links. */
    async managerCandidates(caller: Caller, kind: ManagedKind) {
      requirePartner(caller);
      const items = kind === 'customer' ? [ITEMS.assignManager, ITEMS.invite] : [ITEMS.resellerManager];
      if (!items.some((item) => caller.permissions.has(item))) throw new AppError('CBC.0151');
      return accountManagerCandidates(db, caller.org.id, kind);
    },

    async managerHistory(caller: Caller, kind: 'customer' | 'reseller', subjectId: string) {
      requirePartner(caller);
      requireItem(caller, kind === 'customer' ? ITEMS.view : ITEMS.resellerManager);
      if (kind === 'customer') {
        const ever = await db.selectFrom('customer_association').select('id').where('partner_org_id', '=', caller.org.id).where('customer_org_id', '=', subjectId).executeTakeFirst();
        if (!ever) throw new AppError('HBN.0404');
      } else {
        const reseller = await repo.findOrg(db, subjectId);
        if (!reseller || reseller.parent_partner_id !== caller.org.id) throw new AppError('HBN.0404');
      }
      return repo.managerHistory(db, caller.org.id, subjectId);
    },
  };
}

export type CustomerService = ReturnType<typeof createCustomerService>;
