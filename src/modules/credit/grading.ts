/**
 * Grading in SQL: one set-based statement scores a set of subjects under a published model — sums the points
 * of their active records per the model's flattened rules, applies thresholds and forced grades, updates the
 * subjects whose score, grade or model changed and writes their grade history with the explanation — and
 * returns what changed. Incremental grading (a record arrives, a repair is approved) runs it for one subject in
 * the caller's transaction; a model change runs it over every subject in keyset batches (`regradeAll`).
 * It computes exactly what `gradeOf` (scoring.ts) computes.
 */
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { type Db, parallelism, queryRows } from '../../kernel/db/index.ts';
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

/** What a batch changed, summed up in SQL (a re-grade of everyone does not ship every change to the server). */
export interface GradeSummary {
  /** Subjects in the batch. */
  subjects: number;
  /** Subjects whose score, grade or model changed (all of them are updated). */
  changed: number;
  /** Of those, the ones whose grade changed. */
  gradeChanged: number;
  /** SHA-256 of `code \t previous grade \t grade \t score \n` over the changes in code order. */
  sha256: string;
}

interface GradeOpts {
  asOf: string;
  at: Date;
  cause: string;
  causeRef: string | null;
}

/**
 * The grading statement's common part: `graded` = the subjects `filter` selects whose score, grade or model
 * changes, with their new score and grade; `changed` updates exactly those; `hist` writes a history row, with the
 * explanation, for those whose score or grade moved (a model change that moves neither only updates the model).
 *
 * Everything runs on index range scans of the batch's key range, on both tables, and the update is filtered by
 * the same range (no scan of the whole subjects table per batch); points are summed without building the
 * explanation, which is built only for the subjects that get a history row. History ids are time-ordered
 * (`idBase` is a v7 UUID whose last 12 hex digits are replaced by the row's rank), so the history index grows at
 * its right edge.
 */
function gradingCtes(tenantId: string, model: ModelRow, filter: (code: SQL) => SQL, opts: GradeOpts): SQL {
  const def = model.definition;
  const rules = JSON.stringify(flatRules(def));
  const at = opts.at.toISOString();
  const idBase = newId().slice(0, 24);
  return sql`with rules as (
      select * from jsonb_to_recordset(${rules}::jsonb) as x(kind text, severity text, indicator text, points numeric, force text)
    ), contrib as (
      select r.credit_code, r.id, r.kind, r.severity, r.document_no, r.decided_on, ru.indicator, ru.points, ru.force
      from credit_records r join rules ru on ru.kind = r.kind and ru.severity = r.severity
      where r.tenant_id = ${tenantId} and ${filter(sql`r.credit_code`)} and r.status = 'active'
        and (r.publicity_end is null or r.publicity_end > ${opts.asOf}::date)
    ), agg as (
      select credit_code, sum(points) as delta, max(force) as forced from contrib group by credit_code
    ), scored as (
      select s.credit_code, s.score as prev_score, s.grade as prev_grade, s.model_id as prev_model,
        (${def.baseScore}::numeric + coalesce(agg.delta, 0))::numeric(10, 2) as score, agg.forced
      from credit_subjects s left join agg on agg.credit_code = s.credit_code
      where s.tenant_id = ${tenantId} and ${filter(sql`s.credit_code`)}
    ), graded as (
      select credit_code, prev_score, prev_grade, score,
        greatest(case when score >= ${def.thresholds.A}::numeric then 'A'
                      when score >= ${def.thresholds.B}::numeric then 'B'
                      when score >= ${def.thresholds.C}::numeric then 'C' else 'D' end,
                 coalesce(forced, 'A')) as grade,
        prev_model
      from scored
    ), changed as (
      update credit_subjects s set score = g.score, grade = g.grade, model_id = ${model.id}::uuid,
        graded_at = ${at}::timestamptz, updated_at = ${at}::timestamptz
      from graded g
      where s.tenant_id = ${tenantId} and ${filter(sql`s.credit_code`)} and s.credit_code = g.credit_code
        and (g.prev_grade is distinct from g.grade or g.prev_score is distinct from g.score
             or g.prev_model is distinct from ${model.id}::uuid)
      returning s.credit_code, g.prev_grade, g.prev_score, g.grade, g.score
    ), moved as (
      select credit_code, prev_grade, prev_score, grade, score, row_number() over (order by credit_code) as rn
      from changed where prev_grade is distinct from grade or prev_score is distinct from score
    ), explained as (
      select c.credit_code,
        jsonb_agg(jsonb_build_object('recordId', c.id, 'kind', c.kind, 'severity', c.severity, 'documentNo', c.document_no,
            'indicator', c.indicator, 'points', c.points)
          || case when c.force is null then '{}'::jsonb else jsonb_build_object('forceGrade', c.force) end
          order by c.decided_on, c.id) as explanation
      from contrib c where c.credit_code in (select credit_code from moved)
      group by c.credit_code
    ), hist as (
      insert into credit_grade_history (tenant_id, id, credit_code, model_id, model_version, score, grade,
        previous_grade, previous_score, cause, cause_ref, explanation, at)
      select ${tenantId}, (${idBase} || lpad(to_hex(m.rn), 12, '0'))::uuid, m.credit_code, ${model.id}::uuid,
        ${model.version}, m.score, m.grade, m.prev_grade, m.prev_score, ${opts.cause}, ${opts.causeRef},
        coalesce(e.explanation, '[]'::jsonb), ${at}::timestamptz
      from moved m left join explained e on e.credit_code = m.credit_code
    )`;
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
  opts: GradeOpts,
): Promise<GradeChange[]> {
  assertPublished(model);
  return queryRows<GradeChange>(
    db,
    sql`${gradingCtes(tenantId, model, filter, opts)}
    select credit_code, prev_grade, prev_score, grade, score from changed order by credit_code`,
  );
}

/** The same as `gradeWhere`, returning only the counts and the digest of the changes. */
export async function gradeSummaryWhere(
  db: Db,
  tenantId: string,
  model: ModelRow,
  filter: (code: SQL) => SQL,
  opts: GradeOpts,
): Promise<GradeSummary> {
  assertPublished(model);
  const [r] = await queryRows<{ subjects: number; changed: number; grade_changed: number; sha256: string }>(
    db,
    sql`${gradingCtes(tenantId, model, filter, opts)}
    select (select count(*) from scored)::int as subjects, count(*)::int as changed,
      (count(*) filter (where prev_grade is distinct from grade))::int as grade_changed,
      encode(sha256(convert_to(coalesce(string_agg(credit_code || E'\t' || coalesce(prev_grade, '') || E'\t' || grade
        || E'\t' || score::float8::text || E'\n', '' order by credit_code), ''), 'UTF8')), 'hex') as sha256
    from changed`,
  );
  return {
    subjects: Number(r!.subjects),
    changed: Number(r!.changed),
    gradeChanged: Number(r!.grade_changed),
    sha256: r!.sha256,
  };
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

export const REGRADE_BATCH = 50_000;
/** Batches graded at once on PostgreSQL (bounded by the pool). */
export const REGRADE_PARALLEL = 2;

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
 * Re-grades every subject of the tenant under a published model, in key ranges of `batchSize` subjects (two at a
 * time on PostgreSQL, `parallel`), each batch one transaction with one log entry (`credit.grades.regraded`: the batch's key range, counts and the
 * SHA-256 of its changes as an attachment; each change is in the grade history). Progress is kept in
 * `credit_regrade_runs` and reported to `onProgress`. A failed batch leaves the run `failed`; the batches before
 * it stay committed, and running again continues correctly (unchanged subjects are skipped).
 */
export async function regradeAll(
  ctx: Ctx,
  model: ModelRow,
  opts: { batchSize?: number; parallel?: number; onProgress?: (run: RegradeRun) => void } = {},
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
  // The batches' key ranges, from one index-only scan: every `size`-th code closes a batch, the last is open.
  const edges = (
    await queryRows<{ credit_code: string }>(
      ctx.db,
      sql`select credit_code from (select credit_code, row_number() over (order by credit_code) as rn
          from credit_subjects where tenant_id = ${tenantId}) x where rn % ${size} = 0 order by credit_code`,
    )
  ).map((r) => r.credit_code);
  const ranges: { n: number; from: string; upto: string | null }[] = edges.map((upto, i) => ({
    n: i + 1,
    from: i === 0 ? '' : edges[i - 1]!,
    upto,
  }));
  ranges.push({ n: edges.length + 1, from: edges.at(-1) ?? '', upto: null });
  const gradeBatch = async ({ n, from, upto }: (typeof ranges)[number]) => {
    const filter = (c: SQL) => (upto ? sql`${c} > ${from} and ${c} <= ${upto}` : sql`${c} > ${from}`);
    const graded = await ctx.db.transaction(async (tx) => {
      // Sorts and hashes of a batch fit in memory (the default 4 MB spills a 50,000-subject batch to disk), and
      // each batch is planned for its own key range: after five runs of the prepared statement PostgreSQL may
      // switch to a generic plan, which knows neither the range nor the rules and nests loops over the CTEs
      // (a 50,000-subject batch then took minutes instead of seconds).
      await tx.execute(sql`set local work_mem = '64MB'`);
      await tx.execute(sql`set local plan_cache_mode = force_custom_plan`);
      const sum = await gradeSummaryWhere(tx, tenantId, model, filter, {
        asOf,
        at: ctx.now,
        cause: 'model',
        causeRef: run.id,
      });
      // The open last range is empty when the count is a multiple of the batch size.
      if (sum.subjects === 0) return false;
      run.batches += 1;
      run.done += sum.subjects;
      run.changed += sum.changed;
      await appendLogEntry(tx, {
        tenantId,
        kind: 'credit.grades.regraded',
        actor: logActorOf(ctx.actor),
        subject: { type: 'credit-model', id: model.id },
        data: {
          runId: run.id,
          modelVersion: model.version,
          batch: n,
          from: from || null,
          to: upto,
          subjects: sum.subjects,
          changed: sum.changed,
          gradeChanged: sum.gradeChanged,
        },
        attachments: { changes: sum.sha256 },
        requestId: ctx.requestId,
        at: ctx.now,
      });
      // Issued in the order the batches finish, each with the totals so far: the row only grows.
      await tx
        .update(creditRegradeRuns)
        .set({ done: run.done, changed: run.changed, batches: run.batches })
        .where(and(eq(creditRegradeRuns.tenantId, tenantId), eq(creditRegradeRuns.id, run.id)));
      return true;
    });
    if (graded) opts.onProgress?.({ ...run });
  };
  try {
    // Batches are disjoint key ranges: on PostgreSQL two run at once (each its own connection and transaction).
    const workers = Math.min(opts.parallel ?? REGRADE_PARALLEL, parallelism(ctx.db), ranges.length);
    let next = 0;
    let failed: unknown = null;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < ranges.length && !failed) {
          const r = ranges[next++]!;
          try {
            await gradeBatch(r);
          } catch (e) {
            failed ??= e;
          }
        }
      }),
    );
    if (failed) throw failed;
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
