/**
 * 抽查任务 and its publicly verifiable draw. Publishing a task freezes, before any randomness exists, the ordered
 * pool (entities of the directory in the actor's scope matching the filter, ordered by credit code; with the
 * SHA-256 of the codes), the count, and the public sources with the future date each value becomes known. The
 * draw then takes the values, refuses any source not yet due (or a task not published first), and runs RFC 3797
 * over the frozen pool. Both steps are in the transparency log; the portal shows every input and re-runs it.
 */
import { createHash } from 'node:crypto';
import { and, asc, type Column, desc, eq, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/index.ts';
import { conflict, forbidden, notFound, ProblemCollector } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { type Actor, type Ctx, inTx, logActorOf, scopeWhere } from '../../platform/access/index.ts';
import { isIsoDate } from '../../platform/calendar/index.ts';
import { appendLogEntry } from '../../platform/log/index.ts';
import { chinaDate } from '../../platform/workflow/index.ts';
import { gradesOf } from './grades.ts';
import { InspectionPermissions as P } from './inspection.permissions.ts';
import {
  type GradeRatios,
  inspectionPlans,
  inspectionTasks,
  marketEntities,
  type Redraw,
  type SourceSpec,
  type Stratum,
  type Team,
} from './inspection.tables.ts';
import { checkItems } from './plans.ts';
import { drawInputProblems, drawKey, MAX_PICK, MAX_SOURCES, rfc3797Draw } from './rfc3797.ts';
import { freezeRoster } from './roster.ts';
import { planStrata, stratifiedDraw } from './strata.ts';

const read = P['inspection.task.read'];
const manage = P['inspection.task.manage'];
const scope = { tenantId: inspectionTasks.tenantId, unitId: inspectionTasks.unitId };

export interface PublishTaskInput {
  title: string;
  /** One stratum of `pick` entities; or `ratios` per credit grade. */
  pick?: number | undefined;
  ratios?: GradeRatios | undefined;
  sources: SourceSpec[];
  townId?: string | undefined;
  industry?: string | undefined;
  planId?: string | undefined;
  itemIds?: string[] | undefined;
  jointUnitIds?: string[] | undefined;
  recuseTownOfficers?: boolean | undefined;
}

export interface TaskView {
  id: string;
  title: string;
  pick: number;
  poolSize: number;
  poolHash: string;
  sources: SourceSpec[];
  publishedAt: Date;
  status: string;
  sourceValues: string[] | null;
  selected: number[] | null;
  drawKey: string | null;
  drawnAt: Date | null;
  planId: string | null;
  itemIds: string[];
  jointUnitIds: string[];
  ratios: GradeRatios | null;
  strata: Stratum[];
  roster: string[];
  rosterIds: string[];
  recuseTownOfficers: boolean;
  inspectionDate: string | null;
  teams: Team[] | null;
  teamsDrawnAt: Date | null;
  redraws: Redraw[];
  unitId: string;
  canManage: boolean;
}

/** SHA-256 of the pool's credit codes, one per line: what anyone can recompute from the published list. */
export const poolHashOf = (codes: readonly string[]) =>
  createHash('sha256').update(codes.join('\n')).digest('hex');

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

export type TaskRow = typeof inspectionTasks.$inferSelect;
export const present = (r: TaskRow, canManage = false): TaskView => ({
  id: r.id,
  title: r.title,
  pick: r.pick,
  poolSize: json(r.poolIds).length,
  poolHash: r.poolHash,
  sources: json(r.sources),
  publishedAt: r.publishedAt,
  status: r.status,
  sourceValues: r.sourceValues === null ? null : json(r.sourceValues),
  selected: r.selected === null ? null : json(r.selected),
  drawKey: r.drawKey,
  drawnAt: r.drawnAt,
  planId: r.planId,
  itemIds: json(r.itemIds),
  jointUnitIds: json(r.jointUnitIds),
  ratios: r.ratios === null ? null : json(r.ratios),
  strata: json(r.strata),
  roster: json(r.rosterLabels),
  rosterIds: json(r.rosterIds),
  recuseTownOfficers: r.recuseTownOfficers,
  inspectionDate: r.inspectionDate,
  teams: r.teams === null ? null : json(r.teams),
  teamsDrawnAt: r.teamsDrawnAt,
  redraws: json(r.redraws ?? []),
  unitId: r.unitId,
  canManage,
});

export async function log(ctx: Ctx, kind: string, id: string, data: Record<string, unknown>) {
  await appendLogEntry(ctx.db, {
    tenantId: ctx.actor.tenantId,
    kind,
    actor: logActorOf(ctx.actor),
    subject: { type: 'inspection-task', id },
    data,
    requestId: ctx.requestId,
    at: ctx.now,
  });
}

/**
 * The tasks `actor` reaches with `permission`: its department's, and for reading also the joint tasks a
 * department in its scope cooperates in (部门联合抽查: results shared).
 */
export function taskScope(actor: Actor, permission: string, joint: boolean): SQL {
  const own = scopeWhere(actor, permission, scope);
  if (!joint) return own;
  const cooperating = scopeWhere(actor, permission, {
    tenantId: inspectionTasks.tenantId,
    unitId: sql.raw('(j.u)::uuid') as unknown as Column,
  });
  return or(
    own,
    sql`exists (select 1 from jsonb_array_elements_text(inspection_tasks.joint_unit_ids) as j(u) where ${cooperating})`,
  )!;
}

/** The tasks the actor may read, newest first (optionally those of one plan). */
export async function listTasks(ctx: Ctx, planId?: string): Promise<TaskView[]> {
  const rows = await ctx.db
    .select({ task: inspectionTasks, canManage: sql<boolean>`${scopeWhere(ctx.actor, manage, scope)}` })
    .from(inspectionTasks)
    .where(
      and(
        eq(inspectionTasks.tenantId, ctx.actor.tenantId),
        taskScope(ctx.actor, read, true),
        planId ? eq(inspectionTasks.planId, planId) : undefined,
      )!,
    )
    .orderBy(desc(inspectionTasks.publishedAt));
  return rows.map((r) => present(r.task, !!r.canManage));
}

export async function taskRow(ctx: Ctx, id: string): Promise<TaskRow & { canManage: boolean }> {
  const [r] = await ctx.db
    .select({ task: inspectionTasks, canManage: sql<boolean>`${scopeWhere(ctx.actor, manage, scope)}` })
    .from(inspectionTasks)
    .where(
      and(
        eq(inspectionTasks.tenantId, ctx.actor.tenantId),
        eq(inspectionTasks.id, id),
        taskScope(ctx.actor, read, true),
      )!,
    );
  if (!r) throw notFound('INSPECTION.TASK_NOT_FOUND', '抽查任务不存在或无权查看');
  return { ...r.task, canManage: !!r.canManage };
}

/** One task (404 outside the actor's read scope). */
export async function getTask(ctx: Ctx, id: string): Promise<TaskView> {
  const r = await taskRow(ctx, id);
  return present(r, r.canManage);
}

/**
 * Publishes a task: freezes its pool (with each entry's credit grade when sampling by grade) and the ordered
 * inspector roster, and announces its count(s) and future randomness sources.
 */
export function publishTask(ctx: Ctx, input: PublishTaskInput): Promise<TaskView> {
  return inTx(ctx, async (ctx) => {
    const check = new ProblemCollector();
    const today = chinaDate(ctx.now);
    if (input.sources.length === 0) check.add('/body/sources', '至少需要一个公开随机源');
    if (input.sources.length > MAX_SOURCES) check.add('/body/sources', `公开随机源最多${MAX_SOURCES}个`);
    input.sources.forEach((s, i) => {
      if (!isIsoDate(s.availableOn))
        check.add(`/body/sources/${i}/availableOn`, '须为有效日期（YYYY-MM-DD）');
      else if (s.availableOn <= today)
        check.add(`/body/sources/${i}/availableOn`, '随机源须在发布之后才产生（开奖日期须晚于今天）');
    });
    if ((input.pick === undefined) === (input.ratios === undefined))
      check.add('/body/pick', '须给出抽取数量（pick）或按信用等级的抽取比例（ratios），二者选一');
    if (!ctx.actor.unitId) throw forbidden('INSPECTION.FORBIDDEN', '未归属单位的账号不能发布抽查任务');
    const lead = ctx.actor.unitId;
    if (input.planId) {
      const [plan] = await ctx.db
        .select({ unitId: inspectionPlans.unitId })
        .from(inspectionPlans)
        .where(and(eq(inspectionPlans.tenantId, ctx.actor.tenantId), eq(inspectionPlans.id, input.planId))!);
      if (!plan) check.add('/body/planId', '抽查计划不存在');
      else if (plan.unitId !== lead) check.add('/body/planId', '只能在本单位的抽查计划下发布任务');
    }
    const itemIds = input.itemIds ?? [];
    await checkItems(ctx, itemIds, '/body/itemIds', check);
    const jointUnitIds = input.jointUnitIds ?? [];
    if (jointUnitIds.length > 0) {
      const found = await ctx.db.execute(
        sql`select id::text as id from units where tenant_id = ${ctx.actor.tenantId} and status = 'active' and id in (${sql.join(
          jointUnitIds.map((u) => sql`${u}::uuid`),
          sql`, `,
        )})`,
      );
      const ids = new Set((found as unknown as { rows: { id: string }[] }).rows.map((r) => r.id));
      jointUnitIds.forEach((u, i) => {
        if (u === lead) check.add(`/body/jointUnitIds/${i}`, '牵头部门不必再列为配合部门');
        else if (!ids.has(u)) check.add(`/body/jointUnitIds/${i}`, '配合部门不存在或已停用');
        else if (jointUnitIds.indexOf(u) !== i) check.add(`/body/jointUnitIds/${i}`, '配合部门重复');
      });
    }
    const conds: SQL[] = [
      eq(marketEntities.tenantId, ctx.actor.tenantId),
      eq(marketEntities.status, 'active'),
      scopeWhere(ctx.actor, P['inspection.directory.read'], {
        tenantId: marketEntities.tenantId,
        unitId: marketEntities.unitId,
      }),
    ];
    if (input.townId) conds.push(eq(marketEntities.townId, input.townId));
    if (input.industry) conds.push(eq(marketEntities.industry, input.industry));
    const pool = await ctx.db
      .select({ id: marketEntities.id, uscc: marketEntities.uscc })
      .from(marketEntities)
      .where(and(...conds)!)
      .orderBy(asc(marketEntities.uscc));
    const codes = pool.map((p) => p.uscc);
    let grades: string[] | null = null;
    let strata: Stratum[] = [];
    let pick = input.pick ?? 0;
    if (pool.length === 0) check.add('/body', '按所选范围，名录库中没有可抽取的存续市场主体');
    else if (input.ratios) {
      grades = await gradesOf(ctx, codes);
      strata = planStrata(grades, input.ratios);
      pick = strata.reduce((n, s) => n + s.pick, 0);
      for (const s of strata)
        if (s.pick > MAX_PICK) check.add(`/body/ratios/${s.grade}`, `每一层最多抽取${MAX_PICK}个`);
      if (pick === 0) check.add('/body/ratios', '按所给比例一个也抽不到，请提高比例');
    } else if (input.pick !== undefined && (input.pick > pool.length || input.pick > MAX_PICK))
      check.add('/body/pick', `抽取数量（${input.pick}）不能超过抽取池的数量（${pool.length}）`);
    check.throwIfAny('INSPECTION.TASK_INVALID');
    const roster = await freezeRoster(ctx, [lead, ...jointUnitIds], today);
    const id = newId();
    const values = {
      title: input.title,
      pick,
      poolIds: pool.map((p) => p.id),
      poolCodes: codes,
      poolHash: poolHashOf(codes),
      sources: input.sources,
      planId: input.planId ?? null,
      itemIds,
      jointUnitIds,
      ratios: input.ratios ?? null,
      poolGrades: grades,
      strata,
      rosterIds: roster.map((r) => r.userId),
      rosterLabels: roster.map((r) => r.label),
      recuseTownOfficers: input.recuseTownOfficers ?? false,
    };
    await ctx.db.insert(inspectionTasks).values({
      tenantId: ctx.actor.tenantId,
      id,
      unitId: lead,
      ...values,
      publishedAt: ctx.now,
      status: 'published',
    });
    const task = await taskRow(ctx, id);
    if (!task.canManage) throw forbidden('INSPECTION.FORBIDDEN', '无权发布抽查任务');
    await log(ctx, 'inspection.task.published', id, {
      title: values.title,
      pick: values.pick,
      poolSize: codes.length,
      poolHash: values.poolHash,
      sources: values.sources,
      planId: values.planId,
      itemIds,
      jointUnitIds,
      ratios: values.ratios,
      strata: strata.map(({ grade, size, pick }) => ({ grade, size, pick })),
      roster: values.rosterLabels,
      recuseTownOfficers: values.recuseTownOfficers,
    });
    return present(task, true);
  });
}

/** The draw: one RFC 3797 draw over the pool, or one per credit-grade stratum with the same sources. */
export function runDraw(
  task: Pick<TaskRow, 'poolIds' | 'pick' | 'poolGrades' | 'strata'>,
  sourceValues: string[],
): { key: string; selected: number[]; strata: Stratum[] } {
  const key = drawKey(sourceValues);
  if (task.poolGrades === null) {
    const r = rfc3797Draw({ pool: json(task.poolIds).length, pick: task.pick, sources: sourceValues });
    return { key, selected: r.selected, strata: [] };
  }
  const r = stratifiedDraw(json(task.poolGrades), json(task.strata), sourceValues);
  return { key, selected: r.selected, strata: r.strata as Stratum[] };
}

/** Enters the published sources' values and runs RFC 3797 over the frozen pool. */
export function drawTask(ctx: Ctx, id: string, sourceValues: string[]): Promise<TaskView> {
  return inTx(ctx, async (ctx) => {
    const task = await taskRow(ctx, id);
    if (!task.canManage) throw forbidden('INSPECTION.FORBIDDEN', '无权对该任务进行抽取');
    if (task.status !== 'published')
      throw conflict('INSPECTION.ALREADY_DRAWN', '该任务已经抽取，不能重复抽取');
    const sources = json(task.sources);
    const check = new ProblemCollector();
    if (sourceValues.length !== sources.length)
      check.add('/body/sourceValues', `须按公布的顺序给出全部${sources.length}个随机源的值`);
    const pool = json(task.poolIds).length;
    for (const p of drawInputProblems({ pool, pick: Math.max(1, task.pick), sources: sourceValues }))
      if (p.pointer.startsWith('/sources/')) check.add(`/body/sourceValues/${p.pointer.slice(9)}`, p.detail);
    check.throwIfAny('INSPECTION.DRAW_INVALID');
    const today = chinaDate(ctx.now);
    const early = sources.filter((s) => s.availableOn > today);
    if (early.length > 0)
      throw conflict(
        'INSPECTION.SOURCE_NOT_YET_PUBLIC',
        `随机源“${early[0]!.description}”要到${early[0]!.availableOn}才产生，此前不能抽取`,
      );
    if (!(task.publishedAt < ctx.now))
      throw conflict('INSPECTION.NOT_PUBLISHED_BEFORE', '抽取参数须在抽取之前公布');
    const result = runDraw(task, sourceValues);
    await ctx.db
      .update(inspectionTasks)
      .set({
        sourceValues,
        selected: result.selected,
        strata: result.strata,
        drawKey: result.key,
        drawnAt: ctx.now,
        status: 'drawn',
      })
      .where(and(eq(inspectionTasks.tenantId, ctx.actor.tenantId), eq(inspectionTasks.id, id)));
    await log(ctx, 'inspection.task.drawn', id, {
      poolHash: task.poolHash,
      sourceValues,
      key: result.key,
      selected: result.selected,
      strata: result.strata,
    });
    return getTask(ctx, id);
  });
}

/** A task as the portal shows it: every input of the draw, the pool's codes and names, and a re-run check. */
export async function publicDraws(db: Db, tenantId: string) {
  const rows = await db
    .select()
    .from(inspectionTasks)
    .where(eq(inspectionTasks.tenantId, tenantId))
    .orderBy(desc(inspectionTasks.publishedAt));
  return rows.map((r) => {
    const v = present(r);
    return {
      id: v.id,
      title: v.title,
      pick: v.pick,
      poolSize: v.poolSize,
      poolHash: v.poolHash,
      sources: v.sources,
      publishedAt: v.publishedAt,
      status: v.status,
      sourceValues: v.sourceValues,
      selected: v.selected,
      drawnAt: v.drawnAt,
    };
  });
}

/** One public draw with its pool (credit codes in order) and the server's own re-run of RFC 3797. */
export async function publicDraw(db: Db, tenantId: string, id: string) {
  const [r] = await db
    .select()
    .from(inspectionTasks)
    .where(and(eq(inspectionTasks.tenantId, tenantId), eq(inspectionTasks.id, id))!);
  if (!r) throw notFound('INSPECTION.TASK_NOT_FOUND', '抽查任务不存在');
  const v = present(r);
  const poolCodes = json(r.poolCodes);
  const rerun = v.sourceValues ? runDraw(r, v.sourceValues) : null;
  return {
    id: v.id,
    title: v.title,
    pick: v.pick,
    poolSize: v.poolSize,
    poolHash: v.poolHash,
    poolHashMatches: poolHashOf(poolCodes) === v.poolHash,
    poolCodes,
    sources: v.sources,
    publishedAt: v.publishedAt,
    status: v.status,
    sourceValues: v.sourceValues,
    drawKey: v.drawKey,
    selected: v.selected,
    selectedCodes: v.selected ? v.selected.map((p) => poolCodes[p - 1]!) : null,
    drawnAt: v.drawnAt,
    verified: rerun ? JSON.stringify(rerun.selected) === JSON.stringify(v.selected) : null,
  };
}
