import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Provider, useQuery } from 'urql';
import { graphql } from '../gql';
import type { Role } from '../gql/graphql';
import { createClient } from './client';

/** The bearer token from logIn, kept in localStorage; logging out also revokes it on the server (logOut). */
const STORAGE_KEY = 'cn.session';

interface StoredSession {
  token: string;
  expiresAt: string | null;
}

export interface Account {
  id: string;
  email: string;
  role: Role;
  /** Staff verified the account; until then it sees what anonymous visitors see. */
  verified: boolean;
}

/** The associations (by slug) and the volunteer profile the account acts for. */
export interface MyParties {
  associations: { id: string; slug: string; name: string }[];
  volunteer: { id: string; slug: string; displayName: string } | null;
}

/** Why the session ended, to say so on the next page. */
export type Notice = 'expired' | 'signedOut' | 'deleted';

interface SessionValue {
  token: string | null;
  /** The signed-in account; null when anonymous or while it loads. */
  account: Account | null;
  /** A token is present and `me` has not answered yet. */
  loading: boolean;
  signIn: (token: string, expiresAt: string | null) => void;
  signOut: (notice?: Notice) => void;
  notice: Notice | null;
  dismissNotice: () => void;
  /** What the account acts for; null while unknown. */
  parties: MyParties | null;
  partiesError: boolean;
  refreshParties: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);

function readStored(): StoredSession | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof parsed.token !== 'string') return null;
    return { token: parsed.token, expiresAt: typeof parsed.expiresAt === 'string' ? parsed.expiresAt : null };
  } catch {
    return null;
  }
}

function isExpired(session: StoredSession | null): boolean {
  return !!session?.expiresAt && Date.parse(session.expiresAt) <= Date.now();
}

const MeQuery = graphql(`
  query Me {
    me {
      id
      email
      role
      verified
    }
  }
`);

// Revokes every token of the account on the server, so a copied token stops working too.
const LogOutMutation = graphql(`
  mutation LogOut {
    logOut {
      ok
    }
  }
`);

// A query of its own, so refreshing what the account acts for never puts the whole session back to loading.
const MyPartiesQuery = graphql(`
  query MyParties {
    me {
      id
      associations {
        id
        slug
        name
      }
      volunteer {
        id
        slug
        displayName
      }
    }
  }
`);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState<StoredSession | null>(() => {
    const found = readStored();
    return isExpired(found) ? null : found;
  });
  const [notice, setNotice] = useState<Notice | null>(() => (isExpired(readStored()) ? 'expired' : null));

  const tokenRef = useRef<string | null>(stored?.token ?? null);
  tokenRef.current = stored?.token ?? null;

  const signOut = useCallback((why?: Notice) => {
    const token = tokenRef.current;
    if (why === 'signedOut' && token) {
      // The person asked to log out: revoke on the server too. The session ends here whatever the answer.
      void createClient(token, () => undefined)
        .mutation(LogOutMutation, {})
        .toPromise();
    }
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      /* storage unavailable: the session ends with the page */
    }
    setStored(null);
    setNotice(why ?? null);
  }, []);

  const signIn = useCallback((token: string, expiresAt: string | null) => {
    const session = { token, expiresAt };
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    } catch {
      /* storage unavailable: signed in for this page only */
    }
    setStored(session);
    setNotice(null);
  }, []);

  const dismissNotice = useCallback(() => setNotice(null), []);
  const token = stored?.token ?? null;
  const client = useMemo(() => createClient(token, () => signOut('expired')), [token, signOut]);

  // Another tab signed in or out: follow it.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === STORAGE_KEY) setStored(readStored());
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  // The token runs out while the page is open.
  useEffect(() => {
    if (!stored?.expiresAt) return;
    const left = Date.parse(stored.expiresAt) - Date.now();
    if (!(left > 0) || left > 2 ** 31 - 1) return;
    const timer = window.setTimeout(() => signOut('expired'), left);
    return () => window.clearTimeout(timer);
  }, [stored, signOut]);

  return (
    <Provider value={client}>
      {/* not keyed by the token: a session that ends mid-form must not throw away what was typed */}
      <AccountLoader
        token={token}
        signIn={signIn}
        signOut={signOut}
        notice={notice}
        dismissNotice={dismissNotice}
      >
        {children}
      </AccountLoader>
    </Provider>
  );
}

interface LoaderProps {
  token: string | null;
  signIn: SessionValue['signIn'];
  signOut: SessionValue['signOut'];
  notice: Notice | null;
  dismissNotice: () => void;
  children: ReactNode;
}

function AccountLoader({ token, signIn, signOut, notice, dismissNotice, children }: LoaderProps) {
  const [me] = useQuery({ query: MeQuery, pause: !token, requestPolicy: 'network-only' });
  const [mine, reexecuteMine] = useQuery({ query: MyPartiesQuery, pause: !token, requestPolicy: 'network-only' });
  const account = token ? (me.data?.me ?? null) : null;
  const loading = !!token && (me.fetching || (!me.data && !me.error));

  // urql keeps the last result while a new client fetches: parties count only once they are those of the account
  // `me` names, so another account's are never shown
  const found = mine.data?.me;
  const parties = useMemo<MyParties | null>(
    () =>
      !loading && account && found?.id === account.id
        ? { associations: found.associations, volunteer: found.volunteer ?? null }
        : null,
    [loading, account, found],
  );
  const partiesError = !!token && !!mine.error;
  const refreshParties = useCallback(() => {
    if (token) reexecuteMine({ requestPolicy: 'network-only' });
  }, [token, reexecuteMine]);

  // A token that the API no longer knows as an account (for example after the account was deleted elsewhere).
  useEffect(() => {
    if (token && me.data && me.data.me === null) signOut('expired');
  }, [token, me.data, signOut]);

  const value = useMemo<SessionValue>(
    () => ({
      token,
      account,
      loading,
      signIn,
      signOut,
      notice,
      dismissNotice,
      parties,
      partiesError,
      refreshParties,
    }),
    [token, account, loading, signIn, signOut, notice, dismissNotice, parties, partiesError, refreshParties],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
