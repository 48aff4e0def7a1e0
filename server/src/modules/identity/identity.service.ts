// Sign-in (console session or IAM token), resolution of the three credentials into one Caller,
// and access keys. Every sign-in, sign-out and key change is audited.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { actorOf, type Actor, type Caller, type Via } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import { newSecret } from '../../shared/ids.ts';
import type { AuditService } from '../audit/index.ts';
import { checkPasswordPolicy, permissionsOf } from '../organization/index.ts';
import * as repo from './identity.repo.ts';
import type { UserWithOrg } from './identity.repo.ts';
import { decoyHash, hashPassword, verifyPassword } from './passwords.ts';
import type { SecretBox } from './secret-box.ts';

export const MAX_ACCESS_KEYS_PER_USER = 2;

export interface IdentityDeps {
  db: Kysely<DB>;
  clock: Clock;
  config: Pick<Config, 'sessionTtlMinutes' | 'apiTokenTtlHours' | 'loginMaxFailures' | 'loginLockMinutes'>;
  audit: Pick<AuditService, 'append'>;
  secretBox: SecretBox;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function actorFromUser(u: UserWithOrg, via: Via, clientIp: string): Actor {
  return { userId: u.user_id, userName: u.user_name, orgId: u.org_id, via, clientIp };
}

export function createIdentityService(deps: IdentityDeps) {
  const { db, clock, config, audit } = deps;

  async function toCaller(u: UserWithOrg, via: Via, clientIp: string, sessionId?: string): Promise<Caller> {
    return {
      userId: u.user_id,
      userName: u.user_name,
      displayName: u.display_name,
      isMain: u.is_main,
      mustChangePassword: u.must_change_password,
      org: {
        id: u.org_id,
        name: u.org_name,
        kind: u.org_kind,
        partnerType: u.partner_type,
        parentPartnerId: u.parent_partner_id,
        status: u.org_status,
      },
      via,
      sessionId,
      permissions: await permissionsOf(db, u),
      clientIp,
    };
  }

  /** Checks name and password with lockout after repeated failures; audits the outcome. */
  async function checkPassword(name: string, password: string, clientIp: string, via: Via): Promise<UserWithOrg> {
    const now = clock.now();
    const throttle = await repo.findThrottle(db, name);
    if (throttle?.locked_until && new Date(throttle.locked_until) > now) throw new AppError('HBN.1002');

    const user = await repo.findUserByName(db, name);
    const ok = await verifyPassword(user?.password_hash ?? (await decoyHash()), password);
    if (!user || !ok) {
      const windowMs = config.loginLockMinutes * 60_000;
      const fresh = !throttle || now.getTime() - new Date(throttle.window_start).getTime() > windowMs;
      const failures = fresh ? 1 : throttle.failures + 1;
      const locked = failures >= config.loginMaxFailures;
      await db.transaction().execute(async (tx) => {
        await repo.saveThrottle(tx, {
          user_name: name,
          failures: locked ? 0 : failures,
          window_start: fresh ? now : new Date(throttle.window_start),
          locked_until: locked ? new Date(now.getTime() + windowMs) : null,
        });
        if (user) {
          await audit.append(tx, actorFromUser(user, via, clientIp), {
            operation: 'identity.sign_in',
            targetType: 'user',
            targetId: user.user_id,
            outcome: 'failure',
            detail: { reason: 'wrong_password', locked },
          });
        }
      });
      throw new AppError(locked ? 'HBN.1002' : 'HBN.1001');
    }
    if (user.user_status !== 'active') throw new AppError('HBN.1004');
    if (throttle) await repo.clearThrottle(db, name);
    return user;
  }

  async function openSession(user: UserWithOrg, kind: 'console' | 'token', via: Via, clientIp: string) {
    const token = newSecret(32);
    const now = clock.now();
    const ttlMs = kind === 'console' ? config.sessionTtlMinutes * 60_000 : config.apiTokenTtlHours * 3_600_000;
    const expiresAt = new Date(now.getTime() + ttlMs);
    const csrfToken = kind === 'console' ? newSecret(24) : null;
    await db.transaction().execute(async (tx) => {
      await repo.insertSession(tx, {
        id: sha256(token),
        user_id: user.user_id,
        org_id: user.org_id,
        kind,
        csrf_token: csrfToken,
        expires_at: expiresAt,
        client_ip: clientIp,
      });
      await audit.append(tx, actorFromUser(user, via, clientIp), {
        operation: kind === 'console' ? 'identity.sign_in' : 'identity.token_issue',
        targetType: 'user',
        targetId: user.user_id,
      });
    });
    return { token, csrfToken, issuedAt: now, expiresAt };
  }

  return {
    hashPassword,

    /** Ends every session and token of a user (a disabled member, a reset password), but one. */
    async revokeSessionsOf(tx: Kysely<DB>, userId: string, exceptSessionId?: string) {
      await repo.revokeSessionsOfUser(tx, userId, clock.now(), exceptSessionId);
    },

    /** Removes a user's sessions and access keys (before the user itself is deleted). */
    async forgetUser(tx: Kysely<DB>, userId: string) {
      await repo.deleteCredentialsOfUser(tx, userId);
    },

    /**
     * The signed-in user changes its own password (the only thing a user with an initial
     * password may do). Other sessions and tokens of the user end; this one stays.
     */
    async changePassword(caller: Caller, oldPassword: string, newPassword: string) {
      const user = await repo.findUserById(db, caller.userId);
      if (!user) throw new AppError('CBC.0154');
      if (!(await verifyPassword(user.password_hash, oldPassword))) {
        await db.transaction().execute((tx) =>
          audit.append(tx, actorOf(caller), {
            operation: 'identity.password_change',
            targetType: 'user',
            targetId: caller.userId,
            outcome: 'failure',
            detail: { reason: 'wrong_password' },
          }),
        );
        throw new AppError('HBN.1009');
      }
      if (oldPassword === newPassword) throw new AppError('HBN.1010');
      checkPasswordPolicy(newPassword, user.user_name);
      const passwordHash = await hashPassword(newPassword);
      await db.transaction().execute(async (tx) => {
        await repo.setPassword(tx, caller.userId, passwordHash, clock.now());
        await repo.revokeSessionsOfUser(tx, caller.userId, clock.now(), caller.sessionId);
        await audit.append(tx, actorOf(caller), { operation: 'identity.password_change', targetType: 'user', targetId: caller.userId });
      });
    },

    /** Console sign-in: name + password -> session cookie value and CSRF token. */
    async signIn(name: string, password: string, clientIp: string) {
      const user = await checkPassword(name, password, clientIp, 'console');
      const session = await openSession(user, 'console', 'console', clientIp);
      return { ...session, caller: await toCaller(user, 'console', clientIp, sha256(session.token)) };
    },

    /** IAM password authentication: the user must belong to the named domain. */
    async issueToken(name: string, password: string, domainName: string | undefined, clientIp: string) {
      const user = await checkPassword(name, password, clientIp, 'token');
      if (domainName !== undefined && domainName !== user.domain_name) throw new AppError('HBN.1001');
      const session = await openSession(user, 'token', 'token', clientIp);
      return { ...session, user };
    },

    /** Resolves a console cookie or X-Auth-Token into a Caller, or null when invalid or expired. */
    async resolveSession(token: string, kind: 'console' | 'token', clientIp: string) {
      const row = await repo.findSession(db, sha256(token));
      if (!row || row.session_kind !== kind || row.revoked_at) return null;
      if (new Date(row.expires_at) <= clock.now() || row.user_status !== 'active') return null;
      const caller = await toCaller(row, kind, clientIp, row.session_id);
      return { caller, csrfToken: row.csrf_token };
    },

    csrfMatches(expected: string | null, given: string | undefined): boolean {
      if (!expected || !given) return false;
      const a = Buffer.from(expected);
      const b = Buffer.from(given);
      return a.length === b.length && timingSafeEqual(a, b);
    },

    /** Sign-out: the session or token stops working at once. */
    async signOut(caller: Caller) {
      if (!caller.sessionId) return;
      await db.transaction().execute(async (tx) => {
        await repo.revokeSession(tx, caller.sessionId!, clock.now());
        await audit.append(tx, actorOf(caller), { operation: 'identity.sign_out', targetType: 'user', targetId: caller.userId });
      });
    },

    /** Revokes an IAM token given by value (DELETE /v3/auth/tokens). */
    async revokeToken(caller: Caller, token: string) {
      const row = await repo.findSession(db, sha256(token));
      if (!row || row.user_id !== caller.userId) throw new AppError('CBC.0154');
      await db.transaction().execute(async (tx) => {
        await repo.revokeSession(tx, row.session_id, clock.now());
        await audit.append(tx, actorOf(caller), { operation: 'identity.token_revoke', targetType: 'user', targetId: caller.userId });
      });
    },

    async describeToken(token: string) {
      const row = await repo.findSession(db, sha256(token));
      if (!row || row.session_kind !== 'token' || row.revoked_at || new Date(row.expires_at) <= clock.now()) {
        throw new AppError('CBC.0154');
      }
      return row;
    },

    /** AK/SK: the user behind an access key and its decrypted secret, or null. */
    async resolveAccessKey(access: string, clientIp: string) {
      const row = await repo.findAccessKey(db, access);
      if (!row || row.key_status !== 'active' || row.user_status !== 'active') return null;
      return { secret: deps.secretBox.open(row.secret_ciphertext), caller: await toCaller(row, 'aksk', clientIp) };
    },

    async createAccessKey(caller: Caller, userId: string, description: string) {
      const owner = await ownUserOrThrow(caller, userId);
      const access = newSecret(15).replace(/[-_]/g, 'X').toUpperCase().slice(0, 20);
      const secret = newSecret(30).slice(0, 40);
      return db.transaction().execute(async (tx) => {
        // Lock the owner's row so that two parallel creations cannot pass the limit together.
        await tx.selectFrom('app_user').select('id').where('id', '=', owner.user_id).forUpdate().execute();
        if ((await repo.countAccessKeys(tx, owner.user_id)) >= MAX_ACCESS_KEYS_PER_USER) throw new AppError('HBN.1006');
        const row = await repo.insertAccessKey(tx, {
          id: access,
          user_id: owner.user_id,
          org_id: owner.org_id,
          secret_ciphertext: deps.secretBox.seal(secret),
          description,
        });
        await audit.append(tx, actorOf(caller), { operation: 'identity.access_key_create', targetType: 'access_key', targetId: access });
        return { access, secret, userId: owner.user_id, description, status: 'active' as const, createdAt: new Date(row.created_at) };
      });
    },

    async listAccessKeys(caller: Caller, userId: string) {
      const owner = await ownUserOrThrow(caller, userId);
      return repo.listAccessKeys(db, owner.user_id);
    },

    async deleteAccessKey(caller: Caller, access: string) {
      const row = await repo.findAccessKey(db, access);
      // A key of another user is reported as missing: ids never confirm what exists elsewhere.
      const mayManage = row && (row.user_id === caller.userId || (caller.isMain && row.org_id === caller.org.id));
      if (!row || !mayManage) throw new AppError('HBN.1005');
      await db.transaction().execute(async (tx) => {
        await repo.deleteAccessKey(tx, access, row.user_id);
        await audit.append(tx, actorOf(caller), { operation: 'identity.access_key_delete', targetType: 'access_key', targetId: access });
      });
    },
  };

  /** A user may manage its own keys; the main account also those of its organization's members. */
  async function ownUserOrThrow(caller: Caller, userId: string) {
    const user = await repo.findUserById(db, userId);
    if (!user || (user.user_id !== caller.userId && !(caller.isMain && user.org_id === caller.org.id))) {
      throw new AppError('HBN.0404');
    }
    return user;
  }
}


export type IdentityService = ReturnType<typeof createIdentityService>;
