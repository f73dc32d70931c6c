import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../platform/access/actor.ts';
import { actorFromSession, actorFromToken, SESSION_COOKIE } from '../platform/access/auth.ts';
import type { AppDeps } from './deps.ts';
import { problem, sendProblem } from './problems.ts';

/**
 * Every /api route declares who may call it: `{ public: true }`, `{ authenticated: true }` or
 * `{ permission: 'module.thing.action' }`. A route without a declaration fails at start-up.
 */
export type RouteAccess = { public: true } | { authenticated: true } | { permission: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess;
  /** Whether the route validates a request body. */
  hasBody: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api route with its access declaration; the authorisation matrix test walks it. */
    declaredRoutes: DeclaredRoute[];
  }
}

export function installAccessHooks(app: FastifyInstance, deps: AppDeps) {
  const declaredRoutes: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', declaredRoutes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const access = route.config?.access;
    if (!access)
      throw new Error(
        `route ${String(route.method)} ${route.url} declares no access (public, authenticated or a permission)`,
      );
    for (const m of ([] as string[]).concat(route.method)) {
      if (m === 'HEAD') continue;
      declaredRoutes.push({ method: m, url: route.url, access, hasBody: !!route.schema?.body });
    }
  });

  app.addHook('onRequest', async (req: FastifyRequest, reply) => {
    if (!req.url.startsWith('/api/')) return;
    const now = deps.clock.now();
    const authz = req.headers.authorization;
    if (authz?.startsWith('Bearer ')) {
      req.actor = await actorFromToken(deps, authz.slice(7).trim(), now);
      if (!req.actor)
        return sendProblem(reply, problem(req, 401, 'AUTH.BAD_TOKEN', '接口令牌无效、已过期或已吊销'));
    } else {
      const cookie = req.cookies[SESSION_COOKIE];
      req.actor = cookie ? await actorFromSession(deps, cookie, now) : null;
      if (cookie && !req.actor) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    const access = req.routeOptions.config.access;
    if (!access || 'public' in access) return;
    if (!req.actor) return sendProblem(reply, problem(req, 401, 'AUTH.UNAUTHENTICATED', '请先登录'));
    if (req.actor.via === 'session' && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (sent !== req.actor.csrfToken)
        return sendProblem(
          reply,
          problem(req, 403, 'AUTH.CSRF', '页面已过期或请求来源不可信，请刷新页面后重试'),
        );
    }
    if ('permission' in access && !can(req.actor, access.permission))
      return sendProblem(reply, problem(req, 403, 'AUTH.FORBIDDEN', '没有执行此操作的权限'));
  });
}
