import { createHash } from 'node:crypto';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { executeWithNext, placeholder, queryRows, rowOf, Statement } from '../../kernel/db/index.ts';
import {
  conflict,
  DomainError,
  forbidden,
  invalid,
  notFound,
  ProblemCollector,
} from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { type Actor, type Ctx, can, inTx, logActorOf, scopeWhere } from '../access/index.ts';
import { type ClockEvent, computeDeadline, type DeadlineRule } from '../clock/index.ts';
import { logEntriesInsertFrom, logEntriesJson } from '../log/index.ts';
import { calendarFor, chinaDate, chinaMidnight, ruleFor, warnDate } from './clock-source.ts';
import type { CaseRecordView } from './guards.ts';
import { type ClockAction, getMachine, listMachines, type MachineDef, type RecordKind } from './machine.ts';
import { RECORD_SCHEMAS, recordOutcome } from './records.schemas.ts';
import { caseDeadlines, caseRecords, cases, counters, timers } from './workflow.tables.ts';

export type CaseRow = typeof cases.$inferSelect;

export const caseScopeColumns = { tenantId: cases.tenantId, unitId: cases.unitId, ownerId: cases.ownerId };

export function machineOf(type: string): MachineDef {
  const m = getMachine(type);
  if (!m) throw notFound('WORKFLOW.TYPE_UNKNOWN', `未知的案件类型“${type}”`);
  return m;
}

/** Validates `value` with a zod schema, turning every issue into a field problem under `base`. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, base: string, code: string): T {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  throw invalid(
    code,
    '提交的数据有误，请按提示修改',
    r.error.issues.map((i) => ({
      pointer: `${base}${i.path.length ? `/${i.path.join('/')}` : ''}`,
      detail: i.message,
    })),
  );
}

/** Replaces personal fields by keyed hashes, for the log. */
function forLog(m: MachineDef, ctx: Ctx, obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (m.personalFields?.includes(k) && v !== null && v !== undefined)
      out[`${k}Hmac`] = ctx.crypto.keyedHash(typeof v === 'string' ? v : JSON.stringify(v));
    else out[k] = v;
  }
  return out;
}

/** A case the actor may read, with which of the asked permissions reach it. */
export interface LoadedCase {
  row: CaseRow;
  machine: MachineDef;
  /** Permissions (of those asked for) whose data scope covers this case. */
  allowed: ReadonlySet<string>;
}

/**
 * `loadCase`'s statements, by what their text depends on: the actor's tenant, person, unit and roles (data scope),
 * the case types, the lock and the permissions asked. Building the query walks one data-scope condition per case
 * type, more work than PostgreSQL's to run it, so each shape is built once (kernel/db `Statement`). Keyed by
 * content, not by the actor object: a signed-in actor object is cached with its session, but a bearer token's
 * actor (an importer's) is new on every request.
 */
const loadStatements = new Map<string, Statement>();
const actorKeys = new WeakMap<Actor, string>();

/** What an actor's data-scope conditions depend on, hashed; computed once per actor object. */
function scopeKey(actor: Actor): string {
  let key = actorKeys.get(actor);
  if (key === undefined) {
    key = createHash('sha1')
      .update(
        JSON.stringify([
          actor.tenantId,
          actor.userId,
          actor.unitId,
          actor.unitPath,
          actor.roles.map((r) => [r.scope, r.scopeUnitIds, r.permissions]),
        ]),
      )
      .digest('base64');
    actorKeys.set(actor, key);
  }
  return key;
}

function loadStatement(actor: Actor, lock: boolean, asked: readonly string[]): Statement {
  const machines = listMachines();
  const key = `${scopeKey(actor)}|${machines.length}|${lock}|${asked.join(',')}`;
  let statement = loadStatements.get(key);
  if (!statement) {
    const readable = sql`case ${cases.type} ${sql.join(
      machines.map((m) => sql`when ${m.type} then ${scopeWhere(actor, m.readPermission, caseScopeColumns)}`),
      sql` `,
    )} else false end`;
    const allowed = asked.length
      ? sql`array_remove(array[${sql.join(
          asked.map((p) => sql`case when ${scopeWhere(actor, p, caseScopeColumns)} then ${p}::text end`),
          sql`, `,
        )}], null)`
      : sql`array[]::text[]`;
    statement = new Statement(
      sql`select ${cases}.*, ${readable} as fz_readable, ${allowed} as fz_allowed from ${cases}
          where ${cases.tenantId} = ${actor.tenantId} and ${cases.id} = ${placeholder('id')}
          ${lock ? sql`for update of ${cases}` : sql``}`,
    );
    // Bounded like the session cache: a new shape after a clear is built again.
    if (loadStatements.size >= 10_000) loadStatements.clear();
    loadStatements.set(key, statement);
  }
  return statement;
}

/**
 * Loads a case the actor may read (404 otherwise), optionally locking it for update, and decides in the
 * same query which of `permissions` reach it: one round trip for visibility, lock and authorisation.
 */
export async function loadCase(
  ctx: Ctx,
  id: string,
  opts: { lock?: boolean; permissions?: (m: MachineDef) => string[] } = {},
): Promise<LoadedCase> {
  const asked = [...new Set(listMachines().flatMap((m) => opts.permissions?.(m) ?? []))].filter((p) =>
    can(ctx.actor, p),
  );
  const [r] = await queryRows<Record<string, unknown> & { fz_readable: boolean; fz_allowed: string[] }>(
    ctx.db,
    loadStatement(ctx.actor, !!opts.lock, asked).bind({ id }),
  );
  const row = r?.fz_readable ? rowOf(cases, r) : undefined;
  const machine = row ? getMachine(row.type) : undefined;
  if (!row || !machine) throw notFound('WORKFLOW.CASE_NOT_FOUND', '案件不存在或无权查看');
  return { row, machine, allowed: new Set(r!.fz_allowed) };
}

/** Whether the actor holds `permission` with a scope that covers this case. */
export async function coversCase(ctx: Ctx, permission: string, row: CaseRow): Promise<boolean> {
  if (!can(ctx.actor, permission)) return false;
  const [r] = await ctx.db
    .select({ ok: sql<boolean>`${scopeWhere(ctx.actor, permission, caseScopeColumns)}` })
    .from(cases)
    .where(and(eq(cases.tenantId, row.tenantId), eq(cases.id, row.id)));
  return !!r?.ok;
}

interface EventInput {
  kind: string;
  name?: string | null;
  label: string;
  fromState?: string | null;
  toState?: string | null;
  data: Record<string, unknown>;
  logKind: string;
  logData?: Record<string, unknown>;
  system?: boolean;
}

/** Appends a timeline event and its transparency-log entry (same transaction). */
export async function addEvent(ctx: Ctx, c: CaseRow, m: MachineDef, e: EventInput): Promise<void> {
  await addEvents(ctx, c, m, [e]);
}

/** What a step adds to its timeline statement: the case row's update, and a read to answer with. */
interface StepWrite {
  /** The transition's update of the case row (as `updated` holds it), run as a data-modifying `WITH` in front. */
  caseUpdate?: boolean;
  /** A read the statement ends with instead of the bare insert. */
  answer?: StepAnswer | undefined;
}

/**
 * A select a step's statement may end with (e.g. the case page's timeline, records and periods), over the
 * placeholders `tenantId` and `caseId` and the `WITH` named `newEvents`, holding the timeline rows the statement
 * inserts (its other reads see the database as it was before the statement). Keep one object per read: the
 * statement is built once for it.
 */
export interface StepAnswer {
  select(newEvents: SQL): SQL;
}

/** The step statements (see `addEvents`), by answer (or none) and whether the case row is updated. */
const stepStatements = new WeakMap<object, Statement[]>();
const NO_ANSWER = {};

function stepStatement(update: boolean, answer: StepAnswer | undefined): Statement {
  const key = answer ?? NO_ANSWER;
  let built = stepStatements.get(key);
  if (!built) {
    built = [];
    stepStatements.set(key, built);
  }
  const slot = update ? 1 : 0;
  if (built[slot]) return built[slot];
  const tenant = sql`${placeholder('tenantId')}::varchar`;
  const id = sql`${placeholder('caseId')}::uuid`;
  const caseUpdate = sql`update cases
      set state = ${placeholder('state')}::text, data = ${placeholder('data')}::jsonb,
          version = ${placeholder('version')}::integer, updated_at = ${placeholder('at')}::timestamptz,
          closed_at = ${placeholder('closedAt')}::timestamptz
      where tenant_id = ${tenant} and id = ${id}`;
  // The events arrive as one JSON array, numbered from 1: each takes the case's next sequence number in order.
  const insert = sql`insert into case_events (tenant_id, case_id, seq, kind, name, label, from_state, to_state, actor_id, actor_name, at, data, log_entry_id)
      select ${tenant}, ${id},
             (select coalesce(max(seq), 0) from case_events where tenant_id = ${tenant} and case_id = ${id}) + x.n,
             x.kind, x.name, x.label, x.from_state, x.to_state, x.actor_id, x.actor_name, x.at, x.data, x.log_entry_id
      from json_to_recordset(${placeholder('events')}::json) as x(n integer, kind text, name text, label text,
           from_state text, to_state text, actor_id uuid, actor_name text, at timestamptz, data jsonb, log_entry_id uuid)`;
  const head = sql`with ${update ? sql`case_update as (${caseUpdate}), ` : sql``}log_entry as (${logEntriesInsertFrom(placeholder('log'))})`;
  built[slot] = new Statement(
    answer
      ? sql`${head}, new_events as (${insert} returning *) ${answer.select(sql.raw('new_events'))}`
      : sql`${head} ${insert}`,
  );
  return built[slot];
}

/**
 * Appends a step's timeline events and their transparency-log entries (same transaction) in one statement: the
 * log insert rides as a data-modifying `WITH` in front of the timeline insert, and the events take the case's
 * next sequence numbers in the order given. With `write`, a transition's update of the case row (`c` as the step
 * leaves it) rides in front too and a read to answer with may follow, so a plain step writes (and reads back) in
 * one round trip; the statement's rows are that read's. Without a read, the statement is written together with
 * the transaction's next one (`executeWithNext`: a plain step then takes two round trips, its locking read and
 * its COMMIT). The statement's text is built once per shape (kernel/db `Statement`); the entries and events
 * travel as two JSON parameters, however many a step has.
 */
async function addEvents(
  ctx: Ctx,
  c: CaseRow,
  m: MachineDef,
  events: readonly EventInput[],
  write: StepWrite = {},
): Promise<Record<string, unknown>[]> {
  if (events.length === 0) {
    if (write.caseUpdate)
      await ctx.db
        .update(cases)
        .set({
          state: c.state,
          data: c.data,
          version: c.version,
          updatedAt: c.updatedAt,
          closedAt: c.closedAt,
        })
        .where(and(eq(cases.tenantId, c.tenantId), eq(cases.id, c.id)));
    return [];
  }
  const log = logEntriesJson(
    events.map((e) => ({
      tenantId: c.tenantId,
      kind: e.logKind,
      actor: e.system ? null : logActorOf(ctx.actor),
      subject: { type: 'case', id: c.id },
      data: {
        caseType: c.type,
        number: c.number,
        from: e.fromState ?? null,
        to: e.toState ?? null,
        ...(e.logData ?? forLog(m, ctx, e.data)),
      },
      requestId: ctx.requestId,
      at: ctx.now,
    })),
  );
  const at = ctx.now.toISOString();
  const rows = events.map((e, i) => ({
    n: i + 1,
    kind: e.kind,
    name: e.name ?? null,
    label: e.label,
    from_state: e.fromState ?? null,
    to_state: e.toState ?? null,
    actor_id: e.system ? null : ctx.actor.userId,
    actor_name: e.system ? '系统' : ctx.actor.displayName,
    at,
    data: e.data,
    log_entry_id: log.ids[i],
  }));
  const statement = stepStatement(!!write.caseUpdate, write.answer).bind({
    tenantId: c.tenantId,
    caseId: c.id,
    state: c.state,
    data: JSON.stringify(c.data),
    version: c.version,
    at,
    closedAt: c.closedAt?.toISOString() ?? null,
    log: log.rows,
    events: JSON.stringify(rows),
  });
  if (write.answer) return queryRows(ctx.db, statement);
  // Nothing to read back: the statement travels with the transaction's next one (usually its COMMIT), and a
  // failure fails that statement, so the step still commits whole or not at all.
  await executeWithNext(ctx.db, statement);
  return [];
}

async function nextNumber(ctx: Ctx, m: MachineDef): Promise<string> {
  const year = chinaDate(ctx.now).slice(0, 4);
  const key = `case:${m.type}:${year}`;
  const [r] = await ctx.db
    .insert(counters)
    .values({ tenantId: ctx.actor.tenantId, key, value: 1 })
    .onConflictDoUpdate({
      target: [counters.tenantId, counters.key],
      set: { value: sql`${counters.value} + 1` },
    })
    .returning({ value: counters.value });
  return `${m.numberPrefix}〔${year}〕${r!.value}号`;
}

// ---------- statutory clocks ----------

type DeadlineRow = typeof caseDeadlines.$inferSelect;

async function scheduleDeadlineTimers(
  ctx: Ctx,
  c: CaseRow,
  d: DeadlineRow,
  rule: DeadlineRule,
  isNew = false,
) {
  // Earlier timers of this period no longer apply: their payload names the due date they were for.
  if (!isNew)
    await ctx.db
      .update(timers)
      .set({ status: 'cancelled', doneAt: ctx.now })
      .where(
        and(
          eq(timers.tenantId, c.tenantId),
          eq(timers.caseId, c.id),
          eq(timers.status, 'pending'),
          sql`${timers.payload}->>'deadlineId' = ${d.id}`,
        ),
      );
  if (d.status !== 'running' || !d.dueDate) return;
  const calendar = await calendarFor(ctx.db);
  const rows = [
    { kind: 'deadline.warn', fireAt: chinaMidnight(warnDate(d.dueDate, rule, calendar)) },
    { kind: 'deadline.overdue', fireAt: chinaMidnight(nextDay(d.dueDate)) },
  ];
  await ctx.db.insert(timers).values(
    rows.map((r) => ({
      tenantId: c.tenantId,
      id: newId(),
      caseId: c.id,
      kind: r.kind,
      fireAt: r.fireAt,
      payload: { deadlineId: d.id, key: d.key, dueDate: d.dueDate },
      createdAt: ctx.now,
    })),
  );
}

const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Applies a step's clock actions, then writes `first` (the step's own timeline event) and the events of the
 * periods in one statement, with `write` (the step's update of the case row, a read to answer with) in it.
 */
async function applyClock(
  ctx: Ctx,
  c: CaseRow,
  m: MachineDef,
  actions: ClockAction[],
  first: EventInput[] = [],
  write: StepWrite = {},
): Promise<Record<string, unknown>[]> {
  const timeline = [...first];
  if (actions.length === 0) return addEvents(ctx, c, m, timeline, write);
  const calendar = await calendarFor(ctx.db);
  const today = chinaDate(ctx.now);
  // The case's periods, read once for all the step's actions (kept current as they change).
  const periods = new Map(
    (
      await ctx.db
        .select()
        .from(caseDeadlines)
        .where(and(eq(caseDeadlines.tenantId, c.tenantId), eq(caseDeadlines.caseId, c.id)))
    ).map((d) => [d.key, d]),
  );
  for (const a of actions) {
    const existing = periods.get(a.key);
    if (a.type === 'start') {
      const rule = await ruleFor(ctx.db, c.tenantId, a.rule);
      const start = a.from ?? today;
      const comp = computeDeadline(rule, start, [], calendar);
      const row: DeadlineRow = {
        tenantId: c.tenantId,
        id: existing?.id ?? newId(),
        caseId: c.id,
        key: a.key,
        rule,
        startDate: start,
        events: [],
        dueDate: comp.dueDate,
        status: 'running',
        metOn: null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      if (existing)
        await ctx.db
          .update(caseDeadlines)
          .set(row)
          .where(and(eq(caseDeadlines.tenantId, c.tenantId), eq(caseDeadlines.id, existing.id)));
      else await ctx.db.insert(caseDeadlines).values(row);
      periods.set(a.key, row);
      await scheduleDeadlineTimers(ctx, c, row, rule, !existing);
      timeline.push({
        kind: 'deadline.started',
        name: a.key,
        label: `${rule.name}起算，${comp.dueDate}届满（${rule.statute}）`,
        data: { key: a.key, rule: rule.code, startDate: start, dueDate: comp.dueDate },
        logKind: 'workflow.deadline.started',
      });
      continue;
    }
    if (!existing) throw conflict('WORKFLOW.DEADLINE_MISSING', `期限“${a.key}”尚未起算`);
    if (existing.status === 'met' || existing.status === 'cancelled') {
      if (a.type === 'meet' || a.type === 'cancel') continue;
      throw conflict('WORKFLOW.DEADLINE_CLOSED', `期限“${existing.rule.name}”已结束，不能再调整`);
    }
    let events = existing.events;
    let status = existing.status;
    let metOn: string | null = null;
    let label: string;
    switch (a.type) {
      case 'stop':
        events = [...events, { type: 'stop', date: a.on ?? today, reason: a.reason }];
        label = `${existing.rule.name}中止计算：${a.reason}`;
        break;
      case 'resume':
        events = [...events, { type: 'resume', date: a.on ?? today }];
        label = `${existing.rule.name}恢复计算`;
        break;
      case 'restart':
        events = [...events, { type: 'restart', date: a.on ?? today, reason: a.reason }];
        label = `${existing.rule.name}重新起算：${a.reason}`;
        break;
      case 'extend':
        events = [
          ...events,
          {
            type: 'extend',
            amount: a.amount,
            unit: a.unit,
            reason: a.reason,
            approvedBy: a.approvedBy,
            date: today,
          },
        ];
        label = `${existing.rule.name}延长：${a.reason}（批准人：${a.approvedBy}）`;
        break;
      case 'meet':
        status = 'met';
        metOn = a.on ?? today;
        label = `${existing.rule.name}已完成（${metOn}）`;
        break;
      case 'cancel':
        status = 'cancelled';
        label = `${existing.rule.name}不再计算`;
        break;
    }
    const comp = computeDeadline(existing.rule, existing.startDate, events as ClockEvent[], calendar);
    if (status !== 'met' && status !== 'cancelled') status = comp.running ? 'running' : 'paused';
    const updated: DeadlineRow = {
      ...existing,
      events,
      status,
      metOn,
      dueDate: comp.dueDate,
      updatedAt: ctx.now,
    };
    await ctx.db
      .update(caseDeadlines)
      .set({ events, status, metOn, dueDate: comp.dueDate, updatedAt: ctx.now })
      .where(and(eq(caseDeadlines.tenantId, c.tenantId), eq(caseDeadlines.id, existing.id)));
    periods.set(a.key, updated);
    await scheduleDeadlineTimers(ctx, c, updated, existing.rule);
    timeline.push({
      kind: `deadline.${a.type === 'meet' ? 'met' : a.type === 'cancel' ? 'cancelled' : `${a.type}${a.type.endsWith('e') ? 'd' : 'ed'}`}`,
      name: a.key,
      label:
        comp.dueDate && status !== 'met' && status !== 'cancelled' ? `${label}，${comp.dueDate}届满` : label,
      data: {
        key: a.key,
        event: events[events.length - 1] ?? null,
        dueDate: comp.dueDate,
        status,
        warnings: comp.warnings,
      },
      logKind: `workflow.deadline.${a.type}`,
    });
  }
  return addEvents(ctx, c, m, timeline, write);
}

// ---------- commands ----------

/** Opens a case of a machine in a unit the actor may create it in. */
export function createCase(
  ctx: Ctx,
  type: string,
  input: { unitId?: string | undefined; ownerId?: string | undefined; data: unknown },
): Promise<CaseRow> {
  return inTx(ctx, async (ctx) => {
    const m = machineOf(type);
    if (!can(ctx.actor, m.createPermission)) throw forbidden('WORKFLOW.FORBIDDEN', `没有新建${m.name}的权限`);
    const data = parseInput(m.createInput, input.data, '/body/data', 'WORKFLOW.INPUT_INVALID');
    const today = chinaDate(ctx.now);
    const future = (m.pastDates ?? []).filter((f) => typeof data[f] === 'string' && String(data[f]) > today);
    if (future.length > 0)
      throw invalid(
        'WORKFLOW.INPUT_INVALID',
        '提交的数据有误，请按提示修改',
        future.map((f) => ({ pointer: `/body/data/${f}`, detail: `日期不能晚于今天（${today}）` })),
      );
    const unitId = input.unitId ?? ctx.actor.unitId;
    if (!unitId)
      throw invalid('WORKFLOW.INPUT_INVALID', '请选择承办单位', [
        { pointer: '/body/unitId', detail: '请选择承办单位' },
      ]);
    const id = newId();
    const row: CaseRow = {
      tenantId: ctx.actor.tenantId,
      id,
      type,
      number: await nextNumber(ctx, m),
      title: m.title(data),
      state: m.initial,
      unitId,
      ownerId: input.ownerId ?? ctx.actor.userId,
      data,
      version: 1,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      closedAt: null,
    };
    const [unit] = await ctx.db
      .execute(
        sql`select 1 as ok from units where tenant_id = ${ctx.actor.tenantId} and id = ${unitId} and status = 'active'`,
      )
      .then((r) => (r as unknown as { rows: { ok: number }[] }).rows);
    if (!unit)
      throw invalid('WORKFLOW.INPUT_INVALID', '承办单位不存在', [
        { pointer: '/body/unitId', detail: '承办单位不存在或已停用' },
      ]);
    await ctx.db.insert(cases).values(row);
    if (!(await coversCase(ctx, m.createPermission, row)))
      throw forbidden('WORKFLOW.FORBIDDEN', `无权在该单位新建${m.name}`);
    await applyClock(ctx, row, m, m.onCreate?.(data) ?? [], [
      {
        kind: 'created',
        label: `登记${m.name}（${row.number}）`,
        toState: m.initial,
        data,
        logKind: `${type}.created`,
      },
    ]);
    return row;
  });
}

async function loadRecords(ctx: Ctx, caseId: string): Promise<CaseRecordView[]> {
  return ctx.db
    .select({
      id: caseRecords.id,
      kind: caseRecords.kind,
      outcome: caseRecords.outcome,
      data: caseRecords.data,
      createdAt: caseRecords.createdAt,
    })
    .from(caseRecords)
    .where(and(eq(caseRecords.tenantId, ctx.actor.tenantId), eq(caseRecords.caseId, caseId)))
    .orderBy(desc(caseRecords.createdAt), desc(caseRecords.id));
}

/**
 * Moves a case through one legal step. The only way a case changes state, used by the UI, the API, imports
 * and the CLI alike: state, permission and scope, the step's required input, every guard, then the state
 * change, clocks, timeline and log entries in one transaction.
 */
export function transition(
  ctx: Ctx,
  caseId: string,
  name: string,
  rawInput: unknown,
  expectedVersion?: number,
): Promise<CaseRow> {
  return inTx(ctx, async (ctx) => (await takeStep(ctx, caseId, name, rawInput, expectedVersion)).row);
}

/** A step taken: the case as the step left it, which of the asked permissions reach it, and the answer read. */
export interface StepResult extends LoadedCase {
  /** The rows of `answer`'s select, when the step could read it in its write (null: read it after the step). */
  answer: Record<string, unknown>[] | null;
}

/** Options of `takeStep`, for a caller that answers with the case. */
export interface StepOptions {
  /**
   * More permissions to decide in the step's locking read (e.g. those the case page's actions need), so the
   * caller need not load the case again: a step does not change the case's unit and owner, which data scope
   * is decided on.
   */
  alsoAsk?: (m: MachineDef) => string[];
  /**
   * A select to end the step's timeline statement with (see `StepAnswer`): the step then writes and reads
   * back in one round trip. Not used for a step with an effect, whose writes come after that statement.
   */
  answer?: StepAnswer;
}

/** `transition`'s work inside the caller's transaction. */
export async function takeStep(
  ctx: Ctx,
  caseId: string,
  name: string,
  rawInput: unknown,
  expectedVersion?: number,
  opts: StepOptions = {},
): Promise<StepResult> {
  const {
    row,
    machine: m,
    allowed,
  } = await loadCase(ctx, caseId, {
    lock: true,
    permissions: (mm) => [
      ...(mm.transitions[name] ? [mm.transitions[name].permission] : []),
      ...(opts.alsoAsk?.(mm) ?? []),
    ],
  });
  const t = m.transitions[name];
  if (!t) throw notFound('WORKFLOW.TRANSITION_UNKNOWN', `${m.name}没有“${name}”这一步骤`);
  if (expectedVersion !== undefined && expectedVersion !== row.version)
    throw conflict('WORKFLOW.STALE', '案件已被他人更新，请刷新后重试');
  if (!t.from.includes(row.state))
    throw conflict(
      'WORKFLOW.WRONG_STATE',
      `案件当前为“${m.states[row.state]?.label ?? row.state}”，不能执行“${t.label}”`,
    );
  if (!allowed.has(t.permission)) throw forbidden('WORKFLOW.FORBIDDEN', `没有对该案件执行“${t.label}”的权限`);
  const input = (t.input ? parseInput(t.input, rawInput, '/body', 'WORKFLOW.INPUT_INVALID') : {}) as Record<
    string,
    unknown
  >;
  const records = t.guards?.some((g) => g.readsRecords) ? await loadRecords(ctx, row.id) : [];
  const failed = new ProblemCollector();
  for (const g of t.guards ?? []) {
    const gi = { ctx, caseId: row.id, state: row.state, data: row.data, input, records };
    if (g.when && !g.when(gi)) continue;
    const r = await g.check(gi);
    if (r === false) failed.add(`/guards/${g.name}`, g.message);
    else if (Array.isArray(r)) for (const p of r) failed.add(`/guards/${g.name}${p.pointer}`, p.detail);
  }
  if (failed.any)
    throw new DomainError(
      'WORKFLOW.GUARD_FAILED',
      'conflict',
      failed.errors.map((e) => e.detail).join('；'),
      failed.errors,
    );

  const data = t.apply ? t.apply(row.data, input) : row.data;
  const final = m.states[t.to]?.final ?? false;
  const updated: CaseRow = {
    ...row,
    state: t.to,
    data,
    version: row.version + 1,
    updatedAt: ctx.now,
    closedAt: final ? ctx.now : row.closedAt,
  };
  // The case row's update rides in front of the timeline and log insert (one statement, after the clocks').
  const answer = t.effect ? undefined : opts.answer;
  const rows = await applyClock(
    ctx,
    updated,
    m,
    t.clock?.(input, data) ?? [],
    [
      {
        kind: 'transition',
        name,
        label: t.label,
        fromState: row.state,
        toState: t.to,
        data: input,
        logKind: `${m.type}.${name}`,
      },
    ],
    { caseUpdate: true, answer },
  );
  // The step's own writes (e.g. the published-decision row), in the same transaction as the state change.
  if (t.effect) await t.effect(ctx, updated, input);
  return { row: updated, machine: m, allowed, answer: answer ? rows : null };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Files a note on another case's timeline (and the transparency log) for a service acting on that case's behalf,
 * e.g. the legality service files each review opinion on the case under review. In the caller's transaction; no
 * permission check (the caller's own step checked its permission) and no change of state. False when the tenant
 * has no such case.
 */
export async function noteOnCase(
  ctx: Ctx,
  caseId: string,
  note: { name: string; label: string; data: Record<string, unknown>; logKind: string },
): Promise<boolean> {
  if (!UUID.test(caseId)) return false;
  const [row] = await ctx.db
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, ctx.actor.tenantId), eq(cases.id, caseId)));
  const m = row ? getMachine(row.type) : undefined;
  if (!row || !m) return false;
  await addEvent(ctx, row as CaseRow, m, { kind: 'record', ...note });
  return true;
}

/** Adds a legality review, collective-discussion minutes or an approval to a case (guards read them). */
export function addRecord(ctx: Ctx, caseId: string, kind: RecordKind, raw: unknown) {
  return inTx(ctx, async (ctx) => {
    const {
      row,
      machine: m,
      allowed,
    } = await loadCase(ctx, caseId, {
      lock: true,
      permissions: (mm) => (mm.records?.[kind] ? [mm.records[kind].permission] : []),
    });
    const spec = m.records?.[kind];
    if (!spec) throw notFound('WORKFLOW.RECORD_UNKNOWN', `${m.name}不需要此类记录`);
    if (m.states[row.state]?.final) throw conflict('WORKFLOW.CLOSED', '案件已办结，不能再添加记录');
    if (!allowed.has(spec.permission))
      throw forbidden('WORKFLOW.FORBIDDEN', `没有为该案件添加“${spec.label}”的权限`);
    const data = parseInput(
      RECORD_SCHEMAS[kind] as z.ZodType<Record<string, unknown>>,
      raw,
      '/body',
      'WORKFLOW.INPUT_INVALID',
    );
    const id = newId();
    const outcome = recordOutcome(kind, data);
    await ctx.db.insert(caseRecords).values({
      tenantId: row.tenantId,
      id,
      caseId: row.id,
      kind,
      outcome,
      data,
      actorId: ctx.actor.userId,
      createdAt: ctx.now,
    });
    await addEvent(ctx, row, m, {
      kind: 'record',
      name: kind,
      label: `${spec.label}：${OUTCOME_LABELS[outcome] ?? outcome}`,
      data: { recordId: id, kind, ...data },
      logKind: `workflow.record.${kind}`,
    });
    return { id, kind, outcome, data, createdAt: ctx.now };
  });
}

export const OUTCOME_LABELS: Record<string, string> = {
  pass: '通过',
  'pass-with-changes': '修改后通过',
  fail: '不通过',
  approved: '同意',
  rejected: '不同意',
  deferred: '暂缓',
};
