import { and, asc, eq, sql } from 'drizzle-orm';
import { forbidden, notFound, ProblemCollector } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { appendLogEntry } from '../log/index.ts';
import { roles } from './access.tables.ts';
import { type DataScope, logActorOf } from './actor.ts';
import { invalidateActorCache, invalidatingActors } from './auth.ts';
import { type Ctx, inTx } from './context.ts';
import { isPermission } from './permissions.ts';

export interface RoleView {
  id: string;
  code: string;
  name: string;
  description: string | null;
  scope: string;
  scopeUnitIds: string[];
  permissions: string[];
  builtin: boolean;
  userCount: number;
}

const roleSelect = {
  id: roles.id,
  code: roles.code,
  name: roles.name,
  description: roles.description,
  scope: roles.scope,
  scopeUnitIds: roles.scopeUnitIds,
  permissions: roles.permissions,
  builtin: roles.builtin,
  // Outer columns named explicitly: Drizzle leaves them unqualified in a single-table select.
  userCount: sql<number>`(select count(*)::int from user_roles ur where ur.tenant_id = roles.tenant_id and ur.role_id = roles.id)`,
};

/** Roles of the actor's tenant (roles are tenant configuration, visible to whoever may read roles). */
export function listRoles(ctx: Ctx): Promise<RoleView[]> {
  return ctx.db
    .select(roleSelect)
    .from(roles)
    .where(eq(roles.tenantId, ctx.actor.tenantId))
    .orderBy(asc(roles.code));
}

export async function getRole(ctx: Ctx, id: string): Promise<RoleView> {
  const [r] = await ctx.db
    .select(roleSelect)
    .from(roles)
    .where(and(eq(roles.tenantId, ctx.actor.tenantId), eq(roles.id, id)));
  if (!r) throw notFound('ACCESS.ROLE_NOT_FOUND', '角色不存在');
  return r;
}

export interface RoleInput {
  code: string;
  name: string;
  description?: string | null | undefined;
  scope: DataScope;
  scopeUnitIds?: string[] | undefined;
  permissions: string[];
}

async function validateRole(ctx: Ctx, input: RoleInput, exceptId?: string) {
  const check = new ProblemCollector();
  // Role managers define the tenant's roles: any permission of the catalogue, but never the all-tenants scope
  // unless they hold it themselves.
  input.permissions.forEach((p, i) => {
    if (!isPermission(p)) check.add(`/body/permissions/${i}`, `未知的权限“${p}”`);
  });
  if (input.scope === 'custom' && (input.scopeUnitIds ?? []).length === 0)
    check.add('/body/scopeUnitIds', '数据范围为“指定单位”时须至少选择一个单位');
  if (input.scope === 'all' && !ctx.actor.roles.some((r) => r.scope === 'all'))
    check.add('/body/scope', '只有跨行政区管理员可以设置“全部行政区”范围');
  const ids = input.scopeUnitIds ?? [];
  if (ids.length > 0) {
    const found = (await ctx.db.execute(
      sql`select id from units where tenant_id = ${ctx.actor.tenantId} and id in (${sql.join(
        ids.map((i) => sql`${i}::uuid`),
        sql`, `,
      )})`,
    )) as unknown as { rows: { id: string }[] };
    ids.forEach((id, i) => {
      if (!found.rows.some((r) => r.id === id)) check.add(`/body/scopeUnitIds/${i}`, '单位不存在');
    });
  }
  const [dup] = await ctx.db
    .select({ id: roles.id })
    .from(roles)
    .where(and(eq(roles.tenantId, ctx.actor.tenantId), eq(roles.code, input.code)));
  if (dup && dup.id !== exceptId) check.add('/body/code', '角色代码已被使用');
  check.throwIfAny('ACCESS.ROLE_INVALID');
}

/** Creates a role. The actor may only grant permissions they hold themselves. */
export function createRole(ctx: Ctx, input: RoleInput): Promise<RoleView> {
  return inTx(ctx, async (ctx) => {
    await validateRole(ctx, input);
    const id = newId();
    const perms = [...new Set(input.permissions)].sort();
    await ctx.db.insert(roles).values({
      tenantId: ctx.actor.tenantId,
      id,
      code: input.code,
      name: input.name,
      description: input.description ?? null,
      scope: input.scope,
      scopeUnitIds: input.scope === 'custom' ? (input.scopeUnitIds ?? []) : [],
      permissions: perms,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await appendLogEntry(ctx.db, {
      tenantId: ctx.actor.tenantId,
      kind: 'access.role.created',
      actor: logActorOf(ctx.actor),
      subject: { type: 'role', id },
      after: {
        code: input.code,
        name: input.name,
        scope: input.scope,
        scopeUnitIds: input.scopeUnitIds ?? [],
        permissions: perms,
      },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return getRole(ctx, id);
  });
}

/** Changes a role's name, scope or permissions: a permission change, recorded before and after. */
export function updateRole(ctx: Ctx, id: string, input: RoleInput): Promise<RoleView> {
  return invalidatingActors(
    inTx(ctx, async (ctx) => {
      invalidateActorCache();
      const role = await getRole(ctx, id);
      if (role.builtin && input.code !== role.code)
        throw forbidden('ACCESS.ROLE_BUILTIN', '内置角色的代码不能修改');
      await validateRole(ctx, input, id);
      const perms = [...new Set(input.permissions)].sort();
      const after = {
        code: input.code,
        name: input.name,
        scope: input.scope,
        scopeUnitIds: input.scope === 'custom' ? (input.scopeUnitIds ?? []) : [],
        permissions: perms,
      };
      await ctx.db
        .update(roles)
        .set({ ...after, description: input.description ?? null, updatedAt: ctx.now })
        .where(and(eq(roles.tenantId, ctx.actor.tenantId), eq(roles.id, id)));
      await appendLogEntry(ctx.db, {
        tenantId: ctx.actor.tenantId,
        kind: 'access.role.updated',
        actor: logActorOf(ctx.actor),
        subject: { type: 'role', id },
        before: {
          code: role.code,
          name: role.name,
          scope: role.scope,
          scopeUnitIds: role.scopeUnitIds,
          permissions: role.permissions,
        },
        after,
        requestId: ctx.requestId,
        at: ctx.now,
      });
      return getRole(ctx, id);
    }),
  );
}
