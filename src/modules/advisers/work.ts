/**
 * 工作台账 and 列席会议: the work an adviser did for a unit (决策审查, 合同审查, 诉讼代理, 文件起草, 法律咨询, 其他) and the
 * executive meetings an adviser attended. Both belong to the unit served (the meeting's unit): `advisers.work.read`
 * scope on that unit decides who sees them (a unit its own advisers' work, the justice bureau all of it), and
 * `advisers.work.record` scope who records them. A work item is never deleted: it is voided with a reason.
 *
 * The list filters (year, month, adviser, kind, unit) are the statistics' groups, so every figure on the statistics
 * page drills down to exactly the items it counts (stats.ts builds its figures from `workWhere`).
 */
import { type SQL, sql } from 'drizzle-orm';
import { queryRows } from '../../kernel/db/index.ts';
import { conflict, forbidden, notFound, ProblemCollector } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { type Ctx, inTx, logActorOf, scopeWhere } from '../../platform/access/index.ts';
import { appendLogEntry } from '../../platform/log/index.ts';
import { chinaDate } from '../../platform/workflow/index.ts';
import { REF_TYPES, type RefType, WORK_KINDS, type WorkKind } from './advisers.kinds.ts';
import { AdvisersPermissions as P } from './advisers.permissions.ts';
import { col, type Page, reachesUnit, unitOf } from './roster.ts';

const READ = P['advisers.work.read'];
const RECORD = P['advisers.work.record'];

export interface WorkFilter {
  year?: number | undefined;
  /** 1–12, with `year`. */
  month?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  adviserId?: string | undefined;
  kind?: WorkKind | undefined;
  unitId?: string | undefined;
  q?: string | undefined;
  /** Include voided items (the default lists recorded ones only). */
  includeVoided?: boolean | undefined;
}

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Bounds of a year or a month of it, as ISO dates (inclusive). */
export function periodOf(f: {
  year?: number | undefined;
  month?: number | undefined;
}): [string, string] | null {
  if (!f.year) return null;
  if (!f.month) return [`${f.year}-01-01`, `${f.year}-12-31`];
  const mm = String(f.month).padStart(2, '0');
  const last = new Date(Date.UTC(f.year, f.month, 0)).getUTCDate();
  return [`${f.year}-${mm}-01`, `${f.year}-${mm}-${last}`];
}

/** The condition behind the work-item list and every statistics figure (alias `w`). */
export function workWhere(ctx: Ctx, f: WorkFilter): SQL {
  const parts: SQL[] = [
    sql`w.tenant_id = ${ctx.actor.tenantId}`,
    scopeWhere(ctx.actor, READ, { tenantId: col('w.tenant_id'), unitId: col('w.unit_id') }),
  ];
  if (!f.includeVoided) parts.push(sql`w.status = 'recorded'`);
  const period = periodOf(f);
  if (period) parts.push(sql`w.done_on between ${period[0]} and ${period[1]}`);
  if (f.from) parts.push(sql`w.done_on >= ${f.from}`);
  if (f.to) parts.push(sql`w.done_on <= ${f.to}`);
  if (f.adviserId) parts.push(sql`w.adviser_id = ${f.adviserId}`);
  if (f.kind) parts.push(sql`w.kind = ${f.kind}`);
  if (f.unitId) parts.push(sql`w.unit_id = ${f.unitId}`);
  if (f.q) parts.push(sql`(w.title ilike ${like(f.q)} or coalesce(w.outcome, '') ilike ${like(f.q)})`);
  return sql.join(parts, sql` and `);
}

export interface WorkItemView {
  id: string;
  adviserId: string;
  adviserName: string;
  unitId: string;
  unitName: string;
  kind: WorkKind;
  kindLabel: string;
  doneOn: string;
  title: string;
  hours: number | null;
  outcome: string | null;
  refType: RefType | null;
  refId: string | null;
  status: 'recorded' | 'voided';
  voidReason: string | null;
  recordedByName: string | null;
  canManage: boolean;
}

type WorkRow = Omit<WorkItemView, 'kindLabel'>;

const workSelect = (ctx: Ctx) => sql`select w.id, w.adviser_id as "adviserId", a.name as "adviserName",
    w.unit_id as "unitId", u.name as "unitName", w.kind, w.done_on::text as "doneOn", w.title,
    w.hours::float8 as hours, w.outcome, w.ref_type as "refType", w.ref_id as "refId", w.status,
    w.void_reason as "voidReason",
    (select r.display_name from users r where r.tenant_id = w.tenant_id and r.id = w.recorded_by) as "recordedByName",
    ${scopeWhere(ctx.actor, RECORD, { tenantId: col('w.tenant_id'), unitId: col('w.unit_id') })} as "canManage"
  from adviser_work_items w
  join advisers a on a.tenant_id = w.tenant_id and a.id = w.adviser_id
  join units u on u.tenant_id = w.tenant_id and u.id = w.unit_id`;

const presentWork = (r: WorkRow): WorkItemView => ({
  ...r,
  kindLabel: WORK_KINDS[r.kind] ?? r.kind,
  hours: r.hours === null ? null : Number(r.hours),
  canManage: !!r.canManage,
});

/** Work items in scope, newest first, one page at a time. */
export async function listWorkItems(
  ctx: Ctx,
  f: WorkFilter & { page: number; pageSize: number },
): Promise<Page<WorkItemView> & { hours: number }> {
  const where = workWhere(ctx, f);
  const [rows, [total]] = await Promise.all([
    queryRows<WorkRow>(
      ctx.db,
      sql`${workSelect(ctx)} where ${where} order by w.done_on desc, w.created_at desc, w.id
        limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
    ),
    queryRows<{ n: number; hours: number | null }>(
      ctx.db,
      sql`select count(*)::int as n, coalesce(sum(w.hours), 0)::float8 as hours from adviser_work_items w where ${where}`,
    ),
  ]);
  return { items: rows.map(presentWork), total: Number(total?.n ?? 0), hours: Number(total?.hours ?? 0) };
}

/** Every work item of a filter (the spreadsheet export; at most `limit`). */
export async function allWorkItems(ctx: Ctx, f: WorkFilter, limit = 50_000): Promise<WorkItemView[]> {
  const rows = await queryRows<WorkRow>(
    ctx.db,
    sql`${workSelect(ctx)} where ${workWhere(ctx, f)} order by w.done_on, w.created_at, w.id limit ${limit}`,
  );
  return rows.map(presentWork);
}

/** One work item (voided ones too), or 404 outside the actor's scope. */
export async function getWorkItem(ctx: Ctx, id: string): Promise<WorkItemView> {
  const [r] = await queryRows<WorkRow>(
    ctx.db,
    sql`${workSelect(ctx)} where ${workWhere(ctx, { includeVoided: true })} and w.id = ${id}`,
  );
  if (!r) throw notFound('ADVISERS.WORK_NOT_FOUND', '工作事项不存在或无权查看');
  return presentWork(r);
}

export interface WorkItemInput {
  adviserId: string;
  unitId: string;
  kind: WorkKind;
  doneOn: string;
  title: string;
  hours?: number | null | undefined;
  outcome?: string | null | undefined;
  refType?: RefType | null | undefined;
  refId?: string | null | undefined;
}

/** Whether the adviser served the unit on the day (an assignment covering it). */
async function servedOn(ctx: Ctx, adviserId: string, unitId: string, day: string): Promise<boolean> {
  const [r] = await queryRows<{ id: string }>(
    ctx.db,
    sql`select id from adviser_assignments where tenant_id = ${ctx.actor.tenantId} and adviser_id = ${adviserId}
      and unit_id = ${unitId} and valid_from <= ${day} and (valid_to is null or valid_to >= ${day}) limit 1`,
  );
  return !!r;
}

/**
 * The checks shared by the single-item command and the spreadsheet import: the adviser is on the roster, the unit
 * exists, the day is not in the future, the adviser served the unit that day, a reference has both parts.
 */
export async function checkWorkItem(
  ctx: Ctx,
  v: WorkItemInput,
  check: ProblemCollector,
  p: (field: string) => string,
): Promise<void> {
  const today = chinaDate(ctx.now);
  const [adviser] = await queryRows<{ name: string }>(
    ctx.db,
    sql`select name from advisers where tenant_id = ${ctx.actor.tenantId} and id = ${v.adviserId}`,
  );
  if (!adviser) check.add(p('adviserId'), '法律顾问不在名册中');
  const unit = await unitOf(ctx, v.unitId);
  if (!unit) check.add(p('unitId'), '服务单位不存在');
  if (v.doneOn > today) check.add(p('doneOn'), '办理日期不能晚于今天');
  if (adviser && unit && v.doneOn <= today && !(await servedOn(ctx, v.adviserId, v.unitId, v.doneOn)))
    check.add(p('unitId'), `${adviser.name}在${v.doneOn}未配备到${unit.name}，请先在名册中登记配备`);
  if (v.refType && !v.refId) check.add(p('refId'), `请填写关联的${REF_TYPES[v.refType]}编号`);
  if (v.refId && !v.refType) check.add(p('refType'), '请选择关联记录的类型');
}

/** Inserts a work item and its log entry (in the caller's transaction); returns the id. */
export async function insertWorkItem(ctx: Ctx, v: WorkItemInput): Promise<string> {
  const id = newId();
  await ctx.db.execute(sql`insert into adviser_work_items (tenant_id, id, adviser_id, unit_id, kind, done_on, title,
      hours, outcome, ref_type, ref_id, status, recorded_by, created_at, updated_at)
    values (${ctx.actor.tenantId}, ${id}, ${v.adviserId}, ${v.unitId}, ${v.kind}, ${v.doneOn}, ${v.title},
      ${v.hours ?? null}, ${v.outcome ?? null}, ${v.refType ?? null}, ${v.refId ?? null}, 'recorded',
      ${ctx.actor.userId}, ${ctx.now}, ${ctx.now})`);
  await appendLogEntry(ctx.db, {
    tenantId: ctx.actor.tenantId,
    kind: 'advisers.work.recorded',
    actor: logActorOf(ctx.actor),
    subject: { type: 'adviser-work-item', id },
    after: {
      adviserId: v.adviserId,
      unitId: v.unitId,
      kind: v.kind,
      doneOn: v.doneOn,
      title: v.title,
      hours: v.hours ?? null,
      outcome: v.outcome ?? null,
      refType: v.refType ?? null,
      refId: v.refId ?? null,
    },
    requestId: ctx.requestId,
    at: ctx.now,
  });
  return id;
}

/** Records a work item for a unit in the actor's `advisers.work.record` scope (403 outside it). */
export function createWorkItem(ctx: Ctx, input: WorkItemInput): Promise<WorkItemView> {
  return inTx(ctx, async (ctx) => {
    const check = new ProblemCollector();
    await checkWorkItem(ctx, input, check, (f) => `/body/${f}`);
    check.throwIfAny('ADVISERS.WORK_INVALID');
    if (!(await reachesUnit(ctx, RECORD, input.unitId)))
      throw forbidden('ADVISERS.WORK_FORBIDDEN', '只能登记本单位（及下级单位）法律顾问的工作事项');
    const id = await insertWorkItem(ctx, input);
    return getWorkItem(ctx, id);
  });
}

/** Voids a recorded work item with a reason (the row stays, out of every figure). */
export function voidWorkItem(ctx: Ctx, id: string, reason: string): Promise<WorkItemView> {
  return inTx(ctx, async (ctx) => {
    const item = await getWorkItem(ctx, id);
    if (!item.canManage) throw forbidden('ADVISERS.WORK_FORBIDDEN', '无权撤销该单位的工作事项');
    if (item.status === 'voided') throw conflict('ADVISERS.WORK_VOIDED', '该工作事项已撤销');
    await ctx.db.execute(sql`update adviser_work_items set status = 'voided', void_reason = ${reason},
        updated_at = ${ctx.now} where tenant_id = ${ctx.actor.tenantId} and id = ${id}`);
    await appendLogEntry(ctx.db, {
      tenantId: ctx.actor.tenantId,
      kind: 'advisers.work.voided',
      actor: logActorOf(ctx.actor),
      subject: { type: 'adviser-work-item', id },
      before: { status: 'recorded' },
      after: { status: 'voided', reason },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return getWorkItem(ctx, id);
  });
}

// ---------------------------------------------------------------- executive meetings

export interface MeetingFilter {
  year?: number | undefined;
  month?: number | undefined;
  adviserId?: string | undefined;
  unitId?: string | undefined;
}

export interface MeetingView {
  id: string;
  unitId: string;
  unitName: string;
  adviserId: string;
  adviserName: string;
  meetingOn: string;
  meetingName: string;
  topics: string[];
  opinion: string;
  recordedByName: string | null;
}

/** The condition behind the meeting list and the attendance figures (alias `m`). */
export function meetingWhere(ctx: Ctx, f: MeetingFilter): SQL {
  const parts: SQL[] = [
    sql`m.tenant_id = ${ctx.actor.tenantId}`,
    scopeWhere(ctx.actor, READ, { tenantId: col('m.tenant_id'), unitId: col('m.unit_id') }),
  ];
  const period = periodOf(f);
  if (period) parts.push(sql`m.meeting_on between ${period[0]} and ${period[1]}`);
  if (f.adviserId) parts.push(sql`m.adviser_id = ${f.adviserId}`);
  if (f.unitId) parts.push(sql`m.unit_id = ${f.unitId}`);
  return sql.join(parts, sql` and `);
}

const meetingSelect = sql`select m.id, m.unit_id as "unitId", u.name as "unitName", m.adviser_id as "adviserId",
    a.name as "adviserName", m.meeting_on::text as "meetingOn", m.meeting_name as "meetingName", m.topics,
    m.opinion, (select r.display_name from users r where r.tenant_id = m.tenant_id and r.id = m.recorded_by) as "recordedByName"
  from adviser_meetings m
  join advisers a on a.tenant_id = m.tenant_id and a.id = m.adviser_id
  join units u on u.tenant_id = m.tenant_id and u.id = m.unit_id`;

/** Meeting attendance in scope, newest first. */
export async function listMeetings(
  ctx: Ctx,
  f: MeetingFilter & { page: number; pageSize: number },
): Promise<Page<MeetingView>> {
  const where = meetingWhere(ctx, f);
  const [rows, [total]] = await Promise.all([
    queryRows<MeetingView>(
      ctx.db,
      sql`${meetingSelect} where ${where} order by m.meeting_on desc, m.meeting_name, a.name, m.id
        limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
    ),
    queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from adviser_meetings m where ${where}`),
  ]);
  return { items: rows, total: Number(total?.n ?? 0) };
}

export interface MeetingInput {
  unitId: string;
  adviserIds: string[];
  meetingOn: string;
  meetingName: string;
  topics: string[];
  opinion: string;
}

/**
 * Records that advisers attended an executive meeting (列席): one row per adviser, each with the topics and the
 * opinion given. Every adviser must be on the roster (and not 解聘) and serve the meeting's unit on the day.
 */
export function recordMeeting(ctx: Ctx, input: MeetingInput): Promise<MeetingView[]> {
  return inTx(ctx, async (ctx) => {
    const check = new ProblemCollector();
    const today = chinaDate(ctx.now);
    const unit = await unitOf(ctx, input.unitId);
    if (!unit) check.add('/body/unitId', '召开会议的单位不存在');
    if (input.meetingOn > today) check.add('/body/meetingOn', '会议日期不能晚于今天');
    const seen = new Set<string>();
    for (const [i, adviserId] of input.adviserIds.entries()) {
      const p = `/body/adviserIds/${i}`;
      if (seen.has(adviserId)) {
        check.add(p, '同一法律顾问重复填写');
        continue;
      }
      seen.add(adviserId);
      const [a] = await queryRows<{ name: string; status: string }>(
        ctx.db,
        sql`select name, status from advisers where tenant_id = ${ctx.actor.tenantId} and id = ${adviserId}`,
      );
      if (!a) {
        check.add(p, '法律顾问不在名册中');
        continue;
      }
      if (unit && input.meetingOn <= today && !(await servedOn(ctx, adviserId, unit.id, input.meetingOn)))
        check.add(p, `${a.name}在${input.meetingOn}未配备到${unit.name}`);
      const [dup] = await queryRows<{ id: string }>(
        ctx.db,
        sql`select id from adviser_meetings where tenant_id = ${ctx.actor.tenantId} and adviser_id = ${adviserId}
          and unit_id = ${input.unitId} and meeting_on = ${input.meetingOn} and meeting_name = ${input.meetingName}`,
      );
      if (dup) check.add(p, `${a.name}列席该会议已登记`);
    }
    check.throwIfAny('ADVISERS.MEETING_INVALID');
    if (!(await reachesUnit(ctx, RECORD, unit!.id)))
      throw forbidden('ADVISERS.MEETING_FORBIDDEN', '只能登记本单位（及下级单位）会议的列席情况');
    const ids: string[] = [];
    for (const adviserId of input.adviserIds) {
      const id = newId();
      ids.push(id);
      await ctx.db.execute(sql`insert into adviser_meetings (tenant_id, id, unit_id, adviser_id, meeting_on,
          meeting_name, topics, opinion, recorded_by, created_at)
        values (${ctx.actor.tenantId}, ${id}, ${unit!.id}, ${adviserId}, ${input.meetingOn}, ${input.meetingName},
          ${sql`array[${sql.join(
            input.topics.map((t) => sql`${t}`),
            sql`, `,
          )}]::text[]`}, ${input.opinion}, ${ctx.actor.userId}, ${ctx.now})`);
      await appendLogEntry(ctx.db, {
        tenantId: ctx.actor.tenantId,
        kind: 'advisers.meeting.recorded',
        actor: logActorOf(ctx.actor),
        subject: { type: 'adviser-meeting', id },
        after: {
          unitId: unit!.id,
          adviserId,
          meetingOn: input.meetingOn,
          meetingName: input.meetingName,
          topics: input.topics,
          opinion: input.opinion,
        },
        requestId: ctx.requestId,
        at: ctx.now,
      });
    }
    return queryRows<MeetingView>(
      ctx.db,
      sql`${meetingSelect} where m.tenant_id = ${ctx.actor.tenantId} and m.id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}) order by a.name`,
    );
  });
}
