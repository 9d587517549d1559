import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ok, signIn, setCsrfToken, type Schemas } from './api/client';

export type Session = Schemas['SessionInfoDto'];

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** Asks the service who is signed in; without a session, off to sign in. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  useEffect(() => {
    ok(api.GET('/api/session'))
      .then(({ data }) => {
        setCsrfToken(data.csrfToken);
        setSession(data);
      })
      .catch(() => signIn());
  }, []);
  if (!session)
    return (
      <p className="loading" role="status">
        Loggar in…
      </p>
    );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export async function signOut(): Promise<void> {
  await api.POST('/api/auth/logout').catch(() => undefined);
  window.location.assign('/utloggad');
}
