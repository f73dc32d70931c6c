import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { newId } from '../kernel/ids.ts';
import { advisersRoutes } from '../modules/advisers/index.ts';
import { creditRoutes } from '../modules/credit/index.ts';
import { decisionsRoutes } from '../modules/decisions/index.ts';
import { enforcementRoutes, enforcementViewRoutes } from '../modules/enforcement/index.ts';
import { inspectionRoutes } from '../modules/inspection/index.ts';
import { legalityRoutes } from '../modules/legality/index.ts';
import { normativeRoutes } from '../modules/normative/index.ts';
import { accessRoutes } from '../platform/access/access.routes.ts';
import type { Actor } from '../platform/access/actor.ts';
import type { Ctx } from '../platform/access/context.ts';
import { calendarRoutes } from '../platform/calendar/calendar.routes.ts';
import { clockRoutes } from '../platform/clock/clock.routes.ts';
import { dashboardRoutes } from '../platform/dashboard/dashboard.routes.ts';
import { documentsRoutes } from '../platform/documents/documents.routes.ts';
import { logRoutes } from '../platform/log/log.routes.ts';
import { orgRoutes } from '../platform/org/org.routes.ts';
import { workflowRoutes } from '../platform/workflow/index.ts';
import '../modules/index.ts';
import { installAccessHooks } from './access-hooks.ts';
import type { AppDeps } from './deps.ts';
import { errorHandler, problem, sendProblem } from './problems.ts';
import { systemRoutes } from './system.routes.ts';

z.config(z.locales.zhCN());

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** The command context for this request; requires a signed-in actor. */
    ctx(): Ctx;
  }
}

export type App = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface BuildOptions {
  logger?: boolean | object;
  /** Serve the built web UI (production and e2e). */
  serveWeb?: boolean;
}

/** Builds the Fastify app: the composition root that mounts every module's routes. */
export async function buildApp(deps: AppDeps, opts: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    logger: opts.logger ?? { level: deps.config.LOG_LEVEL },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : newId();
    },
    requestIdHeader: false,
    trustProxy: true,
    bodyLimit: 2 * 1024 * 1024,
    ajv: { customOptions: { allErrors: true } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.decorateRequest('actor', null);
  app.decorateRequest('ctx', function (this: FastifyRequest): Ctx {
    if (!this.actor) throw new Error('ctx() on an unauthenticated request');
    return {
      db: deps.db,
      actor: this.actor,
      requestId: this.id,
      now: deps.clock.now(),
      crypto: deps.crypto,
      config: deps.config,
    };
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Fazhi 法治 API',
        version: '0.1.0',
        description:
          '法治政府建设管理平台接口。浏览器会话使用 Cookie（写操作须带 X-CSRF-Token 头），集成系统使用 `Authorization: Bearer fz_…` 接口令牌。错误均为 RFC 9457 problem+json。',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'fz_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  installAccessHooks(app, deps);
  await app.register(systemRoutes(deps));
  await app.register(accessRoutes(deps));
  await app.register(orgRoutes);
  await app.register(dashboardRoutes);
  await app.register(calendarRoutes);
  await app.register(clockRoutes);
  await app.register(documentsRoutes);
  await app.register(logRoutes(deps));
  await app.register(workflowRoutes);
  await app.register(enforcementRoutes(deps));
  await app.register(inspectionRoutes(deps));
  await app.register(enforcementViewRoutes(deps));
  await app.register(creditRoutes(deps));
  await app.register(legalityRoutes);
  await app.register(normativeRoutes(deps));
  await app.register(decisionsRoutes(deps));
  await app.register(advisersRoutes);

  const webRoot = resolve(deps.config.WEB_DIST);
  const serveWeb = (opts.serveWeb ?? true) && existsSync(join(webRoot, 'index.html'));
  // wildcard: files are looked up when requested, so a rebuilt web/dist is served without a restart.
  if (serveWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: true });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    // API paths and files (anything with an extension, e.g. a stale /assets/*.js) get a real 404.
    if (path.startsWith('/api/') || !serveWeb || req.method !== 'GET' || /\.[a-z0-9]+$/i.test(path))
      return sendProblem(reply, problem(req, 404, 'NOT_FOUND', '请求的资源不存在'));
    // Client-side routes of the single-page app.
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
  return app as unknown as App;
}
