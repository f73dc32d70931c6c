import pg from 'pg';
import { benchApiWrite, printApiWrite } from './api-write.ts';
import { benchCredit, printCredit } from './credit.ts';
import { benchSupervision, printSupervision } from './enforcement.ts';
import { benchLog, printLog } from './log.ts';
import { benchPublicity, printPublicity } from './publicity.ts';
import { benchWorkflow, printWorkflow } from './workflow.ts';

/**
 * `npm run bench`: every figure is a ratio against a baseline measured in the same run.
 * PostgreSQL: BENCH_PG_URL, DATABASE_URL, or the server on 127.0.0.1:5432.
 * BENCH_MS sets the measuring time per case (default 5000).
 */
const ms = Number(process.env.BENCH_MS ?? 5000);

async function findPostgres(): Promise<string | null> {
  for (const url of [
    process.env.BENCH_PG_URL,
    process.env.DATABASE_URL,
    'postgres://postgres@127.0.0.1:5432/test',
  ]) {
    if (!url) continue;
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await c.connect();
      await c.end();
      return url;
    } catch {}
  }
  return null;
}

const pgUrl = await findPostgres();
console.log(`Fazhi benchmarks (${new Date().toISOString()}, node ${process.version}, ${ms} ms per case)`);
console.log('\n1. Authenticated API write vs the same write directly on the database');
printApiWrite(await benchApiWrite('pglite', null, ms));
if (pgUrl) printApiWrite(await benchApiWrite('postgres', pgUrl, ms));
else console.log('  postgres: NOT MEASURED: no PostgreSQL server found (set BENCH_PG_URL)');

console.log('\n2. Workflow engine: transitions vs the raw writes they make');
printWorkflow(await benchWorkflow('pglite', null, ms));
if (pgUrl) printWorkflow(await benchWorkflow('postgres', pgUrl, ms));
else console.log('  postgres: NOT MEASURED: no PostgreSQL server found (set BENCH_PG_URL)');

console.log('\n3. Transparency log');
printLog(await benchLog({ ms, pgUrl }));

console.log('\n4. Portal search of published penalty decisions at 1,000,000 decisions');
printPublicity(await benchPublicity({ pgUrl, ms }));

console.log('\n5. Supervisor view of open enforcement cases, overdue first, at 100,000 open cases');
printSupervision(await benchSupervision({ pgUrl, ms }));

console.log('\n6. Credit: re-grading every subject after a model change (10k, 100k; 1M on PostgreSQL)');
printCredit(await benchCredit({ pgUrl }));
