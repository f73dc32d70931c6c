/** Mainland China mobile number (手机号码): 11 digits, `1[3-9]` followed by 9 digits. */
import type { CheckResult } from './check-result.ts';

/** Checks a mainland mobile number (digits only, no `+86`, no spaces). */
export function checkMobile(s: string): CheckResult {
  if (typeof s !== 'string' || !/^\d{11}$/.test(s)) {
    return { ok: false, reason: '手机号码应为11位数字' };
  }
  if (!/^1[3-9]/.test(s)) {
    return { ok: false, reason: '手机号码号段无效（应以13至19开头）' };
  }
  return { ok: true };
}

/** True when `s` is a mainland mobile number. */
export function isMobile(s: string): boolean {
  return checkMobile(s).ok;
}

/** Masks the middle four digits: `138****5678`. Anything that is not 11 digits is masked entirely. */
export function maskMobile(s: string): string {
  if (typeof s !== 'string') return '';
  if (/^\d{11}$/.test(s)) return `${s.slice(0, 3)}****${s.slice(7)}`;
  return '*'.repeat(s.length);
}
