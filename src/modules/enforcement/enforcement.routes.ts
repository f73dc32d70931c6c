import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../http/deps.ts';
import { notFound } from '../../kernel/errors.ts';
import { problemResponses, zIdParams } from '../../kernel/schemas.ts';
import { logActorOf } from '../../platform/access/index.ts';
import { appendLogEntry } from '../../platform/log/index.ts';
import { getTenant } from '../../platform/tenancy/index.ts';
import {
  buildCaseFile,
  caseDocumentDocx,
  caseDocuments,
  zCaseDocumentList,
  zCaseFileQuery,
} from './case-file.ts';
import { EnforcementPermissions as P } from './enforcement.permissions.ts';
import {
  zBody,
  zBodyList,
  zCreateBodyBody,
  zCreateMatterBody,
  zCreateOfficerBody,
  zImportBody,
  zImportResult,
  zListQuery,
  zMatter,
  zMatterList,
  zOfficer,
  zOfficerList,
  zPublicBody,
  zPublicDecision,
  zPublicDecisionList,
  zPublicDecisionQuery,
  zPublicityDraft,
  zPublicMatter,
  zPublicOfficer,
  zPublicQuery,
  zPublicTenantQuery,
  zUpdateBodyBody,
  zUpdateMatterBody,
  zUpdateOfficerBody,
} from './enforcement.schemas.ts';
import { publicBodies, publicMatters, publicOfficers } from './public.ts';
import { getPublishedDecision, publicityDraft, searchPublishedDecisions } from './publicity.ts';
import {
  createBody,
  createMatter,
  createOfficer,
  getBody,
  getMatter,
  getOfficer,
  listBodies,
  listMatters,
  listOfficers,
  updateBody,
  updateMatter,
  updateOfficer,
} from './registry.ts';
import { exportRegistry, importRegistry, type RegistryKind } from './registry-file.ts';
import { drillIndicator, enforcementStats, zDrillQuery, zStatsQuery } from './stats.ts';
import { supervision, zSupervisionQuery } from './supervision.ts';
import { zDrill, zStats, zSupervision } from './views.schemas.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** 行政执法 registries: bodies, officers, matters; spreadsheet import/export; the public 事前公开 lists. */
export const enforcementRoutes = (deps: AppDeps) => async (base: FastifyInstance) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['enforcement'];
  const readAccess = { access: { permission: P['enforcement.registry.read'] } };
  const manageAccess = { access: { permission: P['enforcement.registry.manage'] } };
  const root = '/api/enforcement';

  app.get(
    `${root}/bodies`,
    {
      config: readAccess,
      schema: {
        tags,
        summary: '执法主体列表',
        querystring: zListQuery,
        response: { 200: zBodyList, ...problemResponses },
      },
    },
    async (req) => listBodies(req.ctx(), req.query),
  );
  app.post(
    `${root}/bodies`,
    {
      config: manageAccess,
      schema: {
        tags,
        summary: '登记执法主体',
        body: zCreateBodyBody,
        response: { 201: zBody, ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await createBody(req.ctx(), req.body)),
  );
  app.get(
    `${root}/bodies/:id`,
    {
      config: readAccess,
      schema: {
        tags,
        summary: '执法主体详情',
        params: zIdParams,
        response: { 200: zBody, ...problemResponses },
      },
    },
    async (req) => getBody(req.ctx(), req.params.id),
  );
  app.patch(
    `${root}/bodies/:id`,
    {
      config: manageAccess,
      schema: {
        tags,
        summary: '修改或停用执法主体',
        params: zIdParams,
        body: zUpdateBodyBody,
        response: { 200: zBody, ...problemResponses },
      },
    },
    async (req) => updateBody(req.ctx(), req.params.id, req.body),
  );

  app.get(
    `${root}/officers`,
    {
      config: readAccess,
      schema: {
        tags,
        summary: '执法人员列表（含证件今日是否可用）',
        querystring: zListQuery,
        response: { 200: zOfficerList, ...problemResponses },
      },
    },
    async (req) => listOfficers(req.ctx(), req.query),
  );
  app.post(
    `${root}/officers`,
    {
      config: manageAccess,
      schema: {
        tags,
        summary: '登记执法人员及其执法证件',
        body: zCreateOfficerBody,
        response: { 201: zOfficer, ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await createOfficer(req.ctx(), req.body)),
  );
  app.get(
    `${root}/officers/:id`,
    {
      config: readAccess,
      schema: {
        tags,
        summary: '执法人员详情',
        params: zIdParams,
        response: { 200: zOfficer, ...problemResponses },
      },
    },
    async (req) => getOfficer(req.ctx(), req.params.id),
  );
  app.patch(
    `${root}/officers/:id`,
    {
      config: manageAccess,
      schema: {
        tags,
        summary: '修改执法人员证件信息（换证、暂扣、注销）',
        params: zIdParams,
        body: zUpdateOfficerBody,
        response: { 200: zOfficer, ...problemResponses },
      },
    },
    async (req) => updateOfficer(req.ctx(), req.params.id, req.body),
  );

  app.get(
    `${root}/matters`,
    {
      config: readAccess,
      schema: {
        tags,
        summary: '执法事项清单',
        querystring: zListQuery,
        response: { 200: zMatterList, ...problemResponses },
      },
    },
    async (req) => listMatters(req.ctx(), req.query),
  );
  app.post(
    `${root}/matters`,
    {
      config: manageAccess,
      schema: {
        tags,
        summary: '新增执法事项（含法律依据与裁量基准）',
        body: zCreateMatterBody,
        response: { 201: zMatter, ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await createMatter(req.ctx(), req.body)),
  );
  app.get(
    `${root}/matters/:id`,
    {
      config: readAccess,
      schema: {
        tags,
        summary: '执法事项详情',
        params: zIdParams,
        response: { 200: zMatter, ...problemResponses },
      },
    },
    async (req) => getMatter(req.ctx(), req.params.id),
  );
  app.patch(
    `${root}/matters/:id`,
    {
      config: manageAccess,
      schema: {
        tags,
        summary: '修改执法事项',
        params: zIdParams,
        body: zUpdateMatterBody,
        response: { 200: zMatter, ...problemResponses },
      },
    },
    async (req) => updateMatter(req.ctx(), req.params.id, req.body),
  );

  const registries: [RegistryKind, string][] = [
    ['matters', '执法事项清单'],
    ['officers', '执法人员名册'],
  ];
  for (const [kind, label] of registries) {
    app.post(
      `${root}/${kind}/import`,
      {
        config: manageAccess,
        schema: {
          tags,
          summary: `导入${label}（Excel .xlsx 第一个工作表；mode: preview 预览 / import 导入）`,
          body: zImportBody,
          response: { 200: zImportResult, ...problemResponses },
        },
      },
      async (req) => importRegistry(req.ctx(), kind, req.body),
    );
    app.get(
      `${root}/${kind}/export.xlsx`,
      {
        config: readAccess,
        schema: {
          tags,
          summary: `导出${label}（与导入格式相同）`,
          response: { 200: z.any(), ...problemResponses },
        },
      },
      async (req, reply) => {
        const file = await exportRegistry(req.ctx(), kind);
        return reply
          .header('content-type', XLSX)
          .header(
            'content-disposition',
            `attachment; filename="${kind}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${label}.xlsx`)}`,
          )
          .send(file);
      },
    );
  }

  app.get(
    `${root}/cases/:id/publicity-draft`,
    {
      config: { access: { permission: P['enforcement.decision.publish'] } },
      schema: {
        tags,
        summary: '行政处罚决定公开版本草稿（按脱敏规则处理，供保密审查）',
        params: zIdParams,
        response: { 200: zPublicityDraft, ...problemResponses },
      },
    },
    async (req) => publicityDraft(req.ctx(), req.params.id),
  );
  app.get(
    `${root}/cases/:id/case-file.zip`,
    {
      config: { access: { permission: P['enforcement.case.read'] } },
      schema: {
        tags,
        summary: '导出案卷（目录与哈希、案件信息、文书、全过程记录回执）',
        params: zIdParams,
        querystring: zCaseFileQuery,
        response: { 200: z.any(), ...problemResponses },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx();
      const file = await buildCaseFile(ctx, req.params.id, req.query);
      // The case file holds personal data: who exported it, when and what is recorded (个保法 access logging).
      await appendLogEntry(ctx.db, {
        tenantId: ctx.actor.tenantId,
        kind: 'enforcement.case.file-exported',
        actor: logActorOf(ctx.actor),
        subject: { type: 'case', id: req.params.id },
        data: { files: file.manifest.files.length },
        attachments: { [file.fileName]: createHash('sha256').update(file.zip).digest('hex') },
        requestId: ctx.requestId,
        at: ctx.now,
      });
      return reply
        .header('content-type', 'application/zip')
        .header(
          'content-disposition',
          `attachment; filename="case-file.zip"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .send(file.zip);
    },
  );

  app.get(
    `${root}/cases/:id/documents`,
    {
      config: { access: { permission: P['enforcement.case.read'] } },
      schema: {
        tags,
        summary: '案件文书：办理进度需要的文书，可生成或缺少哪些信息',
        params: zIdParams,
        querystring: zCaseFileQuery,
        response: { 200: zCaseDocumentList, ...problemResponses },
      },
    },
    async (req) => {
      const { documents } = await caseDocuments(req.ctx(), req.params.id, req.query);
      return {
        documents: documents.map(({ code, name, status, missing, suppliedByExporter }) => ({
          code,
          name,
          status,
          missing,
          suppliedByExporter,
        })),
      };
    },
  );
  app.get(
    `${root}/cases/:id/documents/:code.docx`,
    {
      config: { access: { permission: P['enforcement.case.read'] } },
      schema: {
        tags,
        summary: '生成案件的一份文书（DOCX）；缺少信息时列出全部缺项',
        params: zIdParams.extend({ code: z.string().max(64) }),
        querystring: zCaseFileQuery,
        response: { 200: z.any(), ...problemResponses },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx();
      const file = await caseDocumentDocx(ctx, req.params.id, req.params.code, req.query);
      // A document holds personal data: who generated it and when is recorded, as for the case file.
      await appendLogEntry(ctx.db, {
        tenantId: ctx.actor.tenantId,
        kind: 'enforcement.case.document-exported',
        actor: logActorOf(ctx.actor),
        subject: { type: 'case', id: req.params.id },
        data: { template: file.document.code },
        attachments: { [file.fileName]: createHash('sha256').update(file.docx).digest('hex') },
        requestId: ctx.requestId,
        at: ctx.now,
      });
      return reply
        .header('content-type', DOCX)
        .header(
          'content-disposition',
          `attachment; filename="document.docx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .send(file.docx);
    },
  );

  const caseReadAccess = { access: { permission: P['enforcement.case.read'] } };
  app.get(
    `${root}/stats`,
    {
      config: caseReadAccess,
      schema: {
        tags,
        summary: '行政执法统计指标（本人数据范围内；每项指标可下钻到案件）',
        querystring: zStatsQuery,
        response: { 200: zStats, ...problemResponses },
      },
    },
    async (req) => enforcementStats(req.ctx(), req.query),
  );
  app.get(
    `${root}/stats/drill`,
    {
      config: caseReadAccess,
      schema: {
        tags,
        summary: '统计指标下钻：构成该数字的案件',
        querystring: zDrillQuery,
        response: { 200: zDrill, ...problemResponses },
      },
    },
    async (req) => drillIndicator(req.ctx(), req.query),
  );
  app.get(
    `${root}/supervision`,
    {
      config: caseReadAccess,
      schema: {
        tags,
        summary: '执法监督：在办案件（逾期在前，按最近届满日期排序）',
        querystring: zSupervisionQuery,
        response: { 200: zSupervision, ...problemResponses },
      },
    },
    async (req) => supervision(req.ctx(), req.query),
  );

  // 事前公开: no sign-in; the district from ?tenant=, default the deployment's.
  const publicTags = ['enforcement-public'];
  const tenantOf = async (code: string | undefined) => {
    const tenantId = code ?? deps.config.DEFAULT_TENANT;
    if (!(await getTenant(deps.db, tenantId))) throw notFound('ENFORCEMENT.TENANT_NOT_FOUND', '行政区不存在');
    return tenantId;
  };
  app.get(
    '/api/public/enforcement/bodies',
    {
      config: { access: { public: true } },
      schema: {
        tags: publicTags,
        summary: '行政执法主体公示',
        querystring: zPublicQuery,
        response: { 200: z.array(zPublicBody), ...problemResponses },
      },
    },
    async (req) => publicBodies(deps.db, await tenantOf(req.query.tenant)),
  );
  app.get(
    '/api/public/enforcement/officers',
    {
      config: { access: { public: true } },
      schema: {
        tags: publicTags,
        summary: '行政执法人员公示（姓名、执法证号、证件类别、执法主体、执法领域、有效期）',
        querystring: zPublicQuery,
        response: { 200: z.array(zPublicOfficer), ...problemResponses },
      },
    },
    async (req) => publicOfficers(deps.db, await tenantOf(req.query.tenant), req.query),
  );
  app.get(
    '/api/public/enforcement/matters',
    {
      config: { access: { public: true } },
      schema: {
        tags: publicTags,
        summary: '行政执法事项公示（法律依据与裁量基准）',
        querystring: zPublicQuery,
        response: { 200: z.array(zPublicMatter), ...problemResponses },
      },
    },
    async (req) => publicMatters(deps.db, await tenantOf(req.query.tenant), req.query),
  );

  // 事后公开: published penalty decisions (行政处罚决定公开), no sign-in.
  app.get(
    '/api/public/enforcement/decisions',
    {
      config: { access: { public: true } },
      schema: {
        tags: publicTags,
        summary: '行政处罚决定公开查询（按当事人、事项、执法主体、文号或正文关键词；最新公开的在前）',
        querystring: zPublicDecisionQuery,
        response: { 200: zPublicDecisionList, ...problemResponses },
      },
    },
    async (req) => searchPublishedDecisions(deps.db, await tenantOf(req.query.tenant), req.query),
  );
  app.get(
    '/api/public/enforcement/decisions/:id',
    {
      config: { access: { public: true } },
      schema: {
        tags: publicTags,
        summary: '公开的行政处罚决定（已撤回的只显示撤回说明）',
        params: zIdParams,
        querystring: zPublicTenantQuery,
        response: { 200: zPublicDecision, ...problemResponses },
      },
    },
    async (req) => getPublishedDecision(deps.db, await tenantOf(req.query.tenant), req.params.id),
  );
};
