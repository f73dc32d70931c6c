/**
 * 重大行政决策 (major administrative decisions): the annual decision-item catalogue (published, adjusted only with a
 * recorded reason) and each decision through the five steps (public participation, expert argumentation, risk
 * assessment, legality review through the legality module, collective discussion), publication, implementation
 * reports, post-implementation evaluation and the archive.
 */
/** The demo district's 2026 catalogue and decisions, as steps on their days (src/demo runs them). */
export { demoDecisionSteps } from './decisions.demo.ts';
export { DecisionPermissions } from './decisions.permissions.ts';
export { decisionsRoutes } from './decisions.routes.ts';
export {
  decisionCatalogueAdjustments,
  decisionCatalogueItems,
  decisionCatalogues,
  decisionRegister,
} from './decisions.tables.ts';
export { DECISION_CATEGORIES, MajorDecision, RISK_LEVELS } from './decisions.workflow.ts';
