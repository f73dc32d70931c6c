import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../http/deps.ts';
import { notFound } from '../../kernel/errors.ts';
import { problemResponses, zIdParams } from '../../kernel/schemas.ts';
import { getTenant } from '../../platform/tenancy/index.ts';
import { chinaDate } from '../../platform/workflow/index.ts';
import { CreditPermissions as P } from './credit.permissions.ts';
import {
  zApplyRepairBody,
  zCodeParams,
  zCreateFeedbackBody,
  zCreateMeasureBody,
  zCreateModelBody,
  zCreateRecordBody,
  zCreateRulesVersionBody,
  zDecideRepairBody,
  zFeedback,
  zFeedbackQuery,
  zFlags,
  zGradeHistory,
  zMeasure,
  zModel,
  zPublicSearchQuery,
  zPublicSubject,
  zPublicSubjectList,
  zPublicTenantQuery,
  zPublishResult,
  zRecord,
  zRecordList,
  zRecordQuery,
  zRepair,
  zRepairQuery,
  zRevokeBody,
  zRulesVersion,
  zRun,
  zSubject,
  zSubjectList,
  zSubjectQuery,
  zUpdateMeasureBody,
  zUpdateModelBody,
} from './credit.schemas.ts';
import { getRegradeRun } from './grading.ts';
import {
  createMeasure,
  creditFlags,
  listFeedback,
  listMeasures,
  recordFeedback,
  updateMeasure,
} from './measures.ts';
import {
  createModel,
  getModel,
  listModels,
  listRegradeRuns,
  publishModel,
  regradeWith,
  updateModel,
} from './models.ts';
import { publicSubject, publicSubjects } from './public.ts';
import {
  createRecord,
  createRulesVersion,
  getRecord,
  getSubject,
  gradeHistory,
  listRecords,
  listSubjects,
  revokeRecord,
  rulesVersions,
} from './records.ts';
import { applyRepair, decideRepair, getRepair, listRepairs } from './repairs.ts';

/** 公共信用: records, subjects and grades, the scoring model, joint measures and feedback, repair, public lookup. */
export const creditRoutes = (deps: AppDeps) => async (base: FastifyInstance) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['credit'];
  const root = '/api/credit';
  const access = (permission: string) => ({ access: { permission } });
  const read = access(P['credit.record.read']);
  const manageRecords = access(P['credit.record.manage']);
  const manageModel = access(P['credit.model.manage']);
  const manageMeasures = access(P['credit.measure.manage']);
  const feedback = access(P['credit.feedback.record']);
  const repair = access(P['credit.repair.handle']);

  app.get(
    `${root}/records`,
    {
      config: read,
      schema: {
        tags,
        summary: '信用记录列表',
        querystring: zRecordQuery,
        response: { 200: zRecordList, ...problemResponses },
      },
    },
    async (req) => listRecords(req.ctx(), req.query),
  );
  app.post(
    `${root}/records`,
    {
      config: manageRecords,
      schema: {
        tags,
        summary: '录入信用记录（同一事务内更新主体信用等级）',
        body: zCreateRecordBody,
        response: { 201: zRecord, ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await createRecord(req.ctx(), req.body)),
  );
  app.get(
    `${root}/records/:id`,
    {
      config: read,
      schema: {
        tags,
        summary: '信用记录详情',
        params: zIdParams,
        response: { 200: zRecord, ...problemResponses },
      },
    },
    async (req) => getRecord(req.ctx(), req.params.id),
  );
  app.post(
    `${root}/records/:id/revoke`,
    {
      config: manageRecords,
      schema: {
        tags,
        summary: '撤销信用记录（录入错误或原决定被撤销）',
        params: zIdParams,
        body: zRevokeBody,
        response: { 200: zRecord, ...problemResponses },
      },
    },
    async (req) => revokeRecord(req.ctx(), req.params.id, req.body.reason),
  );

  app.get(
    `${root}/subjects`,
    {
      config: read,
      schema: {
        tags,
        summary: '信用主体及其信用等级',
        querystring: zSubjectQuery,
        response: { 200: zSubjectList, ...problemResponses },
      },
    },
    async (req) => listSubjects(req.ctx(), req.query),
  );
  app.get(
    `${root}/subjects/:code`,
    {
      config: read,
      schema: {
        tags,
        summary: '信用主体详情',
        params: zCodeParams,
        response: { 200: zSubject, ...problemResponses },
      },
    },
    async (req) => getSubject(req.ctx(), req.params.code),
  );
  app.get(
    `${root}/subjects/:code/history`,
    {
      config: read,
      schema: {
        tags,
        summary: '信用等级历史（每次变化的模型版本和加减分记录）',
        params: zCodeParams,
        response: { 200: zGradeHistory, ...problemResponses },
      },
    },
    async (req) => gradeHistory(req.ctx(), req.params.code),
  );

  app.get(
    `${root}/models`,
    {
      config: manageModel,
      schema: { tags, summary: '评分模型版本', response: { 200: z.array(zModel), ...problemResponses } },
    },
    async (req) => listModels(req.ctx()),
  );
  app.post(
    `${root}/models`,
    {
      config: manageModel,
      schema: {
        tags,
        summary: '起草评分模型新版本（默认复制现行版本）',
        body: zCreateModelBody,
        response: { 201: zModel, ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await createModel(req.ctx(), req.body)),
  );
  app.get(
    `${root}/models/:id`,
    {
      config: manageModel,
      schema: {
        tags,
        summary: '评分模型版本详情',
        params: zIdParams,
        response: { 200: zModel, ...problemResponses },
      },
    },
    async (req) => getModel(req.ctx(), req.params.id),
  );
  app.patch(
    `${root}/models/:id`,
    {
      config: manageModel,
      schema: {
        tags,
        summary: '修改评分模型草稿（已发布版本不可修改）',
        params: zIdParams,
        body: zUpdateModelBody,
        response: { 200: zModel, ...problemResponses },
      },
    },
    async (req) => updateModel(req.ctx(), req.params.id, req.body),
  );
  app.post(
    `${root}/models/:id/publish`,
    {
      config: manageModel,
      schema: {
        tags,
        summary: '发布评分模型版本并对全部主体重新评级',
        params: zIdParams,
        response: { 200: zPublishResult, ...problemResponses },
      },
    },
    async (req) => publishModel(req.ctx(), req.params.id),
  );
  app.post(
    `${root}/models/:id/regrade`,
    {
      config: manageModel,
      schema: {
        tags,
        summary: '按现行（已发布）模型版本重新评级',
        params: zIdParams,
        response: { 200: zRun, ...problemResponses },
      },
    },
    async (req) => regradeWith(req.ctx(), req.params.id),
  );
  app.get(
    `${root}/models/:id/runs`,
    {
      config: manageModel,
      schema: {
        tags,
        summary: '评分模型版本的重新评级任务（最新在前，用于显示进度）',
        params: zIdParams,
        response: { 200: z.array(zRun), ...problemResponses },
      },
    },
    async (req) => listRegradeRuns(req.ctx(), req.params.id),
  );
  app.get(
    `${root}/regrade-runs/:id`,
    {
      config: manageModel,
      schema: {
        tags,
        summary: '重新评级进度',
        params: zIdParams,
        response: { 200: zRun, ...problemResponses },
      },
    },
    async (req) => getRegradeRun(req.ctx(), req.params.id),
  );
  app.get(
    `${root}/rules`,
    {
      config: read,
      schema: {
        tags,
        summary: '公示期限与信用修复规则版本',
        response: { 200: z.array(zRulesVersion), ...problemResponses },
      },
    },
    async (req) => rulesVersions(req.ctx(), req.ctx().actor.tenantId),
  );
  app.post(
    `${root}/rules`,
    {
      config: manageModel,
      schema: {
        tags,
        summary: '新增本区公示期限规则版本（按施行日期适用）',
        body: zCreateRulesVersionBody,
        response: { 201: z.array(zRulesVersion), ...problemResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await createRulesVersion(req.ctx(), req.body as Parameters<typeof createRulesVersion>[1])),
  );

  app.get(
    `${root}/measures`,
    {
      config: feedback,
      schema: {
        tags,
        summary: '联合奖惩措施目录',
        response: { 200: z.array(zMeasure), ...problemResponses },
      },
    },
    async (req) => listMeasures(req.ctx()),
  );
  app.post(
    `${root}/measures`,
    {
      config: manageMeasures,
      schema: {
        tags,
        summary: '新增联合奖惩措施',
        body: zCreateMeasureBody,
        response: { 201: zMeasure, ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await createMeasure(req.ctx(), req.body)),
  );
  app.patch(
    `${root}/measures/:id`,
    {
      config: manageMeasures,
      schema: {
        tags,
        summary: '修改或停用联合奖惩措施',
        params: zIdParams,
        body: zUpdateMeasureBody,
        response: { 200: zMeasure, ...problemResponses },
      },
    },
    async (req) => updateMeasure(req.ctx(), req.params.id, req.body),
  );
  app.get(
    `${root}/flags/:code`,
    {
      config: feedback,
      schema: {
        tags,
        summary: '联合奖惩提示：主体当前应适用的措施',
        params: zCodeParams,
        response: { 200: zFlags, ...problemResponses },
      },
    },
    async (req) => creditFlags(req.ctx(), req.params.code),
  );
  app.get(
    `${root}/feedback`,
    {
      config: feedback,
      schema: {
        tags,
        summary: '部门联合奖惩反馈列表',
        querystring: zFeedbackQuery,
        response: { 200: z.array(zFeedback), ...problemResponses },
      },
    },
    async (req) => listFeedback(req.ctx(), req.query),
  );
  app.post(
    `${root}/feedback`,
    {
      config: feedback,
      schema: {
        tags,
        summary: '反馈联合奖惩措施执行情况',
        body: zCreateFeedbackBody,
        response: { 201: zFeedback, ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await recordFeedback(req.ctx(), req.body)),
  );

  app.get(
    `${root}/repairs`,
    {
      config: repair,
      schema: {
        tags,
        summary: '信用修复申请列表',
        querystring: zRepairQuery,
        response: { 200: z.array(zRepair), ...problemResponses },
      },
    },
    async (req) => listRepairs(req.ctx(), req.query),
  );
  app.post(
    `${root}/repairs`,
    {
      config: repair,
      schema: {
        tags,
        summary: '受理信用修复申请（按申请日适用的规则版本判断最短公示期）',
        body: zApplyRepairBody,
        response: { 201: zRepair, ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await applyRepair(req.ctx(), req.body)),
  );
  app.get(
    `${root}/repairs/:id`,
    {
      config: repair,
      schema: {
        tags,
        summary: '信用修复申请详情',
        params: zIdParams,
        response: { 200: zRepair, ...problemResponses },
      },
    },
    async (req) => getRepair(req.ctx(), req.params.id),
  );
  app.post(
    `${root}/repairs/:id/decide`,
    {
      config: repair,
      schema: {
        tags,
        summary: '审核信用修复申请（同意则停止公示并重新评级）',
        params: zIdParams,
        body: zDecideRepairBody,
        response: { 200: zRepair, ...problemResponses },
      },
    },
    async (req) => decideRepair(req.ctx(), req.params.id, req.body),
  );

  // 信用信息公开查询: no sign-in; the district from ?tenant=, default the deployment's.
  const publicTags = ['credit-public'];
  const tenantOf = async (code: string | undefined) => {
    const tenantId = code ?? deps.config.DEFAULT_TENANT;
    if (!(await getTenant(deps.db, tenantId))) throw notFound('CREDIT.TENANT_NOT_FOUND', '行政区不存在');
    return tenantId;
  };
  app.get(
    '/api/public/credit/subjects',
    {
      config: { access: { public: true } },
      schema: {
        tags: publicTags,
        summary: '信用信息查询：按统一社会信用代码或名称',
        querystring: zPublicSearchQuery,
        response: { 200: zPublicSubjectList, ...problemResponses },
      },
    },
    async (req) => publicSubjects(deps.db, await tenantOf(req.query.tenant), req.query.q),
  );
  app.get(
    '/api/public/credit/subjects/:code',
    {
      config: { access: { public: true } },
      schema: {
        tags: publicTags,
        summary: '主体公开信用信息（双公示、抽查结果、名单、表彰；等级仅在公开时显示）',
        params: zCodeParams,
        querystring: zPublicTenantQuery,
        response: { 200: zPublicSubject, ...problemResponses },
      },
    },
    async (req) =>
      publicSubject(deps.db, await tenantOf(req.query.tenant), req.params.code, chinaDate(deps.clock.now())),
  );
};
