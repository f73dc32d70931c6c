import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/kernel/db/index.ts';
import { openTestDeps } from '../support/db.ts';

/**
 * Citus readiness (docs/adr/0002): every tenant-owned table leads its primary key, unique indexes and
 * foreign keys with tenant_id, so it can be distributed by tenant and co-located.
 */
let deps: Awaited<ReturnType<typeof openTestDeps>>;
beforeAll(async () => {
  deps = await openTestDeps();
});
afterAll(() => deps.database.close());

const GLOBAL = new Set(['tenants', 'calendar_years']);

describe('schema is distributable by tenant', () => {
  it('every table but the reference tables has tenant_id first in every key and unique index', async () => {
    const indexes = await queryRows<{ table: string; index: string; first: string }>(
      deps.db,
      sql`select t.relname as table, i.relname as index, a.attname as first
          from pg_index x
          join pg_class t on t.oid = x.indrelid
          join pg_class i on i.oid = x.indexrelid
          join pg_namespace n on n.oid = t.relnamespace
          join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
          where n.nspname = 'public' and (x.indisunique or x.indisprimary)`,
    );
    const tables = new Set(indexes.map((r) => r.table));
    expect(tables.size).toBeGreaterThan(5);
    for (const r of indexes)
      if (!GLOBAL.has(r.table)) expect(r.first, `${r.table}.${r.index}`).toBe('tenant_id');
  });

  it('every foreign key between tenant-owned tables includes tenant_id', async () => {
    const fks = await queryRows<{ name: string; table: string; ref: string; cols: string }>(
      deps.db,
      sql`select c.conname as name, t.relname as table, r.relname as ref,
            (select string_agg(a.attname, ',' order by k.ord) from unnest(c.conkey) with ordinality k(attnum, ord)
             join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) as cols
          from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_class r on r.oid = c.confrelid
          join pg_namespace n on n.oid = t.relnamespace
          where c.contype = 'f' and n.nspname = 'public'`,
    );
    for (const fk of fks) if (!GLOBAL.has(fk.ref)) expect(fk.cols.split(',')[0], fk.name).toBe('tenant_id');
  });
});
