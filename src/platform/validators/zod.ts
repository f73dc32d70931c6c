/**
 * Zod 4 schemas for the shared validators. Each failure is one `custom` issue carrying the Chinese reason, so
 * HTTP schemas across modules report the same messages. Input is trimmed; identity numbers are upper-cased
 * (a trailing `x` becomes `X`) and USCCs too.
 */
import { z } from 'zod';
import type { CheckResult } from './check-result.ts';
import { checkDivisionCode } from './division-code.ts';
import { checkIdNumber } from './id-number.ts';
import { checkMobile } from './mobile.ts';
import { checkUscc } from './uscc.ts';

function withCheck(base: z.ZodString, check: (value: string) => CheckResult) {
  return base.check((ctx) => {
    const result = check(ctx.value);
    if (!result.ok) ctx.issues.push({ code: 'custom', message: result.reason, input: ctx.value });
  });
}

/** 统一社会信用代码 (trimmed, upper-cased). */
export const zUscc = withCheck(z.string().trim().toUpperCase(), checkUscc).meta({
  description: '统一社会信用代码（18位）',
  example: '91350100M000100Y43',
});

/** 公民身份号码 (trimmed, upper-cased), without a future-birth check: use `zIdNumberAsOf(today)` for that. */
export const zIdNumber = withCheck(z.string().trim().toUpperCase(), (v) => checkIdNumber(v)).meta({
  description: '公民身份号码（18位）',
});

/** 公民身份号码 whose birth date must not be after `today` (`YYYY-MM-DD`). */
export function zIdNumberAsOf(today: string) {
  return withCheck(z.string().trim().toUpperCase(), (v) => checkIdNumber(v, { today })).meta({
    description: '公民身份号码（18位）',
  });
}

/** 手机号码 (trimmed). */
export const zMobile = withCheck(z.string().trim(), checkMobile).meta({
  description: '手机号码（11位）',
  example: '13800138000',
});

/** 行政区划代码 (trimmed). */
export const zDivisionCode = withCheck(z.string().trim(), checkDivisionCode).meta({
  description: '行政区划代码（6位）',
  example: '500113',
});
