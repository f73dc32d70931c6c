import {
  date,
  foreignKey,
  index,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { users as usersRef } from '../../platform/access/access.tables.ts';
import { cases as casesRef } from '../../platform/workflow/workflow.tables.ts';
import type { Grade, ScoredItem, ScoreSheet } from './case-review.rules.ts';

/** 案卷评查标准: the district's score sheet (one row per tenant; without a row the default standard applies). */
export const enforcementScoreSheets = pgTable(
  'enforcement_score_sheets',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    items: jsonb('items').$type<ScoreSheet['items']>().notNull(),
    thresholds: jsonb('thresholds').$type<ScoreSheet['thresholds']>().notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] })],
);

/**
 * 案卷评查记录: one reviewer's scoring of a decided case's file. The scored items keep their labels and full marks
 * and `thresholds` the grade lines in force, so a later change of the standard does not change a stored review.
 * `unit_id` is the case's unit, for data scope.
 */
export const enforcementCaseReviews = pgTable(
  'enforcement_case_reviews',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    caseId: uuid('case_id').notNull(),
    caseType: text('case_type').notNull(),
    unitId: uuid('unit_id').notNull(),
    bodyId: uuid('body_id'),
    reviewerId: uuid('reviewer_id').notNull(),
    reviewedOn: date('reviewed_on', { mode: 'string' }).notNull(),
    items: jsonb('items').$type<ScoredItem[]>().notNull(),
    thresholds: jsonb('thresholds').$type<ScoreSheet['thresholds']>().notNull(),
    total: numeric('total', { precision: 5, scale: 1, mode: 'number' }).notNull(),
    grade: text('grade').$type<Grade>().notNull(),
    comment: text('comment').notNull(),
    /** 整改要求 (required for 不合格). */
    rectification: text('rectification'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [casesRef.tenantId, casesRef.id] }),
    foreignKey({ columns: [t.tenantId, t.reviewerId], foreignColumns: [usersRef.tenantId, usersRef.id] }),
    index('enforcement_case_reviews_tenant_case_idx').on(t.tenantId, t.caseId),
    index('enforcement_case_reviews_tenant_body_idx').on(t.tenantId, t.bodyId, t.reviewedOn),
  ],
);
