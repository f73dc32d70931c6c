/**
 * The 市场主体名录库 import alone: `node --expose-gc --import tsx bench/import-only.ts`. Environment: `SIZES` and
 * `IMPORTS` (row counts of the previews and of the imports, comma-separated), `PG=<url>` for PostgreSQL (else
 * PGlite in memory), `SHARED=1` for text in a shared-string table (as Excel writes it), `HEAP_GC=<ms>` to
 * sample the live heap (a full collection every that many ms; slows the run, so time without it).
 */
import { benchImport, printImport } from './inspection.ts';

const list = (v: string | undefined, d: string) => (v ?? d).split(',').filter(Boolean).map(Number);
const opts = {
  sizes: list(process.env.SIZES, '10000,100000'),
  importSizes: list(process.env.IMPORTS, '10000,100000'),
  pgUrl: process.env.PG ?? null,
  sharedStrings: process.env.SHARED === '1',
};
printImport(await benchImport(opts));
