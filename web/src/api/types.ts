/** Wire types of the Fazhi API (see GET /openapi.json). Timestamps are ISO 8601 strings. */

export type Permission =
  | 'org.unit.read'
  | 'org.unit.manage'
  | 'access.user.read'
  | 'access.user.manage'
  | 'access.role.read'
  | 'access.role.manage'
  | 'access.token.manage'
  | 'dashboard.view'
  | 'log.read';

export type DataScope = 'self' | 'unit' | 'unit_tree' | 'custom' | 'tenant' | 'all';
export type Status = 'active' | 'disabled';

export interface Tenant {
  id: string;
  name: string;
  level: string;
}
export interface Tenants {
  defaultTenant: string;
  items: Tenant[];
}

export interface Me {
  id: string;
  tenantId: string;
  tenantName: string;
  username: string;
  displayName: string;
  unitId: string | null;
  unitName: string | null;
  roles: { code: string; name: string; scope: string }[];
  permissions: string[];
  csrfToken: string | null;
  mustChangePassword: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Unit {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
  shortName: string | null;
  creditCode: string | null;
  depth: number;
  sort: number;
  status: string;
  canManage: boolean;
}

export interface UnitKind {
  value: string;
  label: string;
}

export interface Position {
  id: string;
  unitId: string;
  name: string;
  sort: number;
}

export interface RoleRef {
  id: string;
  code: string;
  name: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  kind: string;
  unitId: string | null;
  unitName: string | null;
  positionId: string | null;
  mobileMasked: string | null;
  status: string;
  locked: boolean;
  lastLoginAt: string | null;
  roles: RoleRef[];
  canManage: boolean;
}

export interface UserQuery {
  q?: string | undefined;
  unitId?: string | undefined;
  includeBelow?: boolean | undefined;
  status?: Status | undefined;
  page: number;
  pageSize: number;
}

export interface Role {
  id: string;
  code: string;
  name: string;
  description: string | null;
  scope: string;
  scopeUnitIds: string[];
  permissions: string[];
  builtin: boolean;
  userCount: number;
}

export interface AssignableRole extends RoleRef {
  scope: string;
}

export interface PermissionInfo {
  code: string;
  name: string;
  module: string;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  userId: string;
  username: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface Overview {
  unitsByKind: { kind: string; count: number }[];
  users: { total: number; active: number; signedInLast30Days: number };
  logEntries: number;
}

export interface UnitBody {
  parentId?: string;
  kind?: string;
  name?: string;
  shortName?: string | null;
  creditCode?: string | null;
  sort?: number;
  status?: Status;
}

export interface CreateUserBody {
  username: string;
  displayName: string;
  unitId: string;
  positionId?: string | null;
  mobile?: string | null;
  password: string;
  roleIds: string[];
  mustChangePassword?: boolean;
}

export interface UpdateUserBody {
  displayName?: string;
  unitId?: string;
  positionId?: string | null;
  mobile?: string | null;
  status?: Status;
  unlock?: boolean;
}

export interface RoleBody {
  code: string;
  name: string;
  description?: string | null;
  scope: DataScope;
  scopeUnitIds?: string[];
  permissions: string[];
}
