import { z } from 'zod';
import { zId, zPageQuery, zText } from '../../kernel/schemas.ts';
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
