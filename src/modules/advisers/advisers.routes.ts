import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses, zIdParams } from '../../kernel/schemas.ts';
import { AdvisersPermissions as P } from './advisers.permissions.ts';
import {
  zAdviserBody,
  zAdviserDetail,
  zAdviserList,
  zAdviserPatch,
  zAdviserQuery,
  zAssignment,
  zAssignmentBody,
  zCoverage,
  zCoverageQuery,
  zEndAssignmentBody,
  zImportBody,
  zImportResult,
  zMeeting,
  zMeetingBody,
  zMeetingList,
  zMeetingQuery,
  zStats,
  zStatsQuery,
  zVoidBody,
  zWorkBody,
  zWorkFilterQuery,
  zWorkItem,
  zWorkList,
  zWorkQuery,
} from './advisers.schemas.ts';
import { coverage } from './coverage.ts';
import { exportRoster, exportWorkItems } from './files.ts';
import { importRoster, importWorkItems } from './import.ts';
import {
  addAssignment,
  createAdviser,
  endAssignment,
  getAdviser,
  listAdvisers,
  updateAdviser,
} from './roster.ts';
import { adviserStats } from './stats.ts';
import {
  createWorkItem,
  getWorkItem,
  listMeetings,
  listWorkItems,
  recordMeeting,
  voidWorkItem,
} from './work.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (ascii: string, label: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(label)}`;

/** 法律顾问: roster and assignments, coverage, work items, executive-meeting attendance, statistics, Excel export. */
export const advisersRoutes = async (base: FastifyInstance) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['advisers'];
  const root = '/api/advisers';
  const access = (permission: string) => ({ access: { permission } });
  const readRoster = access(P['advisers.roster.read']);
  const manageRoster = access(P['advisers.roster.manage']);
  const readWork = access(P['advisers.work.read']);
  const recordWork = access(P['advisers.work.record']);

  app.get(
    `${root}/roster`,
    {
      config: readRoster,
      schema: {
        tags,
        summary: '法律顾问名册（电话脱敏显示）',
        querystring: zAdviserQuery,
        response: { 200: zAdviserList, ...problemResponses },
      },
    },
    async (req) => listAdvisers(req.ctx(), req.query),
  );
  app.post(
    `${root}/roster`,
    {
      config: manageRoster,
      schema: {
        tags,
        summary: '登记法律顾问（政府法律顾问、公职律师、单位法律顾问）',
        body: zAdviserBody,
        response: { 201: zAdviserDetail, ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await createAdviser(req.ctx(), req.body)),
  );
  app.get(
    `${root}/roster/export.xlsx`,
    {
      config: readRoster,
      schema: {
        tags,
        summary: '导出法律顾问名册（Excel，电话脱敏）',
        response: { 200: z.any(), ...problemResponses },
      },
    },
    async (req, reply) =>
      reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment('advisers.xlsx', '法律顾问名册.xlsx'))
        .send(await exportRoster(req.ctx())),
  );
  app.post(
    `${root}/roster/import`,
    {
      config: manageRoster,
      schema: {
        tags,
        summary: '导入法律顾问名册（Excel .xlsx，按执业证号新增或更新；mode: preview 预览 / import 导入）',
        body: zImportBody,
        response: { 200: zImportResult, ...problemResponses },
      },
    },
    async (req) => importRoster(req.ctx(), req.body),
  );
  app.get(
    `${root}/roster/:id`,
    {
      config: readRoster,
      schema: {
        tags,
        summary: '法律顾问详情（含配备单位）',
        params: zIdParams,
        response: { 200: zAdviserDetail, ...problemResponses },
      },
    },
    async (req) => getAdviser(req.ctx(), req.params.id),
  );
  app.patch(
    `${root}/roster/:id`,
    {
      config: manageRoster,
      schema: {
        tags,
        summary: '修改法律顾问信息（含解聘：status=inactive）',
        params: zIdParams,
        body: zAdviserPatch,
        response: { 200: zAdviserDetail, ...problemResponses },
      },
    },
    async (req) => updateAdviser(req.ctx(), req.params.id, req.body),
  );
  app.post(
    `${root}/roster/:id/assignments`,
    {
      config: manageRoster,
      schema: {
        tags,
        summary: '配备到单位（执业证须在有效期内）',
        params: zIdParams,
        body: zAssignmentBody,
        response: { 201: zAssignment, ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await addAssignment(req.ctx(), req.params.id, req.body)),
  );
  app.post(
    `${root}/assignments/:id/end`,
    {
      config: manageRoster,
      schema: {
        tags,
        summary: '结束配备（截至某日）',
        params: zIdParams,
        body: zEndAssignmentBody,
        response: { 200: zAssignment, ...problemResponses },
      },
    },
    async (req) => endAssignment(req.ctx(), req.params.id, req.body),
  );

  app.get(
    `${root}/coverage`,
    {
      config: readRoster,
      schema: {
        tags,
        summary: '覆盖情况：各部门、镇街、国有企业、村（社区）某日是否配备法律顾问，及未覆盖单位',
        querystring: zCoverageQuery,
        response: { 200: zCoverage, ...problemResponses },
      },
    },
    async (req) => coverage(req.ctx(), req.query),
  );

  app.get(
    `${root}/work-items`,
    {
      config: readWork,
      schema: {
        tags,
        summary: '工作台账（按年度、月份、顾问、类别、单位筛选；统计数字的明细）',
        querystring: zWorkQuery,
        response: { 200: zWorkList, ...problemResponses },
      },
    },
    async (req) => listWorkItems(req.ctx(), req.query),
  );
  app.post(
    `${root}/work-items`,
    {
      config: recordWork,
      schema: {
        tags,
        summary: '登记工作事项',
        body: zWorkBody,
        response: { 201: zWorkItem, ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await createWorkItem(req.ctx(), req.body)),
  );
  app.get(
    `${root}/work-items/export.xlsx`,
    {
      config: readWork,
      schema: {
        tags,
        summary: '导出工作台账（Excel，筛选条件同列表）',
        querystring: zWorkFilterQuery,
        response: { 200: z.any(), ...problemResponses },
      },
    },
    async (req, reply) =>
      reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment('adviser-work.xlsx', '法律顾问工作台账.xlsx'))
        .send(await exportWorkItems(req.ctx(), req.query)),
  );
  app.post(
    `${root}/work-items/import`,
    {
      config: recordWork,
      schema: {
        tags,
        summary: '导入工作台账（Excel .xlsx，与导出格式相同；已有的相同事项不重复登记）',
        body: zImportBody,
        response: { 200: zImportResult, ...problemResponses },
      },
    },
    async (req) => importWorkItems(req.ctx(), req.body),
  );
  app.get(
    `${root}/work-items/:id`,
    {
      config: readWork,
      schema: {
        tags,
        summary: '工作事项详情',
        params: zIdParams,
        response: { 200: zWorkItem, ...problemResponses },
      },
    },
    async (req) => getWorkItem(req.ctx(), req.params.id),
  );
  app.post(
    `${root}/work-items/:id/void`,
    {
      config: recordWork,
      schema: {
        tags,
        summary: '撤销工作事项（须说明理由，记录保留）',
        params: zIdParams,
        body: zVoidBody,
        response: { 200: zWorkItem, ...problemResponses },
      },
    },
    async (req) => voidWorkItem(req.ctx(), req.params.id, req.body.reason),
  );

  app.get(
    `${root}/meetings`,
    {
      config: readWork,
      schema: {
        tags,
        summary: '列席常务会议记录',
        querystring: zMeetingQuery,
        response: { 200: zMeetingList, ...problemResponses },
      },
    },
    async (req) => listMeetings(req.ctx(), req.query),
  );
  app.post(
    `${root}/meetings`,
    {
      config: recordWork,
      schema: {
        tags,
        summary: '登记法律顾问列席常务会议（每名顾问一条）',
        body: zMeetingBody,
        response: { 201: z.array(zMeeting), ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await recordMeeting(req.ctx(), req.body)),
  );

  app.get(
    `${root}/stats`,
    {
      config: readWork,
      schema: {
        tags,
        summary: '履职统计：按顾问、类别、单位、月份统计工作事项和列席会议',
        querystring: zStatsQuery,
        response: { 200: zStats, ...problemResponses },
      },
    },
    async (req) => adviserStats(req.ctx(), req.query),
  );
};
