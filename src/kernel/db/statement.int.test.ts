import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/db.ts';
import type { Database } from './database.ts';
import { queryRows } from './database.ts';
import { placeholder, rowOf, Statement } from './statement.ts';

const probe = pgTable('statement_probe', {
  id: uuid('id').notNull(),
  name: text('name').notNull(),
  tags: text('tags').array(),
  data: jsonb('data').$type<Record<string, unknown>>(),
  count: integer('count'),
  at: timestamp('at', { withTimezone: true }),
});

/** Statements built once and run with fresh values: same results as the query built each time. */
describe('Statement', () => {
  let database: Database;
  const A = '0195b0c2-0000-7000-8000-000000000001';
  const B = '0195b0c2-0000-7000-8000-000000000002';
  beforeAll(async () => {
    database = await openTestDatabase();
    await database.db.execute(
      sql`create table statement_probe (id uuid not null, name text not null, tags text[], data jsonb, count int, at timestamptz)`,
    );
    await database.db.insert(probe).values([
      {
        id: A,
        name: '甲',
        tags: ['x', 'y'],
        data: { k: [1, 2] },
        count: 3,
        at: new Date('2026-06-01T02:03:04Z'),
      },
      { id: B, name: '乙', tags: null, data: null, count: null, at: null },
    ]);
  });
  afterAll(() => database.close());

  it('bind_runsTheBuiltTextWithEachCallsValues_andKeepsTheBuildTimeOnes', async () => {
    const byId = new Statement(
      sql`select name, ${'常量'}::text as fixed from ${probe} where ${probe.id} = ${placeholder('id')}`,
    );
    expect(await queryRows(database.db, byId.bind({ id: A }))).toEqual([{ name: '甲', fixed: '常量' }]);
    expect(await queryRows(database.db, byId.bind({ id: B }))).toEqual([{ name: '乙', fixed: '常量' }]);
  });

  it('bind_passesArraysNullsAndJsonAsOneValueEach', async () => {
    const s = new Statement(
      sql`select ${placeholder('ids')}::uuid[] @> array[${probe.id}] as hit, ${placeholder('none')}::text is null as empty,
                 (${placeholder('doc')}::jsonb)->>'a' as a
          from ${probe} where ${probe.id} = ${placeholder('id')}`,
    );
    const rows = await queryRows(
      database.db,
      s.bind({ ids: [A, B], none: null, doc: JSON.stringify({ a: '值' }), id: A }),
    );
    expect(rows).toEqual([{ hit: true, empty: true, a: '值' }]);
  });

  it('bind_aPlaceholderUsedTwice_takesTheSameValueInBoth', async () => {
    const s = new Statement(
      sql`select count(*)::int as n from ${probe} where ${probe.id} = ${placeholder('id')} or ${probe.name} = ${placeholder('id')}::text`,
    );
    expect(await queryRows(database.db, s.bind({ id: B }))).toEqual([{ n: 1 }]);
    const twice = new Statement(sql`select ${placeholder('x')}::text as a, ${placeholder('x')}::text as b`);
    expect(await queryRows(database.db, twice.bind({ x: '同一个值' }))).toEqual([
      { a: '同一个值', b: '同一个值' },
    ]);
  });

  it('rowOf_mapsARawRowAsDrizzlesSelectDoes', async () => {
    const s = new Statement(sql`select * from ${probe} where ${probe.id} = ${placeholder('id')}`);
    for (const id of [A, B]) {
      const [raw] = await queryRows(database.db, s.bind({ id }));
      const [built] = await database.db.select().from(probe).where(sql`${probe.id} = ${id}`);
      expect(rowOf(probe, raw!)).toEqual(built);
    }
    const [raw] = await queryRows(database.db, s.bind({ id: A }));
    expect(rowOf(probe, raw!).at).toEqual(new Date('2026-06-01T02:03:04Z'));
  });
});
