import { describe, expect, it } from 'vitest';
import { statementHandling } from './case-file.ts';

describe("statementHandling (the decision's sentence on the party's statement and defence)", () => {
  it.each([
    [{ statement: { made: false } }, '当事人在规定期限内未提出陈述、申辩'],
    [{ statement: { made: true, adoption: '采纳' } }, '当事人提出了陈述、申辩，本机关经复核，予以采纳'],
    [
      { statement: { made: true, adoption: '部分采纳', reason: '情节已考虑' } },
      '当事人提出了陈述、申辩，本机关经复核，部分予以采纳，理由是：情节已考虑',
    ],
    [
      { statement: { made: true, adoption: '不予采纳', reason: '证据不足' } },
      '当事人提出了陈述、申辩，本机关经复核，不予采纳，理由是：证据不足',
    ],
    [
      { hearing: { held: true, heldOn: '2026-10-20' } },
      '当事人要求听证，本机关于2026年10月20日依法举行了听证',
    ],
    [{ hearing: { held: false, heldOn: '2026-10-20' } }, undefined],
    [{}, undefined],
  ])('%j → %s', (data, expected) => {
    expect(statementHandling(data)).toBe(expected);
  });
});
