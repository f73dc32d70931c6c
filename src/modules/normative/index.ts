/**
 * 行政规范性文件 (administrative normative documents): drafting with versions and diffs, public comment clause by
 * clause with dispositions, legality review through the legality module, collective deliberation, unified
 * registration and numbering, publication, filing with the correction loop, validity with expiry warnings, and the
 * full-text search of documents in force.
 */
export { type DiffOp, diffText, splitClauses } from './diff.ts';
/** 清理: opening a campaign, for the benchmark. */
export { openCleanup } from './normative.cleanup.ts';
/** The demo district's stock (bulk) and its year of steps (src/demo runs them). */
export {
  type DemoStep,
  demoNormativeYear,
  NORMATIVE_DEMO,
  type NormativeStock,
  seedDemoNormativeStock,
} from './normative.demo.ts';
export { NormativePermissions } from './normative.permissions.ts';
export { normativeRoutes } from './normative.routes.ts';
/** Reads for other modules (legal-basis pickers must show only documents in force) and for the benchmark. */
export {
  DEFAULT_NUMBER_FORMAT,
  numberFormatProblems,
  publishedDocument,
  renderNumber,
  searchInForce,
} from './normative.service.ts';
/** The register, for the demo district's seed and the benchmark. */
export { normativeRegister } from './normative.tables.ts';
export { NormativeDocument } from './normative.workflow.ts';
