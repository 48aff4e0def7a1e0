// Who is acting, as every service and the audit trail see it.
import type { OrgKind, PartnerType } from '../db/schema.ts';

export type Via = 'console' | 'token' | 'aksk' | 'system';

export interface CallerOrg {
  id: string;
  name: string;
  kind: OrgKind;
  partnerType: PartnerType | null;
  parentPartnerId: string | null;
  status: 'active' | 'frozen' | 'restricted';
}

export interface Caller {
  userId: string;
  userName: string;
  displayName: string;
  isMain: boolean;
  mustChangePassword: boolean;
  org: CallerOrg;
  via: Via;
  /** Console session or API token id (hash); absent for AK/SK. */
  sessionId?: string;
  permissions: ReadonlySet<string>;
  clientIp: string;
}

/** The audit trail's view of an actor. */
export interface Actor {
  userId: string | null;
  userName: string | null;
  orgId: string;
  via: Via;
  clientIp: string | null;
  onBehalfOf?: string | null;
}

export function actorOf(caller: Caller): Actor {
  return { userId: caller.userId, userName: caller.userName, orgId: caller.org.id, via: caller.via, clientIp: caller.clientIp };
}
