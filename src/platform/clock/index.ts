/**
 * The statutory clock: deadline rules as data (seeded from rules.md Appendix A), a pure due-date computation with
 * stops, restarts and extensions over the working-day calendar, and a traffic-light status.
 */

/** Rules in force for a tenant (statute + local versions), for the workflow engine; local-version commands. */
export {
  clearRuleOverride,
  effectiveRule,
  effectiveRules,
  getRuleView,
  listRuleViews,
  type RuleView,
  setRuleOverride,
} from './clock.rules.ts';
/** Due-date computation and its event and result types. */
export {
  type AppliedExtension,
  type ClockEvent,
  computeDeadline,
  type DeadlineComputation,
  type StopPeriod,
} from './compute-deadline.ts';
/** Deadline rule model, its validator and unit labels. */
export {
  type DeadlineAmount,
  type DeadlineRule,
  type DeadlineTag,
  type DeadlineUnit,
  unitLabel,
  validateDeadlineRule,
} from './deadline-rule.ts';
/** Seeded rules from rules.md Appendix A ([M] rules are `configurable: true`). */
export { deadlineRulesSeed, findDeadlineRule } from './deadline-rules.seed.ts';
/** Green / yellow / red / paused status of a due date. */
export { DEFAULT_WARN_BEFORE, type DeadlineStatus, deadlineStatus } from './deadline-status.ts';
/** What a local rule may change about a statutory rule, and the check. */
export {
  applyRuleOverride,
  checkRuleOverride,
  OVERRIDE_POLICY_TEXT,
  type OverridePolicy,
  type OverrideProblem,
  overridePolicy,
  type RuleOverride,
  type RuleOverrideInput,
} from './rule-override.ts';
