/**
 * 行政执法 (administrative enforcement), part 1: the registries — enforcement bodies (执法主体), officers and their
 * credentials (执法人员), and the matter catalogue with legal basis and discretion standard (执法事项、裁量基准) —
 * with spreadsheet import/export and the public 事前公开 lists. The guards later steps use are exported here.
 */

/** 行政处罚 cases on the workflow engine: the ordinary procedure and the summary (on-the-spot) procedure. */
export {
  CLUE_SOURCES,
  DECISION_OUTCOMES,
  EVIDENCE_TYPES,
  HEARING_FINE_THRESHOLD,
  hearingQualifies,
  /** 加处罚款 (行政处罚法第七十二条): 3% of the fine a day, capped at the fine. */
  lateSurcharge,
  legalReviewRequired,
  SERVICE_METHODS,
  SUMMARY_FINE_LIMIT,
} from './case.rules.ts';
export { SummaryPenaltyCase } from './case.summary.ts';
export { PenaltyCase } from './case.workflow.ts';
export { CaseReviewPermissions } from './case-review.permissions.ts';
export {
  CREDENTIAL_CATEGORIES,
  type CredentialCategory,
  type CredentialProblem,
  type CredentialProblemCode,
  type CredentialRecord,
  type CredentialRequirement,
  /** Every reason a credential may not be used on a date (missing, revoked, suspended, not yet valid, expired, wrong category or domain). */
  credentialProblems,
} from './credentials.ts';
export {
  CIRCUMSTANCES,
  type Circumstance,
  /** Checks a proposed fine against the legal range and the circumstance's band; outside the band needs a recorded reason. */
  checkFineAgainstDiscretion,
  type DiscretionBand,
  /** Every problem with a matter's fine range and discretion bands. */
  discretionProblems,
  type FineCheck,
  type FineCheckCode,
  type LegalBasisItem,
  MATTER_TYPES,
  type MatterType,
  type PenaltyRange,
} from './discretion.ts';
export { EnforcementPermissions } from './enforcement.permissions.ts';
export { enforcementRoutes } from './enforcement.routes.ts';
/** The registry tables, for the demo district's seed (other modules read through the functions above). */
export {
  enforcementBodies,
  enforcementMatters,
  enforcementOfficers,
  publishedDecisions,
} from './enforcement.tables.ts';
/** 法制审核 through the legality service: the penalty case is the review's subject `{ type: PENALTY_CASE_TYPE, id }`. */
export { PENALTY_CASE_TYPE } from './legal-review.ts';
/** 行政处罚决定公开: the portal search and the bigram tokens (for the benchmark and other portals). */
export {
  getPublishedDecision,
  /** The masked public version of a case's penalty decision, for the 保密审查 before publishing. */
  publicityDraft,
  queryPlan,
  searchPublishedDecisions,
  searchTokens,
} from './publicity.ts';
export {
  BODY_KINDS,
  type BodyView,
  /** One matter as the decision step reads it (404 outside the actor's read scope). */
  getMatter,
  type MatterView,
  type OfficerView,
  /** Which of the given users hold a usable 行政执法证 on a date (optionally for a domain), with the problems of the others. */
  validOfficers,
} from './registry.ts';
/** 案卷评查, 我的案件 and the 法制审核 queue. */
export { enforcementViewRoutes } from './views.routes.ts';
