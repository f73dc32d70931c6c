import type { Ctx } from '../access/index.ts';

export interface CaseRecordView {
  id: string;
  kind: string;
  outcome: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

/** What a guard sees: the case as it is, the step's input and the case's records (newest first). */
export interface GuardInput {
  ctx: Ctx;
  /** The case's id (for guards that read the module's own records of the case). */
  caseId: string;
  state: string;
  data: Record<string, unknown>;
  input: Record<string, unknown>;
  records: CaseRecordView[];
}

/**
 * A named rule of law a transition must satisfy, e.g. `DecisionRequiresPassedLegalReview`. When it does
 * not hold the step is refused (409) with the guard's Chinese message; every failing guard is listed.
 */
export interface Guard {
  name: string;
  message: string;
  /** Applies only when this returns true (e.g. only for a refusal). Default: always. */
  when?: (g: GuardInput) => boolean;
  /**
   * True when the rule holds. A guard that finds several distinct problems (e.g. the publication gate) may
   * return them instead: an empty list holds; each problem is listed as `/guards/<name><pointer>`.
   */
  check: (g: GuardInput) => GuardResult | Promise<GuardResult>;
  /** The check reads `records` (the engine loads them only for steps with such a guard). */
  readsRecords?: boolean;
}

/** What a guard's check returns: holds or not, or the list of problems found (empty: holds). */
export type GuardResult = boolean | readonly { pointer: string; detail: string }[];

const latest = (g: GuardInput, kind: string, pred: (r: CaseRecordView) => boolean = () => true) =>
  g.records.find((r) => r.kind === kind && pred(r));

/** Reusable guard: the latest legality review (of `stage`, when given) passed. */
export function passedLegalReview(opts: {
  name: string;
  message: string;
  stage?: string;
  when?: Guard['when'];
}): Guard {
  return {
    name: opts.name,
    message: opts.message,
    readsRecords: true,
    ...(opts.when ? { when: opts.when } : {}),
    check: (g) => {
      const r = latest(g, 'legal-review', (x) => !opts.stage || x.data.stage === opts.stage);
      return !!r && (r.outcome === 'pass' || r.outcome === 'pass-with-changes');
    },
  };
}

/** Reusable guard: a collective discussion was held and reached `result` (default: approved). */
export function collectiveDiscussion(opts: {
  name: string;
  message: string;
  result?: string;
  when?: Guard['when'];
}): Guard {
  return {
    name: opts.name,
    message: opts.message,
    readsRecords: true,
    ...(opts.when ? { when: opts.when } : {}),
    check: (g) => latest(g, 'collective-discussion')?.outcome === (opts.result ?? 'approved'),
  };
}

/** Reusable guard: the latest approval of `step` was granted. */
export function approved(opts: { name: string; message: string; step: string; when?: Guard['when'] }): Guard {
  return {
    name: opts.name,
    message: opts.message,
    readsRecords: true,
    ...(opts.when ? { when: opts.when } : {}),
    check: (g) => latest(g, 'approval', (r) => r.data.step === opts.step)?.outcome === 'approved',
  };
}

/** Reusable guard: a condition on the case's facts. */
export function factHolds(opts: {
  name: string;
  message: string;
  check: (data: Record<string, unknown>) => boolean;
}): Guard {
  return { name: opts.name, message: opts.message, check: (g) => opts.check(g.data) };
}
