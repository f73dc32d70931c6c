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
