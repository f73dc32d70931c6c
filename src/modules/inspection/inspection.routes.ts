import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses, zIdParams } from '../../kernel/schemas.ts';
import { createEntity, getEntity, listEntities, updateEntity } from './directory.ts';
import { exportEntities, importEntities } from './directory-file.ts';
import { InspectionPermissions as P } from './inspection.permissions.ts';
import {
  MAX_IMPORT_BASE64,
  zCreateEntityBody,
  zEntity,
  zEntityExportQuery,
  zEntityImportBody,
  zEntityImportResult,
  zEntityList,
  zEntityListQuery,
  zUpdateEntityBody,
} from './inspection.schemas.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 双随机、一公开: the market-entity directory with its spreadsheet import and export. */
export const inspectionRoutes = async (base: FastifyInstance) => {
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
};
