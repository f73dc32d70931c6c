import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';

export interface RequestState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Runs the request again (e.g. after a change). */
  reload: () => void;
  /** Replaces the data locally (e.g. with the updated row a write returned). */
  setData: (update: T | ((prev: T | undefined) => T)) => void;
}

/**
 * Runs `load` when mounted and whenever `deps` change; an older answer never overwrites a newer one.
 * Pass `enabled: false` to wait (nothing is loaded and `data` stays undefined).
 */
export function useRequest<T>(load: () => Promise<T>, deps: DependencyList, enabled = true): RequestState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(enabled);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run on the caller's deps and on reload
  useEffect(() => {
    if (!enabled) {
      setLoading(false);
      return;
    }
    const mine = ++seq.current;
    setLoading(true);
    loadRef.current().then(
      (d) => {
        if (mine !== seq.current) return;
        setData(d);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setError(e);
        setLoading(false);
      },
    );
  }, [...deps, tick, enabled]);

  useEffect(
    () => () => {
      seq.current++;
    },
    [],
  );

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload, setData };
}
