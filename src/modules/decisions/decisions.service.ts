import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/index.ts';
import { conflict, notFound, ProblemCollector } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { type Ctx, inTx, logActorOf } from '../../platform/access/index.ts';
import { appendLogEntry } from '../../platform/log/index.ts';
import { units } from '../../platform/org/org.tables.ts';
import { type CaseRow, chinaDate } from '../../platform/workflow/index.ts';
import { requestReview } from '../legality/index.ts';
import {
  decisionCatalogueAdjustments,
  decisionCatalogueItems,
  decisionCatalogues,
  decisionRegister,
} from './decisions.tables.ts';

export const DECISION_TYPE = 'decisions.decision';

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

// ---------- the annual catalogue ----------

export interface ItemInput {
  title?: string | undefined;
  category?: string | undefined;
  proposingUnitId?: string | undefined;
  description?: string | undefined;
  plannedQuarter?: number | undefined;
  withdrawn?: boolean | undefined;
  reason?: string | undefined;
}

type ItemRow = typeof decisionCatalogueItems.$inferSelect;
const itemView = (r: ItemRow) => ({
  id: r.id,
  year: r.year,
  seq: r.seq,
  title: r.title,
  category: r.category,
  proposingUnitId: r.proposingUnitId,
  proposingUnitName: r.proposingUnitName,
  description: r.description,
  plannedQuarter: r.plannedQuarter,
  status: r.status,
});
const itemFacts = (r: ItemRow) => {
  const { id: _id, year: _y, seq: _s, ...rest } = itemView(r);
  return rest;
};

async function catalogueRow(db: Db, tenantId: string, year: number) {
  const [c] = await db
    .select()
    .from(decisionCatalogues)
    .where(and(eq(decisionCatalogues.tenantId, tenantId), eq(decisionCatalogues.year, year)));
  return c;
}

async function unitName(db: Db, tenantId: string, unitId: string) {
  const [u] = await db
    .select({ name: units.name })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.id, unitId), eq(units.status, 'active')));
  return u?.name;
}

/** After publication every change needs its reason (目录调整): the reason is the first problem listed. */
function needReason(published: boolean, reason: string | undefined, check: ProblemCollector) {
  if (published && !reason) check.add('/body/reason', '目录已公布，调整目录应当说明理由');
}

async function recordAdjustment(
  ctx: Ctx,
  year: number,
  itemId: string,
  action: 'add' | 'change' | 'withdraw',
  reason: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
) {
  await ctx.db.insert(decisionCatalogueAdjustments).values({
    tenantId: ctx.actor.tenantId,
    id: newId(),
    year,
    itemId,
    action,
    reason,
    before,
    after,
    actorName: ctx.actor.displayName,
    createdAt: ctx.now,
  });
}

/** Adds an item to a year's catalogue (a recorded adjustment once the catalogue is published). */
export async function addItem(
  ctx: Ctx,
  year: number,
  b: Required<Pick<ItemInput, 'title' | 'category' | 'proposingUnitId'>> & ItemInput,
) {
  return inTx(ctx, async (ctx) => {
    const tenantId = ctx.actor.tenantId;
    const cat = await catalogueRow(ctx.db, tenantId, year);
    const check = new ProblemCollector();
    needReason(cat?.status === 'published', b.reason, check);
    const name = await unitName(ctx.db, tenantId, b.proposingUnitId);
    if (!name) check.add('/body/proposingUnitId', '提出单位不存在或已停用');
    check.throwIfAny('DECISIONS.ITEM_INVALID');
    if (!cat)
      await ctx.db.insert(decisionCatalogues).values({ tenantId, year, status: 'draft', createdAt: ctx.now });
    const [n] = await ctx.db
      .select({ next: sql<number>`coalesce(max(${decisionCatalogueItems.seq}), 0) + 1` })
      .from(decisionCatalogueItems)
      .where(and(eq(decisionCatalogueItems.tenantId, tenantId), eq(decisionCatalogueItems.year, year)));
    const row: ItemRow = {
      tenantId,
      id: newId(),
      year,
      seq: Number(n?.next ?? 1),
      title: b.title,
      category: b.category,
      proposingUnitId: b.proposingUnitId,
      proposingUnitName: name as string,
      description: b.description ?? null,
      plannedQuarter: b.plannedQuarter ?? null,
      status: 'listed',
      createdAt: ctx.now,
    };
    await ctx.db.insert(decisionCatalogueItems).values(row);
    if (cat?.status === 'published')
      await recordAdjustment(ctx, year, row.id, 'add', b.reason as string, null, itemFacts(row));
    await log(ctx, { type: 'decision-catalogue', id: String(year) }, 'decisions.catalogue.item-added', {
      itemId: row.id,
      item: itemFacts(row),
      reason: b.reason ?? null,
    });
    return itemView(row);
  });
}

/** Changes or withdraws an item (a recorded adjustment once the catalogue is published). */
export async function updateItem(ctx: Ctx, year: number, itemId: string, b: ItemInput) {
  return inTx(ctx, async (ctx) => {
    const tenantId = ctx.actor.tenantId;
    const [cur] = await ctx.db
      .select()
      .from(decisionCatalogueItems)
      .where(
        and(
          eq(decisionCatalogueItems.tenantId, tenantId),
          eq(decisionCatalogueItems.year, year),
          eq(decisionCatalogueItems.id, itemId),
        ),
      )
      .for('update');
    if (!cur) throw notFound('DECISIONS.ITEM_NOT_FOUND', '目录事项不存在');
    const cat = await catalogueRow(ctx.db, tenantId, year);
    const check = new ProblemCollector();
    needReason(cat?.status === 'published', b.reason, check);
    let name = cur.proposingUnitName;
    if (b.proposingUnitId && b.proposingUnitId !== cur.proposingUnitId) {
      const n = await unitName(ctx.db, tenantId, b.proposingUnitId);
      if (!n) check.add('/body/proposingUnitId', '提出单位不存在或已停用');
      else name = n;
    }
    if (cur.status === 'withdrawn') check.add('/body', '该事项已调出目录');
    check.throwIfAny('DECISIONS.ITEM_INVALID');
    const next: ItemRow = {
      ...cur,
      title: b.title ?? cur.title,
      category: b.category ?? cur.category,
      proposingUnitId: b.proposingUnitId ?? cur.proposingUnitId,
      proposingUnitName: name,
      description: b.description ?? cur.description,
      plannedQuarter: b.plannedQuarter ?? cur.plannedQuarter,
      status: b.withdrawn ? 'withdrawn' : cur.status,
    };
    await ctx.db
      .update(decisionCatalogueItems)
      .set(next)
      .where(and(eq(decisionCatalogueItems.tenantId, tenantId), eq(decisionCatalogueItems.id, itemId)));
    const action = b.withdrawn ? 'withdraw' : 'change';
    if (cat?.status === 'published')
      await recordAdjustment(ctx, year, itemId, action, b.reason as string, itemFacts(cur), itemFacts(next));
    await log(ctx, { type: 'decision-catalogue', id: String(year) }, `decisions.catalogue.item-${action}`, {
      itemId,
      before: itemFacts(cur),
      after: itemFacts(next),
      reason: b.reason ?? null,
    });
    return itemView(next);
  });
}

/** Publishes the year's catalogue after the Party committee's consent (条例第三条). */
export async function publishCatalogue(
  ctx: Ctx,
  year: number,
  b: { partyConsentOn: string; note?: string | undefined },
) {
  return inTx(ctx, async (ctx) => {
    const tenantId = ctx.actor.tenantId;
    const cat = await catalogueRow(ctx.db, tenantId, year);
    if (cat?.status === 'published') throw conflict('DECISIONS.CATALOGUE_PUBLISHED', `${year}年度目录已公布`);
    const today = chinaDate(ctx.now);
    const check = new ProblemCollector();
    if (b.partyConsentOn > today) check.add('/body/partyConsentOn', '党委同意日期不能晚于今天');
    check.throwIfAny('DECISIONS.CATALOGUE_INVALID');
    if (!cat) throw conflict('DECISIONS.CATALOGUE_EMPTY', `${year}年度目录尚无决策事项，不能公布`);
    await ctx.db
      .update(decisionCatalogues)
      .set({
        status: 'published',
        partyConsentOn: b.partyConsentOn,
        publishedOn: today,
        publishedByName: ctx.actor.displayName,
        note: b.note ?? null,
      })
      .where(and(eq(decisionCatalogues.tenantId, tenantId), eq(decisionCatalogues.year, year)));
    await log(ctx, { type: 'decision-catalogue', id: String(year) }, 'decisions.catalogue.published', {
      year,
      partyConsentOn: b.partyConsentOn,
    });
    return { year, status: 'published', publishedOn: today };
  });
}

export async function catalogueItems(db: Db, tenantId: string, year: number) {
  return db
    .select()
    .from(decisionCatalogueItems)
    .where(and(eq(decisionCatalogueItems.tenantId, tenantId), eq(decisionCatalogueItems.year, year)))
    .orderBy(asc(decisionCatalogueItems.seq));
}

export async function catalogueHeader(db: Db, tenantId: string, year: number) {
  const c = await catalogueRow(db, tenantId, year);
  return {
    year,
    status: c?.status ?? 'draft',
    partyConsentOn: c?.partyConsentOn ?? null,
    publishedOn: c?.publishedOn ?? null,
    note: c?.note ?? null,
  };
}

export async function catalogueAdjustments(db: Db, tenantId: string, year: number) {
  const rows = await db
    .select()
    .from(decisionCatalogueAdjustments)
    .where(
      and(eq(decisionCatalogueAdjustments.tenantId, tenantId), eq(decisionCatalogueAdjustments.year, year)),
    )
    .orderBy(asc(decisionCatalogueAdjustments.createdAt));
  return rows.map((r) => ({
    id: r.id,
    itemId: r.itemId,
    action: r.action,
    reason: r.reason,
    before: r.before,
    after: r.after,
    actorName: r.actorName,
    at: r.createdAt.toISOString(),
  }));
}

/** The portal's catalogue: published years only, listed items and every adjustment's reason. */
export async function publicCatalogue(db: Db, tenantId: string, year: number) {
  const head = await catalogueHeader(db, tenantId, year);
  if (head.status !== 'published') throw notFound('DECISIONS.CATALOGUE_NOT_FOUND', `${year}年度目录尚未公布`);
  const items = await catalogueItems(db, tenantId, year);
  const adjustments = await catalogueAdjustments(db, tenantId, year);
  return {
    ...head,
    items: items.map(itemView),
    adjustments: adjustments.map(({ action, reason, itemId, at }) => ({ action, reason, itemId, at })),
  };
}

/** The gate: the decision carries out a listed item of a published catalogue. */
export async function catalogueItemListed(ctx: Ctx, itemId: string): Promise<boolean> {
  const [r] = await ctx.db
    .select({ status: decisionCatalogues.status })
    .from(decisionCatalogueItems)
    .innerJoin(
      decisionCatalogues,
      and(
        eq(decisionCatalogues.tenantId, decisionCatalogueItems.tenantId),
        eq(decisionCatalogues.year, decisionCatalogueItems.year),
      ),
    )
    .where(
      and(
        eq(decisionCatalogueItems.tenantId, ctx.actor.tenantId),
        eq(decisionCatalogueItems.id, itemId),
        eq(decisionCatalogueItems.status, 'listed'),
      ),
    );
  return r?.status === 'published';
}

// ---------- effects of the decision's steps ----------

export async function requestDecisionReview(
  ctx: Ctx,
  row: CaseRow,
  materials: { name: string; note?: string | undefined }[],
) {
  await requestReview(ctx, {
    kind: 'major-decision',
    subject: { type: DECISION_TYPE, id: row.id },
    title: row.title,
    materials,
    unitId: row.unitId,
  });
}

export async function publishDecision(
  ctx: Ctx,
  row: CaseRow,
  i: {
    publishedOn: string;
    documentNo: string;
    channel: string;
    summary: string;
    adoptionExplanation?: string | undefined;
  },
) {
  const [item] = await ctx.db
    .select({ year: decisionCatalogueItems.year })
    .from(decisionCatalogueItems)
    .where(
      and(
        eq(decisionCatalogueItems.tenantId, row.tenantId),
        eq(decisionCatalogueItems.id, String(row.data.catalogueItemId)),
      ),
    );
  await ctx.db.insert(decisionRegister).values({
    tenantId: row.tenantId,
    caseId: row.id,
    caseNumber: row.number,
    title: row.title,
    unitName: (await unitName(ctx.db, row.tenantId, row.unitId)) ?? '',
    documentNo: i.documentNo,
    publishedOn: i.publishedOn,
    channel: i.channel,
    summary: i.summary,
    adoptionExplanation: i.adoptionExplanation ?? null,
    catalogueYear: item?.year ?? null,
    createdAt: ctx.now,
  });
}

// ---------- portal ----------

const publicView = (r: typeof decisionRegister.$inferSelect) => ({
  id: r.caseId,
  title: r.title,
  unitName: r.unitName,
  documentNo: r.documentNo,
  publishedOn: r.publishedOn,
  channel: r.channel,
  summary: r.summary,
  adoptionExplanation: r.adoptionExplanation,
  catalogueYear: r.catalogueYear,
});

export async function publicDecisions(db: Db, tenantId: string, year?: number) {
  const rows = await db
    .select()
    .from(decisionRegister)
    .where(
      and(
        eq(decisionRegister.tenantId, tenantId),
        year ? eq(decisionRegister.catalogueYear, year) : undefined,
      ),
    )
    .orderBy(desc(decisionRegister.publishedOn), asc(decisionRegister.caseNumber));
  return rows.map(publicView);
}

export async function publicDecision(db: Db, tenantId: string, id: string) {
  const [r] = await db
    .select()
    .from(decisionRegister)
    .where(and(eq(decisionRegister.tenantId, tenantId), eq(decisionRegister.caseId, id)));
  if (!r) throw notFound('DECISIONS.NOT_PUBLISHED', '决策不存在或尚未公布');
  return publicView(r);
}
