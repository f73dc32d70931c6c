/**
 * Request/response schemas of the enforcement work views: 案卷评查 (score sheet, reviews, grade statistics), 我的案件,
 * 法制审核 queue, and the responses of the statistics and supervision routes.
 */
import { z } from 'zod';
import { zDateTime, zPageQuery } from '../../kernel/schemas.ts';
import { GRADES } from './case-review.rules.ts';
import { INDICATORS } from './stats.ts';
import { WORK_COLOURS } from './work-views.ts';

const zUuid = z.uuid({ error: '编号格式错误' });
const zDay = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
const zRef = z.object({ id: z.string(), name: z.string().nullable() });
const zGrade = z.enum(GRADES, { error: '等次只能是优秀、合格或不合格' });

// ---------- 案卷评查 ----------

const zScoreItem = z.object({
  key: z.string().trim().max(40, { error: '项目代码不能超过40个字符' }),
  label: z.string().max(50, { error: '项目名称不能超过50个字符' }),
  max: z.number({ error: '分值应为数字' }),
});
const zThresholds = z.object({
  excellent: z.number({ error: '优秀分数线应为数字' }),
  pass: z.number({ error: '合格分数线应为数字' }),
});

/** PUT body: the whole sheet (checked by `sheetProblems`: unique items, maxima totalling 100, pass < excellent). */
export const zScoreSheetBody = z.object({
  items: z.array(zScoreItem).max(30, { error: '评查项目不能超过30个' }),
  thresholds: zThresholds,
});
export const zScoreSheet = zScoreSheetBody.extend({
  total: z.number(),
  isDefault: z.boolean(),
  updatedAt: zDateTime.nullable(),
});

/** POST body: the structure only; `scoreReview` checks the scores, reasons and grade rules and lists every problem. */
export const zCreateReviewBody = z.object({
  reviewedOn: zDay,
  items: z
    .array(
      z.object({
        key: z.string().max(40),
        score: z.number({ error: '得分应为数字' }),
        reason: z.string().max(500, { error: '扣分理由不能超过500个字符' }).optional(),
      }),
    )
    .max(30),
  comment: z.string().max(2000, { error: '总体评价不能超过2000个字符' }),
  rectification: z.string().max(2000, { error: '整改要求不能超过2000个字符' }).optional(),
});

export const zReviewQuery = z.object({
  bodyId: zUuid.optional(),
  grade: zGrade.optional(),
  year: z.coerce
    .number({ error: '年度应为数字' })
    .int()
    .min(2000)
    .max(2100, { error: '年度无效' })
    .optional(),
  caseId: zUuid.optional(),
  ...zPageQuery,
});
export const zReviewStatsQuery = zReviewQuery.pick({ year: true });
export const zCandidateQuery = z.object({ q: z.string().trim().max(100).optional(), ...zPageQuery });
export const zCaseIdParams = z.object({ caseId: zUuid });

const zScoredItem = z.object({
  key: z.string(),
  label: z.string(),
  max: z.number(),
  score: z.number(),
  reason: z.string().nullable(),
});
export const zCaseReview = z.object({
  id: z.string(),
  case: z.object({ id: z.string(), type: z.string(), number: z.string(), title: z.string() }),
  body: zRef.nullable(),
  reviewer: zRef,
  reviewedOn: z.string(),
  items: z.array(zScoredItem),
  thresholds: zThresholds,
  total: z.number(),
  grade: zGrade,
  comment: z.string(),
  rectification: z.string().nullable(),
  createdAt: zDateTime,
});
export const zCaseReviewList = z.object({ items: z.array(zCaseReview), total: z.number() });
export const zReviewCandidates = z.object({
  total: z.number(),
  items: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      number: z.string(),
      title: z.string(),
      state: z.string(),
      stateLabel: z.string(),
      body: zRef.nullable(),
      reviews: z.number(),
      lastGrade: zGrade.nullable(),
    }),
  ),
});
const zGradeCounts = { excellent: z.number(), pass: z.number(), fail: z.number(), total: z.number() };
export const zReviewStats = z.object({
  year: z.number().nullable(),
  bodies: z.array(
    z.object({
      bodyId: z.string().nullable(),
      bodyName: z.string().nullable(),
      average: z.number(),
      ...zGradeCounts,
    }),
  ),
  totals: z.object(zGradeCounts),
});

// ---------- 我的案件, 法制审核 ----------

export const zWorkList = z.object({
  today: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      typeName: z.string(),
      number: z.string(),
      title: z.string(),
      state: z.string(),
      stateLabel: z.string(),
      createdAt: zDateTime,
      body: zRef.nullable(),
      handler: zRef.nullable(),
      /** handler 承办人 · investigator 调查/执法人员 · scope (within the actor's scope only). */
      role: z.enum(['handler', 'investigator', 'scope']),
      /** When the case was sent for legal review. */
      submittedOn: z.string().nullable(),
      /** In the 法制审核 queue: the case's legality review, where the opinion is given. */
      review: z.object({ id: z.string(), number: z.string() }).nullable(),
      deadline: z
        .object({ key: z.string(), name: z.string(), dueDate: z.string(), colour: z.enum(WORK_COLOURS) })
        .nullable(),
    }),
  ),
});

// ---------- statistics and supervision (responses) ----------

const zGroup = <T extends string>(indicator: T) =>
  z.object({ indicator: z.literal(indicator), key: z.string(), name: z.string().nullable(), n: z.number() });
export const zStats = z.object({
  period: z.object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    bodyId: z.string().nullable(),
    today: z.string(),
  }),
  opened: z.number(),
  filed: z.number(),
  decided: z.record(z.string(), z.number()),
  byBody: z.array(zGroup('opened.by-body')),
  byMatter: z.array(zGroup('filed.by-matter')),
  fines: z.object({ count: z.number(), total: z.number() }),
  published: z.object({ total: z.number(), onTime: z.number(), late: z.number() }),
  legalReviews: z.record(z.string(), z.number()),
  overdueNow: z.number(),
});
export const zDrill = z.object({
  indicator: z.enum(INDICATORS),
  key: z.string().nullable(),
  total: z.number(),
  items: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      title: z.string(),
      state: z.string(),
      stateLabel: z.string(),
    }),
  ),
});
export const zSupervision = z.object({
  today: z.string(),
  total: z.number(),
  items: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      number: z.string(),
      title: z.string(),
      state: z.string(),
      stateLabel: z.string(),
      body: zRef.nullable(),
      handler: zRef.nullable(),
      step: z
        .object({ key: z.string(), name: z.string().nullable(), dueDate: z.string().nullable() })
        .nullable(),
      overdue: z.boolean(),
      daysOverdue: z.number(),
    }),
  ),
});
