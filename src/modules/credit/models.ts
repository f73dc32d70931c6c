/**
 * The scoring model's versions: an administrator drafts a version (copying the active one by default), edits
 * it, and publishes it; a published version is immutable and becomes the active one, and every subject is
 * re-graded under it. Grading with a draft is refused (CREDIT.MODEL_NOT_PUBLISHED).
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { conflict, notFound, ProblemCollector } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { type Ctx, inTx, logActorOf } from '../../platform/access/index.ts';
import { appendLogEntry } from '../../platform/log/index.ts';
import { creditModels, creditRegradeRuns } from './credit.tables.ts';
import { activeModel, assertPublished, type ModelRow, type RegradeRun, regradeAll } from './grading.ts';
import { checkModelDefinition, DEFAULT_MODEL, type ModelDefinition } from './scoring.ts';

export interface ModelView extends ModelRow {
  active: boolean;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

export async function listModels(ctx: Ctx): Promise<ModelView[]> {
  const active = await activeModel(ctx.db, ctx.actor.tenantId);
  const rows = await ctx.db
    .select()
    .from(creditModels)
    .where(eq(creditModels.tenantId, ctx.actor.tenantId))
    .orderBy(desc(creditModels.version));
  return rows.map((r) => present(r, active?.id ?? null));
}

const present = (r: typeof creditModels.$inferSelect, activeId: string | null): ModelView => ({
  id: r.id,
  version: r.version,
  name: r.name,
  status: r.status,
  definition: json(r.definition),
  active: r.id === activeId,
  publishedAt: r.publishedAt,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export async function getModel(ctx: Ctx, id: string): Promise<ModelView> {
  const [r] = await ctx.db
    .select()
    .from(creditModels)
    .where(and(eq(creditModels.tenantId, ctx.actor.tenantId), eq(creditModels.id, id)));
  if (!r) throw notFound('CREDIT.MODEL_NOT_FOUND', '评分模型版本不存在');
  const active = await activeModel(ctx.db, ctx.actor.tenantId);
  return present(r, active?.id ?? null);
}

/** Drafts a new version from `definition`, or else a copy of the active version (or the default model). */
export function createModel(
  ctx: Ctx,
  input: { name: string; definition?: ModelDefinition | undefined },
): Promise<ModelView> {
  return inTx(ctx, async (ctx) => {
    const definition =
      input.definition ?? (await activeModel(ctx.db, ctx.actor.tenantId))?.definition ?? DEFAULT_MODEL;
    const check = new ProblemCollector();
    checkModelDefinition(definition, check, '/body/definition');
    check.throwIfAny('CREDIT.MODEL_INVALID', '评分模型有误，请按提示修改');
    const [{ v }] = (await ctx.db
      .select({ v: sql<number>`coalesce(max(${creditModels.version}), 0)::int` })
      .from(creditModels)
      .where(eq(creditModels.tenantId, ctx.actor.tenantId))) as [{ v: number }];
    const id = newId();
    const version = Number(v) + 1;
    await ctx.db.insert(creditModels).values({
      tenantId: ctx.actor.tenantId,
      id,
      version,
      name: input.name,
      status: 'draft',
      definition,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await log(ctx, 'credit.model.drafted', id, { after: { version, name: input.name, definition } });
    return getModel(ctx, id);
  });
}

/** Edits a draft. A published version is immutable. */
export function updateModel(
  ctx: Ctx,
  id: string,
  patch: { name?: string | undefined; definition?: ModelDefinition | undefined },
): Promise<ModelView> {
  return inTx(ctx, async (ctx) => {
    const cur = await getModel(ctx, id);
    if (cur.status !== 'draft')
      throw conflict('CREDIT.MODEL_PUBLISHED', `评分模型第${cur.version}版已发布，不能修改；请起草新版本`);
    const next = { name: patch.name ?? cur.name, definition: patch.definition ?? cur.definition };
    const check = new ProblemCollector();
    checkModelDefinition(next.definition, check, '/body/definition');
    check.throwIfAny('CREDIT.MODEL_INVALID', '评分模型有误，请按提示修改');
    await ctx.db
      .update(creditModels)
      .set({ ...next, updatedAt: ctx.now })
      .where(and(eq(creditModels.tenantId, ctx.actor.tenantId), eq(creditModels.id, id)));
    await log(ctx, 'credit.model.updated', id, {
      before: { name: cur.name, definition: cur.definition },
      after: next,
    });
    return getModel(ctx, id);
  });
}

/** Publishes a draft (it becomes the active version, immutable) and re-grades every subject under it. */
export async function publishModel(
  ctx: Ctx,
  id: string,
  opts: { onProgress?: (run: RegradeRun) => void } = {},
): Promise<{ model: ModelView; run: RegradeRun }> {
  const model = await inTx(ctx, async (ctx) => {
    const cur = await getModel(ctx, id);
    if (cur.status !== 'draft') throw conflict('CREDIT.MODEL_PUBLISHED', `评分模型第${cur.version}版已发布`);
    // Only one publication at a time: the row lock orders concurrent publishers.
    await ctx.db
      .update(creditModels)
      .set({ status: 'published', publishedAt: ctx.now, publishedBy: ctx.actor.userId, updatedAt: ctx.now })
      .where(
        and(
          eq(creditModels.tenantId, ctx.actor.tenantId),
          eq(creditModels.id, id),
          eq(creditModels.status, 'draft'),
        ),
      );
    await log(ctx, 'credit.model.published', id, {
      before: { status: 'draft' },
      after: { status: 'published', version: cur.version },
    });
    return getModel(ctx, id);
  });
  const run = await regradeAll(ctx, model, opts);
  return { model: await getModel(ctx, id), run };
}

/**
 * The re-grade runs of a version, newest first (at most 20): a client polls it while a publication or a re-grade
 * it started is running, to show the progress batch by batch.
 */
export async function listRegradeRuns(ctx: Ctx, modelId: string): Promise<RegradeRun[]> {
  const model = await getModel(ctx, modelId);
  const rows = await ctx.db
    .select()
    .from(creditRegradeRuns)
    .where(and(eq(creditRegradeRuns.tenantId, ctx.actor.tenantId), eq(creditRegradeRuns.modelId, model.id)))
    .orderBy(desc(creditRegradeRuns.startedAt), desc(creditRegradeRuns.id))
    .limit(20);
  return rows.map((r) => ({
    id: r.id,
    modelId: r.modelId,
    status: r.status,
    total: r.total,
    done: r.done,
    changed: r.changed,
    batches: r.batches,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  }));
}

/** Re-grades every subject under a version; refused for a draft (grades come only from published versions). */
export async function regradeWith(ctx: Ctx, id: string): Promise<RegradeRun> {
  const model = await getModel(ctx, id);
  assertPublished(model);
  if (!model.active)
    throw conflict('CREDIT.MODEL_NOT_ACTIVE', `评分模型第${model.version}版不是现行版本，不能用于重新评级`);
  return regradeAll(ctx, model);
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
    subject: { type: 'credit-model', id },
    ...change,
    requestId: ctx.requestId,
    at: ctx.now,
  });
}
