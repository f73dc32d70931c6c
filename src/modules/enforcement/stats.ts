/**
 * 行政执法统计指标 (enforcement indicators) over the ordinary-procedure penalty cases in the actor's scope, with a
 * drill-down for every figure. Each indicator is one SQL condition on `cases` (`indicatorWhere`): the count (and the
 * fine total) and the drill-down list are built from that same condition, so a figure always equals the number of
 * cases behind it. Grouped figures (by body, by matter) add the group key as `key = value` to the same condition.
 *
 * Period: `from`/`to` (inclusive, YYYY-MM-DD, China dates) bound each indicator's own date: opened on the clue's
 * receipt date, filed on the filing date, decided/fines on the decision date, published on the publication date,
 * legal reviews on the review record's date. `overdue-now` ignores the period (running clocks past due today).
 * Legal reviews count cases (a case reviewed twice with the same outcome in the period counts once).
 */
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../../kernel/db/index.ts';
import { invalid } from '../../kernel/errors.ts';
import { type Ctx, scopeWhere } from '../../platform/access/index.ts';
import { caseScopeColumns, chinaDate } from '../../platform/workflow/index.ts';
import { subjectHasOpinion } from '../legality/index.ts';
import { DECISION_OUTCOMES, type DecisionOutcome } from './case.rules.ts';
import { PenaltyCase } from './case.workflow.ts';
import { EnforcementPermissions as P } from './enforcement.permissions.ts';

export const REVIEW_OUTCOMES = ['pass', 'pass-with-changes', 'fail'] as const;
const OUTCOMES = Object.keys(DECISION_OUTCOMES) as DecisionOutcome[];

export const INDICATORS = [
  'opened',
  'filed',
  ...OUTCOMES.map((o) => `decided.${o}` as const),
  'opened.by-body',
  'filed.by-matter',
  'fines',
  'published',
  'published.on-time',
  'published.late',
  ...REVIEW_OUTCOMES.map((o) => `legal-review.${o}` as const),
  'overdue-now',
] as const;
export type Indicator = (typeof INDICATORS)[number];

export interface StatsParams {
  from?: string | undefined;
  to?: string | undefined;
  bodyId?: string | undefined;
}

const zDay = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
export const zStatsQuery = z.object({
  from: zDay.optional(),
  to: zDay.optional(),
  bodyId: z.uuid({ error: '编号格式错误' }).optional(),
});
export const zDrillQuery = zStatsQuery.extend({
  indicator: z.enum(INDICATORS, { error: '未知的统计指标' }),
  /** The group (body id for `opened.by-body`, matter id for `filed.by-matter`). */
  key: z.string().max(100).optional(),
});

const text = (path: string[]) => sql.raw(`(cases.data #>> '{${path.join(',')}}')`);
const BODY = text(['bodyId']);
const MATTER = text(['filing', 'matterId']);
const CLUE_ON = text(['clueReceivedOn']);
const FILED_ON = text(['filing', 'filedOn']);
const DECIDED_ON = text(['decision', 'decidedOn']);
const OUTCOME = text(['decision', 'outcome']);
const FINE = sql.raw(`coalesce((cases.data #>> '{decision,fine}')::numeric, 0)`);
const PUBLISHED_ON = text(['publication', 'publishedOn']);

/** `expr` within the period (each bound optional). */
function inPeriod(expr: SQL, p: StatsParams): SQL {
  const parts: SQL[] = [sql`${expr} is not null`];
  if (p.from) parts.push(sql`${expr} >= ${p.from}`);
  if (p.to) parts.push(sql`${expr} <= ${p.to}`);
  return sql.join(parts, sql` and `);
}

const publishClock = (on: 'on-time' | 'late') =>
  sql`exists (select 1 from case_deadlines d where d.tenant_id = cases.tenant_id and d.case_id = cases.id
        and d.key = 'publish' and d.status = 'met' and d.due_date is not null
        and d.met_on ${on === 'on-time' ? sql`<=` : sql`>`} d.due_date)`;

/** The cases of penalty type the actor may read (and of the body asked for). */
export function statsBase(ctx: Ctx, p: StatsParams): SQL {
  const parts: SQL[] = [
    sql`cases.tenant_id = ${ctx.actor.tenantId}`,
    sql`cases.type = ${PenaltyCase.type}`,
    scopeWhere(ctx.actor, P['enforcement.case.read'], caseScopeColumns),
  ];
  if (p.bodyId) parts.push(sql`${BODY} = ${p.bodyId}`);
  return sql.join(parts, sql` and `);
}

/** The group key of a grouped indicator (null for a single figure). */
export function indicatorKey(code: Indicator): SQL | null {
  if (code === 'opened.by-body') return BODY;
  if (code === 'filed.by-matter') return MATTER;
  return null;
}

/** The one condition behind an indicator: its count, its fine total and its drill-down all use it. */
export function indicatorWhere(code: Indicator, p: StatsParams, today: string): SQL {
  if (code.startsWith('decided.'))
    return sql`${inPeriod(DECIDED_ON, p)} and ${OUTCOME} = ${code.slice('decided.'.length)}`;
  if (code.startsWith('legal-review.'))
    return subjectHasOpinion(
      PenaltyCase.type,
      sql`cases.id::text`,
      code.slice('legal-review.'.length),
      (on) => inPeriod(on, p),
    );
  switch (code) {
    case 'opened':
    case 'opened.by-body':
      return inPeriod(CLUE_ON, p);
    case 'filed':
    case 'filed.by-matter':
      return inPeriod(FILED_ON, p);
    case 'fines':
      return sql`${inPeriod(DECIDED_ON, p)} and ${OUTCOME} = 'penalty' and ${FINE} > 0`;
    case 'published':
      return inPeriod(PUBLISHED_ON, p);
    case 'published.on-time':
      return sql`${inPeriod(PUBLISHED_ON, p)} and ${publishClock('on-time')}`;
    case 'published.late':
      return sql`${inPeriod(PUBLISHED_ON, p)} and ${publishClock('late')}`;
    case 'overdue-now':
      return sql`cases.closed_at is null and exists (select 1 from case_deadlines d where d.tenant_id = cases.tenant_id
        and d.case_id = cases.id and d.status = 'running' and d.due_date < ${today})`;
  }
  throw invalid('ENFORCEMENT.STATS_UNKNOWN', `未知的统计指标“${code}”`);
}

function checkPeriod(p: StatsParams) {
  if (p.from && p.to && p.from > p.to)
    throw invalid('ENFORCEMENT.STATS_PERIOD', '统计起始日期不能晚于截止日期', [
      { pointer: '/querystring/from', detail: '统计起始日期不能晚于截止日期' },
    ]);
}

export const stateLabel = (s: string) =>
  (PenaltyCase.states as Record<string, { label: string }>)[s]?.label ?? s;

const SINGLE = INDICATORS.filter((c) => indicatorKey(c) === null);

/** Every indicator in one pass over the cases in scope (`count(*) filter (where <indicator condition>)`). */
export async function enforcementStats(ctx: Ctx, p: StatsParams) {
  checkPeriod(p);
  const today = chinaDate(ctx.now);
  const base = statsBase(ctx, p);
  const cols = SINGLE.map(
    (c, i) => sql`count(*) filter (where ${indicatorWhere(c, p, today)})::int as ${sql.raw(`c${i}`)}`,
  );
  const [row] = await queryRows<Record<string, number | string>>(
    ctx.db,
    sql`select ${sql.join(cols, sql`, `)},
          coalesce(sum(${FINE}) filter (where ${indicatorWhere('fines', p, today)}), 0)::text as fine_total
        from cases where ${base}`,
  );
  const n = (c: Indicator) => Number(row?.[`c${SINGLE.indexOf(c)}`] ?? 0);
  const grouped = async (code: 'opened.by-body' | 'filed.by-matter', names: SQL) =>
    queryRows<{ key: string; name: string | null; n: number }>(
      ctx.db,
      sql`select g.key, (${names}) as name, g.n from (
            select ${indicatorKey(code)} as key, count(*)::int as n from cases
            where ${base} and ${indicatorWhere(code, p, today)} group by 1) g
          order by g.n desc, g.key`,
    );
  const [byBody, byMatter] = await Promise.all([
    grouped(
      'opened.by-body',
      sql`select b.name from enforcement_bodies b where b.tenant_id = ${ctx.actor.tenantId} and b.id::text = g.key`,
    ),
    grouped(
      'filed.by-matter',
      sql`select m.name from enforcement_matters m where m.tenant_id = ${ctx.actor.tenantId} and m.id::text = g.key`,
    ),
  ]);
  return {
    period: { from: p.from ?? null, to: p.to ?? null, bodyId: p.bodyId ?? null, today },
    opened: n('opened'),
    filed: n('filed'),
    decided: Object.fromEntries(OUTCOMES.map((o) => [o, n(`decided.${o}`)])) as Record<
      DecisionOutcome,
      number
    >,
    byBody: byBody.map((g) => ({ indicator: 'opened.by-body' as const, ...g })),
    byMatter: byMatter.map((g) => ({ indicator: 'filed.by-matter' as const, ...g })),
    fines: { count: n('fines'), total: Number(row?.fine_total ?? 0) },
    published: { total: n('published'), onTime: n('published.on-time'), late: n('published.late') },
    legalReviews: Object.fromEntries(REVIEW_OUTCOMES.map((o) => [o, n(`legal-review.${o}`)])) as Record<
      (typeof REVIEW_OUTCOMES)[number],
      number
    >,
    overdueNow: n('overdue-now'),
  };
}

/** The cases that make up one figure (same condition as the count), newest first. */
export async function drillIndicator(
  ctx: Ctx,
  q: StatsParams & { indicator: Indicator; key?: string | undefined },
) {
  checkPeriod(q);
  const keyExpr = indicatorKey(q.indicator);
  if (keyExpr && !q.key)
    throw invalid('ENFORCEMENT.STATS_KEY', '分组指标须指定分组（key）', [
      { pointer: '/querystring/key', detail: '分组指标须指定分组' },
    ]);
  const conds: SQL[] = [statsBase(ctx, q), indicatorWhere(q.indicator, q, chinaDate(ctx.now))];
  if (keyExpr) conds.push(sql`${keyExpr} = ${q.key}`);
  const rows = await queryRows<{ id: string; number: string; title: string; state: string }>(
    ctx.db,
    sql`select id, number, title, state from cases where ${sql.join(conds, sql` and `)}
        order by created_at desc, id`,
  );
  return {
    indicator: q.indicator,
    key: q.key ?? null,
    total: rows.length,
    items: rows.map((r) => ({ ...r, stateLabel: stateLabel(r.state) })),
  };
}
