import { describe, expect, it } from 'vitest';
import { DomainError } from '../../kernel/errors.ts';
import { formatChineseDate } from './chinese-date.ts';
import { type DocumentTemplate, fillTemplate, templatePlaceholders, validateTemplate } from './template.ts';

const base = (): DocumentTemplate => ({
  code: 'test',
  name: '测试文书',
  kind: 'notice',
  header: { issuer: '示范区市场监督管理局', numberField: 'docNumber' },
  title: '关于{{case.number}}的告知书',
  recipient: '{{party.name}}',
  body: [
    { type: 'paragraph', text: '{{party.name}}于{{case.date|日期}}被处罚款{{decision.amount|金额}}。' },
    { type: 'heading', level: 1, text: '事实' },
    { type: 'list', items: ['第{{case.count|大写数字}}次'] },
    { type: 'table', columns: ['项目', '内容'], rows: [['当事人', '{{party.name}}']] },
  ],
  signature: { issuer: '示范区市场监督管理局', date: '{{case.date|日期}}' },
});

const data = {
  docNumber: '示市监罚〔2026〕12号',
  party: { name: '示范区某某食品有限公司' },
  case: { number: 'SF-2026-0012', date: '2026-10-09', count: 3 },
  decision: { amount: 5000 },
};

describe('formatChineseDate', () => {
  it.each([
    ['2026-10-09', 'arabic', '2026年10月9日'],
    ['2026-01-01', 'arabic', '2026年1月1日'],
    ['2026-10-09', 'chinese', '二〇二六年十月九日'],
    ['2030-12-31', 'chinese', '二〇三〇年十二月三十一日'],
    ['2026-11-20', 'chinese', '二〇二六年十一月二十日'],
  ] as const)('%s (%s) → %s', (date, style, expected) => {
    expect(formatChineseDate(date, style)).toBe(expected);
  });

  it('uses Arabic numerals by default (GB/T 9704-2012)', () => {
    expect(formatChineseDate('2026-10-09')).toBe('2026年10月9日');
  });

  it.each(['2026-02-30', '2026/10/09', '26-10-09', ''])('refuses %j', (date) => {
    expect(() => formatChineseDate(date)).toThrow(DomainError);
  });
});

describe('validateTemplate', () => {
  it('accepts a good template', () => {
    expect(validateTemplate(base())).toEqual([]);
  });

  it('reports every problem with a JSON pointer', () => {
    const t = base();
    t.title = '告知书{{case.number';
    t.recipient = '{{secret.name}}';
    t.body = [
      { type: 'paragraph', text: '罚款{{decision.amount|金钱}}，日期{{case.date|日期|未知}}' },
      { type: 'paragraph', text: '多余的}}括号，空的{{ }}' },
      { type: 'heading', level: 3 as 1, text: '' },
      { type: 'table', rows: [['a', 'b'], ['c']] },
      { type: 'list', items: ['{{party.na-me}}'] },
    ];
    t.signature.date = '{{ docNumber | 日期 }}';
    const problems = validateTemplate(t);
    const at = (pointer: string) => problems.filter((p) => p.pointer === pointer).map((p) => p.detail);
    expect(at('/title')).toEqual([expect.stringContaining('没有闭合')]);
    expect(at('/recipient')).toEqual([expect.stringContaining('数据根“secret”未知')]);
    expect(at('/body/0/text')).toEqual([
      expect.stringContaining('过滤器“金钱”未知'),
      expect.stringContaining('过滤器“未知”未知'),
    ]);
    expect(at('/body/1/text')).toEqual([
      expect.stringContaining('没有对应的“{{”'),
      expect.stringContaining('路径无效'),
    ]);
    expect(at('/body/2/text')).toEqual(['标题不能为空']);
    expect(at('/body/2/level')).toHaveLength(1);
    expect(at('/body/3/rows/1')).toEqual(['每行应有 2 列']);
    expect(at('/body/4/items/0')).toEqual([expect.stringContaining('路径无效')]);
    expect(at('/signature/date')).toEqual([]); // whitespace inside the braces is allowed
  });

  it('checks structure: kind, empty body, number field', () => {
    const t = {
      ...base(),
      kind: 'memo' as 'notice',
      body: [],
      header: { issuer: '', numberField: 'nope.x' },
    };
    const pointers = validateTemplate(t).map((p) => p.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining(['/kind', '/body', '/header/issuer', '/header/numberField']),
    );
  });

  it('checks documented placeholders against the ones used', () => {
    const t = base();
    t.placeholders = {
      docNumber: '文号',
      'party.name': '当事人',
      'case.number': '案号',
      'case.date': '日期',
      'case.count': '次数',
      'case.unused': '没用到',
    };
    const problems = validateTemplate(t);
    expect(problems).toEqual([
      { pointer: '/placeholders', detail: '占位符 decision.amount 未在说明中列出' },
      { pointer: '/placeholders/case.unused', detail: '说明中的 case.unused 在模板中没有用到' },
    ]);
  });

  it('allows extra data roots through options', () => {
    const t = base();
    t.body.push({ type: 'paragraph', text: '{{vehicle.plate}}' });
    expect(validateTemplate(t)).toHaveLength(1);
    expect(validateTemplate(t, { roots: ['vehicle'] })).toEqual([]);
  });

  it('lists the data paths a template needs', () => {
    expect(templatePlaceholders(base())).toEqual([
      'case.count',
      'case.date',
      'case.number',
      'decision.amount',
      'docNumber',
      'party.name',
    ]);
  });
});

describe('fillTemplate', () => {
  it('fills every text with filters applied', () => {
    const doc = fillTemplate(base(), data);
    expect(doc.header).toEqual({ issuer: '示范区市场监督管理局', number: '示市监罚〔2026〕12号' });
    expect(doc.title).toBe('关于SF-2026-0012的告知书');
    expect(doc.recipient).toBe('示范区某某食品有限公司');
    expect(doc.body[0]).toEqual({
      type: 'paragraph',
      text: '示范区某某食品有限公司于2026年10月9日被处罚款人民币伍仟元整（￥5,000.00）。',
    });
    expect(doc.body[2]).toEqual({ type: 'list', items: ['第叁次'] });
    expect(doc.body[3]).toMatchObject({ rows: [['当事人', '示范区某某食品有限公司']] });
    expect(doc.signature.date).toBe('2026年10月9日');
  });

  it('lists every missing value at once, each once, with where it is used', () => {
    let error: unknown;
    try {
      fillTemplate(base(), { party: { name: '  ' }, case: { number: null, count: 1 }, decision: {} });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const e = error as DomainError;
    expect(e.code).toBe('DOCUMENTS.VALUES_MISSING');
    expect(e.kind).toBe('invalid');
    expect(e.errors.map((p) => p.pointer).sort()).toEqual([
      '/case/date',
      '/case/number',
      '/decision/amount',
      '/docNumber',
      '/party/name',
    ]);
    const party = e.errors.find((p) => p.pointer === '/party/name')!;
    expect(party.detail).toContain('/recipient');
    expect(party.detail).toContain('/body/0/text');
    expect(party.detail).toContain('/body/3/rows/0/1');
    expect(e.detail).toContain('缺少 5 项数据');
  });

  it('reports values a filter cannot format and a malformed 发文字号 together with missing ones', () => {
    let error: DomainError | undefined;
    try {
      fillTemplate(base(), {
        ...data,
        docNumber: '示市监罚[2026]012号',
        case: { number: 'X', date: '2026-13-01', count: 1.5 },
        decision: { amount: -5 },
        party: {},
      });
    } catch (e) {
      error = e as DomainError;
    }
    const pointers = error!.errors.map((p) => p.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining(['/party/name', '/docNumber', '/case/date', '/case/count', '/decision/amount']),
    );
    expect(error!.errors.find((p) => p.pointer === '/docNumber')!.detail).toContain('六角括号');
  });

  it('refuses an invalid template before looking at data', () => {
    const t = base();
    t.title = '{{bad';
    expect(() => fillTemplate(t, data)).toThrow(
      expect.objectContaining({ code: 'DOCUMENTS.TEMPLATE_INVALID' }),
    );
  });

  it('does not read inherited properties', () => {
    expect(() => fillTemplate(base(), { ...data, party: Object.create({ name: 'x' }) })).toThrow(
      expect.objectContaining({ code: 'DOCUMENTS.VALUES_MISSING' }),
    );
  });
});
