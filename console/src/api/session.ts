// Who is signed in, and signing in/out. `me` is null when nobody is signed in.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, unwrap } from './client.ts';
import type { Me } from './types.ts';

export type { Me, Menu } from './types.ts';

export const meQueryKey = ['me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    return await unwrap(api.GET('/api/me'));
  } catch (err) {
    if (err instanceof ApiError && err.isUnauthenticated) return null;
    throw err;
  }
}

export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: fetchMe,
    staleTime: 5 * 60_000,
    meta: { silent: true }, // the shell renders this failure itself
  });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; password: string }) => unwrap(api.POST('/api/session', { body })),
    meta: { silent: true }, // shown inline on the sign-in form
    onSuccess: (me) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/session')),
    meta: { silent: true },
    // Leave the console whatever the server said: an expired session is signed out anyway.
    onSettled: () => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData(meQueryKey, null);
    },
  });
}
