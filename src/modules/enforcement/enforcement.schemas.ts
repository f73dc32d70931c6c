import { z } from 'zod';
import { zId, zPageQuery, zText } from '../../kernel/schemas.ts';
import { zUscc } from '../../platform/validators/index.ts';
import { CREDENTIAL_CATEGORIES, OFFICER_STATUSES } from './credentials.ts';
import { CIRCUMSTANCES, MATTER_TYPES } from './discretion.ts';
import { BODY_KINDS, RECORD_STATUSES } from './registry.ts';

const zList = (max: number, itemMax = 100) => z.array(zText(itemMax)).max(max);
const zIsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式为YYYY-MM-DD' });
const zMoney = z
  .number({ error: '须为数字（元）' })
  .nonnegative({ error: '不能为负数' })
  .max(1e12)
  .nullable();

export const zListQuery = z.object({
  q: z.string().trim().max(64).optional(),
  bodyId: zId.optional(),
  status: z.string().trim().max(20).optional(),
  type: z.enum(MATTER_TYPES).optional(),
  ...zPageQuery,
});

// ---------------------------------------------------------------- bodies

export const zBody = z
  .object({
    id: zId,
    name: z.string(),
    kind: z.string(),
    unitId: zId,
    unitName: z.string().nullable(),
    uscc: z.string().nullable(),
    legalBasis: z.string(),
    normativeDocuments: z.array(z.string()),
    domains: z.array(z.string()),
    status: z.string(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    paymentMethod: z.string().nullable(),
    reviewAuthority: z.string().nullable(),
    court: z.string().nullable(),
    officerCount: z.number().int(),
    matterCount: z.number().int(),
    canManage: z.boolean(),
  })
  .meta({ id: 'EnforcementBody' });
export const zBodyList = z.object({ items: z.array(zBody), total: z.number().int() });

const bodyFields = {
  name: zText(100),
  kind: z.enum(BODY_KINDS, { error: `须为：${BODY_KINDS.join('、')}` }),
  uscc: zUscc.nullable().optional(),
  legalBasis: zText(2000),
  normativeDocuments: zList(50, 200).default([]),
  domains: zList(30, 50).default([]),
  status: z.enum(RECORD_STATUSES).optional(),
  // The particulars its documents print; null clears one.
  address: zText(200).nullable().optional(),
  phone: zText(50).nullable().optional(),
  paymentMethod: zText(500).nullable().optional(),
  reviewAuthority: zText(100).nullable().optional(),
  court: zText(100).nullable().optional(),
};
export const zCreateBodyBody = z.object({ unitId: zId, ...bodyFields });
export const zUpdateBodyBody = z
  .object({
    name: bodyFields.name.optional(),
    kind: bodyFields.kind.optional(),
    uscc: bodyFields.uscc,
    legalBasis: bodyFields.legalBasis.optional(),
    normativeDocuments: zList(50, 200).optional(),
    domains: zList(30, 50).optional(),
    status: bodyFields.status,
    address: bodyFields.address,
    phone: bodyFields.phone,
    paymentMethod: bodyFields.paymentMethod,
    reviewAuthority: bodyFields.reviewAuthority,
    court: bodyFields.court,
  })
  .refine((v) => Object.keys(v).length > 0, { error: '没有要修改的内容' });

// ---------------------------------------------------------------- officers

const zCredentialProblem = z.object({ code: z.string(), message: z.string() });
export const zOfficer = z
  .object({
    id: zId,
    userId: zId,
    name: z.string(),
    username: z.string(),
    bodyId: zId,
    bodyName: z.string(),
    credentialNo: z.string(),
    category: z.string(),
    domains: z.array(z.string()),
    validFrom: z.string(),
    validTo: z.string(),
    issuingAuthority: z.string(),
    status: z.string(),
    credentialProblems: z.array(zCredentialProblem),
    canManage: z.boolean(),
  })
  .meta({ id: 'EnforcementOfficer' });
export const zOfficerList = z.object({ items: z.array(zOfficer), total: z.number().int() });

const officerFields = {
  bodyId: zId,
  credentialNo: zText(32),
  category: z.enum(CREDENTIAL_CATEGORIES, { error: `须为：${CREDENTIAL_CATEGORIES.join('、')}` }),
  domains: zList(30, 50),
  validFrom: zIsoDate,
  validTo: zIsoDate,
  issuingAuthority: zText(100),
  status: z.enum(OFFICER_STATUSES).optional(),
};
export const zCreateOfficerBody = z.object({ userId: zId, ...officerFields });
export const zUpdateOfficerBody = z
  .object({
    bodyId: officerFields.bodyId.optional(),
    credentialNo: officerFields.credentialNo.optional(),
    category: officerFields.category.optional(),
    domains: officerFields.domains.optional(),
    validFrom: officerFields.validFrom.optional(),
    validTo: officerFields.validTo.optional(),
    issuingAuthority: officerFields.issuingAuthority.optional(),
    status: officerFields.status,
  })
  .refine((v) => Object.keys(v).length > 0, { error: '没有要修改的内容' });

// ---------------------------------------------------------------- matters

export const zLegalBasis = z.object({ law: zText(200), article: zText(100) });
export const zBand = z
  .object({
    circumstance: z.enum(CIRCUMSTANCES, { error: `须为：${CIRCUMSTANCES.join('、')}` }),
    description: zText(1000),
    fineMin: zMoney,
    fineMax: zMoney,
    otherPenalties: zList(20, 50).default([]),
  })
  .meta({ id: 'DiscretionBand' });

export const zMatter = z
  .object({
    id: zId,
    code: z.string(),
    name: z.string(),
    type: z.string(),
    bodyId: zId,
    bodyName: z.string(),
    legalBasis: z.array(z.object({ law: z.string(), article: z.string() })),
    fineMin: z.number().nullable(),
    fineMax: z.number().nullable(),
    otherPenalties: z.array(z.string()),
    discretion: z.array(
      z.object({
        circumstance: z.string(),
        description: z.string(),
        fineMin: z.number().nullable(),
        fineMax: z.number().nullable(),
        otherPenalties: z.array(z.string()),
      }),
    ),
    status: z.string(),
    canManage: z.boolean(),
  })
  .meta({ id: 'EnforcementMatter' });
export const zMatterList = z.object({ items: z.array(zMatter), total: z.number().int() });

const matterFields = {
  code: z.string().trim().min(1, { error: '不能为空' }).max(40, { error: '不能超过40个字符' }),
  name: zText(200),
  type: z.enum(MATTER_TYPES, { error: `须为：${MATTER_TYPES.join('、')}` }),
  bodyId: zId,
  legalBasis: z.array(zLegalBasis).max(20),
  fineMin: zMoney.default(null),
  fineMax: zMoney.default(null),
  otherPenalties: zList(20, 50).default([]),
  discretion: z.array(zBand).max(5).default([]),
  status: z.enum(RECORD_STATUSES).optional(),
};
export const zCreateMatterBody = z.object(matterFields);
export const zUpdateMatterBody = z
  .object({
    code: matterFields.code.optional(),
    name: matterFields.name.optional(),
    type: matterFields.type.optional(),
    bodyId: matterFields.bodyId.optional(),
    legalBasis: matterFields.legalBasis.optional(),
    fineMin: zMoney.optional(),
    fineMax: zMoney.optional(),
    otherPenalties: zList(20, 50).optional(),
    discretion: z.array(zBand).max(5).optional(),
    status: matterFields.status,
  })
  .refine((v) => Object.keys(v).length > 0, { error: '没有要修改的内容' });

// ---------------------------------------------------------------- import / export

export const zImportBody = z.object({
  filename: zText(200),
  contentBase64: z
    .string()
    .min(1, { error: '文件内容不能为空' })
    .max(2_000_000, { error: '文件过大（上限约1.4MB）' })
    .regex(/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/, { error: '文件内容须为base64编码' }),
  mode: z.enum(['preview', 'import'], { error: '须为 preview（预览）或 import（导入）' }),
  validRowsOnly: z.boolean().optional(),
});

export const zImportResult = z
  .object({
    registry: z.enum(['matters', 'officers']),
    mode: z.enum(['preview', 'import']),
    filename: z.string(),
    sha256: z.string(),
    totalRows: z.number().int(),
    validRows: z.number().int(),
    errorRows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    imported: z.boolean(),
    logEntryId: z.string().nullable(),
    rows: z.array(
      z.object({
        row: z.number().int(),
        key: z.string(),
        action: z.enum(['create', 'update', 'unchanged', 'error']),
      }),
    ),
    problems: z.array(z.object({ row: z.number().int(), column: z.string(), reason: z.string() })),
  })
  .meta({ id: 'EnforcementImportResult' });

// ---------------------------------------------------------------- public

export const zPublicQuery = z.object({
  tenant: z
    .string()
    .regex(/^\d{6}$/, { error: '行政区划代码为6位数字' })
    .optional(),
  bodyId: zId.optional(),
  q: z.string().trim().max(64).optional(),
});

export const zPublicBody = z.object({
  id: zId,
  name: z.string(),
  kind: z.string(),
  uscc: z.string().nullable(),
  legalBasis: z.string(),
  normativeDocuments: z.array(z.string()),
  domains: z.array(z.string()),
});
export const zPublicOfficer = z.object({
  name: z.string(),
  credentialNo: z.string(),
  category: z.string(),
  bodyId: zId,
  bodyName: z.string(),
  domains: z.array(z.string()),
  validFrom: z.string(),
  validTo: z.string(),
});
export const zPublicMatter = zMatter.omit({ id: true, status: true, canManage: true });

// ---------- 行政处罚决定公开 ----------

export const zPublicDecisionQuery = z
  .object({
    tenant: z
      .string()
      .regex(/^\d{6}$/, { error: '行政区划代码为6位数字' })
      .optional(),
    q: z.string().trim().max(64, { error: '关键词不超过64个字符' }).optional(),
    /** The enforcement body: its id or its exact name. */
    body: z.string().trim().max(100).optional(),
    from: zIsoDate.optional(),
    to: zIsoDate.optional(),
    page: z.coerce.number().int().min(1).max(10000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], error: '结束日期不能早于开始日期' });
const zDecisionStatus = z.enum(['published', 'withdrawn']);
export const zPublicDecisionItem = z.object({
  id: zId,
  number: z.string(),
  partyName: z.string(),
  matterName: z.string(),
  bodyName: z.string(),
  decidedOn: z.string(),
  publishedOn: z.string(),
  penaltySummary: z.string().nullable(),
  status: zDecisionStatus,
});
export const zPublicDecisionList = z.object({
  items: z.array(zPublicDecisionItem),
  /** The number of matches, at most 10,000 (`totalExact: false` beyond). */
  total: z.number(),
  totalExact: z.boolean(),
});
export const zPublicDecision = zPublicDecisionItem.extend({
  statusLabel: z.string(),
  publicText: z.string().nullable(),
  fineAmount: z.number().nullable(),
  withdrawnOn: z.string().nullable(),
  withdrawalReason: z.string().nullable(),
});
export const zPublicityDraft = z.object({
  partyName: z.string(),
  publicText: z.string(),
  penaltySummary: z.string(),
  replacements: z.array(z.object({ kind: z.string(), rule: z.string(), start: z.number(), end: z.number() })),
});
export const zPublicTenantQuery = z.object({
  tenant: z
    .string()
    .regex(/^\d{6}$/, { error: '行政区划代码为6位数字' })
    .optional(),
});
