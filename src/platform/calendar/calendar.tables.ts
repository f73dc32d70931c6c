import { integer, jsonb, pgTable, primaryKey, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import type { DeadlineRule } from '../clock/index.ts';
import type { CalendarYear } from './calendar-year.ts';

/**
 * The national working-day calendar, one row per year (a reference table: the same for every tenant).
 * Seeded from `calendar.seed.ts`; an administrator loads each new year's State Council notice.
 */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  source: text('source').notNull(),
  data: jsonb('data').$type<CalendarYear>().notNull(),
  loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull(),
  /** `seed`, or `<tenant>/<username>` of the administrator who loaded it. */
  loadedBy: text('loaded_by').notNull(),
});

/** A tenant's own version of a statutory deadline rule (local rules often shorten national limits). */
export const deadlineRuleOverrides = pgTable(
  'deadline_rule_overrides',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    code: text('code').notNull(),
    rule: jsonb('rule').$type<DeadlineRule>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.code] })],
);
