import { and, asc, eq, isNull } from 'drizzle-orm';
import { conflict, notFound, ProblemCollector } from '../../kernel/errors.ts';
import { appendLogEntry } from '../log/index.ts';
import { apiTokens, roles, userRoles, users } from './access.tables.ts';
import { can, logActorOf, permissionsOf } from './actor.ts';
import { issueApiToken } from './auth.ts';
import { type Ctx, inTx } from './context.ts';
import { PlatformPermissions as P } from './permissions.ts';

/** API tokens of the tenant (secrets are never shown again after creation). */
export function listTokens(ctx: Ctx) {
  return ctx.db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      userId: apiTokens.userId,
      username: users.username,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.tenantId, apiTokens.tenantId), eq(users.id, apiTokens.userId)))
    .where(eq(apiTokens.tenantId, ctx.actor.tenantId))
    .orderBy(asc(apiTokens.createdAt));
}

/** Issues a token for a user of the tenant; the token acts with that user's roles. */
export function createToken(ctx: Ctx, input: { userId: string; name: string; expiresAt: Date | null }) {
  return inTx(ctx, async (ctx) => {
    const check = new ProblemCollector();
    const [u] = await ctx.db
      .select({ id: users.id, status: users.status })
      .from(users)
      .where(and(eq(users.tenantId, ctx.actor.tenantId), eq(users.id, input.userId)));
    if (!u) check.add('/body/userId', '用户不存在');
    else if (u.status !== 'active') check.add('/body/userId', '用户已停用');
    if (input.expiresAt && input.expiresAt <= ctx.now) check.add('/body/expiresAt', '到期时间须晚于当前时间');
    // A token acts with its user's roles: nobody may mint one stronger than themselves, unless they
    // manage roles (and could give themselves those permissions anyway).
    if (u && !can(ctx.actor, P['access.role.manage'])) {
      const theirs = await ctx.db
        .select({ permissions: roles.permissions, scope: roles.scope })
        .from(userRoles)
        .innerJoin(roles, and(eq(roles.tenantId, userRoles.tenantId), eq(roles.id, userRoles.roleId)))
        .where(and(eq(userRoles.tenantId, ctx.actor.tenantId), eq(userRoles.userId, input.userId)));
      const mine = new Set(permissionsOf(ctx.actor));
      if (theirs.some((r) => r.permissions.some((p) => !mine.has(p)) || r.scope === 'all'))
        check.add('/body/userId', '不能为权限超过自己的用户签发接口令牌');
    }
    check.throwIfAny('ACCESS.TOKEN_INVALID');
    const issued = await issueApiToken(ctx.db, { tenantId: ctx.actor.tenantId, ...input, now: ctx.now });
    await appendLogEntry(ctx.db, {
      tenantId: ctx.actor.tenantId,
      kind: 'access.token.created',
      actor: logActorOf(ctx.actor),
      subject: { type: 'api-token', id: issued.id },
      after: { userId: input.userId, name: input.name, expiresAt: input.expiresAt?.toISOString() ?? null },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return issued;
  });
}

export function revokeToken(ctx: Ctx, id: string) {
  return inTx(ctx, async (ctx) => {
    const [t] = await ctx.db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.tenantId, ctx.actor.tenantId), eq(apiTokens.id, id)));
    if (!t) throw notFound('ACCESS.TOKEN_NOT_FOUND', '接口令牌不存在');
    if (t.revokedAt) throw conflict('ACCESS.TOKEN_REVOKED', '接口令牌已吊销');
    await ctx.db
      .update(apiTokens)
      .set({ revokedAt: ctx.now })
      .where(
        and(eq(apiTokens.tenantId, ctx.actor.tenantId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)),
      );
    await appendLogEntry(ctx.db, {
      tenantId: ctx.actor.tenantId,
      kind: 'access.token.revoked',
      actor: logActorOf(ctx.actor),
      subject: { type: 'api-token', id },
      requestId: ctx.requestId,
      at: ctx.now,
    });
  });
}
