import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../kernel/schemas.ts';
import { OPINION_OUTCOMES, REVIEW_KINDS, STAGE_LABELS } from './legality.kinds.ts';
import { LegalityPermissions as P } from './legality.permissions.ts';
import { reviewStats } from './legality.service.ts';

const zDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });

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
        summary: '合法性审查类型（是否双重审查、期限规则）与审查结论',
        response: {
          200: z.object({
            kinds: z.array(
              z.object({ code: z.string(), label: z.string(), twoStage: z.boolean(), rule: z.string() }),
            ),
            outcomes: z.record(z.string(), z.string()),
            stages: z.record(z.string(), z.string()),
          }),
          ...problemResponses,
        },
      },
    },
    async () => ({
      kinds: Object.entries(REVIEW_KINDS).map(([code, k]) => ({ code, ...k })),
      outcomes: OPINION_OUTCOMES,
      stages: STAGE_LABELS,
    }),
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
