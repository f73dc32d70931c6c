import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/index.ts';
import { conflict, notFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { type Ctx, inTx, logActorOf } from '../../platform/access/index.ts';
import { appendLogEntry } from '../../platform/log/index.ts';
import { chinaDate, transition } from '../../platform/workflow/index.ts';
import { normativeCleanupItems, normativeCleanups, normativeRegister } from './normative.tables.ts';

/** 清理 outcomes: 继续有效 / 修改 / 废止 / 宣布失效 (rules.md §4.2 “CLEANUP_CYCLE”). */
export const CLEANUP_OUTCOMES = {
  keep: '继续有效',
  amend: '需要修改',
  repeal: '废止',
  invalid: '宣布失效',
} as const;
export type CleanupOutcome = keyof typeof CLEANUP_OUTCOMES;

/** The register status a repeal or a declaration of invalidity leaves. */
const ENDS_AS: Partial<Record<CleanupOutcome, string>> = { repeal: 'repealed', invalid: 'invalid' };
const STATUS_LABELS: Record<string, string> = {
  repealed: '已废止',
  invalid: '已宣布失效',
  expired: '有效期届满失效',
};

/** The document's step for the outcomes that end its force (through the workflow engine). */
const STEP: Partial<Record<CleanupOutcome, string>> = { repeal: 'repeal', invalid: 'declareInvalid' };

const log = (ctx: Ctx, subject: { type: string; id: string }, kind: string, data: Record<string, unknown>) =>
  appendLogEntry(ctx.db, {
    tenantId: ctx.actor.tenantId,
    kind,
    actor: logActorOf(ctx.actor),
    subject,
    data,
    requestId: ctx.requestId,
    at: ctx.now,
  });

const emptyCounts = () => ({ total: 0, undecided: 0, keep: 0, amend: 0, repeal: 0, invalid: 0 });
export type CleanupCounts = ReturnType<typeof emptyCounts>;

async function countsOf(db: Db, tenantId: string, ids: string[]) {
  const out = new Map<string, CleanupCounts>(ids.map((id) => [id, emptyCounts()]));
  if (ids.length === 0) return out;
  const i = normativeCleanupItems;
  const rows = await db
    .select({ cleanupId: i.cleanupId, outcome: i.outcome, n: count() })
    .from(i)
    .where(
      and(
        eq(i.tenantId, tenantId),
        sql`${i.cleanupId} in (${sql.join(
          ids.map((x) => sql`${x}`),
          sql`, `,
        )})`,
      ),
    )
    .groupBy(i.cleanupId, i.outcome);
  for (const r of rows) {
    const c = out.get(r.cleanupId);
    if (!c) continue;
    c.total += r.n;
    if (r.outcome === null) c.undecided += r.n;
    else c[r.outcome as CleanupOutcome] += r.n;
  }
  return out;
}

const campaignColumns = {
  id: normativeCleanups.id,
  title: normativeCleanups.title,
  reason: normativeCleanups.reason,
  openedOn: normativeCleanups.openedOn,
  status: normativeCleanups.status,
  documentCount: normativeCleanups.documentCount,
  openedByName: normativeCleanups.openedByName,
  publishedOn: normativeCleanups.publishedOn,
};

async function campaignRow(db: Db, tenantId: string, id: string, lock = false) {
  const q = db
    .select(campaignColumns)
    .from(normativeCleanups)
    .where(and(eq(normativeCleanups.tenantId, tenantId), eq(normativeCleanups.id, id)));
  const [c] = lock ? await q.for('update') : await q;
  if (!c) throw notFound('NORMATIVE.CLEANUP_NOT_FOUND', '清理活动不存在');
  return c;
}

/**
 * Opens a cleanup over every document in force today (published, `in-force`, not past expiry): one item row per
 * document by a single INSERT … SELECT, in one transaction with the campaign row and its log entry. One campaign is
 * open at a time; with no document in force nothing is stored.
 */
export function openCleanup(ctx: Ctx, input: { title: string; reason: string }) {
  return inTx(ctx, async (ctx) => {
    const tenantId = ctx.actor.tenantId;
    // Serialises openings within the tenant (the check below and the insert see one state).
    await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`normative-cleanup:${tenantId}`}))`);
    const [open] = await ctx.db
      .select({ id: normativeCleanups.id, title: normativeCleanups.title })
      .from(normativeCleanups)
      .where(and(eq(normativeCleanups.tenantId, tenantId), eq(normativeCleanups.status, 'open')));
    if (open)
      throw conflict('NORMATIVE.CLEANUP_OPEN', `清理活动“${open.title}”尚未公布结果，不能再开启新的清理`);
    const id = newId();
    const today = chinaDate(ctx.now);
    await ctx.db.insert(normativeCleanups).values({
      tenantId,
      id,
      title: input.title,
      reason: input.reason,
      openedOn: today,
      status: 'open',
      documentCount: 0,
      openedByName: ctx.actor.displayName,
      createdAt: ctx.now,
    });
    await ctx.db.execute(sql`
      insert into normative_cleanup_items (tenant_id, cleanup_id, case_id, number, title, issuer_name)
      select r.tenant_id, ${id}::uuid, r.case_id, r.number, r.title, r.issuer_name
        from normative_register r
       where r.tenant_id = ${tenantId} and r.status = 'in-force' and r.published
         and (r.expires_on is null or r.expires_on >= ${today}::date)`);
    const [{ n } = { n: 0 }] = await ctx.db
      .select({ n: count() })
      .from(normativeCleanupItems)
      .where(and(eq(normativeCleanupItems.tenantId, tenantId), eq(normativeCleanupItems.cleanupId, id)));
    if (n === 0) throw conflict('NORMATIVE.CLEANUP_EMPTY', '没有现行有效的规范性文件，无需清理');
    await ctx.db
      .update(normativeCleanups)
      .set({ documentCount: n })
      .where(and(eq(normativeCleanups.tenantId, tenantId), eq(normativeCleanups.id, id)));
    await log(ctx, { type: 'normative.cleanup', id }, 'normative.cleanup.opened', {
      title: input.title,
      reason: input.reason,
      documentCount: n,
    });
    return { id, documentCount: n, openedOn: today };
  });
}

/** The campaigns, newest first, each with its counts by outcome. */
export async function listCleanups(ctx: Ctx) {
  const rows = await ctx.db
    .select(campaignColumns)
    .from(normativeCleanups)
    .where(eq(normativeCleanups.tenantId, ctx.actor.tenantId))
    .orderBy(desc(normativeCleanups.createdAt));
  const counts = await countsOf(
    ctx.db,
    ctx.actor.tenantId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, counts: counts.get(r.id) ?? emptyCounts() }));
}

export async function getCleanup(ctx: Ctx, id: string) {
  const c = await campaignRow(ctx.db, ctx.actor.tenantId, id);
  const counts = await countsOf(ctx.db, ctx.actor.tenantId, [id]);
  return { ...c, counts: counts.get(id) ?? emptyCounts() };
}

/** A page of a campaign's documents, by number; `outcome` filters (`undecided` for those not yet decided). */
export async function cleanupItems(
  ctx: Ctx,
  id: string,
  f: { outcome?: CleanupOutcome | 'undecided' | undefined; page: number; pageSize: number },
) {
  await campaignRow(ctx.db, ctx.actor.tenantId, id);
  const i = normativeCleanupItems;
  const where = and(
    eq(i.tenantId, ctx.actor.tenantId),
    eq(i.cleanupId, id),
    f.outcome === 'undecided' ? isNull(i.outcome) : f.outcome ? eq(i.outcome, f.outcome) : undefined,
  );
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(i).where(where);
  const items = await ctx.db
    .select({
      caseId: i.caseId,
      number: i.number,
      title: i.title,
      issuerName: i.issuerName,
      outcome: i.outcome,
      reason: i.reason,
      decidedOn: i.decidedOn,
      decidedByName: i.decidedByName,
    })
    .from(i)
    .where(where)
    .orderBy(asc(i.number))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { total: n, items };
}

/**
 * Decides one document of an open campaign. Repeal and declare-invalid move the document through the workflow
 * engine's `repeal` / `declareInvalid` step (its permission, scope, state and log) in the same transaction as the
 * item's outcome and the campaign's log entry: either all of it is stored or nothing.
 */
export function decideCleanupItem(
  ctx: Ctx,
  id: string,
  caseId: string,
  input: { outcome: CleanupOutcome; reason: string },
) {
  return inTx(ctx, async (ctx) => {
    const c = await campaignRow(ctx.db, ctx.actor.tenantId, id, true);
    if (c.status !== 'open') throw conflict('NORMATIVE.CLEANUP_CLOSED', '清理结果已公布，不能再修改');
    const i = normativeCleanupItems;
    const key = and(eq(i.tenantId, ctx.actor.tenantId), eq(i.cleanupId, id), eq(i.caseId, caseId));
    const [item] = await ctx.db
      .select({ outcome: i.outcome, number: i.number })
      .from(i)
      .where(key)
      .for('update');
    if (!item) throw notFound('NORMATIVE.CLEANUP_ITEM_NOT_FOUND', '该文件不在本次清理范围内');
    if (item.outcome)
      throw conflict(
        'NORMATIVE.CLEANUP_DECIDED',
        `该文件已作出清理结论（${CLEANUP_OUTCOMES[item.outcome as CleanupOutcome] ?? item.outcome}）`,
      );
    const today = chinaDate(ctx.now);
    // A document that left force during the campaign (repealed, declared invalid or expired outside it) can only be
    // recorded with the outcome it already has; keep and amend are refused.
    const [reg] = await ctx.db
      .select({ status: normativeRegister.status })
      .from(normativeRegister)
      .where(and(eq(normativeRegister.tenantId, ctx.actor.tenantId), eq(normativeRegister.caseId, caseId)));
    const status = reg?.status ?? 'in-force';
    const already = status !== 'in-force' && status === ENDS_AS[input.outcome];
    if (status !== 'in-force' && !already)
      throw conflict(
        'NORMATIVE.CLEANUP_NOT_IN_FORCE',
        `${item.number}已不再有效（${STATUS_LABELS[status] ?? status}），不能作出该结论`,
      );
    const step = STEP[input.outcome];
    if (step && !already)
      await transition(ctx, caseId, step, { reason: `清理：${input.reason}`, decidedOn: today });
    await ctx.db
      .update(i)
      .set({
        outcome: input.outcome,
        reason: input.reason,
        decidedOn: today,
        decidedByName: ctx.actor.displayName,
      })
      .where(key);
    await log(ctx, { type: 'case', id: caseId }, 'normative.cleanup.decided', {
      cleanupId: id,
      number: item.number,
      outcome: input.outcome,
      reason: input.reason,
    });
    return { caseId, outcome: input.outcome, decidedOn: today };
  });
}

/** Publishes the results once every document is decided (counts by outcome, and the lists). */
export function publishCleanup(ctx: Ctx, id: string) {
  return inTx(ctx, async (ctx) => {
    const c = await campaignRow(ctx.db, ctx.actor.tenantId, id, true);
    if (c.status !== 'open') throw conflict('NORMATIVE.CLEANUP_CLOSED', '清理结果已公布');
    const counts = (await countsOf(ctx.db, ctx.actor.tenantId, [id])).get(id) ?? emptyCounts();
    if (counts.undecided > 0)
      throw conflict(
        'NORMATIVE.CLEANUP_UNDECIDED',
        `尚有${counts.undecided}件文件未作出清理结论，不能公布结果`,
      );
    const today = chinaDate(ctx.now);
    await ctx.db
      .update(normativeCleanups)
      .set({ status: 'published', publishedOn: today })
      .where(and(eq(normativeCleanups.tenantId, ctx.actor.tenantId), eq(normativeCleanups.id, id)));
    await log(ctx, { type: 'normative.cleanup', id }, 'normative.cleanup.published', { counts });
    return { ...c, status: 'published', publishedOn: today, counts };
  });
}

/** The published campaigns of a tenant, for the portal: counts, and the repealed / invalid / amended documents. */
export async function publishedCleanups(db: Db, tenantId: string) {
  const rows = await db
    .select(campaignColumns)
    .from(normativeCleanups)
    .where(and(eq(normativeCleanups.tenantId, tenantId), eq(normativeCleanups.status, 'published')))
    .orderBy(desc(normativeCleanups.publishedOn), desc(normativeCleanups.createdAt));
  const counts = await countsOf(
    db,
    tenantId,
    rows.map((r) => r.id),
  );
  const i = normativeCleanupItems;
  const changed = rows.length
    ? await db
        .select({
          cleanupId: i.cleanupId,
          number: i.number,
          title: i.title,
          outcome: i.outcome,
          reason: i.reason,
        })
        .from(i)
        .where(
          and(
            eq(i.tenantId, tenantId),
            sql`${i.cleanupId} in (${sql.join(
              rows.map((r) => sql`${r.id}`),
              sql`, `,
            )})`,
            sql`${i.outcome} in ('amend', 'repeal', 'invalid')`,
          ),
        )
        .orderBy(asc(i.number))
    : [];
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    reason: r.reason,
    openedOn: r.openedOn,
    publishedOn: r.publishedOn,
    counts: counts.get(r.id) ?? emptyCounts(),
    changed: changed
      .filter((x) => x.cleanupId === r.id)
      .map((x) => ({ number: x.number, title: x.title, outcome: String(x.outcome), reason: x.reason ?? '' })),
  }));
}
