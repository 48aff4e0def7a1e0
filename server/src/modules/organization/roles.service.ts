// Roles: the system roles of the caller's organization kind and the organization's custom roles
// built from the catalogue. System roles cannot be changed; custom roles accept only items the
// organization can hold, and a member only grants items it holds itself.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { actorOf, type Caller } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import { newPrefixedId } from '../../shared/ids.ts';
import { toApiTime } from '../../shared/clock.ts';
import type { AuditService } from '../audit/index.ts';
import * as repo from './organization.repo.ts';
import { checkGrantable, unknownItems, type RoleTraits } from './organization.rules.ts';
import { catalogFor, itemsFor } from './permissions.catalog.ts';
import { SYSTEM_ROLE_BY_ID, systemRoleItems, systemRolesFor } from './system-roles.ts';

export interface RolesDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
}

export interface ResolvedRole extends RoleTraits {
  name_zh: string;
  name_en: string;
  system: boolean;
  items: string[];
}

export interface RoleInput {
  name: string;
  description: string;
  items: string[];
}

const possibleFor = (caller: Caller) => itemsFor(caller.org.kind, caller.org.partnerType);

/** Resolves role ids in the caller's organization; an id of another organization is unknown. */
export async function resolveRoles(db: Kysely<DB>, caller: Caller, roleIds: string[]): Promise<ResolvedRole[]> {
  const ids = [...new Set(roleIds)];
  const customIds = ids.filter((id) => !SYSTEM_ROLE_BY_ID.has(id));
  const custom = new Map((await repo.findCustomRoles(db, caller.org.id, customIds)).map((r) => [r.id, r]));
  const items = await repo.itemsOfRoles(db, caller.org.id, [...custom.keys()]);
  return ids.map((id) => {
    const system = SYSTEM_ROLE_BY_ID.get(id);
    if (system) {
      if (system.audience !== caller.org.kind) throw new AppError('HBN.2004', id);
      const granted = systemRoleItems(system, caller.org.kind, caller.org.partnerType);
      return { id, exclusive: system.exclusive, group: system.group, name_zh: system.name_zh, name_en: system.name_en, system: true, items: [...granted].sort() };
    }
    const role = custom.get(id);
    if (!role) throw new AppError('HBN.2004', id);
    const codes = items.filter((i) => i.role_id === id).map((i) => i.item_code);
    return { id, name_zh: role.name, name_en: role.name, system: false, items: codes };
  });
}

export function createRolesService(deps: RolesDeps) {
  const { db, clock, audit } = deps;

  function checkItems(caller: Caller, items: string[]): string[] {
    const codes = [...new Set(items)].sort();
    const unknown = unknownItems(codes, possibleFor(caller));
    if (unknown.length) throw new AppError('HBN.2006', unknown.join(', '));
    checkGrantable(caller.isMain, caller.permissions, codes);
    return codes;
  }

  async function list(caller: Caller) {
    const counts = await repo.memberCountsByRole(db, caller.org.id);
    const system = systemRolesFor(caller.org.kind).map((r) => ({
      id: r.id,
      name_zh: r.name_zh,
      name_en: r.name_en,
      description_zh: r.description_zh,
      description_en: r.description_en,
      system: true,
      items: [...systemRoleItems(r, caller.org.kind, caller.org.partnerType)].sort(),
      member_count: counts.get(r.id) ?? 0,
      updated_at: null as string | null,
    }));
    const custom = await repo.customRoles(db, caller.org.id);
    const items = await repo.itemsOfRoles(db, caller.org.id, custom.map((r) => r.id));
    return [
      ...system,
      ...custom.map((r) => ({
        id: r.id,
        name_zh: r.name,
        name_en: r.name,
        description_zh: r.description,
        description_en: r.description,
        system: false,
        items: items.filter((i) => i.role_id === r.id).map((i) => i.item_code),
        member_count: counts.get(r.id) ?? 0,
        updated_at: toApiTime(new Date(r.updated_at)),
      })),
    ];
  }

  async function get(caller: Caller, id: string) {
    const role = (await list(caller)).find((r) => r.id === id);
    if (!role) throw new AppError('HBN.2004');
    return role;
  }

  return {
    catalog: (caller: Caller) => catalogFor(caller.org.kind, caller.org.partnerType),
    list,
    get,

    async create(caller: Caller, input: RoleInput) {
      const items = checkItems(caller, input.items);
      const id = newPrefixedId('ROLE');
      await db.transaction().execute(async (tx) => {
        if (await repo.roleNameTaken(tx, caller.org.id, input.name)) throw new AppError('HBN.2005');
        await repo.insertRole(tx, { id, org_id: caller.org.id, name: input.name, description: input.description, at: clock.now() });
        await repo.replaceRoleItems(tx, caller.org.id, id, items);
        await audit.append(tx, actorOf(caller), {
          operation: 'organization.role_create',
          targetType: 'role',
          targetId: id,
          detail: { name: input.name, items },
        });
      });
      return get(caller, id);
    },

    async update(caller: Caller, id: string, input: Partial<RoleInput>) {
      if (SYSTEM_ROLE_BY_ID.has(id)) throw new AppError('HBN.2007');
      const items = input.items ? checkItems(caller, input.items) : undefined;
      await db.transaction().execute(async (tx) => {
        const role = await repo.lockCustomRole(tx, caller.org.id, id);
        if (!role) throw new AppError('HBN.2004');
        if (input.name !== undefined && (await repo.roleNameTaken(tx, caller.org.id, input.name, id))) throw new AppError('HBN.2005');
        const before = (await repo.itemsOfRoles(tx, caller.org.id, [id])).map((i) => i.item_code);
        await repo.updateRole(tx, caller.org.id, id, { name: input.name, description: input.description }, clock.now());
        if (items) await repo.replaceRoleItems(tx, caller.org.id, id, items);
        await audit.append(tx, actorOf(caller), {
          operation: 'organization.role_update',
          targetType: 'role',
          targetId: id,
          detail: {
            name: input.name ?? role.name,
            ...(items ? { added: items.filter((c) => !before.includes(c)), removed: before.filter((c) => !items.includes(c)) } : {}),
          },
        });
      });
      return get(caller, id);
    },

    async delete(caller: Caller, id: string) {
      if (SYSTEM_ROLE_BY_ID.has(id)) throw new AppError('HBN.2007');
      await db.transaction().execute(async (tx) => {
        const role = await repo.lockCustomRole(tx, caller.org.id, id);
        if (!role) throw new AppError('HBN.2004');
        if ((await repo.memberCountsByRole(tx, caller.org.id)).get(id)) throw new AppError('HBN.2008');
        await repo.deleteRole(tx, caller.org.id, id);
        await audit.append(tx, actorOf(caller), { operation: 'organization.role_delete', targetType: 'role', targetId: id, detail: { name: role.name } });
      });
    },
  };
}

export type RolesService = ReturnType<typeof createRolesService>;
