import { z } from 'zod';
import { zId, zPageQuery, zText } from '../../kernel/schemas.ts';
import {
  ADVISER_KINDS,
  ADVISER_STATUSES,
  LICENCE_NO,
  PHONE,
  REF_TYPES,
  WORK_KINDS,
} from './advisers.kinds.ts';

const keys = <T extends Record<string, string>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const zIsoDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
const zAdviserKind = z.enum(keys(ADVISER_KINDS), {
  error: '顾问类别应为 政府法律顾问、公职律师 或 单位法律顾问',
});
const zWorkKind = z.enum(keys(WORK_KINDS), {
  error: '工作类别应为 决策审查、合同审查、诉讼代理、文件起草、法律咨询 或 其他',
});
const zRefType = z.enum(keys(REF_TYPES), { error: '关联记录类型不正确' });
const zYear = z.coerce
  .number({ error: '年度应为数字' })
  .int()
  .min(2000, { error: '年度不正确' })
  .max(2100, { error: '年度不正确' });
const zMonth = z.coerce
  .number({ error: '月份应为数字' })
  .int()
  .min(1, { error: '月份应为1至12' })
  .max(12, { error: '月份应为1至12' });

export const zAdviserBody = z.object({
  name: zText(50),
  kind: zAdviserKind,
  organisation: zText(200),
  homeUnitId: zId.nullable().optional(),
  licenceNo: z.string().trim().regex(LICENCE_NO, { error: '执业证号应为6至32位数字、字母或汉字' }),
  licenceValidFrom: zIsoDate,
  licenceValidTo: zIsoDate,
  phone: z
    .string()
    .trim()
    .regex(PHONE, { error: '联系电话应为手机号码或带区号的固定电话' })
    .nullable()
    .optional(),
  expertise: zText(200).nullable().optional(),
});
export const zAdviserPatch = zAdviserBody.partial().extend({
  status: z
    .enum(keys(ADVISER_STATUSES), { error: '状态应为 active（在册）或 inactive（已解聘）' })
    .optional(),
});

export const zAssignment = z
  .object({
    id: z.string(),
    adviserId: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    unitKind: z.string(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    note: z.string().nullable(),
    current: z.boolean(),
  })
  .meta({ id: 'AdviserAssignment' });

export const zAdviser = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    kindLabel: z.string(),
    organisation: z.string(),
    homeUnitId: z.string().nullable(),
    homeUnitName: z.string().nullable(),
    licenceNo: z.string(),
    licenceValidFrom: z.string(),
    licenceValidTo: z.string(),
    licenceExpired: z.boolean(),
    phone: z.string().nullable().describe('masked (138****5678) unless the caller manages the adviser'),
    expertise: z.string().nullable(),
    status: z.string(),
    currentUnits: z.array(z.object({ unitId: z.string(), unitName: z.string() })),
    canManage: z.boolean(),
  })
  .meta({ id: 'Adviser' });
export const zAdviserDetail = zAdviser.extend({
  assignments: z.array(zAssignment),
  workItemCount: z.number().int(),
  meetingCount: z.number().int(),
});
export const zAdviserList = z.object({ items: z.array(zAdviser), total: z.number().int() });
export const zAdviserQuery = z.object({
  q: z.string().trim().max(100).optional(),
  kind: zAdviserKind.optional(),
  status: z.enum(keys(ADVISER_STATUSES), { error: '状态不正确' }).optional(),
  unitId: zId.optional(),
  ...zPageQuery,
});

export const zAssignmentBody = z.object({
  unitId: zId,
  validFrom: zIsoDate,
  validTo: zIsoDate.nullable().optional(),
  note: zText(200).nullable().optional(),
});
export const zEndAssignmentBody = z.object({ validTo: zIsoDate, note: zText(200).nullable().optional() });

export const zCoverageQuery = z.object({ on: zIsoDate.optional() });
export const zCoverage = z
  .object({
    on: z.string(),
    total: z.number().int(),
    covered: z.number().int(),
    rate: z.number(),
    groups: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        total: z.number().int(),
        covered: z.number().int(),
        gaps: z.number().int(),
        rate: z.number(),
      }),
    ),
    units: z.array(
      z.object({
        unitId: z.string(),
        unitName: z.string(),
        unitKind: z.string(),
        group: z.string(),
        parentName: z.string().nullable(),
        covered: z.boolean(),
        advisers: z.array(z.string()),
        gapReason: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'AdviserCoverage' });

export const zWorkBody = z.object({
  adviserId: zId,
  unitId: zId,
  kind: zWorkKind,
  doneOn: zIsoDate,
  title: zText(300),
  hours: z
    .number({ error: '工时应为数字' })
    .min(0, { error: '工时不能为负数' })
    .max(1000, { error: '工时不能超过1000小时' })
    .nullable()
    .optional(),
  outcome: zText(1000).nullable().optional(),
  refType: zRefType.nullable().optional(),
  refId: zText(100).nullable().optional(),
});
export const zVoidBody = z.object({ reason: zText(500) });
export const zWorkItem = z
  .object({
    id: z.string(),
    adviserId: z.string(),
    adviserName: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    kind: z.string(),
    kindLabel: z.string(),
    doneOn: z.string(),
    title: z.string(),
    hours: z.number().nullable(),
    outcome: z.string().nullable(),
    refType: z.string().nullable(),
    refId: z.string().nullable(),
    status: z.string(),
    voidReason: z.string().nullable(),
    recordedByName: z.string().nullable(),
    canManage: z.boolean(),
  })
  .meta({ id: 'AdviserWorkItem' });
export const zWorkFilterQuery = z.object({
  year: zYear.optional(),
  month: zMonth.optional(),
  from: zIsoDate.optional(),
  to: zIsoDate.optional(),
  adviserId: zId.optional(),
  kind: zWorkKind.optional(),
  unitId: zId.optional(),
  q: z.string().trim().max(100).optional(),
  includeVoided: z
    .enum(['true', 'false'], { error: '应为 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
});
export const zWorkQuery = zWorkFilterQuery.extend(zPageQuery);
export const zWorkList = z.object({ items: z.array(zWorkItem), total: z.number().int(), hours: z.number() });

export const zMeetingBody = z.object({
  unitId: zId,
  adviserIds: z
    .array(zId)
    .min(1, { error: '至少填写一名列席的法律顾问' })
    .max(20, { error: '列席人数不能超过20人' }),
  meetingOn: zIsoDate,
  meetingName: zText(200),
  topics: z.array(zText(300)).min(1, { error: '至少填写一项议题' }).max(30, { error: '议题不能超过30项' }),
  opinion: zText(2000),
});
export const zMeeting = z
  .object({
    id: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    adviserId: z.string(),
    adviserName: z.string(),
    meetingOn: z.string(),
    meetingName: z.string(),
    topics: z.array(z.string()),
    opinion: z.string(),
    recordedByName: z.string().nullable(),
  })
  .meta({ id: 'AdviserMeeting' });
export const zMeetingQuery = z.object({
  year: zYear.optional(),
  month: zMonth.optional(),
  adviserId: zId.optional(),
  unitId: zId.optional(),
  ...zPageQuery,
});
export const zMeetingList = z.object({ items: z.array(zMeeting), total: z.number().int() });

export const zStatsQuery = z.object({ year: zYear });
export const zStats = z
  .object({
    year: z.number().int(),
    total: z.number().int(),
    hours: z.number(),
    meetings: z.number().int(),
    activeAdvisers: z.number().int(),
    byKind: z.array(
      z.object({ kind: z.string(), label: z.string(), n: z.number().int(), hours: z.number() }),
    ),
    byMonth: z.array(z.object({ month: z.number().int(), n: z.number().int(), meetings: z.number().int() })),
    byAdviser: z.array(
      z.object({
        adviserId: z.string(),
        name: z.string(),
        kind: z.string(),
        kindLabel: z.string(),
        organisation: z.string(),
        n: z.number().int(),
        hours: z.number(),
        byKind: z.record(z.string(), z.number().int()),
        meetings: z.number().int(),
      }),
    ),
    byUnit: z.array(
      z.object({
        unitId: z.string(),
        unitName: z.string(),
        unitKind: z.string(),
        n: z.number().int(),
        hours: z.number(),
      }),
    ),
  })
  .meta({ id: 'AdviserStats' });

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
    rows: z.array(
      z.object({
        row: z.number().int(),
        key: z.string(),
        action: z.enum(['create', 'update', 'unchanged', 'error']),
      }),
    ),
    problems: z.array(z.object({ row: z.number().int(), column: z.string(), reason: z.string() })),
  })
  .meta({ id: 'AdviserImportResult' });
