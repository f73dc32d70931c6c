import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../http/deps.ts';
import { problemResponses, zIdParams } from '../../kernel/schemas.ts';
import { getTenant } from '../tenancy/index.ts';
import {
  zChangePasswordBody,
  zCreateUserBody,
  zLoginBody,
  zMe,
  zPermission,
  zResetPasswordBody,
  zRole,
  zRoleBody,
  zSetRolesBody,
  zToken,
  zTokenBody,
  zUpdateUserBody,
  zUser,
  zUserList,
  zUserQuery,
} from './access.schemas.ts';
import { permissionsOf } from './actor.ts';
import { actorFromSession, login, logout, SESSION_COOKIE } from './auth.ts';
import type { Ctx } from './context.ts';
import { verifyPassword } from './password.ts';
import { listPermissions, PlatformPermissions as P } from './permissions.ts';
import { createRole, listRoles, updateRole } from './roles.ts';
import { createToken, listTokens, revokeToken } from './tokens.ts';
import {
  assignableRoles,
  changeOwnPassword,
  createUser,
  getUser,
  listUsers,
  resetPassword,
  setUserRoles,
  updateUser,
} from './users.ts';

async function me(ctx: Ctx) {
  const [tenant, self] = await Promise.all([getTenant(ctx.db, ctx.actor.tenantId), getOwnUser(ctx)]);
  return {
    id: ctx.actor.userId,
    tenantId: ctx.actor.tenantId,
    tenantName: tenant?.name ?? ctx.actor.tenantId,
    username: ctx.actor.username,
    displayName: ctx.actor.displayName,
    unitId: ctx.actor.unitId,
    unitName: self.unitName,
    roles: ctx.actor.roles.map((r) => ({ code: r.code, name: r.name, scope: r.scope })),
    permissions: permissionsOf(ctx.actor),
    csrfToken: ctx.actor.csrfToken ?? null,
    mustChangePassword: self.mustChangePassword,
  };
}

async function getOwnUser(ctx: Ctx) {
  const res = (await ctx.db.execute(
    sql`select u.must_change_password, un.name as unit_name from users u left join units un on un.tenant_id = u.tenant_id and un.id = u.unit_id where u.tenant_id = ${ctx.actor.tenantId} and u.id = ${ctx.actor.userId}`,
  )) as unknown as { rows: { must_change_password: boolean; unit_name: string | null }[] };
  const r = res.rows[0];
  return { mustChangePassword: !!r?.must_change_password, unitName: r?.unit_name ?? null };
}

/** Sign-in, the signed-in user, users, roles, permissions and API tokens. */
export const accessRoutes = (deps: AppDeps) => async (base: FastifyInstance) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['access'];

  app.post(
    '/api/auth/login',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: '账号密码登录',
        body: zLoginBody,
        response: { 200: zMe, ...problemResponses, 423: problemResponses[401] },
      },
    },
    async (req, reply) => {
      const now = deps.clock.now();
      const tenantId = req.body.tenant ?? deps.config.DEFAULT_TENANT;
      const session = await login(deps, {
        tenantId,
        username: req.body.username,
        password: req.body.password,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
        requestId: req.id,
        now,
      });
      reply.setCookie(SESSION_COOKIE, session.cookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.COOKIE_SECURE,
        maxAge: deps.config.SESSION_TTL_MINUTES * 60,
      });
      const actor = await actorFromSession(deps, session.cookie, now);
      if (!actor) throw new Error('session vanished right after login');
      req.actor = actor;
      return me(req.ctx());
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: '退出登录', response: { 204: z.null() } },
    },
    async (req, reply) => {
      await logout(deps, req.actor!, req.id, deps.clock.now());
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: '当前用户', response: { 200: zMe, 401: problemResponses[401] } },
    },
    async (req) => me(req.ctx()),
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: '修改本人密码',
        body: zChangePasswordBody,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await changeOwnPassword(req.ctx(), req.body.currentPassword, req.body.newPassword, verifyPassword);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/access/users',
    {
      config: { access: { permission: P['access.user.read'] } },
      schema: {
        tags,
        summary: '用户列表',
        querystring: zUserQuery,
        response: { 200: zUserList, ...problemResponses },
      },
    },
    async (req) => listUsers(req.ctx(), req.query),
  );

  app.post(
    '/api/access/users',
    {
      config: { access: { permission: P['access.user.manage'] } },
      schema: {
        tags,
        summary: '新建用户',
        body: zCreateUserBody,
        response: { 201: zUser, ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await createUser(req.ctx(), req.body)),
  );

  app.get(
    '/api/access/users/:id',
    {
      config: { access: { permission: P['access.user.read'] } },
      schema: { tags, summary: '用户详情', params: zIdParams, response: { 200: zUser, ...problemResponses } },
    },
    async (req) => getUser(req.ctx(), req.params.id),
  );

  app.patch(
    '/api/access/users/:id',
    {
      config: { access: { permission: P['access.user.manage'] } },
      schema: {
        tags,
        summary: '修改、停用或解锁用户',
        params: zIdParams,
        body: zUpdateUserBody,
        response: { 200: zUser, ...problemResponses },
      },
    },
    async (req) => updateUser(req.ctx(), req.params.id, req.body),
  );

  app.put(
    '/api/access/users/:id/roles',
    {
      config: { access: { permission: P['access.user.manage'] } },
      schema: {
        tags,
        summary: '分配角色',
        params: zIdParams,
        body: zSetRolesBody,
        response: { 200: zUser, ...problemResponses },
      },
    },
    async (req) => setUserRoles(req.ctx(), req.params.id, req.body.roleIds),
  );

  app.post(
    '/api/access/users/:id/password',
    {
      config: { access: { permission: P['access.user.manage'] } },
      schema: {
        tags,
        summary: '重置用户密码',
        params: zIdParams,
        body: zResetPasswordBody,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await resetPassword(req.ctx(), req.params.id, req.body.password);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/access/roles',
    {
      config: { access: { permission: P['access.role.read'] } },
      schema: { tags, summary: '角色列表', response: { 200: z.array(zRole), ...problemResponses } },
    },
    async (req) => listRoles(req.ctx()),
  );

  app.get(
    '/api/access/assignable-roles',
    {
      config: { access: { permission: P['access.user.manage'] } },
      schema: {
        tags,
        summary: '当前用户可分配的角色',
        response: {
          200: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), scope: z.string() })),
          ...problemResponses,
        },
      },
    },
    async (req) =>
      (await assignableRoles(req.ctx())).map(({ id, code, name, scope }) => ({ id, code, name, scope })),
  );

  app.post(
    '/api/access/roles',
    {
      config: { access: { permission: P['access.role.manage'] } },
      schema: { tags, summary: '新建角色', body: zRoleBody, response: { 201: zRole, ...problemResponses } },
    },
    async (req, reply) => reply.code(201).send(await createRole(req.ctx(), req.body)),
  );

  app.put(
    '/api/access/roles/:id',
    {
      config: { access: { permission: P['access.role.manage'] } },
      schema: {
        tags,
        summary: '修改角色（权限与数据范围）',
        params: zIdParams,
        body: zRoleBody,
        response: { 200: zRole, ...problemResponses },
      },
    },
    async (req) => updateRole(req.ctx(), req.params.id, req.body),
  );

  app.get(
    '/api/access/permissions',
    {
      config: { access: { permission: P['access.role.read'] } },
      schema: { tags, summary: '权限目录', response: { 200: z.array(zPermission), ...problemResponses } },
    },
    async () => listPermissions(),
  );

  app.get(
    '/api/access/tokens',
    {
      config: { access: { permission: P['access.token.manage'] } },
      schema: { tags, summary: '接口令牌列表', response: { 200: z.array(zToken), ...problemResponses } },
    },
    async (req) => listTokens(req.ctx()),
  );

  app.post(
    '/api/access/tokens',
    {
      config: { access: { permission: P['access.token.manage'] } },
      schema: {
        tags,
        summary: '签发接口令牌（令牌只显示这一次）',
        body: zTokenBody,
        response: { 201: z.object({ id: z.string(), token: z.string() }), ...problemResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await createToken(req.ctx(), { ...req.body, expiresAt: req.body.expiresAt ?? null })),
  );

  app.delete(
    '/api/access/tokens/:id',
    {
      config: { access: { permission: P['access.token.manage'] } },
      schema: {
        tags,
        summary: '吊销接口令牌',
        params: zIdParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await revokeToken(req.ctx(), req.params.id);
      return reply.code(204).send(null);
    },
  );
};
