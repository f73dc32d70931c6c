import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../http/deps.ts';
import { notFound } from '../../kernel/errors.ts';
import { problemResponses, zIdParams } from '../../kernel/schemas.ts';
import { getTenant } from '../../platform/tenancy/index.ts';
import { createEntity, getEntity, listEntities, updateEntity } from './directory.ts';
import { badRowsWorkbook, exportEntities, importEntities } from './directory-file.ts';
import { InspectionPermissions as P } from './inspection.permissions.ts';
import {
  MAX_IMPORT_BASE64,
  zAssignment,
  zConflict,
  zConflictBody,
  zCreateEntityBody,
  zDrawBody,
  zEntity,
  zEntityBadRowsBody,
  zEntityExportQuery,
  zEntityImportBody,
  zEntityImportResult,
  zEntityList,
  zEntityListQuery,
  zItem,
  zItemBody,
  zItemPatch,
  zPlan,
  zPlanBody,
  zPublicDrawSummary,
  zPublicDrawV2,
  zPublicItemsAndPlans,
  zPublicTenantQuery,
  zPublishTaskBodyV2,
  zRedrawBody,
  zResult,
  zResultBody,
  zResultCorrection,
  zResultParams,
  zResultWithdrawal,
  zTaskListQuery,
  zTaskV2,
  zTeamsBody,
  zUpdateEntityBody,
} from './inspection.schemas.ts';
import {
  createItem,
  createPlan,
  getPlan,
  listItems,
  listPlans,
  publicItemsAndPlans,
  updateItem,
} from './plans.ts';
import { publicDrawDetail } from './public.ts';
import {
  correctResult,
  listResults,
  myAssignments,
  publishResults,
  recordResult,
  withdrawResult,
} from './results.ts';
import { drawTask, getTask, listTasks, publicDraws, publishTask } from './tasks.ts';
import { declareConflict, drawTeams, listConflicts, redrawTeam } from './teams.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 双随机、一公开: the market-entity directory with its spreadsheet import and export. */
export const inspectionRoutes = (deps: AppDeps) => async (base: FastifyInstance) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['inspection'];
  const readAccess = { access: { permission: P['inspection.directory.read'] } };
  const manageAccess = { access: { permission: P['inspection.directory.manage'] } };
  const root = '/api/inspection';

  app.get(
    `${root}/entities`,
    {
      config: readAccess,
      schema: {
        tags,
        summary: '市场主体名录',
        querystring: zEntityListQuery,
        response: { 200: zEntityList, ...problemResponses },
      },
    },
    async (req) => listEntities(req.ctx(), req.query),
  );
  app.post(
    `${root}/entities`,
    {
      config: manageAccess,
      schema: {
        tags,
        summary: '登记市场主体',
        body: zCreateEntityBody,
        response: { 201: zEntity, ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await createEntity(req.ctx(), req.body)),
  );
  app.post(
    `${root}/entities/import`,
    {
      config: manageAccess,
      // The workbook travels base64-encoded in JSON; the reading itself streams.
      bodyLimit: MAX_IMPORT_BASE64 + 10_000,
      schema: {
        tags,
        summary: '导入市场主体名录（Excel .xlsx 第一个工作表；mode: preview 预览 / import 导入）',
        body: zEntityImportBody,
        response: { 200: zEntityImportResult, ...problemResponses },
      },
    },
    async (req) => importEntities(req.ctx(), req.body),
  );
  app.post(
    `${root}/entities/import/bad-rows.xlsx`,
    {
      config: manageAccess,
      bodyLimit: MAX_IMPORT_BASE64 + 10_000,
      schema: {
        tags,
        summary: '导入文件中有误的行（Excel：原有各列加原行号、问题说明；改正后可再次导入）',
        body: zEntityBadRowsBody,
        response: { 200: z.any(), ...problemResponses },
      },
    },
    async (req, reply) => {
      const { stream, filename } = await badRowsWorkbook(req.ctx(), req.body);
      return reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          `attachment; filename="bad-rows.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        )
        .send(stream);
    },
  );
  app.get(
    `${root}/entities/export.xlsx`,
    {
      config: readAccess,
      schema: {
        tags,
        summary: '导出市场主体名录（与导入格式相同）',
        querystring: zEntityExportQuery,
        response: { 200: z.any(), ...problemResponses },
      },
    },
    async (req, reply) => {
      const file = await exportEntities(req.ctx(), req.query);
      return reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          `attachment; filename="entities.xlsx"; filename*=UTF-8''${encodeURIComponent('市场主体名录.xlsx')}`,
        )
        .send(file);
    },
  );
  app.get(
    `${root}/entities/:id`,
    {
      config: readAccess,
      schema: {
        tags,
        summary: '市场主体详情',
        params: zIdParams,
        response: { 200: zEntity, ...problemResponses },
      },
    },
    async (req) => getEntity(req.ctx(), req.params.id),
  );
  app.patch(
    `${root}/entities/:id`,
    {
      config: manageAccess,
      schema: {
        tags,
        summary: '修改市场主体（统一社会信用代码不可修改）',
        params: zIdParams,
        body: zUpdateEntityBody,
        response: { 200: zEntity, ...problemResponses },
      },
    },
    async (req) => updateEntity(req.ctx(), req.params.id, req.body),
  );

  const taskRead = { access: { permission: P['inspection.task.read'] } };
  const taskManage = { access: { permission: P['inspection.task.manage'] } };
  app.get(
    `${root}/tasks`,
    {
      config: taskRead,
      schema: {
        tags,
        summary: '抽查任务列表（含本部门参与的联合抽查）',
        querystring: zTaskListQuery,
        response: { 200: z.array(zTaskV2), ...problemResponses },
      },
    },
    async (req) => listTasks(req.ctx(), req.query.planId),
  );
  app.post(
    `${root}/tasks`,
    {
      config: taskManage,
      schema: {
        tags,
        summary:
          '发布抽查任务：冻结抽取池（按统一社会信用代码排序，按信用等级抽取时连同各主体的等级）和检查人员名录，公布抽取数量（或各等级比例）和将来的公开随机源',
        body: zPublishTaskBodyV2,
        response: { 201: zTaskV2, ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await publishTask(req.ctx(), req.body)),
  );
  app.get(
    `${root}/tasks/:id`,
    {
      config: taskRead,
      schema: {
        tags,
        summary: '抽查任务详情',
        params: zIdParams,
        response: { 200: zTaskV2, ...problemResponses },
      },
    },
    async (req) => getTask(req.ctx(), req.params.id),
  );
  app.post(
    `${root}/tasks/:id/draw`,
    {
      config: taskManage,
      schema: {
        tags,
        summary: '录入公开随机源的值并按 RFC 3797 抽取（按信用等级分层时每层各抽一次，随机源相同）',
        params: zIdParams,
        body: zDrawBody,
        response: { 200: zTaskV2, ...problemResponses },
      },
    },
    async (req) => drawTask(req.ctx(), req.params.id, req.body.sourceValues),
  );

  app.post(
    `${root}/tasks/:id/teams`,
    {
      config: taskManage,
      schema: {
        tags,
        summary:
          '按 RFC 3797 为每个检查对象匹配检查人员（至少2名，执法证在检查日有效，回避已申报利害关系者）',
        params: zIdParams,
        body: zTeamsBody,
        response: { 200: zTaskV2, ...problemResponses },
      },
    },
    async (req) => drawTeams(req.ctx(), req.params.id, req.body),
  );
  app.post(
    `${root}/tasks/:id/teams/:entityId/redraw`,
    {
      config: taskManage,
      schema: {
        tags,
        summary:
          '单组重新匹配：检查组成员事后申报回避或执法证不可用时，按公布的随机源、主体代码和重新匹配序号重新抽取该检查对象的检查组',
        params: zResultParams,
        body: zRedrawBody,
        response: { 200: zTaskV2, ...problemResponses },
      },
    },
    async (req) => redrawTeam(req.ctx(), req.params.id, req.params.entityId, req.body),
  );
  const resultRecord = { access: { permission: P['inspection.result.record'] } };
  app.get(
    `${root}/tasks/:id/results`,
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: '抽查结果（任务的查看者和检查组成员可见）',
        params: zIdParams,
        response: { 200: z.array(zResult), ...problemResponses },
      },
    },
    async (req) => listResults(req.ctx(), req.params.id),
  );
  app.post(
    `${root}/tasks/:id/results`,
    {
      config: resultRecord,
      schema: {
        tags,
        summary: '录入检查结果（检查组成员；立案查处时生成行政处罚案件线索）',
        params: zIdParams,
        body: zResultBody,
        response: { 201: zResult, ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await recordResult(req.ctx(), req.params.id, req.body)),
  );
  app.post(
    `${root}/tasks/:id/results/publish`,
    {
      config: taskManage,
      schema: {
        tags,
        summary: '公示已录入的检查结果（应在检查完成后20个工作日内）',
        params: zIdParams,
        response: { 200: z.object({ published: z.number().int() }), ...problemResponses },
      },
    },
    async (req) => publishResults(req.ctx(), req.params.id),
  );
  app.post(
    `${root}/tasks/:id/results/:entityId/correct`,
    {
      config: resultRecord,
      schema: {
        tags,
        summary: '更正检查结果（检查组成员或牵头部门；已公示的，原信用记录撤销并按更正后的结果重新记录）',
        params: zResultParams,
        body: zResultCorrection,
        response: { 200: zResult, ...problemResponses },
      },
    },
    async (req) => correctResult(req.ctx(), req.params.id, req.params.entityId, req.body),
  );
  app.post(
    `${root}/tasks/:id/results/:entityId/withdraw`,
    {
      config: taskManage,
      schema: {
        tags,
        summary: '撤回已公示的检查结果（牵头部门；信用记录同时撤销）',
        params: zResultParams,
        body: zResultWithdrawal,
        response: { 200: zResult, ...problemResponses },
      },
    },
    async (req) => withdrawResult(req.ctx(), req.params.id, req.params.entityId, req.body),
  );
  app.get(
    `${root}/assignments`,
    {
      config: resultRecord,
      schema: {
        tags,
        summary: '本人参加检查的检查对象',
        response: { 200: z.array(zAssignment), ...problemResponses },
      },
    },
    async (req) => myAssignments(req.ctx()),
  );
  app.get(
    `${root}/conflicts`,
    {
      config: taskManage,
      schema: { tags, summary: '回避登记', response: { 200: z.array(zConflict), ...problemResponses } },
    },
    async (req) => listConflicts(req.ctx()),
  );
  app.post(
    `${root}/conflicts`,
    {
      config: taskManage,
      schema: {
        tags,
        summary: '登记检查人员与市场主体的利害关系（匹配检查人员时回避）',
        body: zConflictBody,
        response: { 201: zConflict, ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await declareConflict(req.ctx(), req.body)),
  );
  app.get(
    `${root}/items`,
    {
      config: taskRead,
      schema: { tags, summary: '随机抽查事项清单', response: { 200: z.array(zItem), ...problemResponses } },
    },
    async (req) => listItems(req.ctx()),
  );
  app.post(
    `${root}/items`,
    {
      config: taskManage,
      schema: {
        tags,
        summary: '新增抽查事项（本部门）',
        body: zItemBody,
        response: { 201: zItem, ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await createItem(req.ctx(), req.body)),
  );
  app.patch(
    `${root}/items/:id`,
    {
      config: taskManage,
      schema: {
        tags,
        summary: '修改或停用抽查事项',
        params: zIdParams,
        body: zItemPatch,
        response: { 200: zItem, ...problemResponses },
      },
    },
    async (req) => updateItem(req.ctx(), req.params.id, req.body),
  );
  app.get(
    `${root}/plans`,
    {
      config: taskRead,
      schema: { tags, summary: '年度抽查计划', response: { 200: z.array(zPlan), ...problemResponses } },
    },
    async (req) => listPlans(req.ctx()),
  );
  app.post(
    `${root}/plans`,
    {
      config: taskManage,
      schema: {
        tags,
        summary: '制定并公布年度抽查计划（本部门）',
        body: zPlanBody,
        response: { 201: zPlan, ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await createPlan(req.ctx(), req.body)),
  );
  app.get(
    `${root}/plans/:id`,
    {
      config: taskRead,
      schema: {
        tags,
        summary: '年度抽查计划详情',
        params: zIdParams,
        response: { 200: zPlan, ...problemResponses },
      },
    },
    async (req) => getPlan(req.ctx(), req.params.id),
  );

  const tenantOf = async (code: string | undefined) => {
    const tenantId = code ?? deps.config.DEFAULT_TENANT;
    if (!(await getTenant(deps.db, tenantId))) throw notFound('INSPECTION.TENANT_NOT_FOUND', '行政区不存在');
    return tenantId;
  };
  const publicTags = ['public'];
  app.get(
    '/api/public/inspection/draws',
    {
      config: { access: { public: true } },
      schema: {
        tags: publicTags,
        summary: '双随机抽查公示：每个抽查任务的抽取参数与结果',
        querystring: zPublicTenantQuery,
        response: { 200: z.array(zPublicDrawSummary), ...problemResponses },
      },
    },
    async (req) => publicDraws(deps.db, await tenantOf(req.query.tenant)),
  );
  app.get(
    '/api/public/inspection/draws/:id',
    {
      config: { access: { public: true } },
      schema: {
        tags: publicTags,
        summary: '一次抽取的全部输入（抽取池、随机源及其值）、结果和按 RFC 3797 的复算',
        params: zIdParams,
        querystring: zPublicTenantQuery,
        response: { 200: zPublicDrawV2, ...problemResponses },
      },
    },
    async (req) => publicDrawDetail(deps.db, await tenantOf(req.query.tenant), req.params.id),
  );
  app.get(
    '/api/public/inspection/items',
    {
      config: { access: { public: true } },
      schema: {
        tags: publicTags,
        summary: '随机抽查事项清单和年度抽查计划',
        querystring: zPublicTenantQuery,
        response: { 200: zPublicItemsAndPlans, ...problemResponses },
      },
    },
    async (req) => publicItemsAndPlans(deps.db, await tenantOf(req.query.tenant)),
  );
};
