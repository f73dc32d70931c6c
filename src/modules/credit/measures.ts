/**
 * 联合奖惩 (joint punishment and reward): the catalogue of measures with their triggers (grades, active list
 * records), the flags other modules ask for (`creditFlags`), and each department's feedback on what it did.
 */
import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../kernel/db/index.ts';
import { forbidden, notFound, ProblemCollector } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { type Ctx, inTx, logActorOf, scopeWhere } from '../../platform/access/index.ts';
import { isIsoDate } from '../../platform/calendar/index.ts';
import { appendLogEntry } from '../../platform/log/index.ts';
import { units as unitsRef } from '../../platform/org/org.tables.ts';
import { checkUscc } from '../../platform/validators/index.ts';
import { chinaDate } from '../../platform/workflow/index.ts';
import { CreditPermissions as P } from './credit.permissions.ts';
import { creditMeasureFeedback, creditMeasures, creditSubjects } from './credit.tables.ts';
import { GRADES, RECORD_KINDS } from './scoring.ts';

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

export interface MeasureInput {
  kind: 'punish' | 'reward';
  unitId: string;
  name: string;
  legalBasis: string;
  grades: string[];
  listKinds: string[];
  status?: 'active' | 'inactive' | undefined;
}

export interface MeasureView extends Required<MeasureInput> {
  id: string;
  unitName: string | null;
}

function selectMeasures(db: Db, where: SQL) {
  return db
    .select({
      id: creditMeasures.id,
      kind: creditMeasures.kind,
      unitId: creditMeasures.unitId,
      unitName: sql<
        string | null
      >`(select u.name from units u where u.tenant_id = credit_measures.tenant_id and u.id = credit_measures.unit_id)`,
      name: creditMeasures.name,
      legalBasis: creditMeasures.legalBasis,
      grades: creditMeasures.grades,
      listKinds: creditMeasures.listKinds,
      status: creditMeasures.status,
    })
    .from(creditMeasures)
    .where(where);
}

const presentMeasure = (r: Awaited<ReturnType<typeof selectMeasures>>[number]): MeasureView => ({
  ...r,
  kind: r.kind as MeasureView['kind'],
  status: r.status as MeasureView['status'],
  grades: json(r.grades),
  listKinds: json(r.listKinds),
});

/** The catalogue: every signed-in official who may see flags or manage measures reads all of it. */
export async function listMeasures(ctx: Ctx): Promise<MeasureView[]> {
  const rows = await selectMeasures(ctx.db, eq(creditMeasures.tenantId, ctx.actor.tenantId)).orderBy(
    asc(creditMeasures.kind),
    asc(creditMeasures.name),
  );
  return rows.map(presentMeasure);
}

export async function getMeasure(ctx: Ctx, id: string): Promise<MeasureView> {
  const [r] = await selectMeasures(
    ctx.db,
    and(eq(creditMeasures.tenantId, ctx.actor.tenantId), eq(creditMeasures.id, id))!,
  );
  if (!r) throw notFound('CREDIT.MEASURE_NOT_FOUND', '联合奖惩措施不存在');
  return presentMeasure(r);
}

async function checkMeasure(ctx: Ctx, input: MeasureInput, check: ProblemCollector) {
  const [unit] = await ctx.db
    .select({ status: unitsRef.status })
    .from(unitsRef)
    .where(and(eq(unitsRef.tenantId, ctx.actor.tenantId), eq(unitsRef.id, input.unitId)));
  if (!unit || unit.status !== 'active') check.add('/body/unitId', '实施部门不存在或已停用');
  if (input.grades.length === 0 && input.listKinds.length === 0)
    check.add('/body/grades', '请至少设置一个触发条件（信用等级或名单）');
  input.grades.forEach((g, i) => {
    if (!(GRADES as readonly string[]).includes(g)) check.add(`/body/grades/${i}`, '信用等级应为 A、B、C、D');
  });
  input.listKinds.forEach((k, i) => {
    if (!(k in RECORD_KINDS)) check.add(`/body/listKinds/${i}`, '名单类别不正确');
  });
}

export function createMeasure(ctx: Ctx, input: MeasureInput): Promise<MeasureView> {
  return inTx(ctx, async (ctx) => {
    const check = new ProblemCollector();
    await checkMeasure(ctx, input, check);
    check.throwIfAny('CREDIT.MEASURE_INVALID', '联合奖惩措施有误，请按提示修改');
    const id = newId();
    const values = { ...input, status: input.status ?? 'active' };
    await ctx.db
      .insert(creditMeasures)
      .values({ tenantId: ctx.actor.tenantId, id, ...values, createdAt: ctx.now, updatedAt: ctx.now });
    await log(ctx, 'credit.measure.created', 'credit-measure', id, { after: values });
    return getMeasure(ctx, id);
  });
}

export function updateMeasure(ctx: Ctx, id: string, patch: Partial<MeasureInput>): Promise<MeasureView> {
  return inTx(ctx, async (ctx) => {
    const cur = await getMeasure(ctx, id);
    const next: MeasureInput = {
      ...cur,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    };
    const check = new ProblemCollector();
    await checkMeasure(ctx, next, check);
    check.throwIfAny('CREDIT.MEASURE_INVALID', '联合奖惩措施有误，请按提示修改');
    const values = {
      kind: next.kind,
      unitId: next.unitId,
      name: next.name,
      legalBasis: next.legalBasis,
      grades: next.grades,
      listKinds: next.listKinds,
      status: next.status ?? 'active',
    };
    await ctx.db
      .update(creditMeasures)
      .set({ ...values, updatedAt: ctx.now })
      .where(and(eq(creditMeasures.tenantId, ctx.actor.tenantId), eq(creditMeasures.id, id)));
    const { id: _id, unitName: _u, ...before } = cur;
    await log(ctx, 'credit.measure.updated', 'credit-measure', id, { before, after: values });
    return getMeasure(ctx, id);
  });
}

export interface CreditFlag {
  measureId: string;
  kind: 'punish' | 'reward';
  unitId: string;
  unitName: string | null;
  measure: string;
  legalBasis: string;
  /** Why it applies: `grade:D` or `list:serious_dishonesty`. */
  reasons: string[];
}

/**
 * The joint punishment and reward measures to apply to a subject now: active measures triggered by its current
 * grade or by one of its active, public list records. An unknown subject has no flags. Other modules call this
 * wherever the subject appears (a service application, a subsidy, an inspection draw) and feed back what they did.
 */
export async function creditFlags(
  ctx: Pick<Ctx, 'db' | 'now'> & { actor: { tenantId: string } },
  creditCode: string,
): Promise<{ creditCode: string; grade: string | null; flags: CreditFlag[] }> {
  const tenantId = ctx.actor.tenantId;
  const code = creditCode.trim().toUpperCase();
  const [s] = await ctx.db
    .select({ grade: creditSubjects.grade })
    .from(creditSubjects)
    .where(and(eq(creditSubjects.tenantId, tenantId), eq(creditSubjects.creditCode, code)));
  if (!s) return { creditCode: code, grade: null, flags: [] };
  const today = chinaDate(ctx.now);
  const kinds = await queryRows<{ kind: string }>(
    ctx.db,
    sql`select distinct kind from credit_records where tenant_id = ${tenantId} and credit_code = ${code}
        and status = 'active' and (publicity_end is null or publicity_end > ${today}::date)`,
  );
  const active = new Set(kinds.map((k) => k.kind));
  const measures = await selectMeasures(
    ctx.db,
    and(eq(creditMeasures.tenantId, tenantId), eq(creditMeasures.status, 'active'))!,
  ).orderBy(asc(creditMeasures.kind), asc(creditMeasures.name));
  const flags: CreditFlag[] = [];
  for (const m of measures.map(presentMeasure)) {
    const reasons = [
      ...(s.grade && m.grades.includes(s.grade) ? [`grade:${s.grade}`] : []),
      ...m.listKinds.filter((k) => active.has(k)).map((k) => `list:${k}`),
    ];
    if (reasons.length > 0)
      flags.push({
        measureId: m.id,
        kind: m.kind,
        unitId: m.unitId,
        unitName: m.unitName,
        measure: m.name,
        legalBasis: m.legalBasis,
        reasons,
      });
  }
  return { creditCode: code, grade: s.grade, flags };
}

export interface FeedbackInput {
  measureId: string;
  creditCode: string;
  unitId: string;
  outcome: 'applied' | 'not_applied';
  context: string;
  note: string;
  actedOn: string;
}

const feedbackScope = { tenantId: creditMeasureFeedback.tenantId, unitId: creditMeasureFeedback.unitId };

/** A department's feedback on a flag: the department must be one the actor acts for. */
export function recordFeedback(ctx: Ctx, input: FeedbackInput) {
  return inTx(ctx, async (ctx) => {
    const check = new ProblemCollector();
    const uscc = checkUscc(input.creditCode);
    if (!uscc.ok) check.add('/body/creditCode', uscc.reason);
    if (!isIsoDate(input.actedOn)) check.add('/body/actedOn', '日期格式应为 YYYY-MM-DD');
    else if (input.actedOn > chinaDate(ctx.now)) check.add('/body/actedOn', '实施日期不能晚于今天');
    const [m] = await ctx.db
      .select({ id: creditMeasures.id })
      .from(creditMeasures)
      .where(and(eq(creditMeasures.tenantId, ctx.actor.tenantId), eq(creditMeasures.id, input.measureId)));
    if (!m) check.add('/body/measureId', '联合奖惩措施不存在');
    const [unit] = await ctx.db
      .select({
        ok: sql<boolean>`${scopeWhere(ctx.actor, P['credit.feedback.record'], { tenantId: unitsRef.tenantId, unitId: unitsRef.id })}`,
      })
      .from(unitsRef)
      .where(and(eq(unitsRef.tenantId, ctx.actor.tenantId), eq(unitsRef.id, input.unitId)));
    if (!unit) check.add('/body/unitId', '反馈部门不存在');
    check.throwIfAny('CREDIT.FEEDBACK_INVALID', '反馈信息有误，请按提示修改');
    if (!unit?.ok) throw forbidden('CREDIT.FORBIDDEN', '无权代表该部门反馈');
    const id = newId();
    const values = { ...input, creditCode: input.creditCode.toUpperCase() };
    await ctx.db.insert(creditMeasureFeedback).values({
      tenantId: ctx.actor.tenantId,
      id,
      ...values,
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
    });
    await log(ctx, 'credit.feedback.recorded', 'credit-feedback', id, { after: values });
    const [row] = await listFeedbackWhere(ctx, eq(creditMeasureFeedback.id, id));
    return row!;
  });
}

function listFeedbackWhere(ctx: Ctx, extra: SQL) {
  return ctx.db
    .select({
      id: creditMeasureFeedback.id,
      measureId: creditMeasureFeedback.measureId,
      measureName: creditMeasures.name,
      creditCode: creditMeasureFeedback.creditCode,
      unitId: creditMeasureFeedback.unitId,
      unitName: sql<
        string | null
      >`(select u.name from units u where u.tenant_id = credit_measure_feedback.tenant_id and u.id = credit_measure_feedback.unit_id)`,
      outcome: creditMeasureFeedback.outcome,
      context: creditMeasureFeedback.context,
      note: creditMeasureFeedback.note,
      actedOn: creditMeasureFeedback.actedOn,
      createdAt: creditMeasureFeedback.createdAt,
    })
    .from(creditMeasureFeedback)
    .innerJoin(
      creditMeasures,
      and(
        eq(creditMeasures.tenantId, creditMeasureFeedback.tenantId),
        eq(creditMeasures.id, creditMeasureFeedback.measureId),
      ),
    )
    .where(
      and(
        eq(creditMeasureFeedback.tenantId, ctx.actor.tenantId),
        scopeWhere(ctx.actor, P['credit.feedback.record'], feedbackScope),
        extra,
      ),
    )
    .orderBy(desc(creditMeasureFeedback.actedOn), desc(creditMeasureFeedback.id));
}

/** The department feedback list within the actor's scope. */
export function listFeedback(
  ctx: Ctx,
  f: { unitId?: string | undefined; creditCode?: string | undefined; measureId?: string | undefined },
) {
  const conds: SQL[] = [sql`true`];
  if (f.unitId) conds.push(eq(creditMeasureFeedback.unitId, f.unitId));
  if (f.creditCode) conds.push(eq(creditMeasureFeedback.creditCode, f.creditCode.toUpperCase()));
  if (f.measureId) conds.push(eq(creditMeasureFeedback.measureId, f.measureId));
  return listFeedbackWhere(ctx, and(...conds)!).limit(500);
}

async function log(
  ctx: Ctx,
  kind: string,
  type: string,
  id: string,
  change: { before?: Record<string, unknown>; after?: Record<string, unknown> },
) {
  await appendLogEntry(ctx.db, {
    tenantId: ctx.actor.tenantId,
    kind,
    actor: logActorOf(ctx.actor),
    subject: { type, id },
    ...change,
    requestId: ctx.requestId,
    at: ctx.now,
  });
}
