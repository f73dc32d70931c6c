import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../http/deps.ts';
import { notFound } from '../../kernel/errors.ts';
import { problemResponses, zIdParams } from '../../kernel/schemas.ts';
import { getTenant } from '../../platform/tenancy/index.ts';
import { createEntity, getEntity, listEntities, updateEntity } from './directory.ts';
import { exportEntities, importEntities } from './directory-file.ts';
import { InspectionPermissions as P } from './inspection.permissions.ts';
import {
  MAX_IMPORT_BASE64,
  zCreateEntityBody,
  zDrawBody,
  zEntity,
  zEntityExportQuery,
  zEntityImportBody,
  zEntityImportResult,
  zEntityList,
  zEntityListQuery,
  zPublicDraw,
  zPublicDrawSummary,
  zPublicTenantQuery,
  zPublishTaskBody,
  zTask,
  zUpdateEntityBody,
} from './inspection.schemas.ts';
import { drawTask, getTask, listTasks, publicDraw, publicDraws, publishTask } from './tasks.ts';

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
      schema: { tags, summary: '抽查任务列表', response: { 200: z.array(zTask), ...problemResponses } },
    },
    async (req) => listTasks(req.ctx()),
  );
  app.post(
    `${root}/tasks`,
    {
      config: taskManage,
      schema: {
        tags,
        summary: '发布抽查任务：冻结抽取池（按统一社会信用代码排序）并公布抽取数量和将来的公开随机源',
        body: zPublishTaskBody,
        response: { 201: zTask, ...problemResponses },
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
        response: { 200: zTask, ...problemResponses },
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
        summary: '录入公开随机源的值并按 RFC 3797 抽取',
        params: zIdParams,
        body: zDrawBody,
        response: { 200: zTask, ...problemResponses },
      },
    },
    async (req) => drawTask(req.ctx(), req.params.id, req.body.sourceValues),
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
        response: { 200: zPublicDraw, ...problemResponses },
      },
    },
    async (req) => publicDraw(deps.db, await tenantOf(req.query.tenant), req.params.id),
  );
};
