/**
 * 抽查结果: the team records what it found at each drawn entity (谁检查、谁录入); a finding that needs a case
 * opens an enforcement penalty case (线索来源：双随机抽查) through the workflow engine; the lead department
 * publishes the results (谁检查、谁公开) within 20 working days of the inspection (deadline rule
 * `inspection.publish-results` on the platform clock), with personal data masked.
 */
import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/index.ts';
import { conflict, forbidden, notFound, ProblemCollector } from '../../kernel/errors.ts';
import { type Ctx, inTx } from '../../platform/access/index.ts';
import { isIsoDate } from '../../platform/calendar/index.ts';
import { computeDeadline, effectiveRule } from '../../platform/clock/index.ts';
import { definePolicy, maskText } from '../../platform/masking/index.ts';
import { calendarFor, chinaDate, createCase } from '../../platform/workflow/index.ts';
import { PenaltyCase } from '../enforcement/index.ts';
import { type OutcomeCode, recordResultCredit, revokeResultCredit } from './credit-link.ts';
import { InspectionPermissions as P } from './inspection.permissions.ts';
import {
  inspectionConflicts,
  inspectionResults,
  inspectionTasks,
  marketEntities,
  type Team,
} from './inspection.tables.ts';
import { log, type TaskRow, taskScope } from './tasks.ts';

export const OUTCOMES = {
  normal: '未发现问题',
  corrected: '发现问题已责令改正（当场整改）',
  rectify: '发现问题，责令限期整改',
  case: '发现违法行为，立案查处',
} as const;
export type Outcome = keyof typeof OUTCOMES;
export const PUBLISH_RULE = 'inspection.publish-results';
export const OVERDUE_JOB = 'inspection.results-overdue';

/**
 * Results publish who was inspected and what was found, not who runs the entity: a person named in the findings
 * (the legal representative, an individual business's operator) appears as surname + 某 (rules.md §3.6, §13).
 */
const RESULT_POLICY = definePolicy({ id: 'inspection-results', legalRepresentativeName: 'surname+某' });

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

export interface ResultInput {
  entityId: string;
  outcome: Outcome;
  findings: string;
  inspectedOn: string;
  /** The enforcement body that will handle the case (outcome `case`). */
  bodyId?: string | undefined;
}

export interface ResultView {
  taskId: string;
  entityId: string;
  entityName: string;
  uscc: string;
  outcome: string;
  findings: string;
  inspectedOn: string;
  recordedBy: string;
  recordedAt: Date;
  caseId: string | null;
  publishDue: string;
  publishedAt: Date | null;
  revision: number;
  withdrawnAt: Date | null;
  withdrawReason: string | null;
  overdueAt: Date | null;
}

/** The task as a team member or a reader in scope sees it; 404 for anyone else. */
async function visibleTask(ctx: Ctx, id: string): Promise<TaskRow & { canManage: boolean; onTeam: boolean }> {
  const [r] = await ctx.db
    .select({
      task: inspectionTasks,
      readable: sql<boolean>`${taskScope(ctx.actor, P['inspection.task.read'], true)}`,
      canManage: sql<boolean>`${taskScope(ctx.actor, P['inspection.task.manage'], false)}`,
    })
    .from(inspectionTasks)
    .where(and(eq(inspectionTasks.tenantId, ctx.actor.tenantId), eq(inspectionTasks.id, id))!);
  const teams = r ? (r.task.teams === null ? [] : json(r.task.teams)) : [];
  const onTeam = teams.some((t) => t.inspectors.includes(ctx.actor.userId));
  if (!r || !(r.readable || onTeam)) throw notFound('INSPECTION.TASK_NOT_FOUND', '抽查任务不存在或无权查看');
  return { ...r.task, canManage: !!r.canManage, onTeam };
}

const resultCols = {
  taskId: inspectionResults.taskId,
  entityId: inspectionResults.entityId,
  entityName: marketEntities.name,
  uscc: marketEntities.uscc,
  outcome: inspectionResults.outcome,
  findings: inspectionResults.findings,
  inspectedOn: inspectionResults.inspectedOn,
  recordedBy: inspectionResults.recordedBy,
  recordedAt: inspectionResults.recordedAt,
  caseId: inspectionResults.caseId,
  publishDue: inspectionResults.publishDue,
  publishedAt: inspectionResults.publishedAt,
  revision: inspectionResults.revision,
  withdrawnAt: inspectionResults.withdrawnAt,
  withdrawReason: inspectionResults.withdrawReason,
  overdueAt: inspectionResults.overdueAt,
};

/** The findings as the public sees them: a person named in them (法定代表人/经营者) as surname + 某. */
export function publicFindings(findings: string, legalRepresentative: string, entityType: string): string {
  const known =
    legalRepresentative.length >= 2
      ? [
          {
            kind:
              entityType === '个体工商户'
                ? ('party-person-name' as const)
                : ('legal-representative-name' as const),
            value: legalRepresentative,
          },
        ]
      : [];
  return maskText(findings, known, RESULT_POLICY).text;
}

function resultsOf(db: Db, tenantId: string, taskId: string) {
  return db
    .select(resultCols)
    .from(inspectionResults)
    .innerJoin(
      marketEntities,
      and(
        eq(marketEntities.tenantId, inspectionResults.tenantId),
        eq(marketEntities.id, inspectionResults.entityId),
      ),
    )
    .where(and(eq(inspectionResults.tenantId, tenantId), eq(inspectionResults.taskId, taskId))!)
    .orderBy(asc(marketEntities.uscc));
}

/** A task's results (for its readers and its teams). */
export async function listResults(ctx: Ctx, taskId: string): Promise<ResultView[]> {
  await visibleTask(ctx, taskId);
  return resultsOf(ctx.db, ctx.actor.tenantId, taskId);
}

/** The due date of publication: 20 working days (the tenant's rule in force) from the inspection. */
export async function publishDueOf(db: Db, tenantId: string, inspectedOn: string): Promise<string> {
  const [rule, calendar] = await Promise.all([effectiveRule(db, tenantId, PUBLISH_RULE), calendarFor(db)]);
  return computeDeadline(rule, inspectedOn, [], calendar).dueDate!;
}

/** 立案查处: an enforcement penalty case (线索来源 双随机抽查) with the entity as party, through the workflow engine. */
async function openCase(
  ctx: Ctx,
  taskTitle: string,
  entityId: string,
  inspectedOn: string,
  input: { findings: string; bodyId?: string | undefined },
): Promise<string> {
  const [entity] = await ctx.db
    .select({ name: marketEntities.name, uscc: marketEntities.uscc, address: marketEntities.address })
    .from(marketEntities)
    .where(and(eq(marketEntities.tenantId, ctx.actor.tenantId), eq(marketEntities.id, entityId))!);
  const c = await createCase(ctx, PenaltyCase.type, {
    data: {
      bodyId: input.bodyId,
      source: '双随机抽查',
      clueReceivedOn: inspectedOn,
      summary: `双随机抽查（${taskTitle}）发现：${input.findings}`.slice(0, 2000),
      party: { kind: 'organisation', name: entity!.name, creditCode: entity!.uscc, address: entity!.address },
    },
  });
  return c.id;
}

/** Records a team's result for one drawn entity; `case` opens an enforcement case with the entity as party. */
export function recordResult(ctx: Ctx, taskId: string, input: ResultInput): Promise<ResultView> {
  return inTx(ctx, async (ctx) => {
    const task = await visibleTask(ctx, taskId);
    if (task.status !== 'teamed')
      throw conflict('INSPECTION.NO_TEAMS', '该任务尚未匹配检查人员，不能录入检查结果');
    const teams: Team[] = json(task.teams ?? []);
    const team = teams.find((t) => t.entityId === input.entityId);
    const check = new ProblemCollector();
    const today = chinaDate(ctx.now);
    if (!team) check.add('/body/entityId', '该市场主体不是本任务抽中的检查对象');
    if (!isIsoDate(input.inspectedOn)) check.add('/body/inspectedOn', '须为有效日期（YYYY-MM-DD）');
    else if (input.inspectedOn > today) check.add('/body/inspectedOn', `检查日期不能晚于今天（${today}）`);
    else if (task.inspectionDate && input.inspectedOn < task.inspectionDate)
      check.add('/body/inspectedOn', `检查日期不能早于任务确定的检查日期（${task.inspectionDate}）`);
    if (input.outcome === 'case' && !input.bodyId) check.add('/body/bodyId', '立案查处须选择承办的执法主体');
    check.throwIfAny('INSPECTION.RESULT_INVALID');
    if (!team!.inspectors.includes(ctx.actor.userId))
      throw forbidden(
        'INSPECTION.NOT_ON_TEAM',
        '只有该检查对象的检查组成员可以录入检查结果（谁检查、谁录入）',
      );
    const [declared] = await ctx.db
      .select({ id: inspectionConflicts.id })
      .from(inspectionConflicts)
      .where(
        and(
          eq(inspectionConflicts.tenantId, ctx.actor.tenantId),
          eq(inspectionConflicts.userId, ctx.actor.userId),
          eq(inspectionConflicts.entityId, input.entityId),
        )!,
      );
    if (declared)
      throw conflict(
        'INSPECTION.INSPECTOR_CONFLICTED',
        '您已申报与该市场主体存在利害关系，应当回避，不能录入检查结果',
      );
    const [existing] = await ctx.db
      .select({ at: inspectionResults.recordedAt })
      .from(inspectionResults)
      .where(
        and(
          eq(inspectionResults.tenantId, ctx.actor.tenantId),
          eq(inspectionResults.taskId, taskId),
          eq(inspectionResults.entityId, input.entityId),
        )!,
      );
    if (existing) throw conflict('INSPECTION.RESULT_EXISTS', '该检查对象的检查结果已录入');
    const caseId =
      input.outcome === 'case'
        ? await openCase(ctx, task.title, input.entityId, input.inspectedOn, input)
        : null;
    const publishDue = await publishDueOf(ctx.db, ctx.actor.tenantId, input.inspectedOn);
    await ctx.db.insert(inspectionResults).values({
      tenantId: ctx.actor.tenantId,
      taskId,
      entityId: input.entityId,
      outcome: input.outcome,
      findings: input.findings,
      inspectedOn: input.inspectedOn,
      recordedBy: ctx.actor.userId,
      recordedAt: ctx.now,
      caseId,
      publishDue,
    });
    await log(ctx, 'inspection.result.recorded', taskId, {
      entityId: input.entityId,
      outcome: input.outcome,
      inspectedOn: input.inspectedOn,
      caseId,
      publishDue,
    });
    const view = (await resultsOf(ctx.db, ctx.actor.tenantId, taskId)).find(
      (r) => r.entityId === input.entityId,
    );
    return view!;
  });
}

/** Results with their entity's type and legal representative (what masking a finding needs), filtered by `where`. */
function resultsWithEntities(db: Db, where: SQL) {
  return db
    .select({
      ...resultCols,
      entityType: marketEntities.entityType,
      legalRepresentative: marketEntities.legalRepresentative,
    })
    .from(inspectionResults)
    .innerJoin(
      marketEntities,
      and(
        eq(marketEntities.tenantId, inspectionResults.tenantId),
        eq(marketEntities.id, inspectionResults.entityId),
      ),
    )
    .where(where);
}

/**
 * The credit records of the task's results for `entityIds` as they are published now (in the caller's
 * transaction): one `inspection` record each, findings masked as on the portal.
 */
async function recordCreditOf(
  ctx: Ctx,
  task: Pick<TaskRow, 'id' | 'title' | 'unitId'>,
  entityIds: readonly string[],
): Promise<number> {
  if (entityIds.length === 0) return 0;
  const rows = await resultsWithEntities(
    ctx.db,
    and(
      eq(inspectionResults.tenantId, ctx.actor.tenantId),
      eq(inspectionResults.taskId, task.id),
      inArray(inspectionResults.entityId, [...entityIds]),
    )!,
  );
  let n = 0;
  for (const r of rows) {
    const id = await recordResultCredit(ctx, {
      taskId: task.id,
      taskTitle: task.title,
      unitId: task.unitId,
      entityId: r.entityId,
      uscc: r.uscc,
      entityName: r.entityName,
      outcome: r.outcome as OutcomeCode,
      outcomeLabel: OUTCOMES[r.outcome as Outcome] ?? r.outcome,
      publicFindings: publicFindings(r.findings, r.legalRepresentative, r.entityType),
      inspectedOn: r.inspectedOn,
    });
    if (id) n++;
  }
  return n;
}

/**
 * Publishes every recorded, unpublished result of the task (the lead department; 谁检查、谁公开); each becomes
 * a credit record of the entity (re-graded) in the same transaction.
 */
export function publishResults(ctx: Ctx, taskId: string): Promise<{ published: number }> {
  return inTx(ctx, async (ctx) => {
    const task = await visibleTask(ctx, taskId);
    if (!task.canManage) throw forbidden('INSPECTION.FORBIDDEN', '只有牵头部门可以公示抽查结果');
    const rows = await ctx.db
      .update(inspectionResults)
      .set({ publishedAt: ctx.now, withdrawnAt: null, withdrawReason: null })
      .where(
        and(
          eq(inspectionResults.tenantId, ctx.actor.tenantId),
          eq(inspectionResults.taskId, taskId),
          isNull(inspectionResults.publishedAt),
        )!,
      )
      .returning({ entityId: inspectionResults.entityId, publishDue: inspectionResults.publishDue });
    if (rows.length === 0) throw conflict('INSPECTION.NOTHING_TO_PUBLISH', '没有待公示的检查结果');
    const today = chinaDate(ctx.now);
    await log(ctx, 'inspection.result.published', taskId, {
      entities: rows.map((r) => r.entityId),
      late: rows.filter((r) => r.publishDue < today).map((r) => r.entityId),
    });
    await recordCreditOf(
      ctx,
      task,
      rows.map((r) => r.entityId),
    );
    return { published: rows.length };
  });
}

async function resultRow(ctx: Ctx, taskId: string, entityId: string) {
  const [r] = await ctx.db
    .select()
    .from(inspectionResults)
    .where(
      and(
        eq(inspectionResults.tenantId, ctx.actor.tenantId),
        eq(inspectionResults.taskId, taskId),
        eq(inspectionResults.entityId, entityId),
      )!,
    )
    .for('update');
  if (!r) throw notFound('INSPECTION.RESULT_NOT_FOUND', '该检查对象尚无检查结果');
  return r;
}

async function viewOf(ctx: Ctx, taskId: string, entityId: string): Promise<ResultView> {
  const view = (await resultsOf(ctx.db, ctx.actor.tenantId, taskId)).find((r) => r.entityId === entityId);
  return view!;
}

export interface CorrectionInput {
  outcome: Outcome;
  findings: string;
  reason: string;
  bodyId?: string | undefined;
}

/**
 * 更正: a team member (not conflicted) or the lead department corrects a result's outcome and findings, with the
 * reason. A published result's credit record is revoked and the corrected result recorded again (re-graded), in
 * one transaction. Correcting to `case` opens the enforcement case when none was opened yet.
 */
export function correctResult(
  ctx: Ctx,
  taskId: string,
  entityId: string,
  input: CorrectionInput,
): Promise<ResultView> {
  return inTx(ctx, async (ctx) => {
    const task = await visibleTask(ctx, taskId);
    const cur = await resultRow(ctx, taskId, entityId);
    const teams: Team[] = json(task.teams ?? []);
    const onTeam = teams.find((t) => t.entityId === entityId)?.inspectors.includes(ctx.actor.userId) ?? false;
    if (!onTeam && !task.canManage)
      throw forbidden('INSPECTION.NOT_ON_TEAM', '只有该检查对象的检查组成员或牵头部门可以更正检查结果');
    if (onTeam && !task.canManage) {
      const [declared] = await ctx.db
        .select({ id: inspectionConflicts.id })
        .from(inspectionConflicts)
        .where(
          and(
            eq(inspectionConflicts.tenantId, ctx.actor.tenantId),
            eq(inspectionConflicts.userId, ctx.actor.userId),
            eq(inspectionConflicts.entityId, entityId),
          )!,
        );
      if (declared)
        throw conflict(
          'INSPECTION.INSPECTOR_CONFLICTED',
          '您已申报与该市场主体存在利害关系，应当回避，不能更正检查结果',
        );
    }
    const check = new ProblemCollector();
    if (!input.reason.trim()) check.add('/body/reason', '请填写更正理由');
    if (input.outcome === 'case' && !cur.caseId && !input.bodyId)
      check.add('/body/bodyId', '立案查处须选择承办的执法主体');
    if (input.outcome === cur.outcome && input.findings === cur.findings)
      check.add('/body/findings', '更正后的结果与原结果相同');
    check.throwIfAny('INSPECTION.RESULT_INVALID');
    let caseId = cur.caseId;
    if (input.outcome === 'case' && !caseId)
      caseId = await openCase(ctx, task.title, entityId, cur.inspectedOn, input);
    await ctx.db
      .update(inspectionResults)
      .set({ outcome: input.outcome, findings: input.findings, caseId, revision: cur.revision + 1 })
      .where(
        and(
          eq(inspectionResults.tenantId, ctx.actor.tenantId),
          eq(inspectionResults.taskId, taskId),
          eq(inspectionResults.entityId, entityId),
        )!,
      );
    await log(ctx, 'inspection.result.corrected', taskId, {
      entityId,
      revision: cur.revision + 1,
      before: { outcome: cur.outcome },
      after: { outcome: input.outcome },
      caseId,
      reason: input.reason,
    });
    if (cur.publishedAt) {
      await revokeResultCredit(ctx, taskId, entityId, `更正抽查结果：${input.reason}`);
      await recordCreditOf(ctx, task, [entityId]);
    }
    return viewOf(ctx, taskId, entityId);
  });
}

/**
 * 撤回公示: the lead department withdraws a published result (it leaves the portal, its credit record is revoked
 * and the entity re-graded); it may be corrected and published again.
 */
export function withdrawResult(
  ctx: Ctx,
  taskId: string,
  entityId: string,
  input: { reason: string },
): Promise<ResultView> {
  return inTx(ctx, async (ctx) => {
    const task = await visibleTask(ctx, taskId);
    if (!task.canManage) throw forbidden('INSPECTION.FORBIDDEN', '只有牵头部门可以撤回公示的检查结果');
    const cur = await resultRow(ctx, taskId, entityId);
    const check = new ProblemCollector();
    if (!input.reason.trim()) check.add('/body/reason', '请填写撤回理由');
    check.throwIfAny('INSPECTION.RESULT_INVALID');
    if (!cur.publishedAt) throw conflict('INSPECTION.RESULT_NOT_PUBLISHED', '该检查结果尚未公示，无需撤回');
    await ctx.db
      .update(inspectionResults)
      .set({ publishedAt: null, withdrawnAt: ctx.now, withdrawReason: input.reason })
      .where(
        and(
          eq(inspectionResults.tenantId, ctx.actor.tenantId),
          eq(inspectionResults.taskId, taskId),
          eq(inspectionResults.entityId, entityId),
        )!,
      );
    await log(ctx, 'inspection.result.withdrawn', taskId, { entityId, reason: input.reason });
    await revokeResultCredit(ctx, taskId, entityId, `撤回抽查结果公示：${input.reason}`);
    return viewOf(ctx, taskId, entityId);
  });
}

/**
 * The daily job's step (逾期未公示): results still unpublished after their due date (20 working days from the
 * inspection) are flagged once, with one log entry per task listing them. Returns how many were flagged.
 */
export async function flagOverdueResults(ctx: Ctx, today: string): Promise<number> {
  const rows = await ctx.db
    .update(inspectionResults)
    .set({ overdueAt: ctx.now })
    .where(
      and(
        eq(inspectionResults.tenantId, ctx.actor.tenantId),
        isNull(inspectionResults.publishedAt),
        isNull(inspectionResults.overdueAt),
        sql`${inspectionResults.publishDue} < ${today}::date`,
      )!,
    )
    .returning({
      taskId: inspectionResults.taskId,
      entityId: inspectionResults.entityId,
      publishDue: inspectionResults.publishDue,
    });
  const byTask = new Map<string, { entityId: string; publishDue: string }[]>();
  for (const r of rows) byTask.set(r.taskId, [...(byTask.get(r.taskId) ?? []), r]);
  for (const [taskId, entities] of [...byTask].sort(([a], [b]) => a.localeCompare(b)))
    await log(ctx, 'inspection.result.overdue', taskId, { today, entities });
  return rows.length;
}

/** What the public sees of a task's published results: no legal representative, findings masked. */
export async function publicResults(db: Db, tenantId: string, taskId: string) {
  const rows = await resultsWithEntities(
    db,
    and(
      eq(inspectionResults.tenantId, tenantId),
      eq(inspectionResults.taskId, taskId),
      sql`${inspectionResults.publishedAt} is not null`,
    )!,
  ).orderBy(asc(marketEntities.uscc));
  return rows.map((r) => ({
    uscc: r.uscc,
    entityName: r.entityName,
    outcome: r.outcome,
    outcomeLabel: OUTCOMES[r.outcome as Outcome] ?? r.outcome,
    findings: publicFindings(r.findings, r.legalRepresentative, r.entityType),
    inspectedOn: r.inspectedOn,
    publishedAt: r.publishedAt!,
    revision: r.revision,
  }));
}

/** The drawn entities the actor inspects (its team assignments), with any result already recorded. */
export async function myAssignments(ctx: Ctx) {
  const tasks = await ctx.db
    .select()
    .from(inspectionTasks)
    .where(
      and(
        eq(inspectionTasks.tenantId, ctx.actor.tenantId),
        sql`${inspectionTasks.teams} @> ${JSON.stringify([{ inspectors: [ctx.actor.userId] }])}::jsonb`,
      )!,
    );
  const out = [];
  for (const t of tasks) {
    const results = await resultsOf(ctx.db, ctx.actor.tenantId, t.id);
    const teams: Team[] = json(t.teams ?? []);
    for (const team of teams.filter((x) => x.inspectors.includes(ctx.actor.userId))) {
      const [e] = await ctx.db
        .select({ name: marketEntities.name, uscc: marketEntities.uscc, address: marketEntities.address })
        .from(marketEntities)
        .where(and(eq(marketEntities.tenantId, ctx.actor.tenantId), eq(marketEntities.id, team.entityId))!);
      out.push({
        taskId: t.id,
        taskTitle: t.title,
        inspectionDate: t.inspectionDate,
        entityId: team.entityId,
        entityName: e!.name,
        uscc: e!.uscc,
        address: e!.address,
        result: results.find((r) => r.entityId === team.entityId)?.outcome ?? null,
      });
    }
  }
  // What is still to record first, then the latest inspection dates.
  return out.sort(
    (a, b) =>
      Number(a.result !== null) - Number(b.result !== null) ||
      (b.inspectionDate ?? '').localeCompare(a.inspectionDate ?? ''),
  );
}
