/**
 * 信用修复 (rules.md §12.3): an application to end a record's publicity early, judged under the rules version in
 * force on the application date (the NDRC measures from 2026-04-01, the SAMR/NDRC trial rules before): the
 * record must be repairable under that version and its minimum period since the document date reached. The
 * handling body is the record's source department. Approval ends the publicity and re-grades the subject.
 */
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { conflict, notFound, ProblemCollector } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { type Ctx, inTx, logActorOf, scopeWhere } from '../../platform/access/index.ts';
import { isIsoDate } from '../../platform/calendar/index.ts';
import { appendLogEntry } from '../../platform/log/index.ts';
import { chinaDate } from '../../platform/workflow/index.ts';
import { CreditPermissions as P } from './credit.permissions.ts';
import { creditRecords, creditRepairs } from './credit.tables.ts';
import { regradeSubject } from './grading.ts';
import { repairEligibleFrom } from './publicity.ts';
import { rulesVersions } from './records.ts';
import { ADVERSE_KINDS, type RecordKind, type Severity } from './scoring.ts';

export interface RepairInput {
  recordId: string;
  appliedOn: string;
  correction: string;
  commitment: string;
}

const repairScope = { tenantId: creditRecords.tenantId, unitId: creditRecords.sourceUnitId };

function selectRepairs(ctx: Ctx, where: SQL) {
  return ctx.db
    .select({
      id: creditRepairs.id,
      recordId: creditRepairs.recordId,
      creditCode: creditRepairs.creditCode,
      subjectName: creditRecords.subjectName,
      recordKind: creditRecords.kind,
      recordTitle: creditRecords.title,
      documentNo: creditRecords.documentNo,
      appliedOn: creditRepairs.appliedOn,
      rulesVersion: creditRepairs.rulesVersion,
      eligibleFrom: creditRepairs.eligibleFrom,
      correction: creditRepairs.correction,
      commitment: creditRepairs.commitment,
      status: creditRepairs.status,
      decidedOn: creditRepairs.decidedOn,
      decisionReason: creditRepairs.decisionReason,
      createdAt: creditRepairs.createdAt,
    })
    .from(creditRepairs)
    .innerJoin(
      creditRecords,
      and(eq(creditRecords.tenantId, creditRepairs.tenantId), eq(creditRecords.id, creditRepairs.recordId)),
    )
    .where(
      and(
        eq(creditRepairs.tenantId, ctx.actor.tenantId),
        scopeWhere(ctx.actor, P['credit.repair.handle'], repairScope),
        where,
      ),
    );
}

export function listRepairs(ctx: Ctx, f: { status?: string | undefined }) {
  return selectRepairs(ctx, f.status ? eq(creditRepairs.status, f.status) : sql`true`)
    .orderBy(desc(creditRepairs.appliedOn), desc(creditRepairs.id))
    .limit(500);
}

export async function getRepair(ctx: Ctx, id: string) {
  const [r] = await selectRepairs(ctx, eq(creditRepairs.id, id));
  if (!r) throw notFound('CREDIT.REPAIR_NOT_FOUND', '信用修复申请不存在或无权查看');
  return r;
}

/** Registers an application (at the source department, which the actor must handle repairs for). */
export function applyRepair(ctx: Ctx, input: RepairInput) {
  return inTx(ctx, async (ctx) => {
    const check = new ProblemCollector();
    const today = chinaDate(ctx.now);
    if (!isIsoDate(input.appliedOn)) check.add('/body/appliedOn', '日期格式应为 YYYY-MM-DD');
    else if (input.appliedOn > today) check.add('/body/appliedOn', '申请日期不能晚于今天');
    check.throwIfAny('CREDIT.REPAIR_INVALID', '信用修复申请有误，请按提示修改');
    const [rec] = await ctx.db
      .select({
        creditCode: creditRecords.creditCode,
        kind: creditRecords.kind,
        severity: creditRecords.severity,
        decidedOn: creditRecords.decidedOn,
        status: creditRecords.status,
        publicityEnd: creditRecords.publicityEnd,
        canHandle: sql<boolean>`${scopeWhere(ctx.actor, P['credit.repair.handle'], repairScope)}`,
      })
      .from(creditRecords)
      .where(and(eq(creditRecords.tenantId, ctx.actor.tenantId), eq(creditRecords.id, input.recordId)));
    if (!rec || !rec.canHandle) throw notFound('CREDIT.RECORD_NOT_FOUND', '信用记录不存在或无权办理其修复');
    if (rec.status !== 'active') throw conflict('CREDIT.RECORD_NOT_ACTIVE', '该信用记录已修复或已撤销');
    if (!ADVERSE_KINDS.includes(rec.kind as RecordKind))
      throw conflict('CREDIT.REPAIR_NOT_APPLICABLE', '只有失信类信用记录可以申请信用修复');
    if (rec.publicityEnd && rec.publicityEnd <= input.appliedOn)
      throw conflict('CREDIT.REPAIR_NOT_NEEDED', `该记录的公示已于${rec.publicityEnd}届满，无需修复`);
    if (input.appliedOn < rec.decidedOn) check.add('/body/appliedOn', '申请日期不能早于文书日期');
    check.throwIfAny('CREDIT.REPAIR_INVALID', '信用修复申请有误，请按提示修改');
    const r = repairEligibleFrom(
      await rulesVersions(ctx, ctx.actor.tenantId),
      rec.kind as RecordKind,
      rec.severity as Severity,
      rec.decidedOn,
      input.appliedOn,
    );
    const versionName = r.version?.name ?? '（无）';
    if (!r.eligibleFrom)
      throw conflict('CREDIT.REPAIR_NOT_REPAIRABLE', `按申请日适用的《${versionName}》，该类记录不可修复`);
    if (input.appliedOn < r.eligibleFrom)
      throw conflict(
        'CREDIT.REPAIR_TOO_EARLY',
        `按申请日适用的《${versionName}》，该记录最短公示期满后（${r.eligibleFrom}起）方可申请修复`,
      );
    const [pending] = await ctx.db
      .select({ id: creditRepairs.id })
      .from(creditRepairs)
      .where(
        and(
          eq(creditRepairs.tenantId, ctx.actor.tenantId),
          eq(creditRepairs.recordId, input.recordId),
          eq(creditRepairs.status, 'pending'),
        ),
      );
    if (pending) throw conflict('CREDIT.REPAIR_PENDING', '该记录已有待审核的修复申请');
    const id = newId();
    const values = {
      recordId: input.recordId,
      creditCode: rec.creditCode,
      appliedOn: input.appliedOn,
      rulesVersion: r.version.code,
      eligibleFrom: r.eligibleFrom,
      correction: input.correction,
      commitment: input.commitment,
    };
    await ctx.db.insert(creditRepairs).values({
      tenantId: ctx.actor.tenantId,
      id,
      ...values,
      status: 'pending',
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await log(ctx, 'credit.repair.applied', id, { after: values });
    return getRepair(ctx, id);
  });
}

/** Approves or rejects (with reasons); approval ends the record's publicity and re-grades the subject. */
export function decideRepair(
  ctx: Ctx,
  id: string,
  input: { decision: 'approve' | 'reject'; decidedOn: string; reason: string },
) {
  return inTx(ctx, async (ctx) => {
    const cur = await getRepair(ctx, id);
    const check = new ProblemCollector();
    if (!isIsoDate(input.decidedOn)) check.add('/body/decidedOn', '日期格式应为 YYYY-MM-DD');
    else if (input.decidedOn > chinaDate(ctx.now)) check.add('/body/decidedOn', '审核日期不能晚于今天');
    else if (input.decidedOn < cur.appliedOn) check.add('/body/decidedOn', '审核日期不能早于申请日期');
    check.throwIfAny('CREDIT.REPAIR_INVALID', '审核意见有误，请按提示修改');
    if (cur.status !== 'pending') throw conflict('CREDIT.REPAIR_DECIDED', '该修复申请已审核');
    const status = input.decision === 'approve' ? 'approved' : 'rejected';
    await ctx.db
      .update(creditRepairs)
      .set({
        status,
        decidedOn: input.decidedOn,
        decisionReason: input.reason,
        decidedBy: ctx.actor.userId,
        updatedAt: ctx.now,
      })
      .where(and(eq(creditRepairs.tenantId, ctx.actor.tenantId), eq(creditRepairs.id, id)));
    await log(ctx, `credit.repair.${status}`, id, {
      before: { status: 'pending' },
      after: { status, decidedOn: input.decidedOn, reason: input.reason },
    });
    if (status === 'approved') {
      await ctx.db
        .update(creditRecords)
        .set({ status: 'repaired', repairedOn: input.decidedOn, updatedAt: ctx.now })
        .where(and(eq(creditRecords.tenantId, ctx.actor.tenantId), eq(creditRecords.id, cur.recordId)));
      await appendLogEntry(ctx.db, {
        tenantId: ctx.actor.tenantId,
        kind: 'credit.record.repaired',
        actor: logActorOf(ctx.actor),
        subject: { type: 'credit-record', id: cur.recordId },
        before: { status: 'active' },
        after: { status: 'repaired', repairedOn: input.decidedOn },
        data: { repairId: id },
        requestId: ctx.requestId,
        at: ctx.now,
      });
      await regradeSubject(ctx, cur.creditCode, 'repair', id);
    }
    return getRepair(ctx, id);
  });
}

async function log(
  ctx: Ctx,
  kind: string,
  id: string,
  change: { before?: Record<string, unknown>; after?: Record<string, unknown> },
) {
  await appendLogEntry(ctx.db, {
    tenantId: ctx.actor.tenantId,
    kind,
    actor: logActorOf(ctx.actor),
    subject: { type: 'credit-repair', id },
    ...change,
    requestId: ctx.requestId,
    at: ctx.now,
  });
}
