import { bigint, pgTable, primaryKey, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { bytea } from '../../kernel/db/columns.ts';

/**
 * The Merkle tree over each tenant's sequenced log entries, stored as in Go's tlog: hash number `idx`
 * (the StoredHashIndex numbering) of the tenant's tree. Appending entry n writes O(log n) hashes.
 */
export const logHashes = pgTable(
  'log_hashes',
  {
    tenantId: varchar('tenant_id', { length: 12 }).notNull(),
    idx: bigint('idx', { mode: 'number' }).notNull(),
    hash: bytea('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.idx] })],
);

/** The latest signed checkpoint of each tenant's log. */
export const logHeads = pgTable('log_heads', {
  tenantId: varchar('tenant_id', { length: 12 }).primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  rootHash: bytea('root_hash').notNull(),
  /** The C2SP signed-note checkpoint text. */
  checkpoint: text('checkpoint').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
