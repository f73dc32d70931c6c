/**
 * 法律顾问 (government legal advisers, 公职律师 and units' own legal advisers): the roster with practice certificates,
 * assignments to units for periods, coverage of every department, town and street, state-owned company and village
 * and community (with the gaps), executive-meeting attendance, the work ledger and performance statistics.
 */

/** The demo district's advisers, assignments, meetings and a year of work items (loadDemo). */
export { seedDemoAdvisers } from './advisers.demo.ts';
export {
  ADVISER_KINDS,
  type AdviserKind,
  COVERAGE_GROUPS,
  WORK_KINDS,
  type WorkKind,
} from './advisers.kinds.ts';
export { AdvisersPermissions } from './advisers.permissions.ts';
export { advisersRoutes } from './advisers.routes.ts';
/** Coverage on a day, by group of unit kinds, with the gaps (for dashboards and the annual report). */
export { type Coverage, coverage } from './coverage.ts';
/** A year's figures by adviser, kind, unit and month (for the ledger and the annual report). */
export { type AdviserStats, adviserStats } from './stats.ts';
