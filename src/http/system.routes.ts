import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ping } from '../kernel/db/index.ts';
import { listTenants } from '../platform/tenancy/index.ts';
import type { AppDeps } from './deps.ts';

/** Health, readiness, the OpenAPI document, and what the login page and portal need before sign-in. */
export const systemRoutes = (deps: AppDeps) => async (base: FastifyInstance) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const ok = await ping(deps.db);
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'database unavailable' });
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get(
    '/api/public/tenants',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['public'],
        summary: '可登录的行政区列表',
        response: {
          200: z.object({
            defaultTenant: z.string(),
            items: z.array(z.object({ id: z.string(), name: z.string(), level: z.string() })),
          }),
        },
      },
    },
    async () => ({ defaultTenant: deps.config.DEFAULT_TENANT, items: await listTenants(deps.db) }),
  );
};
