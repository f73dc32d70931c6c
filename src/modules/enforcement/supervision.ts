/**
 * 执法监督视图 (the supervisor's view): every open penalty case (ordinary and summary procedure) in the actor's
 * scope, overdue first (most overdue first), then by the nearest due date, then the cases with no running clock
 * (suspended, or waiting on nothing timed). A case's step is its running clock with the earliest due date.
 *
 * One SQL statement. `firsts` walks the running deadlines in due-date order through
 * `case_deadlines_tenant_status_due_idx` and stops after `offset + pageSize` cases (the earliest running clock of
 * each case: `not exists` an earlier one); the open cases with no running clock follow, read only when `firsts`
 * falls short of the page (a one-time filter); the total is a scalar count of the open cases in scope.
 */
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../../kernel/db/index.ts';
import { zPageQuery } from '../../kernel/schemas.ts';
import { type Ctx, scopeWhere } from '../../platform/access/index.ts';
import { caseScopeColumns, chinaDate } from '../../platform/workflow/index.ts';
import { SummaryPenaltyCase } from './case.summary.ts';
import { PenaltyCase } from './case.workflow.ts';
import { EnforcementPermissions as P } from './enforcement.permissions.ts';

export const zSupervisionQuery = z.object({
  ...zPageQuery,
});

const MACHINES = [PenaltyCase, SummaryPenaltyCase];

/** The (type, state) pairs of open cases: every non-final state (final states are the ones that set `closed_at`). */
const OPEN = MACHINES.flatMap((m) =>
  Object.entries(m.states as Record<string, { final?: boolean }>)
    .filter(([, st]) => !st.final)
    .map(([state]) => ({ type: m.type, state })),
);

/**
 * Open enforcement cases the actor may read (on the unaliased `cases`). Open is "in a non-final state", written
 * on (type, state) so that `cases_tenant_type_state_idx` serves it (equivalent to `closed_at is null`).
 */
export function openCasesInScope(ctx: Ctx): SQL {
  return sql`cases.tenant_id = ${ctx.actor.tenantId} and (cases.type, cases.state) in (${sql.join(
    OPEN.map((o) => sql`(${o.type}, ${o.state})`),
    sql`, `,
  )}) and ${scopeWhere(ctx.actor, P['enforcement.case.read'], caseScopeColumns)}`;
}

/** The supervisor's view statement (also measured by `bench/enforcement.ts`). */
export function supervisionSql(ctx: Ctx, page: number, pageSize: number): SQL {
  const tenant = ctx.actor.tenantId;
  const open = openCasesInScope(ctx);
  const n = page * pageSize;
  return sql`with firsts as (
        select cases.id, cases.type, cases.number, cases.title, cases.state, cases.owner_id, cases.created_at,
               cases.data ->> 'bodyId' as body_id, d.key as step_key, d.rule ->> 'name' as step_name, d.due_date
        from case_deadlines d
        join cases on cases.tenant_id = d.tenant_id and cases.id = d.case_id
        where d.tenant_id = ${tenant} and d.status = 'running' and d.due_date is not null and ${open}
          and not exists (select 1 from case_deadlines e
            where e.tenant_id = d.tenant_id and e.case_id = d.case_id and e.status = 'running'
              and (e.due_date < d.due_date or (e.due_date = d.due_date and e.key < d.key)))
        order by d.due_date, cases.created_at, cases.id
        limit ${n})
      select p.id, p.type, p.number, p.title, p.state, p.owner_id, u.display_name as handler_name,
        p.body_id, b.name as body_name, p.step_key, p.step_name, p.due_date,
        (select count(*)::int from cases where ${open}) as total
      from (
        select * from firsts
        union all
        -- the cases with no running clock come after all the others: read only when the page reaches them
        (select cases.id, cases.type, cases.number, cases.title, cases.state, cases.owner_id, cases.created_at,
                cases.data ->> 'bodyId', null, null, null
         from cases
         where (select count(*) from firsts) < ${n} and ${open}
           and not exists (select 1 from case_deadlines e
             where e.tenant_id = cases.tenant_id and e.case_id = cases.id and e.status = 'running'
               and e.due_date is not null)
         order by cases.created_at, cases.id
         limit ${n})
      ) p
      left join enforcement_bodies b on b.tenant_id = ${tenant} and b.id::text = p.body_id
      left join users u on u.tenant_id = ${tenant} and u.id = p.owner_id
      order by p.due_date nulls last, p.created_at, p.id
      limit ${pageSize} offset ${n - pageSize}`;
}

interface Row {
  id: string;
  type: string;
  number: string;
  title: string;
  state: string;
  owner_id: string | null;
  handler_name: string | null;
  body_id: string | null;
  body_name: string | null;
  step_key: string | null;
  step_name: string | null;
  due_date: string | null;
  total: number;
}

const DAY = 86_400_000;
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY);

/** One page of the supervisor's view. */
export async function supervision(ctx: Ctx, q: { page: number; pageSize: number }) {
  const today = chinaDate(ctx.now);
  const rows = await queryRows<Row>(ctx.db, supervisionSql(ctx, q.page, q.pageSize));
  let total = rows[0]?.total;
  if (total === undefined) {
    const [c] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from cases where ${openCasesInScope(ctx)}`,
    );
    total = c?.n ?? 0;
  }
  return {
    today,
    total,
    items: rows.map((r) => {
      const m = MACHINES.find((x) => x.type === r.type);
      const overdue = !!r.due_date && r.due_date < today;
      return {
        id: r.id,
        type: r.type,
        number: r.number,
        title: r.title,
        state: r.state,
        stateLabel: (m?.states as Record<string, { label: string }> | undefined)?.[r.state]?.label ?? r.state,
        body: r.body_id ? { id: r.body_id, name: r.body_name } : null,
        handler: r.owner_id ? { id: r.owner_id, name: r.handler_name } : null,
        step: r.step_key ? { key: r.step_key, name: r.step_name, dueDate: r.due_date } : null,
        overdue,
        daysOverdue: overdue ? daysBetween(r.due_date!, today) : 0,
      };
    }),
  };
}
