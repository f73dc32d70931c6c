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
import { inspectionConflicts, inspectionTasks, marketEntities, type Team } from './inspection.tables.ts';
import { townsOfUsers } from './roster.ts';
import { rosterOrder } from './strata.ts';
import { getTask, log, type TaskView, taskRow } from './tasks.ts';

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

export const SKIP_REASONS = {
  credential: '执法证在检查日不可用',
  conflict: '已申报回避',
  town: '属地回避（本镇街执法人员）',
} as const;

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
    const teams: Team[] = [];
    const short = new ProblemCollector();
    selected.forEach((position, i) => {
      const entityId = entityIds[i]!;
      const code = poolCodes[position - 1]!;
      const team: Team = { position, entityId, inspectors: [], skipped: [] };
      for (const r of rosterOrder(roster.length, sourceValues, code)) {
        if (team.inspectors.length === teamSize) break;
        const userId = roster[r - 1]!;
        const reason = !usable.has(userId)
          ? SKIP_REASONS.credential
          : conflicted.has(`${userId}/${entityId}`)
            ? SKIP_REASONS.conflict
            : task.recuseTownOfficers && userTowns.get(userId) === entityTowns.get(entityId)
              ? SKIP_REASONS.town
              : null;
        if (reason) team.skipped.push({ userId, reason });
        else team.inspectors.push(userId);
      }
      if (team.inspectors.length < teamSize) {
        const count = (why: string) => team.skipped.filter((s) => s.reason === why).length;
        short.add(
          `/teams/${code}`,
          `${code}：可用检查人员${team.inspectors.length}名，不足${teamSize}名（名录${roster.length}人，` +
            `执法证在检查日不可用${count(SKIP_REASONS.credential)}人，申报回避${count(SKIP_REASONS.conflict)}人，` +
            `属地回避${count(SKIP_REASONS.town)}人）`,
        );
      }
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
