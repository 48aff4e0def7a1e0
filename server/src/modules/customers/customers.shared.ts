// What the customers module's use cases share: dependencies, who acts for which partner, the
// system actor of the sweep, and the one seam that decides who may be an account manager.
import type { Kysely } from 'kysely';
import type { CustomerSettings } from '../../config.ts';
import type { DB, PartnerType } from '../../db/schema.ts';
import type { Actor, Caller } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import type { AuditService } from '../audit/index.ts';
import type { SecretBox } from '../identity/index.ts';
import { permissionsOf } from '../organization/index.ts';
import * as repo from './customers.repo.ts';

export interface CustomersDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  settings: CustomerSettings;
  secretBox: SecretBox;
}

export const ITEMS = {
  view: 'BPC_ITEM_SUBCUSTSERV_010100',
  viewAssigned: 'BPC_ITEM_SUBCUSTSERV_010130',
  freeze: 'BPC_ITEM_SUBCUSTSERV_010115',
  create: 'BPC_ITEM_SUBCUSTSERV_010118',
  admin: 'BPC_ITEM_SUBCUSTSERV_010105',
  authorize: 'BPC_ITEM_SUBCUSTSERV_010301',
  assignManager: 'BPC_ITEM_SUBCUSTSERV_010201',
  invite: 'BPC_ITEM_SUBCUSTSERV_010107',
  webhooks: 'BPC_ITEM_SUBCUSTSERV_010127',
  resellerView: 'BPC_ITEM_SUBCUSTSERV_010500',
  resellerFreeze: 'BPC_ITEM_SUBCUSTSERV_010501',
  resellerManager: 'BPC_ITEM_SALES_020107',
  resellerViewAssigned: 'BPC_ITEM_SALES_020108',
  myPartners: 'BPC_ITEM_MYPARTNER_010100',
  myPartnersHandle: 'BPC_ITEM_MYPARTNER_010101',
  myPartnersAuthorize: 'BPC_ITEM_MYPARTNER_010102',
  vendorReports: 'BPC_ITEM_OPS_020108',
} as const;

export function systemActor(orgId: string): Actor {
  return { userId: null, userName: null, orgId, via: 'system', clientIp: null };
}

export function requireItem(caller: Caller, item: string): void {
  if (!caller.permissions.has(item)) throw new AppError('CBC.0151');
}

/**
 * A member holding "view assigned customers" but not the whole customer list sees only the
 * customers assigned to them as account manager (and, in the orders module, only their orders).
 */
export function seesOnlyAssignedCustomers(caller: Caller): boolean {
  return !caller.permissions.has(ITEMS.view) && caller.permissions.has(ITEMS.viewAssigned);
}

export function requirePartner(caller: Caller): void {
  if (caller.org.kind !== 'partner') throw new AppError('CBC.0151');
}

export function requireCustomer(caller: Caller): void {
  if (caller.org.kind !== 'customer') throw new AppError('CBC.0151');
}

/**
 * The partner organization a request acts for: the caller's own, or, for a master distributor
 * passing indirect_partner_id, one of its cloud resellers (each with its own permission item).
 */
export async function actingPartner(
  db: Kysely<DB>,
  caller: Caller,
  indirectPartnerId: string | undefined,
  ownItem: string,
  resellerItem: string,
): Promise<string> {
  requirePartner(caller);
  if (!indirectPartnerId) {
    requireItem(caller, ownItem);
    return caller.org.id;
  }
  requireItem(caller, resellerItem);
  if (caller.org.partnerType !== 'master_distributor') throw new AppError('CBC.99000037');
  const reseller = await repo.findOrg(db, indirectPartnerId);
  if (!reseller || reseller.partner_type !== 'cloud_reseller' || reseller.parent_partner_id !== caller.org.id) {
    throw new AppError('CBC.99000037');
  }
  return reseller.id;
}

export type ManagedKind = 'customer' | 'reseller';

/**
 * The item that makes a member an account manager of customers or of cloud resellers: seeing
 * "the ones assigned to me" (the account-manager roles hold both; a custom role may too).
 */
export const MANAGER_ITEM: Record<ManagedKind, string> = { customer: ITEMS.viewAssigned, reseller: ITEMS.resellerViewAssigned };

type PartnerOrg = { id: string; kind: string; partner_type: PartnerType | null };

async function holdsManagerItem(db: Kysely<DB>, org: PartnerOrg, userId: string, kind: ManagedKind) {
  const items = await permissionsOf(db, { user_id: userId, is_main: false, org_kind: 'partner', partner_type: org.partner_type });
  return items.has(MANAGER_ITEM[kind]);
}

/**
 * Who may be an account manager of this partner's customers or resellers: an active member (an
 * operator, not the main account) whose roles grant MANAGER_ITEM[kind]. The one place that decides.
 */
export async function isAccountManagerCandidate(db: Kysely<DB>, partnerOrgId: string, userId: string, kind: ManagedKind): Promise<boolean> {
  const user = await repo.findUser(db, userId);
  if (!user || user.org_id !== partnerOrgId || user.status !== 'active' || user.is_main) return false;
  const org = await repo.findOrg(db, partnerOrgId);
  return !!org && org.kind === 'partner' && holdsManagerItem(db, org, user.id, kind);
}

/** The members isAccountManagerCandidate admits, by account name. */
export async function accountManagerCandidates(db: Kysely<DB>, partnerOrgId: string, kind: ManagedKind) {
  const org = await repo.findOrg(db, partnerOrgId);
  if (!org || org.kind !== 'partner') return [];
  const candidates = [];
  for (const m of await repo.activeMembers(db, partnerOrgId)) if (await holdsManagerItem(db, org, m.id, kind)) candidates.push(m);
  return candidates;
}

/** A unique-constraint violation (two requests raced for the same name or slot). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}
