// Huawei IAM-compatible identity operations, so that Huawei's SDKs and tools obtain tokens and
// access keys from Huoban exactly as they do from IAM.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callerOf } from '../../http/context.ts';
import { toApiTime } from '../../shared/clock.ts';
import type { IdentityService } from './identity.service.ts';
import { iamCreateCredentialBody, iamCredential, iamTokenBody, iamTokenResponse } from './identity.schemas.ts';

const tags = ['IAM'];
const iamTime = (d: Date) => d.toISOString().replace('Z', '000Z');

export const iamRoutes: FastifyPluginAsyncZod<{ identity: IdentityService }> = async (app, { identity }) => {
  app.post('/v3/auth/tokens', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'Obtain a user token by password (IAM KeystoneCreateUserTokenByPassword)',
      body: iamTokenBody,
      response: { 201: iamTokenResponse },
    },
    handler: async (request, reply) => {
      const { user: u } = request.body.auth.identity.password;
      const domainName = u.domain?.name ?? request.body.auth.scope?.domain?.name;
      const issued = await identity.issueToken(u.name, u.password, domainName, request.ip);
      const domain = { id: issued.user.org_id, name: issued.user.domain_name };
      reply.header('X-Subject-Token', issued.token).status(201);
      return {
        token: {
          methods: ['password'],
          expires_at: iamTime(issued.expiresAt),
          issued_at: iamTime(issued.issuedAt),
          user: { id: issued.user.user_id, name: issued.user.user_name, domain, password_expires_at: '' },
          domain,
          catalog: [],
          roles: [],
        },
      };
    },
  });

  app.get('/v3/auth/tokens', {
    config: { access: 'signed_in' },
    schema: {
      tags,
      summary: 'Validate the token given in X-Subject-Token',
      headers: z.object({ 'x-subject-token': z.string().min(1).max(4096) }).passthrough(),
      response: { 200: iamTokenResponse },
    },
    handler: async (request, reply) => {
      const subject = request.headers['x-subject-token'];
      const row = await identity.describeToken(subject);
      const domain = { id: row.org_id, name: row.domain_name };
      reply.header('X-Subject-Token', subject);
      return {
        token: {
          methods: ['password'],
          expires_at: iamTime(new Date(row.expires_at)),
          issued_at: iamTime(new Date(row.expires_at)),
          user: { id: row.user_id, name: row.user_name, domain, password_expires_at: '' },
          domain,
          catalog: [],
          roles: [],
        },
      };
    },
  });

  app.delete('/v3/auth/tokens', {
    config: { access: 'signed_in' },
    schema: {
      tags,
      summary: 'Revoke the token given in X-Subject-Token (sign out of the API)',
      headers: z.object({ 'x-subject-token': z.string().min(1).max(4096) }).passthrough(),
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await identity.revokeToken(callerOf(request), request.headers['x-subject-token']);
      return reply.status(204).send(null);
    },
  });

  app.post('/v3.0/OS-CREDENTIAL/credentials', {
    config: { access: 'signed_in' },
    schema: {
      tags,
      summary: 'Create a permanent access key (IAM CreatePermanentAccessKey)',
      body: iamCreateCredentialBody,
      response: { 201: z.object({ credential: iamCredential }) },
    },
    handler: async (request, reply) => {
      const { user_id, description } = request.body.credential;
      const key = await identity.createAccessKey(callerOf(request), user_id, description ?? '');
      return reply.status(201).send({
        credential: {
          access: key.access,
          secret: key.secret,
          status: key.status,
          user_id: key.userId,
          create_time: toApiTime(key.createdAt),
          description: key.description,
        },
      });
    },
  });

  app.get('/v3.0/OS-CREDENTIAL/credentials', {
    config: { access: 'signed_in' },
    schema: {
      tags,
      summary: 'List permanent access keys (IAM ListPermanentAccessKeys)',
      querystring: z.object({ user_id: z.string().max(64).optional() }),
      response: { 200: z.object({ credentials: z.array(iamCredential) }) },
    },
    handler: async (request) => {
      const caller = callerOf(request);
      const keys = await identity.listAccessKeys(caller, request.query.user_id ?? caller.userId);
      return {
        credentials: keys.map((k) => ({
          access: k.id,
          status: k.status,
          user_id: k.user_id,
          create_time: toApiTime(new Date(k.created_at)),
          description: k.description,
        })),
      };
    },
  });

  app.delete('/v3.0/OS-CREDENTIAL/credentials/:access_key', {
    config: { access: 'signed_in' },
    schema: {
      tags,
      summary: 'Delete a permanent access key (IAM DeletePermanentAccessKey)',
      params: z.object({ access_key: z.string().min(1).max(64) }),
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await identity.deleteAccessKey(callerOf(request), request.params.access_key);
      return reply.status(204).send(null);
    },
  });

};
