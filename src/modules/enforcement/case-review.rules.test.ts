import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCORE_SHEET,
  gradeOf,
  type ReviewInput,
  type ScoreSheet,
  scoreReview,
  sheetProblems,
} from './case-review.rules.ts';

const TODAY = '2026-11-10';
const full = () => DEFAULT_SCORE_SHEET.items.map((it) => ({ key: it.key, score: it.max }));
const review = (over: Partial<ReviewInput> = {}): ReviewInput => ({
  reviewedOn: '2026-11-05',
  items: full(),
  comment: '案卷完整',
  ...over,
});
const withScore = (key: string, score: number, reason?: string) =>
  full().map((it) => (it.key === key ? { key, score, reason } : it));
const pointers = (ps: { pointer: string }[]) => ps.map((p) => p.pointer);

describe('the default score sheet', () => {
  it('totals 100 points with 优秀 at 90 and 合格 at 75', () => {
    expect(DEFAULT_SCORE_SHEET.items.reduce((s, it) => s + it.max, 0)).toBe(100);
    expect(DEFAULT_SCORE_SHEET.thresholds).toEqual({ excellent: 90, pass: 75 });
    expect(sheetProblems(DEFAULT_SCORE_SHEET)).toEqual([]);
  });
});

describe('gradeOf', () => {
  const cases: [number, string][] = [
    [100, 'excellent'],
    [90, 'excellent'],
    [89.5, 'pass'],
    [75, 'pass'],
    [74.5, 'fail'],
    [0, 'fail'],
  ];
  it.each(cases)('%s points → %s', (total, grade) => {
    expect(gradeOf(total, DEFAULT_SCORE_SHEET.thresholds)).toBe(grade);
  });
  it('follows configured thresholds', () => {
    expect(gradeOf(85, { excellent: 85, pass: 60 })).toBe('excellent');
    expect(gradeOf(60, { excellent: 85, pass: 60 })).toBe('pass');
  });
});

describe('scoreReview', () => {
  it('scores a file with full marks as 优秀 with no reasons', () => {
    const r = scoreReview(DEFAULT_SCORE_SHEET, review(), TODAY);
    expect(r.problems).toEqual([]);
    expect(r.total).toBe(100);
    expect(r.grade).toBe('excellent');
    expect(r.items.every((it) => it.reason === null)).toBe(true);
  });

  it('keeps the reason of a deduction and grades by the total', () => {
    const r = scoreReview(
      DEFAULT_SCORE_SHEET,
      review({ items: withScore('evidence', 8.5, '缺少现场检查笔录') }),
      TODAY,
    );
    expect(r.problems).toEqual([]);
    expect(r.total).toBe(88.5);
    expect(r.grade).toBe('pass');
    expect(r.items.find((it) => it.key === 'evidence')).toMatchObject({
      label: '证据确凿充分',
      max: 20,
      score: 8.5,
      reason: '缺少现场检查笔录',
    });
  });

  const bad: [string, Partial<ReviewInput>, string[]][] = [
    ['a deduction without a reason', { items: withScore('facts', 15) }, ['/body/items/1/reason']],
    ['a blank reason', { items: withScore('facts', 15, '  ') }, ['/body/items/1/reason']],
    ['a score above the maximum', { items: withScore('subject', 11) }, ['/body/items/0/score']],
    ['a negative score', { items: withScore('law', -1, '错') }, ['/body/items/4/score']],
    [
      'a score of a third of a point',
      { items: withScore('law', 14.3, '引用条款不全') },
      ['/body/items/4/score'],
    ],
    ['an item not scored', { items: full().slice(1) }, ['/body/items']],
    ['an unknown item', { items: [...full(), { key: 'style', score: 1 }] }, ['/body/items/8/key']],
    ['an item scored twice', { items: [...full(), { key: 'facts', score: 20 }] }, ['/body/items/8/key']],
    ['no overall comment', { comment: ' ' }, ['/body/comment']],
    ['a review date in the future', { reviewedOn: '2026-11-11' }, ['/body/reviewedOn']],
  ];
  it.each(bad)('refuses %s', (_, over, expected) => {
    expect(pointers(scoreReview(DEFAULT_SCORE_SHEET, review(over), TODAY).problems)).toEqual(expected);
  });

  it('requires rectification for 不合格, and lists every problem at once', () => {
    const items = full().map((it) => ({ key: it.key, score: it.key === 'procedure' ? 0 : it.score }));
    items[1] = { key: 'facts', score: 10 };
    const r = scoreReview(DEFAULT_SCORE_SHEET, review({ items, comment: '' }), TODAY);
    expect(r.total).toBe(70);
    expect(r.grade).toBe('fail');
    expect(pointers(r.problems)).toEqual([
      '/body/items/1/reason',
      '/body/items/3/reason',
      '/body/comment',
      '/body/rectification',
    ]);
    const fixed = scoreReview(
      DEFAULT_SCORE_SHEET,
      review({
        items: items.map((it) => ({ ...it, reason: '未按规定' })),
        rectification: '补正程序文书',
      }),
      TODAY,
    );
    expect(fixed.problems).toEqual([]);
  });
});

describe('sheetProblems', () => {
  const sheet = (over: Partial<ScoreSheet>): ScoreSheet => ({ ...DEFAULT_SCORE_SHEET, ...over });
  const bad: [string, Partial<ScoreSheet>, string[]][] = [
    ['no items', { items: [] }, ['/body/items']],
    [
      'items not totalling 100',
      {
        items: [
          { key: 'a', label: '甲', max: 60 },
          { key: 'b', label: '乙', max: 30 },
        ],
      },
      ['/body/items'],
    ],
    [
      'duplicate keys and labels, a bad maximum',
      {
        items: [
          { key: 'a', label: '甲', max: 50 },
          { key: 'a', label: '甲', max: 50 },
          { key: 'B', label: '', max: 0 },
        ],
      },
      [
        '/body/items/1/key',
        '/body/items/1/label',
        '/body/items/2/key',
        '/body/items/2/label',
        '/body/items/2/max',
      ],
    ],
    ['excellent not above pass', { thresholds: { excellent: 75, pass: 75 } }, ['/body/thresholds/excellent']],
    ['pass above the total', { thresholds: { excellent: 95, pass: 0 } }, ['/body/thresholds/pass']],
  ];
  it.each(bad)('refuses %s', (_, over, expected) => {
    expect(pointers(sheetProblems(sheet(over)))).toEqual(expected);
  });
});
