import { api } from '../../api/endpoints.ts';
import type { Machine } from '../../api/types.ts';
import { useCached } from '../cache.ts';
import { useMe } from '../me.tsx';

/** The case types the signed-in user may read (GET /api/workflow/machines), shared by every page. */
export function useMachines() {
  const { me } = useMe();
  return useCached('workflow.machines', api.workflow.machines, !!me);
}

/** One case type, once loaded. */
export function useMachine(type: string): { machine: Machine | undefined; loading: boolean; error: unknown } {
  const { data, loading, error } = useMachines();
  return { machine: data?.find((m) => m.type === type), loading, error };
}
