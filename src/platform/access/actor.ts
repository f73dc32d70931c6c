import type { LogActor } from '../log/index.ts';

/** A data scope: which records a role's permissions reach. */
export type DataScope = 'self' | 'unit' | 'unit_tree' | 'custom' | 'tenant' | 'all';

export const DATA_SCOPES: { value: DataScope; label: string }[] = [
  { value: 'self', label: '仅本人' },
  { value: 'unit', label: '本单位' },
  { value: 'unit_tree', label: '本单位及下级' },
  { value: 'custom', label: '指定单位' },
  { value: 'tenant', label: '本行政区全部' },
  { value: 'all', label: '全部行政区' },
];

export interface ActorRole {
  id: string;
  code: string;
  name: string;
  scope: DataScope;
  scopeUnitIds: string[];
  permissions: string[];
}

/** The signed-in person (or integration) on whose behalf a request runs. */
export interface Actor {
  tenantId: string;
  userId: string;
  username: string;
  displayName: string;
  unitId: string | null;
  /** Materialised path of the actor's unit, for "unit and below" scopes. */
  unitPath: string | null;
  roles: ActorRole[];
  via: 'session' | 'token';
  sessionId?: string;
  csrfToken?: string;
}

/**
 * The roles of the actor that grant `permission`. Rule (docs/adr/0003-access-control.md): a role's scope
 * applies only to the permissions that role grants; the reach of one permission is the union of the
 * scopes of exactly those roles. A role never widens another role's permissions.
 */
export const grantsFor = (actor: Actor, permission: string): ActorRole[] =>
  actor.roles.filter((r) => r.permissions.includes(permission));

/** Whether the actor holds `permission` in any scope. */
export const can = (actor: Actor, permission: string): boolean => grantsFor(actor, permission).length > 0;

/** Every permission the actor holds, sorted. */
export const permissionsOf = (actor: Actor): string[] =>
  [...new Set(actor.roles.flatMap((r) => r.permissions))].sort();

/** How the actor is named in the transparency log. */
export const logActorOf = (actor: Actor): LogActor => ({
  userId: actor.userId,
  username: actor.username,
  displayName: actor.displayName,
  roles: actor.roles.map((r) => r.code).sort(),
  unitId: actor.unitId,
});
