import { z } from 'zod';
import { zDateTime } from '../../kernel/schemas.ts';

export const zDeadlineUnit = z.enum(['workday', 'day', 'month', 'year']);
export const zDeadlineAmount = z.object({
  amount: z.int().min(1, { error: '须为正整数' }),
  unit: zDeadlineUnit,
});

export const zDeadlineRule = z
  .object({
    code: z.string(),
    ref: z.string().optional(),
    name: z.string(),
    startEvent: z.string(),
    startEventName: z.string().optional(),
    amount: z.number().int(),
    unit: zDeadlineUnit,
    countStartDay: z.boolean(),
    rollToWorkday: z.boolean(),
    warnBefore: zDeadlineAmount.optional(),
    statute: z.string(),
    tag: z.enum(['V', 'S', 'M']).optional(),
    kind: z.enum(['limit', 'minimum']).optional(),
    obligor: z.enum(['authority', 'party']).optional(),
    extension: z
      .object({ amount: z.number().int().optional(), unit: zDeadlineUnit.optional(), approval: z.string() })
      .optional(),
    configurable: z.boolean(),
    note: z.string().optional(),
  })
  .meta({ id: 'DeadlineRule' });

export const zRuleView = z
  .object({
    code: z.string(),
    statutory: zDeadlineRule,
    effective: zDeadlineRule,
    overridden: z.boolean(),
    override: z
      .object({
        amount: z.number().int(),
        unit: zDeadlineUnit,
        rollToWorkday: z.boolean(),
        warnBefore: zDeadlineAmount.optional(),
        note: z.string().optional(),
        updatedAt: zDateTime,
        updatedBy: z.string(),
      })
      .nullable(),
    overrideProblems: z.array(z.object({ pointer: z.string(), detail: z.string() })),
    policy: z.enum(['free', 'shorten-only', 'lengthen-only', 'fixed']),
    policyText: z.string(),
  })
  .meta({ id: 'DeadlineRuleView' });

export const zRuleCodeParams = z.object({
  code: z
    .string()
    .regex(/^[a-z][a-z0-9.-]{1,80}$/, { error: '期限规则代码格式错误（如 licensing.decision）' }),
});

/** PUT body: omitted fields take the statutory value; `warnBefore: null` means the default window. */
export const zRuleOverrideBody = z.strictObject({
  amount: z.int({ error: '须为整数' }).optional(),
  unit: zDeadlineUnit.optional(),
  rollToWorkday: z.boolean().optional(),
  warnBefore: zDeadlineAmount.nullable().optional(),
  note: z.string().max(500, { error: '不能超过500个字符' }).nullable().optional(),
});
