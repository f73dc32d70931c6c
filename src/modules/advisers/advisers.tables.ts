import {
  date,
  foreignKey,
  index,
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

/**
 * 法律顾问名册: government legal advisers (external lawyers), public-sector lawyers (公职律师) and units' own legal
 * advisers, with their practice certificate (执业证) and its validity. The phone is personal data: sealed at rest
 * (AES-GCM, `FieldCrypto`), shown masked except to those who manage the roster, logged only as a keyed hash.
 */
export const advisers = pgTable(
  'advisers',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    /** `external` | `public` | `in-house` (advisers.kinds.ts). */
    kind: text('kind').notNull(),
    /** The law firm (律师事务所) or the unit the adviser works for, as written on the certificate. */
    organisation: text('organisation').notNull(),
    /** The unit a public-sector or in-house adviser belongs to (null for external lawyers). */
    homeUnitId: uuid('home_unit_id'),
    licenceNo: text('licence_no').notNull(),
    licenceValidFrom: date('licence_valid_from', { mode: 'string' }).notNull(),
    licenceValidTo: date('licence_valid_to', { mode: 'string' }).notNull(),
    phoneSealed: text('phone_sealed'),
    expertise: text('expertise'),
    /** `active` | `inactive` (解聘). */
    status: text('status').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('advisers_tenant_licence_uq').on(t.tenantId, t.licenceNo),
    index('advisers_tenant_name_idx').on(t.tenantId, t.name),
    foreignKey({ columns: [t.tenantId, t.homeUnitId], foreignColumns: [unitsRef.tenantId, unitsRef.id] }),
  ],
);

/** An adviser serving a unit (配备) for a period; an adviser may serve several units, a unit have several advisers. */
export const adviserAssignments = pgTable(
  'adviser_assignments',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    adviserId: uuid('adviser_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    /** Inclusive; null while open-ended. */
    validTo: date('valid_to', { mode: 'string' }),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('adviser_assignments_tenant_unit_idx').on(t.tenantId, t.unitId, t.validFrom),
    index('adviser_assignments_tenant_adviser_idx').on(t.tenantId, t.adviserId),
    foreignKey({ columns: [t.tenantId, t.adviserId], foreignColumns: [advisers.tenantId, advisers.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [unitsRef.tenantId, unitsRef.id] }),
  ],
);

/** 列席政府常务会议 (and a town's or company's executive meeting): one adviser at one meeting. */
export const adviserMeetings = pgTable(
  'adviser_meetings',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    /** The unit whose meeting it is (the district government for 区政府常务会议). */
    unitId: uuid('unit_id').notNull(),
    adviserId: uuid('adviser_id').notNull(),
    meetingOn: date('meeting_on', { mode: 'string' }).notNull(),
    meetingName: text('meeting_name').notNull(),
    topics: text('topics').array().notNull(),
    opinion: text('opinion').notNull(),
    recordedBy: uuid('recorded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('adviser_meetings_tenant_on_idx').on(t.tenantId, t.meetingOn),
    index('adviser_meetings_tenant_adviser_idx').on(t.tenantId, t.adviserId, t.meetingOn),
    foreignKey({ columns: [t.tenantId, t.adviserId], foreignColumns: [advisers.tenantId, advisers.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [unitsRef.tenantId, unitsRef.id] }),
  ],
);

/** 工作台账: one piece of work an adviser did for a unit (decision review, contract review, litigation, …). */
export const adviserWorkItems = pgTable(
  'adviser_work_items',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    adviserId: uuid('adviser_id').notNull(),
    /** The unit served. */
    unitId: uuid('unit_id').notNull(),
    /** advisers.kinds.ts WORK_KINDS. */
    kind: text('kind').notNull(),
    doneOn: date('done_on', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    hours: numeric('hours', { precision: 6, scale: 1, mode: 'number' }),
    outcome: text('outcome'),
    /** A plain reference to the record the work was for (a legality review, a decision …); not enforced. */
    refType: text('ref_type'),
    refId: text('ref_id'),
    /** `recorded` | `voided` (撤销, with the reason: the row stays). */
    status: text('status').notNull(),
    voidReason: text('void_reason'),
    recordedBy: uuid('recorded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('adviser_work_items_tenant_on_idx').on(t.tenantId, t.doneOn),
    index('adviser_work_items_tenant_adviser_idx').on(t.tenantId, t.adviserId, t.doneOn),
    index('adviser_work_items_tenant_unit_idx').on(t.tenantId, t.unitId, t.doneOn),
    foreignKey({ columns: [t.tenantId, t.adviserId], foreignColumns: [advisers.tenantId, advisers.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [unitsRef.tenantId, unitsRef.id] }),
  ],
);
