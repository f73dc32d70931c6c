import { benchImport, printImport } from './inspection.ts';

const list = (v: string | undefined, d: string) => (v ?? d).split(',').filter(Boolean).map(Number);
const opts = {
  sizes: list(process.env.SIZES, '10000,100000'),
  importSizes: list(process.env.IMPORTS, '10000,100000'),
  pgUrl: process.env.PG ?? null,
};
printImport(await benchImport(opts));
