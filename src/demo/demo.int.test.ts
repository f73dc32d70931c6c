import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/support/db.ts';
import { TEST_FIELD_KEY } from '../../test/support/env.ts';
import { createFieldCrypto } from '../kernel/crypto.ts';
import { type Database, queryRows } from '../kernel/db/index.ts';
import { rfc3797Draw, rosterOrder, teamFollowsOrder } from '../modules/inspection/index.ts';
import { chinaDate } from '../platform/workflow/index.ts';
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

  it('holds a 双随机 year: real RFC 3797 draws and teams, results, credit records, one task left to draw', async () => {
    const tasks = await queryRows<{
      id: string;
      status: string;
      pick: number;
      pool_ids: string[] | string;
      pool_codes: string[] | string;
      source_values: string[] | string | null;
      sources: { availableOn: string }[] | string;
      selected: number[] | string | null;
      roster_ids: string[] | string;
      teams: { position: number; inspectors: string[]; skipped: { userId: string }[] }[] | string | null;
    }>(database.db, sql`select * from inspection_tasks where tenant_id = '500114' order by published_at`);
    const j = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
    const drawn = tasks.filter((t) => t.status !== 'published');
    const pending = tasks.filter((t) => t.status === 'published');
    expect(drawn).toHaveLength(10);
    expect(pending).toHaveLength(1);
    // The pending task's sources are dated in the past: it can be drawn today.
    expect(j(pending[0]!.sources).every((s) => s.availableOn < chinaDate(new Date()))).toBe(true);
    let inspected = 0;
    for (const t of drawn) {
      const values = j(t.source_values)!;
      const selected = j(t.selected)!;
      expect(rfc3797Draw({ pool: j(t.pool_ids).length, pick: t.pick, sources: values }).selected).toEqual(
        selected,
      );
      const roster = j(t.roster_ids);
      const codes = j(t.pool_codes);
      for (const team of j(t.teams) ?? []) {
        const pos = (u: string) => roster.indexOf(u) + 1;
        expect(
          teamFollowsOrder(
            rosterOrder(roster.length, values, codes[team.position - 1]!),
            team.inspectors.map(pos),
            team.skipped.map((s) => pos(s.userId)),
          ),
        ).toBe(true);
      }
      inspected += selected.length;
    }
    expect(inspected).toBe(Math.round(2964 * 0.1));
    const [c] = await queryRows<{ entities: number; results: number; published: number; credit: number }>(
      database.db,
      sql`select (select count(*)::int from inspection_entities where tenant_id = '500114') as entities,
                 (select count(*)::int from inspection_results where tenant_id = '500114') as results,
                 (select count(*)::int from inspection_results where tenant_id = '500114' and published_at is not null) as published,
                 (select count(*)::int from credit_records where tenant_id = '500114' and origin = 'inspection') as credit`,
    );
    expect(c!.entities).toBe(6000);
    expect(c!.results).toBe(inspected);
    expect(c!.published).toBeGreaterThan(0);
    expect(c!.published).toBeLessThan(c!.results);
    expect(c!.credit).toBe(c!.published);
    // Nothing of it in the test template's district (its fixtures start from an empty directory).
    const [t] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from inspection_entities where tenant_id = '500113'`,
    );
    expect(t!.n).toBe(0);
  });
});
