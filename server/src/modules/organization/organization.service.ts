// The organization module's service: members, roles, and the organization's security setting.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { actorOf, type Caller } from '../../shared/actor.ts';
import { toApiTime, type Clock } from '../../shared/clock.ts';
import type { AuditService } from '../audit/index.ts';
import { createMembersService, type MemberCredentials } from './members.service.ts';
import * as repo from './organization.repo.ts';
import { createRolesService } from './roles.service.ts';
import type { SecondFactor } from './second-factor.ts';

export interface OrganizationDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  credentials: MemberCredentials;
  secondFactor: Pick<SecondFactor, 'verifyCode'>;
}

export function createOrganizationService(deps: OrganizationDeps) {
  const { db, clock, audit, secondFactor } = deps;

  async function security(caller: Caller) {
    const setting = await repo.securitySetting(db, caller.org.id);
    return {
      sensitive_operation_verification: setting.sensitive_verification,
      updated_at: setting.updated_at ? toApiTime(new Date(setting.updated_at)) : null,
    };
  }

  return {
    members: createMembersService(deps),
    roles: createRolesService(deps),
    security,

    /**
     * Turning verification on or off needs a code from the caller's own authenticator: on, to
     * prove the administrator will not lock the organization out; off, so that a stolen session
     * cannot switch the protection off.
     */
    async setSecurity(caller: Caller, enabled: boolean, code: string | undefined) {
      await secondFactor.verifyCode(caller, code);
      await db.transaction().execute(async (tx) => {
        await repo.saveSecuritySetting(tx, caller.org.id, enabled, clock.now());
        await audit.append(tx, actorOf(caller), {
          operation: 'organization.security_update',
          targetType: 'organization',
          targetId: caller.org.id,
          detail: { sensitive_operation_verification: enabled },
        });
      });
      return security(caller);
    },
  };
}

export type OrganizationService = ReturnType<typeof createOrganizationService>;
