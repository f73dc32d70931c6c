import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses, zIdParams } from '../../kernel/schemas.ts';
import { addRecord, createCase, transition } from './engine.ts';
import { getCaseDetail, inbox, listCases, machineCatalogue } from './queries.ts';
import {
  zCaseDetail,
  zCaseQuery,
  zCaseSummary,
  zCreateCaseBody,
  zInboxItem,
  zRecordParams,
  zTransitionBody,
  zTransitionParams,
  zVersionQuery,
} from './workflow.schemas.ts';

/**
 * Generic case routes shared by every module's machines. They are declared `authenticated` because the
 * permission depends on the case type and step: the engine checks the machine's read/create permission and
 * each step's permission within its data scope (docs/adr/0008-workflow-engine.md).
 */
export async function workflowRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['workflow'];
  const access = { authenticated: true } as const;

  app.get(
    '/api/workflow/machines',
    {
      config: { access },
      schema: { tags, summary: '可查看的案件类型及其流程', response: { 200: z.array(z.unknown()) } },
    },
    async (req) => machineCatalogue(req.ctx()),
  );

  app.get(
    '/api/workflow/inbox',
    {
      config: { access },
      schema: {
        tags,
        summary: '待办：当前用户可以办理下一步的案件，按期限紧急程度排序',
        response: { 200: z.array(zInboxItem) },
      },
    },
    async (req) => inbox(req.ctx()),
  );

  app.get(
    '/api/workflow/cases',
    {
      config: { access },
      schema: {
        tags,
        summary: '案件列表',
        querystring: zCaseQuery,
        response: {
          200: z.object({ items: z.array(zCaseSummary), total: z.number().int() }),
          ...problemResponses,
        },
      },
    },
    async (req) => listCases(req.ctx(), req.query),
  );

  app.post(
    '/api/workflow/cases',
    {
      config: { access },
      schema: {
        tags,
        summary: '登记案件',
        body: zCreateCaseBody,
        response: { 201: zCaseDetail, ...problemResponses },
      },
    },
    async (req, reply) => {
      const c = await createCase(req.ctx(), req.body.type, { unitId: req.body.unitId, data: req.body.data });
      return reply.code(201).send(await getCaseDetail(req.ctx(), c.id));
    },
  );

  app.get(
    '/api/workflow/cases/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: '案件详情、可办理的步骤、期限和时间线',
        params: zIdParams,
        response: { 200: zCaseDetail, ...problemResponses },
      },
    },
    async (req) => getCaseDetail(req.ctx(), req.params.id),
  );

  app.post(
    '/api/workflow/cases/:id/transitions/:name',
    {
      config: { access },
      schema: {
        tags,
        summary: '办理一个步骤（状态、权限、必填项、法定条件均由流程引擎检查）',
        params: zTransitionParams,
        querystring: zVersionQuery,
        body: zTransitionBody,
        response: { 200: zCaseDetail, ...problemResponses },
      },
    },
    async (req) => {
      await transition(req.ctx(), req.params.id, req.params.name, req.body, req.query.version);
      return getCaseDetail(req.ctx(), req.params.id);
    },
  );

  app.post(
    '/api/workflow/cases/:id/records/:kind',
    {
      config: { access },
      schema: {
        tags,
        summary: '添加合法性审查意见、集体讨论记录或审批意见',
        params: zRecordParams,
        body: zTransitionBody,
        response: { 200: zCaseDetail, ...problemResponses },
      },
    },
    async (req) => {
      await addRecord(req.ctx(), req.params.id, req.params.kind, req.body);
      return getCaseDetail(req.ctx(), req.params.id);
    },
  );
}
