import { useEffect, useState } from 'react';
import { type RequestState, useRequest } from './useRequest.ts';

/**
 * A tiny shared cache for reference data many pages need (units, unit kinds, roles): one request per key
 * until the key is invalidated, which makes every component that uses it load again.
 */
const store = new Map<string, Promise<unknown>>();
const versions = new Map<string, number>();
const listeners = new Set<() => void>();

export function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = store.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    store.set(key, p);
    p.catch(() => store.delete(key));
  }
  return p;
}

/** Forgets `key` (or everything when no key is given) and tells the components using it to reload. */
export function invalidate(key?: string) {
  for (const k of [...store.keys()]) {
    if (key === undefined || k === key) {
      store.delete(k);
      versions.set(k, (versions.get(k) ?? 0) + 1);
    }
  }
  for (const l of listeners) l();
}

export function useCached<T>(key: string, load: () => Promise<T>, enabled = true): RequestState<T> {
  const [version, setVersion] = useState(versions.get(key) ?? 0);
  useEffect(() => {
    const l = () => setVersion(versions.get(key) ?? 0);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, [key]);
  return useRequest(() => cached(key, load), [key, version], enabled);
}
