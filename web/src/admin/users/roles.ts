import { api } from '../../api/endpoints.ts';
import { useCached } from '../../shared/cache.ts';
import { useMe } from '../../shared/me.tsx';

/** Roles the signed-in user may hand out (needs access.user.manage). */
export function useAssignableRoles() {
  const { can } = useMe();
  return useCached('access.assignable-roles', api.roles.assignable, can('access.user.manage'));
}
