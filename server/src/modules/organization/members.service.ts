// Members (组织成员 > 人员管理): personnel accounts of the caller's organization. The account
// name is fixed once created; the initial password must be changed at first sign-in. A member
// of another organization is reported as missing.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { actorOf, type Caller } from '../../shared/actor.ts';
import { toApiTime, type Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { AuditService } from '../audit/index.ts';
import * as repo from './organization.repo.ts';
import { checkGrantable, checkMayManage, checkPasswordPolicy, checkRoleSet } from './organization.rules.ts';
import { resolveRoles } from './roles.service.ts';

/** What the organization module needs from identity: passwords and the user's sessions and keys. */
export interface MemberCredentials {
  hashPassword(password: string): Promise<string>;
  /** Ends every session and token of the user (except one, when given). */
  revokeSessionsOf(tx: Kysely<DB>, userId: string, exceptSessionId?: string): Promise<void>;
  /** Removes the user's sessions and access keys before the user is deleted. */
  forgetUser(tx: Kysely<DB>, userId: string): Promise<void>;
}

export interface MembersDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  credentials: MemberCredentials;
}

export interface NewMember {
  account_name: string;
  display_name: string;
  mobile?: string | null;
  email?: string | null;
  initial_password: string;
  role_ids: string[];
}

export interface MemberChanges {
  display_name?: string;
  mobile?: string | null;
  email?: string | null;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === '23505';

export function createMembersService(deps: MembersDeps) {
  const { db, clock, audit, credentials } = deps;

  async function views(caller: Caller, rows: repo.MemberRow[]) {
    const links = await repo.roleIdsOfMembers(db, caller.org.id, rows.map((r) => r.id));
    const roles = new Map((await resolveRoles(db, caller, [...new Set(links.map((l) => l.role_id))])).map((r) => [r.id, r]));
    return rows.map((r) => ({
      id: r.id,
      account_name: r.name,
      display_name: r.display_name,
      mobile: r.mobile,
      email: r.email,
      status: r.status,
      is_main: r.is_main,
      must_change_password: r.must_change_password,
      roles: links
        .filter((l) => l.user_id === r.id)
        .map((l) => roles.get(l.role_id)!)
        .map((role) => ({ id: role.id, name_zh: role.name_zh, name_en: role.name_en, system: role.system })),
      created_at: toApiTime(new Date(r.created_at)),
      updated_at: toApiTime(new Date(r.updated_at)),
    }));
  }

  async function get(caller: Caller, id: string) {
    const row = await repo.findMember(db, caller.org.id, id);
    if (!row) throw new AppError('HBN.2012');
    return (await views(caller, [row]))[0];
  }

  /** Roles to give: known in this organization, a valid combination, and within the caller's own items. */
  async function rolesToGrant(tx: Kysely<DB>, caller: Caller, roleIds: string[]) {
    const roles = await resolveRoles(tx, caller, roleIds);
    checkRoleSet(roles);
    checkGrantable(caller.isMain, caller.permissions, roles.flatMap((r) => r.items));
    return roles.map((r) => r.id);
  }

  /** Loads a member another user may manage, locked for the transaction. */
  async function manageable(tx: Kysely<DB>, caller: Caller, id: string) {
    const row = await repo.lockMember(tx, caller.org.id, id);
    if (!row) throw new AppError('HBN.2012');
    checkMayManage(caller.userId, row);
    return row;
  }

  async function setStatus(caller: Caller, id: string, status: 'active' | 'disabled') {
    await db.transaction().execute(async (tx) => {
      const row = await manageable(tx, caller, id);
      if (row.status === status) return; // already so: nothing to do, nothing to audit
      await repo.updateMember(tx, caller.org.id, id, { status }, clock.now());
      if (status === 'disabled') await credentials.revokeSessionsOf(tx, id);
      await audit.append(tx, actorOf(caller), {
        operation: status === 'disabled' ? 'organization.member_disable' : 'organization.member_enable',
        targetType: 'user',
        targetId: id,
        detail: { account_name: row.name },
      });
    });
    return get(caller, id);
  }

  return {
    async list(caller: Caller, filter: repo.MemberFilter, offset: number, limit: number) {
      const { total, rows } = await repo.listMembers(db, caller.org.id, filter, offset, limit);
      return { total, members: await views(caller, rows) };
    },

    get,

    async create(caller: Caller, input: NewMember) {
      checkPasswordPolicy(input.initial_password, input.account_name);
      const passwordHash = await credentials.hashPassword(input.initial_password);
      const id = newId();
      try {
        await db.transaction().execute(async (tx) => {
          const roleIds = await rolesToGrant(tx, caller, input.role_ids);
          if (await repo.accountNameTaken(tx, input.account_name)) throw new AppError('HBN.2009');
          await repo.insertMember(tx, {
            id,
            org_id: caller.org.id,
            name: input.account_name,
            display_name: input.display_name,
            mobile: input.mobile ?? null,
            email: input.email ?? null,
            password_hash: passwordHash,
            at: clock.now(),
          });
          await repo.replaceMemberRoles(tx, caller.org.id, id, roleIds);
          await audit.append(tx, actorOf(caller), {
            operation: 'organization.member_create',
            targetType: 'user',
            targetId: id,
            detail: { account_name: input.account_name, roles: roleIds },
          });
        });
      } catch (error) {
        // Two creations of one name at once: the unique index decides.
        if (isUniqueViolation(error)) throw new AppError('HBN.2009');
        throw error;
      }
      return get(caller, id);
    },

    async update(caller: Caller, id: string, changes: MemberChanges) {
      await db.transaction().execute(async (tx) => {
        const row = await repo.lockMember(tx, caller.org.id, id);
        if (!row) throw new AppError('HBN.2012');
        // One may edit one's own contact details, but the main account's only by itself.
        if (row.is_main && row.id !== caller.userId) throw new AppError('HBN.2011');
        await repo.updateMember(tx, caller.org.id, id, changes, clock.now());
        await audit.append(tx, actorOf(caller), {
          operation: 'organization.member_update',
          targetType: 'user',
          targetId: id,
          detail: { fields: Object.keys(changes).sort() },
        });
      });
      return get(caller, id);
    },

    async setRoles(caller: Caller, id: string, roleIds: string[]) {
      await db.transaction().execute(async (tx) => {
        await manageable(tx, caller, id);
        const before = (await repo.roleIdsOfMembers(tx, caller.org.id, [id])).map((l) => l.role_id);
        const after = await rolesToGrant(tx, caller, roleIds);
        await repo.replaceMemberRoles(tx, caller.org.id, id, after);
        await audit.append(tx, actorOf(caller), {
          operation: 'organization.member_roles',
          targetType: 'user',
          targetId: id,
          detail: { before, after },
        });
      });
      return get(caller, id);
    },

    disable: (caller: Caller, id: string) => setStatus(caller, id, 'disabled'),
    enable: (caller: Caller, id: string) => setStatus(caller, id, 'active'),

    async resetPassword(caller: Caller, id: string, password: string) {
      const row = await repo.findMember(db, caller.org.id, id);
      if (!row) throw new AppError('HBN.2012');
      checkMayManage(caller.userId, row);
      checkPasswordPolicy(password, row.name);
      const passwordHash = await credentials.hashPassword(password);
      await db.transaction().execute(async (tx) => {
        await manageable(tx, caller, id);
        await repo.updateMember(tx, caller.org.id, id, { password_hash: passwordHash, must_change_password: true }, clock.now());
        await credentials.revokeSessionsOf(tx, id);
        await audit.append(tx, actorOf(caller), { operation: 'organization.member_password_reset', targetType: 'user', targetId: id });
      });
      return get(caller, id);
    },

    async delete(caller: Caller, id: string) {
      await db.transaction().execute(async (tx) => {
        const row = await manageable(tx, caller, id);
        await credentials.forgetUser(tx, id);
        await repo.deleteMember(tx, caller.org.id, id);
        await audit.append(tx, actorOf(caller), {
          operation: 'organization.member_delete',
          targetType: 'user',
          targetId: id,
          detail: { account_name: row.name },
        });
      });
    },
  };
}

export type MembersService = ReturnType<typeof createMembersService>;
