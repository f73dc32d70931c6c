import { benchApiWrite, printApiWrite } from './api-write.ts';

/**
 * Only the API-write case of `npm run bench` (for A/B runs of the write path): PostgreSQL at BENCH_PG_URL (default
 * the local server), over TCP; `BENCH_MS` per side; `ENGINES=postgres,pglite` to choose.
 */
const pgUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ms = Number(process.env.BENCH_MS ?? 5000);
for (const engine of (process.env.ENGINES ?? 'postgres').split(',') as ('postgres' | 'pglite')[]) {
  printApiWrite(await benchApiWrite(engine, engine === 'postgres' ? pgUrl : null, ms));
}
