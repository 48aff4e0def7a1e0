// TanStack Query client: failed queries and mutations are reported in one place, unless the
// caller shows the error itself (meta.silent). A 401 anywhere means the session is gone.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/errors.ts';
import { meQueryKey } from '../api/session.ts';
import { reportError } from '../components/ErrorReporter.tsx';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { silent?: boolean };
    mutationMeta: { silent?: boolean };
  }
}

export function createQueryClient(): QueryClient {
  const onError = (error: Error, silent: boolean | undefined) => {
    if (error instanceof ApiError && error.isUnauthenticated) {
      // Back to the sign-in page; the shell reacts to `me` becoming null.
      queryClient.setQueryData(meQueryKey, null);
      return;
    }
    if (!silent) reportError(error);
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => onError(error, query.meta?.silent) }),
    mutationCache: new MutationCache({ onError: (error, _v, _c, mutation) => onError(error, mutation.meta?.silent) }),
    defaultOptions: {
      queries: {
        // Client errors will not fix themselves by retrying.
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
  return queryClient;
}
