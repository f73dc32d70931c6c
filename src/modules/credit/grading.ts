/**
 * Grading in SQL: one set-based statement scores a set of subjects under a published model — sums the points
 * of their active records per the model's flattened rules, applies thresholds and forced grades, updates the
 * subjects whose score, grade or model changed and writes their grade history with the explanation — and
 * returns what changed. Incremental grading (a record arrives, a repair is approved) runs it for one subject in
 * the caller's transaction; a model change runs it over every subject in keyset batches (`regradeAll`).
 * It computes exactly what `gradeOf` (scoring.ts) computes.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../kernel/db/index.ts';
import { conflict, notFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { type Ctx, logActorOf } from '../../platform/access/index.ts';
import { appendLogEntry } from '../../platform/log/index.ts';
import { chinaDate } from '../../platform/workflow/index.ts';
import { creditModels, creditRegradeRuns } from './credit.tables.ts';
import { flatRules, type ModelDefinition } from './scoring.ts';

export interface ModelRow {
  id: string;
  version: number;
  name: string;
  status: string;
  definition: ModelDefinition;
}

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/** The model grades are computed by: the most recently published version, or null before the first. */
export async function activeModel(db: Db, tenantId: string): Promise<ModelRow | null> {
  const [m] = await db
    .select({
      id: creditModels.id,
      version: creditModels.version,
      name: creditModels.name,
      status: creditModels.status,
      definition: creditModels.definition,
    })
    .from(creditModels)
    .where(and(eq(creditModels.tenantId, tenantId), eq(creditModels.status, 'published')))
    .orderBy(desc(creditModels.publishedAt), desc(creditModels.version))
    .limit(1);
  return m ? { ...m, definition: json(m.definition) } : null;
}

/** Refuses to grade with anything but a published version. */
export function assertPublished(model: ModelRow): void {
  if (model.status !== 'published')
    throw conflict(
      'CREDIT.MODEL_NOT_PUBLISHED',
      `评分模型第${model.version}版尚未发布，不能用于计算信用等级`,
    );
}

export interface GradeChange {
  credit_code: string;
  prev_grade: string | null;
  prev_score: string | number | null;
  grade: string;
  score: string | number;
}

/**
 * Scores the subjects `filter` selects (a condition on a credit-code column, applied to the subjects and to their
 * records alike so that both are index range scans) and returns those that changed.
 */
export async function gradeWhere(
  db: Db,
  tenantId: string,
  model: ModelRow,
  filter: (code: SQL) => SQL,
  opts: { asOf: string; at: Date; cause: string; causeRef: string | null },
): Promise<GradeChange[]> {
  assertPublished(model);
  const def = model.definition;
  const rules = JSON.stringify(flatRules(def));
  const at = opts.at.toISOString();
  return queryRows<GradeChange>(
    db,
    sql`with rules as (
      select * from jsonb_to_recordset(${rules}::jsonb) as x(kind text, severity text, indicator text, points numeric, force text)
    ), subj as (
      select s.credit_code, s.score as prev_score, s.grade as prev_grade
      from credit_subjects s where s.tenant_id = ${tenantId} and ${filter(sql`s.credit_code`)}
    ), contrib as (
      select r.credit_code, r.id, r.kind, r.severity, r.document_no, r.decided_on, ru.indicator, ru.points, ru.force
      from subj join credit_records r on r.tenant_id = ${tenantId} and r.credit_code = subj.credit_code
      join rules ru on ru.kind = r.kind and ru.severity = r.severity
      where ${filter(sql`r.credit_code`)} and r.status = 'active' and (r.publicity_end is null or r.publicity_end > ${opts.asOf}::date)
    ), agg as (
      select credit_code, sum(points) as delta, max(force) as forced,
        jsonb_agg(jsonb_build_object('recordId', id, 'kind', kind, 'severity', severity, 'documentNo', document_no,
            'indicator', indicator, 'points', points)
          || case when force is null then '{}'::jsonb else jsonb_build_object('forceGrade', force) end
          order by decided_on, id) as explanation
      from contrib group by credit_code
    ), scored as (
      select subj.credit_code, subj.prev_score, subj.prev_grade,
        (${def.baseScore}::numeric + coalesce(agg.delta, 0))::numeric(10, 2) as score,
        agg.forced, coalesce(agg.explanation, '[]'::jsonb) as explanation
      from subj left join agg on agg.credit_code = subj.credit_code
    ), graded as (
      select scored.*, greatest(case when score >= ${def.thresholds.A}::numeric then 'A'
                                     when score >= ${def.thresholds.B}::numeric then 'B'
                                     when score >= ${def.thresholds.C}::numeric then 'C' else 'D' end,
                                coalesce(forced, 'A')) as grade
      from scored
    ), changed as (
      update credit_subjects s set score = g.score, grade = g.grade, model_id = ${model.id}::uuid,
        graded_at = ${at}::timestamptz, updated_at = ${at}::timestamptz
      from graded g
      where s.tenant_id = ${tenantId} and s.credit_code = g.credit_code
        and (s.grade is distinct from g.grade or s.score is distinct from g.score or s.model_id is distinct from ${model.id}::uuid)
      returning s.credit_code, g.prev_grade, g.prev_score, g.grade, g.score, g.explanation
    ), hist as (
      insert into credit_grade_history (tenant_id, id, credit_code, model_id, model_version, score, grade,
        previous_grade, previous_score, cause, cause_ref, explanation, at)
      select ${tenantId}, gen_random_uuid(), credit_code, ${model.id}::uuid, ${model.version}, score, grade,
        prev_grade, prev_score, ${opts.cause}, ${opts.causeRef}, explanation, ${at}::timestamptz
      from changed
    )
    select credit_code, prev_grade, prev_score, grade, score from changed order by credit_code`,
  );
}

/**
 * Re-grades one subject in the caller's transaction (a record arrived, a repair was approved) under the active
 * model, logging the change when there is one. Nothing happens before the first model is published.
 */
export async function regradeSubject(
  ctx: Ctx,
  creditCode: string,
  cause: string,
  causeRef: string,
): Promise<GradeChange | null> {
  const model = await activeModel(ctx.db, ctx.actor.tenantId);
  if (!model) return null;
  const [c] = await gradeWhere(ctx.db, ctx.actor.tenantId, model, (c) => sql`${c} = ${creditCode}`, {
    asOf: chinaDate(ctx.now),
    at: ctx.now,
    cause,
    causeRef,
  });
  if (!c) return null;
  await appendLogEntry(ctx.db, {
    tenantId: ctx.actor.tenantId,
    kind: 'credit.grade.changed',
    actor: logActorOf(ctx.actor),
    subject: { type: 'credit-subject', id: creditCode },
    before: { grade: c.prev_grade, score: c.prev_score === null ? null : Number(c.prev_score) },
    after: { grade: c.grade, score: Number(c.score) },
    data: { modelId: model.id, modelVersion: model.version, cause, causeRef },
    requestId: ctx.requestId,
    at: ctx.now,
  });
  return c;
}

export const REGRADE_BATCH = 20_000;

export interface RegradeRun {
  id: string;
  modelId: string;
  status: string;
  total: number;
  done: number;
  changed: number;
  batches: number;
  startedAt: Date;
  finishedAt: Date | null;
}

/**
 * Re-grades every subject of the tenant under a published model, in keyset batches of `batchSize` subjects,
 * each batch one transaction with one log entry (`credit.grades.regraded`: the batch's key range, counts and the
 * SHA-256 of its changes as an attachment; each change is in the grade history). Progress is kept in
 * `credit_regrade_runs` and reported to `onProgress`. A failed batch leaves the run `failed`; the batches before
 * it stay committed, and running again continues correctly (unchanged subjects are skipped).
 */
export async function regradeAll(
  ctx: Ctx,
  model: ModelRow,
  opts: { batchSize?: number; onProgress?: (run: RegradeRun) => void } = {},
): Promise<RegradeRun> {
  assertPublished(model);
  const tenantId = ctx.actor.tenantId;
  const size = opts.batchSize ?? REGRADE_BATCH;
  const [{ n }] = (await queryRows<{ n: number }>(
    ctx.db,
    sql`select count(*)::int as n from credit_subjects where tenant_id = ${tenantId}`,
  )) as [{ n: number }];
  const run: RegradeRun = {
    id: newId(),
    modelId: model.id,
    status: 'running',
    total: Number(n),
    done: 0,
    changed: 0,
    batches: 0,
    startedAt: ctx.now,
    finishedAt: null,
  };
  await ctx.db.transaction(async (tx) => {
    await tx.insert(creditRegradeRuns).values({ tenantId, ...run, startedBy: ctx.actor.userId });
    await appendLogEntry(tx, {
      tenantId,
      kind: 'credit.regrade.started',
      actor: logActorOf(ctx.actor),
      subject: { type: 'credit-model', id: model.id },
      data: { runId: run.id, modelVersion: model.version, total: run.total },
      requestId: ctx.requestId,
      at: ctx.now,
    });
  });
  const asOf = chinaDate(ctx.now);
  let after = '';
  try {
    for (;;) {
      const [edge] = await queryRows<{ credit_code: string }>(
        ctx.db,
        sql`select credit_code from credit_subjects where tenant_id = ${tenantId} and credit_code > ${after}
            order by credit_code offset ${size - 1} limit 1`,
      );
      const upto = edge?.credit_code ?? null;
      const from = after;
      const filter = (c: SQL) => (upto ? sql`${c} > ${from} and ${c} <= ${upto}` : sql`${c} > ${from}`);
      const [{ m }] = (await queryRows<{ m: number }>(
        ctx.db,
        sql`select count(*)::int as m from credit_subjects s where s.tenant_id = ${tenantId} and ${filter(sql`s.credit_code`)}`,
      )) as [{ m: number }];
      if (Number(m) === 0) break;
      await ctx.db.transaction(async (tx) => {
        const changes = await gradeWhere(tx, tenantId, model, filter, {
          asOf,
          at: ctx.now,
          cause: 'model',
          causeRef: run.id,
        });
        const lines = changes.map(
          (c) => `${c.credit_code}\t${c.prev_grade ?? ''}\t${c.grade}\t${Number(c.score)}\n`,
        );
        run.batches += 1;
        run.done += Number(m);
        run.changed += changes.length;
        await appendLogEntry(tx, {
          tenantId,
          kind: 'credit.grades.regraded',
          actor: logActorOf(ctx.actor),
          subject: { type: 'credit-model', id: model.id },
          data: {
            runId: run.id,
            modelVersion: model.version,
            batch: run.batches,
            from: after || null,
            to: upto,
            subjects: Number(m),
            changed: changes.length,
            gradeChanged: changes.filter((c) => c.prev_grade !== c.grade).length,
          },
          attachments: { changes: createHash('sha256').update(lines.join('')).digest('hex') },
          requestId: ctx.requestId,
          at: ctx.now,
        });
        await tx
          .update(creditRegradeRuns)
          .set({ done: run.done, changed: run.changed, batches: run.batches })
          .where(and(eq(creditRegradeRuns.tenantId, tenantId), eq(creditRegradeRuns.id, run.id)));
      });
      opts.onProgress?.({ ...run });
      if (!upto) break;
      after = upto;
    }
    run.status = 'done';
  } catch (e) {
    run.status = 'failed';
    throw e;
  } finally {
    run.finishedAt = new Date(ctx.now.getTime());
    await ctx.db.transaction(async (tx) => {
      await tx
        .update(creditRegradeRuns)
        .set({ status: run.status, finishedAt: run.finishedAt })
        .where(and(eq(creditRegradeRuns.tenantId, tenantId), eq(creditRegradeRuns.id, run.id)));
      await appendLogEntry(tx, {
        tenantId,
        kind: 'credit.regrade.finished',
        actor: logActorOf(ctx.actor),
        subject: { type: 'credit-model', id: model.id },
        data: {
          runId: run.id,
          status: run.status,
          done: run.done,
          changed: run.changed,
          batches: run.batches,
        },
        requestId: ctx.requestId,
        at: ctx.now,
      });
    });
  }
  return run;
}

export async function getRegradeRun(ctx: Ctx, id: string): Promise<RegradeRun> {
  const [r] = await ctx.db
    .select()
    .from(creditRegradeRuns)
    .where(and(eq(creditRegradeRuns.tenantId, ctx.actor.tenantId), eq(creditRegradeRuns.id, id)));
  if (!r) throw notFound('CREDIT.RUN_NOT_FOUND', '重新评级任务不存在');
  return {
    id: r.id,
    modelId: r.modelId,
    status: r.status,
    total: r.total,
    done: r.done,
    changed: r.changed,
    batches: r.batches,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}
