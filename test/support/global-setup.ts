import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadDemo } from '../../src/demo/index.ts';
import { createFieldCrypto } from '../../src/kernel/crypto.ts';
import { openDatabase } from '../../src/kernel/db/index.ts';
import { ensureCalendarSeeded } from '../../src/platform/calendar/index.ts';
import { pgAdminUrl, pgUrlFor, TEST_FIELD_KEY, TEST_SCALE, TEST_TENANT } from './env.ts';

/**
 * Prepares one migrated database holding a small demo district, once per run, as a template that every
 * test file copies: a PGlite data-dir dump, or a PostgreSQL template database.
 */
export default async function setup(project: TestProject) {
  const engine = project.name;
  const crypto = createFieldCrypto(TEST_FIELD_KEY);
  if (engine === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    await database.migrate();
    await ensureCalendarSeeded(database.db);
    await loadDemo(
      { db: database.db, crypto },
      { scale: TEST_SCALE, tenantId: TEST_TENANT, inspection: false },
    );
    const dump = await database.pglite!.dumpDataDir('none');
    const dir = join(tmpdir(), 'fazhi-test');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `template-${process.pid}.tar`);
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await database.close();
    project.provide('pgliteTemplate', file);
    return;
  }
  if (engine === 'postgres') {
    const admin = pgAdminUrl();
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: admin });
    try {
      await client.connect();
    } catch (e) {
      throw new Error(
        `PostgreSQL tests need a server: set FAZHI_TEST_PG_URL (or run \`npm run test:all\`, which provides one). Could not connect to ${admin}: ${(e as Error).message}`,
      );
    }
    const template = `fazhi_tpl_${process.pid}`;
    await client.query(`DROP DATABASE IF EXISTS ${template}`);
    await client.query(`CREATE DATABASE ${template}`);
    const database = await openDatabase({ url: pgUrlFor(template), poolMax: 2 });
    await database.migrate();
    await ensureCalendarSeeded(database.db);
    await loadDemo(
      { db: database.db, crypto },
      { scale: TEST_SCALE, tenantId: TEST_TENANT, inspection: false },
    );
    await database.close();
    project.provide('pgTemplate', template);
    return async () => {
      // Drop the template and any per-file databases left behind by a crashed worker.
      const res = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE 'fazhi_t_${process.pid}_%' OR datname = $1`,
        [template],
      );
      for (const r of res.rows) await client.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await client.end();
    };
  }
  throw new Error(`FAZHI_TEST_ENGINE must be pglite or postgres, got ${engine}`);
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}
