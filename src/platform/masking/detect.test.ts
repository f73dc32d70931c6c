import { describe, expect, it } from 'vitest';
import { detectPatterns, isLegacyIdNumber, luhnValid } from './detect.ts';
import { BANK_CARD, CASE_FILE_NO, PARTY_ID, USCC, withCheck } from './masking.fixture.ts';

const found = (text: string) => detectPatterns(text).map((d) => [d.detector, text.slice(d.start, d.end)]);

describe('detectPatterns: what is found', () => {
  it.each([
    [`身份证号码${PARTY_ID}。`, 'id-number', PARTY_ID],
    ['身份证号码11010519491231002x。', 'id-number', '11010519491231002x'],
    [
      `号码：${PARTY_ID.slice(0, 6)} ${PARTY_ID.slice(6, 14)} ${PARTY_ID.slice(14)}`,
      'id-number',
      `${PARTY_ID.slice(0, 6)} ${PARTY_ID.slice(6, 14)} ${PARTY_ID.slice(14)}`,
    ],
    ['旧证号500112880506123，', 'id-number-15', '500112880506123'],
    ['电话13812345678。', 'mobile', '13812345678'],
    ['电话138-1234-5678。', 'mobile', '138-1234-5678'],
    ['电话138 1234 5678。', 'mobile', '138 1234 5678'],
    ['电话+8613812345678。', 'mobile', '8613812345678'],
    ['电话023-67891234。', 'landline', '023-67891234'],
    ['电话（023）67891234。', 'landline', '（023）67891234'],
    ['电话0755-1234567转123。', 'landline', '0755-1234567转123'],
    [`付款卡${BANK_CARD}。`, 'bank-card', BANK_CARD],
    ['付款卡6222 0212 3456 7890 128。', 'bank-card', '6222 0212 3456 7890 128'],
    ['账号：31050161373600001234。', 'bank-account', '31050161373600001234'],
    ['邮箱zhao.liu+x@mail.example.com.cn。', 'email', 'zhao.liu+x@mail.example.com.cn'],
    ['车辆渝A12345停放', 'licence-plate', '渝A12345'],
    ['车辆渝A·D12345停放', 'licence-plate', '渝A·D12345'],
    [`ID${PARTY_ID}`, 'id-number', PARTY_ID],
  ])('%s', (text, detector, span) => {
    expect(found(text)).toEqual([[detector, span]]);
  });
});

describe('detectPatterns: false positives avoided', () => {
  it.each([
    [`案卷编号${CASE_FILE_NO}`, '18 digits, real date, wrong check character, not Luhn'],
    [`18位编号${withCheck('50011220260115012').slice(0, 17)}9，`, 'same number, written alone'],
    ['罚款1,000,000元', 'amount with separators'],
    ['罚款15000000000元', 'an 11-digit amount starting with 15'],
    ['第13912345678号', 'an 11-digit document number'],
    ['2026年1月15日、2026-01-15、2026/01/15', 'dates'],
    ['渝北市监罚〔2026〕12号、渝府发〔2026〕3号', 'document numbers'],
    [`统一社会信用代码${USCC}`, 'USCC'],
    ['统一社会信用代码915001121234567890', 'an all-digit USCC-like code (wrong ID check)'],
    ['执法证号50010012345', 'an 11-digit credential number not starting 1'],
    ['型号AB13812345678C', 'digits glued to letters'],
    ['订单号4111111111111112', 'a 16-digit number failing Luhn'],
    ['订单号2222333344445555', 'Luhn-irrelevant: issuer prefix 2'],
    ['面积68123456平方米，电话68123456', '8-digit local numbers without an area code are not detected'],
    ['E-mail: @example.com 与 a@b', 'not e-mail addresses'],
  ])('%s (%s)', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('a case file number next to a real ID is left while the ID is found', () => {
    expect(found(`${CASE_FILE_NO}、${PARTY_ID}`)).toEqual([['id-number', PARTY_ID]]);
  });

  it('separated runs that are not a grouped number are classified one by one', () => {
    expect(found('电话13812345678 2026年')).toEqual([['mobile', '13812345678']]);
  });
});

describe('helpers', () => {
  it('checks Luhn', () => {
    expect(luhnValid(BANK_CARD)).toBe(true);
    expect(luhnValid('6222021234567890127')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });

  it('checks legacy 15-digit ID numbers', () => {
    expect(isLegacyIdNumber('500112880506123')).toBe(true);
    expect(isLegacyIdNumber('500112880230123')).toBe(false);
    expect(isLegacyIdNumber('990112880506123')).toBe(false);
  });
});

describe('linear scanning', () => {
  it('handles long adversarial inputs', () => {
    const inputs = [
      '1'.repeat(50_000),
      `${'1 '.repeat(25_000)}A`,
      'a'.repeat(50_000),
      '@'.repeat(20_000),
      `${'a.'.repeat(20_000)}@`,
    ];
    for (const text of inputs) expect(Array.isArray(detectPatterns(text))).toBe(true);
  });
});
