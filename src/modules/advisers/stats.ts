/**
 * 履职统计: a year's work items by adviser (with each kind), by kind, by unit and by month, and executive-meeting
 * attendance by adviser and by month. Every figure is a count over `workWhere` / `meetingWhere` with the group as a
 * filter, so the list endpoints with the same filters (year, month, adviserId, kind, unitId) return exactly the
 * items behind it (the drill-down).
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../kernel/db/index.ts';
import type { Ctx } from '../../platform/access/index.ts';
import { ADVISER_KINDS, type AdviserKind, WORK_KINDS, type WorkKind } from './advisers.kinds.ts';
import { meetingWhere, workWhere } from './work.ts';

export interface AdviserFigures {
  adviserId: string;
  name: string;
  kind: AdviserKind;
  kindLabel: string;
  organisation: string;
  n: number;
  hours: number;
  /** Items by work kind (only kinds with items). */
  byKind: Partial<Record<WorkKind, number>>;
  meetings: number;
}

export interface AdviserStats {
  year: number;
  total: number;
  hours: number;
  meetings: number;
  /** Advisers with at least one item or meeting in the year. */
  activeAdvisers: number;
  byKind: { kind: WorkKind; label: string; n: number; hours: number }[];
  byMonth: { month: number; n: number; meetings: number }[];
  byAdviser: AdviserFigures[];
  byUnit: { unitId: string; unitName: string; unitKind: string; n: number; hours: number }[];
}

/** The year's figures within the actor's `advisers.work.read` scope. */
export async function adviserStats(ctx: Ctx, q: { year: number }): Promise<AdviserStats> {
  const w = workWhere(ctx, { year: q.year });
  const m = meetingWhere(ctx, { year: q.year });
  const [kinds, months, meetingMonths, perAdviserKind, meetingsPerAdviser, perUnit] = await Promise.all([
    queryRows<{ kind: WorkKind; n: number; hours: number }>(
      ctx.db,
      sql`select w.kind, count(*)::int as n, coalesce(sum(w.hours), 0)::float8 as hours
        from adviser_work_items w where ${w} group by w.kind`,
    ),
    queryRows<{ month: number; n: number }>(
      ctx.db,
      sql`select extract(month from w.done_on)::int as month, count(*)::int as n
        from adviser_work_items w where ${w} group by 1`,
    ),
    queryRows<{ month: number; n: number }>(
      ctx.db,
      sql`select extract(month from m.meeting_on)::int as month, count(*)::int as n
        from adviser_meetings m where ${m} group by 1`,
    ),
    queryRows<{ adviserId: string; kind: WorkKind; n: number; hours: number }>(
      ctx.db,
      sql`select w.adviser_id as "adviserId", w.kind, count(*)::int as n, coalesce(sum(w.hours), 0)::float8 as hours
        from adviser_work_items w where ${w} group by w.adviser_id, w.kind`,
    ),
    queryRows<{ adviserId: string; n: number }>(
      ctx.db,
      sql`select m.adviser_id as "adviserId", count(*)::int as n from adviser_meetings m where ${m} group by 1`,
    ),
    queryRows<{ unitId: string; unitName: string; unitKind: string; n: number; hours: number }>(
      ctx.db,
      sql`select w.unit_id as "unitId", u.name as "unitName", u.kind as "unitKind", count(*)::int as n,
          coalesce(sum(w.hours), 0)::float8 as hours
        from adviser_work_items w join units u on u.tenant_id = w.tenant_id and u.id = w.unit_id
        where ${w} group by w.unit_id, u.name, u.kind order by n desc, u.name`,
    ),
  ]);
  const ids = [
    ...new Set([...perAdviserKind.map((r) => r.adviserId), ...meetingsPerAdviser.map((r) => r.adviserId)]),
  ];
  const people = ids.length
    ? await queryRows<{ id: string; name: string; kind: AdviserKind; organisation: string }>(
        ctx.db,
        sql`select id, name, kind, organisation from advisers where tenant_id = ${ctx.actor.tenantId}
          and id in (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
      )
    : [];
  const byAdviser = people.map((p): AdviserFigures => {
    const mine = perAdviserKind.filter((r) => r.adviserId === p.id);
    return {
      adviserId: p.id,
      name: p.name,
      kind: p.kind,
      kindLabel: ADVISER_KINDS[p.kind] ?? p.kind,
      organisation: p.organisation,
      n: mine.reduce((s, r) => s + Number(r.n), 0),
      hours: Math.round(mine.reduce((s, r) => s + Number(r.hours), 0) * 10) / 10,
      byKind: Object.fromEntries(mine.map((r) => [r.kind, Number(r.n)])),
      meetings: Number(meetingsPerAdviser.find((r) => r.adviserId === p.id)?.n ?? 0),
    };
  });
  byAdviser.sort((a, b) => b.n - a.n || b.meetings - a.meetings || a.name.localeCompare(b.name, 'zh-CN'));
  const byKind = (Object.keys(WORK_KINDS) as WorkKind[]).map((kind) => {
    const r = kinds.find((k) => k.kind === kind);
    return {
      kind,
      label: WORK_KINDS[kind],
      n: Number(r?.n ?? 0),
      hours: Math.round(Number(r?.hours ?? 0) * 10) / 10,
    };
  });
  const byMonth = Array.from({ length: 12 }, (_, i) => ({
    month: i + 1,
    n: Number(months.find((r) => Number(r.month) === i + 1)?.n ?? 0),
    meetings: Number(meetingMonths.find((r) => Number(r.month) === i + 1)?.n ?? 0),
  }));
  return {
    year: q.year,
    total: byKind.reduce((s, k) => s + k.n, 0),
    hours: Math.round(byKind.reduce((s, k) => s + k.hours, 0) * 10) / 10,
    meetings: byMonth.reduce((s, k) => s + k.meetings, 0),
    activeAdvisers: byAdviser.length,
    byKind,
    byMonth,
    byAdviser,
    byUnit: perUnit.map((r) => ({ ...r, n: Number(r.n), hours: Math.round(Number(r.hours) * 10) / 10 })),
  };
}
