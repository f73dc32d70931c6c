import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../../kernel/ids.ts';
import { zText } from '../../kernel/schemas.ts';
import type { Ctx } from '../../platform/access/index.ts';
import {
  type CaseRow,
  type ClockAction,
  caseDeadlines,
  chinaDate,
  defineMachine,
  type Guard,
  noteOnCase,
} from '../../platform/workflow/index.ts';
import {
  OPINION_OUTCOMES,
  REVIEW_KIND_CODES,
  REVIEW_KINDS,
  type ReviewKind,
  type ReviewStage,
  STAGE_LABELS,
} from './legality.kinds.ts';
import { LegalityPermissions as P } from './legality.permissions.ts';
import { reviewIsTwoStage } from './legality.settings.ts';
import { legalityOpinions } from './legality.tables.ts';

/** What a requesting procedure sends for review (送审材料). */
export const zReviewRequest = z.object({
  kind: z.enum(REVIEW_KIND_CODES, { error: '请选择审查类型' }),
  /** The record under review in the requesting module, e.g. `{ type: 'normative.document', id }`. */
  subject: z.object({ type: zText(60), id: zText(100) }).optional(),
  title: zText(200),
  materials: z
    .array(z.object({ name: zText(200), note: z.string().trim().max(2000).optional() }))
    .min(1, { error: '请列明送审材料（草案、起草说明、法律依据等）' }),
  description: z.string().trim().max(5000).optional(),
});

const zPassOpinion = z.object({
  outcome: z.enum(['pass', 'pass-with-changes'], { error: '请选择审查结论（通过或修改后通过）' }),
  reasons: zText(5000),
  basis: zText(2000),
});
const zFailOpinion = z.object({ reasons: zText(5000), basis: zText(2000) });
const zReturn = z.object({ reasons: zText(2000) });

/** The plan in force when the review was requested (the district's setting, else the kind's default). */
const twoStage: Guard = {
  name: 'KindNeedsJusticeReview',
  message: '该类事项只需单位法制机构审查，审查通过即为最终审查意见',
  check: (g) => reviewIsTwoStage(g.ctx, g.caseId, g.data.kind),
};
const singleStage: Guard = {
  name: 'KindNeedsOnlyUnitReview',
  message: '该类事项实行双重合法性审查，单位法制机构审查后须报送司法局审查',
  check: async (g) => !(await reviewIsTwoStage(g.ctx, g.caseId, g.data.kind)),
};

type D = Record<string, unknown>;

/** Writes the opinion row statistics count (inside the step's transaction). */
const recordOpinion =
  (stage: ReviewStage, outcome?: string) =>
  async (ctx: Ctx, row: CaseRow, input: { outcome?: string; reasons: string; basis?: string }) => {
    const [due] = await ctx.db
      .select({ dueDate: caseDeadlines.dueDate })
      .from(caseDeadlines)
      .where(
        and(
          eq(caseDeadlines.tenantId, row.tenantId),
          eq(caseDeadlines.caseId, row.id),
          eq(caseDeadlines.key, stage),
        ),
      );
    const subject = (row.data.subject ?? null) as { type: string; id: string } | null;
    await ctx.db.insert(legalityOpinions).values({
      tenantId: row.tenantId,
      id: newId(),
      caseId: row.id,
      kind: String(row.data.kind),
      subjectType: subject?.type ?? null,
      subjectId: subject?.id ?? null,
      unitId: row.unitId,
      stage,
      outcome: outcome ?? String(input.outcome),
      reasons: input.reasons,
      basis: input.basis ?? '',
      reviewerId: ctx.actor.userId,
      reviewerName: ctx.actor.displayName,
      reviewedOn: chinaDate(ctx.now),
      dueDate: due?.dueDate ?? null,
      createdAt: ctx.now,
    });
    // The case under review shows the opinion in its own timeline (and so in its case file).
    if (subject) {
      const result = outcome ?? String(input.outcome);
      const resultLabel =
        OPINION_OUTCOMES[result as keyof typeof OPINION_OUTCOMES] ??
        (result === 'returned' ? '退回补充材料' : result);
      await noteOnCase(ctx, subject.id, {
        name: 'legality-review',
        label: `合法性审查（${row.number}）${STAGE_LABELS[stage]}：${resultLabel}`,
        data: {
          reviewId: row.id,
          reviewNumber: row.number,
          stage,
          outcome: result,
          reasons: input.reasons,
          basis: input.basis ?? '',
        },
        logKind: 'legality.review.opinion-filed',
      });
    }
  };

const opinionFacts =
  (stage: ReviewStage, outcome: string) =>
  (d: D, i: { reasons: string; basis?: string; outcome?: string }) => ({
    ...d,
    opinions: [
      ...((d.opinions as unknown[]) ?? []),
      { stage, outcome: i.outcome ?? outcome, reasons: i.reasons, basis: i.basis ?? '' },
    ],
  });

const ruleOf = (d: D) => REVIEW_KINDS[(d.kind as ReviewKind) ?? 'other']?.rule ?? 'legality.review';

/** Cancels the periods that run or were started, so a closed review leaves no live clock. */
const cancelAll = (d: D): ClockAction[] => [
  { key: 'unit', type: 'cancel' },
  ...(d.justiceStarted ? [{ key: 'justice', type: 'cancel' } as const] : []),
];

/**
 * 合法性审查: one case per review request, from any module. The requesting unit's legal staff review first; kinds
 * with 双重合法性审查 then go to the justice bureau. Each stage has its own time limit on the working-day calendar;
 * each opinion (pass / pass with changes / fail, reasons, legal basis, reviewer, date) is a step of the case, so it is
 * in the timeline and the transparency log, and a row of `legality_opinions` for statistics.
 */
export const LegalityReview = defineMachine({
  type: 'legality.review',
  name: '合法性审查',
  numberPrefix: '合法性审查',
  readPermission: P['legality.review.read'],
  createPermission: P['legality.review.request'],
  states: {
    'unit-review': { label: '单位法制机构审查中' },
    'justice-review': { label: '司法局审查中' },
    returned: { label: '退回补充材料' },
    passed: { label: '审查通过', final: true },
    failed: { label: '审查不通过', final: true },
    withdrawn: { label: '已撤回', final: true },
  },
  initial: 'unit-review',
  createInput: zReviewRequest,
  title: (d) => `${REVIEW_KINDS[d.kind as ReviewKind]?.label ?? '其他'}：${String(d.title)}`,
  onCreate: (d) => [{ key: 'unit', type: 'start', rule: ruleOf(d), label: '单位法制机构审查期限' }],
  transitions: {
    unitPass: {
      label: '单位法制机构审查通过，报送司法局审查',
      from: ['unit-review'],
      to: 'justice-review',
      permission: P['legality.review.unit'],
      input: zPassOpinion,
      guards: [twoStage],
      apply: (d, i) => ({ ...opinionFacts('unit', i.outcome)(d, i), justiceStarted: true }),
      clock: (_i, d) => [
        { key: 'unit', type: 'meet' },
        { key: 'justice', type: 'start', rule: ruleOf(d) },
      ],
      effect: recordOpinion('unit'),
    },
    unitPassFinal: {
      label: '审查通过',
      from: ['unit-review'],
      to: 'passed',
      permission: P['legality.review.unit'],
      input: zPassOpinion,
      guards: [singleStage],
      apply: (d, i) => opinionFacts('unit', i.outcome)(d, i),
      clock: () => [{ key: 'unit', type: 'meet' }],
      effect: recordOpinion('unit'),
    },
    unitFail: {
      label: '单位法制机构审查不通过',
      from: ['unit-review'],
      to: 'failed',
      permission: P['legality.review.unit'],
      input: zFailOpinion,
      apply: (d, i) => opinionFacts('unit', 'fail')(d, i),
      clock: () => [{ key: 'unit', type: 'meet' }],
      effect: recordOpinion('unit', 'fail'),
    },
    unitReturn: {
      label: '退回补充材料（单位法制机构）',
      from: ['unit-review'],
      to: 'returned',
      permission: P['legality.review.unit'],
      input: zReturn,
      apply: (d, i) => ({ ...d, returnReasons: i.reasons }),
      clock: () => [{ key: 'unit', type: 'stop', reason: '退回补充材料' }],
      effect: recordOpinion('unit', 'returned'),
    },
    justicePass: {
      label: '司法局审查通过',
      from: ['justice-review'],
      to: 'passed',
      permission: P['legality.review.justice'],
      input: zPassOpinion,
      apply: (d, i) => opinionFacts('justice', i.outcome)(d, i),
      clock: () => [{ key: 'justice', type: 'meet' }],
      effect: recordOpinion('justice'),
    },
    justiceFail: {
      label: '司法局审查不通过',
      from: ['justice-review'],
      to: 'failed',
      permission: P['legality.review.justice'],
      input: zFailOpinion,
      apply: (d, i) => opinionFacts('justice', 'fail')(d, i),
      clock: () => [{ key: 'justice', type: 'meet' }],
      effect: recordOpinion('justice', 'fail'),
    },
    justiceReturn: {
      label: '退回补充材料（司法局）',
      from: ['justice-review'],
      to: 'returned',
      permission: P['legality.review.justice'],
      input: zReturn,
      apply: (d, i) => ({ ...d, returnReasons: i.reasons }),
      clock: () => [{ key: 'justice', type: 'stop', reason: '退回补充材料' }],
      effect: recordOpinion('justice', 'returned'),
    },
    resubmit: {
      label: '补充材料后重新报送',
      from: ['returned'],
      to: 'unit-review',
      permission: P['legality.review.request'],
      input: z.object({
        materials: zReviewRequest.shape.materials,
        note: z.string().trim().max(2000).optional(),
      }),
      apply: (d, i) => ({ ...d, materials: i.materials, returnReasons: null }),
      clock: (_i, d) => [
        { key: 'unit', type: 'start', rule: ruleOf(d), label: '单位法制机构审查期限' },
        ...(d.justiceStarted ? [{ key: 'justice', type: 'cancel' } as const] : []),
      ],
    },
    withdraw: {
      label: '撤回审查申请',
      from: ['unit-review', 'justice-review', 'returned'],
      to: 'withdrawn',
      permission: P['legality.review.request'],
      input: z.object({ reason: zText(500) }),
      clock: (_i, d) => cancelAll(d),
    },
  },
});
