import { describe, expect, it } from 'vitest';
import { checkUscc, computeUsccCheck, isUscc } from './uscc.ts';

describe('统一社会信用代码', () => {
  // Widely published codes; their check characters were verified with the GB 32100-2015 algorithm.
  const published = ['91350100M000100Y43', '914403001922038216', '91440300708461136T', '91110108551385082Q'];
  // Generated: 17 characters + computed check character.
  const generated = [
    '12500113MB1234567',
    '5150011300000001X',
    '92500113MA5YX6KX4',
    'Y1500000000000000',
    '11500000MB0000001',
  ].map((s) => s + computeUsccCheck(s));

  it.each([...published, ...generated])('accepts %s', (code) => {
    expect(checkUscc(code)).toEqual({ ok: true });
    expect(isUscc(code)).toBe(true);
  });

  it('computes the check character, including 0 for a sum divisible by 31', () => {
    expect(computeUsccCheck('91350100M000100Y4')).toBe('3');
    expect(computeUsccCheck('00000000000000000')).toBe('0');
  });

  it.each([
    ['', '应为18位，实为0位'],
    ['91350100M000100Y4', '应为18位，实为17位'],
    ['91350100M000100Y433', '应为18位，实为19位'],
    ['91350100M000100I43', '无效字符'],
    ['91350100M000100O43', '无效字符'],
    ['91350100M000100Z43', '无效字符'],
    ['91350100M000100S43', '无效字符'],
    ['91350100M000100V43', '无效字符'],
    ['91350100m000100y43', '无效字符'],
    ['91350100M000100Y4 ', '无效字符'],
    ['91350100M000100Y44', '校验位错误'],
    ['91350100M000100Y4X', '校验位错误'],
    ['914403001922038217', '校验位错误'],
  ])('rejects %j (%s)', (code, reason) => {
    const result = checkUscc(code);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('refuses to compute a check character from bad input', () => {
    expect(() => computeUsccCheck('91350100M000100Y')).toThrow(/VALIDATION.USCC/);
    expect(() => computeUsccCheck('91350100I000100Y4')).toThrow(/VALIDATION.USCC/);
  });
});
