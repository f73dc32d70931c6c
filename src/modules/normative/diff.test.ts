import { describe, expect, it } from 'vitest';
import { diffText, splitClauses } from './diff.ts';

const side = (ops: ReturnType<typeof diffText>, keep: 'insert' | 'delete') =>
  ops
    .filter((o) => o.op !== keep)
    .map((o) => o.text)
    .join('');

describe('diffText', () => {
  it.each([
    ['identical', '第一条 为了规范管理。\n', '第一条 为了规范管理。\n'],
    [
      'a word changed inside a clause',
      '第二条 本办法适用于全区。\n第三条 区司法局负责。\n',
      '第二条 本办法适用于全区各镇街。\n第三条 区司法局负责。\n',
    ],
    ['a clause added', '第一条 总则\n', '第一条 总则\n第二条 附则\n'],
    ['a clause removed', '第一条 总则\n第二条 附则\n', '第二条 附则\n'],
    ['empty to text', '', '第一条 新制定'],
    ['emoji and astral characters', '𠀀甲乙', '𠀀甲丙'],
  ])('%s: both sides are rebuilt exactly', (_name, a, b) => {
    const ops = diffText(a, b);
    expect(side(ops, 'insert')).toBe(a);
    expect(side(ops, 'delete')).toBe(b);
  });

  it('shows a changed word as a character-level change, not a whole line', () => {
    expect(diffText('本办法适用于全区。\n', '本办法适用于全区各镇街。\n')).toEqual([
      { op: 'equal', text: '本办法适用于全区' },
      { op: 'insert', text: '各镇街' },
      { op: 'equal', text: '。\n' },
    ]);
  });

  it('splits clauses on non-empty lines', () => {
    expect(splitClauses('第一条 甲\n\n  第二条 乙 \n')).toEqual(['第一条 甲', '第二条 乙']);
  });
});
