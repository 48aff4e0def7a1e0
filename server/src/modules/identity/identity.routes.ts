// Console identity: sign-in, sign-out, who am I (with the navigation the user may see), and
// the signed-in user's own access keys.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callerOf } from '../../http/context.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../http/guard.ts';
import type { Caller } from '../../shared/actor.ts';
import { toApiTime } from '../../shared/clock.ts';
import { menusFor } from '../organization/index.ts';
import type { IdentityService } from './identity.service.ts';
import { changePasswordBody, createCredentialBody, credentialListItem, me, newCredential, signInBody } from './identity.schemas.ts';

const tags = ['Console session'];

function meOf(caller: Caller) {
  return {
    user: {
      id: caller.userId,
      name: caller.userName,
      display_name: caller.displayName,
      is_main: caller.isMain,
      must_change_password: caller.mustChangePassword,
    },
    org: { id: caller.org.id, name: caller.org.name, kind: caller.org.kind, partner_type: caller.org.partnerType },
    permissions: [...caller.permissions].sort(),
    menus: menusFor(caller.org.kind, caller.org.partnerType, caller.permissions),
  };
}

export const identityRoutes: FastifyPluginAsyncZod<{ identity: IdentityService; secureCookies: boolean }> = async (app, opts) => {
  const { identity } = opts;
  const cookieBase = { path: '/', sameSite: 'lax' as const, secure: opts.secureCookies };

  app.post('/api/session', {
    config: { access: 'public' },
    schema: { tags, summary: 'Sign in to the console', body: signInBody, response: { 200: me } },
    handler: async (request, reply) => {
      const session = await identity.signIn(request.body.name, request.body.password, request.ip);
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookieBase, httpOnly: true, expires: session.expiresAt });
      reply.setCookie(CSRF_COOKIE, session.csrfToken!, { ...cookieBase, httpOnly: false, expires: session.expiresAt });
      return meOf(session.caller);
    },
  });

  app.delete('/api/session', {
    config: { access: 'signed_in', duringPasswordChange: true },
    schema: { tags, summary: 'Sign out', response: { 204: z.null() } },
    handler: async (request, reply) => {
      await identity.signOut(callerOf(request));
      reply.clearCookie(SESSION_COOKIE, cookieBase).clearCookie(CSRF_COOKIE, cookieBase);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/me', {
    config: { access: 'signed_in', duringPasswordChange: true },
    schema: { tags, summary: 'The signed-in user, organization, permission items and navigation', response: { 200: me } },
    handler: async (request) => meOf(callerOf(request)),
  });

  app.post('/api/me/password', {
    config: { access: 'signed_in', duringPasswordChange: true },
    schema: {
      tags,
      summary: 'Change your own password (required first when the password is an initial one)',
      body: changePasswordBody,
      response: { 200: me },
    },
    handler: async (request) => {
      const caller = callerOf(request);
      await identity.changePassword(caller, request.body.old_password, request.body.new_password);
      return meOf({ ...caller, mustChangePassword: false });
    },
  });

  app.get('/api/access-keys', {
    config: { access: 'signed_in' },
    schema: { tags, summary: "The signed-in user's access keys", response: { 200: z.object({ credentials: z.array(credentialListItem) }) } },
    handler: async (request) => {
      const caller = callerOf(request);
      const keys = await identity.listAccessKeys(caller, caller.userId);
      return {
        credentials: keys.map((k) => ({
          access: k.id,
          description: k.description,
          status: k.status,
          created_at: toApiTime(new Date(k.created_at)),
          last_used_at: k.last_used_at ? toApiTime(new Date(k.last_used_at)) : null,
        })),
      };
    },
  });

  app.post('/api/access-keys', {
    config: { access: 'signed_in' },
    schema: {
      tags,
      summary: 'Create an access key (the secret is shown only in this answer)',
      body: createCredentialBody,
      response: { 201: z.object({ credential: newCredential }) },
    },
    handler: async (request, reply) => {
      const caller = callerOf(request);
      const key = await identity.createAccessKey(caller, caller.userId, request.body.description);
      return reply.status(201).send({
        credential: {
          access: key.access,
          secret: key.secret,
          description: key.description,
          status: key.status,
          created_at: toApiTime(key.createdAt),
        },
      });
    },
  });

  app.delete('/api/access-keys/:access', {
    config: { access: 'signed_in' },
    schema: { tags, summary: 'Delete an access key', params: z.object({ access: z.string().max(64) }), response: { 204: z.null() } },
    handler: async (request, reply) => {
      await identity.deleteAccessKey(callerOf(request), request.params.access);
      return reply.status(204).send(null);
    },
  });
};
