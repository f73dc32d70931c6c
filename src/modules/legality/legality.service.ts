import { and, count, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { conflict } from '../../kernel/errors.ts';
import { type ActorRole, type Ctx, can, scopeWhere } from '../../platform/access/index.ts';
import { type CaseRow, cases, createCase, transition } from '../../platform/workflow/index.ts';
import { REVIEW_KINDS, type ReviewKind } from './legality.kinds.ts';
import { LegalityPermissions as P } from './legality.permissions.ts';
import { legalityOpinions } from './legality.tables.ts';
import { LegalityReview, type zReviewRequest } from './legality.workflow.ts';

export type ReviewRequest = z.input<typeof zReviewRequest> & { unitId: string };

export interface RequestOptions {
  /**
   * The permission of the calling module's own step (e.g. `enforcement.case.handle` for 送法制审核), which the
   * engine already checked on the caller's case: an actor holding it may open the review of that case in its unit
   * without holding `legality.review.request` (an officer sends a penalty case to the 法制审核 of its own unit).
   */
  authorisedBy?: string;
}

const OPEN_STATES = ['unit-review', 'justice-review'];

/**
 * Opens a legality review case for a record of the calling module, inside the caller's transaction (the
 * engine nests it), so the request and the caller's own step commit together. The actor needs
 * `legality.review.request` in the unit (or `opts.authorisedBy`). When the subject's latest review was returned
 * for more materials, that review is resubmitted (补充材料后重新报送) instead of opening a second one; a subject
 * whose review is still under way cannot be sent again (409).
 */
export async function requestReview(
  ctx: Ctx,
  req: ReviewRequest,
  opts: RequestOptions = {},
): Promise<CaseRow> {
  const { unitId, ...data } = req;
  const asker = requesterCtx(ctx, unitId, opts);
  if (req.subject) {
    const gate = await reviewPassed(ctx, req.subject);
    if (gate.review && OPEN_STATES.includes(gate.review.state))
      throw conflict(
        'LEGALITY.REVIEW_PENDING',
        `合法性审查（${gate.review.number}）尚在审查中，不能重复报送`,
      );
    if (gate.review?.state === 'returned')
      return transition(asker, gate.review.id, 'resubmit', { materials: req.materials });
  }
  return createCase(asker, LegalityReview.type, { unitId, data });
}

/**
 * Withdraws the subject's review still under way or returned (撤回审查申请), e.g. when the requesting procedure goes
 * back to an earlier stage and will ask again. Nothing to do (null) when there is none.
 */
export async function withdrawOpenReview(
  ctx: Ctx,
  subject: { type: string; id: string },
  reason: string,
  unitId: string,
  opts: RequestOptions = {},
): Promise<CaseRow | null> {
  const gate = await reviewPassed(ctx, subject);
  if (!gate.review || ![...OPEN_STATES, 'returned'].includes(gate.review.state)) return null;
  return transition(requesterCtx(ctx, unitId, opts), gate.review.id, 'withdraw', { reason });
}

/** The actor, with `legality.review.request` in `unitId` only when the caller's own permission stands for it. */
function requesterCtx(ctx: Ctx, unitId: string, opts: RequestOptions): Ctx {
  if (
    can(ctx.actor, P['legality.review.request']) ||
    !opts.authorisedBy ||
    !can(ctx.actor, opts.authorisedBy)
  )
    return ctx;
  const via: ActorRole = {
    id: `via:${opts.authorisedBy}`,
    code: `via:${opts.authorisedBy}`,
    name: '本案承办（提请合法性审查）',
    scope: 'custom',
    scopeUnitIds: [unitId],
    permissions: [P['legality.review.request'], P['legality.review.read']],
  };
  return { ...ctx, actor: { ...ctx.actor, roles: [...ctx.actor.roles, via] } };
}

export interface ReviewGate {
  passed: boolean;
  /** The latest review of the subject, if any. */
  review: { id: string; number: string; state: string; stateLabel: string } | null;
  /** Chinese reasons the gate is closed (empty when passed). */
  problems: string[];
}

/**
 * The gate other modules call before a step that needs a passed legality review: the latest review of the
 * subject (any state) must have passed. Reads within the tenant regardless of the actor's scope: the gate is the
 * law's, not the viewer's.
 */
export async function reviewPassed(ctx: Ctx, subject: { type: string; id: string }): Promise<ReviewGate> {
  const [r] = await ctx.db
    .select({ id: cases.id, number: cases.number, state: cases.state })
    .from(cases)
    .where(
      and(
        eq(cases.tenantId, ctx.actor.tenantId),
        eq(cases.type, LegalityReview.type),
        sql`${cases.data}->'subject'->>'type' = ${subject.type}`,
        sql`${cases.data}->'subject'->>'id' = ${subject.id}`,
      ),
    )
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(1);
  if (!r) return { passed: false, review: null, problems: ['尚未提请合法性审查'] };
  const stateLabel = LegalityReview.states[r.state as keyof typeof LegalityReview.states]?.label ?? r.state;
  const review = { ...r, stateLabel };
  if (r.state === 'passed') return { passed: true, review, problems: [] };
  return { passed: false, review, problems: [`合法性审查（${r.number}）${stateLabel}，尚未通过`] };
}

/**
 * SQL condition for another module's statistics: the subject (`subjectId`, an SQL expression of its id as text)
 * had an opinion with `outcome` (`pass` | `pass-with-changes` | `fail` | `returned`) on a day satisfying
 * `reviewedOn` (given the opinion's date as `YYYY-MM-DD` text).
 */
export function subjectHasOpinion(
  subjectType: string,
  subjectId: SQL,
  outcome: string,
  reviewedOn: (day: SQL) => SQL,
): SQL {
  return sql`exists (select 1 from ${legalityOpinions} lo where lo.tenant_id = cases.tenant_id
    and lo.subject_type = ${subjectType} and lo.subject_id = ${subjectId} and lo.outcome = ${outcome}
    and ${reviewedOn(sql`to_char(lo.reviewed_on, 'YYYY-MM-DD')`)})`;
}

/** Statistics: opinions by kind, stage and outcome (and late ones), and open reviews by state, in a period. */
export async function reviewStats(ctx: Ctx, q: { from?: string | undefined; to?: string | undefined }) {
  const scope = scopeWhere(ctx.actor, P['legality.review.read'], {
    tenantId: legalityOpinions.tenantId,
    unitId: legalityOpinions.unitId,
    ownerId: legalityOpinions.reviewerId,
  });
  const conds = [eq(legalityOpinions.tenantId, ctx.actor.tenantId), scope];
  if (q.from) conds.push(gte(legalityOpinions.reviewedOn, q.from));
  if (q.to) conds.push(lt(legalityOpinions.reviewedOn, q.to));
  const rows = await ctx.db
    .select({
      kind: legalityOpinions.kind,
      stage: legalityOpinions.stage,
      outcome: legalityOpinions.outcome,
      n: count(),
      late: sql<number>`count(*) filter (where ${legalityOpinions.dueDate} < ${legalityOpinions.reviewedOn})::int`,
    })
    .from(legalityOpinions)
    .where(and(...conds))
    .groupBy(legalityOpinions.kind, legalityOpinions.stage, legalityOpinions.outcome)
    .orderBy(legalityOpinions.kind, legalityOpinions.stage, legalityOpinions.outcome);
  const caseScope = scopeWhere(ctx.actor, P['legality.review.read'], {
    tenantId: cases.tenantId,
    unitId: cases.unitId,
    ownerId: cases.ownerId,
  });
  const states = await ctx.db
    .select({ kind: sql<string>`${cases.data}->>'kind'`, state: cases.state, n: count() })
    .from(cases)
    .where(and(eq(cases.tenantId, ctx.actor.tenantId), eq(cases.type, LegalityReview.type), caseScope))
    .groupBy(sql`${cases.data}->>'kind'`, cases.state);
  const label = (k: string) => REVIEW_KINDS[k as ReviewKind]?.label ?? k;
  return {
    opinions: rows.map((r) => ({ ...r, n: Number(r.n), late: Number(r.late), kindLabel: label(r.kind) })),
    reviews: states.map((s) => ({
      kind: s.kind,
      kindLabel: label(s.kind),
      state: s.state,
      stateLabel: LegalityReview.states[s.state as keyof typeof LegalityReview.states]?.label ?? s.state,
      n: Number(s.n),
    })),
  };
}
