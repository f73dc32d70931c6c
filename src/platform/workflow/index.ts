/**
 * The workflow engine: modules declare typed state machines (states, guarded steps, required input,
 * permissions, statutory clocks); the engine is the only way a case changes state, on every route.
 */
export { calendarFor, chinaDate } from './clock-source.ts';
/** Once-a-day work per district (publicity periods ending, publication deadlines passing). */
export {
  type DailyJob,
  type DailyJobRun,
  dailyJobNames,
  registerDailyJob,
  runDailyJobs,
  startDailyJobWorker,
} from './daily-jobs.ts';
export {
  addRecord,
  type CaseRow,
  caseScopeColumns,
  createCase,
  loadCase,
  noteOnCase,
  transition,
} from './engine.ts';
export {
  approved,
  collectiveDiscussion,
  factHolds,
  type Guard,
  type GuardInput,
  type GuardResult,
  passedLegalReview,
} from './guards.ts';
export {
  type ClockAction,
  defineMachine,
  getMachine,
  listMachines,
  type MachineDef,
  type TransitionDef,
} from './machine.ts';
export { countByState, getCaseDetail, inbox, listCases, machineCatalogue } from './queries.ts';
export { runDueTimers, startTimerWorker } from './timers.ts';
export { workflowRoutes } from './workflow.routes.ts';
export { caseDeadlines, caseEvents, caseRecords, cases, dailyJobRuns, timers } from './workflow.tables.ts';
