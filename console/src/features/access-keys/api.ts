// Access keys (AK/SK) of the signed-in account.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';

const key = ['access-keys'] as const;

export function useAccessKeys() {
  return useQuery({
    queryKey: key,
    queryFn: async () => (await unwrap(api.GET('/api/access-keys'))).credentials,
  });
}

export function useCreateAccessKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (description: string) =>
      (await unwrap(api.POST('/api/access-keys', { body: { description } }))).credential,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useDeleteAccessKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (access: string) =>
      unwrap(api.DELETE('/api/access-keys/{access}', { params: { path: { access } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
