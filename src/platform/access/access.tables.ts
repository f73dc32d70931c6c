import {
  boolean,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { units } from '../org/org.tables.ts';

export const users = pgTable(
  'users',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    username: varchar('username', { length: 64 }).notNull(),
    displayName: text('display_name').notNull(),
    /** person | integration (an account that only holds API tokens) */
    kind: text('kind').notNull().default('person'),
    unitId: uuid('unit_id'),
    positionId: uuid('position_id'),
    /** Mobile number, AES-GCM sealed (kernel/crypto); never stored in clear. */
    mobileSealed: text('mobile_sealed'),
    status: text('status').notNull().default('active'),
    passwordHash: text('password_hash'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('users_tenant_username_uq').on(t.tenantId, t.username),
    index('users_tenant_unit_idx').on(t.tenantId, t.unitId),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id] }),
  ],
);

/**
 * A role grants permissions (action codes) within one data scope. How several roles combine:
 * docs/adr/0003-access-control.md.
 */
export const roles = pgTable(
  'roles',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    code: varchar('code', { length: 64 }).notNull(),
    name: text('name').notNull(),
    description: text('description'),
    /** self | unit | unit_tree | custom | tenant | all */
    scope: text('scope').notNull(),
    scopeUnitIds: uuid('scope_unit_ids').array().notNull().default([]),
    permissions: text('permissions').array().notNull().default([]),
    builtin: boolean('builtin').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('roles_tenant_code_uq').on(t.tenantId, t.code),
  ],
);

export const userRoles = pgTable(
  'user_roles',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    userId: uuid('user_id').notNull(),
    roleId: uuid('role_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId, t.roleId] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.tenantId, t.roleId], foreignColumns: [roles.tenantId, roles.id] }).onDelete(
      'cascade',
    ),
  ],
);

/** Browser sessions. `id` is the SHA-256 of the cookie's secret; the secret itself is never stored. */
export const sessions = pgTable(
  'sessions',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: varchar('id', { length: 64 }).notNull(),
    userId: uuid('user_id').notNull(),
    csrfToken: varchar('csrf_token', { length: 64 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    ipHash: varchar('ip_hash', { length: 64 }),
    userAgent: text('user_agent'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('sessions_tenant_user_idx').on(t.tenantId, t.userId),
  ],
);

/** API tokens for integrations: `Authorization: Bearer fz_<tenant>_<secret>`; only the hash is stored. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    tokenHash: varchar('token_hash', { length: 64 }).notNull(),
    prefix: varchar('prefix', { length: 32 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('api_tokens_tenant_hash_uq').on(t.tenantId, t.tokenHash),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete(
      'cascade',
    ),
  ],
);
