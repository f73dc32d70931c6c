import { sql } from 'drizzle-orm';
import {
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
import type { ClockEvent, DeadlineRule } from '../clock/index.ts';

/** A case: one procedure (a penalty case, a disclosure request …) moving through a module's state machine. */
export const cases = pgTable(
  'cases',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    /** The machine, e.g. `disclosure.request`. */
    type: text('type').notNull(),
    /** Case number, unique per tenant and type, e.g. 示范公开〔2026〕12号. */
    number: text('number').notNull(),
    title: text('title').notNull(),
    state: text('state').notNull(),
    unitId: uuid('unit_id').notNull(),
    /** The official handling it (承办人). */
    ownerId: uuid('owner_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('cases_tenant_type_number_uq').on(t.tenantId, t.type, t.number),
    index('cases_tenant_type_state_idx').on(t.tenantId, t.type, t.state),
    index('cases_tenant_unit_idx').on(t.tenantId, t.unitId),
    index('cases_tenant_owner_idx').on(t.tenantId, t.ownerId),
    // A case about another record (a legality review's subject: the document, decision or penalty case it
    // reviews): the gate that other modules ask before their step finds it without scanning the district's cases.
    index('cases_tenant_subject_idx').on(t.tenantId, sql`(${t.data}->'subject'->>'id')`),
  ],
);

/** The case timeline: every creation, transition, record and clock event, in order. */
export const caseEvents = pgTable(
  'case_events',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    caseId: uuid('case_id').notNull(),
    seq: integer('seq').notNull(),
    /** created | transition | record | deadline.started | deadline.stopped | deadline.resumed | deadline.extended | deadline.met | deadline.warned | deadline.overdue */
    kind: text('kind').notNull(),
    name: text('name'),
    label: text('label').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    logEntryId: uuid('log_entry_id'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.caseId, t.seq] })],
);

/** A statutory period running on a case, with its clock events (stops, resumes, extensions). */
export const caseDeadlines = pgTable(
  'case_deadlines',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    caseId: uuid('case_id').notNull(),
    /** The machine's name for this period, e.g. `reply`. */
    key: text('key').notNull(),
    /** The rule in force when the period started (a snapshot: later rule changes do not move it). */
    rule: jsonb('rule').$type<DeadlineRule>().notNull(),
    startDate: varchar('start_date', { length: 10 }).notNull(),
    events: jsonb('events').$type<ClockEvent[]>().notNull(),
    /** Null while the clock is stopped. */
    dueDate: varchar('due_date', { length: 10 }),
    /** running | paused | met | cancelled */
    status: text('status').notNull(),
    metOn: varchar('met_on', { length: 10 }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('case_deadlines_tenant_case_key_uq').on(t.tenantId, t.caseId, t.key),
    index('case_deadlines_tenant_status_due_idx').on(t.tenantId, t.status, t.dueDate),
  ],
);

/** Records guards look for: legality reviews, collective discussions, approvals. */
export const caseRecords = pgTable(
  'case_records',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    caseId: uuid('case_id').notNull(),
    /** legal-review | collective-discussion | approval */
    kind: text('kind').notNull(),
    /** e.g. pass | pass-with-changes | fail; approved | rejected; the discussion's result */
    outcome: text('outcome').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    actorId: uuid('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('case_records_tenant_case_idx').on(t.tenantId, t.caseId, t.kind),
  ],
);

/** Work due at a time (deadline warnings, overdue marks, automatic transitions), claimed idempotently. */
export const timers = pgTable(
  'timers',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    caseId: uuid('case_id'),
    kind: text('kind').notNull(),
    fireAt: timestamp('fire_at', { withTimezone: true }).notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** pending | done | failed */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('timers_tenant_due_idx').on(t.tenantId, t.status, t.fireAt),
  ],
);

/** Per-tenant counters for numbering (case numbers, document numbers): incremented under a row lock. */
export const counters = pgTable(
  'counters',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    key: text('key').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] })],
);

/**
 * One run of a daily job for one tenant and China date (`registerDailyJob`): the row is claimed in the job's own
 * transaction, so a day's run happens once across app nodes and a crash repeats both or neither.
 */
export const dailyJobRuns = pgTable(
  'daily_job_runs',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    job: text('job').notNull(),
    day: varchar('day', { length: 10 }).notNull(),
    ranAt: timestamp('ran_at', { withTimezone: true }).notNull(),
    result: jsonb('result').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.job, t.day] })],
);
