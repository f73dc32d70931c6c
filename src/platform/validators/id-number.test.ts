import { describe, expect, it } from 'vitest';
import { checkIdNumber, computeIdCheck, idBirthDate, isIdNumber, maskIdNumber } from './id-number.ts';

const withCheck = (first17: string) => first17 + computeIdCheck(first17);

describe('公民身份号码', () => {
  it('computes the GB 11643-1999 examples', () => {
    expect(computeIdCheck('11010519491231002')).toBe('X');
    expect(computeIdCheck('44052418800101001')).toBe('4');
  });

  it.each([
    '11010519491231002X', // GB 11643-1999 example
    '440524188001010014', // GB 11643-1999 example
    withCheck('50011319900307123'),
    withCheck('50010820000229004'), // leap day
    withCheck('65010119000101001'),
    withCheck('81000020101010123'),
  ])('accepts %s', (id) => {
    expect(checkIdNumber(id)).toEqual({ ok: true });
    expect(isIdNumber(id)).toBe(true);
  });

  it.each([
    ['', '应为18位'],
    ['11010519491231002', '应为18位，实为17位'],
    ['11010519491231002x', '无效字符'],
    ['1101051949123100X2', '无效字符'],
    ['11010519491231002Y', '无效字符'],
    [withCheck('00010519491231002'), '行政区划代码'],
    [withCheck('99010519491231002'), '行政区划代码'],
    [withCheck('50011319900230123'), '出生日期无效'],
    [withCheck('50011319901301123'), '出生日期无效'],
    [withCheck('50011317991231123'), '出生日期无效'],
    [withCheck('50011320010229123'), '出生日期无效'],
    ['110105194912310021', '校验位错误'],
  ])('rejects %j (%s)', (id, reason) => {
    const result = checkIdNumber(id);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('rejects a birth date after today only when today is given', () => {
    const id = withCheck('50011320261201123');
    expect(checkIdNumber(id).ok).toBe(true);
    expect(checkIdNumber(id, { today: '2026-12-01' }).ok).toBe(true);
    expect(checkIdNumber(id, { today: '2026-11-30' })).toEqual({
      ok: false,
      reason: '身份证号码中的出生日期晚于今天',
    });
  });

  it('reads the birth date', () => {
    expect(idBirthDate('11010519491231002X')).toBe('1949-12-31');
    expect(idBirthDate('110105194902300021')).toBeNull();
  });

  it.each([
    ['500113199003071234', '500113********1234'],
    ['11010519491231002X', '110105********002X'],
    ['500113900307123', '500113******123'], // legacy 15 digits
    ['12345', '*****'],
    ['', ''],
  ])('masks %s as %s', (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
  });

  it('refuses to compute a check digit from bad input', () => {
    expect(() => computeIdCheck('1101051949123100')).toThrow(/VALIDATION.ID_NUMBER/);
  });
});
