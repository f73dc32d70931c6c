import { sql } from 'drizzle-orm';
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
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { users as usersRef } from '../../platform/access/access.tables.ts';
import { units as unitsRef } from '../../platform/org/org.tables.ts';
import type { DiscretionBand, LegalBasisItem } from './discretion.ts';

/**
 * 执法主体: an organisation that enforces in its own name (or by entrustment). Each body is one unit of the
 * organisation tree; data scope is decided on that unit.
 */
export const enforcementBodies = pgTable(
  'enforcement_bodies',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    unitId: uuid('unit_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    /** 统一社会信用代码, when the body has its own. */
    uscc: varchar('uscc', { length: 18 }),
    /** The basis of its enforcement authority (设立依据、职权依据). */
    legalBasis: text('legal_basis').notNull(),
    /** The normative documents cited (法律、法规、规章、编办批复 …). */
    normativeDocuments: jsonb('normative_documents').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    domains: jsonb('domains').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    status: text('status').notNull().default('active'),
    // The particulars its documents print (文书): address, telephone, how fines are paid (缴款方式),
    // where to apply for reconsideration (复议机关) and the court of first instance (管辖法院).
    address: text('address'),
    phone: text('phone'),
    paymentMethod: text('payment_method'),
    reviewAuthority: text('review_authority'),
    court: text('court'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [unitsRef.tenantId, unitsRef.id] }),
    uniqueIndex('enforcement_bodies_tenant_unit_uq').on(t.tenantId, t.unitId),
    uniqueIndex('enforcement_bodies_tenant_name_uq').on(t.tenantId, t.name),
  ],
);

/** 执法人员: a credential (行政执法证 or 执法监督证) held by a user of the tenant, serving in a body. */
export const enforcementOfficers = pgTable(
  'enforcement_officers',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    bodyId: uuid('body_id').notNull(),
    credentialNo: text('credential_no').notNull(),
    category: text('category').notNull(),
    domains: jsonb('domains').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    issuingAuthority: text('issuing_authority').notNull(),
    /** active 有效 · suspended 暂扣 · revoked 注销/吊销 */
    status: text('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [usersRef.tenantId, usersRef.id] }),
    foreignKey({
      columns: [t.tenantId, t.bodyId],
      foreignColumns: [enforcementBodies.tenantId, enforcementBodies.id],
    }),
    uniqueIndex('enforcement_officers_tenant_credential_uq').on(t.tenantId, t.credentialNo),
    uniqueIndex('enforcement_officers_tenant_user_category_uq').on(t.tenantId, t.userId, t.category),
    index('enforcement_officers_tenant_body_idx').on(t.tenantId, t.bodyId),
  ],
);

/** 执法事项: one item of the enforcement-matter catalogue with its legal basis and discretion standard. */
export const enforcementMatters = pgTable(
  'enforcement_matters',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    bodyId: uuid('body_id').notNull(),
    legalBasis: jsonb('legal_basis').$type<LegalBasisItem[]>().notNull(),
    fineMin: numeric('fine_min', { precision: 14, scale: 2, mode: 'number' }),
    fineMax: numeric('fine_max', { precision: 14, scale: 2, mode: 'number' }),
    otherPenalties: jsonb('other_penalties').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    discretion: jsonb('discretion').$type<DiscretionBand[]>().notNull().default(sql`'[]'::jsonb`),
    status: text('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.bodyId],
      foreignColumns: [enforcementBodies.tenantId, enforcementBodies.id],
    }),
    uniqueIndex('enforcement_matters_tenant_code_uq').on(t.tenantId, t.code),
    index('enforcement_matters_tenant_body_idx').on(t.tenantId, t.bodyId),
  ],
);

/**
 * 行政处罚决定公开 (rules.md §1.11, §2.1, §13.2): the public version of a penalty decision, written by the case's
 * `publish` step after the masking gate and the human 保密审查, and set to `withdrawn` by its `withdraw` step. Only
 * masked values live here; the portal reads nothing else. `search_tokens` holds the character bigrams of the
 * searchable fields (see the module README): a GIN index on a `text[]` column (no extension needed), which
 * cannot carry the varchar `tenant_id` without `btree_gin`, so the tenant is a filter on the candidate rows.
 */
export const publishedDecisions = pgTable(
  'published_decisions',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    caseId: uuid('case_id').notNull(),
    /** The decision document number (决定书文号). */
    number: text('number').notNull(),
    /** The party's display name (masked under the agency's policy). */
    partyName: text('party_name').notNull(),
    partyKind: text('party_kind').notNull(),
    matterName: text('matter_name').notNull(),
    bodyId: uuid('body_id').notNull(),
    bodyName: text('body_name').notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    publishedOn: date('published_on', { mode: 'string' }).notNull(),
    publicText: text('public_text').notNull(),
    penaltySummary: text('penalty_summary').notNull(),
    fineAmount: numeric('fine_amount', { precision: 14, scale: 2 }),
    /** `published` | `withdrawn`. */
    status: text('status').notNull().default('published'),
    withdrawnOn: date('withdrawn_on', { mode: 'string' }),
    withdrawalReason: text('withdrawal_reason'),
    withdrawalBasis: text('withdrawal_basis'),
    /** Who did the 保密审查 of the public version. */
    reviewedBy: text('reviewed_by').notNull(),
    searchTokens: text('search_tokens').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('published_decisions_tenant_published_idx').on(t.tenantId, t.publishedOn, t.id),
    index('published_decisions_tenant_case_idx').on(t.tenantId, t.caseId),
    index('published_decisions_search_gin').using('gin', t.searchTokens),
  ],
);
