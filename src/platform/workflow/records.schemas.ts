import { z } from 'zod';
import { zText } from '../../kernel/schemas.ts';

/** A legality review opinion (合法性审查意见). */
export const zLegalReview = z.object({
  stage: z.enum(['unit', 'justice'], { error: '审查环节无效' }).default('unit'),
  outcome: z.enum(['pass', 'pass-with-changes', 'fail'], { error: '请选择审查结论' }),
  opinion: zText(5000),
  basis: z.string().trim().max(2000).optional(),
});

const zOpinion = z.object({
  name: zText(50),
  opinion: zText(2000),
  dissent: z.boolean().default(false),
});

/**
 * Minutes of a collective discussion (集体讨论, rules.md §0.2): meeting type, date, attendees, the opinion of
 * each member including dissent, the head's final statement and the result. When the result goes against the
 * majority of opinions, the reason must be recorded.
 */
export const zCollectiveDiscussion = z
  .object({
    meetingType: zText(50),
    date: z.iso.date({ error: '日期格式应为 YYYY-MM-DD' }),
    attendees: z.array(z.object({ name: zText(50), title: z.string().trim().max(50).optional() })).min(3, {
      error: '集体讨论至少应有3名参会人员',
    }),
    opinions: z.array(zOpinion).min(1, { error: '应记录每位参会人员的意见' }),
    chairStatement: zText(5000),
    result: z.enum(['approved', 'rejected', 'deferred'], { error: '请选择讨论结果' }),
    overruleReason: z.string().trim().max(2000).optional(),
  })
  .superRefine((v, ctx) => {
    const names = new Set(v.opinions.map((o) => o.name));
    v.attendees.forEach((a, i) => {
      if (!names.has(a.name))
        ctx.addIssue({ code: 'custom', path: ['attendees', i], message: `缺少${a.name}的意见` });
    });
    const dissent = v.opinions.filter((o) => o.dissent).length;
    const majorityAgainst = dissent * 2 > v.opinions.length;
    if (v.result === 'approved' && majorityAgainst && !v.overruleReason)
      ctx.addIssue({
        code: 'custom',
        path: ['overruleReason'],
        message: '主持人的决定与多数意见不一致时，应记录理由',
      });
  });

/** An approval by a responsible official (审批). */
export const zApproval = z.object({
  step: zText(50),
  outcome: z.enum(['approved', 'rejected'], { error: '请选择审批结论' }),
  comment: z.string().trim().max(2000).optional(),
});

export const RECORD_SCHEMAS = {
  'legal-review': zLegalReview,
  'collective-discussion': zCollectiveDiscussion,
  approval: zApproval,
} as const;

export const recordOutcome = (kind: keyof typeof RECORD_SCHEMAS, data: Record<string, unknown>): string =>
  String(kind === 'collective-discussion' ? data.result : data.outcome);
