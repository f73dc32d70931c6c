/**
 * Resident identity number (公民身份号码, GB 11643-1999): 18 characters — address code (6, a division code),
 * birth date `YYYYMMDD` (8), sequence (3, odd for men), check character (ISO 7064 MOD 11-2, `0`–`9` or `X`).
 */
import { invalid } from '../../kernel/errors.ts';
import type { CheckResult } from './check-result.ts';
import { checkDivisionCode } from './division-code.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** ISO 7064 MOD 11-2 check character (`0`–`9` or `X`) for the first 17 digits. */
export function computeIdCheck(first17: string): string {
  if (typeof first17 !== 'string' || !/^\d{17}$/.test(first17)) {
    throw invalid('VALIDATION.ID_NUMBER', `计算校验码需要17位数字：${String(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The birth date (`YYYY-MM-DD`) encoded in an 18-character identity number, or `null` if it is not a real date. */
export function idBirthDate(id: string): string | null {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})/.exec(id);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1800 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Options for `checkIdNumber`. */
export interface IdNumberOptions {
  /** Today's date (`YYYY-MM-DD`); when given, a birth date after it is rejected. */
  today?: string;
}

/**
 * Checks an 18-character identity number: length, characters (`X` only last, upper case), division prefix shape,
 * birth date (a real date from 1800, not after `today` if given), then the check character.
 */
export function checkIdNumber(id: string, options: IdNumberOptions = {}): CheckResult {
  if (typeof id !== 'string' || id.length !== 18) {
    return { ok: false, reason: `身份证号码应为18位，实为${typeof id === 'string' ? id.length : 0}位` };
  }
  if (!/^\d{17}[\dX]$/.test(id)) {
    return { ok: false, reason: '身份证号码含有无效字符（前17位应为数字，最后一位为数字或大写X）' };
  }
  if (!checkDivisionCode(id.slice(0, 6)).ok) {
    return { ok: false, reason: '身份证号码前6位不是有效的行政区划代码' };
  }
  const birth = idBirthDate(id);
  if (!birth) {
    return { ok: false, reason: '身份证号码中的出生日期无效' };
  }
  if (options.today !== undefined && birth > options.today) {
    return { ok: false, reason: '身份证号码中的出生日期晚于今天' };
  }
  if (computeIdCheck(id.slice(0, 17)) !== id[17]) {
    return { ok: false, reason: '身份证号码校验位错误' };
  }
  return { ok: true };
}

/** True when `id` is a valid identity number. */
export function isIdNumber(id: string, options: IdNumberOptions = {}): boolean {
  return checkIdNumber(id, options).ok;
}

/**
 * Masks the birth date (positions 7–14) for publication (rules.md §13.2): `500113********1234`.
 * A 15-digit legacy number has its birth date at positions 7–12 masked. Anything else is masked entirely,
 * so that a malformed value never leaks.
 */
export function maskIdNumber(id: string): string {
  if (typeof id !== 'string') return '';
  if (id.length === 18) return `${id.slice(0, 6)}********${id.slice(14)}`;
  if (id.length === 15) return `${id.slice(0, 6)}******${id.slice(12)}`;
  return '*'.repeat(id.length);
}
