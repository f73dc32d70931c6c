/**
 * 检查人员随机匹配 (inspector teams) and 回避登记 (declared conflicts).
 *
 * For each drawn entity, in draw order, the roster frozen at publication is put in an RFC 3797 order with the
 * task's published source values plus the entity's credit code as one more source (so each entity gets its own
 * order, and anyone can repeat it); the first `teamSize` officers in that order who hold a valid credential on
 * the inspection date, have declared no conflict with the entity and (when the task says so) do not work in the
 * entity's own 镇/街道 form its team. The officers passed over are published with the reason. A task where any
 * entity would get fewer than `teamSize` (at least two) inspectors is refused, listing every such entity.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { conflict, DomainError, forbidden, notFound, ProblemCollector } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { type Ctx, inTx, logActorOf, scopeWhere } from '../../platform/access/index.ts';
import { isIsoDate } from '../../platform/calendar/index.ts';
import { appendLogEntry } from '../../platform/log/index.ts';
import { chinaDate } from '../../platform/workflow/index.ts';
import { validOfficers } from '../enforcement/index.ts';
import { InspectionPermissions as P } from './inspection.permissions.ts';
import {
  inspectionConflicts,
  inspectionResults,
  inspectionTasks,
  marketEntities,
  type Redraw,
  type Team,
} from './inspection.tables.ts';
import { townsOfUsers } from './roster.ts';
import { redrawOrder, rosterOrder } from './strata.ts';
import { getTask, log, type TaskView, taskRow } from './tasks.ts';

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

export const SKIP_REASONS = {
  credential: '执法证在检查日不可用',
  conflict: '已申报回避',
  town: '属地回避（本镇街执法人员）',
} as const;

type Screen = (userId: string, entityId: string) => string | null;

/** Why an officer cannot be on an entity's team (null: can be). */
function screener(
  recuseTown: boolean,
  usable: Set<string>,
  conflicted: Set<string>,
  userTowns: Map<string, string>,
  entityTowns: Map<string, string>,
): Screen {
  return (userId, entityId) =>
    !usable.has(userId)
      ? SKIP_REASONS.credential
      : conflicted.has(`${userId}/${entityId}`)
        ? SKIP_REASONS.conflict
        : recuseTown && userTowns.get(userId) === entityTowns.get(entityId)
          ? SKIP_REASONS.town
          : null;
}

/** Walks a roster order until `teamSize` officers pass the screen; the ones passed over are kept with why. */
function walk(
  order: readonly number[],
  roster: readonly string[],
  entityId: string,
  teamSize: number,
  screen: Screen,
) {
  const out: Pick<Team, 'inspectors' | 'skipped'> = { inspectors: [], skipped: [] };
  for (const r of order) {
    if (out.inspectors.length === teamSize) break;
    const userId = roster[r - 1]!;
    const reason = screen(userId, entityId);
    if (reason) out.skipped.push({ userId, reason });
    else out.inspectors.push(userId);
  }
  return out;
}

function shortMessage(
  code: string,
  team: Pick<Team, 'inspectors' | 'skipped'>,
  teamSize: number,
  rosterSize: number,
) {
  const count = (why: string) => team.skipped.filter((s) => s.reason === why).length;
  return (
    `${code}：可用检查人员${team.inspectors.length}名，不足${teamSize}名（名录${rosterSize}人，` +
    `执法证在检查日不可用${count(SKIP_REASONS.credential)}人，申报回避${count(SKIP_REASONS.conflict)}人，` +
    `属地回避${count(SKIP_REASONS.town)}人）`
  );
}

/** Draws the inspector teams of a drawn task for its inspection date. */
export function drawTeams(
  ctx: Ctx,
  id: string,
  input: { inspectionDate: string; teamSize?: number | undefined },
): Promise<TaskView> {
  return inTx(ctx, async (ctx) => {
    const task = await taskRow(ctx, id);
    if (!task.canManage) throw forbidden('INSPECTION.FORBIDDEN', '无权为该任务分派检查人员');
    const check = new ProblemCollector();
    const today = chinaDate(ctx.now);
    if (!isIsoDate(input.inspectionDate)) check.add('/body/inspectionDate', '须为有效日期（YYYY-MM-DD）');
    else if (input.inspectionDate < today) check.add('/body/inspectionDate', '检查日期不能早于今天');
    check.throwIfAny('INSPECTION.TEAMS_INVALID');
    if (task.status === 'published')
      throw conflict('INSPECTION.NOT_DRAWN', '须先抽取检查对象，再匹配检查人员');
    if (task.status !== 'drawn')
      throw conflict('INSPECTION.TEAMS_DRAWN', '该任务已匹配检查人员，不能重复匹配');
    const teamSize = input.teamSize ?? 2;
    const roster = json(task.rosterIds);
    const poolIds = json(task.poolIds);
    const poolCodes = json(task.poolCodes);
    const selected = json(task.selected ?? []);
    const sourceValues = json(task.sourceValues ?? []);
    const entityIds = selected.map((p) => poolIds[p - 1]!);
    const { valid } = await validOfficers(ctx, roster, input.inspectionDate);
    const usable = new Set(valid);
    const conflicts =
      entityIds.length === 0
        ? []
        : await ctx.db
            .select({ userId: inspectionConflicts.userId, entityId: inspectionConflicts.entityId })
            .from(inspectionConflicts)
            .where(
              and(
                eq(inspectionConflicts.tenantId, ctx.actor.tenantId),
                inArray(inspectionConflicts.entityId, entityIds),
              )!,
            );
    const conflicted = new Set(conflicts.map((c) => `${c.userId}/${c.entityId}`));
    const userTowns = task.recuseTownOfficers ? await townsOfUsers(ctx, roster) : new Map<string, string>();
    const entityTowns = new Map<string, string>();
    if (task.recuseTownOfficers && entityIds.length > 0) {
      const rows = await ctx.db
        .select({ id: marketEntities.id, townId: marketEntities.townId })
        .from(marketEntities)
        .where(and(eq(marketEntities.tenantId, ctx.actor.tenantId), inArray(marketEntities.id, entityIds))!);
      for (const r of rows) entityTowns.set(r.id, r.townId);
    }
    const screen = screener(task.recuseTownOfficers, usable, conflicted, userTowns, entityTowns);
    const teams: Team[] = [];
    const short = new ProblemCollector();
    selected.forEach((position, i) => {
      const entityId = entityIds[i]!;
      const code = poolCodes[position - 1]!;
      const team: Team = {
        position,
        entityId,
        ...walk(rosterOrder(roster.length, sourceValues, code), roster, entityId, teamSize, screen),
      };
      if (team.inspectors.length < teamSize)
        short.add(`/teams/${code}`, shortMessage(code, team, teamSize, roster.length));
      teams.push(team);
    });
    if (short.any)
      throw new DomainError(
        'INSPECTION.TEAM_TOO_SMALL',
        'conflict',
        `有${short.errors.length}个检查对象匹配不到${teamSize}名以上持有效执法证且无须回避的检查人员`,
        short.errors,
      );
    await ctx.db
      .update(inspectionTasks)
      .set({ teams, inspectionDate: input.inspectionDate, teamsDrawnAt: ctx.now, status: 'teamed' })
      .where(and(eq(inspectionTasks.tenantId, ctx.actor.tenantId), eq(inspectionTasks.id, id)));
    await log(ctx, 'inspection.task.teamed', id, {
      inspectionDate: input.inspectionDate,
      teamSize,
      teams: teams.map((t) => ({
        position: t.position,
        inspectors: t.inspectors,
        skipped: t.skipped,
      })),
    });
    return getTask(ctx, id);
  });
}

export const REDRAW_CAUSES = {
  conflict: '检查人员申报回避',
  credential: '检查人员执法证不可用',
  other: '其他原因（如因病、调离）',
} as const;
export type RedrawCause = keyof typeof REDRAW_CAUSES;

/**
 * 单组重新匹配: draws one entity's team again after the teams were drawn, when a member declared a conflict or
 * lost the credential (checked: the cause must hold for a current member) or for another recorded reason. The
 * roster order is `redrawOrder` (the task's source values, the entity's credit code and the re-draw's published
 * sequence number), screened as on the first draw on the task's inspection date; the team keeps its size. Refused
 * once the entity's result is recorded. The previous team, the cause and the reason are kept and logged; the
 * portal shows the re-draw and the verify page repeats it.
 */
export function redrawTeam(
  ctx: Ctx,
  id: string,
  entityId: string,
  input: { cause: RedrawCause; reason: string },
): Promise<TaskView> {
  return inTx(ctx, async (ctx) => {
    const task = await taskRow(ctx, id);
    if (!task.canManage) throw forbidden('INSPECTION.FORBIDDEN', '无权为该任务重新匹配检查人员');
    const check = new ProblemCollector();
    if (!(input.cause in REDRAW_CAUSES))
      check.add('/body/cause', '重新匹配原因须为 conflict、credential 或 other');
    if (!input.reason.trim()) check.add('/body/reason', '请填写重新匹配的理由');
    check.throwIfAny('INSPECTION.REDRAW_INVALID');
    if (task.status !== 'teamed' || !task.teams)
      throw conflict('INSPECTION.NO_TEAMS', '该任务尚未匹配检查人员，不能重新匹配');
    // The task row lock: two re-draws of one task get consecutive numbers.
    await ctx.db
      .select({ id: inspectionTasks.id })
      .from(inspectionTasks)
      .where(and(eq(inspectionTasks.tenantId, ctx.actor.tenantId), eq(inspectionTasks.id, id)))
      .for('update');
    const teams: Team[] = json(task.teams);
    const idx = teams.findIndex((t) => t.entityId === entityId);
    if (idx < 0) throw notFound('INSPECTION.TEAM_NOT_FOUND', '该市场主体不是本任务抽中的检查对象');
    const cur = teams[idx]!;
    const [recorded] = await ctx.db
      .select({ at: inspectionResults.recordedAt })
      .from(inspectionResults)
      .where(
        and(
          eq(inspectionResults.tenantId, ctx.actor.tenantId),
          eq(inspectionResults.taskId, id),
          eq(inspectionResults.entityId, entityId),
        )!,
      );
    if (recorded)
      throw conflict('INSPECTION.RESULT_EXISTS', '该检查对象的检查结果已录入，不能重新匹配检查人员');
    const roster = json(task.rosterIds);
    const inspectionDate = task.inspectionDate!;
    const { valid } = await validOfficers(ctx, roster, inspectionDate);
    const usable = new Set(valid);
    const conflicted = new Set(
      (
        await ctx.db
          .select({ userId: inspectionConflicts.userId })
          .from(inspectionConflicts)
          .where(
            and(
              eq(inspectionConflicts.tenantId, ctx.actor.tenantId),
              eq(inspectionConflicts.entityId, entityId),
            )!,
          )
      ).map((c) => `${c.userId}/${entityId}`),
    );
    if (input.cause === 'conflict' && !cur.inspectors.some((u) => conflicted.has(`${u}/${entityId}`)))
      throw conflict(
        'INSPECTION.REDRAW_CAUSE_ABSENT',
        '该检查组成员均未申报与该市场主体的利害关系，请先登记回避',
      );
    if (input.cause === 'credential' && cur.inspectors.every((u) => usable.has(u)))
      throw conflict(
        'INSPECTION.REDRAW_CAUSE_ABSENT',
        `该检查组成员的执法证在检查日（${inspectionDate}）均可用`,
      );
    const userTowns = task.recuseTownOfficers ? await townsOfUsers(ctx, roster) : new Map<string, string>();
    const entityTowns = new Map<string, string>();
    if (task.recuseTownOfficers) {
      const [e] = await ctx.db
        .select({ townId: marketEntities.townId })
        .from(marketEntities)
        .where(and(eq(marketEntities.tenantId, ctx.actor.tenantId), eq(marketEntities.id, entityId))!);
      if (e) entityTowns.set(entityId, e.townId);
    }
    const screen = screener(task.recuseTownOfficers, usable, conflicted, userTowns, entityTowns);
    const redraws: Redraw[] = json(task.redraws);
    const seq = redraws.length + 1;
    const code = json(task.poolCodes)[cur.position - 1]!;
    const teamSize = cur.inspectors.length;
    const next = walk(
      redrawOrder(roster.length, json(task.sourceValues ?? []), code, seq),
      roster,
      entityId,
      teamSize,
      screen,
    );
    if (next.inspectors.length < teamSize)
      throw new DomainError(
        'INSPECTION.TEAM_TOO_SMALL',
        'conflict',
        `重新匹配不到${teamSize}名持有效执法证且无须回避的检查人员`,
        [{ pointer: `/teams/${code}`, detail: shortMessage(code, next, teamSize, roster.length) }],
      );
    const redraw: Redraw = {
      seq,
      entityId,
      position: cur.position,
      cause: input.cause,
      reason: input.reason,
      previous: cur.inspectors,
      ...next,
      by: ctx.actor.userId,
      at: ctx.now.toISOString(),
    };
    teams[idx] = { position: cur.position, entityId, ...next, redraw: seq };
    await ctx.db
      .update(inspectionTasks)
      .set({ teams, redraws: [...redraws, redraw] })
      .where(and(eq(inspectionTasks.tenantId, ctx.actor.tenantId), eq(inspectionTasks.id, id)));
    await log(ctx, 'inspection.team.redrawn', id, {
      seq,
      entityId,
      position: cur.position,
      cause: input.cause,
      reason: input.reason,
      previous: cur.inspectors,
      inspectors: next.inspectors,
      skipped: next.skipped,
    });
    return getTask(ctx, id);
  });
}

export interface ConflictView {
  id: string;
  userId: string;
  userName: string | null;
  entityId: string;
  entityName: string | null;
  reason: string;
  declaredAt: Date;
}

const entityScope = { tenantId: marketEntities.tenantId, unitId: marketEntities.unitId };

/** Declared conflicts for entities the actor may see in the directory. */
export async function listConflicts(ctx: Ctx): Promise<ConflictView[]> {
  return ctx.db
    .select({
      id: inspectionConflicts.id,
      userId: inspectionConflicts.userId,
      userName: sql<
        string | null
      >`(select u.display_name from users u where u.tenant_id = ${inspectionConflicts.tenantId} and u.id = ${inspectionConflicts.userId})`,
      entityId: inspectionConflicts.entityId,
      entityName: marketEntities.name,
      reason: inspectionConflicts.reason,
      declaredAt: inspectionConflicts.declaredAt,
    })
    .from(inspectionConflicts)
    .innerJoin(
      marketEntities,
      and(
        eq(marketEntities.tenantId, inspectionConflicts.tenantId),
        eq(marketEntities.id, inspectionConflicts.entityId),
      ),
    )
    .where(
      and(
        eq(inspectionConflicts.tenantId, ctx.actor.tenantId),
        scopeWhere(ctx.actor, P['inspection.directory.read'], entityScope),
      )!,
    )
    .orderBy(inspectionConflicts.declaredAt);
}

/** Records an officer's declared conflict with an entity (利害关系回避). */
export function declareConflict(
  ctx: Ctx,
  input: { userId: string; entityId: string; reason: string },
): Promise<ConflictView> {
  return inTx(ctx, async (ctx) => {
    const check = new ProblemCollector();
    const [entity] = await ctx.db
      .select({ id: marketEntities.id })
      .from(marketEntities)
      .where(
        and(
          eq(marketEntities.tenantId, ctx.actor.tenantId),
          eq(marketEntities.id, input.entityId),
          scopeWhere(ctx.actor, P['inspection.directory.read'], entityScope),
        )!,
      );
    if (!entity) check.add('/body/entityId', '市场主体不存在或无权查看');
    const [user] = (await ctx.db
      .execute(
        sql`select 1 as ok from users where tenant_id = ${ctx.actor.tenantId} and id = ${input.userId}::uuid`,
      )
      .then((r) => (r as unknown as { rows: { ok: number }[] }).rows)) as { ok: number }[];
    if (!user) check.add('/body/userId', '人员不存在');
    check.throwIfAny('INSPECTION.CONFLICT_INVALID');
    const [dup] = await ctx.db
      .select({ id: inspectionConflicts.id })
      .from(inspectionConflicts)
      .where(
        and(
          eq(inspectionConflicts.tenantId, ctx.actor.tenantId),
          eq(inspectionConflicts.userId, input.userId),
          eq(inspectionConflicts.entityId, input.entityId),
        )!,
      );
    if (dup) throw conflict('INSPECTION.CONFLICT_EXISTS', '该人员对该市场主体的回避已登记');
    const id = newId();
    await ctx.db.insert(inspectionConflicts).values({
      tenantId: ctx.actor.tenantId,
      id,
      ...input,
      declaredBy: ctx.actor.userId,
      declaredAt: ctx.now,
    });
    await appendLogEntry(ctx.db, {
      tenantId: ctx.actor.tenantId,
      kind: 'inspection.conflict.declared',
      actor: logActorOf(ctx.actor),
      subject: { type: 'inspection-conflict', id },
      // The reason may name relatives: only that one was given.
      data: { userId: input.userId, entityId: input.entityId },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    const mine = (await listConflicts(ctx)).find((c) => c.id === id);
    if (!mine) throw notFound('INSPECTION.ENTITY_NOT_FOUND');
    return mine;
  });
}
