/**
 * 市场主体名录库 (market-entity directory): reads within the actor's data scope (decided on the keeping
 * department), the checks shared by the forms and the spreadsheet import, and the writes with their log entries.
 */
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { conflict, forbidden, notFound, ProblemCollector } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { type Ctx, inTx, logActorOf, scopeWhere } from '../../platform/access/index.ts';
import { appendLogEntry } from '../../platform/log/index.ts';
import { units as unitsRef } from '../../platform/org/org.tables.ts';
import { checkUscc } from '../../platform/validators/index.ts';
import { InspectionPermissions as P } from './inspection.permissions.ts';
import { marketEntities } from './inspection.tables.ts';

export const ENTITY_TYPES = ['企业', '个体工商户', '农民专业合作社', '其他组织'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];
export const ENTITY_STATUSES = { active: '存续', cancelled: '注销', revoked: '吊销', moved: '迁出' } as const;
export type EntityStatus = keyof typeof ENTITY_STATUSES;

const read = P['inspection.directory.read'];
const manage = P['inspection.directory.manage'];
const scope = { tenantId: marketEntities.tenantId, unitId: marketEntities.unitId };

export interface EntityInput {
  uscc: string;
  name: string;
  entityType: EntityType;
  industry: string;
  address: string;
  townId: string;
  legalRepresentative: string;
  status?: EntityStatus | undefined;
}

export interface EntityView {
  id: string;
  uscc: string;
  name: string;
  entityType: string;
  industry: string;
  address: string;
  townId: string;
  townName: string | null;
  legalRepresentative: string;
  status: string;
  unitId: string;
  canManage: boolean;
}

/** A 镇/街道 of the tenant, for the town column. */
export interface TownRef {
  id: string;
  name: string;
}

/** The tenant's towns and streets (the units an entity may be located in). */
export function loadTowns(ctx: Ctx): Promise<TownRef[]> {
  return ctx.db
    .select({ id: unitsRef.id, name: unitsRef.name })
    .from(unitsRef)
    .where(and(eq(unitsRef.tenantId, ctx.actor.tenantId), inArray(unitsRef.kind, ['town', 'street']))!);
}

function selectEntities(ctx: Ctx, where: SQL) {
  return ctx.db
    .select({
      id: marketEntities.id,
      uscc: marketEntities.uscc,
      name: marketEntities.name,
      entityType: marketEntities.entityType,
      industry: marketEntities.industry,
      address: marketEntities.address,
      townId: marketEntities.townId,
      townName: sql<
        string | null
      >`(select u.name from units u where u.tenant_id = inspection_entities.tenant_id and u.id = inspection_entities.town_id)`,
      legalRepresentative: marketEntities.legalRepresentative,
      status: marketEntities.status,
      unitId: marketEntities.unitId,
      canManage: sql<boolean>`${scopeWhere(ctx.actor, manage, scope)}`,
    })
    .from(marketEntities)
    .where(where);
}

const present = (r: Awaited<ReturnType<typeof selectEntities>>[number]): EntityView => ({
  ...r,
  canManage: !!r.canManage,
});

const inTenant = (ctx: Ctx) => eq(marketEntities.tenantId, ctx.actor.tenantId);
const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface EntityFilter {
  q?: string | undefined;
  townId?: string | undefined;
  status?: string | undefined;
  page: number;
  pageSize: number;
}

function filterWhere(ctx: Ctx, f: Omit<EntityFilter, 'page' | 'pageSize'>): SQL {
  const conds: SQL[] = [inTenant(ctx), scopeWhere(ctx.actor, read, scope)];
  if (f.q)
    conds.push(
      sql`(${marketEntities.name} ilike ${like(f.q)} or ${marketEntities.uscc} = ${f.q.toUpperCase()})`,
    );
  if (f.townId) conds.push(eq(marketEntities.townId, f.townId));
  if (f.status) conds.push(eq(marketEntities.status, f.status));
  return and(...conds)!;
}

/** One page of the directory, by name. */
export async function listEntities(
  ctx: Ctx,
  f: EntityFilter,
): Promise<{ items: EntityView[]; total: number }> {
  const where = filterWhere(ctx, f);
  const items = await selectEntities(ctx, where)
    .orderBy(asc(marketEntities.name), asc(marketEntities.uscc))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [t] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(marketEntities).where(where);
  return { items: items.map(present), total: Number(t?.n ?? 0) };
}

/** Every readable entity matching the filter (for the export), by name. */
export async function allEntities(
  ctx: Ctx,
  f: Omit<EntityFilter, 'page' | 'pageSize'> = {},
): Promise<EntityView[]> {
  return (
    await selectEntities(ctx, filterWhere(ctx, f)).orderBy(asc(marketEntities.name), asc(marketEntities.uscc))
  ).map(present);
}

/** One entity (404 outside the actor's read scope). */
export async function getEntity(ctx: Ctx, id: string): Promise<EntityView> {
  const [r] = await selectEntities(
    ctx,
    and(inTenant(ctx), eq(marketEntities.id, id), scopeWhere(ctx.actor, read, scope))!,
  );
  if (!r) throw notFound('INSPECTION.ENTITY_NOT_FOUND', '市场主体不存在或无权查看');
  return present(r);
}

/**
 * Every problem with an entity's fields that needs no database, reported through `add(field, detail)`:
 * required fields, lengths, the USCC (GB 32100 check character), type, status and town.
 */
export function entityFieldProblems(
  input: Partial<Record<keyof EntityInput, string | undefined>>,
  towns: TownRef[],
  add: (field: keyof EntityInput, detail: string) => void,
): void {
  const required: [keyof EntityInput, number][] = [
    ['uscc', 18],
    ['name', 200],
    ['entityType', 20],
    ['industry', 100],
    ['address', 300],
    ['townId', 100],
    ['legalRepresentative', 50],
  ];
  for (const [field, max] of required) {
    const v = input[field];
    if (!v) add(field, '不能为空');
    else if (v.length > max) add(field, `不能超过${max}个字符`);
  }
  if (input.uscc) {
    const r = checkUscc(input.uscc);
    if (!r.ok) add('uscc', r.reason);
  }
  if (input.entityType && !(ENTITY_TYPES as readonly string[]).includes(input.entityType))
    add('entityType', `须为：${ENTITY_TYPES.join('、')}`);
  if (input.status && !(input.status in ENTITY_STATUSES)) add('status', '状态无效');
  if (input.townId && !towns.some((t) => t.id === input.townId))
    add('townId', '所属镇街不存在（须为本区的镇或街道）');
}

/**
 * A PostgreSQL array literal of `xs`, sent as ONE text parameter and cast (`${textArray(xs)}::text[]`): a batch of
 * thousands of values in one statement (`= any(…)`, `unnest(…)`) without a bind parameter each.
 */
export const textArray = (xs: readonly string[]): string =>
  `{${xs.map((x) => `"${x.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;

/** The tenant's existing codes among `codes` (duplicates are refused tenant-wide, whatever the scope). */
export async function existingCodes(ctx: Ctx, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await ctx.db
    .select({ uscc: marketEntities.uscc })
    .from(marketEntities)
    .where(and(inTenant(ctx), sql`${marketEntities.uscc} = any(${textArray(codes)}::text[])`)!);
  return new Set(rows.map((r) => r.uscc));
}

async function log(ctx: Ctx, kind: string, id: string, change: Record<string, unknown>) {
  await appendLogEntry(ctx.db, {
    tenantId: ctx.actor.tenantId,
    kind,
    actor: logActorOf(ctx.actor),
    subject: { type: 'inspection-entity', id },
    ...change,
    requestId: ctx.requestId,
    at: ctx.now,
  });
}

/** What a log entry may say of an entity: the legal representative only as a reference, never the name. */
const loggable = (v: Partial<EntityInput>) => {
  const { legalRepresentative, ...rest } = v;
  return legalRepresentative === undefined
    ? rest
    : { ...rest, legalRepresentative: '（已变更，不记录个人信息）' };
};

/** Registers an entity kept by the actor's unit. */
export function createEntity(ctx: Ctx, input: EntityInput): Promise<EntityView> {
  return inTx(ctx, async (ctx) => {
    const check = new ProblemCollector();
    const towns = await loadTowns(ctx);
    entityFieldProblems(input, towns, (f, d) => check.add(`/body/${f}`, d));
    if (input.uscc && (await existingCodes(ctx, [input.uscc])).has(input.uscc))
      check.add('/body/uscc', '该统一社会信用代码已在名录库中');
    check.throwIfAny('INSPECTION.ENTITY_INVALID');
    if (!ctx.actor.unitId) throw forbidden('INSPECTION.FORBIDDEN', '未归属单位的账号不能登记市场主体');
    const id = newId();
    const values = { ...input, status: input.status ?? 'active' };
    await ctx.db.insert(marketEntities).values({
      tenantId: ctx.actor.tenantId,
      id,
      ...values,
      unitId: ctx.actor.unitId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const view = await getEntity(ctx, id);
    if (!view.canManage) throw forbidden('INSPECTION.FORBIDDEN', '无权登记市场主体');
    await log(ctx, 'inspection.entity.created', id, { after: loggable(values) });
    return view;
  });
}

export type EntityPatch = Partial<Omit<EntityInput, 'uscc'>>;

/** Changes an entity's fields (the credit code is its identity and never changes). */
export function updateEntity(ctx: Ctx, id: string, patch: EntityPatch): Promise<EntityView> {
  return inTx(ctx, async (ctx) => {
    const cur = await getEntity(ctx, id);
    if (!cur.canManage) throw forbidden('INSPECTION.FORBIDDEN', '无权管理该市场主体');
    const check = new ProblemCollector();
    entityFieldProblems({ ...cur, ...patch }, await loadTowns(ctx), (f, d) => check.add(`/body/${f}`, d));
    check.throwIfAny('INSPECTION.ENTITY_INVALID');
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(patch)) {
      if (v !== undefined && (cur as unknown as Record<string, unknown>)[k] !== v) {
        before[k] = (cur as unknown as Record<string, unknown>)[k];
        after[k] = v;
      }
    }
    if (Object.keys(after).length === 0) return cur;
    const updated = await ctx.db
      .update(marketEntities)
      .set({ ...after, updatedAt: ctx.now })
      .where(and(inTenant(ctx), eq(marketEntities.id, id)))
      .returning({ id: marketEntities.id });
    if (updated.length !== 1) throw conflict('INSPECTION.ENTITY_CHANGED', '市场主体已被修改，请刷新后重试');
    await log(ctx, 'inspection.entity.updated', id, { before: loggable(before), after: loggable(after) });
    return getEntity(ctx, id);
  });
}
