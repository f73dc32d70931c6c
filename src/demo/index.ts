/** The deterministic demo district (示范区), for `npm start`, tests and benchmarks. */

export type { DemoCasesResult } from './cases.ts';
export { DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemo } from './demo.ts';
