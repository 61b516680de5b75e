/** Who is signed in: read once from GET /api/session, updated by sign-in and sign-out. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, setCsrfToken } from "./api.ts";
import type { User } from "./types.ts";

interface SessionState {
  user: User | null;
  loading: boolean;
  signIn(email: string, password: string): Promise<User>;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);
type SessionReply = { user: User | null; csrfToken: string | null };

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);

  const apply = useCallback((s: SessionReply) => {
    setCsrfToken(s.csrfToken);
    setUser(s.user);
  }, []);

  const refresh = useCallback(async () => {
    try {
      apply(await api<SessionReply>("/api/session"));
    } catch {
      // Offline: stay signed out in the interface; the next refresh tries again.
    } finally {
      setLoading(false);
    }
  }, [apply]);

  useEffect(() => { void refresh(); }, [refresh]);

  const signIn = useCallback(async (email: string, password: string) => {
    const s = await api<SessionReply>("/api/session", { json: { email, password } });
    apply(s);
    return s.user!;
  }, [apply]);

  const signOut = useCallback(async () => {
    await api("/api/session", { method: "DELETE" });
    apply({ user: null, csrfToken: null });
  }, [apply]);

  const value = useMemo(() => ({ user, loading, signIn, signOut, refresh }), [user, loading, signIn, signOut, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside SessionProvider");
  return s;
}

export const isStaff = (u: User | null) => u !== null && u.role !== "citizen";
