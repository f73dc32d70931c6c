/** The deterministic demo district (示范区), for `npm start`, tests and benchmarks. */

export type { DemoCasesResult } from './cases.ts';
export { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoYearResult, loadDemo } from './demo.ts';
export type { DemoRulemakingResult } from './rulemaking.ts';
export { type DemoStep, runDemoSteps } from './steps.ts';
