import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../http/deps.ts';
import { problemResponses, zIdParams } from '../../kernel/schemas.ts';
import { CaseReviewPermissions as RP } from './case-review.permissions.ts';
import {
  createReview,
  getReview,
  getScoreSheet,
  listReviews,
  putScoreSheet,
  reviewCandidates,
  reviewStats,
} from './case-review.ts';
import { EnforcementPermissions as P } from './enforcement.permissions.ts';
import {
  zCandidateQuery,
  zCaseIdParams,
  zCaseReview,
  zCaseReviewList,
  zCreateReviewBody,
  zReviewCandidates,
  zReviewQuery,
  zReviewStats,
  zReviewStatsQuery,
  zScoreSheet,
  zScoreSheetBody,
  zWorkList,
} from './views.schemas.ts';
import { legalReviewQueue, myCases, zMyCasesQuery } from './work-views.ts';

/** Enforcement work views: 案卷评查 (score sheet, reviews, statistics), 我的案件 and the 法制审核 queue. */
export const enforcementViewRoutes = (_deps: AppDeps) => async (base: FastifyInstance) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['enforcement'];
  const review = { access: { permission: RP['enforcement.casefile.review'] } };
  const root = '/api/enforcement/case-reviews';

  app.get(
    `${root}/score-sheet`,
    {
      config: review,
      schema: {
        tags,
        summary: '案卷评查标准（评查项目、分值和等次分数线；未设置时为默认标准）',
        response: { 200: zScoreSheet, ...problemResponses },
      },
    },
    async (req) => getScoreSheet(req.ctx()),
  );
  app.put(
    `${root}/score-sheet`,
    {
      config: { access: { permission: RP['enforcement.casefile.standard'] } },
      schema: {
        tags,
        summary: '修改案卷评查标准（各项分值合计100分，优秀分数线高于合格分数线）',
        body: zScoreSheetBody,
        response: { 200: zScoreSheet, ...problemResponses },
      },
    },
    async (req) => putScoreSheet(req.ctx(), req.body),
  );
  app.get(
    `${root}/cases`,
    {
      config: review,
      schema: {
        tags,
        summary: '可评查的案件（已作出处理决定，本人评查范围内），含已评查次数和最近等次',
        querystring: zCandidateQuery,
        response: { 200: zReviewCandidates, ...problemResponses },
      },
    },
    async (req) => reviewCandidates(req.ctx(), req.query),
  );
  app.get(
    `${root}/stats`,
    {
      config: review,
      schema: {
        tags,
        summary: '案卷评查等次统计（按执法主体）',
        querystring: zReviewStatsQuery,
        response: { 200: zReviewStats, ...problemResponses },
      },
    },
    async (req) => reviewStats(req.ctx(), req.query),
  );
  app.get(
    root,
    {
      config: review,
      schema: {
        tags,
        summary: '案卷评查记录（可按执法主体、等次、年度筛选）',
        querystring: zReviewQuery,
        response: { 200: zCaseReviewList, ...problemResponses },
      },
    },
    async (req) => listReviews(req.ctx(), req.query),
  );
  app.get(
    `${root}/:id`,
    {
      config: review,
      schema: {
        tags,
        summary: '案卷评查记录详情（评分表）',
        params: zIdParams,
        response: { 200: zCaseReview, ...problemResponses },
      },
    },
    async (req) => getReview(req.ctx(), req.params.id),
  );
  app.post(
    '/api/enforcement/cases/:caseId/case-reviews',
    {
      config: review,
      schema: {
        tags,
        summary: '对已作出决定的案件进行案卷评查（逐项评分，扣分须写明理由，不合格须提出整改要求）',
        params: zCaseIdParams,
        body: zCreateReviewBody,
        response: { 201: zCaseReview, ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await createReview(req.ctx(), req.params.caseId, req.body)),
  );

  app.get(
    '/api/enforcement/my-cases',
    {
      config: { access: { permission: P['enforcement.case.handle'] } },
      schema: {
        tags,
        summary:
          '我的案件：本人承办或参与调查的在办案件（all=true 为本人可办理的全部在办案件），按最近届满日期排序',
        querystring: zMyCasesQuery,
        response: { 200: zWorkList, ...problemResponses },
      },
    },
    async (req) => myCases(req.ctx(), { all: req.query.all ?? false }),
  );
  app.get(
    '/api/enforcement/legal-review-queue',
    {
      config: { access: { permission: P['enforcement.case.review'] } },
      schema: {
        tags,
        summary: '法制审核：待出具审核意见的案件（本人审核范围内，期限最早的在前）',
        response: { 200: zWorkList, ...problemResponses },
      },
    },
    async (req) => legalReviewQueue(req.ctx()),
  );
};
