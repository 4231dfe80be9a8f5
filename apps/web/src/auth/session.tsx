/**
 * React's view of the session store: a context with the current status and user, and the actions screens
 * need. The store stays the single source of truth; this only subscribes to it.
 */
import type { Session, User } from "@sous/schemas";
import { useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from "react";
import { sessionStore, type SessionStatus } from "./session-store.js";

export interface SessionContextValue {
  status: SessionStatus;
  user: User | null;
  signedIn(session: Session): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const snapshot = useSyncExternalStore(sessionStore.subscribe, sessionStore.getSnapshot);
  const queryClient = useQueryClient();

  useEffect(() => {
    // An effect cannot await; restore() never rejects, and the page follows the store's snapshot.
    void sessionStore.restore();
  }, []);

  // Whoever is signed in now, nothing cached for the previous caller (saved recipes, quota) may show.
  const userId = snapshot.user?.id ?? null;
  useEffect(() => {
    // Fire and forget: refetch failures land in each query's own error state, not here.
    void queryClient.resetQueries();
  }, [userId, queryClient]);

  const signedIn = useCallback((session: Session) => sessionStore.signedIn(session), []);
  const signOut = useCallback(() => sessionStore.signOut(), []);

  const value = useMemo(
    () => ({ status: snapshot.status, user: snapshot.user, signedIn, signOut }),
    [snapshot, signedIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession must be used inside <SessionProvider>");
  return value;
}
