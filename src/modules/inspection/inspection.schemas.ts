import { z } from 'zod';
import { zDateTime, zId, zPageQuery, zText } from '../../kernel/schemas.ts';
import { zUscc } from '../../platform/validators/index.ts';
import { ENTITY_STATUSES, ENTITY_TYPES } from './directory.ts';

const statuses = Object.keys(ENTITY_STATUSES) as [
  keyof typeof ENTITY_STATUSES,
  ...(keyof typeof ENTITY_STATUSES)[],
];
const zStatus = z.enum(statuses, { error: `须为：${statuses.join('、')}` });
const zType = z.enum(ENTITY_TYPES, { error: `须为：${ENTITY_TYPES.join('、')}` });

export const zEntityListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  townId: zId.optional(),
  status: zStatus.optional(),
  ...zPageQuery,
});
export const zEntityExportQuery = zEntityListQuery.omit({ page: true, pageSize: true });

export const zCreateEntityBody = z.object({
  uscc: zUscc,
  name: zText(200),
  entityType: zType,
  industry: zText(100),
  address: zText(300),
  townId: zId,
  legalRepresentative: zText(50),
  status: zStatus.optional(),
});

export const zUpdateEntityBody = zCreateEntityBody.omit({ uscc: true }).partial();

export const zEntity = z
  .object({
    id: z.string(),
    uscc: z.string(),
    name: z.string(),
    entityType: z.string(),
    industry: z.string(),
    address: z.string(),
    townId: z.string(),
    townName: z.string().nullable(),
    legalRepresentative: z.string(),
    status: z.string(),
    unitId: z.string(),
    canManage: z.boolean(),
  })
  .meta({ id: 'MarketEntity' });
export const zEntityList = z.object({ items: z.array(zEntity), total: z.number().int() });

/** Up to about 30 MB of workbook (≈ 300,000 rows), base64-encoded. */
export const MAX_IMPORT_BASE64 = 40_000_000;
export const zEntityImportBody = z.object({
  filename: zText(200),
  contentBase64: z
    .string()
    .min(1, { error: '文件内容不能为空' })
    .max(MAX_IMPORT_BASE64, { error: '文件过大（上限约30MB）' })
    .regex(/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/, { error: '文件内容须为base64编码' }),
  mode: z.enum(['preview', 'import'], { error: '须为 preview（预览）或 import（导入）' }),
  validRowsOnly: z.boolean().optional(),
});

export const zEntityImportResult = z.object({
  mode: z.enum(['preview', 'import']),
  filename: z.string(),
  sha256: z.string(),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  errorRows: z.number().int(),
  created: z.number().int(),
  imported: z.boolean(),
  logEntryId: z.string().nullable(),
  /** Every problem found; `problems` lists the first 1,000 (all of them: the bad-rows workbook). */
  problemCount: z.number().int(),
  problems: z.array(z.object({ row: z.number().int(), column: z.string(), reason: z.string() })),
});
export const zEntityBadRowsBody = zEntityImportBody.pick({ filename: true, contentBase64: true });

const zIsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '须为日期（YYYY-MM-DD）' });
const zSourceSpec = z.object({
  description: zText(200),
  availableOn: zIsoDate,
});
export const zPublishTaskBody = z.object({
  title: zText(200),
  pick: z.number({ error: '须为整数' }).int({ error: '须为整数' }).min(1, { error: '至少抽取1个' }),
  sources: z
    .array(zSourceSpec)
    .min(1, { error: '至少需要一个公开随机源' })
    .max(16, { error: '公开随机源最多16个' }),
  townId: zId.optional(),
  industry: z.string().trim().max(100).optional(),
});
export const zDrawBody = z.object({
  sourceValues: z
    .array(z.string().max(200, { error: '不能超过200个字符' }))
    .min(1, { error: '须给出随机源的值' }),
});
const zSourceSpecOut = z.object({ description: z.string(), availableOn: z.string() });
export const zTask = z
  .object({
    id: z.string(),
    title: z.string(),
    pick: z.number().int(),
    poolSize: z.number().int(),
    poolHash: z.string(),
    sources: z.array(zSourceSpecOut),
    publishedAt: zDateTime,
    status: z.string(),
    sourceValues: z.array(z.string()).nullable(),
    selected: z.array(z.number().int()).nullable(),
    drawKey: z.string().nullable(),
    drawnAt: zDateTime.nullable(),
  })
  .meta({ id: 'InspectionTask' });
export const zPublicDrawSummary = zTask.omit({ drawKey: true });
export const zPublicDraw = zTask.extend({
  poolHashMatches: z.boolean(),
  poolCodes: z.array(z.string()),
  selectedCodes: z.array(z.string()).nullable(),
  verified: z.boolean().nullable(),
});
export const zPublicTenantQuery = z.object({
  tenant: z
    .string()
    .regex(/^\d{6}$/, { error: '行政区划代码为6位数字' })
    .optional(),
});

const zRatio = z
  .number({ error: '须为0至100之间的百分比' })
  .min(0, { error: '须为0至100之间的百分比' })
  .max(100, { error: '须为0至100之间的百分比' });
/** Sampling ratio (percent) per credit grade; `U` is for entities without a grade. */
export const zGradeRatios = z.object({ A: zRatio, B: zRatio, C: zRatio, D: zRatio, U: zRatio });
export const zPublishTaskBodyV2 = zPublishTaskBody.extend({
  pick: z
    .number({ error: '须为整数' })
    .int({ error: '须为整数' })
    .min(1, { error: '至少抽取1个' })
    .optional(),
  ratios: zGradeRatios.optional(),
  planId: zId.optional(),
  itemIds: z.array(zId).max(50, { error: '最多50个抽查事项' }).optional(),
  jointUnitIds: z.array(zId).max(20, { error: '最多20个配合部门' }).optional(),
  recuseTownOfficers: z.boolean().optional(),
});

const zStratum = z.object({
  grade: z.enum(['A', 'B', 'C', 'D', 'U']),
  size: z.number().int(),
  pick: z.number().int(),
  selected: z.array(z.number().int()).optional(),
});
const zTeam = z.object({
  position: z.number().int(),
  entityId: z.string(),
  inspectors: z.array(z.string()),
  skipped: z.array(z.object({ userId: z.string(), reason: z.string() })),
  redraw: z.number().int().optional(),
});
const zRedraw = z.object({
  seq: z.number().int(),
  entityId: z.string(),
  position: z.number().int(),
  cause: z.string(),
  reason: z.string(),
  previous: z.array(z.string()),
  inspectors: z.array(z.string()),
  skipped: z.array(z.object({ userId: z.string(), reason: z.string() })),
  by: z.string(),
  at: z.string(),
});
export const zRedrawBody = z.object({
  cause: z.enum(['conflict', 'credential', 'other'], {
    error: '须为 conflict（申报回避）、credential（执法证不可用）或 other（其他）',
  }),
  reason: zText(500),
});
export const zTaskV2 = zTask
  .extend({
    planId: z.string().nullable(),
    itemIds: z.array(z.string()),
    jointUnitIds: z.array(z.string()),
    ratios: zGradeRatios.nullable(),
    strata: z.array(zStratum),
    roster: z.array(z.string()),
    rosterIds: z.array(z.string()),
    recuseTownOfficers: z.boolean(),
    inspectionDate: z.string().nullable(),
    teams: z.array(zTeam).nullable(),
    teamsDrawnAt: zDateTime.nullable(),
    redraws: z.array(zRedraw),
    unitId: z.string(),
    canManage: z.boolean(),
  })
  .meta({ id: 'InspectionTaskDetail' });
export const zTaskListQuery = z.object({ planId: zId.optional() });

const zIsoDateIn = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
export const zTeamsBody = z.object({
  inspectionDate: zIsoDateIn,
  teamSize: z
    .number({ error: '须为整数' })
    .int({ error: '须为整数' })
    .min(2, { error: '每个检查对象至少2名检查人员' })
    .max(5, { error: '每个检查对象最多5名检查人员' })
    .optional(),
});

export const zItemBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,40}$/, { error: '事项编码为1至40位字母、数字或连字符' }),
  name: zText(200),
  kind: z.enum(['general', 'key'], { error: '须为 general（一般检查事项）或 key（重点检查事项）' }),
  subject: zText(200),
  legalBasis: zText(2000),
  method: zText(100),
  content: zText(2000),
  status: z.enum(['active', 'retired'], { error: '须为 active（有效）或 retired（停用）' }).optional(),
});
export const zItemPatch = zItemBody.partial();
export const zItem = zItemBody
  .extend({
    id: z.string(),
    status: z.string(),
    unitId: z.string(),
    unitName: z.string().nullable(),
    canManage: z.boolean(),
  })
  .meta({ id: 'InspectionItem' });

export const zPlanBody = z.object({
  year: z
    .number({ error: '须为年份' })
    .int({ error: '须为年份' })
    .min(2020, { error: '年份须在2020至2100之间' })
    .max(2100, { error: '年份须在2020至2100之间' }),
  title: zText(200),
  description: zText(4000),
  itemIds: z.array(zId).min(1, { error: '年度计划至少包含一个抽查事项' }).max(100),
});
export const zPlan = zPlanBody
  .extend({
    id: z.string(),
    unitId: z.string(),
    unitName: z.string().nullable(),
    createdAt: zDateTime,
    canManage: z.boolean(),
  })
  .meta({ id: 'InspectionPlan' });

export const zConflictBody = z.object({ userId: zId, entityId: zId, reason: zText(500) });
export const zConflict = z.object({
  id: z.string(),
  userId: z.string(),
  userName: z.string().nullable(),
  entityId: z.string(),
  entityName: z.string().nullable(),
  reason: z.string(),
  declaredAt: zDateTime,
});

export const zResultBody = z.object({
  entityId: zId,
  outcome: z.enum(['normal', 'corrected', 'rectify', 'case'], {
    error: '须为 normal（未发现问题）、corrected（当场整改）、rectify（责令整改）或 case（立案查处）',
  }),
  findings: zText(2000),
  inspectedOn: zIsoDateIn,
  bodyId: zId.optional(),
});
export const zResult = z
  .object({
    taskId: z.string(),
    entityId: z.string(),
    entityName: z.string(),
    uscc: z.string(),
    outcome: z.string(),
    findings: z.string(),
    inspectedOn: z.string(),
    recordedBy: z.string(),
    recordedAt: zDateTime,
    caseId: z.string().nullable(),
    publishDue: z.string(),
    publishedAt: zDateTime.nullable(),
    revision: z.number().int(),
    withdrawnAt: zDateTime.nullable(),
    withdrawReason: z.string().nullable(),
    overdueAt: zDateTime.nullable(),
  })
  .meta({ id: 'InspectionResult' });
export const zResultCorrection = z.object({
  outcome: zResultBody.shape.outcome,
  findings: zText(2000),
  reason: zText(500),
  bodyId: zId.optional(),
});
export const zResultWithdrawal = z.object({ reason: zText(500) });
export const zResultParams = z.object({ id: zId, entityId: zId });
export const zAssignment = z.object({
  taskId: z.string(),
  taskTitle: z.string(),
  inspectionDate: z.string().nullable(),
  entityId: z.string(),
  entityName: z.string(),
  uscc: z.string(),
  address: z.string(),
  result: z.string().nullable(),
});

const zPublicItem = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  subject: z.string(),
  legalBasis: z.string(),
  method: z.string(),
  content: z.string(),
  unitName: z.string(),
});
export const zPublicItemsAndPlans = z.object({
  items: z.array(zPublicItem),
  plans: z.array(
    z.object({
      id: z.string(),
      year: z.number().int(),
      title: z.string(),
      description: z.string(),
      itemIds: z.array(z.string()),
      unitName: z.string(),
    }),
  ),
});
export const zPublicDrawV2 = zPublicDraw.extend({
  unitName: z.string().nullable(),
  jointUnitNames: z.array(z.string()),
  items: z.array(z.object({ code: z.string(), name: z.string(), kind: z.string() })),
  ratios: zGradeRatios.nullable(),
  poolGrades: z.array(z.string()).nullable(),
  strata: z.array(zStratum),
  roster: z.array(z.string()),
  recuseTownOfficers: z.boolean(),
  inspectionDate: z.string().nullable(),
  teams: z
    .array(
      z.object({
        position: z.number().int(),
        uscc: z.string(),
        entityName: z.string(),
        inspectors: z.array(z.number().int()),
        skipped: z.array(z.object({ roster: z.number().int(), reason: z.string() })),
        /** The re-draw the team comes from (null: the original draw). */
        redraw: z.number().int().nullable(),
      }),
    )
    .nullable(),
  redraws: z.array(
    z.object({
      seq: z.number().int(),
      uscc: z.string(),
      cause: z.string(),
      causeLabel: z.string(),
      previous: z.array(z.number().int()),
      inspectors: z.array(z.number().int()),
      skipped: z.array(z.object({ roster: z.number().int(), reason: z.string() })),
      at: z.string(),
    }),
  ),
  results: z.array(
    z.object({
      uscc: z.string(),
      entityName: z.string(),
      outcome: z.string(),
      outcomeLabel: z.string(),
      findings: z.string(),
      inspectedOn: z.string(),
      publishedAt: zDateTime,
      revision: z.number().int(),
    }),
  ),
});
