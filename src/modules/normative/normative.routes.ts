import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../http/deps.ts';
import { notFound } from '../../kernel/errors.ts';
import { problemResponses, zIdParams } from '../../kernel/schemas.ts';
import { getTenant } from '../../platform/tenancy/index.ts';
import { chinaDate } from '../../platform/workflow/index.ts';
import {
  cleanupItems,
  decideCleanupItem,
  getCleanup,
  listCleanups,
  openCleanup,
  publishCleanup,
  publishedCleanups,
} from './normative.cleanup.ts';
import { NormativePermissions as P } from './normative.permissions.ts';
import {
  zCatalogue,
  zCatalogueQuery,
  zCleanup,
  zCleanupBody,
  zCleanupDecision,
  zCleanupItemParams,
  zCleanupItems,
  zCleanupItemsQuery,
  zCleanupOpened,
  zComment,
  zCommentParams,
  zCreateDocumentBody,
  zCreated,
  zDiff,
  zDiffQuery,
  zDispositionBody,
  zPublicCleanup,
  zPublicCommentBody,
  zPublicCommentResult,
  zPublicDocument,
  zPublicDraft,
  zRegistration,
  zSearchQuery,
  zSearchResult,
  zSettings,
  zTenantQuery,
  zVersion,
  zVersionBody,
} from './normative.schemas.ts';
import {
  addVersion,
  createDocument,
  diffVersions,
  disposeComment,
  expiringDocuments,
  filingCatalogue,
  getSettings,
  listComments,
  listVersions,
  publicComment,
  publicDraft,
  publicDrafts,
  publishedDocument,
  registrationOf,
  searchInForce,
  setSettings,
} from './normative.service.ts';

/**
 * 行政规范性文件: drafting (versions, diff), comments and their dispositions, registration, the filing catalogue,
 * the number format, and the portal (documents in force with search; drafts open for comment). The lifecycle steps
 * are the workflow engine's (`/api/workflow/cases/:id/transitions/<step>`).
 */
export const normativeRoutes = (deps: AppDeps) => async (base: FastifyInstance) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['normative'];
  const read = { access: { permission: P['normative.document.read'] } };
  const draft = { access: { permission: P['normative.document.draft'] } };
  const root = '/api/normative';

  app.post(
    `${root}/documents`,
    {
      config: draft,
      schema: {
        tags,
        summary: '起草规范性文件（文本存为第1版）',
        body: zCreateDocumentBody,
        response: { 201: zCreated, ...problemResponses },
      },
    },
    async (req, reply) => {
      const b = req.body;
      reply.code(201);
      return createDocument(req.ctx(), { unitId: b.unitId, facts: b.facts, body: b.body, note: b.note });
    },
  );
  app.get(
    `${root}/documents/:id/versions`,
    {
      config: read,
      schema: {
        tags,
        summary: '草案各版本',
        params: zIdParams,
        response: { 200: z.array(zVersion), ...problemResponses },
      },
    },
    async (req) => listVersions(req.ctx(), req.params.id),
  );
  app.post(
    `${root}/documents/:id/versions`,
    {
      config: draft,
      schema: {
        tags,
        summary: '保存草案新版本（仅起草中）',
        params: zIdParams,
        body: zVersionBody,
        response: { 201: z.object({ versionNo: z.number() }), ...problemResponses },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return addVersion(req.ctx(), req.params.id, req.body);
    },
  );
  app.get(
    `${root}/documents/:id/diff`,
    {
      config: read,
      schema: {
        tags,
        summary: '比较两个版本',
        params: zIdParams,
        querystring: zDiffQuery,
        response: { 200: zDiff, ...problemResponses },
      },
    },
    async (req) => diffVersions(req.ctx(), req.params.id, req.query.from, req.query.to),
  );
  app.get(
    `${root}/documents/:id/comments`,
    {
      config: read,
      schema: {
        tags,
        summary: '公众意见及处理情况（逐条）',
        params: zIdParams,
        response: { 200: z.array(zComment), ...problemResponses },
      },
    },
    async (req) => listComments(req.ctx(), req.params.id),
  );
  app.post(
    `${root}/documents/:id/comments/:commentId/disposition`,
    {
      config: draft,
      schema: {
        tags,
        summary: '处理公众意见（采纳、部分采纳、不予采纳并说明理由）',
        params: zCommentParams,
        body: zDispositionBody,
        response: { 200: z.object({ id: z.string(), disposition: z.string() }), ...problemResponses },
      },
    },
    async (req) => disposeComment(req.ctx(), req.params.id, req.params.commentId, req.body),
  );
  app.get(
    `${root}/documents/:id/registration`,
    {
      config: read,
      schema: {
        tags,
        summary: '登记编号、公布、备案情况',
        params: zIdParams,
        response: { 200: zRegistration, ...problemResponses },
      },
    },
    async (req) => registrationOf(req.ctx(), req.params.id),
  );
  app.get(
    `${root}/search`,
    {
      config: read,
      schema: {
        tags,
        summary: '现行有效规范性文件全文检索',
        querystring: zSearchQuery,
        response: { 200: zSearchResult, ...problemResponses },
      },
    },
    async (req) => searchInForce(req.ctx().db, req.ctx().actor.tenantId, chinaDate(req.ctx().now), req.query),
  );
  app.get(
    `${root}/expiring`,
    {
      config: read,
      schema: {
        tags,
        summary: '有效期届满预警（默认6个月内届满的现行有效文件）',
        querystring: z.object({ months: z.coerce.number().int().min(1).max(120).default(6) }),
        response: {
          200: z.array(
            z.object({
              caseId: z.string(),
              number: z.string(),
              title: z.string(),
              issuerName: z.string(),
              expiresOn: z.string().nullable(),
            }),
          ),
          ...problemResponses,
        },
      },
    },
    async (req) => expiringDocuments(req.ctx(), req.query.months),
  );
  app.get(
    `${root}/catalogue`,
    {
      config: read,
      schema: {
        tags,
        summary: '季度备案目录',
        querystring: zCatalogueQuery,
        response: { 200: zCatalogue, ...problemResponses },
      },
    },
    async (req) => filingCatalogue(req.ctx(), req.query.year, req.query.quarter),
  );
  app.get(
    `${root}/settings`,
    {
      config: read,
      schema: { tags, summary: '规范性文件编号格式', response: { 200: zSettings, ...problemResponses } },
    },
    async (req) => getSettings(req.ctx()),
  );
  app.put(
    `${root}/settings`,
    {
      config: { access: { permission: P['normative.settings.manage'] } },
      schema: {
        tags,
        summary: '设置编号格式（占位符 {issuerShort} {issuer} {year} {seq}）',
        body: zSettings,
        response: { 200: zSettings, ...problemResponses },
      },
    },
    async (req) => setSettings(req.ctx(), req.body),
  );

  // ---------- 清理 (cleanup campaigns) ----------
  const clean = { access: { permission: P['normative.document.filing'] } };
  app.post(
    `${root}/cleanups`,
    {
      config: clean,
      schema: {
        tags,
        summary: '开启清理（覆盖当日全部现行有效文件；同一时间只能有一次未公布结果的清理）',
        body: zCleanupBody,
        response: { 201: zCleanupOpened, ...problemResponses },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return openCleanup(req.ctx(), req.body);
    },
  );
  app.get(
    `${root}/cleanups`,
    {
      config: read,
      schema: {
        tags,
        summary: '清理活动及各结论件数',
        response: { 200: z.array(zCleanup), ...problemResponses },
      },
    },
    async (req) => listCleanups(req.ctx()),
  );
  app.get(
    `${root}/cleanups/:id`,
    {
      config: read,
      schema: {
        tags,
        summary: '清理活动',
        params: zIdParams,
        response: { 200: zCleanup, ...problemResponses },
      },
    },
    async (req) => getCleanup(req.ctx(), req.params.id),
  );
  app.get(
    `${root}/cleanups/:id/items`,
    {
      config: read,
      schema: {
        tags,
        summary: '清理范围内的文件及清理结论',
        params: zIdParams,
        querystring: zCleanupItemsQuery,
        response: { 200: zCleanupItems, ...problemResponses },
      },
    },
    async (req) => cleanupItems(req.ctx(), req.params.id, req.query),
  );
  app.post(
    `${root}/cleanups/:id/items/:caseId/decision`,
    {
      config: clean,
      schema: {
        tags,
        summary: '作出清理结论（继续有效、需要修改、废止、宣布失效）并说明理由；废止和宣布失效经文件流程办理',
        params: zCleanupItemParams,
        body: zCleanupDecision,
        response: {
          200: z.object({ caseId: z.string(), outcome: z.string(), decidedOn: z.string() }),
          ...problemResponses,
        },
      },
    },
    async (req) => decideCleanupItem(req.ctx(), req.params.id, req.params.caseId, req.body),
  );
  app.post(
    `${root}/cleanups/:id/publish`,
    {
      config: clean,
      schema: {
        tags,
        summary: '公布清理结果（全部文件均已作出结论后）',
        params: zIdParams,
        response: { 200: zCleanup, ...problemResponses },
      },
    },
    async (req) => publishCleanup(req.ctx(), req.params.id),
  );

  // ---------- portal: no sign-in ----------
  const publicTags = ['normative-public'];
  const pub = { access: { public: true as const } };
  const tenantOf = async (code: string | undefined) => {
    const tenantId = code ?? deps.config.DEFAULT_TENANT;
    if (!(await getTenant(deps.db, tenantId))) throw notFound('NORMATIVE.TENANT_NOT_FOUND', '行政区不存在');
    return tenantId;
  };
  app.get(
    '/api/public/normative/documents',
    {
      config: pub,
      schema: {
        tags: publicTags,
        summary: '现行有效的行政规范性文件（全文检索：词语、短语）',
        querystring: zSearchQuery,
        response: { 200: zSearchResult, ...problemResponses },
      },
    },
    async (req) =>
      searchInForce(deps.db, await tenantOf(req.query.tenant), chinaDate(deps.clock.now()), req.query),
  );
  app.get(
    '/api/public/normative/documents/:id',
    {
      config: pub,
      schema: {
        tags: publicTags,
        summary: '已公布的行政规范性文件全文',
        params: zIdParams,
        querystring: zTenantQuery,
        response: { 200: zPublicDocument, ...problemResponses },
      },
    },
    async (req) => publishedDocument(deps.db, await tenantOf(req.query.tenant), req.params.id),
  );
  app.get(
    '/api/public/normative/cleanups',
    {
      config: pub,
      schema: {
        tags: publicTags,
        summary: '已公布的规范性文件清理结果',
        querystring: zTenantQuery,
        response: { 200: z.array(zPublicCleanup), ...problemResponses },
      },
    },
    async (req) => publishedCleanups(deps.db, await tenantOf(req.query.tenant)),
  );
  app.get(
    '/api/public/normative/drafts',
    {
      config: pub,
      schema: {
        tags: publicTags,
        summary: '正在公开征求意见的规范性文件草案',
        querystring: zTenantQuery,
        response: { 200: z.array(zPublicDraft), ...problemResponses },
      },
    },
    async (req) => publicDrafts(deps.db, await tenantOf(req.query.tenant)),
  );
  app.get(
    '/api/public/normative/drafts/:id',
    {
      config: pub,
      schema: {
        tags: publicTags,
        summary: '征求意见稿（逐条）',
        params: zIdParams,
        querystring: zTenantQuery,
        response: { 200: zPublicDraft, ...problemResponses },
      },
    },
    async (req) => publicDraft(deps.db, await tenantOf(req.query.tenant), req.params.id),
  );
  app.post(
    '/api/public/normative/drafts/:id/comments',
    {
      config: pub,
      schema: {
        tags: publicTags,
        summary: '对征求意见稿的某一条提出意见（无需登录；同一来源10分钟内最多5条）',
        params: zIdParams,
        querystring: zTenantQuery,
        body: zPublicCommentBody,
        response: { 201: zPublicCommentResult, 429: problemResponses[400], ...problemResponses },
      },
    },
    async (req, reply) => {
      const tenantId = await tenantOf(req.query.tenant);
      const r = await publicComment(
        { db: deps.db, crypto: deps.crypto, now: deps.clock.now() },
        tenantId,
        req.params.id,
        req.body,
        req.ip,
      );
      reply.code(201);
      return r;
    },
  );
};
