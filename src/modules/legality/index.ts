/**
 * 合法性审查 (legality review) as one service: one queue for normative documents, major decisions, contracts,
 * major enforcement decisions and others; the unit's legal staff then (where the kind requires) the justice bureau.
 * Other modules request a review inside their own transaction and ask the gate before their step.
 */
export {
  OPINION_OUTCOMES,
  REVIEW_KINDS,
  type ReviewKind,
  type ReviewStage,
  STAGE_LABELS,
} from './legality.kinds.ts';
export { LegalityPermissions } from './legality.permissions.ts';
export { legalityRoutes } from './legality.routes.ts';
/** `requestReview` opens a review in the caller's transaction; `reviewPassed` is the gate; `reviewStats` the figures. */
export {
  type RequestOptions,
  type ReviewGate,
  type ReviewRequest,
  requestReview,
  reviewPassed,
  reviewStats,
  subjectHasOpinion,
  withdrawOpenReview,
} from './legality.service.ts';
/** 双重审查设置: the plan of each kind in force in the district (and when a review was requested). */
export { type KindSetting, kindSettings, twoStageAt } from './legality.settings.ts';
export { legalityKindSettings, legalityOpinions } from './legality.tables.ts';
export { LegalityReview } from './legality.workflow.ts';
