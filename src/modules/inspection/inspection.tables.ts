import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { units as unitsRef } from '../../platform/org/org.tables.ts';

/**
 * 市场主体名录库: one market entity, keyed by its 统一社会信用代码 within the tenant. `unitId` is the department
 * that keeps the record (data scope is decided on it); `townId` is the 镇/街道 where the entity is located.
 */
export const marketEntities = pgTable(
  'inspection_entities',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    uscc: varchar('uscc', { length: 18 }).notNull(),
    name: text('name').notNull(),
    entityType: text('entity_type').notNull(),
    industry: text('industry').notNull(),
    address: text('address').notNull(),
    townId: uuid('town_id').notNull(),
    /** 法定代表人/负责人/经营者: personal data, masked in anything public. */
    legalRepresentative: text('legal_representative').notNull(),
    /** active 存续 · cancelled 注销 · revoked 吊销 · moved 迁出 */
    status: text('status').notNull().default('active'),
    unitId: uuid('unit_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('inspection_entities_tenant_uscc_uq').on(t.tenantId, t.uscc),
    foreignKey({ columns: [t.tenantId, t.townId], foreignColumns: [unitsRef.tenantId, unitsRef.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [unitsRef.tenantId, unitsRef.id] }),
    index('inspection_entities_tenant_town_idx').on(t.tenantId, t.townId),
    index('inspection_entities_tenant_unit_idx').on(t.tenantId, t.unitId),
  ],
);

/** A public randomness source announced before the draw: what it is and the date its value becomes known. */
export interface SourceSpec {
  description: string;
  availableOn: string;
}

/**
 * 抽查任务 with its draw. Publication freezes the pool (the ordered entity ids and their credit codes, with the
 * SHA-256 of the codes), the count and the randomness sources; the draw later fills in the source values and
 * the RFC 3797 selection (1-based positions in the pool, in draw order).
 */
export const inspectionTasks = pgTable(
  'inspection_tasks',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    unitId: uuid('unit_id').notNull(),
    title: text('title').notNull(),
    pick: integer('pick').notNull(),
    poolIds: jsonb('pool_ids').$type<string[]>().notNull(),
    poolCodes: jsonb('pool_codes').$type<string[]>().notNull(),
    poolHash: varchar('pool_hash', { length: 64 }).notNull(),
    sources: jsonb('sources').$type<SourceSpec[]>().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    sourceValues: jsonb('source_values').$type<string[]>(),
    selected: jsonb('selected').$type<number[]>(),
    drawKey: text('draw_key'),
    drawnAt: timestamp('drawn_at', { withTimezone: true }),
    /** published 已公布待抽取 · drawn 已抽取 */
    status: text('status').notNull().default('published'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [unitsRef.tenantId, unitsRef.id] }),
    index('inspection_tasks_tenant_published_idx').on(t.tenantId, t.publishedAt),
  ],
);
