import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../kernel/errors.ts';
import { problemResponses, zDateTime, zText } from '../../kernel/schemas.ts';
import { OPINION_OUTCOMES, REVIEW_KINDS, type ReviewKind, STAGE_LABELS } from './legality.kinds.ts';
import { LegalityPermissions as P } from './legality.permissions.ts';
import { reviewStats } from './legality.service.ts';
import { kindSettings, setKindTwoStage } from './legality.settings.ts';

const zDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });

const zKindSetting = z.object({
  code: z.string(),
  label: z.string(),
  twoStage: z.boolean(),
  defaultTwoStage: z.boolean(),
  rule: z.string(),
  changedAt: zDateTime.nullable(),
  changedByName: z.string().nullable(),
  reason: z.string().nullable(),
});

const zStats = z.object({
  opinions: z.array(
    z.object({
      kind: z.string(),
      kindLabel: z.string(),
      stage: z.string(),
      outcome: z.string(),
      n: z.number(),
      late: z.number(),
    }),
  ),
  reviews: z.array(
    z.object({
      kind: z.string(),
      kindLabel: z.string(),
      state: z.string(),
      stateLabel: z.string(),
      n: z.number(),
    }),
  ),
});

/**
 * 合法性审查: the queue itself is the workflow engine's (`/api/workflow/cases?type=legality.review`, steps and the
 * inbox); these routes add the kinds and the statistics.
 */
export const legalityRoutes = async (base: FastifyInstance) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['legality'];
  const read = { access: { permission: P['legality.review.read'] } };
  app.get(
    '/api/legality/kinds',
    {
      config: read,
      schema: {
        tags,
        summary: '合法性审查类型（本行政区是否实行双重审查、期限规则）与审查结论',
        response: {
          200: z.object({
            kinds: z.array(zKindSetting),
            outcomes: z.record(z.string(), z.string()),
            stages: z.record(z.string(), z.string()),
          }),
          ...problemResponses,
        },
      },
    },
    async (req) => ({
      kinds: await kindSettings(req.ctx()),
      outcomes: OPINION_OUTCOMES,
      stages: STAGE_LABELS,
    }),
  );
  app.put(
    '/api/legality/kinds/:kind',
    {
      config: { access: { permission: P['legality.settings.manage'] } },
      schema: {
        tags,
        summary: '设置某类事项是否实行双重合法性审查（此后提请的审查适用；记入透明日志）',
        params: z.object({ kind: z.string() }),
        body: z.object({
          twoStage: z.boolean({ error: '请选择是否实行双重审查' }),
          reason: zText(500),
        }),
        response: { 200: z.object({ kinds: z.array(zKindSetting) }), ...problemResponses },
      },
    },
    async (req) => {
      const kind = req.params.kind;
      if (!(kind in REVIEW_KINDS)) throw notFound('LEGALITY.KIND_UNKNOWN', '没有这一合法性审查类型');
      return { kinds: await setKindTwoStage(req.ctx(), kind as ReviewKind, req.body) };
    },
  );
  app.get(
    '/api/legality/stats',
    {
      config: read,
      schema: {
        tags,
        summary: '合法性审查统计（按类型、审查环节、结论；逾期审查数；各状态审查件数）',
        querystring: z.object({ from: zDate.optional(), to: zDate.optional() }),
        response: { 200: zStats, ...problemResponses },
      },
    },
    async (req) => reviewStats(req.ctx(), req.query),
  );
};
