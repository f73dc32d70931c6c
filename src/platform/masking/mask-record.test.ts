import { describe, expect, it } from 'vitest';
import { type FieldDeclaration, maskRecord, parseFieldPath, toPointer } from './mask-record.ts';
import { PARTY_ID, USCC, WITNESS_ID } from './masking.fixture.ts';
import { defaultPolicy, definePolicy } from './policy.ts';

const decision = {
  docNo: '渝北市监罚〔2026〕12号',
  party: {
    name: '张三丰',
    idNumber: PARTY_ID,
    phone: '13812345678',
    address: '重庆市渝北区龙溪街道金紫山路18号',
    health: { diagnosis: '抑郁症' },
  },
  org: { name: '重庆某某商贸有限公司', uscc: USCC, account: 31050161373600001234n.toString() },
  witnesses: [
    { name: '李四', idNumber: WITNESS_ID, phones: ['13912345678', '023-67891234'] },
    { name: '王小明', idNumber: null },
  ],
  fine: 1_000_000,
};

const fields: FieldDeclaration[] = [
  { path: 'party.name', kind: 'party-person-name' },
  { path: 'party.idNumber', kind: 'id-number' },
  { path: 'party.phone', kind: 'phone' },
  { path: 'party.address', kind: 'address' },
  { path: 'party.health', kind: 'health' },
  { path: 'party.religion', kind: 'religion' }, // absent: skipped
  { path: 'org.uscc', kind: 'public' },
  { path: 'org.account', kind: 'bank-account' },
  { path: 'witnesses[].name', kind: 'third-party-name' },
  { path: 'witnesses[].idNumber', kind: 'id-number' },
  { path: 'witnesses[].phones[]', kind: 'phone' },
];

describe('maskRecord', () => {
  it('masks declared fields, keeps the rest, and lists what was masked without values', () => {
    const { value, masked } = maskRecord(decision, fields, defaultPolicy);
    expect(value).toEqual({
      docNo: '渝北市监罚〔2026〕12号',
      party: {
        name: '张某',
        idNumber: '500112********1237',
        phone: '***',
        address: '重庆市渝北区***',
        health: null,
      },
      org: { name: '重庆某某商贸有限公司', uscc: USCC, account: '***' },
      witnesses: [
        { name: '某某', idNumber: '500103********3410', phones: ['***', '***'] },
        { name: '某某', idNumber: null },
      ],
      fine: 1_000_000,
    });
    expect(masked).toEqual([
      { path: 'party.name', kind: 'party-person-name', rule: 'party-person-name:surname+某' },
      { path: 'party.idNumber', kind: 'id-number', rule: 'id-number:mask-birth-date' },
      { path: 'party.phone', kind: 'phone', rule: 'phone:remove' },
      { path: 'party.address', kind: 'address', rule: 'address:district' },
      { path: 'party.health', kind: 'health', rule: 'health:never-publish' },
      { path: 'org.account', kind: 'bank-account', rule: 'bank-account:remove' },
      { path: 'witnesses[0].name', kind: 'third-party-name', rule: 'third-party-name:remove' },
      { path: 'witnesses[1].name', kind: 'third-party-name', rule: 'third-party-name:remove' },
      { path: 'witnesses[0].idNumber', kind: 'id-number', rule: 'id-number:mask-birth-date' },
      { path: 'witnesses[0].phones[0]', kind: 'phone', rule: 'phone:remove' },
      { path: 'witnesses[0].phones[1]', kind: 'phone', rule: 'phone:remove' },
    ]);
    expect(JSON.stringify(masked)).not.toMatch(/张三丰|李四|13812345678|1986|金紫山/);
  });

  it('does not touch the original record', () => {
    const before = structuredClone(decision);
    maskRecord(decision, fields, defaultPolicy);
    expect(decision).toEqual(before);
  });

  it('follows the policy options', () => {
    const policy = definePolicy({ partyPersonName: 'initial', phone: 'mask', address: 'remove' });
    const { value } = maskRecord(decision, fields, policy);
    expect(value.party).toMatchObject({ name: '张**', phone: '138****5678', address: '***' });
    expect(value.witnesses[0]!.phones).toEqual(['139****5678', '023-****1234']);
  });

  it('skips full names (nothing masked, nothing logged)', () => {
    const policy = definePolicy({ partyPersonName: 'full' });
    const { masked } = maskRecord(decision, [{ path: 'party.name', kind: 'party-person-name' }], policy);
    expect(masked).toEqual([]);
  });

  it('refuses non-text values for kinds that need text, with JSON pointers', () => {
    expect(() => maskRecord(decision, [{ path: 'party.health', kind: 'phone' }], defaultPolicy)).toThrow(
      expect.objectContaining({
        code: 'MASKING.FIELD_TYPE',
        errors: [expect.objectContaining({ pointer: '/party/health' })],
      }),
    );
  });

  it('parses paths and refuses malformed ones', () => {
    expect(parseFieldPath('witnesses[].phones[]')).toEqual([
      { key: 'witnesses', each: true },
      { key: 'phones', each: true },
    ]);
    expect(() => parseFieldPath('witnesses[0].name')).toThrow(/MASKING.PATH/);
    expect(() => parseFieldPath('a..b')).toThrow(/MASKING.PATH/);
    expect(toPointer('witnesses[1].phones[0]')).toBe('/witnesses/1/phones/0');
  });
});
