// What every request carries once the HTTP layer has looked at it, and what every route declares.
import type { Caller } from '../shared/actor.ts';
import type { Lang } from '../shared/errors.ts';

/**
 * Who may call a route: 'public' (anyone, for sign-in), 'signed_in' (any authenticated user,
 * for self-service such as one's own access keys), or the permission items of which any one suffices.
 */
export type Access = 'public' | 'signed_in' | readonly string[];

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
    lang: Lang;
    rawBody?: string;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** Reachable by a user who must still change its initial password (sign-out, me, password). */
    duringPasswordChange?: boolean;
  }
}

/** The authenticated caller of a route that is not public. */
export function callerOf(request: { caller: Caller | null }): Caller {
  if (!request.caller) throw new Error('route reached without a caller: its access is misdeclared');
  return request.caller;
}
