// One gate in front of every route: who is calling (console cookie, X-Auth-Token or AK/SK
// signature), CSRF for cookie-authenticated writes, the rate limit, and the route's permission
// items. It runs after the body is read (the signature covers it) and before validation.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Caller } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import type { IdentityService } from '../modules/identity/index.ts';
import { MAX_CLOCK_SKEW_MS, parseAuthorization, parseSdkDate, signatureMatches, stringToSign } from '../modules/identity/index.ts';
import type { Access } from './context.ts';

export const SESSION_COOKIE = 'huoban_session';
export const CSRF_COOKIE = 'huoban_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface GuardDeps {
  identity: IdentityService;
  clock: Clock;
  rateLimit: (bucket: string) => Promise<void>;
}

async function authenticateBySignature(request: FastifyRequest, deps: GuardDeps, header: string): Promise<Caller> {
  const parsed = parseAuthorization(header);
  const dateHeader = request.headers['x-sdk-date'];
  const sdkDate = typeof dateHeader === 'string' ? dateHeader : undefined;
  const signedAt = sdkDate ? parseSdkDate(sdkDate) : null;
  if (!parsed || !sdkDate || !signedAt || !parsed.signedHeaders.includes('x-sdk-date')) throw new AppError('APIG.0301');
  if (Math.abs(deps.clock.now().getTime() - signedAt.getTime()) > MAX_CLOCK_SKEW_MS) {
    throw new AppError('APIG.0301', 'the X-Sdk-Date is more than 15 minutes away from the server time');
  }
  const key = await deps.identity.resolveAccessKey(parsed.access, request.ip);
  if (!key) throw new AppError('APIG.0301');
  const toSign = stringToSign(
    { method: request.method, url: request.url, headers: request.headers, body: request.rawBody ?? '' },
    parsed.signedHeaders,
    sdkDate,
  );
  if (!signatureMatches(key.secret, toSign, parsed.signature)) throw new AppError('APIG.0301');
  return key.caller;
}

async function authenticate(request: FastifyRequest, deps: GuardDeps): Promise<Caller | null> {
  const authorization = request.headers.authorization;
  if (authorization) return authenticateBySignature(request, deps, authorization);

  const token = request.headers['x-auth-token'];
  if (typeof token === 'string' && token !== '') {
    const resolved = await deps.identity.resolveSession(token, 'token', request.ip);
    if (!resolved) throw new AppError('CBC.0154');
    return resolved.caller;
  }

  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie) {
    const resolved = await deps.identity.resolveSession(cookie, 'console', request.ip);
    if (!resolved) return null;
    if (!SAFE_METHODS.has(request.method)) {
      const given = request.headers[CSRF_HEADER];
      if (!deps.identity.csrfMatches(resolved.csrfToken, typeof given === 'string' ? given : undefined)) {
        throw new AppError('HBN.1003');
      }
    }
    return resolved.caller;
  }
  return null;
}

export function installGuard(app: FastifyInstance, deps: GuardDeps) {
  app.decorateRequest('caller', null);
  app.addHook('preValidation', async (request) => {
    const access: Access | undefined = request.routeOptions.config.access;
    if (access === undefined) return; // routes outside the API (static files, documents)

    const caller = await authenticate(request, deps);
    request.caller = caller;
    if (access !== 'public' && !caller) throw new AppError('CBC.0154');
    // An initial password (new member, reset) must be changed before anything else.
    if (access !== 'public' && caller!.mustChangePassword && !request.routeOptions.config.duringPasswordChange) {
      throw new AppError('HBN.1007');
    }

    const who = caller ? `${caller.org.id}|${request.ip}` : `anonymous|${request.ip}`;
    await deps.rateLimit(`${who}|${request.method} ${request.routeOptions.url}`);

    if (Array.isArray(access) && !access.some((item) => caller!.permissions.has(item))) {
      throw new AppError('CBC.0151');
    }
  });
}
