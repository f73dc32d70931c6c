import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
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
import { users as usersRef } from '../../platform/access/access.tables.ts';
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
    /** published 已公布待抽取 · drawn 已抽取 · teamed 已分派检查人员 */
    status: text('status').notNull().default('published'),
    /** The annual plan the task belongs to. */
    planId: uuid('plan_id'),
    /** The inspection items (随机抽查事项) the visit covers. */
    itemIds: jsonb('item_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** 部门联合抽查: the cooperating departments (one visit, results shared); the lead is `unitId`. */
    jointUnitIds: jsonb('joint_unit_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** Sampling ratio (percent) per credit grade, `U` for entities without a grade; null: one stratum of `pick`. */
    ratios: jsonb('ratios').$type<GradeRatios>(),
    /** The credit grade of each pool entry, frozen with the pool (parallel to `poolCodes`); null: no grades. */
    poolGrades: jsonb('pool_grades').$type<string[]>(),
    /** The strata at publication (grade, size, count) and, after the draw, each stratum's RFC 3797 selection. */
    strata: jsonb('strata').$type<Stratum[]>().notNull().default(sql`'[]'::jsonb`),
    /** 执法检查人员名录: the ordered roster frozen at publication (user ids, with the public label of each). */
    rosterIds: jsonb('roster_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    rosterLabels: jsonb('roster_labels').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** Whether an officer of the entity's own 镇/街道 is recused. */
    recuseTownOfficers: boolean('recuse_town_officers').notNull().default(false),
    inspectionDate: date('inspection_date', { mode: 'string' }),
    teams: jsonb('teams').$type<Team[]>(),
    teamsDrawnAt: timestamp('teams_drawn_at', { withTimezone: true }),
    /** 单组重新匹配: every re-draw of one entity's team after a later conflict, numbered 1, 2, … (published). */
    redraws: jsonb('redraws').$type<Redraw[]>().notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [unitsRef.tenantId, unitsRef.id] }),
    foreignKey({
      columns: [t.tenantId, t.planId],
      foreignColumns: [inspectionPlans.tenantId, inspectionPlans.id],
    }),
    index('inspection_tasks_tenant_published_idx').on(t.tenantId, t.publishedAt),
    index('inspection_tasks_tenant_plan_idx').on(t.tenantId, t.planId),
  ],
);

export type Grade = 'A' | 'B' | 'C' | 'D' | 'U';
export type GradeRatios = Record<Grade, number>;

/** One stratum of a graded draw: the pool entries of one grade, in pool order. */
export interface Stratum {
  grade: Grade;
  size: number;
  pick: number;
  /** 1-based positions within the stratum, in draw order (after the draw). */
  selected?: number[];
}

/** The inspectors of one drawn entity and the roster entries passed over, with why. */
export interface Team {
  /** 1-based position of the entity in the pool. */
  position: number;
  entityId: string;
  inspectors: string[];
  skipped: { userId: string; reason: string }[];
  /** The re-draw this team comes from (its sequence number), absent for the original draw. */
  redraw?: number;
}

/**
 * 单组重新匹配: one entity's team drawn again after the teams were drawn (an inspector declared a conflict or lost
 * the credential). The new roster order is RFC 3797 over the same roster with the task's source values, the
 * entity's credit code and the sequence number as sources; the previous team and the reason are kept.
 */
export interface Redraw {
  seq: number;
  entityId: string;
  position: number;
  /** conflict 申报回避 · credential 执法证不可用 · other 其他 */
  cause: 'conflict' | 'credential' | 'other';
  reason: string;
  previous: string[];
  inspectors: string[];
  skipped: { userId: string; reason: string }[];
  by: string;
  at: string;
}

/** 随机抽查事项清单: one item of a department's list. */
export const inspectionItems = pgTable(
  'inspection_items',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    unitId: uuid('unit_id').notNull(),
    code: varchar('code', { length: 40 }).notNull(),
    name: text('name').notNull(),
    /** general 一般检查事项 · key 重点检查事项 */
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    legalBasis: text('legal_basis').notNull(),
    method: text('method').notNull(),
    content: text('content').notNull(),
    /** active 有效 · retired 已停用 */
    status: text('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('inspection_items_tenant_code_uq').on(t.tenantId, t.code),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [unitsRef.tenantId, unitsRef.id] }),
    index('inspection_items_tenant_unit_idx').on(t.tenantId, t.unitId),
  ],
);

/** 年度抽查计划: a department's annual plan, under which its tasks are published. */
export const inspectionPlans = pgTable(
  'inspection_plans',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    unitId: uuid('unit_id').notNull(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    itemIds: jsonb('item_ids').$type<string[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('inspection_plans_tenant_unit_title_uq').on(t.tenantId, t.unitId, t.title),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [unitsRef.tenantId, unitsRef.id] }),
    index('inspection_plans_tenant_year_idx').on(t.tenantId, t.year),
  ],
);

/** 回避登记: an inspector's declared conflict of interest with an entity. */
export const inspectionConflicts = pgTable(
  'inspection_conflicts',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    entityId: uuid('entity_id').notNull(),
    reason: text('reason').notNull(),
    declaredBy: uuid('declared_by').notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('inspection_conflicts_tenant_user_entity_uq').on(t.tenantId, t.userId, t.entityId),
    index('inspection_conflicts_tenant_entity_idx').on(t.tenantId, t.entityId),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [usersRef.tenantId, usersRef.id] }),
    foreignKey({
      columns: [t.tenantId, t.entityId],
      foreignColumns: [marketEntities.tenantId, marketEntities.id],
    }),
  ],
);

/** 抽查结果: what the team found at one drawn entity, and its publication (20 working days). */
export const inspectionResults = pgTable(
  'inspection_results',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    taskId: uuid('task_id').notNull(),
    entityId: uuid('entity_id').notNull(),
    /** normal 未发现问题 · corrected 发现问题已当场整改 · rectify 责令限期整改 · case 立案查处 */
    outcome: text('outcome').notNull(),
    findings: text('findings').notNull(),
    inspectedOn: date('inspected_on', { mode: 'string' }).notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    /** The enforcement case opened from the finding (outcome `case`). */
    caseId: uuid('case_id'),
    publishDue: date('publish_due', { mode: 'string' }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** How many times the result was corrected (更正); each correction is logged with its reason. */
    revision: integer('revision').notNull().default(0),
    /** 撤回公示: when the publication was withdrawn (the result may be corrected and published again). */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawReason: text('withdraw_reason'),
    /** When the daily job found it unpublished past `publishDue` (逾期未公示). */
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.taskId, t.entityId] }),
    foreignKey({
      columns: [t.tenantId, t.taskId],
      foreignColumns: [inspectionTasks.tenantId, inspectionTasks.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.entityId],
      foreignColumns: [marketEntities.tenantId, marketEntities.id],
    }),
    index('inspection_results_tenant_published_idx').on(t.tenantId, t.publishedAt),
    index('inspection_results_tenant_due_idx').on(t.tenantId, t.publishDue),
  ],
);
