import { z } from 'zod';
import { zDateTime } from '../../kernel/schemas.ts';

const zIsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' });
const zYearNumber = z.coerce
  .number({ error: '年份须为数字' })
  .int({ error: '年份须为整数' })
  .min(1949, { error: '年份不早于1949年' })
  .max(2100, { error: '年份不晚于2100年' });

export const zCalendarDay = z.object({ date: z.string(), name: z.string(), source: z.string().optional() });

export const zCalendarYear = z
  .object({
    year: z.int(),
    source: z.string(),
    holidays: z.array(zCalendarDay).max(400),
    makeupWorkdays: z.array(zCalendarDay).max(400),
  })
  .meta({ id: 'CalendarYear', description: '一年的放假调休安排（国务院办公厅通知）' });

export const zCalendarYearSummary = z.object({
  year: z.int(),
  source: z.string(),
  holidays: z.int(),
  makeupWorkdays: z.int(),
  loadedAt: zDateTime,
  loadedBy: z.string(),
});

export const zCalendarYearDetail = zCalendarYearSummary.extend({
  holidayDays: z.array(zCalendarDay),
  makeupWorkdayDays: z.array(zCalendarDay),
  workdays: z.int(),
  restDays: z.int(),
});

export const zCalendarCoverage = z.object({
  today: z.string(),
  knownThrough: z.int().nullable(),
  missingYear: z.int(),
  daysLeft: z.int(),
  warn: z.boolean(),
});

export const zYearParams = z.object({ year: zYearNumber });

const zDayKind = z.enum(['workday', 'weekend', 'holiday', 'makeup-workday']);
export const zDayInfo = z.object({
  date: z.string(),
  weekday: z.int(),
  kind: zDayKind,
  workday: z.boolean(),
  name: z.string().optional(),
  source: z.string().optional(),
});

export const zCheckQuery = z.object({ date: zIsoDate });
export const zDayCheck = zDayInfo.extend({ weekdayName: z.string(), text: z.string() });

const zBoolText = z
  .enum(['true', 'false', '1', '0'], { error: '须为 true 或 false' })
  .transform((v) => v === 'true' || v === '1');

export const zAddQuery = z.object({
  date: zIsoDate,
  amount: z.coerce
    .number({ error: '须为数字' })
    .int({ error: '须为整数' })
    .min(0, { error: '不能为负数' })
    .max(3660, { error: '不能超过3660' }),
  unit: z.enum(['workday', 'day', 'month'], { error: '单位应为 workday、day 或 month' }),
  /** Default: roll for days and months. */
  roll: zBoolText.optional(),
});
export const zAddResult = z.object({
  from: z.string(),
  amount: z.int(),
  unit: z.enum(['workday', 'day', 'month']),
  roll: z.boolean(),
  unrolled: z.string(),
  result: z.string(),
  weekday: z.int(),
  weekdayName: z.string(),
  day: zDayInfo,
  text: z.string(),
});

const zRow = z.object({
  date: z.union([z.string(), z.number()]).optional(),
  type: z.string().optional(),
  name: z.string().optional(),
});

const zLoadFields = {
  forYear: zYearNumber.optional(),
  source: z.string().max(200, { error: '不能超过200个字符' }).optional(),
  replace: z.boolean().optional(),
};

export const zLoadBody = z
  .strictObject({
    notice: z.string().max(20_000, { error: '通知文本过长' }).optional(),
    rows: z.array(zRow).max(400, { error: '数据行不能超过400行' }).optional(),
    year: zCalendarYear.optional(),
    ...zLoadFields,
  })
  .meta({ description: '提供 notice、rows、year 三者之一；替换已载入的年份须 replace: true' });

export const zImportBody = z.strictObject({
  filename: z.string().min(1, { error: '请提供文件名' }).max(200),
  /** The file, base64-encoded (.xlsx or .csv; at most 1 MB). */
  contentBase64: z
    .string()
    .min(1, { error: '文件内容为空' })
    .max(1_400_000, { error: '文件不能超过1MB' })
    .regex(/^[A-Za-z0-9+/=\s]*$/, { error: '文件内容须为 base64 编码' }),
  /** Only check and show what would change. */
  preview: z.boolean().optional(),
  ...zLoadFields,
});

const zChange = z.object({
  kind: z.enum(['holiday', 'makeup-workday']),
  name: z.string(),
  source: z.string().optional(),
});
export const zPreview = z.object({
  year: z.int(),
  source: z.string(),
  input: z.enum(['notice', 'rows', 'json']),
  calendar: zCalendarYear,
  notes: z.array(z.string()),
  current: z.object({ source: z.string(), loadedAt: zDateTime, loadedBy: z.string() }).nullable(),
  diff: z
    .object({
      year: z.int(),
      source: z.object({ before: z.string(), after: z.string() }).nullable(),
      changes: z.array(z.object({ date: z.string(), before: zChange.nullable(), after: zChange.nullable() })),
      summary: z.array(z.string()),
    })
    .nullable(),
  unchanged: z.boolean(),
  workdays: z.int(),
  restDays: z.int(),
});
export const zLoadResult = zPreview.extend({
  action: z.enum(['created', 'replaced', 'unchanged']),
  logEntryId: z.string().nullable(),
});
export const zImportResult = zPreview.extend({
  action: z.enum(['created', 'replaced', 'unchanged', 'preview']),
  logEntryId: z.string().nullable(),
});
