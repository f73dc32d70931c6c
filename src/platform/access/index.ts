/** Identity and access: sign-in, sessions, API tokens, roles, permissions and data scope. */

export { roles, userRoles, users } from './access.tables.ts';
export {
  type Actor,
  type ActorRole,
  can,
  DATA_SCOPES,
  type DataScope,
  grantsFor,
  logActorOf,
  permissionsOf,
} from './actor.ts';
export { actorForUsername } from './auth.ts';
export { bootstrapAdmin, issueTokenFor } from './bootstrap.ts';
export { BUILTIN_ROLES } from './builtin-roles.ts';
export { type Ctx, inTx } from './context.ts';
export { hashPassword, passwordProblems } from './password.ts';
export {
  definePermissions,
  listPermissions,
  type PermissionInfo,
  PlatformPermissions,
} from './permissions.ts';
export { type ScopeColumns, scopeWhere } from './scope.ts';
