import { describe, expect, it } from 'vitest';
import { cellText, normalizeName } from './index.ts';

describe('cellText', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    ['  示范区  ', '示范区'],
    [42, '42'],
    [true, 'true'],
    [new Date(Date.UTC(2026, 2, 9)), '2026-03-09'],
    [{ richText: [{ text: '示范' }, { text: '区 ' }] }, '示范区'],
    [{ formula: 'A1', result: 7 }, '7'],
    [{ text: ' 链接 ', hyperlink: 'https://example.gov.cn' }, '链接'],
    [{ error: '#N/A' }, '#N/A'],
  ])('%j → %j', (v, expected) => expect(cellText(v)).toBe(expected));
});

describe('normalizeName', () => {
  it('folds full-width characters and removes white space', () => {
    expect(normalizeName(' 统一社会 信用代码 ')).toBe('统一社会信用代码');
    expect(normalizeName('ＡＢＣ１２３')).toBe('ABC123');
  });
});
