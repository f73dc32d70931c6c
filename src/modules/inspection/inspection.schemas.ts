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
  problems: z.array(z.object({ row: z.number().int(), column: z.string(), reason: z.string() })),
});

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
