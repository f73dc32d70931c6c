import { integer, jsonb, pgTable, primaryKey, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import type { DocumentTemplate } from './template.ts';

/**
 * A tenant's versions of a seed document template (`templates/`), one row per save, never updated.
 * `status` is `active` for an administrator's edit and `seed` when the seed was restored (the row then holds the
 * seed as it was). The template in force is the latest version when it is `active`, else the seed.
 */
export const documentTemplates = pgTable(
  'document_templates',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    template: jsonb('template').$type<DocumentTemplate>().notNull(),
    status: text('status').notNull(),
    /** What the administrator said about the change (optional). */
    note: text('note'),
    /** `<tenant>/<username>` of the administrator. */
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.code, t.version] })],
);
