import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses, zIdParams } from '../../kernel/schemas.ts';
import { addRecord, createCase, machineOf, transition } from './engine.ts';
import { getCaseDetail, inbox, listCases, machineCatalogue, transitionWithDetail } from './queries.ts';
import {
  prefersMinimal,
  zCaseDetail,
  zCaseQuery,
  zCaseStepResult,
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
        description:
          '答复办理后的案件详情（CaseDetail：可办理的步骤、期限、记录和时间线）。请求头带 `Prefer: return=minimal`（RFC 7240）' +
          '时只答复案件的新状态和版本号（CaseStepResult），响应头 `Preference-Applied: return=minimal`：供批量导入和对接系统' +
          '逐步办理而不需要整份详情时使用。',
        params: zTransitionParams,
        querystring: zVersionQuery,
        // Loose: the other headers (cookie, CSRF token …) pass through untouched.
        headers: z.looseObject({
          prefer: z
            .string()
            .optional()
            .meta({ description: '`return=minimal`：只答复新状态和版本号（RFC 7240）' }),
        }),
        body: zTransitionBody,
        // The short answer first, and strict: a full detail never passes as one, and a short one is checked once.
        response: { 200: z.union([zCaseStepResult, zCaseDetail]), ...problemResponses },
      },
    },
    async (req, reply) => {
      reply.header('vary', 'Prefer');
      if (!prefersMinimal(req.headers.prefer))
        return transitionWithDetail(req.ctx(), req.params.id, req.params.name, req.body, req.query.version);
      const c = await transition(req.ctx(), req.params.id, req.params.name, req.body, req.query.version);
      const state = machineOf(c.type).states[c.state];
      reply.header('preference-applied', 'return=minimal');
      return {
        id: c.id,
        number: c.number,
        state: c.state,
        stateLabel: state?.label ?? c.state,
        final: !!state?.final,
        version: c.version,
        updatedAt: c.updatedAt,
      };
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
