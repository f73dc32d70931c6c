import { and, count, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../../platform/access/index.ts';
import { scopeWhere } from '../../platform/access/index.ts';
import { type CaseRow, cases, createCase } from '../../platform/workflow/index.ts';
import { REVIEW_KINDS, type ReviewKind } from './legality.kinds.ts';
import { LegalityPermissions as P } from './legality.permissions.ts';
import { legalityOpinions } from './legality.tables.ts';
import { LegalityReview, type zReviewRequest } from './legality.workflow.ts';

export type ReviewRequest = z.input<typeof zReviewRequest> & { unitId: string };

/**
 * Opens a legality review case for a record of the calling module, inside the caller's transaction (the
 * engine nests it), so the request and the caller's own step commit together. The actor needs
 * `legality.review.request` in the unit.
 */
export async function requestReview(ctx: Ctx, req: ReviewRequest): Promise<CaseRow> {
  const { unitId, ...data } = req;
  return createCase(ctx, LegalityReview.type, { unitId, data });
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
