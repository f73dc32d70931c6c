import { bigint, index, pgTable, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * Transparency-log entries (全过程记录). An entry is appended in the same transaction as the change it
 * records, without taking any lock; a sequencer later gives it its position (`seq`) in the tenant's
 * Merkle tree. `body` is RFC 8785 canonical JSON and is never updated.
 */
export const logEntries = pgTable(
  'log_entries',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    id: uuid('id').notNull(),
    kind: text('kind').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    actorId: uuid('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    body: text('body').notNull(),
    seq: bigint('seq', { mode: 'number' }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('log_entries_tenant_subject_idx').on(t.tenantId, t.subjectType, t.subjectId),
    index('log_entries_tenant_seq_idx').on(t.tenantId, t.seq),
  ],
);
