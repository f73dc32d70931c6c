import { describe, expect, it } from 'vitest';
import { maskText } from './mask-text.ts';
import {
  BANK_CARD,
  CASE_FILE_NO,
  DECISION_1,
  DECISION_2,
  DECISION_3,
  KNOWN_1,
  KNOWN_2,
  KNOWN_3,
  PARTY_ID,
  USCC,
  WITNESS_ID,
} from './masking.fixture.ts';
import { defaultPolicy, definePolicy } from './policy.ts';

describe('maskText on realistic decisions (default policy)', () => {
  it('decision 1: party, witness, ID numbers, address, phone, bank card; case number and dates untouched', () => {
    const { text, replacements } = maskText(DECISION_1, KNOWN_1, defaultPolicy);
    expect(text).toBe(
      [
        '渝北市监罚〔2026〕12号',
        '当事人：张某，男，身份证号码：500112********1237，住址：重庆市渝北区***，联系电话：***。',
        '经查，当事人于2026年1月15日在其经营场所销售过期食品，违法所得1,000,000元。证人某某（身份证号码500103********3410）证实，张某曾通过银行卡***收取货款。',
        `案卷编号${CASE_FILE_NO}。当事人如不服本决定，可于2026-03-16前申请行政复议。`,
      ].join('\n'),
    );
    expect(replacements.map((r) => [r.source, r.rule, r.label])).toEqual([
      ['known', 'party-person-name:surname+某', '当事人'],
      ['known', 'id-number:mask-birth-date', '当事人身份证'],
      ['known', 'address:district', '当事人住址'],
      ['known', 'phone:remove', '当事人电话'],
      ['known', 'third-party-name:remove', '证人1'],
      ['id-number', 'id-number:mask-birth-date', undefined],
      ['known', 'party-person-name:surname+某', '当事人'],
      ['bank-card', 'bank-account:remove', undefined],
    ]);
  });

  it('reports positions in both texts, and nothing of the original values', () => {
    const { text, replacements } = maskText(DECISION_1, KNOWN_1, defaultPolicy);
    for (const r of replacements) {
      const original = DECISION_1.slice(r.start, r.end);
      expect(text.slice(r.publicStart, r.publicEnd)).not.toBe(original);
      expect(JSON.stringify(r)).not.toContain(original);
    }
    // Apart from the replaced spans, the public text is the original, character for character.
    let rebuilt = '';
    let cursor = 0;
    for (const r of replacements) {
      rebuilt += DECISION_1.slice(cursor, r.start) + text.slice(r.publicStart, r.publicEnd);
      cursor = r.end;
    }
    expect(rebuilt + DECISION_1.slice(cursor)).toBe(text);
    expect(text).not.toContain(PARTY_ID);
    expect(text).not.toContain(WITNESS_ID);
    expect(text).not.toContain(BANK_CARD);
  });

  it('decision 2: organisation and USCC kept, legal representative in full, victim and contacts removed', () => {
    const { text, replacements } = maskText(DECISION_2, KNOWN_2, defaultPolicy);
    expect(text).toBe(
      [
        `当事人：重庆某某商贸有限公司，统一社会信用代码：${USCC}，法定代表人：欧阳明月。`,
        '被害人某某（***）反映，其于2026年2月3日在当事人门店购买的商品存在质量问题。',
        '当事人对公账户：中国农业银行重庆渝北支行，账号***。办公电话***。',
        '罚款人民币15000000000元（大写略），限于收到本决定书之日起15日内缴纳。',
      ].join('\n'),
    );
    expect(replacements.map((r) => r.source)).toEqual(['known', 'mobile', 'bank-account', 'landline']);
  });

  it('decision 2: an organisation phone declared public stays', () => {
    const known = [...KNOWN_2, { kind: 'public' as const, value: '023-67891234' }];
    expect(maskText(DECISION_2, known, defaultPolicy).text).toContain('办公电话023-67891234。');
  });

  it('decision 3: health data never published, plate masked, e-mail removed, officers kept', () => {
    const { text } = maskText(DECISION_3, KNOWN_3, defaultPolicy);
    expect(text).toBe(
      [
        '当事人赵某驾驶渝A·******号小型客车，联系邮箱***。',
        '赵某自述***。执法人员钱七、孙八（执法证号50010012345）依法出示了执法证件。',
      ].join('\n'),
    );
  });

  it('decision 1 under an agency policy: full name, ID removed, phone masked, street kept', () => {
    const policy = definePolicy({
      id: 'agency',
      partyPersonName: 'full',
      idNumber: 'remove',
      phone: 'mask',
      address: 'street',
      placeholders: { value: '（略）' },
    });
    const { text } = maskText(DECISION_1, KNOWN_1, policy);
    expect(text.split('\n')[1]).toBe(
      '当事人：张三丰，男，身份证号码：（略），住址：重庆市渝北区龙溪街道（略），联系电话：138****5678。',
    );
    expect(text).toContain('证人某某（身份证号码（略））证实，张三丰曾通过银行卡（略）收取货款');
  });

  it('the longest known value wins where values overlap', () => {
    const known = [
      { kind: 'third-party-name' as const, value: '张三' },
      { kind: 'party-person-name' as const, value: '张三丰' },
    ];
    expect(maskText('张三丰与张三', known, defaultPolicy).text).toBe('张某与某某');
  });

  it('refuses known values that would shred the text', () => {
    expect(() => maskText('张三', [{ kind: 'third-party-name', value: '张 ' }], defaultPolicy)).toThrow(
      /MASKING.KNOWN_VALUE/,
    );
  });

  it('leaves text without personal data unchanged', () => {
    const text = '渝北府发〔2026〕3号 罚款1,000,000元，于2026年3月1日前缴纳。';
    expect(maskText(text, [], defaultPolicy)).toEqual({ text, replacements: [] });
  });
});

describe('maskText performance sanity', () => {
  it('masks a 20,000-character text with 50 known values (linear scan; no timing asserted)', () => {
    const known = Array.from({ length: 50 }, (_, i) => ({
      kind: 'third-party-name' as const,
      value: `证人${String.fromCharCode(0x4e00 + i)}${String.fromCharCode(0x4e80 + i)}`,
    }));
    const paragraph = `${known.map((k) => k.value).join('、')}证实，电话13812345678，卡号${BANK_CARD}。`;
    let text = '';
    while (text.length < 20_000) text += paragraph;
    const { text: out, replacements } = maskText(text, known, defaultPolicy);
    expect(out).not.toContain('13812345678');
    expect(replacements.length).toBeGreaterThan(1000);
  });
});
