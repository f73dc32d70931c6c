/**
 * 案卷评查 (case-file quality review): the district's score sheet and the reviews of decided cases' files. Scope is
 * `enforcement.casefile.review` over the case's unit (a 法制审核人员 reviews its bureau and below, 司法局 and 执法监督
 * the whole district); the score sheet is one per district, changed with `enforcement.casefile.standard`.
 * Every write and its log entry commit in one transaction; a refused review stores nothing.
 */
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { queryRows } from '../../kernel/db/index.ts';
import { conflict, notFound, ProblemCollector } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { type Ctx, inTx, logActorOf, scopeWhere, users } from '../../platform/access/index.ts';
import { appendLogEntry } from '../../platform/log/index.ts';
import { caseScopeColumns, cases, chinaDate } from '../../platform/workflow/index.ts';
import { SummaryPenaltyCase } from './case.summary.ts';
import { PenaltyCase } from './case.workflow.ts';
import { CaseReviewPermissions as RP } from './case-review.permissions.ts';
import {
  DEFAULT_SCORE_SHEET,
  GRADES,
  type Grade,
  type ReviewInput,
  type ScoreSheet,
  scoreReview,
  sheetProblems,
} from './case-review.rules.ts';
import { enforcementCaseReviews, enforcementScoreSheets } from './case-review.tables.ts';
import { enforcementBodies } from './enforcement.tables.ts';

const REVIEW = RP['enforcement.casefile.review'];

/** The states in which a case's decision has been made (the summary procedure decides on the spot). */
export const REVIEWABLE: Record<string, readonly string[]> = {
  [PenaltyCase.type]: ['decided', 'served', 'executing', 'closed', 'archived'],
  [SummaryPenaltyCase.type]: Object.keys(SummaryPenaltyCase.states),
};
const MACHINES = [PenaltyCase, SummaryPenaltyCase];
const stateLabel = (type: string, state: string) =>
  (MACHINES.find((m) => m.type === type)?.states as Record<string, { label: string }> | undefined)?.[state]
    ?.label ?? state;

const reviewableCases = () =>
  sql.join(
    Object.entries(REVIEWABLE).map(
      ([type, states]) =>
        sql`(cases.type = ${type} and cases.state in (${sql.join(
          states.map((s) => sql`${s}`),
          sql`, `,
        )}))`,
    ),
    sql` or `,
  );

const log = (
  ctx: Ctx,
  kind: string,
  subject: { type: string; id: string },
  change: Record<string, unknown>,
) =>
  appendLogEntry(ctx.db, {
    tenantId: ctx.actor.tenantId,
    kind,
    actor: logActorOf(ctx.actor),
    subject,
    ...change,
    requestId: ctx.requestId,
    at: ctx.now,
  });

// ---------- score sheet ----------

export interface ScoreSheetView extends ScoreSheet {
  total: number;
  isDefault: boolean;
  updatedAt: Date | null;
}

export async function getScoreSheet(ctx: Ctx): Promise<ScoreSheetView> {
  const [row] = await ctx.db
    .select()
    .from(enforcementScoreSheets)
    .where(eq(enforcementScoreSheets.tenantId, ctx.actor.tenantId));
  const sheet: ScoreSheet = row ? { items: row.items, thresholds: row.thresholds } : DEFAULT_SCORE_SHEET;
  return {
    ...sheet,
    total: sheet.items.reduce((s, it) => s + it.max, 0),
    isDefault: !row,
    updatedAt: row?.updatedAt ?? null,
  };
}

/** Replaces the district's score sheet (stored reviews keep the sheet they were scored on). */
export function putScoreSheet(ctx: Ctx, input: ScoreSheet): Promise<ScoreSheetView> {
  return inTx(ctx, async (ctx) => {
    const check = new ProblemCollector();
    for (const p of sheetProblems(input)) check.add(p.pointer, p.detail);
    check.throwIfAny('ENFORCEMENT.SCORE_SHEET_INVALID', '评查标准有误，请按提示修改');
    const before = await getScoreSheet(ctx);
    const items = input.items.map((it) => ({ key: it.key, label: it.label.trim(), max: it.max }));
    const values = { items, thresholds: input.thresholds, updatedBy: ctx.actor.userId, updatedAt: ctx.now };
    await ctx.db
      .insert(enforcementScoreSheets)
      .values({ tenantId: ctx.actor.tenantId, ...values })
      .onConflictDoUpdate({ target: enforcementScoreSheets.tenantId, set: values });
    await log(
      ctx,
      'enforcement.score-sheet.updated',
      { type: 'score-sheet', id: ctx.actor.tenantId },
      {
        before: { items: before.items, thresholds: before.thresholds },
        after: { items, thresholds: input.thresholds },
      },
    );
    return getScoreSheet(ctx);
  });
}

// ---------- reviews ----------

const reviewScope = (ctx: Ctx) =>
  scopeWhere(ctx.actor, REVIEW, {
    tenantId: enforcementCaseReviews.tenantId,
    unitId: enforcementCaseReviews.unitId,
    ownerId: enforcementCaseReviews.reviewerId,
  });

export interface ReviewFilter {
  bodyId?: string | undefined;
  grade?: Grade | undefined;
  year?: number | undefined;
  caseId?: string | undefined;
  page: number;
  pageSize: number;
}

function reviewWhere(ctx: Ctx, f: Omit<ReviewFilter, 'page' | 'pageSize'>): SQL {
  const conds: SQL[] = [eq(enforcementCaseReviews.tenantId, ctx.actor.tenantId), reviewScope(ctx)];
  if (f.bodyId) conds.push(eq(enforcementCaseReviews.bodyId, f.bodyId));
  if (f.grade) conds.push(eq(enforcementCaseReviews.grade, f.grade));
  if (f.caseId) conds.push(eq(enforcementCaseReviews.caseId, f.caseId));
  if (f.year)
    conds.push(
      sql`${enforcementCaseReviews.reviewedOn} between ${`${f.year}-01-01`} and ${`${f.year}-12-31`}`,
    );
  return and(...conds)!;
}

function selectReviews(ctx: Ctx) {
  return ctx.db
    .select({
      review: enforcementCaseReviews,
      caseNumber: cases.number,
      caseTitle: cases.title,
      bodyName: enforcementBodies.name,
      reviewerName: users.displayName,
    })
    .from(enforcementCaseReviews)
    .innerJoin(
      cases,
      and(eq(cases.tenantId, enforcementCaseReviews.tenantId), eq(cases.id, enforcementCaseReviews.caseId)),
    )
    .leftJoin(
      enforcementBodies,
      and(
        eq(enforcementBodies.tenantId, enforcementCaseReviews.tenantId),
        eq(enforcementBodies.id, enforcementCaseReviews.bodyId),
      ),
    )
    .leftJoin(
      users,
      and(
        eq(users.tenantId, enforcementCaseReviews.tenantId),
        eq(users.id, enforcementCaseReviews.reviewerId),
      ),
    );
}

type ReviewRow = Awaited<ReturnType<ReturnType<typeof selectReviews>['where']>>[number];
const view = (r: ReviewRow) => ({
  id: r.review.id,
  case: { id: r.review.caseId, type: r.review.caseType, number: r.caseNumber, title: r.caseTitle },
  body: r.review.bodyId ? { id: r.review.bodyId, name: r.bodyName } : null,
  reviewer: { id: r.review.reviewerId, name: r.reviewerName },
  reviewedOn: r.review.reviewedOn,
  items: r.review.items,
  thresholds: r.review.thresholds,
  total: Number(r.review.total),
  grade: r.review.grade,
  comment: r.review.comment,
  rectification: r.review.rectification,
  createdAt: r.review.createdAt,
});
export type CaseReviewView = ReturnType<typeof view>;

export async function listReviews(ctx: Ctx, f: ReviewFilter) {
  const where = reviewWhere(ctx, f);
  const [rows, [total]] = await Promise.all([
    selectReviews(ctx)
      .where(where)
      .orderBy(desc(enforcementCaseReviews.reviewedOn), desc(enforcementCaseReviews.createdAt))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(enforcementCaseReviews).where(where),
  ]);
  return { items: rows.map(view), total: Number(total?.n ?? 0) };
}

export async function getReview(ctx: Ctx, id: string): Promise<CaseReviewView> {
  const [row] = await selectReviews(ctx).where(and(reviewWhere(ctx, {}), eq(enforcementCaseReviews.id, id)));
  if (!row) throw notFound('ENFORCEMENT.CASE_REVIEW_NOT_FOUND', '评查记录不存在或无权查看');
  return view(row);
}

/** The case, if the actor may review files of its unit (404 otherwise). */
async function reviewableCase(ctx: Ctx, caseId: string) {
  const [c] = await queryRows<{
    id: string;
    type: string;
    state: string;
    unit_id: string;
    body_id: string | null;
  }>(
    ctx.db,
    sql`select cases.id, cases.type, cases.state, cases.unit_id, cases.data ->> 'bodyId' as body_id from cases
        where cases.tenant_id = ${ctx.actor.tenantId} and cases.id = ${caseId}
          and cases.type in (${sql.join(
            MACHINES.map((m) => sql`${m.type}`),
            sql`, `,
          )})
          and ${scopeWhere(ctx.actor, REVIEW, caseScopeColumns)}`,
  );
  if (!c) throw notFound('ENFORCEMENT.CASE_NOT_FOUND', '案件不存在或无权评查');
  return c;
}

/** Scores a decided case's file and stores the review with its log entry (nothing stored on any problem). */
export function createReview(ctx: Ctx, caseId: string, input: ReviewInput): Promise<CaseReviewView> {
  return inTx(ctx, async (ctx) => {
    const c = await reviewableCase(ctx, caseId);
    if (!REVIEWABLE[c.type]?.includes(c.state))
      throw conflict(
        'ENFORCEMENT.CASE_REVIEW_NOT_DECIDED',
        `案件处于“${stateLabel(c.type, c.state)}”阶段，作出处理决定后才能进行案卷评查`,
      );
    const sheet = await getScoreSheet(ctx);
    const scored = scoreReview(sheet, input, chinaDate(ctx.now));
    const check = new ProblemCollector();
    for (const p of scored.problems) check.add(p.pointer, p.detail);
    check.throwIfAny('ENFORCEMENT.CASE_REVIEW_INVALID', '评查表填写有误，请按提示修改');
    const id = newId();
    const rectification =
      scored.grade === 'fail' || input.rectification?.trim() ? input.rectification?.trim() : null;
    await ctx.db.insert(enforcementCaseReviews).values({
      tenantId: ctx.actor.tenantId,
      id,
      caseId: c.id,
      caseType: c.type,
      unitId: c.unit_id,
      bodyId: c.body_id,
      reviewerId: ctx.actor.userId,
      reviewedOn: input.reviewedOn,
      items: scored.items,
      thresholds: sheet.thresholds,
      total: scored.total,
      grade: scored.grade,
      comment: input.comment.trim(),
      rectification: rectification || null,
      createdAt: ctx.now,
    });
    await log(
      ctx,
      'enforcement.case-review.created',
      { type: 'case-review', id },
      {
        after: {
          caseId: c.id,
          reviewedOn: input.reviewedOn,
          total: scored.total,
          grade: scored.grade,
          items: scored.items.map((it) => ({ key: it.key, score: it.score, max: it.max })),
        },
      },
    );
    return getReview(ctx, id);
  });
}

/** Decided cases whose files the actor may review, with how often and how they were reviewed. */
export async function reviewCandidates(
  ctx: Ctx,
  q: { q?: string | undefined; page: number; pageSize: number },
) {
  const conds: SQL[] = [
    sql`cases.tenant_id = ${ctx.actor.tenantId}`,
    sql`(${reviewableCases()})`,
    scopeWhere(ctx.actor, REVIEW, caseScopeColumns),
  ];
  if (q.q) conds.push(sql`(cases.number ilike ${`%${q.q}%`} or cases.title ilike ${`%${q.q}%`})`);
  const where = sql.join(conds, sql` and `);
  const rows = await queryRows<{
    id: string;
    type: string;
    number: string;
    title: string;
    state: string;
    body_id: string | null;
    body_name: string | null;
    reviews: number;
    last_grade: Grade | null;
    total: number;
  }>(
    ctx.db,
    sql`select cases.id, cases.type, cases.number, cases.title, cases.state, cases.data ->> 'bodyId' as body_id,
          (select b.name from enforcement_bodies b where b.tenant_id = cases.tenant_id and b.id::text = cases.data ->> 'bodyId') as body_name,
          (select count(*)::int from enforcement_case_reviews r where r.tenant_id = cases.tenant_id and r.case_id = cases.id) as reviews,
          (select r.grade from enforcement_case_reviews r where r.tenant_id = cases.tenant_id and r.case_id = cases.id
            order by r.reviewed_on desc, r.created_at desc limit 1) as last_grade,
          count(*) over ()::int as total
        from cases where ${where}
        order by cases.created_at desc, cases.id
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      type: r.type,
      number: r.number,
      title: r.title,
      state: r.state,
      stateLabel: stateLabel(r.type, r.state),
      body: r.body_id ? { id: r.body_id, name: r.body_name } : null,
      reviews: r.reviews,
      lastGrade: r.last_grade,
    })),
  };
}

/** Grades by enforcement body (in scope, optionally one year), for the 案卷评查 statistics. */
export async function reviewStats(ctx: Ctx, f: { year?: number | undefined }) {
  const rows = await ctx.db
    .select({
      bodyId: enforcementCaseReviews.bodyId,
      bodyName: enforcementBodies.name,
      grade: enforcementCaseReviews.grade,
      n: sql<number>`count(*)::int`,
      sum: sql<string>`sum(${enforcementCaseReviews.total})::text`,
    })
    .from(enforcementCaseReviews)
    .leftJoin(
      enforcementBodies,
      and(
        eq(enforcementBodies.tenantId, enforcementCaseReviews.tenantId),
        eq(enforcementBodies.id, enforcementCaseReviews.bodyId),
      ),
    )
    .where(reviewWhere(ctx, f))
    .groupBy(enforcementCaseReviews.bodyId, enforcementBodies.name, enforcementCaseReviews.grade);
  const byBody = new Map<
    string,
    { bodyId: string | null; bodyName: string | null; total: number; sum: number } & Record<Grade, number>
  >();
  for (const r of rows) {
    const key = r.bodyId ?? '';
    const b = byBody.get(key) ?? {
      bodyId: r.bodyId,
      bodyName: r.bodyName,
      total: 0,
      sum: 0,
      excellent: 0,
      pass: 0,
      fail: 0,
    };
    b[r.grade] += Number(r.n);
    b.total += Number(r.n);
    b.sum += Number(r.sum);
    byBody.set(key, b);
  }
  const bodies = [...byBody.values()]
    .map(({ sum, ...b }) => ({ ...b, average: b.total ? Math.round((sum / b.total) * 10) / 10 : 0 }))
    .sort((a, b) => b.total - a.total || (a.bodyName ?? '').localeCompare(b.bodyName ?? ''));
  const totals = Object.fromEntries(GRADES.map((g) => [g, bodies.reduce((s, b) => s + b[g], 0)])) as Record<
    Grade,
    number
  >;
  return {
    year: f.year ?? null,
    bodies,
    totals: { ...totals, total: bodies.reduce((s, b) => s + b.total, 0) },
  };
}
