import { benchCaseSteps, printCaseSteps } from './case-steps.ts';

/**
 * `npx tsx bench/case-steps-only.ts [pglite|postgres]...`: only the 行政处罚 case-step case of `npm run bench`.
 * PostgreSQL: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/test); BENCH_MS as in bench/run.ts;
 * BENCH_WORKERS: HTTP worker processes of the server on PostgreSQL (default 1).
 */
const ms = Number(process.env.BENCH_MS ?? 5000);
const workers = Number(process.env.BENCH_WORKERS ?? 1);
const pgUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const engines = process.argv.slice(2).length ? process.argv.slice(2) : ['postgres', 'pglite'];
for (const engine of engines) {
  if (engine !== 'pglite' && engine !== 'postgres') throw new Error(`unknown engine ${engine}`);
  if (engine === 'postgres') printCaseSteps(await benchCaseSteps(engine, pgUrl, ms, 'TCP', workers));
  else printCaseSteps(await benchCaseSteps(engine, null, ms));
}
