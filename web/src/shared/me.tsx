import { App } from 'antd';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { isApiError, onUnauthorized, setCsrfToken } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import type { Me, Permission } from '../api/types.ts';
import { invalidate } from './cache.ts';

export interface MeContextValue {
  /** The signed-in user; null when signed out; undefined while the first check runs. */
  me: Me | null | undefined;
  can: (permission: Permission) => boolean;
  /** Sets the user after login (or null after logout). */
  setMe: (me: Me | null) => void;
  /** Asks the server again (e.g. after changing the password). */
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
  /** True after the user signed out themselves (the login page then starts afresh, without a redirect). */
  signedOut: boolean;
}

const MeContext = createContext<MeContextValue | null>(null);

/** Holds the signed-in user for the admin pages; a 401 from any request signs the user out. */
export function MeProvider({ children }: { children: ReactNode }) {
  const { message } = App.useApp();
  const [me, setMeState] = useState<Me | null | undefined>(undefined);
  const [signedOut, setSignedOut] = useState(false);
  const meRef = useRef(me);
  meRef.current = me;

  const setMe = useCallback((m: Me | null) => {
    setCsrfToken(m?.csrfToken ?? null);
    if (m) setSignedOut(false);
    // Reference data is per user: forget it when someone else signs in or the user signs out.
    if (meRef.current?.id !== m?.id) invalidate();
    meRef.current = m;
    setMeState(m);
  }, []);

  const refresh = useCallback(async () => {
    try {
      setMe(await api.auth.me());
    } catch (e) {
      if (isApiError(e) && e.status === 401) setMe(null);
      else throw e;
    }
  }, [setMe]);

  useEffect(() => {
    refresh().catch(() => setMe(null));
  }, [refresh, setMe]);

  useEffect(
    () =>
      onUnauthorized((e) => {
        if (meRef.current)
          message.warning(e.code === 'AUTH.UNAUTHENTICATED' ? '登录已过期，请重新登录' : e.detail);
        setMe(null);
      }),
    [message, setMe],
  );

  const logout = useCallback(async () => {
    try {
      await api.auth.logout();
    } finally {
      setSignedOut(true);
      setMe(null);
    }
  }, [setMe]);

  const value = useMemo<MeContextValue>(() => {
    const perms = new Set(me?.permissions ?? []);
    return { me, can: (p) => perms.has(p), setMe, refresh, logout, signedOut };
  }, [me, setMe, refresh, logout, signedOut]);

  return <MeContext.Provider value={value}>{children}</MeContext.Provider>;
}

export function useMe(): MeContextValue {
  const ctx = useContext(MeContext);
  if (!ctx) throw new Error('useMe() outside <MeProvider>');
  return ctx;
}

/** The signed-in user, inside pages that are only rendered when signed in. */
export function useSignedIn(): Me {
  const { me } = useMe();
  if (!me) throw new Error('useSignedIn() while signed out');
  return me;
}
