// Sensitive-operation verification (敏感操作验证). When an organization turns it on, console
// users must give a one-time code from their TOTP authenticator before a sensitive operation.
//
// How a route uses it (later modules: allocate, reclaim, disassociate, switch type,
// approve/reject, pay for customer, withdraw):
//
//   handler: async (request) => {
//     const caller = callerOf(request);
//     await secondFactor.requireSecondFactor(caller, verificationCodeOf(request));
//     return funds.allocate(caller, request.body);
//   }
//
// and declare the header in the route schema: `headers: verificationCodeHeader` (schemas.ts).
// The code travels in the X-Verification-Code header, so Huawei-compatible bodies stay
// unchanged. API callers (X-Auth-Token, AK/SK) are not asked: Huawei's verification is a console
// dialog and programs written against Huawei's API cannot answer it; their credentials are the
// control there.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { actorOf, type Caller } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import type { AuditService } from '../audit/index.ts';
import * as repo from './organization.repo.ts';
import { matchTotp, newTotpSecret, otpauthUri } from './totp.ts';

export const VERIFICATION_CODE_HEADER = 'x-verification-code';
export const TOTP_ISSUER = 'Huoban';

export function verificationCodeOf(request: { headers: Record<string, string | string[] | undefined> }): string | undefined {
  const value = request.headers[VERIFICATION_CODE_HEADER];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export interface SecretSealer {
  seal(plain: string): string;
  open(sealed: string): string;
}

export interface SecondFactorDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  secretBox: SecretSealer;
}

export function createSecondFactor(deps: SecondFactorDeps) {
  const { db, clock, audit, secretBox } = deps;

  /** Checks the caller's code against its confirmed authenticator; a used code cannot be reused. */
  async function verifyCode(caller: Caller, code: string | undefined): Promise<void> {
    const failure = await db.transaction().execute(async (tx) => {
      const totp = await repo.findTotp(tx, caller.userId, true);
      if (!totp?.confirmed_at) return 'HBN.2020' as const;
      if (!code) return 'HBN.2021' as const;
      const step = matchTotp(secretBox.open(totp.secret_ciphertext), code, clock.now(), totp.last_step === null ? null : BigInt(totp.last_step));
      if (step === null) return 'HBN.2022' as const;
      await repo.markTotpUsed(tx, caller.userId, step);
      return null;
    });
    if (failure === 'HBN.2022') {
      // Wrong codes are worth a trace: someone may be guessing.
      await db.transaction().execute((tx) =>
        audit.append(tx, actorOf(caller), { operation: 'security.second_factor', targetType: 'user', targetId: caller.userId, outcome: 'failure' }),
      );
    }
    if (failure) throw new AppError(failure);
  }

  return {
    verifyCode,

    /** The check later modules call before a sensitive operation. */
    async requireSecondFactor(caller: Caller, code: string | undefined): Promise<void> {
      if (caller.via !== 'console') return;
      const setting = await repo.securitySetting(db, caller.org.id);
      if (!setting.sensitive_verification) return;
      await verifyCode(caller, code);
    },

    async status(caller: Caller) {
      const totp = await repo.findTotp(db, caller.userId);
      return { bound: Boolean(totp?.confirmed_at), pending: Boolean(totp && !totp.confirmed_at) };
    },

    /** Starts (or restarts) binding: a new secret, shown once with its otpauth:// URI. */
    async startEnrolment(caller: Caller) {
      const secret = newTotpSecret();
      await db.transaction().execute(async (tx) => {
        const existing = await repo.findTotp(tx, caller.userId, true);
        if (existing?.confirmed_at) throw new AppError('HBN.2023');
        await repo.saveTotp(tx, { user_id: caller.userId, org_id: caller.org.id, secret_ciphertext: secretBox.seal(secret), at: clock.now() });
        await audit.append(tx, actorOf(caller), { operation: 'security.totp_enrol', targetType: 'user', targetId: caller.userId });
      });
      return { secret, otpauth_uri: otpauthUri(TOTP_ISSUER, caller.userName, secret) };
    },

    /** Confirms binding with a first code from the app. */
    async confirmEnrolment(caller: Caller, code: string) {
      await db.transaction().execute(async (tx) => {
        const totp = await repo.findTotp(tx, caller.userId, true);
        if (!totp || totp.confirmed_at) throw new AppError('HBN.2024');
        const step = matchTotp(secretBox.open(totp.secret_ciphertext), code, clock.now(), null);
        if (step === null) throw new AppError('HBN.2022');
        await repo.markTotpUsed(tx, caller.userId, step, clock.now());
        await audit.append(tx, actorOf(caller), { operation: 'security.totp_confirm', targetType: 'user', targetId: caller.userId });
      });
    },

    /** Unbinds the authenticator; needs a current code so that a stolen session cannot do it. */
    async remove(caller: Caller, code: string | undefined) {
      await verifyCode(caller, code);
      await db.transaction().execute(async (tx) => {
        await repo.deleteTotp(tx, caller.userId);
        await audit.append(tx, actorOf(caller), { operation: 'security.totp_remove', targetType: 'user', targetId: caller.userId });
      });
    },
  };
}

export type SecondFactor = ReturnType<typeof createSecondFactor>;
