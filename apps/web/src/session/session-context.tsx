import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { AccessTokenClaims } from '@arbor/contracts';
import type { SessionState, SessionStore } from './session-store';

const SessionContext = createContext<SessionStore | undefined>(undefined);

export function SessionProvider({ store, children }: { store: SessionStore; children: ReactNode }) {
  return <SessionContext.Provider value={store}>{children}</SessionContext.Provider>;
}

export function useSessionStore(): SessionStore {
  const store = useContext(SessionContext);
  if (!store) throw new Error('useSessionStore outside <SessionProvider>');
  return store;
}

export function useSession(): SessionState {
  const store = useSessionStore();
  return useSyncExternalStore(store.subscribe, store.snapshot);
}

/** Who is acting, for screens behind <RequireSession> (which renders nothing else signed out). */
export function useActor(): AccessTokenClaims {
  const session = useSession();
  if (session.status !== 'signed-in') throw new Error('useActor outside a signed-in screen');
  return session.claims;
}
