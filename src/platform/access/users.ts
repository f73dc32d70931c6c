import { and, asc, count, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { DomainError, forbidden, notFound, ProblemCollector } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { appendLogEntry } from '../log/index.ts';
import { positions, units } from '../org/org.tables.ts';
import { checkMobile, maskMobile } from '../validators/index.ts';
import { roles, sessions, userRoles, users } from './access.tables.ts';
import { can, logActorOf, permissionsOf } from './actor.ts';
import { invalidateActorCache, invalidatingActors } from './auth.ts';
import { type Ctx, inTx } from './context.ts';
import { hashPassword, passwordProblems } from './password.ts';
import { PlatformPermissions as P } from './permissions.ts';
import { scopeWhere } from './scope.ts';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  kind: string;
  unitId: string | null;
  unitName: string | null;
  positionId: string | null;
  positionName: string | null;
  mobileMasked: string | null;
  status: string;
  locked: boolean;
  lastLoginAt: Date | null;
  roles: { id: string; code: string; name: string }[];
  canManage: boolean;
}

const scopeCols = { tenantId: users.tenantId, unitId: users.unitId, ownerId: users.id };

function baseSelect(ctx: Ctx) {
  return {
    id: users.id,
    username: users.username,
    displayName: users.displayName,
    kind: users.kind,
    unitId: users.unitId,
    unitName: units.name,
    positionId: users.positionId,
    positionName: positions.name,
    mobileSealed: users.mobileSealed,
    status: users.status,
    lockedUntil: users.lockedUntil,
    lastLoginAt: users.lastLoginAt,
    roles: sql<
      { id: string; code: string; name: string }[] | string
    >`coalesce((select json_agg(json_build_object('id', r.id, 'code', r.code, 'name', r.name) order by r.code)
      from user_roles ur join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id
      where ur.tenant_id = users.tenant_id and ur.user_id = users.id), '[]'::json)`,
    canManage: sql<boolean>`${scopeWhere(ctx.actor, P['access.user.manage'], scopeCols)}`,
  };
}

type Row = Awaited<ReturnType<typeof selectUsers>>[number];
function selectUsers(ctx: Ctx, where: SQL) {
  return ctx.db
    .select(baseSelect(ctx))
    .from(users)
    .leftJoin(units, and(eq(units.tenantId, users.tenantId), eq(units.id, users.unitId)))
    .leftJoin(positions, and(eq(positions.tenantId, users.tenantId), eq(positions.id, users.positionId)))
    .where(where);
}

function present(ctx: Ctx, r: Row): UserView {
  let mobileMasked: string | null = null;
  if (r.mobileSealed) {
    try {
      mobileMasked = maskMobile(ctx.crypto.decrypt(r.mobileSealed));
    } catch {
      mobileMasked = '******';
    }
  }
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    kind: r.kind,
    unitId: r.unitId,
    unitName: r.unitName,
    positionId: r.positionId,
    positionName: r.positionName,
    mobileMasked,
    status: r.status,
    locked: !!r.lockedUntil && r.lockedUntil > ctx.now,
    lastLoginAt: r.lastLoginAt,
    roles: typeof r.roles === 'string' ? JSON.parse(r.roles) : r.roles,
    canManage: !!r.canManage,
  };
}

export interface UserFilter {
  q?: string | undefined;
  unitId?: string | undefined;
  /** include users of units below `unitId` */
  includeBelow?: boolean | undefined;
  status?: string | undefined;
  page: number;
  pageSize: number;
}

/** Users the actor may see, filtered and paged. */
export async function listUsers(ctx: Ctx, f: UserFilter): Promise<{ items: UserView[]; total: number }> {
  const conds: SQL[] = [
    eq(users.tenantId, ctx.actor.tenantId),
    scopeWhere(ctx.actor, P['access.user.read'], scopeCols),
  ];
  if (f.q) conds.push(or(ilike(users.username, `%${f.q}%`), ilike(users.displayName, `%${f.q}%`))!);
  if (f.status) conds.push(eq(users.status, f.status));
  if (f.unitId) {
    conds.push(
      f.includeBelow
        ? sql`${users.unitId} in (select id from units where tenant_id = ${ctx.actor.tenantId} and path like (select path from units where tenant_id = ${ctx.actor.tenantId} and id = ${f.unitId}) || '%')`
        : eq(users.unitId, f.unitId),
    );
  }
  const where = and(...conds)!;
  const [rows, [total]] = await Promise.all([
    selectUsers(ctx, where)
      .orderBy(asc(users.username))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    ctx.db.select({ n: count() }).from(users).where(where),
  ]);
  return { items: rows.map((r) => present(ctx, r)), total: total?.n ?? 0 };
}

/** One user, or 404 when absent or outside the actor's read scope. */
export async function getUser(ctx: Ctx, id: string): Promise<UserView> {
  const [row] = await selectUsers(
    ctx,
    and(
      eq(users.tenantId, ctx.actor.tenantId),
      eq(users.id, id),
      scopeWhere(ctx.actor, P['access.user.read'], scopeCols),
    )!,
  );
  if (!row) throw notFound('ACCESS.USER_NOT_FOUND', '用户不存在或无权查看');
  return present(ctx, row);
}

/** Whether the actor manages `unitId` for users (the unit is within their `access.user.manage` scope). */
async function managesUnit(ctx: Ctx, unitId: string): Promise<'absent' | 'no' | 'yes'> {
  const [row] = await ctx.db
    .select({
      ok: sql<boolean>`${scopeWhere(ctx.actor, P['access.user.manage'], { tenantId: units.tenantId, unitId: units.id })}`,
    })
    .from(units)
    .where(and(eq(units.tenantId, ctx.actor.tenantId), eq(units.id, unitId), eq(units.status, 'active')));
  if (!row) return 'absent';
  return row.ok ? 'yes' : 'no';
}

/**
 * Roles the actor may hand out. A role manager (`access.role.manage`, who can define roles anyway) may hand
 * out any role of the tenant; anyone else only roles whose every permission they hold themselves, so a unit
 * administrator cannot grant more than they have. An all-tenants role only by someone who has one.
 */
export async function assignableRoles(ctx: Ctx) {
  const roleManager = can(ctx.actor, P['access.role.manage']);
  const mine = new Set(permissionsOf(ctx.actor));
  const hasAll = ctx.actor.roles.some((r) => r.scope === 'all');
  const rows = await ctx.db
    .select({
      id: roles.id,
      code: roles.code,
      name: roles.name,
      scope: roles.scope,
      permissions: roles.permissions,
    })
    .from(roles)
    .where(eq(roles.tenantId, ctx.actor.tenantId))
    .orderBy(asc(roles.code));
  return rows.filter(
    (r) => (roleManager || r.permissions.every((p) => mine.has(p))) && (r.scope !== 'all' || hasAll),
  );
}

async function checkRoles(ctx: Ctx, roleIds: string[], pointer: string, check: ProblemCollector) {
  if (roleIds.length === 0) return [];
  const allowed = await assignableRoles(ctx);
  const found = await ctx.db
    .select({ id: roles.id, code: roles.code })
    .from(roles)
    .where(and(eq(roles.tenantId, ctx.actor.tenantId), inArray(roles.id, roleIds)));
  roleIds.forEach((id, i) => {
    if (!found.some((r) => r.id === id)) check.add(`${pointer}/${i}`, '角色不存在');
    else if (!allowed.some((r) => r.id === id)) check.add(`${pointer}/${i}`, '不能分配超出自己权限的角色');
  });
  return found;
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  unitId: string;
  positionId?: string | null | undefined;
  mobile?: string | null | undefined;
  password: string;
  roleIds: string[];
  mustChangePassword?: boolean | undefined;
}

/** Creates a user in a unit the actor manages, with roles the actor may assign. */
export function createUser(ctx: Ctx, input: CreateUserInput): Promise<UserView> {
  return inTx(ctx, async (ctx) => {
    const check = new ProblemCollector();
    const [dup] = await ctx.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, ctx.actor.tenantId), eq(users.username, input.username)));
    if (dup) check.add('/body/username', '用户名已被使用');
    const unitAccess = await managesUnit(ctx, input.unitId);
    if (unitAccess === 'absent') check.add('/body/unitId', '所属单位不存在或已停用');
    if (input.mobile) {
      const m = checkMobile(input.mobile);
      if (!m.ok) check.add('/body/mobile', m.reason);
    }
    for (const p of passwordProblems(input.password, input.username)) check.add('/body/password', p);
    const roleRows = await checkRoles(ctx, input.roleIds, '/body/roleIds', check);
    check.throwIfAny('ACCESS.USER_INVALID');
    if (unitAccess === 'no') throw forbidden('ACCESS.USER_FORBIDDEN', '无权在该单位下新建用户');

    const id = newId();
    await ctx.db.insert(users).values({
      tenantId: ctx.actor.tenantId,
      id,
      username: input.username,
      displayName: input.displayName,
      unitId: input.unitId,
      positionId: input.positionId ?? null,
      mobileSealed: input.mobile ? ctx.crypto.encrypt(input.mobile) : null,
      passwordHash: await hashPassword(input.password),
      passwordChangedAt: ctx.now,
      mustChangePassword: input.mustChangePassword ?? true,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    if (input.roleIds.length > 0)
      await ctx.db
        .insert(userRoles)
        .values(input.roleIds.map((roleId) => ({ tenantId: ctx.actor.tenantId, userId: id, roleId })));
    await appendLogEntry(ctx.db, {
      tenantId: ctx.actor.tenantId,
      kind: 'access.user.created',
      actor: logActorOf(ctx.actor),
      subject: { type: 'user', id },
      after: {
        username: input.username,
        displayName: input.displayName,
        unitId: input.unitId,
        positionId: input.positionId ?? null,
        mobileHmac: input.mobile ? ctx.crypto.keyedHash(input.mobile) : null,
        roles: roleRows.map((r) => r.code).sort(),
      },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return getUser(ctx, id);
  });
}

async function loadManageable(ctx: Ctx, id: string): Promise<UserView> {
  const user = await getUser(ctx, id);
  if (!user.canManage) throw forbidden('ACCESS.USER_FORBIDDEN', '无权管理该用户');
  return user;
}

export interface UpdateUserInput {
  displayName?: string | undefined;
  unitId?: string | undefined;
  positionId?: string | null | undefined;
  mobile?: string | null | undefined;
  status?: 'active' | 'disabled' | undefined;
  unlock?: boolean | undefined;
}

/** Edits a user; disabling ends their sessions at once. */
export function updateUser(ctx: Ctx, id: string, patch: UpdateUserInput): Promise<UserView> {
  return invalidatingActors(
    inTx(ctx, async (ctx) => {
      invalidateActorCache();
      const user = await loadManageable(ctx, id);
      const check = new ProblemCollector();
      let unitNo = false;
      if (patch.unitId !== undefined && patch.unitId !== user.unitId) {
        const a = await managesUnit(ctx, patch.unitId);
        if (a === 'absent') check.add('/body/unitId', '所属单位不存在或已停用');
        unitNo = a === 'no';
      }
      if (patch.mobile) {
        const m = checkMobile(patch.mobile);
        if (!m.ok) check.add('/body/mobile', m.reason);
      }
      if (patch.status === 'disabled' && id === ctx.actor.userId)
        check.add('/body/status', '不能停用自己的账号');
      check.throwIfAny('ACCESS.USER_INVALID');
      if (unitNo) throw forbidden('ACCESS.USER_FORBIDDEN', '无权把用户调入该单位');

      const set: Partial<typeof users.$inferInsert> = { updatedAt: ctx.now };
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      const note = (k: string, b: unknown, a: unknown) => {
        before[k] = b;
        after[k] = a;
      };
      if (patch.displayName !== undefined && patch.displayName !== user.displayName) {
        set.displayName = patch.displayName;
        note('displayName', user.displayName, patch.displayName);
      }
      if (patch.unitId !== undefined && patch.unitId !== user.unitId) {
        set.unitId = patch.unitId;
        note('unitId', user.unitId, patch.unitId);
      }
      if (patch.positionId !== undefined && patch.positionId !== user.positionId) {
        set.positionId = patch.positionId;
        note('positionId', user.positionId, patch.positionId);
      }
      if (patch.mobile !== undefined) {
        set.mobileSealed = patch.mobile ? ctx.crypto.encrypt(patch.mobile) : null;
        note('mobileHmac', null, patch.mobile ? ctx.crypto.keyedHash(patch.mobile) : null);
      }
      if (patch.status !== undefined && patch.status !== user.status) {
        set.status = patch.status;
        note('status', user.status, patch.status);
      }
      if (patch.unlock && user.locked) {
        set.lockedUntil = null;
        set.failedLogins = 0;
        note('locked', true, false);
      }
      await ctx.db
        .update(users)
        .set(set)
        .where(and(eq(users.tenantId, ctx.actor.tenantId), eq(users.id, id)));
      if (set.status === 'disabled')
        await ctx.db
          .delete(sessions)
          .where(and(eq(sessions.tenantId, ctx.actor.tenantId), eq(sessions.userId, id)));
      if (Object.keys(after).length > 0)
        await appendLogEntry(ctx.db, {
          tenantId: ctx.actor.tenantId,
          kind: set.status === 'disabled' ? 'access.user.disabled' : 'access.user.updated',
          actor: logActorOf(ctx.actor),
          subject: { type: 'user', id },
          before,
          after,
          requestId: ctx.requestId,
          at: ctx.now,
        });
      return getUser(ctx, id);
    }),
  );
}

/** Replaces a user's roles. A permission change: recorded with the roles before and after. */
export function setUserRoles(ctx: Ctx, id: string, roleIds: string[]): Promise<UserView> {
  return invalidatingActors(
    inTx(ctx, async (ctx) => {
      invalidateActorCache();
      const user = await loadManageable(ctx, id);
      const check = new ProblemCollector();
      const unique = [...new Set(roleIds)];
      const found = await checkRoles(ctx, unique, '/body/roleIds', check);
      // Roles the actor could not have granted stay untouched unless the actor could grant them.
      const allowed = new Set((await assignableRoles(ctx)).map((r) => r.id));
      const removingForeign = user.roles.filter((r) => !unique.includes(r.id) && !allowed.has(r.id));
      for (const r of removingForeign) check.add('/body/roleIds', `不能撤销超出自己权限的角色“${r.name}”`);
      if (id === ctx.actor.userId) check.add('/body/roleIds', '不能修改自己的角色');
      check.throwIfAny('ACCESS.ROLES_INVALID');
      await ctx.db
        .delete(userRoles)
        .where(and(eq(userRoles.tenantId, ctx.actor.tenantId), eq(userRoles.userId, id)));
      if (unique.length > 0)
        await ctx.db
          .insert(userRoles)
          .values(unique.map((roleId) => ({ tenantId: ctx.actor.tenantId, userId: id, roleId })));
      await appendLogEntry(ctx.db, {
        tenantId: ctx.actor.tenantId,
        kind: 'access.user.roles-changed',
        actor: logActorOf(ctx.actor),
        subject: { type: 'user', id },
        before: { roles: user.roles.map((r) => r.code).sort() },
        after: { roles: found.map((r) => r.code).sort() },
        requestId: ctx.requestId,
        at: ctx.now,
      });
      return getUser(ctx, id);
    }),
  );
}

/** Sets a new password for another user (who must change it at next login) and ends their sessions. */
export function resetPassword(ctx: Ctx, id: string, password: string): Promise<void> {
  return invalidatingActors(
    inTx(ctx, async (ctx) => {
      invalidateActorCache();
      const user = await loadManageable(ctx, id);
      const problems = passwordProblems(password, user.username);
      if (problems.length > 0)
        throw new DomainError(
          'ACCESS.PASSWORD_POLICY',
          'invalid',
          '密码不符合要求',
          problems.map((detail) => ({ pointer: '/body/password', detail })),
        );
      await ctx.db
        .update(users)
        .set({
          passwordHash: await hashPassword(password),
          passwordChangedAt: ctx.now,
          mustChangePassword: true,
          failedLogins: 0,
          lockedUntil: null,
          updatedAt: ctx.now,
        })
        .where(and(eq(users.tenantId, ctx.actor.tenantId), eq(users.id, id)));
      await ctx.db
        .delete(sessions)
        .where(and(eq(sessions.tenantId, ctx.actor.tenantId), eq(sessions.userId, id)));
      await appendLogEntry(ctx.db, {
        tenantId: ctx.actor.tenantId,
        kind: 'access.user.password-reset',
        actor: logActorOf(ctx.actor),
        subject: { type: 'user', id },
        requestId: ctx.requestId,
        at: ctx.now,
      });
    }),
  );
}

/** Changes the actor's own password after checking the current one. */
export function changeOwnPassword(
  ctx: Ctx,
  current: string,
  next: string,
  verify: (hash: string, plain: string) => Promise<boolean>,
) {
  return inTx(ctx, async (ctx) => {
    const [u] = await ctx.db
      .select({ hash: users.passwordHash })
      .from(users)
      .where(and(eq(users.tenantId, ctx.actor.tenantId), eq(users.id, ctx.actor.userId)));
    const check = new ProblemCollector();
    if (!u?.hash || !(await verify(u.hash, current))) check.add('/body/currentPassword', '当前密码不正确');
    for (const p of passwordProblems(next, ctx.actor.username)) check.add('/body/newPassword', p);
    if (current === next) check.add('/body/newPassword', '新密码不能与当前密码相同');
    check.throwIfAny('ACCESS.PASSWORD_INVALID');
    await ctx.db
      .update(users)
      .set({
        passwordHash: await hashPassword(next),
        passwordChangedAt: ctx.now,
        mustChangePassword: false,
        updatedAt: ctx.now,
      })
      .where(and(eq(users.tenantId, ctx.actor.tenantId), eq(users.id, ctx.actor.userId)));
    await appendLogEntry(ctx.db, {
      tenantId: ctx.actor.tenantId,
      kind: 'access.user.password-changed',
      actor: logActorOf(ctx.actor),
      subject: { type: 'user', id: ctx.actor.userId },
      requestId: ctx.requestId,
      at: ctx.now,
    });
  });
}
