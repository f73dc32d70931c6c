import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../kernel/schemas.ts';
import { type Ctx, logActorOf } from '../access/index.ts';
import { type CalendarLoader, loadCalendarYear, previewCalendarYear } from './calendar.load.ts';
import { CalendarPermissions as P } from './calendar.permissions.ts';
import {
  zAddQuery,
  zAddResult,
  zCalendarCoverage,
  zCalendarYearDetail,
  zCalendarYearSummary,
  zCheckQuery,
  zDayCheck,
  zImportBody,
  zImportResult,
  zLoadBody,
  zLoadResult,
  zPreview,
  zYearParams,
} from './calendar.schemas.ts';
import {
  addToDate,
  calendarCoverage,
  checkDate,
  getCalendarYear,
  listCalendarYears,
} from './calendar.service.ts';
import { readCalendarFile } from './calendar-file.ts';

/** The acting administrator, as the calendar load records them. */
export function loaderOf(ctx: Ctx): CalendarLoader {
  return {
    tenantId: ctx.actor.tenantId,
    actor: logActorOf(ctx.actor),
    loadedBy: `${ctx.actor.tenantId}/${ctx.actor.username}`,
    requestId: ctx.requestId,
    now: ctx.now,
    via: 'api',
  };
}

/** The working-day calendar: reading it, counting by hand, and loading a new year. */
export async function calendarRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];

  app.get(
    '/api/calendar/years',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: '已载入的年份',
        response: { 200: z.array(zCalendarYearSummary), ...problemResponses },
      },
    },
    async (req) => listCalendarYears(req.ctx().db),
  );

  app.get(
    '/api/calendar/coverage',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: '日历覆盖到哪一年：未载入的年份临近时提醒',
        response: { 200: zCalendarCoverage, ...problemResponses },
      },
    },
    async (req) => calendarCoverage(req.ctx().db, req.ctx().now),
  );

  app.get(
    '/api/calendar/years/:year',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: '一年的放假日与调休上班日',
        params: zYearParams,
        response: { 200: zCalendarYearDetail, ...problemResponses },
      },
    },
    async (req) => getCalendarYear(req.ctx().db, req.params.year),
  );

  app.get(
    '/api/calendar/check',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: '某日是否为工作日及原因',
        querystring: zCheckQuery,
        response: { 200: zDayCheck, ...problemResponses },
      },
    },
    async (req) => checkDate(req.ctx().db, req.query.date),
  );

  app.get(
    '/api/calendar/add',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: '推算期限：某日加若干工作日、日或月（日、月默认末日遇休息日顺延）',
        querystring: zAddQuery,
        response: { 200: zAddResult, ...problemResponses },
      },
    },
    async (req) =>
      addToDate(req.ctx().db, {
        date: req.query.date,
        amount: req.query.amount,
        unit: req.query.unit,
        roll: req.query.roll ?? req.query.unit !== 'workday',
      }),
  );

  app.post(
    '/api/calendar/years/preview',
    {
      config: { access: { permission: P['calendar.manage'] } },
      schema: {
        tags,
        summary: '预览导入：解析并检查放假安排，显示与已载入版本的差异（不保存）',
        body: zLoadBody,
        response: { 200: zPreview, ...problemResponses },
      },
    },
    async (req) => previewCalendarYear(req.ctx().db, req.body),
  );

  app.post(
    '/api/calendar/years',
    {
      config: { access: { permission: P['calendar.manage'] } },
      schema: {
        tags,
        summary: '载入一年的放假安排（替换已载入的年份须 replace: true）',
        body: zLoadBody,
        response: { 200: zLoadResult, 201: zLoadResult, ...problemResponses },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx();
      const result = await loadCalendarYear(ctx.db, loaderOf(ctx), req.body);
      return reply.code(result.action === 'created' ? 201 : 200).send(result);
    },
  );

  app.post(
    '/api/calendar/import',
    {
      config: { access: { permission: P['calendar.manage'] } },
      schema: {
        tags,
        summary: '上传 Excel（.xlsx，第一个工作表）或 CSV 文件导入放假安排：列为 日期、类型（休/班）、名称',
        body: zImportBody,
        response: { 200: zImportResult, 201: zImportResult, ...problemResponses },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx();
      const { filename, contentBase64, preview, ...rest } = req.body;
      const bytes = new Uint8Array(Buffer.from(contentBase64, 'base64'));
      const file = await readCalendarFile(filename, bytes);
      const input = {
        ...rest,
        rows: file.rows,
        rowNumbers: file.rowNumbers,
        fileProblems: file.problems,
        file: { name: filename, bytes },
        pointerBase: '/file',
      };
      if (preview)
        return {
          ...(await previewCalendarYear(ctx.db, input)),
          action: 'preview' as const,
          logEntryId: null,
        };
      const result = await loadCalendarYear(ctx.db, loaderOf(ctx), input);
      return reply.code(result.action === 'created' ? 201 : 200).send(result);
    },
  );
}
