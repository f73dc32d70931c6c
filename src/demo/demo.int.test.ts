import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/support/db.ts';
import { TEST_FIELD_KEY } from '../../test/support/env.ts';
import { createFieldCrypto } from '../kernel/crypto.ts';
import { type Database, queryRows } from '../kernel/db/index.ts';
import { loadDemo } from './index.ts';

/**
 * The demo district as a first `npm start` loads it: the district at once, its year of cases afterwards (the server
 * listens in between). The template of every test run holds the same district loaded at once, in tenant 500113.
 */
describe('demo district', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  const counts = (tenant: string) =>
    queryRows<{ cases: number; published: number; units: number }>(
      database.db,
      // the year's cases (their 法制审核 reviews follow the random draw of each district's cases)
      sql`select (select count(*)::int from cases where tenant_id = ${tenant} and type like 'enforcement.%') as cases,
                 (select count(*)::int from published_decisions where tenant_id = ${tenant} and status = 'published') as published,
                 (select count(*)::int from units where tenant_id = ${tenant}) as units`,
    ).then((r) => r[0]!);

  it('loads the year later, step by step, into the same numbers as loading it at once', async () => {
    const deps = { db: database.db, crypto: createFieldCrypto(TEST_FIELD_KEY) };
    const r = await loadDemo(deps, { scale: 0.1, tenantId: '500114', cases: 'later' });
    expect(r.cases).toBe(0);
    const before = await counts('500114');
    expect(before.units).toBe(r.units);
    expect(before.cases).toBe(0);
    const year = await r.loadCases!();
    const after = await counts('500114');
    const atOnce = await counts('500113');
    expect(after).toEqual({ ...atOnce, units: r.units });
    expect(year).toMatchObject({ cases: atOnce.cases, published: atOnce.published });
    expect(atOnce.published).toBeGreaterThan(30);
  }, 120_000);
});
