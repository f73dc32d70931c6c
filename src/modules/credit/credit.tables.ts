import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { units as unitsRef } from '../../platform/org/org.tables.ts';
import type { PublicityPeriods } from './publicity.ts';
import type { GradeExplanationItem, ModelDefinition } from './scoring.ts';

/**
 * 信用主体: a market entity (or other subject) known to the credit platform by its 统一社会信用代码, with its
 * current grade under the active published model. Created by the first record that names it.
 */
export const creditSubjects = pgTable(
  'credit_subjects',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    creditCode: varchar('credit_code', { length: 18 }).notNull(),
    name: text('name').notNull(),
    score: numeric('score', { precision: 10, scale: 2, mode: 'number' }),
    grade: varchar('grade', { length: 1 }),
    modelId: uuid('model_id'),
    gradedAt: timestamp('graded_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.creditCode] }),
    index('credit_subjects_tenant_name_idx').on(t.tenantId, t.name),
    index('credit_subjects_tenant_grade_idx').on(t.tenantId, t.grade),
  ],
);

/**
 * 信用记录: one fact about a subject — a penalty, an inspection result, a listing, a licence, an honour, a credit
 * commitment and its fulfilment or breach — with its source department, document, severity and publicity period.
 */
export const creditRecords = pgTable(
  'credit_records',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    creditCode: varchar('credit_code', { length: 18 }).notNull(),
    subjectName: text('subject_name').notNull(),
    kind: text('kind').notNull(),
    /** none · minor 轻微 · general 一般 · serious 严重 */
    severity: text('severity').notNull(),
    /** The department that produced the record (谁产生、谁提供、谁负责). */
    sourceUnitId: uuid('source_unit_id').notNull(),
    title: text('title').notNull(),
    /** 决定书文号 / 许可证号 / 文件号. */
    documentNo: text('document_no').notNull(),
    /** The date of the judicial or administrative document: publicity periods run from it. */
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    /** The publicity rules version in force on `decided_on`, and the periods it gave. */
    rulesVersion: text('rules_version').notNull(),
    publicityMinEnd: date('publicity_min_end', { mode: 'string' }),
    publicityEnd: date('publicity_end', { mode: 'string' }),
    repairable: boolean('repairable').notNull(),
    /** Where it came from: `api` or the calling module (`enforcement`, `inspection`, …) and its id. */
    origin: text('origin').notNull(),
    originRef: text('origin_ref'),
    /** active · repaired 已修复（停止公示） · revoked 已撤销 */
    status: text('status').notNull().default('active'),
    repairedOn: date('repaired_on', { mode: 'string' }),
    /** When the daily job stopped the publicity at `publicity_end` (自动停止公示) and re-graded the subject. */
    publicityEndedAt: timestamp('publicity_ended_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.sourceUnitId], foreignColumns: [unitsRef.tenantId, unitsRef.id] }),
    foreignKey({
      columns: [t.tenantId, t.creditCode],
      foreignColumns: [creditSubjects.tenantId, creditSubjects.creditCode],
    }),
    index('credit_records_tenant_code_idx').on(t.tenantId, t.creditCode),
    index('credit_records_tenant_unit_idx').on(t.tenantId, t.sourceUnitId, t.decidedOn),
    index('credit_records_tenant_decided_idx').on(t.tenantId, t.decidedOn),
    index('credit_records_tenant_publicity_end_idx').on(t.tenantId, t.publicityEnd),
  ],
);

/**
 * 公示期限规则版本: publicity and repair periods per record kind and severity, in force from a date. Built-in
 * versions live in code (publicity.ts); a district may add its own (the [M] values of rules.md §12.3).
 */
export const creditRuleVersions = pgTable(
  'credit_rule_versions',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    basis: text('basis').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    periods: jsonb('periods').$type<PublicityPeriods>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('credit_rule_versions_tenant_code_uq').on(t.tenantId, t.code),
    uniqueIndex('credit_rule_versions_tenant_effective_uq').on(t.tenantId, t.effectiveFrom),
  ],
);

/** 信用评分模型: one version of the scoring model; drafts are edited, published versions are immutable. */
export const creditModels = pgTable(
  'credit_models',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    /** draft · published */
    status: text('status').notNull().default('draft'),
    definition: jsonb('definition').$type<ModelDefinition>().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('credit_models_tenant_version_uq').on(t.tenantId, t.version),
    index('credit_models_tenant_published_idx').on(t.tenantId, t.status, t.publishedAt),
  ],
);

/** 信用等级历史: every change of a subject's score, grade or model version, with the explanation. */
export const creditGradeHistory = pgTable(
  'credit_grade_history',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    /** Insertion order: many changes share one instant (a re-grade, a pinned clock). */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    creditCode: varchar('credit_code', { length: 18 }).notNull(),
    modelId: uuid('model_id').notNull(),
    modelVersion: integer('model_version').notNull(),
    score: numeric('score', { precision: 10, scale: 2, mode: 'number' }).notNull(),
    grade: varchar('grade', { length: 1 }).notNull(),
    previousGrade: varchar('previous_grade', { length: 1 }),
    previousScore: numeric('previous_score', { precision: 10, scale: 2, mode: 'number' }),
    /** record · repair · model (a re-grade after publishing a model version) */
    cause: text('cause').notNull(),
    causeRef: text('cause_ref'),
    explanation: jsonb('explanation').$type<GradeExplanationItem[]>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('credit_grade_history_tenant_code_idx').on(t.tenantId, t.creditCode, t.seq),
  ],
);

/** A re-grade of every subject after a model version is published: its progress, batch by batch. */
export const creditRegradeRuns = pgTable(
  'credit_regrade_runs',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    modelId: uuid('model_id').notNull(),
    /** running · done · failed */
    status: text('status').notNull(),
    total: integer('total').notNull(),
    done: integer('done').notNull().default(0),
    changed: integer('changed').notNull().default(0),
    batches: integer('batches').notNull().default(0),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    startedBy: uuid('started_by'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** 联合奖惩措施目录: one measure a department applies to subjects a trigger matches. */
export const creditMeasures = pgTable(
  'credit_measures',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    /** punish 惩戒 · reward 激励 */
    kind: text('kind').notNull(),
    unitId: uuid('unit_id').notNull(),
    name: text('name').notNull(),
    legalBasis: text('legal_basis').notNull(),
    /** Grades that trigger it (e.g. ['D']). */
    grades: jsonb('grades').$type<string[]>().notNull(),
    /** Record kinds whose active record triggers it (e.g. ['serious_dishonesty']). */
    listKinds: jsonb('list_kinds').$type<string[]>().notNull(),
    status: text('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [unitsRef.tenantId, unitsRef.id] }),
    index('credit_measures_tenant_unit_idx').on(t.tenantId, t.unitId),
  ],
);

/** 联合奖惩反馈: what a department did with a flag (applied, not applied and why) in a matter of its own. */
export const creditMeasureFeedback = pgTable(
  'credit_measure_feedback',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    measureId: uuid('measure_id').notNull(),
    creditCode: varchar('credit_code', { length: 18 }).notNull(),
    unitId: uuid('unit_id').notNull(),
    /** applied 已实施 · not_applied 未实施 */
    outcome: text('outcome').notNull(),
    /** The matter the flag was raised in (e.g. `services:application:…`). */
    context: text('context').notNull(),
    note: text('note').notNull(),
    actedOn: date('acted_on', { mode: 'string' }).notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.measureId],
      foreignColumns: [creditMeasures.tenantId, creditMeasures.id],
    }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [unitsRef.tenantId, unitsRef.id] }),
    index('credit_measure_feedback_tenant_unit_idx').on(t.tenantId, t.unitId, t.actedOn),
    index('credit_measure_feedback_tenant_code_idx').on(t.tenantId, t.creditCode),
  ],
);

/** 信用修复申请: early end of a record's publicity, reviewed under the rules version in force on the application date. */
export const creditRepairs = pgTable(
  'credit_repairs',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    recordId: uuid('record_id').notNull(),
    creditCode: varchar('credit_code', { length: 18 }).notNull(),
    appliedOn: date('applied_on', { mode: 'string' }).notNull(),
    rulesVersion: text('rules_version').notNull(),
    /** The earliest date repair was possible under that version. */
    eligibleFrom: date('eligible_from', { mode: 'string' }).notNull(),
    /** How the violation was corrected and obligations fulfilled. */
    correction: text('correction').notNull(),
    /** The public credit commitment (信用承诺) the rules require. */
    commitment: text('commitment').notNull(),
    /** pending · approved · rejected */
    status: text('status').notNull().default('pending'),
    decidedOn: date('decided_on', { mode: 'string' }),
    decisionReason: text('decision_reason'),
    decidedBy: uuid('decided_by'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.recordId],
      foreignColumns: [creditRecords.tenantId, creditRecords.id],
    }),
    index('credit_repairs_tenant_record_idx').on(t.tenantId, t.recordId),
    index('credit_repairs_tenant_status_idx').on(t.tenantId, t.status, t.appliedOn),
  ],
);
