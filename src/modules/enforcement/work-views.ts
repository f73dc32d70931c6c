/**
 * Work views over penalty cases (ordinary and summary procedure):
 * - 我的案件 (officer's workbench): the open cases the signed-in official handles (承办人 `owner_id`), investigates
 *   (`data.investigators`) or decided on the spot (`data.officers`); with `all`, every open case they may handle.
 * - 法制审核 (legal reviewer's queue): cases in 法制审核 whose legality review (legality module) awaits the unit's
 *   legal staff, in the reviewer's scope, the oldest legal-review deadline first, each with its review.
 * Each case carries its next running deadline (the earliest due; in the queue the legal-review period) with a colour on the platform clock and the
 * working-day calendar: red overdue, orange due within 3 working days, blue otherwise.
 */
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../../kernel/db/index.ts';
import { type Ctx, scopeWhere } from '../../platform/access/index.ts';
import { deadlineStatus } from '../../platform/clock/index.ts';
import { calendarFor, caseScopeColumns, chinaDate } from '../../platform/workflow/index.ts';
import { LegalityReview } from '../legality/index.ts';
import { SummaryPenaltyCase } from './case.summary.ts';
import { PenaltyCase } from './case.workflow.ts';
import { EnforcementPermissions as P } from './enforcement.permissions.ts';
import { PENALTY_CASE_TYPE } from './legal-review.ts';

export const WORK_COLOURS = ['red', 'orange', 'blue'] as const;
export type WorkColour = (typeof WORK_COLOURS)[number];
const WARN = { warnBefore: { amount: 3, unit: 'workday' as const } };

export const zMyCasesQuery = z.object({
  /** `true`: every open case in the actor's handling scope, not only their own. */
  all: z
    .enum(['true', 'false'], { error: 'all 只能是 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
});

const MACHINES = [PenaltyCase, SummaryPenaltyCase];
const labelOf = (type: string, state: string) =>
  (MACHINES.find((m) => m.type === type)?.states as Record<string, { label: string }> | undefined)?.[state]
    ?.label ?? state;
const typeName = (type: string) => MACHINES.find((m) => m.type === type)?.name ?? type;

interface Row {
  id: string;
  type: string;
  number: string;
  title: string;
  state: string;
  created_at: Date | string;
  owner_id: string | null;
  handler_name: string | null;
  body_id: string | null;
  body_name: string | null;
  investigator: boolean;
  step_key: string | null;
  step_name: string | null;
  due_date: string | null;
  submitted_on: string | null;
  review_id?: string | null;
  review_number?: string | null;
}

/** Open enforcement cases with their earliest running deadline (on the unaliased `cases`). */
function workSql(ctx: Ctx, where: SQL, order: SQL, prefer = '', withReview = false): SQL {
  const tenant = ctx.actor.tenantId;
  const me = ctx.actor.userId;
  return sql`select cases.id, cases.type, cases.number, cases.title, cases.state,
        cases.created_at, cases.owner_id,
        u.display_name as handler_name, cases.data ->> 'bodyId' as body_id, b.name as body_name,
        (coalesce(cases.data -> 'investigators', '[]'::jsonb) @> jsonb_build_array(${me}::text)
          or coalesce(cases.data -> 'officers', '[]'::jsonb) @> jsonb_build_array(${me}::text)) as investigator,
        d.key as step_key, d.rule ->> 'name' as step_name, d.due_date,
        cases.data ->> 'reviewSubmitted' as submitted_on
        ${withReview ? sql`, lr.id as review_id, lr.number as review_number` : sql``}
      from cases
      left join lateral (select e.key, e.rule, e.due_date from case_deadlines e
        where e.tenant_id = cases.tenant_id and e.case_id = cases.id and e.status = 'running' and e.due_date is not null
        order by e.key = ${prefer} desc, e.due_date, e.key limit 1) d on true
      left join enforcement_bodies b on b.tenant_id = cases.tenant_id and b.id::text = cases.data ->> 'bodyId'
      left join users u on u.tenant_id = cases.tenant_id and u.id = cases.owner_id
      ${withReview ? latestReviewJoin : sql``}
      where cases.tenant_id = ${tenant} and cases.type in (${sql.join(
        MACHINES.map((m) => sql`${m.type}`),
        sql`, `,
      )}) and cases.closed_at is null and ${where}
      ${order}
      limit 500`;
}

/** `lr`: the case's latest legality review (合法性审查 of kind 重大执法决定), if any. */
const latestReviewJoin = sql`left join lateral (select r.id, r.number, r.state from cases r
    where r.tenant_id = cases.tenant_id and r.type = ${LegalityReview.type}
      and r.data -> 'subject' ->> 'type' = ${PENALTY_CASE_TYPE} and r.data -> 'subject' ->> 'id' = cases.id::text
    order by r.created_at desc, r.id desc limit 1) lr on true`;

async function present(ctx: Ctx, rows: Row[]) {
  const today = chinaDate(ctx.now);
  const calendar = await calendarFor(ctx.db);
  const colourOf = (due: string): WorkColour => {
    let s: string;
    try {
      s = deadlineStatus(due, today, WARN, calendar);
    } catch {
      // A due date beyond the loaded calendar years is far away.
      s = today > due ? 'red' : 'green';
    }
    return s === 'red' ? 'red' : s === 'yellow' ? 'orange' : 'blue';
  };
  return {
    today,
    items: rows.map((r) => ({
      id: r.id,
      type: r.type,
      typeName: typeName(r.type),
      number: r.number,
      title: r.title,
      state: r.state,
      stateLabel: labelOf(r.type, r.state),
      createdAt: new Date(r.created_at),
      body: r.body_id ? { id: r.body_id, name: r.body_name } : null,
      handler: r.owner_id ? { id: r.owner_id, name: r.handler_name } : null,
      role:
        r.owner_id === ctx.actor.userId
          ? ('handler' as const)
          : r.investigator
            ? ('investigator' as const)
            : ('scope' as const),
      submittedOn: r.submitted_on,
      review: r.review_id ? { id: r.review_id, number: r.review_number ?? '' } : null,
      deadline:
        r.step_key && r.due_date
          ? {
              key: r.step_key,
              name: r.step_name ?? r.step_key,
              dueDate: r.due_date,
              colour: colourOf(r.due_date),
            }
          : null,
    })),
  };
}

/** 我的案件: the actor's open penalty and summary cases (or, with `all`, every open case they may handle). */
export async function myCases(ctx: Ctx, q: { all: boolean }) {
  const me = ctx.actor.userId;
  const parts: SQL[] = [scopeWhere(ctx.actor, P['enforcement.case.handle'], caseScopeColumns)];
  if (!q.all)
    parts.push(sql`(cases.owner_id = ${me}
      or coalesce(cases.data -> 'investigators', '[]'::jsonb) @> jsonb_build_array(${me}::text)
      or coalesce(cases.data -> 'officers', '[]'::jsonb) @> jsonb_build_array(${me}::text))`);
  const rows = await queryRows<Row>(
    ctx.db,
    workSql(
      ctx,
      sql.join(parts, sql` and `),
      sql`order by d.due_date nulls last, cases.created_at, cases.id`,
    ),
  );
  return present(ctx, rows);
}

/**
 * 法制审核 queue: penalty cases in 法制审核 whose legality review awaits the unit's legal staff (单位法制机构审查中),
 * in the reviewer's scope, oldest deadline first; each names its review (the opinion is given on the review).
 */
export async function legalReviewQueue(ctx: Ctx) {
  const where = sql`cases.type = ${PenaltyCase.type} and cases.state = 'legal-review'
    and ${scopeWhere(ctx.actor, P['enforcement.case.review'], caseScopeColumns)}
    and lr.state = 'unit-review'`;
  const rows = await queryRows<Row>(
    ctx.db,
    workSql(ctx, where, sql`order by d.due_date nulls last, cases.updated_at, cases.id`, '', true),
  );
  return present(ctx, rows);
}
