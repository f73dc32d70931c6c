import { z } from 'zod';
import { zDateTime, zId, zText } from '../../kernel/schemas.ts';
import { zDocumentFacts } from './normative.workflow.ts';

export const zCreateDocumentBody = z.object({
  unitId: zId.optional(),
  facts: zDocumentFacts,
  body: zText(200_000),
  note: z.string().trim().max(500).optional(),
});
export const zCreated = z.object({ id: z.string(), number: z.string(), state: z.string() });
export const zVersionBody = z.object({
  title: zText(200),
  body: zText(200_000),
  note: z.string().trim().max(500).optional(),
});
export const zVersion = z.object({
  versionNo: z.number(),
  title: z.string(),
  body: z.string(),
  note: z.string().nullable(),
  authorName: z.string(),
  createdAt: zDateTime,
});
const zOps = z.array(z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() }));
export const zDiffQuery = z.object({
  from: z.coerce.number().int().min(1, { error: '版本号应为正整数' }),
  to: z.coerce.number().int().min(1, { error: '版本号应为正整数' }),
});
export const zDiff = z.object({ from: z.number(), to: z.number(), title: zOps, body: zOps });
export const zComment = z.object({
  id: z.string(),
  versionNo: z.number(),
  clauseNo: z.number(),
  content: z.string(),
  commenter: z.string(),
  createdAt: zDateTime,
  disposition: z.string().nullable(),
  dispositionReason: z.string().nullable(),
  disposedByName: z.string().nullable(),
  disposedAt: zDateTime.nullable(),
});
export const zCommentParams = z.object({ id: zId, commentId: zId });
export const zDispositionBody = z.object({
  disposition: z.enum(['adopted', 'partly-adopted', 'not-adopted'], {
    error: '请选择采纳、部分采纳或不予采纳',
  }),
  reason: z.string().trim().max(2000).optional(),
});
export const zRegistration = z
  .object({
    number: z.string(),
    registeredOn: z.string(),
    status: z.string(),
    publishedOn: z.string().nullable(),
    effectiveOn: z.string().nullable(),
    expiresOn: z.string().nullable(),
    filedOn: z.string().nullable(),
    filingAcceptedOn: z.string().nullable(),
  })
  .nullable();
export const zSearchQuery = z.object({
  q: z.string().trim().max(100, { error: '关键词不能超过100个字符' }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  tenant: z
    .string()
    .regex(/^\d{6,12}$/, { error: '行政区划代码无效' })
    .optional(),
});
export const zSearchResult = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      title: z.string(),
      issuerName: z.string(),
      publishedOn: z.string().nullable(),
      effectiveOn: z.string().nullable(),
      expiresOn: z.string().nullable(),
      snippet: z.string().nullable(),
      score: z.number(),
    }),
  ),
  total: z.number(),
});
export const zPublicDocument = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  issuerName: z.string(),
  body: z.string(),
  status: z.string(),
  publishedOn: z.string().nullable(),
  effectiveOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
});
export const zCatalogueQuery = z.object({
  year: z.coerce.number().int().min(2000, { error: '年份无效' }).max(2100, { error: '年份无效' }),
  quarter: z.coerce.number().int().min(1, { error: '季度应为1至4' }).max(4, { error: '季度应为1至4' }),
});
export const zCatalogue = z.array(
  z.object({
    caseId: z.string(),
    number: z.string(),
    title: z.string(),
    issuerName: z.string(),
    publishedOn: z.string().nullable(),
    filedOn: z.string().nullable(),
    filingAcceptedOn: z.string().nullable(),
    status: z.string(),
  }),
);
export const zSettings = z.object({ numberFormat: zText(60) });
export const zTenantQuery = z.object({
  tenant: z
    .string()
    .regex(/^\d{6,12}$/, { error: '行政区划代码无效' })
    .optional(),
});
export const zPublicDraft = z.object({
  id: z.string(),
  title: z.string(),
  issuerName: z.string(),
  versionNo: z.number(),
  clauses: z.array(z.string()),
  startOn: z.string(),
  endOn: z.string(),
  shortReason: z.string().nullable(),
});
export const zPublicCommentBody = z.object({
  clauseNo: z.number().int().min(1, { error: '请选择条款' }),
  content: zText(2000),
  name: z.string().trim().max(50, { error: '姓名不能超过50个字符' }).optional(),
});
export const zPublicCommentResult = z.object({ id: z.string(), commenter: z.string(), clauseNo: z.number() });

// ---------- 清理 (cleanup campaigns) ----------
export const zCleanupBody = z.object({ title: zText(200), reason: zText(1000) });
export const zCleanupOpened = z.object({ id: z.string(), documentCount: z.number(), openedOn: z.string() });
const zCounts = z.object({
  total: z.number(),
  undecided: z.number(),
  keep: z.number(),
  amend: z.number(),
  repeal: z.number(),
  invalid: z.number(),
});
export const zCleanup = z.object({
  id: z.string(),
  title: z.string(),
  reason: z.string(),
  openedOn: z.string(),
  status: z.string(),
  documentCount: z.number(),
  openedByName: z.string(),
  publishedOn: z.string().nullable(),
  counts: zCounts,
});
export const zCleanupItemsQuery = z.object({
  outcome: z
    .enum(['keep', 'amend', 'repeal', 'invalid', 'undecided'], { error: '清理结论筛选条件无效' })
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const zCleanupItems = z.object({
  total: z.number(),
  items: z.array(
    z.object({
      caseId: z.string(),
      number: z.string(),
      title: z.string(),
      issuerName: z.string(),
      outcome: z.string().nullable(),
      reason: z.string().nullable(),
      decidedOn: z.string().nullable(),
      decidedByName: z.string().nullable(),
    }),
  ),
});
export const zCleanupItemParams = z.object({ id: zId, caseId: zId });
export const zCleanupDecision = z.object({
  outcome: z.enum(['keep', 'amend', 'repeal', 'invalid'], {
    error: '请选择清理结论（继续有效、需要修改、废止或宣布失效）',
  }),
  reason: zText(1900),
});
export const zPublicCleanup = z.object({
  id: z.string(),
  title: z.string(),
  reason: z.string(),
  openedOn: z.string(),
  publishedOn: z.string().nullable(),
  counts: zCounts,
  changed: z.array(
    z.object({ number: z.string(), title: z.string(), outcome: z.string(), reason: z.string() }),
  ),
});
