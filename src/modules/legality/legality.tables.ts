import {
  boolean,
  date,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

/**
 * One review opinion (合法性审查意见) of one stage of a legality review case, written by the opinion step in the
 * step's transaction: the row statistics count by kind, stage and outcome, with the stage's due date and whether
 * the opinion came in time. The case timeline and the transparency log hold the same opinion.
 */
export const legalityOpinions = pgTable(
  'legality_opinions',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    caseId: uuid('case_id').notNull(),
    kind: text('kind').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    unitId: uuid('unit_id').notNull(),
    /** `unit` | `justice`. */
    stage: text('stage').notNull(),
    /** `pass` | `pass-with-changes` | `fail` | `returned` (materials returned for completion). */
    outcome: text('outcome').notNull(),
    reasons: text('reasons').notNull(),
    basis: text('basis').notNull(),
    reviewerId: uuid('reviewer_id').notNull(),
    reviewerName: text('reviewer_name').notNull(),
    reviewedOn: date('reviewed_on', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('legality_opinions_tenant_case_idx').on(t.tenantId, t.caseId),
    index('legality_opinions_tenant_kind_idx').on(t.tenantId, t.kind, t.stage, t.outcome),
  ],
);

/**
 * 双重审查设置: the district's changes to which kinds of review go to the justice bureau after the unit's legal
 * staff (default `REVIEW_KINDS[kind].twoStage`). Append-only: one row per change, so the plan in force at any
 * moment is the latest row at or before it, and a review keeps the plan in force when it was requested.
 */
export const legalityKindSettings = pgTable(
  'legality_kind_settings',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    kind: text('kind').notNull(),
    twoStage: boolean('two_stage').notNull(),
    reason: text('reason').notNull(),
    changedById: uuid('changed_by_id').notNull(),
    changedByName: text('changed_by_name').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('legality_kind_settings_tenant_kind_idx').on(t.tenantId, t.kind, t.changedAt),
  ],
);
