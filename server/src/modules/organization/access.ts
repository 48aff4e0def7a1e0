// What a user may do: the main account holds every item its organization kind can hold;
// members hold the items of their roles. Computed on every request (one query), so that a role
// change takes effect on the member's next request.
import type { Kysely } from 'kysely';
import type { DB, OrgKind, PartnerType } from '../../db/schema.ts';
import { itemsFor } from './permissions.catalog.ts';
import { roleItemsOfUser } from './organization.repo.ts';
import { SYSTEM_ROLE_BY_ID } from './system-roles.ts';

export interface PermissionSubject {
  user_id: string;
  is_main: boolean;
  org_kind: OrgKind;
  partner_type: PartnerType | null;
}

export async function permissionsOf(db: Kysely<DB>, subject: PermissionSubject): Promise<ReadonlySet<string>> {
  const possible = itemsFor(subject.org_kind, subject.partner_type);
  if (subject.is_main) return possible;
  const held = new Set<string>();
  for (const row of await roleItemsOfUser(db, subject.user_id)) {
    const system = SYSTEM_ROLE_BY_ID.get(row.role_id);
    if (system) {
      if (system.audience === subject.org_kind) for (const code of possible) if (system.grants(code)) held.add(code);
    } else if (row.item_code && possible.has(row.item_code)) {
      // An item the organization can no longer hold (catalogue change, partner type change) is ignored.
      held.add(row.item_code);
    }
  }
  return held;
}
