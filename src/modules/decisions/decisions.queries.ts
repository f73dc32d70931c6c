import { and, desc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/access/index.ts';
import { scopeWhere } from '../../platform/access/index.ts';
import { caseScopeColumns, cases } from '../../platform/workflow/index.ts';
import { DecisionPermissions as P } from './decisions.permissions.ts';
import { catalogueAdjustments, catalogueHeader, catalogueItems, DECISION_TYPE } from './decisions.service.ts';
import { fiveSteps, MajorDecision } from './decisions.workflow.ts';

const stateLabel = (s: string) => MajorDecision.states[s as keyof typeof MajorDecision.states]?.label ?? s;

/** The decisions the actor may read, each with its five steps' status (done / doing / todo). */
export async function listDecisions(ctx: Ctx, q: { year?: number | undefined }) {
  const rows = await ctx.db
    .select()
    .from(cases)
    .where(
      and(
        eq(cases.tenantId, ctx.actor.tenantId),
        eq(cases.type, DECISION_TYPE),
        scopeWhere(ctx.actor, P['decisions.decision.read'], caseScopeColumns),
        q.year
          ? sql`extract(year from ${cases.createdAt} at time zone 'Asia/Shanghai') = ${q.year}`
          : undefined,
      ),
    )
    .orderBy(desc(cases.createdAt), desc(cases.id));
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    state: r.state,
    stateLabel: stateLabel(r.state),
    unitId: r.unitId,
    catalogueItemId: (r.data.catalogueItemId as string | undefined) ?? null,
    steps: fiveSteps(r.state, r.data),
  }));
}

/** The year's catalogue for the admin pages: items, each with its decision (if visible) and the adjustments. */
export async function adminCatalogue(ctx: Ctx, year: number) {
  const tenantId = ctx.actor.tenantId;
  const [head, items, adjustments] = [
    await catalogueHeader(ctx.db, tenantId, year),
    await catalogueItems(ctx.db, tenantId, year),
    await catalogueAdjustments(ctx.db, tenantId, year),
  ];
  const decisions = await listDecisions(ctx, {});
  const byItem = new Map(decisions.map((d) => [d.catalogueItemId, d]));
  return {
    ...head,
    items: items.map((r) => {
      const d = byItem.get(r.id);
      return {
        id: r.id,
        seq: r.seq,
        title: r.title,
        category: r.category,
        proposingUnitId: r.proposingUnitId,
        proposingUnitName: r.proposingUnitName,
        description: r.description,
        plannedQuarter: r.plannedQuarter,
        status: r.status,
        decision: d
          ? { id: d.id, number: d.number, state: d.state, stateLabel: d.stateLabel, steps: d.steps }
          : null,
      };
    }),
    adjustments,
  };
}
