import { z } from 'zod';
import { zDateTime } from '../../kernel/schemas.ts';

// Texts are checked for emptiness and placeholders by `checkTemplateEdit` (Chinese messages, every problem at once);
// zod only bounds the shape and sizes.
const zTextField = z.string().max(4000, { error: '不能超过4000个字符' });
const zShort = z.string().max(200, { error: '不能超过200个字符' });

export const zBlock = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('paragraph'),
      text: zTextField,
      indent: z.boolean().optional(),
      align: z.enum(['justify', 'left', 'center', 'right']).optional(),
    }),
    z.object({ type: z.literal('heading'), level: z.union([z.literal(1), z.literal(2)]), text: zShort }),
    z.object({
      type: z.literal('list'),
      style: z.enum(['arabic', 'paren']).optional(),
      items: z.array(zTextField).max(50),
    }),
    z.object({
      type: z.literal('table'),
      columns: z.array(zShort).max(12).optional(),
      rows: z.array(z.array(zTextField).max(12)).max(100),
      widths: z.array(z.number()).max(12).optional(),
    }),
    z.object({ type: z.literal('signature'), issuer: zShort, date: zShort }),
  ],
  { error: '段落类型应为 paragraph、heading、list、table 或 signature' },
);

/** The editable part of a template (title, recipient, body, signature, 抄送, 附件). */
export const zTemplateEdit = z
  .object({
    title: zShort,
    recipient: zShort.nullable().optional(),
    body: z.array(zBlock).max(100, { error: '正文不能超过100段' }),
    signature: z.object({ issuer: zShort, date: zShort }),
    copyTo: zShort.nullable().optional(),
    attachments: z.array(zShort).max(20).optional(),
  })
  .meta({ id: 'DocumentTemplateEdit' });
export const zSaveTemplateBody = zTemplateEdit.extend({
  note: z.string().trim().max(200).nullable().optional(),
});

export const zTemplateCodeParams = z.object({ code: z.string().max(64) });
export const zPreviewQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

const zTemplate = zTemplateEdit
  .extend({
    code: z.string(),
    name: z.string(),
    kind: z.enum(['notice', 'decision', 'letter', 'receipt']),
    header: z.object({ issuer: z.string(), numberField: z.string().optional() }),
    placeholders: z.record(z.string(), z.string()).optional(),
  })
  .meta({ id: 'DocumentTemplate' });
const zSummaryFields = {
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  source: z.enum(['seed', 'custom']),
  version: z.number().int().nullable(),
  updatedAt: zDateTime.nullable(),
  updatedBy: z.string().nullable(),
};
export const zTemplateSummary = z.object(zSummaryFields).meta({ id: 'DocumentTemplateSummary' });
export const zTemplateView = z
  .object({
    ...zSummaryFields,
    template: zTemplate,
    edit: zTemplateEdit,
    placeholders: z.array(z.object({ path: z.string(), meaning: z.string(), used: z.boolean() })),
    filters: z.array(z.string()),
  })
  .meta({ id: 'DocumentTemplateView' });
export const zTemplateVersion = z
  .object({
    version: z.number().int(),
    status: z.enum(['active', 'seed']),
    note: z.string().nullable(),
    updatedBy: z.string(),
    updatedAt: zDateTime,
    template: zTemplate,
  })
  .meta({ id: 'DocumentTemplateVersion' });
