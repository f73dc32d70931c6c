import { z } from 'zod';
import { zDateTime, zId, zPageQuery, zText } from '../../kernel/schemas.ts';
import { zUscc } from '../../platform/validators/index.ts';
import { GRADES, RECORD_KIND_CODES, SEVERITY_CODES } from './scoring.ts';

const zIsoDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
const zKind = z.enum(RECORD_KIND_CODES, { error: '信用记录类别不正确' });
const zSeverity = z.enum(SEVERITY_CODES, { error: '严重程度不正确' });
const zGrade = z.enum(GRADES, { error: '信用等级应为 A、B、C、D' });
const zTenant = z
  .string()
  .regex(/^\d{6}$/, { error: '行政区划代码为6位数字' })
  .optional();

export const zCodeParams = z.object({ code: zUscc });

export const zCreateRecordBody = z.object({
  creditCode: zUscc,
  subjectName: zText(200),
  kind: zKind,
  severity: zSeverity,
  sourceUnitId: zId,
  title: zText(500),
  documentNo: zText(100),
  decidedOn: zIsoDate,
});

export const zRevokeBody = z.object({ reason: zText(500) });

export const zRecord = z.object({
  id: z.string(),
  creditCode: z.string(),
  subjectName: z.string(),
  kind: z.string(),
  severity: z.string(),
  sourceUnitId: z.string(),
  sourceUnitName: z.string().nullable(),
  title: z.string(),
  documentNo: z.string(),
  decidedOn: z.string(),
  rulesVersion: z.string(),
  publicityMinEnd: z.string().nullable(),
  publicityEnd: z.string().nullable(),
  repairable: z.boolean(),
  origin: z.string(),
  originRef: z.string().nullable(),
  status: z.string(),
  repairedOn: z.string().nullable(),
  public: z.boolean(),
  canManage: z.boolean(),
  createdAt: zDateTime,
});
export const zRecordList = z.object({ items: z.array(zRecord), total: z.number() });
export const zRecordQuery = z.object({
  q: z.string().trim().max(100).optional(),
  creditCode: z.string().trim().max(18).optional(),
  kind: zKind.optional(),
  status: z.enum(['active', 'repaired', 'revoked']).optional(),
  ...zPageQuery,
});

export const zSubject = z.object({
  creditCode: z.string(),
  name: z.string(),
  score: z.number().nullable(),
  grade: z.string().nullable(),
  modelId: z.string().nullable(),
  gradedAt: zDateTime.nullable(),
  recordCount: z.number(),
});
export const zSubjectList = z.object({ items: z.array(zSubject), total: z.number() });
export const zSubjectQuery = z.object({
  q: z.string().trim().max(100).optional(),
  grade: zGrade.optional(),
  ...zPageQuery,
});

const zExplanationItem = z.object({
  recordId: z.string(),
  kind: z.string(),
  severity: z.string(),
  documentNo: z.string(),
  indicator: z.string(),
  points: z.number(),
  forceGrade: z.string().optional(),
});
export const zGradeHistory = z.array(
  z.object({
    id: z.string(),
    modelId: z.string(),
    modelVersion: z.number(),
    score: z.number(),
    grade: z.string(),
    previousGrade: z.string().nullable(),
    previousScore: z.number().nullable(),
    cause: z.string(),
    causeRef: z.string().nullable(),
    explanation: z.array(zExplanationItem),
    at: zDateTime,
  }),
);

const zRule = z.object({
  kind: zKind,
  severity: z.union([zSeverity, z.literal('*')], { error: '严重程度不正确' }),
  points: z.number({ error: '须为数字' }).min(-1000).max(1000),
  forceGrade: zGrade.optional(),
});
export const zModelDefinition = z.object({
  baseScore: z.number({ error: '须为数字' }).min(0).max(10000),
  indicators: z
    .array(
      z.object({
        code: z
          .string()
          .regex(/^[a-z][a-z0-9_]{0,31}$/, { error: '指标代码为小写字母开头的字母、数字、下划线' }),
        name: zText(50),
        weight: z.number({ error: '须为数字' }).min(0, { error: '权重不能为负' }).max(100),
        rules: z.array(zRule).max(50),
      }),
    )
    .max(20),
  thresholds: z.object({
    A: z.number({ error: '须为数字' }),
    B: z.number({ error: '须为数字' }),
    C: z.number({ error: '须为数字' }),
  }),
  gradePublic: z.boolean(),
});
export const zCreateModelBody = z.object({ name: zText(100), definition: zModelDefinition.optional() });
export const zUpdateModelBody = z.object({
  name: zText(100).optional(),
  definition: zModelDefinition.optional(),
});
export const zModel = z.object({
  id: z.string(),
  version: z.number(),
  name: z.string(),
  status: z.string(),
  definition: zModelDefinition,
  active: z.boolean(),
  publishedAt: zDateTime.nullable(),
  createdAt: zDateTime,
  updatedAt: zDateTime,
});
export const zRun = z.object({
  id: z.string(),
  modelId: z.string(),
  status: z.string(),
  total: z.number(),
  done: z.number(),
  changed: z.number(),
  batches: z.number(),
  startedAt: zDateTime,
  finishedAt: zDateTime.nullable(),
});
export const zPublishResult = z.object({ model: zModel, run: zRun });

const zPeriod = z.object({
  min: z.number().int().min(0).max(120),
  max: z.number().int().min(0).max(120).nullable(),
  repairable: z.boolean(),
});
export const zRulesVersion = z.object({
  code: z.string(),
  name: z.string(),
  basis: z.string(),
  effectiveFrom: z.string(),
  periods: z.record(z.string(), z.record(z.string(), zPeriod)),
});
export const zCreateRulesVersionBody = z.object({
  code: z.string().regex(/^[a-z0-9-]{2,40}$/, { error: '版本代码为2-40位小写字母、数字或连字符' }),
  name: zText(200),
  basis: zText(500),
  effectiveFrom: zIsoDate,
  periods: z.partialRecord(zKind, z.partialRecord(z.union([zSeverity, z.literal('*')]), zPeriod)),
});

const zMeasureKind = z.enum(['punish', 'reward'], { error: '措施类别应为惩戒或激励' });
export const zCreateMeasureBody = z.object({
  kind: zMeasureKind,
  unitId: zId,
  name: zText(200),
  legalBasis: zText(500),
  grades: z.array(zGrade).max(4),
  listKinds: z.array(zKind).max(9),
  status: z.enum(['active', 'inactive']).optional(),
});
export const zUpdateMeasureBody = zCreateMeasureBody.partial();
export const zMeasure = z.object({
  id: z.string(),
  kind: z.string(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  name: z.string(),
  legalBasis: z.string(),
  grades: z.array(z.string()),
  listKinds: z.array(z.string()),
  status: z.string(),
});
export const zFlags = z.object({
  creditCode: z.string(),
  grade: z.string().nullable(),
  flags: z.array(
    z.object({
      measureId: z.string(),
      kind: z.string(),
      unitId: z.string(),
      unitName: z.string().nullable(),
      measure: z.string(),
      legalBasis: z.string(),
      reasons: z.array(z.string()),
    }),
  ),
});
export const zCreateFeedbackBody = z.object({
  measureId: zId,
  creditCode: zUscc,
  unitId: zId,
  outcome: z.enum(['applied', 'not_applied'], { error: '执行情况应为已实施或未实施' }),
  context: zText(200),
  note: zText(1000),
  actedOn: zIsoDate,
});
export const zFeedback = z.object({
  id: z.string(),
  measureId: z.string(),
  measureName: z.string(),
  creditCode: z.string(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  outcome: z.string(),
  context: z.string(),
  note: z.string(),
  actedOn: z.string(),
  createdAt: zDateTime,
});
export const zFeedbackQuery = z.object({
  unitId: zId.optional(),
  creditCode: z.string().trim().max(18).optional(),
  measureId: zId.optional(),
});

export const zApplyRepairBody = z.object({
  recordId: zId,
  appliedOn: zIsoDate,
  correction: zText(2000),
  commitment: zText(2000),
});
export const zDecideRepairBody = z.object({
  decision: z.enum(['approve', 'reject'], { error: '审核结论应为同意或不同意' }),
  decidedOn: zIsoDate,
  reason: zText(1000),
});
export const zRepair = z.object({
  id: z.string(),
  recordId: z.string(),
  creditCode: z.string(),
  subjectName: z.string(),
  recordKind: z.string(),
  recordTitle: z.string(),
  documentNo: z.string(),
  appliedOn: z.string(),
  rulesVersion: z.string(),
  eligibleFrom: z.string(),
  correction: z.string(),
  commitment: z.string(),
  status: z.string(),
  decidedOn: z.string().nullable(),
  decisionReason: z.string().nullable(),
  createdAt: zDateTime,
});
export const zRepairQuery = z.object({ status: z.enum(['pending', 'approved', 'rejected']).optional() });

export const zPublicSearchQuery = z.object({
  tenant: zTenant,
  q: z.string().trim().min(2, { error: '请输入统一社会信用代码或至少2个字的名称' }).max(100),
});
export const zPublicTenantQuery = z.object({ tenant: zTenant });
const zPublicRecord = z.object({
  id: z.string(),
  kind: z.string(),
  severity: z.string(),
  title: z.string(),
  documentNo: z.string(),
  decidedOn: z.string(),
  publicityEnd: z.string().nullable(),
  sourceUnitName: z.string().nullable(),
});
export const zPublicSubject = z.object({
  creditCode: z.string(),
  name: z.string(),
  grade: z.string().nullable(),
  licences: z.array(zPublicRecord),
  penalties: z.array(zPublicRecord),
  inspections: z.array(zPublicRecord),
  lists: z.array(zPublicRecord),
  honours: z.array(zPublicRecord),
  commitments: z.array(zPublicRecord),
});
export const zPublicSubjectList = z.array(z.object({ creditCode: z.string(), name: z.string() }));
