import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { placeholder, queryRows } from '../../kernel/db/index.ts';
import { type Ctx, can, inTx, scopeWhere } from '../access/index.ts';
import type { WorkCalendar } from '../calendar/index.ts';
import { type DeadlineStatus, deadlineStatus } from '../clock/index.ts';
import { calendarFor, chinaDate } from './clock-source.ts';
import {
  caseScopeColumns,
  type LoadedCase,
  loadCase,
  machineOf,
  type StepAnswer,
  takeStep,
} from './engine.ts';
import { listMachines, type MachineDef } from './machine.ts';
import { caseDeadlines, cases } from './workflow.tables.ts';

type DeadlineRow = typeof caseDeadlines.$inferSelect;

export interface DeadlineView {
  key: string;
  name: string;
  statute: string;
  startDate: string;
  dueDate: string | null;
  status: string;
  colour: DeadlineStatus | 'done';
  metOn: string | null;
  events: unknown[];
}

/** A period as the case pages show it: its colour from the due date, today and the working-day calendar. */
function deadlineView(
  d: Pick<DeadlineRow, 'key' | 'rule' | 'startDate' | 'dueDate' | 'status' | 'metOn' | 'events'>,
  today: string,
  calendar: WorkCalendar | null,
): DeadlineView {
  const open = d.status === 'running' || d.status === 'paused';
  let colour: DeadlineView['colour'] = 'done';
  if (open) {
    try {
      colour = deadlineStatus(d.dueDate, today, d.rule, calendar!);
    } catch {
      colour = d.dueDate && today > d.dueDate ? 'red' : 'green';
    }
  }
  return {
    key: d.key,
    name: d.rule.name,
    statute: d.rule.statute,
    startDate: d.startDate,
    dueDate: d.dueDate,
    status: d.status,
    colour,
    metOn: d.metOn,
    events: d.events,
  };
}

async function deadlinesOf(ctx: Ctx, caseIds: string[]): Promise<Map<string, DeadlineView[]>> {
  const out = new Map<string, DeadlineView[]>();
  if (caseIds.length === 0) return out;
  const rows = await ctx.db
    .select()
    .from(caseDeadlines)
    .where(and(eq(caseDeadlines.tenantId, ctx.actor.tenantId), inArray(caseDeadlines.caseId, caseIds)))
    .orderBy(asc(caseDeadlines.createdAt));
  const calendar = await calendarFor(ctx.db);
  const today = chinaDate(ctx.now);
  for (const d of rows) {
    const list = out.get(d.caseId) ?? [];
    list.push(deadlineView(d, today, calendar));
    out.set(d.caseId, list);
  }
  return out;
}

const COLOUR_RANK: Record<string, number> = { red: 0, yellow: 1, paused: 2, green: 3, done: 4 };
const worst = (ds: DeadlineView[]) =>
  ds.reduce<DeadlineView['colour']>(
    (w, d) => ((COLOUR_RANK[d.colour] ?? 9) < (COLOUR_RANK[w] ?? 9) ? d.colour : w),
    'done',
  );

/** A step's input schema as JSON Schema: built once per schema (every case page lists its steps'). */
const jsonSchemas = new WeakMap<z.ZodType, unknown>();
function inputJsonSchema(schema: z.ZodType): unknown {
  let json = jsonSchemas.get(schema);
  if (json === undefined) {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
    jsonSchemas.set(schema, json);
  }
  return json;
}

/** The permissions the case page's actions and record buttons depend on. */
const detailPermissions = (m: MachineDef) => [
  ...Object.values(m.transitions).map((t) => t.permission),
  ...Object.values(m.records ?? {}).map((r) => r!.permission),
];

/** Case detail: facts, state, the steps the actor may take now (with their input schemas), clocks, records and the timeline. */
export async function getCaseDetail(ctx: Ctx, id: string) {
  return caseDetailOf(ctx, await loadCase(ctx, id, { permissions: detailPermissions }));
}

/**
 * Takes one step (`transition`) and answers with the case detail as the step left it. The step's locking read
 * also decides the permissions the detail's actions need, and a step without an effect reads the detail's
 * timeline, records and periods back in its own write statement: the case is not loaded twice, and the step
 * makes as many round trips as its raw writes would.
 */
export async function transitionWithDetail(
  ctx: Ctx,
  caseId: string,
  name: string,
  input: unknown,
  expectedVersion?: number,
) {
  const step = await inTx(ctx, (tx) =>
    takeStep(tx, caseId, name, input, expectedVersion, {
      alsoAsk: detailPermissions,
      answer: CASE_PARTS_ANSWER,
    }),
  );
  return caseDetailOf(ctx, step, step.answer ? (step.answer[0] as unknown as CaseParts) : undefined);
}

/** The case page's parts, read at the end of a step's own statement (the engine fills in the case). */
const CASE_PARTS_ANSWER: StepAnswer = {
  select: (newEvents) => casePartsQuery(placeholder('tenantId'), placeholder('caseId'), newEvents),
};

interface TimelineRow {
  seq: number;
  kind: string;
  name: string | null;
  label: string;
  fromState: string | null;
  toState: string | null;
  actorName: string | null;
  at: string;
  data: unknown;
  logEntryId: string | null;
}
interface RecordRow {
  id: string;
  kind: string;
  outcome: string;
  data: unknown;
  createdAt: string;
}
type DeadlineJson = Pick<
  DeadlineRow,
  'key' | 'rule' | 'startDate' | 'dueDate' | 'status' | 'metOn' | 'events'
>;
interface CaseParts {
  timeline: TimelineRow[];
  records: RecordRow[];
  deadlines: DeadlineJson[];
}

const EVENT_COLUMNS = sql.raw(
  'seq, kind, name, label, from_state, to_state, actor_name, at, data, log_entry_id',
);

/**
 * A case's timeline, records and periods in one select (one round trip, one snapshot), each aggregated to JSON in
 * the order the page shows them. `newEvents` names a `WITH` holding timeline rows the same statement inserts
 * (which its reads of `case_events` do not see yet). The case is given by values or by placeholders.
 */
function casePartsQuery(tenantId: unknown, caseId: unknown, newEvents?: SQL): SQL {
  const c = { tenantId: sql`${tenantId}::varchar`, id: sql`${caseId}::uuid` };
  const events = sql`select ${EVENT_COLUMNS} from case_events where tenant_id = ${c.tenantId} and case_id = ${c.id}`;
  return sql`select
      (select coalesce(json_agg(json_build_object('seq', e.seq, 'kind', e.kind, 'name', e.name, 'label', e.label,
                'fromState', e.from_state, 'toState', e.to_state, 'actorName', e.actor_name, 'at', e.at,
                'data', e.data, 'logEntryId', e.log_entry_id) order by e.seq), '[]'::json)
         from (${newEvents ? sql`${events} union all select ${EVENT_COLUMNS} from ${newEvents}` : events}) e) as timeline,
      (select coalesce(json_agg(json_build_object('id', r.id, 'kind', r.kind, 'outcome', r.outcome, 'data', r.data,
                'createdAt', r.created_at) order by r.created_at desc), '[]'::json)
         from case_records r where r.tenant_id = ${c.tenantId} and r.case_id = ${c.id}) as records,
      (select coalesce(json_agg(json_build_object('key', d.key, 'rule', d.rule, 'startDate', d.start_date,
                'dueDate', d.due_date, 'status', d.status, 'metOn', d.met_on, 'events', d.events)
                order by d.created_at), '[]'::json)
         from case_deadlines d where d.tenant_id = ${c.tenantId} and d.case_id = ${c.id}) as deadlines`;
}

/**
 * The case detail of a case already loaded (with the permissions `detailPermissions` names decided), from its
 * timeline, records and periods as read (read now when not given). The periods' colours use the calendar cached
 * for `ctx.db` (the pool, not a transaction: a transaction's handle would re-check the calendar table).
 */
async function caseDetailOf(ctx: Ctx, { row, machine: m, allowed }: LoadedCase, read?: CaseParts) {
  const parts = read ?? (await queryRows<CaseParts>(ctx.db, casePartsQuery(row.tenantId, row.id)))[0]!;
  const today = chinaDate(ctx.now);
  const open = parts.deadlines.some((d) => d.status === 'running' || d.status === 'paused');
  const calendar = open ? await calendarFor(ctx.db) : null;
  const actions = [];
  for (const [name, t] of Object.entries(m.transitions)) {
    if (!t.from.includes(row.state)) continue;
    if (!allowed.has(t.permission)) continue;
    actions.push({
      name,
      label: t.label,
      to: t.to,
      inputSchema: t.input ? inputJsonSchema(t.input) : null,
    });
  }
  const recordKinds = [];
  for (const [kind, spec] of Object.entries(m.records ?? {})) {
    if (spec && !m.states[row.state]?.final && allowed.has(spec.permission))
      recordKinds.push({ kind, label: spec.label });
  }
  return {
    id: row.id,
    type: row.type,
    typeName: m.name,
    number: row.number,
    title: row.title,
    state: row.state,
    stateLabel: m.states[row.state]?.label ?? row.state,
    final: !!m.states[row.state]?.final,
    unitId: row.unitId,
    ownerId: row.ownerId,
    data: row.data,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    closedAt: row.closedAt,
    actions,
    recordKinds,
    deadlines: parts.deadlines.map((d) => deadlineView(d, today, calendar)),
    records: parts.records.map((r) => ({
      id: r.id,
      kind: r.kind,
      outcome: r.outcome,
      data: r.data,
      createdAt: new Date(r.createdAt),
    })),
    timeline: parts.timeline.map((e) => ({
      seq: e.seq,
      kind: e.kind,
      name: e.name,
      label: e.label,
      fromState: e.fromState,
      toState: e.toState,
      actorName: e.actorName,
      at: new Date(e.at),
      data: e.data,
      logEntryId: e.logEntryId,
    })),
  };
}

export interface CaseListFilter {
  type?: string | undefined;
  state?: string | undefined;
  q?: string | undefined;
  mine?: boolean | undefined;
  page: number;
  pageSize: number;
}

function readableMachines(ctx: Ctx, type?: string): MachineDef[] {
  const ms = type ? [machineOf(type)] : listMachines();
  return ms.filter((m) => can(ctx.actor, m.readPermission));
}

/** Cases the actor may read, newest first, with their worst deadline colour. */
export async function listCases(ctx: Ctx, f: CaseListFilter) {
  const ms = readableMachines(ctx, f.type);
  if (ms.length === 0) return { items: [], total: 0 };
  const byMachine = sql.join(
    ms.map((m) => sql`(${cases.type} = ${m.type} and ${scopeWhereFor(ctx, m.readPermission)})`),
    sql` or `,
  );
  const conds: SQL[] = [eq(cases.tenantId, ctx.actor.tenantId), sql`(${byMachine})`];
  if (f.state) conds.push(eq(cases.state, f.state));
  if (f.mine) conds.push(eq(cases.ownerId, ctx.actor.userId));
  if (f.q) conds.push(sql`(${cases.title} ilike ${`%${f.q}%`} or ${cases.number} ilike ${`%${f.q}%`})`);
  const where = and(...conds);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(cases)
      .where(where)
      .orderBy(desc(cases.createdAt))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    ctx.db.select({ n: count() }).from(cases).where(where),
  ]);
  const ds = await deadlinesOf(
    ctx,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => {
      const m = machineOf(r.type);
      const deadlines = ds.get(r.id) ?? [];
      return {
        id: r.id,
        type: r.type,
        typeName: m.name,
        number: r.number,
        title: r.title,
        state: r.state,
        stateLabel: m.states[r.state]?.label ?? r.state,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
        colour: worst(deadlines),
        nextDue:
          deadlines
            .filter((d) => d.status === 'running')
            .map((d) => d.dueDate)
            .sort()[0] ?? null,
      };
    }),
    total: total?.n ?? 0,
  };
}

const scopeWhereFor = (ctx: Ctx, permission: string) => scopeWhere(ctx.actor, permission, caseScopeColumns);

/**
 * The to-do inbox (待办): open cases where the actor can take a next step now, most urgent first
 * (overdue, then due soon, then by due date).
 */
export async function inbox(ctx: Ctx) {
  const parts: SQL[] = [];
  for (const m of listMachines()) {
    const byPermission = new Map<string, Set<string>>();
    for (const t of Object.values(m.transitions)) {
      if (!can(ctx.actor, t.permission)) continue;
      const s = byPermission.get(t.permission) ?? new Set<string>();
      for (const f of t.from) s.add(f);
      byPermission.set(t.permission, s);
    }
    for (const [perm, states] of byPermission)
      parts.push(
        sql`(${cases.type} = ${m.type} and ${cases.state} in (${sql.join(
          [...states].map((s) => sql`${s}`),
          sql`, `,
        )}) and ${scopeWhereFor(ctx, perm)})`,
      );
    // Records the case waits for (a legality review, minutes, an approval) since it last moved.
    for (const [kind, spec] of Object.entries(m.records ?? {})) {
      if (!spec?.awaitedIn?.length || !can(ctx.actor, spec.permission)) continue;
      parts.push(
        sql`(${cases.type} = ${m.type} and ${cases.state} in (${sql.join(
          spec.awaitedIn.map((s) => sql`${s}`),
          sql`, `,
        )}) and ${scopeWhereFor(ctx, spec.permission)} and not exists (select 1 from case_records cr
          where cr.tenant_id = cases.tenant_id and cr.case_id = cases.id and cr.kind = ${kind}
            and cr.created_at >= cases.updated_at))`,
      );
    }
  }
  if (parts.length === 0) return [];
  const rows = await ctx.db
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, ctx.actor.tenantId), sql`(${sql.join(parts, sql` or `)})`))
    .orderBy(asc(cases.createdAt))
    .limit(500);
  const ds = await deadlinesOf(
    ctx,
    rows.map((r) => r.id),
  );
  return rows
    .map((r) => {
      const m = machineOf(r.type);
      const deadlines = ds.get(r.id) ?? [];
      return {
        id: r.id,
        type: r.type,
        typeName: m.name,
        number: r.number,
        title: r.title,
        state: r.state,
        stateLabel: m.states[r.state]?.label ?? r.state,
        colour: worst(deadlines),
        nextDue:
          deadlines
            .filter((d) => d.status === 'running')
            .map((d) => d.dueDate)
            .sort()[0] ?? null,
        deadlines: deadlines.filter((d) => d.status === 'running' || d.status === 'paused'),
      };
    })
    .sort(
      (a, b) =>
        (COLOUR_RANK[a.colour] ?? 9) - (COLOUR_RANK[b.colour] ?? 9) ||
        (a.nextDue ?? '9').localeCompare(b.nextDue ?? '9'),
    );
}

/** The machines the actor can read, for the UI (states, steps, labels). */
export function machineCatalogue(ctx: Ctx) {
  return listMachines()
    .filter((m) => can(ctx.actor, m.readPermission))
    .map((m) => ({
      type: m.type,
      name: m.name,
      canCreate: can(ctx.actor, m.createPermission),
      createSchema: z.toJSONSchema(m.createInput, { io: 'input', unrepresentable: 'any' }),
      states: Object.entries(m.states).map(([value, s]) => ({ value, label: s.label, final: !!s.final })),
      transitions: Object.entries(m.transitions).map(([name, t]) => ({
        name,
        label: t.label,
        from: [...t.from],
        to: t.to,
      })),
    }));
}

/** Used by tests and the dashboard: how many cases of a type are in each state, within scope. */
export async function countByState(ctx: Ctx, type: string) {
  const m = machineOf(type);
  return queryRows<{ state: string; n: number }>(
    ctx.db,
    sql`select state, count(*)::int as n from cases where tenant_id = ${ctx.actor.tenantId} and type = ${type} and ${scopeWhereFor(ctx, m.readPermission)} group by state`,
  );
}
