/**
 * 双随机、一公开 (random inspections): the publicly verifiable draw (RFC 3797), the market-entity directory
 * (市场主体名录库), inspection items, plans, tasks and their draws. Credit grades live in the credit module.
 */

/** Result outcomes; a published result becomes a credit record of the entity (credit-link.ts). */
export { OUTCOME_SEVERITY } from './credit-link.ts';
/** 市场主体名录库: entity reads for other modules (the credit module keys on the same credit code). */
export { ENTITY_STATUSES, ENTITY_TYPES, type EntityView, getEntity } from './directory.ts';
export { ENTITY_COLUMNS } from './directory-file.ts';
/**
 * Credit grades for draws by grade: the credit module registers its reader here (integration point), e.g.
 * `setGradeSource((ctx, codes) => gradesByCode(ctx, codes))`; without one every entity is ungraded.
 */
export { type CreditGrade, type GradeSource, setGradeSource } from './grades.ts';
export { InspectionPermissions } from './inspection.permissions.ts';
export { inspectionRoutes } from './inspection.routes.ts';
/** The directory table, for the demo district's seed and the benchmark. */
export { inspectionResults, inspectionTasks, marketEntities } from './inspection.tables.ts';
/** The service steps, for the demo district's inspection year (run on past dates through the same code). */
export { createItem, createPlan } from './plans.ts';
/** The daily job's step: flags results still unpublished after their due date (20 working days). */
export {
  flagOverdueResults,
  OUTCOMES,
  type Outcome,
  OVERDUE_JOB,
  publishDueOf,
  publishResults,
} from './results.ts';
/** RFC 3797 verifiable selection: canonical sources, key, digests and the draw itself. */
export {
  canonicalSource,
  type DrawInput,
  type DrawResult,
  type DrawStep,
  drawInputProblems,
  drawKey,
  MAX_PICK,
  MAX_POOL,
  /** Selects `pick` of `pool` positions (1-based, draw order) from the public sources, exactly as RFC 3797 §4. */
  rfc3797Draw,
} from './rfc3797.ts';
/** Draws stratified by credit grade (one RFC 3797 draw per stratum with the same sources). */
export {
  GRADES,
  planStrata,
  redrawOrder,
  rosterOrder,
  stratifiedDraw,
  stratumPick,
  teamFollowsOrder,
  teamOrder,
} from './strata.ts';
/** The pool hash anyone can recompute from a published pool. */
export { drawTask, poolHashOf, publishTask } from './tasks.ts';
export { drawTeams } from './teams.ts';
