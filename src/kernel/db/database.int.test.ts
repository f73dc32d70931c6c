import { sql } from 'drizzle-orm';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/db.ts';
import type { Database } from './database.ts';
import { executeWithNext, queryRows } from './database.ts';

/**
 * Transactions as every service uses them. On PostgreSQL the client pipelines BEGIN with the transaction's first
 * statement (database.ts): these tests pin down that nothing about transactions changes because of it.
 */
describe('database transactions', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    await database.db.execute(sql`create table tx_probe (tenant_id varchar(12) not null, n int not null)`);
  });
  afterAll(() => database.close());

  const count = async () =>
    (await queryRows<{ c: number }>(database.db, sql`select count(*)::int as c from tx_probe`))[0]!.c;

  it('execute_outsideATransaction_runsAParameterisedStatementOnce', async () => {
    const before = await count();
    await database.db.execute(sql`insert into tx_probe values ('500113', ${41})`);
    await database.db.execute(sql`insert into tx_probe select '500113', g from generate_series(1, ${3}) g`);
    expect(await count()).toBe(before + 4);
  });

  it('transaction_whenTheCallbackThrows_storesNothing', async () => {
    const before = await count();
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into tx_probe values ('500113', ${1})`);
        await tx.execute(sql`insert into tx_probe values ('500113', ${2})`);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await count()).toBe(before);
  });

  it('transaction_statementsShareOneSnapshotAndStartTime', async () => {
    const rows = await database.db.transaction(async (tx) => {
      const a = await queryRows<{ t: string }>(tx, sql`select now()::text as t`);
      await new Promise((r) => setTimeout(r, 20));
      const b = await queryRows<{ t: string; s: string }>(
        tx,
        sql`select now()::text as t, statement_timestamp()::text as s`,
      );
      return { first: a[0]!, later: b[0]! };
    });
    expect(rows.later.t).toBe(rows.first.t); // now() is the transaction's start: both statements ran in one
    expect(rows.later.s).not.toBe(rows.later.t);
  });

  it('transaction_withIsolationLevel_appliesItFromTheFirstStatement', async () => {
    const level = await database.db.transaction(
      async (tx) =>
        (await queryRows<{ l: string }>(tx, sql`select current_setting('transaction_isolation') as l`))[0]!.l,
      { isolationLevel: 'serializable' },
    );
    expect(level).toBe('serializable');
  });

  it('transaction_manyConcurrent_eachCommitsOrRollsBackAlone', async () => {
    const before = await count();
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        database.db.transaction(async (tx) => {
          await tx.execute(sql`insert into tx_probe values ('500113', ${100 + i})`);
          if (i % 3 === 0) throw new Error(`refused ${i}`);
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(4);
    expect(await count()).toBe(before + 8);
  });

  it.runIf(process.env.FAZHI_TEST_ENGINE === 'postgres')(
    'begin_withOptions_isAwaitedOnItsOwn_soItsErrorComesBeforeAnyStatement',
    async () => {
      const pool = (database.db as unknown as { $client: Pool }).$client;
      const client = await pool.connect();
      try {
        await expect(client.query({ text: 'begin isolation level nonsense' })).rejects.toThrow(
          /syntax error/,
        );
        // A bare BEGIN resolves at once (it waits in the socket for the next statement) and still opens the
        // transaction the statement runs in.
        await client.query({ text: 'begin' });
        const r = await client.query({
          text: 'select now() = statement_timestamp() as same, $1::int as n',
          values: [1],
        });
        await new Promise((res) => setTimeout(res, 20));
        const r2 = await client.query({
          text: 'select now() = statement_timestamp() as same, $1::int as n',
          values: [2],
        });
        await client.query({ text: 'rollback' });
        expect(r2.rows[0].same).toBe(false); // a later statement of the same transaction
        expect(r.rows[0].n).toBe(1);
      } finally {
        client.release();
      }
    },
  );

  describe('executeWithNext (a write sent with the next statement)', () => {
    /** The database's own message of a failure (Drizzle wraps it as the cause of "Failed query: …"). */
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e: Error) => ((e.cause as Error | undefined) ?? e).message,
      );
    it('executeWithNext_thenCommit_storesTheWriteAndLaterStatementsSeeIt', async () => {
      const before = await count();
      const seen = await database.db.transaction(async (tx) => {
        await executeWithNext(tx, sql`insert into tx_probe values ('500113', ${7001})`);
        const r = await queryRows<{ c: number }>(
          tx,
          sql`select count(*)::int as c from tx_probe where n = ${7001}`,
        );
        await executeWithNext(tx, sql`insert into tx_probe values ('500113', ${7002})`);
        return r[0]!.c;
      });
      expect(seen).toBe(1);
      expect(await count()).toBe(before + 2);
    });

    it('executeWithNext_whenTheWriteFails_failsTheTransactionWithItsErrorAndStoresNothing', async () => {
      const before = await count();
      expect(
        await failure(
          database.db.transaction(async (tx) => {
            await tx.execute(sql`insert into tx_probe values ('500113', ${7101})`);
            await executeWithNext(tx, sql`insert into tx_probe values ('500113', ${null})`);
          }),
        ),
      ).toMatch(/null/);
      expect(await count()).toBe(before);
      // The connection is healthy afterwards.
      await database.db.transaction(async (tx) => {
        await executeWithNext(tx, sql`insert into tx_probe values ('500113', ${7102})`);
      });
      expect(await count()).toBe(before + 1);
    });

    it('executeWithNext_whenAFailedWriteIsFollowedByAStatement_thatStatementFailsWithTheWritesError', async () => {
      expect(
        await failure(
          database.db.transaction(async (tx) => {
            await executeWithNext(tx, sql`insert into tx_probe values ('500113', ${null})`);
            await tx.execute(sql`select 1`);
          }),
        ),
      ).toMatch(/null/);
    });

    it('executeWithNext_whenTheCallbackThrowsAfterIt_rollsBackAndKeepsTheCallersError', async () => {
      const before = await count();
      await expect(
        database.db.transaction(async (tx) => {
          await executeWithNext(tx, sql`insert into tx_probe values ('500113', ${7201})`);
          throw new Error('refused after the write');
        }),
      ).rejects.toThrow('refused after the write');
      expect(await count()).toBe(before);
    });

    it('executeWithNext_inASavepointRolledBack_isRolledBackWithIt', async () => {
      const before = await count();
      await database.db.transaction(async (tx) => {
        await executeWithNext(tx, sql`insert into tx_probe values ('500113', ${7301})`);
        await tx
          .transaction(async (inner) => {
            await executeWithNext(inner, sql`insert into tx_probe values ('500113', ${7302})`);
            throw new Error('inner refused');
          })
          .catch(() => {});
      });
      const ns = await queryRows<{ n: number }>(
        database.db,
        sql`select n from tx_probe where n between 7301 and 7302`,
      );
      expect(ns.map((r) => r.n)).toEqual([7301]);
      expect(await count()).toBe(before + 1);
    });

    it('executeWithNext_outsideATransaction_runsAtOnce', async () => {
      await executeWithNext(database.db, sql`insert into tx_probe values ('500113', ${7401})`);
      const r = await queryRows<{ c: number }>(
        database.db,
        sql`select count(*)::int as c from tx_probe where n = 7401`,
      );
      expect(r[0]!.c).toBe(1);
    });
  });
});
