import { describe, expect, it } from 'vitest';
import { type DataKind, defaultPolicy, definePolicy } from './policy.ts';
import { maskAddress, maskEmail, maskName, maskPhone, maskPlate, maskValue, surnameOf } from './values.ts';

describe('name rules', () => {
  it.each([
    ['张三丰', 'full', '张三丰'],
    ['张三丰', 'surname+某', '张某'],
    ['张三丰', 'initial', '张**'],
    ['李四', 'surname+某', '李某'],
    ['李四', 'initial', '李*'],
    ['欧阳明月', 'surname+某', '欧阳某'],
    ['欧阳明月', 'initial', '欧阳**'],
    ['欧阳', 'surname+某', '欧某'], // two characters: 欧 is the surname, 阳 the given name
  ] as const)('%s under %s → %s', (name, rule, expected) => {
    expect(maskName(name, rule)).toBe(expected);
  });

  it('takes an explicit surname when the guess would be wrong', () => {
    expect(surnameOf('单于飞')).toBe('单');
    expect(maskName('单于飞', 'surname+某', '单于')).toBe('单于某');
  });
});

describe('address', () => {
  it.each([
    ['重庆市渝北区龙溪街道金紫山路18号3单元2-1', 'district', '重庆市渝北区***'],
    ['重庆市渝北区龙溪街道金紫山路18号3单元2-1', 'street', '重庆市渝北区龙溪街道***'],
    ['四川省成都市武侯区簇桥街道某某路1号', 'district', '四川省成都市武侯区***'],
    ['广西壮族自治区南宁市青秀区民族大道1号', 'district', '广西壮族自治区南宁市青秀区***'],
    ['重庆市石柱土家族自治县南宾镇城南路2号', 'street', '重庆市石柱土家族自治县南宾镇***'],
    ['渝北区龙溪街道金紫山路18号', 'district', '渝北区***'],
    ['重庆市渝北区', 'district', '重庆市渝北区'], // nothing below the district: unchanged
    ['金紫山路18号', 'district', '***'], // no county level recognised: removed entirely
    ['龙溪街道新市场3号', 'district', '***'],
  ] as const)('%s (%s) → %s', (address, level, expected) => {
    expect(maskAddress(address, level, '***')).toBe(expected);
  });
});

describe('phones, e-mails, plates', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['138-1234-5678', '138****5678'],
    ['+86 138 1234 5678', '138****5678'],
    ['023-67891234', '023-****1234'],
    ['(023)6789123', '(023)***9123'],
    ['12345', '*****'],
  ])('maskPhone(%s) = %s', (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });

  it('masks e-mails and plates', () => {
    expect(maskEmail('zhaoliu88@example.com')).toBe('z***@example.com');
    expect(maskEmail('@x')).toBe('**');
    expect(maskPlate('渝A12345')).toBe('渝A*****');
    expect(maskPlate('渝A·D12345')).toBe('渝A·******');
  });
});

describe('maskValue per kind and policy option', () => {
  const p = (o: Parameters<typeof definePolicy>[0]) => definePolicy(o);
  it.each([
    ['party-person-name', '张三丰', defaultPolicy, '张某', 'party-person-name:surname+某'],
    ['party-person-name', '张三丰', p({ partyPersonName: 'full' }), '张三丰', 'party-person-name:full'],
    ['party-person-name', '张三丰', p({ partyPersonName: 'initial' }), '张**', 'party-person-name:initial'],
    ['legal-representative-name', '欧阳明月', defaultPolicy, '欧阳明月', 'legal-representative-name:full'],
    [
      'legal-representative-name',
      '欧阳明月',
      p({ legalRepresentativeName: 'remove' }),
      '某某',
      'legal-representative-name:remove',
    ],
    ['third-party-name', '李四', defaultPolicy, '某某', 'third-party-name:remove'],
    ['id-number', '500112198805061237', defaultPolicy, '500112********1237', 'id-number:mask-birth-date'],
    ['id-number', '11010519491231002x', defaultPolicy, '110105********002X', 'id-number:mask-birth-date'],
    ['id-number', '500112198805061237', p({ idNumber: 'remove' }), '***', 'id-number:remove'],
    ['phone', '13812345678', defaultPolicy, '***', 'phone:remove'],
    ['phone', '13812345678', p({ phone: 'mask' }), '138****5678', 'phone:mask'],
    ['email', 'a1@example.com', defaultPolicy, '***', 'email:remove'],
    ['email', 'a1@example.com', p({ email: 'mask' }), 'a***@example.com', 'email:mask'],
    ['address', '重庆市渝北区龙溪街道1号', defaultPolicy, '重庆市渝北区***', 'address:district'],
    [
      'address',
      '重庆市渝北区龙溪街道1号',
      p({ address: 'street' }),
      '重庆市渝北区龙溪街道***',
      'address:street',
    ],
    ['address', '重庆市渝北区龙溪街道1号', p({ address: 'remove' }), '***', 'address:remove'],
    ['bank-account', '6222021234567890128', defaultPolicy, '***', 'bank-account:remove'],
    ['licence-plate', '渝A12345', defaultPolicy, '渝A*****', 'licence-plate:mask'],
    ['licence-plate', '渝A12345', p({ licencePlate: 'keep' }), '渝A12345', 'licence-plate:keep'],
    ['licence-plate', '渝A12345', p({ licencePlate: 'remove' }), '***', 'licence-plate:remove'],
    ['health', '患有糖尿病', defaultPolicy, '***', 'health:never-publish'],
    ['religion', '信仰某教', defaultPolicy, '***', 'religion:never-publish'],
    ['biometric', '指纹特征', defaultPolicy, '***', 'biometric:never-publish'],
    ['minor-data', '其子就读于某小学', defaultPolicy, '***', 'minor-data:never-publish'],
    ['sensitive', '行动轨迹', defaultPolicy, '***', 'sensitive:never-publish'],
    ['public', '91500112MA5U8XY01B', defaultPolicy, '91500112MA5U8XY01B', 'public:keep'],
  ] as const)('%s %s → %s', (kind, value, policy, output, rule) => {
    const r = maskValue(kind, value, policy);
    expect(r).toEqual({ output, rule, changed: output !== value });
  });

  it('uses the configured placeholders', () => {
    const policy = definePolicy({ placeholders: { name: '×××', value: '（略）' } });
    expect(maskValue('third-party-name', '李四', policy).output).toBe('×××');
    expect(maskValue('phone', '13812345678', policy).output).toBe('（略）');
  });

  it('refuses an unknown kind', () => {
    expect(() => maskValue('nickname' as DataKind, 'x', defaultPolicy)).toThrow(/MASKING.KIND/);
  });
});

describe('definePolicy', () => {
  it('merges overrides onto the baseline and freezes the result', () => {
    const policy = definePolicy({
      id: 'smr',
      partyPersonName: 'initial',
      confidential: { privacy: 'never' },
    });
    expect(policy.partyPersonName).toBe('initial');
    expect(policy.confidential).toEqual({
      'state-secret': 'never',
      security: 'never',
      'trade-secret': 'summary-only',
      privacy: 'never',
    });
    expect(Object.isFrozen(policy)).toBe(true);
    expect(defaultPolicy.partyPersonName).toBe('surname+某');
  });

  it('lists every bad item', () => {
    try {
      definePolicy({
        // @ts-expect-error: not an option
        partyPersonName: 'pinyin',
        minorAgeUnder: 12,
        placeholders: { value: 'X1' },
        // @ts-expect-error: not an option
        confidential: { privacy: 'full' },
      });
      expect.unreachable();
    } catch (e) {
      expect((e as { code: string }).code).toBe('MASKING.POLICY');
      expect((e as { errors: { pointer: string }[] }).errors.map((x) => x.pointer)).toEqual([
        '/partyPersonName',
        '/confidential/privacy',
        '/minorAgeUnder',
        '/placeholders/value',
      ]);
    }
  });
});
