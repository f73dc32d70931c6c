import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

/**
 * The annual decision-item catalogue (重大行政决策事项目录, 条例第三条): drafted, then published after the
 * same-level Party committee's consent; after publication it changes only with a recorded reason.
 */
export const decisionCatalogues = pgTable(
  'decision_catalogues',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    year: integer('year').notNull(),
    /** `draft` | `published`. */
    status: text('status').notNull(),
    partyConsentOn: date('party_consent_on'),
    publishedOn: date('published_on'),
    publishedByName: text('published_by_name'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.year] })],
);

/** One item of a year's catalogue, with the proposing unit (决策事项建议单位) and, later, its decision case. */
export const decisionCatalogueItems = pgTable(
  'decision_catalogue_items',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    title: text('title').notNull(),
    /** 条例第三条 category: `public-policy` | `plan` | `resources` | `construction` | `other`. */
    category: text('category').notNull(),
    proposingUnitId: uuid('proposing_unit_id').notNull(),
    proposingUnitName: text('proposing_unit_name').notNull(),
    description: text('description'),
    plannedQuarter: integer('planned_quarter'),
    /** `listed` | `withdrawn` (an adjustment after publication; the row stays). */
    status: text('status').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('decision_catalogue_items_tenant_year_idx').on(t.tenantId, t.year, t.seq),
  ],
);

/** Every change to a published catalogue (目录调整), with its reason, before and after. */
export const decisionCatalogueAdjustments = pgTable(
  'decision_catalogue_adjustments',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    year: integer('year').notNull(),
    itemId: uuid('item_id').notNull(),
    /** `add` | `change` | `withdraw`. */
    action: text('action').notNull(),
    reason: text('reason').notNull(),
    before: jsonb('before').$type<Record<string, unknown> | null>(),
    after: jsonb('after').$type<Record<string, unknown> | null>(),
    actorName: text('actor_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('decision_catalogue_adjustments_tenant_year_idx').on(t.tenantId, t.year, t.createdAt),
  ],
);

/** A published decision (条例第三十二条), as the portal shows it. */
export const decisionRegister = pgTable(
  'decision_register',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    caseId: uuid('case_id').notNull(),
    caseNumber: text('case_number').notNull(),
    title: text('title').notNull(),
    unitName: text('unit_name').notNull(),
    documentNo: text('document_no').notNull(),
    publishedOn: date('published_on').notNull(),
    channel: text('channel').notNull(),
    summary: text('summary').notNull(),
    /** How public and expert opinions were adopted (采纳情况说明). */
    adoptionExplanation: text('adoption_explanation'),
    catalogueYear: integer('catalogue_year'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.caseId] }),
    index('decision_register_tenant_published_idx').on(t.tenantId, t.publishedOn),
  ],
);
