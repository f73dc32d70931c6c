import { describe, expect, it } from 'vitest';
import { calendarSeed } from './calendar.seed.ts';
import { parseCalendarRows } from './calendar-rows.ts';

describe('parseCalendarRows', () => {
  it('round-trips the 2026 seed', () => {
    const seed = calendarSeed.find((c) => c.year === 2026)!;
    const rows = [
      ...seed.makeupWorkdays.map((d) => ({ ...d, type: '班' })),
      ...seed.holidays.map((d) => ({ ...d, type: '休' })),
    ];
    const result = parseCalendarRows(rows, { year: 2026, source: seed.source });
    expect(result.problems).toEqual([]);
    expect(result.calendar).toEqual(seed);
  });

  it('accepts common spreadsheet date spellings', () => {
    const result = parseCalendarRows(
      [
        { date: '2026/1/1', type: '休', name: '元旦' },
        { date: '2026年1月2日', type: ' 休 ', name: ' 元旦 ' },
        { date: '2026.1.3', type: '休', name: '元旦' },
        { date: '２０２６-０１-０４', type: '班', name: '元旦' },
      ],
      { year: 2026, source: '测试' },
    );
    expect(result.problems).toEqual([]);
    expect(result.calendar?.holidays.map((h) => h.date)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    expect(result.calendar?.makeupWorkdays).toEqual([{ date: '2026-01-04', name: '元旦' }]);
  });

  it('reports every problem with its row', () => {
    const result = parseCalendarRows(
      [
        { date: '2026-02-30', type: '休', name: '春节' }, // 1: impossible date
        { date: '2026-02-16', type: '放', name: '春节' }, // 2: bad type
        { date: '2026-02-17', type: '休', name: '' }, // 3: no name
        { date: '2026-02-18', type: '班', name: '春节' }, // 4: make-up day on a Wednesday
        { date: '2027-01-01', type: '休', name: '元旦' }, // 5: another year
        { date: '2026-02-16', type: '休', name: '春节' }, // 6: fine
        { date: '2026-02-16', type: '班', name: '春节' }, // 7: duplicate + weekday
        { date: 46023, type: '休', name: '元旦' }, // 8: Excel serial number, not a date string
      ],
      { year: 2026, source: '测试' },
    );
    expect(result.calendar).toBeNull();
    expect(result.problems.map((p) => p.pointer)).toEqual([
      '/rows/0/date',
      '/rows/1/type',
      '/rows/2/name',
      '/rows/3/date',
      '/rows/4/date',
      '/rows/6/date',
      '/rows/6/date',
      '/rows/7/date',
    ]);
    expect(result.problems[3]?.detail).toBe('第4行：调休上班日 2026-02-18 是周三，应为周六或周日');
    expect(result.problems[4]?.detail).toContain('不属于2026年');
    expect(result.problems.every((p) => /^第\d+行：/.test(p.detail))).toBe(true);
  });

  it('checks options and empty input', () => {
    expect(parseCalendarRows([], { year: 2026, source: ' ' }).problems.map((p) => p.pointer)).toEqual([
      '/source',
      '/rows',
    ]);
    expect(parseCalendarRows([], { year: 20266, source: 'x' }).problems[0]?.detail).toContain('年份无效');
  });
});
