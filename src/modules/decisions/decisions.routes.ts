import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../http/deps.ts';
import { notFound } from '../../kernel/errors.ts';
import { problemResponses, zIdParams } from '../../kernel/schemas.ts';
import { getTenant } from '../../platform/tenancy/index.ts';
import { DecisionPermissions as P } from './decisions.permissions.ts';
import { adminCatalogue, listDecisions } from './decisions.queries.ts';
import {
  zAdminCatalogue,
  zDecisionRow,
  zItem,
  zItemBody,
  zItemParams,
  zItemPatch,
  zListQuery,
  zPublicCatalogue,
  zPublicDecision,
  zPublicListQuery,
  zPublishBody,
  zPublished,
  zTenantQuery,
  zYearParams,
} from './decisions.schemas.ts';
import {
  addItem,
  publicCatalogue,
  publicDecision,
  publicDecisions,
  publishCatalogue,
  updateItem,
} from './decisions.service.ts';

/**
 * 重大行政决策: the annual catalogue (编制, 公布, 调整 with reasons), the list of decisions with their five steps, and
 * the portal (published catalogues and decisions). The decision's steps are the workflow engine's
 * (`/api/workflow/cases/:id/transitions/<step>`, `/records/collective-discussion`).
 */
export const decisionsRoutes = (deps: AppDeps) => async (base: FastifyInstance) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['decisions'];
  const manage = { access: { permission: P['decisions.catalogue.manage'] } };
  const root = '/api/decisions';

  app.get(
    `${root}/catalogues/:year`,
    {
      config: { access: { permission: P['decisions.catalogue.read'] } },
      schema: {
        tags,
        summary: '年度重大行政决策事项目录（含各事项的五步程序进度和调整记录）',
        params: zYearParams,
        response: { 200: zAdminCatalogue, ...problemResponses },
      },
    },
    async (req) => adminCatalogue(req.ctx(), req.params.year),
  );
  app.post(
    `${root}/catalogues/:year/items`,
    {
      config: manage,
      schema: {
        tags,
        summary: '目录增加决策事项（目录公布后须说明调整理由）',
        params: zYearParams,
        body: zItemBody,
        response: { 201: zItem.extend({ year: z.number() }), ...problemResponses },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return addItem(req.ctx(), req.params.year, req.body);
    },
  );
  app.patch(
    `${root}/catalogues/:year/items/:id`,
    {
      config: manage,
      schema: {
        tags,
        summary: '修改或调出目录事项（目录公布后须说明调整理由）',
        params: zItemParams,
        body: zItemPatch,
        response: { 200: zItem.extend({ year: z.number() }), ...problemResponses },
      },
    },
    async (req) => updateItem(req.ctx(), req.params.year, req.params.id, req.body),
  );
  app.post(
    `${root}/catalogues/:year/publish`,
    {
      config: manage,
      schema: {
        tags,
        summary: '经同级党委同意后公布年度目录',
        params: zYearParams,
        body: zPublishBody,
        response: { 200: zPublished, ...problemResponses },
      },
    },
    async (req) => publishCatalogue(req.ctx(), req.params.year, req.body),
  );
  app.get(
    `${root}`,
    {
      config: { access: { permission: P['decisions.decision.read'] } },
      schema: {
        tags,
        summary: '重大行政决策列表（含五步程序进度）',
        querystring: zListQuery,
        response: { 200: z.array(zDecisionRow), ...problemResponses },
      },
    },
    async (req) => listDecisions(req.ctx(), req.query),
  );

  const publicTags = ['decisions-public'];
  const pub = { access: { public: true as const } };
  const tenantOf = async (code: string | undefined) => {
    const tenantId = code ?? deps.config.DEFAULT_TENANT;
    if (!(await getTenant(deps.db, tenantId))) throw notFound('DECISIONS.TENANT_NOT_FOUND', '行政区不存在');
    return tenantId;
  };
  app.get(
    '/api/public/decisions/catalogues/:year',
    {
      config: pub,
      schema: {
        tags: publicTags,
        summary: '已公布的年度重大行政决策事项目录及调整情况',
        params: zYearParams,
        querystring: zTenantQuery,
        response: { 200: zPublicCatalogue, ...problemResponses },
      },
    },
    async (req) => publicCatalogue(deps.db, await tenantOf(req.query.tenant), req.params.year),
  );
  app.get(
    '/api/public/decisions',
    {
      config: pub,
      schema: {
        tags: publicTags,
        summary: '已公布的重大行政决策',
        querystring: zPublicListQuery,
        response: { 200: z.array(zPublicDecision), ...problemResponses },
      },
    },
    async (req) => publicDecisions(deps.db, await tenantOf(req.query.tenant), req.query.year),
  );
  app.get(
    '/api/public/decisions/:id',
    {
      config: pub,
      schema: {
        tags: publicTags,
        summary: '已公布的重大行政决策',
        params: zIdParams,
        querystring: zTenantQuery,
        response: { 200: zPublicDecision, ...problemResponses },
      },
    },
    async (req) => publicDecision(deps.db, await tenantOf(req.query.tenant), req.params.id),
  );
};
