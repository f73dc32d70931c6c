import { existsSync } from 'node:fs';
import pg from 'pg';
import { benchApiWrite, printApiWrite } from './api-write.ts';
import { benchCaseSteps, printCaseSteps } from './case-steps.ts';
import { benchCredit, printCredit } from './credit.ts';
import { benchSupervision, printSupervision } from './enforcement.ts';
import { benchDraw, benchImport, printDraw, printImport } from './inspection.ts';
import { benchLog, printLog } from './log.ts';
import { benchCleanup, benchNormative, printCleanup, printNormative } from './normative.ts';
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
/**
 * The same server over its Unix socket, when it is local: how a single-node deployment connects (no TCP stack
 * on every statement). Both the API and its raw baseline use the same connection in each measurement.
 */
async function unixSocketVariant(url: string | null): Promise<string | null> {
  if (!url) return null;
  const u = new URL(url);
  if (!['127.0.0.1', 'localhost'].includes(u.hostname) || u.searchParams.has('host')) return null;
  for (const dir of ['/var/run/postgresql', '/tmp']) {
    if (!existsSync(`${dir}/.s.PGSQL.${u.port || 5432}`)) continue;
    u.hostname = 'localhost';
    u.searchParams.set('host', dir);
    const c = new pg.Client({ connectionString: u.toString(), connectionTimeoutMillis: 2000 });
    try {
      await c.connect();
      await c.end();
      return u.toString();
    } catch {}
  }
  return null;
}
const pgSocketUrl = await unixSocketVariant(pgUrl);
console.log(`Fazhi benchmarks (${new Date().toISOString()}, node ${process.version}, ${ms} ms per case)`);
console.log('\n1. Authenticated API write vs the same write directly on the database');
printApiWrite(await benchApiWrite('pglite', null, ms));
if (pgSocketUrl) printApiWrite(await benchApiWrite('postgres', pgSocketUrl, ms, 'unix socket'));
if (pgSocketUrl) printApiWrite(await benchApiWrite('postgres', pgSocketUrl, ms, 'unix socket', 2));
if (pgUrl) printApiWrite(await benchApiWrite('postgres', pgUrl, ms, 'TCP'));
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

console.log('\n6. 行政处罚 case steps through the HTTP API vs the raw writes they make');
printCaseSteps(await benchCaseSteps('pglite', null, ms));
if (pgSocketUrl) printCaseSteps(await benchCaseSteps('postgres', pgSocketUrl, ms, 'unix socket'));
if (pgUrl) printCaseSteps(await benchCaseSteps('postgres', pgUrl, ms, 'TCP'));
if (pgUrl) printCaseSteps(await benchCaseSteps('postgres', pgUrl, ms, 'TCP', 2));
else console.log('  postgres: NOT MEASURED: no PostgreSQL server found (set BENCH_PG_URL)');

console.log('\n7. Credit: re-grading every subject after a model change (10k, 100k; 1M on PostgreSQL)');
printCredit(await benchCredit({ pgUrl }));

console.log(
  '\n8. Full-text search of normative documents in force (Chinese words and phrases) at 100,000 documents',
);
printNormative(await benchNormative({ pgUrl }));

console.log(
  '\n9. 双随机、一公开: RFC 3797 draw at growing pools; 市场主体名录库 Excel import at growing files',
);
printDraw(benchDraw());
printImport(await benchImport());
if (pgUrl) printImport(await benchImport({ pgUrl }));
else console.log('  postgres: NOT MEASURED: no PostgreSQL server found (set BENCH_PG_URL)');

console.log('\n10. Opening a cleanup campaign (清理) over 10,000 normative documents in force');
printCleanup(await benchCleanup({ pgUrl }));
