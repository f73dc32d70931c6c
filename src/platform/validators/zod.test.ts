import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { computeIdCheck } from './id-number.ts';
import { zDivisionCode, zIdNumber, zIdNumberAsOf, zMobile, zUscc } from './zod.ts';

const messages = (schema: z.ZodType, value: unknown) =>
  (schema.safeParse(value).error?.issues ?? []).map((i) => i.message);

describe('zod helpers', () => {
  it('normalise and accept valid values', () => {
    expect(zUscc.parse(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
    expect(zIdNumber.parse('11010519491231002x')).toBe('11010519491231002X');
    expect(zMobile.parse(' 13800138000')).toBe('13800138000');
    expect(zDivisionCode.parse('500113')).toBe('500113');
  });

  it('report the Chinese reason as the issue message', () => {
    expect(messages(zUscc, '91350100M000100Y44')).toEqual(['统一社会信用代码校验位错误']);
    expect(messages(zIdNumber, '110105194912310021')).toEqual(['身份证号码校验位错误']);
    expect(messages(zMobile, '12800138000')).toEqual(['手机号码号段无效（应以13至19开头）']);
    expect(messages(zDivisionCode, '990000')).toEqual(['行政区划代码的省级代码“99”不存在']);
    expect(messages(zUscc, 42)[0]).toBeDefined();
  });

  it('checks the birth date against today with zIdNumberAsOf', () => {
    const id = `50011320261201123${computeIdCheck('50011320261201123')}`;
    expect(zIdNumber.safeParse(id).success).toBe(true);
    expect(messages(zIdNumberAsOf('2026-11-30'), id)).toEqual(['身份证号码中的出生日期晚于今天']);
  });

  it('compose into object schemas with paths', () => {
    const schema = z.object({ creditCode: zUscc, contact: z.object({ mobile: zMobile }) });
    const result = schema.safeParse({ creditCode: 'X', contact: { mobile: '1' } });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['creditCode', '统一社会信用代码应为18位，实为1位'],
      ['contact.mobile', '手机号码应为11位数字'],
    ]);
  });

  it('produce JSON Schema for OpenAPI', () => {
    expect(z.toJSONSchema(zUscc)).toMatchObject({ type: 'string', description: '统一社会信用代码（18位）' });
  });
});
