/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015).
 *
 * 18 characters: registration authority (1), organisation type (1), division code (6), organisation code (9),
 * check character (1). The alphabet is the digits and the capital letters except I, O, Z, S, V (31 characters);
 * the check character is `31 − (Σ value × weight mod 31)`, with 31 written as `0`.
 */
import { invalid } from '../../kernel/errors.ts';
import type { CheckResult } from './check-result.ts';

/** The 31-character USCC alphabet in value order (0–30). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const BODY = /^[0-9A-HJ-NPQRTUWXY]{17}$/;

/** The check character for the first 17 characters of a USCC. Throws `VALIDATION.USCC` on bad input. */
export function computeUsccCheck(first17: string): string {
  if (!BODY.test(first17)) {
    throw invalid(
      'VALIDATION.USCC',
      `计算校验位需要17位有效字符（数字及除 I、O、Z、S、V 以外的大写字母）：${String(first17)}`,
    );
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += USCC_ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Checks a USCC (exact, upper case): length, alphabet, then check character. */
export function checkUscc(s: string): CheckResult {
  if (typeof s !== 'string' || s.length !== 18) {
    return { ok: false, reason: `统一社会信用代码应为18位，实为${typeof s === 'string' ? s.length : 0}位` };
  }
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(s)) {
    return {
      ok: false,
      reason: '统一社会信用代码含有无效字符（只能是数字和除 I、O、Z、S、V 以外的大写字母）',
    };
  }
  if (computeUsccCheck(s.slice(0, 17)) !== s[17]) {
    return { ok: false, reason: '统一社会信用代码校验位错误' };
  }
  return { ok: true };
}

/** True when `s` is a valid USCC. */
export function isUscc(s: string): boolean {
  return checkUscc(s).ok;
}
