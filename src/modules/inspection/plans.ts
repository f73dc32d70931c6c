/**
 * 随机抽查事项清单 (each department's inspection items: general or key, with subject, legal basis, method and
 * content) and 年度抽查计划 (a department's annual plan listing the items it will inspect). Both are public
 * (rules.md §3.2, §3.6); tasks are published under a plan.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/index.ts';
import { forbidden, notFound, ProblemCollector } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { type Ctx, inTx, logActorOf, scopeWhere } from '../../platform/access/index.ts';
import { appendLogEntry } from '../../platform/log/index.ts';
import { units as unitsRef } from '../../platform/org/org.tables.ts';
import { InspectionPermissions as P } from './inspection.permissions.ts';
import { inspectionItems, inspectionPlans } from './inspection.tables.ts';

const read = P['inspection.task.read'];
const manage = P['inspection.task.manage'];

export const ITEM_KINDS = { general: '一般检查事项', key: '重点检查事项' } as const;
export type ItemKind = keyof typeof ITEM_KINDS;
export const INSPECTION_METHODS = ['现场检查', '书面检查', '网络监测', '抽样检验', '委托专业机构'] as const;

export interface ItemInput {
  code: string;
  name: string;
  kind: ItemKind;
  subject: string;
  legalBasis: string;
  method: string;
  content: string;
  status?: 'active' | 'retired' | undefined;
}
export interface ItemView extends Required<ItemInput> {
  id: string;
  unitId: string;
  unitName: string | null;
  canManage: boolean;
}

const itemScope = { tenantId: inspectionItems.tenantId, unitId: inspectionItems.unitId };
const planScope = { tenantId: inspectionPlans.tenantId, unitId: inspectionPlans.unitId };

async function log(ctx: Ctx, kind: string, type: string, id: string, data: Record<string, unknown>) {
  await appendLogEntry(ctx.db, {
    tenantId: ctx.actor.tenantId,
    kind,
    actor: logActorOf(ctx.actor),
    subject: { type, id },
    data,
    requestId: ctx.requestId,
    at: ctx.now,
  });
}

const itemCols = {
  id: inspectionItems.id,
  code: inspectionItems.code,
  name: inspectionItems.name,
  kind: inspectionItems.kind,
  subject: inspectionItems.subject,
  legalBasis: inspectionItems.legalBasis,
  method: inspectionItems.method,
  content: inspectionItems.content,
  status: inspectionItems.status,
  unitId: inspectionItems.unitId,
  unitName: sql<
    string | null
  >`(select u.name from units u where u.tenant_id = ${inspectionItems.tenantId} and u.id = ${inspectionItems.unitId})`,
};

/** The items the actor may read, by department and code. */
export async function listItems(ctx: Ctx): Promise<ItemView[]> {
  const rows = await ctx.db
    .select({ ...itemCols, canManage: sql<boolean>`${scopeWhere(ctx.actor, manage, itemScope)}` })
    .from(inspectionItems)
    .where(and(eq(inspectionItems.tenantId, ctx.actor.tenantId), scopeWhere(ctx.actor, read, itemScope))!)
    .orderBy(asc(inspectionItems.unitId), asc(inspectionItems.code));
  return rows.map((r) => ({
    ...r,
    kind: r.kind as ItemKind,
    status: r.status as 'active',
    canManage: !!r.canManage,
  }));
}

async function getItem(ctx: Ctx, id: string): Promise<ItemView> {
  const [r] = await ctx.db
    .select({ ...itemCols, canManage: sql<boolean>`${scopeWhere(ctx.actor, manage, itemScope)}` })
    .from(inspectionItems)
    .where(
      and(
        eq(inspectionItems.tenantId, ctx.actor.tenantId),
        eq(inspectionItems.id, id),
        scopeWhere(ctx.actor, read, itemScope),
      )!,
    );
  if (!r) throw notFound('INSPECTION.ITEM_NOT_FOUND', '抽查事项不存在或无权查看');
  return { ...r, kind: r.kind as ItemKind, status: r.status as 'active', canManage: !!r.canManage };
}

async function codeTaken(ctx: Ctx, code: string, except?: string) {
  const rows = await ctx.db
    .select({ id: inspectionItems.id })
    .from(inspectionItems)
    .where(and(eq(inspectionItems.tenantId, ctx.actor.tenantId), eq(inspectionItems.code, code))!);
  return rows.some((r) => r.id !== except);
}

/** Adds an item to the actor's department's list. */
export function createItem(ctx: Ctx, input: ItemInput): Promise<ItemView> {
  return inTx(ctx, async (ctx) => {
    if (!ctx.actor.unitId) throw forbidden('INSPECTION.FORBIDDEN', '未归属单位的账号不能编制抽查事项清单');
    const check = new ProblemCollector();
    if (await codeTaken(ctx, input.code)) check.add('/body/code', '该事项编码已存在');
    check.throwIfAny('INSPECTION.ITEM_INVALID');
    const id = newId();
    const values = { ...input, status: input.status ?? 'active' };
    await ctx.db.insert(inspectionItems).values({
      tenantId: ctx.actor.tenantId,
      id,
      unitId: ctx.actor.unitId,
      ...values,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const view = await getItem(ctx, id);
    if (!view.canManage) throw forbidden('INSPECTION.FORBIDDEN', '无权编制抽查事项清单');
    await log(ctx, 'inspection.item.created', 'inspection-item', id, { after: values });
    return view;
  });
}

/** Changes an item (the list is adjusted dynamically; a retired item is kept for the tasks that cite it). */
export function updateItem(ctx: Ctx, id: string, patch: Partial<ItemInput>): Promise<ItemView> {
  return inTx(ctx, async (ctx) => {
    const cur = await getItem(ctx, id);
    if (!cur.canManage) throw forbidden('INSPECTION.FORBIDDEN', '无权修改该抽查事项');
    const check = new ProblemCollector();
    if (patch.code && patch.code !== cur.code && (await codeTaken(ctx, patch.code, id)))
      check.add('/body/code', '该事项编码已存在');
    check.throwIfAny('INSPECTION.ITEM_INVALID');
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(patch)) {
      if (v !== undefined && (cur as unknown as Record<string, unknown>)[k] !== v) {
        before[k] = (cur as unknown as Record<string, unknown>)[k];
        after[k] = v;
      }
    }
    if (Object.keys(after).length === 0) return cur;
    await ctx.db
      .update(inspectionItems)
      .set({ ...after, updatedAt: ctx.now })
      .where(and(eq(inspectionItems.tenantId, ctx.actor.tenantId), eq(inspectionItems.id, id)));
    await log(ctx, 'inspection.item.updated', 'inspection-item', id, { before, after });
    return getItem(ctx, id);
  });
}

/** Checks item ids against the tenant's active items, reporting each unknown one at `pointer/<i>`. */
export async function checkItems(ctx: Ctx, ids: readonly string[], pointer: string, check: ProblemCollector) {
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .select({ id: inspectionItems.id, name: inspectionItems.name, status: inspectionItems.status })
    .from(inspectionItems)
    .where(and(eq(inspectionItems.tenantId, ctx.actor.tenantId), inArray(inspectionItems.id, [...ids]))!);
  ids.forEach((id, i) => {
    const r = rows.find((x) => x.id === id);
    if (!r) check.add(`${pointer}/${i}`, '抽查事项不存在');
    else if (r.status !== 'active') check.add(`${pointer}/${i}`, `抽查事项“${r.name}”已停用`);
  });
  return rows;
}

export interface PlanInput {
  year: number;
  title: string;
  description: string;
  itemIds: string[];
}
export interface PlanView extends PlanInput {
  id: string;
  unitId: string;
  unitName: string | null;
  createdAt: Date;
  canManage: boolean;
}

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
const planCols = {
  id: inspectionPlans.id,
  year: inspectionPlans.year,
  title: inspectionPlans.title,
  description: inspectionPlans.description,
  itemIds: inspectionPlans.itemIds,
  unitId: inspectionPlans.unitId,
  createdAt: inspectionPlans.createdAt,
  unitName: sql<
    string | null
  >`(select u.name from units u where u.tenant_id = ${inspectionPlans.tenantId} and u.id = ${inspectionPlans.unitId})`,
};

/** The plans the actor may read, newest year first. */
export async function listPlans(ctx: Ctx): Promise<PlanView[]> {
  const rows = await ctx.db
    .select({ ...planCols, canManage: sql<boolean>`${scopeWhere(ctx.actor, manage, planScope)}` })
    .from(inspectionPlans)
    .where(and(eq(inspectionPlans.tenantId, ctx.actor.tenantId), scopeWhere(ctx.actor, read, planScope))!)
    .orderBy(desc(inspectionPlans.year), asc(inspectionPlans.title));
  return rows.map((r) => ({ ...r, itemIds: json(r.itemIds), canManage: !!r.canManage }));
}

/** One plan (404 outside the actor's read scope). */
export async function getPlan(ctx: Ctx, id: string): Promise<PlanView> {
  const [r] = await ctx.db
    .select({ ...planCols, canManage: sql<boolean>`${scopeWhere(ctx.actor, manage, planScope)}` })
    .from(inspectionPlans)
    .where(
      and(
        eq(inspectionPlans.tenantId, ctx.actor.tenantId),
        eq(inspectionPlans.id, id),
        scopeWhere(ctx.actor, read, planScope),
      )!,
    );
  if (!r) throw notFound('INSPECTION.PLAN_NOT_FOUND', '抽查计划不存在或无权查看');
  return { ...r, itemIds: json(r.itemIds), canManage: !!r.canManage };
}

/** Publishes the actor's department's annual plan. */
export function createPlan(ctx: Ctx, input: PlanInput): Promise<PlanView> {
  return inTx(ctx, async (ctx) => {
    if (!ctx.actor.unitId) throw forbidden('INSPECTION.FORBIDDEN', '未归属单位的账号不能制定抽查计划');
    const check = new ProblemCollector();
    await checkItems(ctx, input.itemIds, '/body/itemIds', check);
    const dup = await ctx.db
      .select({ id: inspectionPlans.id })
      .from(inspectionPlans)
      .where(
        and(
          eq(inspectionPlans.tenantId, ctx.actor.tenantId),
          eq(inspectionPlans.unitId, ctx.actor.unitId),
          eq(inspectionPlans.title, input.title),
        )!,
      );
    if (dup.length > 0) check.add('/body/title', '本单位已有同名抽查计划');
    check.throwIfAny('INSPECTION.PLAN_INVALID');
    const id = newId();
    await ctx.db.insert(inspectionPlans).values({
      tenantId: ctx.actor.tenantId,
      id,
      unitId: ctx.actor.unitId,
      ...input,
      createdAt: ctx.now,
    });
    const view = await getPlan(ctx, id);
    if (!view.canManage) throw forbidden('INSPECTION.FORBIDDEN', '无权制定抽查计划');
    await log(ctx, 'inspection.plan.published', 'inspection-plan', id, { ...input });
    return view;
  });
}

/** The public list: every department's active items and annual plans (rules.md §3.6). */
export async function publicItemsAndPlans(db: Db, tenantId: string) {
  const items = await db
    .select({
      id: inspectionItems.id,
      code: inspectionItems.code,
      name: inspectionItems.name,
      kind: inspectionItems.kind,
      subject: inspectionItems.subject,
      legalBasis: inspectionItems.legalBasis,
      method: inspectionItems.method,
      content: inspectionItems.content,
      unitName: unitsRef.name,
    })
    .from(inspectionItems)
    .innerJoin(
      unitsRef,
      and(eq(unitsRef.tenantId, inspectionItems.tenantId), eq(unitsRef.id, inspectionItems.unitId)),
    )
    .where(and(eq(inspectionItems.tenantId, tenantId), eq(inspectionItems.status, 'active'))!)
    .orderBy(asc(inspectionItems.code));
  const plans = await db
    .select({
      id: inspectionPlans.id,
      year: inspectionPlans.year,
      title: inspectionPlans.title,
      description: inspectionPlans.description,
      itemIds: inspectionPlans.itemIds,
      unitName: unitsRef.name,
    })
    .from(inspectionPlans)
    .innerJoin(
      unitsRef,
      and(eq(unitsRef.tenantId, inspectionPlans.tenantId), eq(unitsRef.id, inspectionPlans.unitId)),
    )
    .where(eq(inspectionPlans.tenantId, tenantId))
    .orderBy(desc(inspectionPlans.year), asc(inspectionPlans.title));
  return { items, plans: plans.map((p) => ({ ...p, itemIds: json(p.itemIds) })) };
}
