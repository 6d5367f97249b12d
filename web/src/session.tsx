import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import { ApiError, api, setCsrfToken, setServerTime, unwrap } from './api.ts';

export interface Me {
  id: string;
  email: string;
  name: string;
  role: 'buyer' | 'seller' | 'agent' | 'operator';
  seller_id: string | null;
  unread_messages: number;
  unread_notifications: number;
}

const SessionContext = createContext<{ me: Me | null; refresh: () => void } | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        const me = await unwrap(api.GET('/v1/me'));
        setCsrfToken(me.csrf_token);
        setServerTime(me.server_time);
        return {
          ...me.user,
          unread_messages: me.unread_messages,
          unread_notifications: me.unread_notifications,
        } as Me;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 30_000,
  });
  if (query.isPending) return null;
  return (
    <SessionContext.Provider
      value={{
        me: query.data ?? null,
        refresh: () => client.invalidateQueries({ queryKey: ['me'] }),
      }}
    >
      {children}
    </SessionContext.Provider>
  );
}

export function useSession() {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in person; pages behind the login use this. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('not signed in');
  return me;
}

export async function signIn(email: string, password: string) {
  const answer = await unwrap(api.POST('/v1/session', { body: { email, password } }));
  setCsrfToken(answer.csrf_token);
  return answer;
}

export async function signOut() {
  await api.DELETE('/v1/session');
  setCsrfToken(null);
}
