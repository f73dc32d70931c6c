import { describe, expect, it } from 'vitest';
import { checkMobile, isMobile, maskMobile } from './mobile.ts';

describe('手机号码', () => {
  it.each(['13800138000', '15912345678', '19912345678', '16600000000', '17012345678'])('accepts %s', (m) => {
    expect(checkMobile(m)).toEqual({ ok: true });
    expect(isMobile(m)).toBe(true);
  });

  it.each([
    ['', '应为11位数字'],
    ['1380013800', '应为11位数字'],
    ['138001380001', '应为11位数字'],
    ['+8613800138000', '应为11位数字'],
    ['138 0013 800', '应为11位数字'],
    ['1380013800a', '应为11位数字'],
    ['12800138000', '号段无效'],
    ['10800138000', '号段无效'],
    ['23800138000', '号段无效'],
  ])('rejects %j (%s)', (m, reason) => {
    const result = checkMobile(m);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it.each([
    ['13812345678', '138****5678'],
    ['023-6312345', '***********'],
    ['1380013800a', '***********'],
    ['63123456', '********'],
    ['', ''],
  ])('masks %s as %s', (m, masked) => {
    expect(maskMobile(m)).toBe(masked);
  });
});
