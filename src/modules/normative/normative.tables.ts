import {
  boolean,
  date,
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

/** Every stored version of a draft (起草版本); any two can be compared. */
export const normativeVersions = pgTable(
  'normative_versions',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    caseId: uuid('case_id').notNull(),
    versionNo: integer('version_no').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    note: text('note'),
    authorId: uuid('author_id').notNull(),
    authorName: text('author_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('normative_versions_tenant_case_no_uq').on(t.tenantId, t.caseId, t.versionNo),
  ],
);

/**
 * A public comment on one clause of a draft (公开征求意见), given on the portal without sign-in. The commenter's
 * name is stored only masked (and as a keyed hash); the source address only as a keyed hash, for the rate limit.
 * Each comment gets a recorded disposition: adopted / partly adopted / not adopted (with the reason).
 */
export const normativeComments = pgTable(
  'normative_comments',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    caseId: uuid('case_id').notNull(),
    versionNo: integer('version_no').notNull(),
    clauseNo: integer('clause_no').notNull(),
    content: text('content').notNull(),
    commenterMasked: text('commenter_masked').notNull(),
    commenterHash: text('commenter_hash'),
    sourceHash: text('source_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** `adopted` | `partly-adopted` | `not-adopted`, null until disposed. */
    disposition: text('disposition'),
    dispositionReason: text('disposition_reason'),
    disposedByName: text('disposed_by_name'),
    disposedAt: timestamp('disposed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('normative_comments_tenant_case_idx').on(t.tenantId, t.caseId, t.clauseNo),
    index('normative_comments_tenant_source_idx').on(t.tenantId, t.sourceHash, t.createdAt),
  ],
);

/** The tenant's number format (统一编号), e.g. `{issuerShort}规〔{year}〕{seq}号`. */
export const normativeSettings = pgTable(
  'normative_settings',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    numberFormat: text('number_format').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] })],
);

/** The last number given per issuer and year: numbers are assigned in the registering step's transaction, no gaps. */
export const normativeSequences = pgTable(
  'normative_sequences',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    issuer: text('issuer').notNull(),
    year: integer('year').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.issuer, t.year] })],
);

/**
 * The register of numbered documents (统一登记): the number, and once published the text the public and the
 * search read, the dates (published, effective, expiry, filed, filing accepted) and the status. `search_tokens`
 * holds the character bigrams of title, number, issuer and body (platform/search) under a GIN index.
 */
export const normativeRegister = pgTable(
  'normative_register',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    caseId: uuid('case_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    number: text('number').notNull(),
    issuer: text('issuer').notNull(),
    issuerName: text('issuer_name').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    title: text('title').notNull(),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    /** `registered` · `in-force` · `repealed` · `expired` · `invalid`. */
    status: text('status').notNull(),
    published: boolean('published').notNull().default(false),
    body: text('body'),
    publishedOn: date('published_on', { mode: 'string' }),
    effectiveOn: date('effective_on', { mode: 'string' }),
    expiresOn: date('expires_on', { mode: 'string' }),
    filedOn: date('filed_on', { mode: 'string' }),
    filingAcceptedOn: date('filing_accepted_on', { mode: 'string' }),
    searchTokens: text('search_tokens').array().notNull().default([]),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.caseId] }),
    uniqueIndex('normative_register_tenant_number_uq').on(t.tenantId, t.number),
    index('normative_register_tenant_status_idx').on(t.tenantId, t.status, t.publishedOn),
    index('normative_register_tenant_filed_idx').on(t.tenantId, t.filedOn),
    index('normative_register_search_gin').using('gin', t.searchTokens),
  ],
);

/**
 * A cleanup campaign (清理, rules.md §4.3): opened over every document in force on the day it opens (one
 * `normative_cleanup_items` row each, inserted by one statement), each given keep / amend / repeal / declare invalid
 * with reasons, then the results (counts by outcome) published.
 */
export const normativeCleanups = pgTable(
  'normative_cleanups',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    title: text('title').notNull(),
    /** Why: 定期清理 or the superior law that changed. */
    reason: text('reason').notNull(),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    /** `open` · `published`. */
    status: text('status').notNull(),
    documentCount: integer('document_count').notNull(),
    openedByName: text('opened_by_name').notNull(),
    publishedOn: date('published_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('normative_cleanups_tenant_opened_idx').on(t.tenantId, t.openedOn),
  ],
);

/** One document in a cleanup: its number and title when the campaign opened, and the outcome with its reason. */
export const normativeCleanupItems = pgTable(
  'normative_cleanup_items',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    cleanupId: uuid('cleanup_id').notNull(),
    caseId: uuid('case_id').notNull(),
    number: text('number').notNull(),
    title: text('title').notNull(),
    issuerName: text('issuer_name').notNull(),
    /** null until decided; `keep` · `amend` · `repeal` · `invalid`. */
    outcome: text('outcome'),
    reason: text('reason'),
    decidedOn: date('decided_on', { mode: 'string' }),
    decidedByName: text('decided_by_name'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.cleanupId, t.caseId] }),
    index('normative_cleanup_items_tenant_outcome_idx').on(t.tenantId, t.cleanupId, t.outcome),
  ],
);
