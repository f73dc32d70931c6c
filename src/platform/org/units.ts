import { and, asc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { queryRows } from '../../kernel/db/index.ts';
import { conflict, DomainError, forbidden, notFound, ProblemCollector } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { logActorOf } from '../access/actor.ts';
import { invalidateActorCache, invalidatingActors } from '../access/auth.ts';
import { type Ctx, inTx } from '../access/context.ts';
import { PlatformPermissions as P } from '../access/permissions.ts';
import { scopeWhere } from '../access/scope.ts';
import { appendLogEntry, writeWithLogEntry } from '../log/index.ts';
import { checkUscc } from '../validators/index.ts';
import { positions, units } from './org.tables.ts';

export const UNIT_KINDS = {
  government: '区政府',
  department: '部门',
  town: '镇',
  street: '街道',
  park: '园区',
  company: '国有企业',
  village: '村',
  community: '社区',
  team: '执法队伍',
  office: '内设机构',
  other: '其他',
} as const;
export type UnitKind = keyof typeof UNIT_KINDS;

export interface UnitView {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
  shortName: string | null;
  creditCode: string | null;
  depth: number;
  sort: number;
  status: string;
  canManage: boolean;
}

const scopeCols = { tenantId: units.tenantId, unitId: units.id };

const unitColumns = (ctx: Ctx) => ({
  id: units.id,
  parentId: units.parentId,
  kind: units.kind,
  name: units.name,
  shortName: units.shortName,
  creditCode: units.creditCode,
  depth: units.depth,
  sort: units.sort,
  status: units.status,
  canManage: sql<boolean>`${scopeWhere(ctx.actor, P['org.unit.manage'], scopeCols)}`.as('can_manage'),
});

/** Units the actor may see, ordered as a tree (by path), optionally filtered. */
export async function listUnits(
  ctx: Ctx,
  filter: { kind?: string | undefined; q?: string | undefined; parentId?: string | undefined } = {},
): Promise<UnitView[]> {
  const conds: SQL[] = [
    eq(units.tenantId, ctx.actor.tenantId),
    scopeWhere(ctx.actor, P['org.unit.read'], scopeCols),
  ];
  if (filter.kind) conds.push(eq(units.kind, filter.kind));
  if (filter.parentId) conds.push(eq(units.parentId, filter.parentId));
  if (filter.q) conds.push(or(ilike(units.name, `%${filter.q}%`), ilike(units.shortName, `%${filter.q}%`))!);
  return ctx.db
    .select(unitColumns(ctx))
    .from(units)
    .where(and(...conds))
    .orderBy(asc(units.depth), asc(units.sort), asc(units.name));
}

/** One unit, or a 404 when it does not exist or the actor may not see it. */
export async function getUnit(ctx: Ctx, id: string): Promise<UnitView & { path: string }> {
  // On every write path (a parent's scope check): plain SQL keeps query building off the hot path.
  const [row] = await queryRows<UnitView & { path: string }>(
    ctx.db,
    sql`select id, parent_id as "parentId", kind, name, short_name as "shortName", credit_code as "creditCode",
          depth, sort, status, path, ${scopeWhere(ctx.actor, P['org.unit.manage'], scopeCols)} as "canManage"
        from units
        where tenant_id = ${ctx.actor.tenantId} and id = ${id} and ${scopeWhere(ctx.actor, P['org.unit.read'], scopeCols)}`,
  );
  if (!row) throw notFound('ORG.UNIT_NOT_FOUND', '单位不存在或无权查看');
  return row;
}

export interface UnitInput {
  parentId: string;
  kind: UnitKind;
  name: string;
  shortName?: string | null | undefined;
  creditCode?: string | null | undefined;
  sort?: number | undefined;
}

async function nameTaken(
  ctx: Ctx,
  parentId: string | null,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  const rows = await ctx.db
    .select({ id: units.id })
    .from(units)
    .where(
      and(
        eq(units.tenantId, ctx.actor.tenantId),
        parentId ? eq(units.parentId, parentId) : sql`${units.parentId} is null`,
        eq(units.name, name),
      ),
    );
  return rows.some((r) => r.id !== exceptId);
}

/** Creates a unit under a parent the actor manages. Every problem with the input is reported at once. */
export function createUnit(ctx: Ctx, input: UnitInput): Promise<UnitView> {
  return inTx(ctx, async (ctx) => {
    const check = new ProblemCollector();
    const parent = await getUnit(ctx, input.parentId).catch((e) => {
      if (e instanceof DomainError && e.kind === 'not-found') return null;
      throw e;
    });
    if (!parent) check.add('/body/parentId', '上级单位不存在');
    if (input.creditCode) {
      const r = checkUscc(input.creditCode);
      if (!r.ok) check.add('/body/creditCode', r.reason);
    }
    if (parent && (await nameTaken(ctx, parent.id, input.name)))
      check.add('/body/name', '同一上级单位下已有同名单位');
    check.throwIfAny('ORG.UNIT_INVALID');
    if (!parent!.canManage) throw forbidden('ORG.UNIT_FORBIDDEN', '无权在该单位下新建下级单位');
    const id = newId();
    const row = {
      tenantId: ctx.actor.tenantId,
      id,
      parentId: parent!.id,
      kind: input.kind,
      name: input.name,
      shortName: input.shortName ?? null,
      creditCode: input.creditCode ?? null,
      path: `${parent!.path}${id}/`,
      depth: parent!.depth + 1,
      sort: input.sort ?? 0,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    await ctx.db.insert(units).values(row);
    await appendLogEntry(ctx.db, {
      tenantId: ctx.actor.tenantId,
      kind: 'org.unit.created',
      actor: logActorOf(ctx.actor),
      subject: { type: 'unit', id },
      after: {
        parentId: row.parentId,
        kind: row.kind,
        name: row.name,
        shortName: row.shortName,
        creditCode: row.creditCode,
      },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return getUnit(ctx, id);
  });
}

export interface UnitPatch {
  parentId?: string | undefined;
  kind?: UnitKind | undefined;
  name?: string | undefined;
  shortName?: string | null | undefined;
  creditCode?: string | null | undefined;
  sort?: number | undefined;
  status?: 'active' | 'disabled' | undefined;
}

/** Edits a unit; moving it re-roots its whole subtree in one statement. */
export function updateUnit(ctx: Ctx, id: string, patch: UnitPatch): Promise<UnitView> {
  return invalidatingActors(
    inTx(ctx, async (ctx) => {
      invalidateActorCache();
      const unit = await getUnit(ctx, id);
      if (!unit.canManage) throw forbidden('ORG.UNIT_FORBIDDEN', '无权修改该单位');
      const check = new ProblemCollector();
      let newParent: (UnitView & { path: string }) | null = null;
      if (patch.parentId !== undefined && patch.parentId !== unit.parentId) {
        if (!unit.parentId) check.add('/body/parentId', '本级政府不能调整上级');
        newParent = await getUnit(ctx, patch.parentId).catch(() => null);
        if (!newParent) check.add('/body/parentId', '上级单位不存在');
        else if (newParent.path.startsWith(unit.path))
          check.add('/body/parentId', '不能把单位移到它自己或其下级单位之下');
        else if (!newParent.canManage) check.add('/body/parentId', '无权把单位移到该上级单位之下');
      }
      if (patch.creditCode) {
        const r = checkUscc(patch.creditCode);
        if (!r.ok) check.add('/body/creditCode', r.reason);
      }
      const name = patch.name ?? unit.name;
      const parentId = newParent?.id ?? unit.parentId;
      if ((patch.name !== undefined || newParent) && (await nameTaken(ctx, parentId, name, id)))
        check.add('/body/name', '同一上级单位下已有同名单位');
      check.throwIfAny('ORG.UNIT_INVALID');
      if (patch.status === 'disabled' && unit.status !== 'disabled') {
        const [busy] = await ctx.db
          .execute(
            sql`select (select count(*) from units c where c.tenant_id = ${ctx.actor.tenantId} and c.parent_id = ${id} and c.status = 'active')::int
          + (select count(*) from users u where u.tenant_id = ${ctx.actor.tenantId} and u.unit_id = ${id} and u.status = 'active')::int as n`,
          )
          .then((r) => (r as unknown as { rows: { n: number }[] }).rows);
        if (busy && busy.n > 0)
          throw conflict('ORG.UNIT_IN_USE', '该单位下仍有启用的下级单位或用户，不能停用');
      }
      const before = {
        parentId: unit.parentId,
        kind: unit.kind,
        name: unit.name,
        shortName: unit.shortName,
        creditCode: unit.creditCode,
        sort: unit.sort,
        status: unit.status,
      };
      const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      await ctx.db
        .update(units)
        .set({ ...changes, parentId, updatedAt: ctx.now })
        .where(and(eq(units.tenantId, ctx.actor.tenantId), eq(units.id, id)));
      if (newParent) {
        const newPath = `${newParent.path}${id}/`;
        const delta = newParent.depth + 1 - unit.depth;
        await ctx.db.execute(sql`update units set path = ${newPath} || substr(path, ${unit.path.length + 1}),
        depth = depth + ${delta} where tenant_id = ${ctx.actor.tenantId} and path like ${`${unit.path}%`}`);
      }
      await appendLogEntry(ctx.db, {
        tenantId: ctx.actor.tenantId,
        kind: 'org.unit.updated',
        actor: logActorOf(ctx.actor),
        subject: { type: 'unit', id },
        before,
        after: { ...before, ...changes, parentId },
        requestId: ctx.requestId,
        at: ctx.now,
      });
      return getUnit(ctx, id);
    }),
  );
}

/** Positions of a unit the actor can see. */
export async function listPositions(ctx: Ctx, unitId: string) {
  await getUnit(ctx, unitId);
  return ctx.db
    .select({ id: positions.id, unitId: positions.unitId, name: positions.name, sort: positions.sort })
    .from(positions)
    .where(and(eq(positions.tenantId, ctx.actor.tenantId), eq(positions.unitId, unitId)))
    .orderBy(asc(positions.sort), asc(positions.name));
}

/**
 * Adds a position (岗位) to a unit the actor manages: one statement on the way that succeeds (the scope check is
 * the insert's own condition, the log entry rides with it: `writeWithLogEntry`); only a refusal asks why: not
 * visible (404), not manageable (403), or a name the unit already has.
 */
export async function createPosition(
  ctx: Ctx,
  unitId: string,
  input: { name: string; sort?: number | undefined },
) {
  const id = newId();
  const sort = input.sort ?? 0;
  const inserted = await writeWithLogEntry<{ id: string }>(
    ctx.db,
    sql`insert into positions (tenant_id, id, unit_id, name, sort)
        select ${ctx.actor.tenantId}, ${id}, id, ${input.name}, ${sort}
        from units
        where tenant_id = ${ctx.actor.tenantId} and id = ${unitId}
          and ${scopeWhere(ctx.actor, P['org.unit.read'], scopeCols)}
          and ${scopeWhere(ctx.actor, P['org.unit.manage'], scopeCols)}
        on conflict do nothing returning id`,
    {
      tenantId: ctx.actor.tenantId,
      kind: 'org.position.created',
      actor: logActorOf(ctx.actor),
      subject: { type: 'position', id },
      after: { unitId, name: input.name },
      requestId: ctx.requestId,
      at: ctx.now,
    },
  );
  if (inserted.length === 0) {
    const unit = await getUnit(ctx, unitId);
    if (!unit.canManage) throw forbidden('ORG.UNIT_FORBIDDEN', '无权管理该单位的岗位');
    throw new DomainError('ORG.POSITION_INVALID', 'invalid', '提交的数据有误', [
      { pointer: '/body/name', detail: '该单位已有同名岗位' },
    ]);
  }
  return { id, unitId, name: input.name, sort };
}
