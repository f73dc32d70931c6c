import type { ReactNode } from 'react';
import type { Permission } from '../api/types.ts';
import { useMe } from './me.tsx';
import { Forbidden } from './Results.tsx';

/** Renders `children` only when the user has `permission`; a 403 page otherwise. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useMe();
  return can(permission) ? children : <Forbidden />;
}
