// Organization API (extension): members, roles, the permission catalogue, security settings,
// and the signed-in user's own authenticator. Scoped to the caller's organization.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callerOf } from '../../http/context.ts';
import type { OrganizationService } from './organization.service.ts';
import { ORG_ACCESS as A } from './permissions.catalog.ts';
import type { SecondFactor } from './second-factor.ts';
import { verificationCodeOf } from './second-factor.ts';
import * as s from './organization.schemas.ts';

const tags = ['extension', 'Organization'];
const noContent = { 204: z.null() };

export const organizationRoutes: FastifyPluginAsyncZod<{ organization: OrganizationService; secondFactor: SecondFactor }> = async (
  app,
  { organization: org, secondFactor },
) => {
  app.get('/api/organization/permission-catalog', {
    config: { access: [...A.rolesView, ...A.rolesCreate, ...A.rolesEdit] },
    schema: { tags, summary: 'The permission items this organization can grant, as a tree by menu', response: { 200: s.catalog } },
    handler: async (request) => ({ menus: org.roles.catalog(callerOf(request)) as never }),
  });

  app.get('/api/organization/roles', {
    config: { access: [...A.rolesView, ...A.membersAssignRoles, ...A.membersCreate] },
    schema: { tags, summary: 'System and custom roles', response: { 200: z.object({ roles: z.array(s.role) }) } },
    handler: async (request) => ({ roles: await org.roles.list(callerOf(request)) }),
  });

  app.post('/api/organization/roles', {
    config: { access: A.rolesCreate },
    schema: { tags, summary: 'Create a custom role from permission items', body: s.createRoleBody, response: { 201: s.role } },
    handler: async (request, reply) => reply.status(201).send(await org.roles.create(callerOf(request), request.body)),
  });

  app.get('/api/organization/roles/:role_id', {
    config: { access: A.rolesView },
    schema: { tags, summary: 'One role', params: s.roleIdParams, response: { 200: s.role } },
    handler: async (request) => org.roles.get(callerOf(request), request.params.role_id),
  });

  app.put('/api/organization/roles/:role_id', {
    config: { access: A.rolesEdit },
    schema: { tags, summary: 'Change a custom role', params: s.roleIdParams, body: s.updateRoleBody, response: { 200: s.role } },
    handler: async (request) => org.roles.update(callerOf(request), request.params.role_id, request.body),
  });

  app.delete('/api/organization/roles/:role_id', {
    config: { access: A.rolesDelete },
    schema: { tags, summary: 'Delete a custom role no member holds', params: s.roleIdParams, response: noContent },
    handler: async (request, reply) => {
      await org.roles.delete(callerOf(request), request.params.role_id);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/organization/members', {
    config: { access: A.membersView },
    schema: { tags, summary: 'Members of the organization', querystring: s.listMembersQuery, response: { 200: s.memberList } },
    handler: async (request) => {
      const q = request.query;
      const filter = { name: q.name, accountName: q.account_name, status: q.status, roleId: q.role_id };
      const { total, members } = await org.members.list(callerOf(request), filter, q.offset, q.limit);
      return { total_count: total, members };
    },
  });

  app.post('/api/organization/members', {
    config: { access: A.membersCreate },
    schema: {
      tags,
      summary: 'Create a member (the initial password must be changed at first sign-in)',
      body: s.createMemberBody,
      response: { 201: s.member },
    },
    handler: async (request, reply) => reply.status(201).send(await org.members.create(callerOf(request), request.body)),
  });

  app.get('/api/organization/members/:member_id', {
    config: { access: A.membersView },
    schema: { tags, summary: 'One member', params: s.memberIdParams, response: { 200: s.member } },
    handler: async (request) => org.members.get(callerOf(request), request.params.member_id),
  });

  app.put('/api/organization/members/:member_id', {
    config: { access: A.membersEdit },
    schema: {
      tags,
      summary: "Change a member's display name, mobile or e-mail (the account name is fixed)",
      params: s.memberIdParams,
      body: s.updateMemberBody,
      response: { 200: s.member },
    },
    handler: async (request) => org.members.update(callerOf(request), request.params.member_id, request.body),
  });

  app.put('/api/organization/members/:member_id/roles', {
    config: { access: A.membersAssignRoles },
    schema: { tags, summary: "Set a member's roles (at most 3)", params: s.memberIdParams, body: s.memberRolesBody, response: { 200: s.member } },
    handler: async (request) => org.members.setRoles(callerOf(request), request.params.member_id, request.body.role_ids),
  });

  app.post('/api/organization/members/:member_id/disable', {
    config: { access: A.membersDisable },
    schema: { tags, summary: 'Disable a member (its sessions end at once)', params: s.memberIdParams, response: { 200: s.member } },
    handler: async (request) => org.members.disable(callerOf(request), request.params.member_id),
  });

  app.post('/api/organization/members/:member_id/enable', {
    config: { access: A.membersDisable },
    schema: { tags, summary: 'Re-enable a member', params: s.memberIdParams, response: { 200: s.member } },
    handler: async (request) => org.members.enable(callerOf(request), request.params.member_id),
  });

  app.put('/api/organization/members/:member_id/password', {
    config: { access: A.membersResetPassword },
    schema: {
      tags,
      summary: "Reset a member's password (to be changed at next sign-in)",
      params: s.memberIdParams,
      body: s.resetPasswordBody,
      response: { 200: s.member },
    },
    handler: async (request) => org.members.resetPassword(callerOf(request), request.params.member_id, request.body.new_password),
  });

  app.delete('/api/organization/members/:member_id', {
    config: { access: A.membersDelete },
    schema: { tags, summary: 'Delete a member', params: s.memberIdParams, response: noContent },
    handler: async (request, reply) => {
      await org.members.delete(callerOf(request), request.params.member_id);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/organization/security', {
    config: { access: [...A.securityView, ...A.securityEdit] },
    schema: { tags, summary: 'Security settings of the organization', response: { 200: s.security } },
    handler: async (request) => org.security(callerOf(request)),
  });

  app.put('/api/organization/security', {
    config: { access: A.securityEdit },
    schema: {
      tags,
      summary: 'Turn sensitive-operation verification on or off (needs a one-time code in X-Verification-Code)',
      headers: s.verificationCodeHeader,
      body: s.securityBody,
      response: { 200: s.security },
    },
    handler: async (request) =>
      org.setSecurity(callerOf(request), request.body.sensitive_operation_verification, verificationCodeOf(request)),
  });

  app.get('/api/me/totp', {
    config: { access: 'signed_in' },
    schema: { tags, summary: "The signed-in user's authenticator (TOTP) status", response: { 200: s.totpStatus } },
    handler: async (request) => secondFactor.status(callerOf(request)),
  });

  app.post('/api/me/totp', {
    config: { access: 'signed_in' },
    schema: {
      tags,
      summary: 'Start binding an authenticator app: the secret and otpauth:// URI are shown only here',
      response: { 201: s.totpEnrolment },
    },
    handler: async (request, reply) => reply.status(201).send(await secondFactor.startEnrolment(callerOf(request))),
  });

  app.post('/api/me/totp/confirm', {
    config: { access: 'signed_in' },
    schema: { tags, summary: 'Confirm the binding with a first code', body: s.totpCodeBody, response: { 200: s.totpStatus } },
    handler: async (request) => {
      const caller = callerOf(request);
      await secondFactor.confirmEnrolment(caller, request.body.code);
      return secondFactor.status(caller);
    },
  });

  app.delete('/api/me/totp', {
    config: { access: 'signed_in' },
    schema: { tags, summary: 'Unbind the authenticator (needs a current code)', headers: s.verificationCodeHeader, response: noContent },
    handler: async (request, reply) => {
      await secondFactor.remove(callerOf(request), verificationCodeOf(request));
      return reply.status(204).send(null);
    },
  });
};
