import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { inject } from 'vitest';
import type { AppDeps } from '../../src/http/deps.ts';
import { fixedClock } from '../../src/kernel/clock.ts';
import { loadConfig } from '../../src/kernel/config.ts';
import { createFieldCrypto } from '../../src/kernel/crypto.ts';
import { type Database, type Db, openDatabase } from '../../src/kernel/db/index.ts';
import { pgAdminUrl, pgUrlFor, TEST_FIELD_KEY, TEST_TENANT } from './env.ts';

let counter = 0;

/**
 * A fresh database for one test file, copied from the run's template (migrated, with the small demo
 * district): PGlite from a data-dir dump, or a new PostgreSQL database created from the template.
 */
export async function openTestDatabase(): Promise<Database & { engineLabel: string }> {
  const engine = process.env.FAZHI_TEST_ENGINE;
  if (engine === 'pglite') {
    const tar = readFileSync(inject('pgliteTemplate'));
    const database = await openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([tar]) });
    return Object.assign(database, { engineLabel: 'pglite' });
  }
  if (engine === 'postgres') {
    const pg = (await import('pg')).default;
    const name = `fazhi_t_${process.ppid}_${process.pid}_${++counter}_${Date.now() % 100000}`;
    const admin = new pg.Client({ connectionString: pgAdminUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
    await admin.end();
    const database = await openDatabase({ url: pgUrlFor(name), poolMax: 5 });
    const closePool = database.close;
    return Object.assign(database, {
      engineLabel: 'postgres',
      close: async () => {
        await closePool();
        const a = new pg.Client({ connectionString: pgAdminUrl() });
        await a.connect();
        try {
          await a.query(`DROP DATABASE IF EXISTS ${name}`);
        } catch {
          await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        }
        await a.end();
      },
    });
  }
  throw new Error('FAZHI_TEST_ENGINE is not set: database tests run in the pglite and postgres projects');
}

/** App dependencies over a test database, with a pinned clock and a fixed field key. */
export async function openTestDeps(now = '2026-03-02T09:00:00+08:00') {
  const database = await openTestDatabase();
  const clock = fixedClock(now);
  const deps: AppDeps & { clock: typeof clock } = {
    config: loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: '/tmp/fazhi-test-data',
      FIELD_KEY: TEST_FIELD_KEY,
    }),
    database,
    db: database.db,
    crypto: createFieldCrypto(TEST_FIELD_KEY),
    clock,
  };
  return deps;
}

/**
 * Fixture for tests that count or list every enforcement case of the district (the supervisor's view, the
 * statistics, the portal search): removes the demo year's cases (src/demo/cases.ts) from this file's copy of the
 * template, so that the test's own cases are the only ones. Call it before creating any. The log keeps its
 * entries (append-only) and the case-number counters keep counting.
 */
export async function withoutDemoCases(db: Db): Promise<void> {
  // The penalty cases and their 法制审核 (legality reviews of the penalty cases, and the opinions).
  await db.execute(
    sql`delete from legality_opinions where tenant_id = ${TEST_TENANT} and subject_type like 'enforcement.%'`,
  );
  const demo = sql`(select id from cases where tenant_id = ${TEST_TENANT} and (type like 'enforcement.%'
    or (type = 'legality.review' and data -> 'subject' ->> 'type' like 'enforcement.%')))`;
  for (const table of ['published_decisions', 'timers', 'case_records', 'case_deadlines', 'case_events'])
    await db.execute(
      sql`delete from ${sql.identifier(table)} where tenant_id = ${TEST_TENANT} and case_id in ${demo}`,
    );
  await db.execute(sql`delete from cases where tenant_id = ${TEST_TENANT} and id in ${demo}`);
  // Their published decisions against organisations fed the credit platform (records, subjects, grades).
  for (const table of [
    'credit_measure_feedback',
    'credit_repairs',
    'credit_grade_history',
    'credit_regrade_runs',
    'credit_records',
    'credit_subjects',
    'credit_models',
  ])
    await db.execute(sql`delete from ${sql.identifier(table)} where tenant_id = ${TEST_TENANT}`);
}
