/**
 * 覆盖情况: on a given day, does every department, town and street, state-owned company (平台公司) and village and
 * community have a legal adviser? (seed: 实现全区各部门、各镇街、各平台公司、村居法律顾问全覆盖.) A unit is covered when an
 * adviser on the roster (not 解聘) is assigned to it that day with a 执业证 valid that day; a unit whose only advisers
 * hold expired certificates is a gap with that reason. Counted over the units in the actor's
 * `advisers.roster.read` scope, by group of unit kinds.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../kernel/db/index.ts';
import { invalid } from '../../kernel/errors.ts';
import { type Ctx, scopeWhere } from '../../platform/access/index.ts';
import { isIsoDate } from '../../platform/calendar/index.ts';
import { chinaDate } from '../../platform/workflow/index.ts';
import { COVERAGE_GROUPS, COVERED_KINDS } from './advisers.kinds.ts';
import { AdvisersPermissions as P } from './advisers.permissions.ts';
import { col } from './roster.ts';

export interface CoverageUnit {
  unitId: string;
  unitName: string;
  unitKind: string;
  group: string;
  parentName: string | null;
  covered: boolean;
  /** Advisers serving it that day with a valid certificate. */
  advisers: string[];
  /** Why it is a gap (null when covered). */
  gapReason: string | null;
}

export interface CoverageGroup {
  key: string;
  label: string;
  total: number;
  covered: number;
  gaps: number;
  /** Covered share in percent, one decimal (100 when the group has no units). */
  rate: number;
}

export interface Coverage {
  on: string;
  total: number;
  covered: number;
  rate: number;
  groups: CoverageGroup[];
  units: CoverageUnit[];
}

const rate = (covered: number, total: number) =>
  total === 0 ? 100 : Math.round((covered / total) * 1000) / 10;

/** Coverage on `on` (default today), every unit that must have an adviser, and the gaps with their reasons. */
export async function coverage(ctx: Ctx, q: { on?: string | undefined }): Promise<Coverage> {
  const on = q.on ?? chinaDate(ctx.now);
  if (!isIsoDate(on))
    throw invalid('ADVISERS.COVERAGE_DATE', '日期格式应为 YYYY-MM-DD', [
      { pointer: '/query/on', detail: '日期格式应为 YYYY-MM-DD' },
    ]);
  const rows = await queryRows<{
    unitId: string;
    unitName: string;
    unitKind: string;
    parentName: string | null;
    assigned: number;
    advisers: string[] | null;
  }>(
    ctx.db,
    sql`select u.id as "unitId", u.name as "unitName", u.kind as "unitKind", p.name as "parentName",
        count(distinct a.id)::int as assigned,
        array_agg(distinct a.name) filter (where a.licence_valid_from <= ${on} and a.licence_valid_to >= ${on}) as advisers
      from units u
      left join units p on p.tenant_id = u.tenant_id and p.id = u.parent_id
      left join adviser_assignments s on s.tenant_id = u.tenant_id and s.unit_id = u.id
        and s.valid_from <= ${on} and (s.valid_to is null or s.valid_to >= ${on})
      left join advisers a on a.tenant_id = s.tenant_id and a.id = s.adviser_id and a.status = 'active'
      where u.tenant_id = ${ctx.actor.tenantId} and u.status = 'active'
        and u.kind in (${sql.join(
          COVERED_KINDS.map((k) => sql`${k}`),
          sql`, `,
        )})
        and ${scopeWhere(ctx.actor, P['advisers.roster.read'], { tenantId: col('u.tenant_id'), unitId: col('u.id') })}
      group by u.id, u.name, u.kind, p.name, u.path
      order by u.path`,
  );
  const groupOf = (kind: string) =>
    COVERAGE_GROUPS.find((g) => (g.kinds as readonly string[]).includes(kind))!;
  const units: CoverageUnit[] = rows.map((r) => {
    const advisers = (r.advisers ?? []).filter(Boolean).sort();
    const covered = advisers.length > 0;
    return {
      unitId: r.unitId,
      unitName: r.unitName,
      unitKind: r.unitKind,
      group: groupOf(r.unitKind).key,
      parentName: r.parentName,
      covered,
      advisers,
      gapReason: covered
        ? null
        : Number(r.assigned) > 0
          ? '配备的法律顾问执业证不在有效期内'
          : '未配备法律顾问',
    };
  });
  const groups = COVERAGE_GROUPS.map((g) => {
    const mine = units.filter((u) => u.group === g.key);
    const covered = mine.filter((u) => u.covered).length;
    return {
      key: g.key,
      label: g.label,
      total: mine.length,
      covered,
      gaps: mine.length - covered,
      rate: rate(covered, mine.length),
    };
  });
  const covered = units.filter((u) => u.covered).length;
  return { on, total: units.length, covered, rate: rate(covered, units.length), groups, units };
}
