import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../kernel/schemas.ts';
import { ClockPermissions as P } from './clock.permissions.ts';
import { clearRuleOverride, listRuleViews, setRuleOverride } from './clock.rules.ts';
import { zRuleCodeParams, zRuleOverrideBody, zRuleView } from './clock.schemas.ts';

/** The statutory deadline rules: the statute, the tenant's local versions, and what is in force. */
export async function clockRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['clock'];

  app.get(
    '/api/clock/rules',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: '法定期限规则（法定值与本地规定）',
        response: { 200: z.array(zRuleView), ...problemResponses },
      },
    },
    async (req) => {
      const ctx = req.ctx();
      return listRuleViews(ctx.db, ctx.actor.tenantId);
    },
  );

  app.put(
    '/api/clock/rules/:code',
    {
      config: { access: { permission: P['clock.rule.manage'] } },
      schema: {
        tags,
        summary: '设置本地期限规则（只能在法律允许的范围内调整）',
        params: zRuleCodeParams,
        body: zRuleOverrideBody,
        response: { 200: zRuleView, ...problemResponses },
      },
    },
    async (req) => setRuleOverride(req.ctx(), req.params.code, req.body),
  );

  app.delete(
    '/api/clock/rules/:code',
    {
      config: { access: { permission: P['clock.rule.manage'] } },
      schema: {
        tags,
        summary: '删除本地规定，恢复法定期限',
        params: zRuleCodeParams,
        response: { 200: zRuleView, ...problemResponses },
      },
    },
    async (req) => clearRuleOverride(req.ctx(), req.params.code),
  );
}
