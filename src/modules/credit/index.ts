/**
 * 公共信用 (public credit): credit records of market entities by 统一社会信用代码, a versioned scoring model with
 * A/B/C/D grades kept current incrementally and re-graded set-based on a model change, joint punishment and
 * reward flags with department feedback, credit repair under the rules version of the application date, and
 * the public lookup.
 */
export { CreditPermissions } from './credit.permissions.ts';
export { creditRoutes } from './credit.routes.ts';
/** The tables, for the demo seed and the benchmark (other modules use the functions below). */
export { creditModels, creditRecords, creditSubjects } from './credit.tables.ts';
/** Current grades by credit code (internal: supervision by grade, such as an inspection draw's strata). */
export { gradesByCode } from './grades.ts';
export {
  /** The model grades are computed by (the latest published version), or null. */
  activeModel,
  type GradeChange,
  type RegradeRun,
  /** Re-grades every subject under a published model in keyset batches, with progress and log entries. */
  regradeAll,
} from './grading.ts';
/** 联合奖惩: the measures to apply to a subject now (by its grade and active list records). */
export { type CreditFlag, creditFlags } from './measures.ts';
/** Publicity and repair periods by rules version (in force by date). */
export { BUILTIN_RULES, publicityFor, type RulesVersion, versionOn } from './publicity.ts';
/** The daily job's step: ends the publicity of records past their end and re-grades their subjects. */
export { endPublicity, PUBLICITY_END_JOB } from './publicity-end.ts';
/** Intake other modules call in their own transaction: `recordCredit(txCtx, record)`. */
export { type CreditRecordInput, recordCredit, revokeCreditByOrigin } from './records.ts';
export {
  DEFAULT_MODEL,
  GRADES,
  type Grade,
  gradeOf,
  type ModelDefinition,
  RECORD_KINDS,
  type RecordKind,
  SEVERITIES,
  type Severity,
} from './scoring.ts';
