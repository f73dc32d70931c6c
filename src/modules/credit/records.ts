/**
 * Credit records and subjects: the intake other modules call in their own transaction (`recordCredit`), the
 * API commands and queries within the actor's data scope (decided on the record's source department), the
 * publicity rules versions (built-in plus the district's own) and a subject's grade history.
 */
import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import { conflict, forbidden, notFound, ProblemCollector } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { type Ctx, inTx, logActorOf, scopeWhere } from '../../platform/access/index.ts';
import { isIsoDate } from '../../platform/calendar/index.ts';
import { appendLogEntry } from '../../platform/log/index.ts';
import { units as unitsRef } from '../../platform/org/org.tables.ts';
import { checkUscc } from '../../platform/validators/index.ts';
import { chinaDate } from '../../platform/workflow/index.ts';
import { CreditPermissions as P } from './credit.permissions.ts';
import { creditGradeHistory, creditRecords, creditRuleVersions, creditSubjects } from './credit.tables.ts';
import { type GradeChange, regradeSubject } from './grading.ts';
import { BUILTIN_RULES, type PublicityPeriods, publicityFor, type RulesVersion } from './publicity.ts';
import {
  ADVERSE_KINDS,
  type GradeExplanationItem,
  RECORD_KINDS,
  type RecordKind,
  SEVERITIES,
  type Severity,
} from './scoring.ts';

export interface Page<T> {
  items: T[];
  total: number;
}

export interface CreditRecordInput {
  creditCode: string;
  subjectName: string;
  kind: RecordKind;
  severity: Severity;
  /** The department that produced it (a unit of the tenant). */
  sourceUnitId: string;
  title: string;
  documentNo: string;
  decidedOn: string;
  /** The calling module (`enforcement`, `inspection`, …) and its record id; `api` for manual entry. */
  origin?: string;
  originRef?: string | null;
}

export interface CreditRecordView {
  id: string;
  creditCode: string;
  subjectName: string;
  kind: RecordKind;
  severity: Severity;
  sourceUnitId: string;
  sourceUnitName: string | null;
  title: string;
  documentNo: string;
  decidedOn: string;
  rulesVersion: string;
  publicityMinEnd: string | null;
  publicityEnd: string | null;
  repairable: boolean;
  origin: string;
  originRef: string | null;
  status: string;
  repairedOn: string | null;
  /** Publicity today: active and neither repaired nor past its end. */
  public: boolean;
  canManage: boolean;
  createdAt: Date;
}

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
const recordScope = { tenantId: creditRecords.tenantId, unitId: creditRecords.sourceUnitId };
const subjectScope = { tenantId: creditSubjects.tenantId };
const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Built-in rules versions plus the district's own. */
export async function rulesVersions(ctx: Pick<Ctx, 'db'>, tenantId: string): Promise<RulesVersion[]> {
  const own = await ctx.db
    .select()
    .from(creditRuleVersions)
    .where(eq(creditRuleVersions.tenantId, tenantId))
    .orderBy(asc(creditRuleVersions.effectiveFrom));
  return [
    ...BUILTIN_RULES,
    ...own.map((r) => ({
      code: r.code,
      name: r.name,
      basis: r.basis,
      effectiveFrom: r.effectiveFrom,
      periods: json<PublicityPeriods>(r.periods),
    })),
  ];
}

/** Every problem with a record's fields (pointers under `prefix`). */
export function recordProblems(input: CreditRecordInput, check: ProblemCollector, prefix = '/body'): void {
  const uscc = checkUscc(input.creditCode);
  if (!uscc.ok) check.add(`${prefix}/creditCode`, uscc.reason);
  if (!(input.kind in RECORD_KINDS)) check.add(`${prefix}/kind`, '信用记录类别不正确');
  if (!(input.severity in SEVERITIES)) check.add(`${prefix}/severity`, '严重程度不正确');
  else if (input.kind in RECORD_KINDS) {
    const adverse = ADVERSE_KINDS.includes(input.kind);
    if (!adverse && input.severity !== 'none')
      check.add(`${prefix}/severity`, `“${RECORD_KINDS[input.kind]}”不区分严重程度，请选择“无”`);
    if (adverse && input.kind !== 'inspection' && input.severity === 'none')
      check.add(`${prefix}/severity`, `“${RECORD_KINDS[input.kind]}”须注明严重程度（轻微、一般、严重）`);
  }
  if (!input.subjectName.trim()) check.add(`${prefix}/subjectName`, '主体名称不能为空');
  if (!input.title.trim()) check.add(`${prefix}/title`, '记录内容不能为空');
  if (!input.documentNo.trim()) check.add(`${prefix}/documentNo`, '文书编号不能为空');
  if (!isIsoDate(input.decidedOn)) check.add(`${prefix}/decidedOn`, '日期格式应为 YYYY-MM-DD');
}

/**
 * Records a credit fact in the caller's transaction (`ctx.db` should be the caller's `tx`): validates it, creates
 * the subject on first sight, sets the publicity period under the rules version in force on the document date,
 * logs it, and re-grades the subject under the active model. Permission is the caller's business (the calling
 * module checks its own); the source department must be a unit of the tenant. Throws CREDIT.RECORD_INVALID
 * listing every problem.
 */
export async function recordCredit(
  ctx: Ctx,
  input: CreditRecordInput,
): Promise<{ id: string; grade: GradeChange | null }> {
  const check = new ProblemCollector();
  recordProblems(input, check);
  if (isIsoDate(input.decidedOn) && input.decidedOn > chinaDate(ctx.now))
    check.add('/body/decidedOn', '文书日期不能晚于今天');
  const [unit] = await ctx.db
    .select({ id: unitsRef.id, status: unitsRef.status })
    .from(unitsRef)
    .where(and(eq(unitsRef.tenantId, ctx.actor.tenantId), eq(unitsRef.id, input.sourceUnitId)));
  if (!unit || unit.status !== 'active') check.add('/body/sourceUnitId', '来源部门不存在或已停用');
  check.throwIfAny('CREDIT.RECORD_INVALID', '信用记录有误，请按提示修改');
  const tenantId = ctx.actor.tenantId;
  const creditCode = input.creditCode.trim().toUpperCase();
  await ctx.db
    .insert(creditSubjects)
    .values({ tenantId, creditCode, name: input.subjectName, createdAt: ctx.now, updatedAt: ctx.now })
    .onConflictDoUpdate({
      target: [creditSubjects.tenantId, creditSubjects.creditCode],
      set: { name: input.subjectName, updatedAt: ctx.now },
    });
  const pub = publicityFor(await rulesVersions(ctx, tenantId), input.kind, input.severity, input.decidedOn);
  const id = newId();
  const values = {
    creditCode,
    subjectName: input.subjectName,
    kind: input.kind,
    severity: input.severity,
    sourceUnitId: input.sourceUnitId,
    title: input.title,
    documentNo: input.documentNo,
    decidedOn: input.decidedOn,
    ...pub,
    origin: input.origin ?? 'api',
    originRef: input.originRef ?? null,
  };
  await ctx.db
    .insert(creditRecords)
    .values({ tenantId, id, ...values, createdAt: ctx.now, updatedAt: ctx.now });
  await appendLogEntry(ctx.db, {
    tenantId,
    kind: 'credit.record.created',
    actor: logActorOf(ctx.actor),
    subject: { type: 'credit-record', id },
    after: values,
    requestId: ctx.requestId,
    at: ctx.now,
  });
  const grade = await regradeSubject(ctx, creditCode, 'record', id);
  return { id, grade };
}

function selectRecords(ctx: Ctx, where: SQL) {
  const today = chinaDate(ctx.now);
  return ctx.db
    .select({
      id: creditRecords.id,
      creditCode: creditRecords.creditCode,
      subjectName: creditRecords.subjectName,
      kind: creditRecords.kind,
      severity: creditRecords.severity,
      sourceUnitId: creditRecords.sourceUnitId,
      sourceUnitName: sql<
        string | null
      >`(select u.name from units u where u.tenant_id = credit_records.tenant_id and u.id = credit_records.source_unit_id)`,
      title: creditRecords.title,
      documentNo: creditRecords.documentNo,
      decidedOn: creditRecords.decidedOn,
      rulesVersion: creditRecords.rulesVersion,
      publicityMinEnd: creditRecords.publicityMinEnd,
      publicityEnd: creditRecords.publicityEnd,
      repairable: creditRecords.repairable,
      origin: creditRecords.origin,
      originRef: creditRecords.originRef,
      status: creditRecords.status,
      repairedOn: creditRecords.repairedOn,
      public: sql<boolean>`(credit_records.status = 'active' and credit_records.publicity_end is not null and credit_records.publicity_end > ${today}::date)`,
      canManage: sql<boolean>`${scopeWhere(ctx.actor, P['credit.record.manage'], recordScope)}`,
      createdAt: creditRecords.createdAt,
    })
    .from(creditRecords)
    .where(where);
}

const presentRecord = (r: Awaited<ReturnType<typeof selectRecords>>[number]): CreditRecordView => ({
  ...r,
  kind: r.kind as RecordKind,
  severity: r.severity as Severity,
  public: !!r.public,
  canManage: !!r.canManage,
});

export interface RecordFilter {
  q?: string | undefined;
  creditCode?: string | undefined;
  kind?: string | undefined;
  status?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listRecords(ctx: Ctx, f: RecordFilter): Promise<Page<CreditRecordView>> {
  const conds: SQL[] = [
    eq(creditRecords.tenantId, ctx.actor.tenantId),
    scopeWhere(ctx.actor, P['credit.record.read'], recordScope),
  ];
  if (f.creditCode) conds.push(eq(creditRecords.creditCode, f.creditCode.toUpperCase()));
  if (f.kind) conds.push(eq(creditRecords.kind, f.kind));
  if (f.status) conds.push(eq(creditRecords.status, f.status));
  if (f.q)
    conds.push(
      sql`(${creditRecords.subjectName} ilike ${like(f.q)} or ${creditRecords.documentNo} ilike ${like(f.q)} or ${creditRecords.creditCode} = ${f.q.toUpperCase()})`,
    );
  const where = and(...conds)!;
  const [items, [t]] = await Promise.all([
    selectRecords(ctx, where)
      .orderBy(desc(creditRecords.decidedOn), desc(creditRecords.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(creditRecords).where(where),
  ]);
  return { items: items.map(presentRecord), total: Number(t?.n ?? 0) };
}

export async function getRecord(ctx: Ctx, id: string): Promise<CreditRecordView> {
  const [r] = await selectRecords(
    ctx,
    and(
      eq(creditRecords.tenantId, ctx.actor.tenantId),
      eq(creditRecords.id, id),
      scopeWhere(ctx.actor, P['credit.record.read'], recordScope),
    )!,
  );
  if (!r) throw notFound('CREDIT.RECORD_NOT_FOUND', '信用记录不存在或无权查看');
  return presentRecord(r);
}

/** Records a fact by hand (API): the source department must be one the actor manages records of. */
export function createRecord(ctx: Ctx, input: CreditRecordInput): Promise<CreditRecordView> {
  return inTx(ctx, async (ctx) => {
    const [allowed] = await ctx.db
      .select({
        ok: sql<boolean>`${scopeWhere(ctx.actor, P['credit.record.manage'], { tenantId: unitsRef.tenantId, unitId: unitsRef.id })}`,
      })
      .from(unitsRef)
      .where(and(eq(unitsRef.tenantId, ctx.actor.tenantId), eq(unitsRef.id, input.sourceUnitId)));
    if (allowed && !allowed.ok) {
      // Check the input first so a bad form lists every problem even for a foreign department.
      const check = new ProblemCollector();
      recordProblems(input, check);
      check.throwIfAny('CREDIT.RECORD_INVALID', '信用记录有误，请按提示修改');
      throw forbidden('CREDIT.FORBIDDEN', '无权录入该部门的信用记录');
    }
    const { id } = await recordCredit(ctx, { ...input, origin: 'api', originRef: null });
    return getRecord(ctx, id);
  });
}

/** Revokes a record entered in error or whose decision was revoked: it stops counting and stops being public. */
export function revokeRecord(ctx: Ctx, id: string, reason: string): Promise<CreditRecordView> {
  return inTx(ctx, async (ctx) => {
    const cur = await getRecord(ctx, id);
    if (!cur.canManage) throw forbidden('CREDIT.FORBIDDEN', '无权撤销该信用记录');
    if (cur.status !== 'active') throw conflict('CREDIT.RECORD_NOT_ACTIVE', '该信用记录已修复或已撤销');
    await ctx.db
      .update(creditRecords)
      .set({ status: 'revoked', updatedAt: ctx.now })
      .where(and(eq(creditRecords.tenantId, ctx.actor.tenantId), eq(creditRecords.id, id)));
    await appendLogEntry(ctx.db, {
      tenantId: ctx.actor.tenantId,
      kind: 'credit.record.revoked',
      actor: logActorOf(ctx.actor),
      subject: { type: 'credit-record', id },
      before: { status: cur.status },
      after: { status: 'revoked' },
      data: { reason },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    await regradeSubject(ctx, cur.creditCode, 'record', id);
    return getRecord(ctx, id);
  });
}

/**
 * Revokes, in the caller's transaction, the active records another module made (`origin`, `originRef`): its
 * decision was withdrawn or revoked. Each is logged and its subject re-graded. Permission is the caller's.
 * Returns how many records were revoked.
 */
export async function revokeCreditByOrigin(
  ctx: Ctx,
  origin: string,
  originRef: string,
  reason: string,
): Promise<number> {
  const tenantId = ctx.actor.tenantId;
  const rows = await ctx.db
    .update(creditRecords)
    .set({ status: 'revoked', updatedAt: ctx.now })
    .where(
      and(
        eq(creditRecords.tenantId, tenantId),
        eq(creditRecords.origin, origin),
        eq(creditRecords.originRef, originRef),
        eq(creditRecords.status, 'active'),
      ),
    )
    .returning({ id: creditRecords.id, creditCode: creditRecords.creditCode });
  for (const r of rows) {
    await appendLogEntry(ctx.db, {
      tenantId,
      kind: 'credit.record.revoked',
      actor: logActorOf(ctx.actor),
      subject: { type: 'credit-record', id: r.id },
      before: { status: 'active' },
      after: { status: 'revoked' },
      data: { reason, origin, originRef },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    await regradeSubject(ctx, r.creditCode, 'record', r.id);
  }
  return rows.length;
}

export interface SubjectView {
  creditCode: string;
  name: string;
  score: number | null;
  grade: string | null;
  modelId: string | null;
  gradedAt: Date | null;
  recordCount: number;
}

function selectSubjects(ctx: Ctx, where: SQL) {
  return ctx.db
    .select({
      creditCode: creditSubjects.creditCode,
      name: creditSubjects.name,
      score: creditSubjects.score,
      grade: creditSubjects.grade,
      modelId: creditSubjects.modelId,
      gradedAt: creditSubjects.gradedAt,
      recordCount: sql<number>`(select count(*)::int from credit_records r where r.tenant_id = credit_subjects.tenant_id and r.credit_code = credit_subjects.credit_code)`,
    })
    .from(creditSubjects)
    .where(where);
}

const presentSubject = (r: Awaited<ReturnType<typeof selectSubjects>>[number]): SubjectView => ({
  ...r,
  score: r.score === null ? null : Number(r.score),
  recordCount: Number(r.recordCount),
});

export async function listSubjects(
  ctx: Ctx,
  f: { q?: string | undefined; grade?: string | undefined; page: number; pageSize: number },
): Promise<Page<SubjectView>> {
  const conds: SQL[] = [
    eq(creditSubjects.tenantId, ctx.actor.tenantId),
    scopeWhere(ctx.actor, P['credit.record.read'], subjectScope),
  ];
  if (f.grade) conds.push(eq(creditSubjects.grade, f.grade));
  if (f.q)
    conds.push(
      sql`(${creditSubjects.creditCode} = ${f.q.toUpperCase()} or ${creditSubjects.name} ilike ${like(f.q)})`,
    );
  const where = and(...conds)!;
  const [items, [t]] = await Promise.all([
    selectSubjects(ctx, where)
      .orderBy(asc(creditSubjects.creditCode))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(creditSubjects).where(where),
  ]);
  return { items: items.map(presentSubject), total: Number(t?.n ?? 0) };
}

export async function getSubject(ctx: Ctx, creditCode: string): Promise<SubjectView> {
  const [r] = await selectSubjects(
    ctx,
    and(
      eq(creditSubjects.tenantId, ctx.actor.tenantId),
      eq(creditSubjects.creditCode, creditCode.toUpperCase()),
      scopeWhere(ctx.actor, P['credit.record.read'], subjectScope),
    )!,
  );
  if (!r) throw notFound('CREDIT.SUBJECT_NOT_FOUND', '信用主体不存在或无权查看');
  return presentSubject(r);
}

export interface GradeHistoryItem {
  id: string;
  modelId: string;
  modelVersion: number;
  score: number;
  grade: string;
  previousGrade: string | null;
  previousScore: number | null;
  cause: string;
  causeRef: string | null;
  explanation: GradeExplanationItem[];
  at: Date;
}

/** A subject's grade history, newest first, each with the records that moved the score and by how much. */
export async function gradeHistory(ctx: Ctx, creditCode: string): Promise<GradeHistoryItem[]> {
  const s = await getSubject(ctx, creditCode);
  const rows = await ctx.db
    .select()
    .from(creditGradeHistory)
    .where(
      and(
        eq(creditGradeHistory.tenantId, ctx.actor.tenantId),
        eq(creditGradeHistory.creditCode, s.creditCode),
      ),
    )
    .orderBy(desc(creditGradeHistory.seq));
  return rows.map((r) => ({
    id: r.id,
    modelId: r.modelId,
    modelVersion: r.modelVersion,
    score: Number(r.score),
    grade: r.grade,
    previousGrade: r.previousGrade,
    previousScore: r.previousScore === null ? null : Number(r.previousScore),
    cause: r.cause,
    causeRef: r.causeRef,
    explanation: json(r.explanation).map((e) => ({ ...e, points: Number(e.points) })),
    at: r.at,
  }));
}

/** Adds a district rules version (the [M] periods of rules.md §12.3 as the district confirms them). */
export function createRulesVersion(ctx: Ctx, input: RulesVersion): Promise<RulesVersion[]> {
  return inTx(ctx, async (ctx) => {
    const check = new ProblemCollector();
    const all = await rulesVersions(ctx, ctx.actor.tenantId);
    if (all.some((v) => v.code === input.code)) check.add('/body/code', '版本代码已存在');
    if (all.some((v) => v.effectiveFrom === input.effectiveFrom))
      check.add('/body/effectiveFrom', '该日期已有施行的规则版本');
    for (const [kind, bySeverity] of Object.entries(input.periods))
      for (const [severity, p] of Object.entries(bySeverity ?? {}))
        if (p && p.max !== null && p.max < p.min)
          check.add(`/body/periods/${kind}/${severity}/max`, '最长公示期不能短于最短公示期');
    check.throwIfAny('CREDIT.RULES_INVALID', '公示期限规则有误，请按提示修改');
    const id = newId();
    await ctx.db
      .insert(creditRuleVersions)
      .values({ tenantId: ctx.actor.tenantId, id, ...input, createdAt: ctx.now });
    await appendLogEntry(ctx.db, {
      tenantId: ctx.actor.tenantId,
      kind: 'credit.rules.created',
      actor: logActorOf(ctx.actor),
      subject: { type: 'credit-rules', id },
      after: { ...input },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return rulesVersions(ctx, ctx.actor.tenantId);
  });
}
