import { describe, expect, it } from 'vitest';
import { DomainError } from '../../kernel/errors.ts';
import {
  assertPublishable,
  birthDateFromId,
  checkPublishable,
  isUnderAge,
  type PublicationSubject,
} from './gate.ts';
import { maskRecord } from './mask-record.ts';
import { maskText } from './mask-text.ts';
import {
  BANK_CARD,
  DECISION_1,
  DECISION_2,
  KNOWN_1,
  KNOWN_2,
  MINOR_ID,
  PARTY_ID,
  USCC,
  WITNESS_ID,
  withCheck,
} from './masking.fixture.ts';
import { defaultPolicy, definePolicy } from './policy.ts';

const subject1: PublicationSubject = {
  decisionDate: '2026-02-20',
  parties: [{ type: 'person', idNumber: PARTY_ID }],
  known: KNOWN_1,
};
const full = (content: unknown) => ({ form: 'full' as const, content });
const details = (
  s: PublicationSubject,
  content: unknown,
  form: 'full' | 'summary' = 'full',
  policy = defaultPolicy,
) => checkPublishable(s, { form, content }, policy).map((p) => `${p.pointer} ${p.detail}`);

describe('assertPublishable', () => {
  it('passes the masked decisions', () => {
    expect(() =>
      assertPublishable(subject1, full(maskText(DECISION_1, KNOWN_1, defaultPolicy).text), defaultPolicy),
    ).not.toThrow();
    const subject2: PublicationSubject = {
      decisionDate: '2026-02-20',
      parties: [{ type: 'organisation' }],
      known: KNOWN_2,
    };
    expect(() =>
      assertPublishable(subject2, full(maskText(DECISION_2, KNOWN_2, defaultPolicy).text), defaultPolicy),
    ).not.toThrow();
  });

  it('refuses the unmasked text, listing every leak in Chinese without the values', () => {
    try {
      assertPublishable(subject1, full(DECISION_1), defaultPolicy);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      const err = e as DomainError;
      expect(err.code).toBe('MASKING.NOT_PUBLISHABLE');
      expect(err.kind).toBe('conflict');
      const all = err.errors.map((p) => p.detail).join('\n');
      for (const name of ['身份证号码', '手机号码', '银行卡号', '当事人姓名', '第三人', '住址', '电话号码']) {
        expect(all).toContain(name);
      }
      expect(`${all}${err.detail}`).not.toMatch(/张三丰|李四|13812345678|金紫山/);
      expect(all).not.toContain(PARTY_ID);
    }
  });

  it.each([
    ['an unknown ID number', `另查明身份证号码${withCheck('50010519920101123')}`, '未脱敏的身份证号码'],
    ['a mobile', '联系电话138-1234-5678', '未脱敏的手机号码'],
    ['a bank card', `卡号${BANK_CARD}`, '未脱敏的银行卡号'],
    ['a witness name', '证人李四证实', '第三人（证人、被害人、工作人员等）姓名'],
    ['a witness ID in lower-case', WITNESS_ID.toLowerCase(), '身份证号码'],
    ['the party ID given only on the party', `编号${PARTY_ID}`, '身份证号码'],
    ['an e-mail', '邮箱a1@example.com', '未脱敏的电子邮箱'],
  ])('refuses %s', (_, text, expected) => {
    expect(details(subject1, text).join('\n')).toContain(expected);
  });

  it('checks every string of a structured public version, with pointers', () => {
    const record = { party: { name: '张三丰' }, witnesses: [{ phone: '13912345678' }] };
    expect(details(subject1, record)).toEqual([
      '/content/party/name 第1个字符处仍含受保护的当事人姓名',
      '/content/witnesses/0/phone 第1个字符处仍有未脱敏的手机号码',
    ]);
    const masked = maskRecord(
      record,
      [
        { path: 'party.name', kind: 'party-person-name' },
        { path: 'witnesses[].phone', kind: 'phone' },
      ],
      defaultPolicy,
    );
    expect(details(subject1, masked.value)).toEqual([]);
  });

  it('allows what the policy keeps: full names, declared public values', () => {
    const policy = definePolicy({ partyPersonName: 'full' });
    expect(details(subject1, '当事人张三丰', 'full', policy)).toEqual([]);
    const subject = { ...subject1, known: [...KNOWN_1, { kind: 'public' as const, value: '023-67891234' }] };
    expect(details(subject, `办公电话023-67891234，代码${USCC}`)).toEqual([]);
    expect(details(subject1, '办公电话023-67891234')).toEqual([
      '/content 第5个字符处仍有未脱敏的固定电话号码',
    ]);
  });

  it('refuses a minor party (under 18 on the decision date), even as a summary', () => {
    const subject: PublicationSubject = {
      decisionDate: '2026-02-28',
      parties: [{ type: 'person', idNumber: MINOR_ID }],
      known: [],
    };
    expect(details(subject, '摘要', 'summary')).toEqual([
      '/parties/0 当事人在作出决定时未满18周岁，处罚决定不得在网上公开',
    ]);
    expect(details({ ...subject, decisionDate: '2028-03-01' }, '摘要')).toEqual([
      '/parties/0 当事人在作出决定时未满18周岁，处罚决定不得在网上公开',
    ]);
    expect(details({ ...subject, decisionDate: '2028-03-02' }, '摘要')).toEqual([]);
  });

  it('refuses a person whose age cannot be established, and a bad decision date', () => {
    const subject: PublicationSubject = {
      decisionDate: '2026-2-28',
      parties: [{ type: 'person' }],
      known: [],
    };
    expect(details(subject, '摘要')).toEqual([
      '/decisionDate 决定日期缺失或格式有误（应为YYYY-MM-DD），无法判断当事人是否成年',
      '/parties/0 无法从身份证号码或出生日期确认当事人是否成年，不予公开',
    ]);
    const foreigner: PublicationSubject = {
      decisionDate: '2026-02-28',
      parties: [{ type: 'person', birthDate: '1990-01-01' }],
      known: [],
    };
    expect(details(foreigner, '摘要')).toEqual([]);
  });

  it.each([
    ['state-secret', 'summary', ['/confidentiality/0 案件主要事实涉及国家秘密，不予公开']],
    [
      'security',
      'summary',
      ['/confidentiality/0 案件主要事实涉及可能危及国家安全、公共安全、经济安全或社会稳定的内容，不予公开'],
    ],
    [
      'trade-secret',
      'full',
      ['/confidentiality/0 案件主要事实涉及商业秘密，只能公开摘要，不能公开决定书全文'],
    ],
    ['trade-secret', 'summary', []],
    ['privacy', 'full', ['/confidentiality/0 案件主要事实涉及个人隐私，只能公开摘要，不能公开决定书全文']],
    ['privacy', 'summary', []],
  ] as const)('confidentiality %s as %s', (reason, form, expected) => {
    const subject: PublicationSubject = {
      decisionDate: '2026-02-28',
      parties: [],
      known: [],
      confidentiality: [reason],
    };
    expect(details(subject, '摘要', form)).toEqual(expected);
  });

  it('follows a stricter agency rule for privacy cases', () => {
    const subject: PublicationSubject = {
      decisionDate: '2026-02-28',
      parties: [],
      known: [],
      confidentiality: ['privacy'],
    };
    const policy = definePolicy({ confidential: { privacy: 'never' } });
    expect(details(subject, '摘要', 'summary', policy)).toEqual([
      '/confidentiality/0 案件主要事实涉及个人隐私，不予公开',
    ]);
  });
});

describe('age helpers', () => {
  it.each([
    ['2008-01-15', '2026-01-14', true],
    ['2008-01-15', '2026-01-15', true], // 周岁 counts from the day after the birthday
    ['2008-01-15', '2026-01-16', false],
    ['2008-02-29', '2026-02-28', true],
    ['2008-02-29', '2026-03-01', false],
  ])('born %s, on %s minor: %s', (birth, on, minor) => {
    expect(isUnderAge(birth, on)).toBe(minor);
  });

  it('reads birth dates from 18- and 15-digit numbers', () => {
    expect(birthDateFromId(PARTY_ID)).toBe('1988-05-06');
    expect(birthDateFromId('500112880506123')).toBe('1988-05-06');
    expect(birthDateFromId('12345')).toBeNull();
  });
});
