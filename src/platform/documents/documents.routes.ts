import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../kernel/schemas.ts';
import { DocumentsPermissions as P } from './documents.permissions.ts';
import {
  zPreviewQuery,
  zSaveTemplateBody,
  zTemplateCodeParams,
  zTemplateEdit,
  zTemplateSummary,
  zTemplateVersion,
  zTemplateView,
} from './documents.schemas.ts';
import {
  effectiveTemplate,
  getTemplateView,
  listTemplates,
  previewEdit,
  previewTemplate,
  resetTemplate,
  saveTemplate,
  templateVersion,
  templateVersions,
} from './template-store.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Sends a DOCX as a download named `name`.docx. */
export function sendDocx(reply: FastifyReply, name: string, docx: Buffer) {
  return reply
    .header('content-type', DOCX)
    .header(
      'content-disposition',
      `attachment; filename="document.docx"; filename*=UTF-8''${encodeURIComponent(`${name}.docx`)}`,
    )
    .send(docx);
}

/** 文书模板: the tenant's templates, their versions, edits, reset to the seed and previews with sample data. */
export async function documentsRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];
  const read = { access: { permission: P['documents.template.read'] } };
  const manage = { access: { permission: P['documents.template.manage'] } };
  const root = '/api/documents/templates';

  app.get(
    root,
    {
      config: read,
      schema: {
        tags,
        summary: '文书模板列表（标准模板或本地修改版本）',
        response: { 200: z.array(zTemplateSummary), ...problemResponses },
      },
    },
    async (req) => listTemplates(req.ctx().db, req.ctx().actor.tenantId),
  );
  app.get(
    `${root}/:code`,
    {
      config: read,
      schema: {
        tags,
        summary: '文书模板详情（现行模板、可用占位符及含义）',
        params: zTemplateCodeParams,
        response: { 200: zTemplateView, ...problemResponses },
      },
    },
    async (req) => getTemplateView(req.ctx().db, req.ctx().actor.tenantId, req.params.code),
  );
  app.put(
    `${root}/:code`,
    {
      config: manage,
      schema: {
        tags,
        summary: '保存文书模板（每次保存为新版本；只能使用标准模板声明的占位符）',
        params: zTemplateCodeParams,
        body: zSaveTemplateBody,
        response: { 200: zTemplateView, ...problemResponses },
      },
    },
    async (req) => {
      const { note, ...edit } = req.body;
      return saveTemplate(req.ctx(), req.params.code, edit, note ?? null);
    },
  );
  app.post(
    `${root}/:code/reset`,
    {
      config: manage,
      schema: {
        tags,
        summary: '恢复标准模板（记为新版本）',
        params: zTemplateCodeParams,
        response: { 200: zTemplateView, ...problemResponses },
      },
    },
    async (req) => resetTemplate(req.ctx(), req.params.code),
  );
  app.get(
    `${root}/:code/versions`,
    {
      config: read,
      schema: {
        tags,
        summary: '文书模板的历史版本（新的在前）',
        params: zTemplateCodeParams,
        response: { 200: z.array(zTemplateVersion), ...problemResponses },
      },
    },
    async (req) => templateVersions(req.ctx().db, req.ctx().actor.tenantId, req.params.code),
  );
  app.get(
    `${root}/:code/preview.docx`,
    {
      config: read,
      schema: {
        tags,
        summary: '用示例数据预览文书模板（现行模板或指定版本），返回 DOCX',
        params: zTemplateCodeParams,
        querystring: zPreviewQuery,
        response: { 200: z.any(), ...problemResponses },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx();
      const { code } = req.params;
      const template = req.query.version
        ? (await templateVersion(ctx.db, ctx.actor.tenantId, code, req.query.version)).template
        : await effectiveTemplate(ctx.db, ctx.actor.tenantId, code);
      return sendDocx(reply, `${template.name}（预览）`, await previewTemplate(template));
    },
  );
  app.post(
    `${root}/:code/preview.docx`,
    {
      config: read,
      schema: {
        tags,
        summary: '用示例数据预览未保存的模板草稿，返回 DOCX（模板有误时列出全部问题）',
        params: zTemplateCodeParams,
        body: zTemplateEdit,
        response: { 200: z.any(), ...problemResponses },
      },
    },
    async (req, reply) => {
      const docx = await previewEdit(req.params.code, req.body);
      return sendDocx(reply, '文书模板预览', docx);
    },
  );
}
