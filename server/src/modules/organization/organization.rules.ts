// Pure rules of the organization module: role combinations, password policy, who may manage
// whom, and what may be granted.
import { AppError } from '../../shared/errors.ts';
import type { ExclusiveGroup } from './system-roles.ts';

export const MAX_ROLES_PER_MEMBER = 3;

export interface RoleTraits {
  id: string;
  exclusive?: boolean;
  group?: ExclusiveGroup;
}

/** At most 3 roles; the administrator alone; account manager and supervisor never together. */
export function checkRoleSet(roles: RoleTraits[]): void {
  if (roles.length > MAX_ROLES_PER_MEMBER) throw new AppError('HBN.2001');
  if (roles.length > 1 && roles.some((r) => r.exclusive)) throw new AppError('HBN.2002');
  const groups = new Set(roles.map((r) => r.group).filter(Boolean));
  if (groups.has('account_manager') && groups.has('account_manager_supervisor')) throw new AppError('HBN.2003');
}

/**
 * 8 to 32 characters, at least three of: lower case, upper case, digit, other; and not
 * containing the account name (IAM's default policy).
 */
export function checkPasswordPolicy(password: string, accountName: string): void {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  const ok =
    password.length >= 8 &&
    password.length <= 32 &&
    classes >= 3 &&
    !password.toLowerCase().includes(accountName.toLowerCase());
  if (!ok) throw new AppError('HBN.1008');
}

export interface ManagedUser {
  id: string;
  is_main: boolean;
}

/** The main account is managed by nobody here, and nobody manages their own access or status. */
export function checkMayManage(callerUserId: string, target: ManagedUser): void {
  if (target.is_main || target.id === callerUserId) throw new AppError('HBN.2011');
}

/** A member may only grant items it holds itself (no escalation); the main account holds all. */
export function checkGrantable(isMain: boolean, held: ReadonlySet<string>, granted: Iterable<string>): void {
  if (isMain) return;
  for (const code of granted) if (!held.has(code)) throw new AppError('HBN.2010', code);
}

/** Item codes the organization cannot hold, in request order. */
export function unknownItems(requested: string[], possible: ReadonlySet<string>): string[] {
  return requested.filter((c) => !possible.has(c));
}
