import { describe, expect, it } from 'vitest';
import {
  checkDivisionCode,
  divisionLevel,
  isDivisionCode,
  PROVINCE_PREFIXES,
  parentDivision,
} from './division-code.ts';

describe('行政区划代码', () => {
  it('lists the 34 province-level prefixes', () => {
    expect(PROVINCE_PREFIXES).toHaveLength(34);
  });

  it.each([
    ['500000', 'province', null],
    ['500100', 'city', '500000'],
    ['500113', 'county', '500100'],
    ['500200', 'city', '500000'],
    ['500229', 'county', '500200'],
    ['110105', 'county', '110100'],
    ['429004', 'county', '429000'],
    ['710000', 'province', null],
    ['810000', 'province', null],
    ['820000', 'province', null],
  ] as const)('%s is a %s with parent %s', (code, level, parent) => {
    expect(checkDivisionCode(code)).toEqual({ ok: true });
    expect(isDivisionCode(code)).toBe(true);
    expect(divisionLevel(code)).toBe(level);
    expect(parentDivision(code)).toBe(parent);
  });

  it.each([
    ['', '6位数字'],
    ['50011', '6位数字'],
    ['5001130', '6位数字'],
    ['50011a', '6位数字'],
    ['160000', '省级代码“16”不存在'],
    ['100000', '省级代码“10”不存在'],
    ['550000', '省级代码“55”不存在'],
    ['700000', '省级代码“70”不存在'],
    ['830000', '省级代码“83”不存在'],
    ['500013', '县级代码也应为00'],
  ])('rejects %j (%s)', (code, reason) => {
    const result = checkDivisionCode(code);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('throws on an invalid code when asked for its level', () => {
    expect(() => divisionLevel('990000')).toThrow(/VALIDATION.DIVISION_CODE/);
    expect(() => parentDivision('abc')).toThrow(/行政区划代码应为6位数字/);
  });
});
