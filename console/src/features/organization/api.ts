// Organization: members, roles, permission catalogue, audit log, security settings, own password.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { meQueryKey } from '../../api/session.ts';
import type { paths } from '../../api/schema.d.ts';

type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;
export type MemberItem = JsonBody<paths['/api/organization/members']['get']['responses'][200]>['members'][number];
export type RoleItem = JsonBody<paths['/api/organization/roles']['get']['responses'][200]>['roles'][number];
export type CatalogMenu = JsonBody<paths['/api/organization/permission-catalog']['get']['responses'][200]>['menus'][number];
export type AuditRecord = JsonBody<paths['/api/organization/audit-logs']['get']['responses'][200]>['records'][number];
export type AuditFilter = { operator?: string; operation?: string; occurred_begin?: string; occurred_end?: string };

const keys = { members: ['org', 'members'], roles: ['org', 'roles'], security: ['org', 'security'], totp: ['me', 'totp'] } as const;

export function useMembers(offset: number, limit: number) {
  return useQuery({
    queryKey: [...keys.members, offset, limit],
    queryFn: () => unwrap(api.GET('/api/organization/members', { params: { query: { offset, limit } } })),
  });
}

export function useRoles(enabled = true) {
  return useQuery({ queryKey: keys.roles, enabled, queryFn: async () => (await unwrap(api.GET('/api/organization/roles'))).roles });
}

export function useCatalog(enabled: boolean) {
  return useQuery({
    queryKey: ['org', 'catalog'],
    enabled,
    queryFn: async () => (await unwrap(api.GET('/api/organization/permission-catalog'))).menus,
  });
}

function useInvalidating<V, R>(fn: (v: V) => Promise<R>, ...invalidate: (readonly string[])[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

export interface NewMemberInput {
  account_name: string;
  display_name: string;
  mobile?: string;
  email?: string;
  initial_password: string;
  role_ids: string[];
}

export const useCreateMember = () =>
  useInvalidating((body: NewMemberInput) => unwrap(api.POST('/api/organization/members', { body })), keys.members, keys.roles);

export const useSetMemberRoles = () =>
  useInvalidating(
    ({ id, role_ids }: { id: string; role_ids: string[] }) =>
      unwrap(api.PUT('/api/organization/members/{member_id}/roles', { params: { path: { member_id: id } }, body: { role_ids } })),
    keys.members,
    keys.roles,
  );

export const useSetMemberStatus = () =>
  useInvalidating(
    ({ id, enable }: { id: string; enable: boolean }) =>
      enable
        ? unwrap(api.POST('/api/organization/members/{member_id}/enable', { params: { path: { member_id: id } } }))
        : unwrap(api.POST('/api/organization/members/{member_id}/disable', { params: { path: { member_id: id } } })),
    keys.members,
  );

export const useDeleteMember = () =>
  useInvalidating(
    (id: string) => unwrap(api.DELETE('/api/organization/members/{member_id}', { params: { path: { member_id: id } } })),
    keys.members,
    keys.roles,
  );

export interface RoleInput {
  name: string;
  description: string;
  items: string[];
}

export const useSaveRole = () =>
  useInvalidating(
    ({ id, ...body }: RoleInput & { id?: string }) =>
      id
        ? unwrap(api.PUT('/api/organization/roles/{role_id}', { params: { path: { role_id: id } }, body }))
        : unwrap(api.POST('/api/organization/roles', { body })),
    keys.roles,
  );

export const useDeleteRole = () =>
  useInvalidating((id: string) => unwrap(api.DELETE('/api/organization/roles/{role_id}', { params: { path: { role_id: id } } })), keys.roles);

export function useAuditLogs(filter: AuditFilter, offset: number, limit: number) {
  return useQuery({
    queryKey: ['org', 'audit', filter, offset, limit],
    queryFn: () => unwrap(api.GET('/api/organization/audit-logs', { params: { query: { ...filter, offset, limit } } })),
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => unwrap(api.GET('/api/organization/audit-logs/verification')) });
}

/** The export is a file download: a plain link with the same filters (the session cookie goes along). */
export function auditExportUrl(filter: AuditFilter): string {
  const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])));
  return `/api/organization/audit-logs/export${query.size ? `?${query}` : ''}`;
}

export function useSecurity() {
  return useQuery({ queryKey: keys.security, queryFn: () => unwrap(api.GET('/api/organization/security')) });
}

export const useSetSecurity = () =>
  useInvalidating(
    ({ enabled, code }: { enabled: boolean; code: string }) =>
      unwrap(
        api.PUT('/api/organization/security', {
          body: { sensitive_operation_verification: enabled },
          headers: { 'x-verification-code': code },
        }),
      ),
    keys.security,
  );

export function useTotp() {
  return useQuery({ queryKey: keys.totp, queryFn: () => unwrap(api.GET('/api/me/totp')) });
}

export const useStartTotp = () => useInvalidating(() => unwrap(api.POST('/api/me/totp')), keys.totp);
export const useConfirmTotp = () =>
  useInvalidating((code: string) => unwrap(api.POST('/api/me/totp/confirm', { body: { code } })), keys.totp);
export const useRemoveTotp = () =>
  useInvalidating((code: string) => unwrap(api.DELETE('/api/me/totp', { headers: { 'x-verification-code': code } })), keys.totp);

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { old_password: string; new_password: string }) => unwrap(api.POST('/api/me/password', { body })),
    meta: { silent: true },
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
  });
}
