import {
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
import { tenants } from '../tenancy/tenancy.tables.ts';

/**
 * The organisation tree of one tenant: the government, its departments (部门), towns and streets (镇街),
 * parks (园区), villages and communities. `path` is the materialised path of ids (`/a/b/c/`) so that
 * "this unit and below" is one indexed prefix match.
 */
export const units = pgTable(
  'units',
  {
    tenantId: varchar('tenant_id', { length: 12 })
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull(),
    parentId: uuid('parent_id'),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    /** Unified social credit code of the unit, when it has one. */
    creditCode: varchar('credit_code', { length: 18 }),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    sort: integer('sort').notNull().default(0),
    status: text('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id] }),
    index('units_tenant_parent_idx').on(t.tenantId, t.parentId),
    index('units_tenant_path_idx').on(t.tenantId, t.path.op('text_pattern_ops')),
    uniqueIndex('units_tenant_parent_name_uq').on(t.tenantId, t.parentId, t.name),
  ],
);

/** A post within a unit (局长, 执法队员, 法制审核员 …). */
export const positions = pgTable(
  'positions',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    unitId: uuid('unit_id').notNull(),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id] }),
    uniqueIndex('positions_tenant_unit_name_uq').on(t.tenantId, t.unitId, t.name),
  ],
);
