/**
 * Administrative division code (行政区划代码, GB/T 2260): six digits — province (2), city (2), county (2).
 * Only the shape is checked (real province prefix, digits); whether a code exists in the current GB/T 2260 list
 * is not checked here.
 */
import { invalid } from '../../kernel/errors.ts';
import type { CheckResult } from './check-result.ts';

/** Province-level prefixes in use: 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71 (台湾), 81 (香港), 82 (澳门). */
// biome-ignore format: grouped by region
export const PROVINCE_PREFIXES: readonly string[] = [
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
];

/** Level of a division code. */
export type DivisionLevel = 'province' | 'city' | 'county';

/** Checks the shape of a division code: six digits with a real province prefix. */
export function checkDivisionCode(code: string): CheckResult {
  if (typeof code !== 'string' || !/^\d{6}$/.test(code)) {
    return { ok: false, reason: '行政区划代码应为6位数字' };
  }
  if (!PROVINCE_PREFIXES.includes(code.slice(0, 2))) {
    return { ok: false, reason: `行政区划代码的省级代码“${code.slice(0, 2)}”不存在` };
  }
  if (code.slice(2, 4) === '00' && code.slice(4) !== '00') {
    return { ok: false, reason: '行政区划代码有误：地市级代码为00时县级代码也应为00' };
  }
  return { ok: true };
}

/** True when `code` has the shape of a division code. */
export function isDivisionCode(code: string): boolean {
  return checkDivisionCode(code).ok;
}

/** `province` for `xx0000`, `city` for `xxxx00`, otherwise `county`. Throws `VALIDATION.DIVISION_CODE` if invalid. */
export function divisionLevel(code: string): DivisionLevel {
  assertDivision(code);
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/**
 * The parent division: county → its city (`500113` → `500100`), city → its province (`500100` → `500000`),
 * province → `null`. Municipalities use `xx01`/`xx02` as the city part (e.g. 重庆 `5001`, `5002`).
 */
export function parentDivision(code: string): string | null {
  const level = divisionLevel(code);
  if (level === 'province') return null;
  if (level === 'city') return `${code.slice(0, 2)}0000`;
  return `${code.slice(0, 4)}00`;
}

function assertDivision(code: string): void {
  const r = checkDivisionCode(code);
  if (!r.ok) throw invalid('VALIDATION.DIVISION_CODE', `${r.reason}：${String(code)}`);
}
