// The signed-in user's Me, available to every page inside the shell.
import { createContext, useContext } from 'react';
import type { Me } from '../api/types.ts';

export const SessionContext = createContext<Me | null>(null);

/** Me of the signed-in user; only valid below <RequireSession>. */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession() used outside the signed-in shell');
  return me;
}
