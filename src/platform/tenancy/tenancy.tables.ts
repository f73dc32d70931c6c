import { pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';

/**
 * A tenant is an administrative division (GB/T 2260 code). On Citus this is a reference table;
 * every other tenant-owned table is distributed by `tenant_id` (docs/adr/0002-tenancy.md).
 */
export const tenants = pgTable('tenants', {
  id: varchar('id', { length: 12 }).primaryKey(),
  name: text('name').notNull(),
  /** province | city | county */
  level: text('level').notNull(),
  parentId: varchar('parent_id', { length: 12 }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
