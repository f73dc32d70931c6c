import { describe, expect, it } from 'vitest';
import { DomainError } from '../../kernel/errors.ts';
import type { CalendarYear } from './calendar-year.ts';
import { seededWorkCalendar } from './index.ts';
import { WorkCalendar } from './work-calendar.ts';

const cal = seededWorkCalendar();

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('WorkCalendar', () => {
  it('knows the seed years', () => {
    expect(cal.years).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(cal.hasYear(2027)).toBe(false);
  });

  it('describes days', () => {
    expect(cal.describe('2025-10-06')).toEqual({
      date: '2025-10-06',
      weekday: 1,
      kind: 'holiday',
      workday: false,
      name: '国庆节、中秋节',
      source: '国办发明电〔2024〕12号',
    });
    expect(cal.describe('2020-01-31').source).toBe('国办发明电〔2020〕1号');
    expect(cal.describe('2020-01-19').source).toBe('国办发明电〔2019〕16号');
    expect(cal.describe('2025-10-11')).toMatchObject({ kind: 'makeup-workday', workday: true });
    expect(cal.describe('2025-10-12')).toMatchObject({ kind: 'weekend', workday: false });
    expect(cal.describe('2025-10-13')).toMatchObject({ kind: 'workday', workday: true });
    expect(cal.isHoliday('2025-10-12')).toBe(false);
    expect(cal.isRestDay('2025-10-12')).toBe(true);
  });

  it.each([
    ['2025-09-30', '2025-10-09'],
    ['2025-10-10', '2025-10-11'],
    ['2025-12-31', '2026-01-04'],
    ['2020-01-23', '2020-02-03'],
  ])('nextWorkday(%s) = %s', (d, out) => {
    expect(cal.nextWorkday(d)).toBe(out);
  });

  it('workdayOnOrAfter keeps working days', () => {
    expect(cal.workdayOnOrAfter('2025-10-11')).toBe('2025-10-11');
    expect(cal.workdayOnOrAfter('2025-10-05')).toBe('2025-10-09');
  });

  it.each([
    // [start, n, result]
    ['2025-09-26', 0, '2025-09-26'],
    ['2025-09-26', 1, '2025-09-28'], // Sunday make-up workday
    ['2025-09-26', 7, '2025-10-13'], // across National Day 2025
    ['2025-10-01', 1, '2025-10-09'], // start on a holiday: not counted
    ['2020-01-20', 20, '2020-02-25'], // across the extended 2020 Spring Festival
    ['2025-12-15', 20, '2026-01-13'], // across the year end, 2026-01-04 is a make-up workday
    ['2024-02-09', 1, '2024-02-18'], // 除夕 02-09 is a workday; 02-18 Sunday make-up workday
  ])('addWorkdays(%s, %i) = %s', (d, n, out) => {
    expect(cal.addWorkdays(d, n)).toBe(out);
  });

  it('rejects a negative or fractional number of workdays', () => {
    expect(thrown(() => cal.addWorkdays('2025-01-02', -1)).code).toBe('CALENDAR.AMOUNT_INVALID');
    expect(thrown(() => cal.addWorkdays('2025-01-02', 1.5)).detail).toContain('非负整数');
  });

  it.each([
    ['2025-07-03', 90, false, '2025-10-01'],
    ['2025-07-03', 90, true, '2025-10-09'], // 民诉法第八十五条: last day in National Day holiday
    ['2025-09-20', 15, true, '2025-10-09'],
    ['2025-09-25', 16, true, '2025-10-11'], // ends on a Saturday make-up workday: no roll
    ['2025-12-20', 14, true, '2026-01-04'], // 2026-01-03 holiday -> Sunday 01-04 make-up workday
    ['2025-03-10', -10, false, '2025-02-28'],
  ])('addCalendarDays(%s, %i, roll=%s) = %s', (d, n, roll, out) => {
    expect(cal.addCalendarDays(d, n, { rollToWorkday: roll })).toBe(out);
  });

  it.each([
    ['2025-01-31', 1, false, '2025-02-28'],
    ['2024-01-31', 1, false, '2024-02-29'],
    ['2025-11-30', 3, true, '2026-02-28'], // 2026-02-28 is a Saturday make-up workday
    ['2025-10-31', 3, true, '2026-02-02'], // 2026-01-31 Saturday -> Monday
    ['2025-07-01', 3, true, '2025-10-09'],
  ])('addMonths(%s, %i, roll=%s) = %s', (d, n, roll, out) => {
    expect(cal.addMonths(d, n, { rollToWorkday: roll })).toBe(out);
  });

  it('addYears clamps 29 February', () => {
    expect(cal.addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(cal.addYears('2020-02-29', 4)).toBe('2024-02-29');
  });

  it.each([
    ['2025-09-26', '2025-10-13', 7],
    ['2025-10-13', '2025-09-26', -7],
    ['2025-10-01', '2025-10-08', 0],
    ['2025-10-01', '2025-10-01', 0],
    ['2020-01-20', '2020-02-25', 20],
    ['2025-01-01', '2025-12-31', 248],
  ])('workdaysBetween(%s, %s) = %i', (a, b, n) => {
    expect(cal.workdaysBetween(a, b)).toBe(n);
  });

  it('refuses unknown years instead of guessing Monday–Friday', () => {
    for (const fn of [
      () => cal.isWorkday('2027-10-01'),
      () => cal.isWorkday('2019-12-31'),
      () => cal.addWorkdays('2026-12-20', 10),
      () => cal.addCalendarDays('2026-12-20', 20),
      () => cal.addMonths('2026-11-30', 2, { rollToWorkday: true }),
      () => cal.nextWorkday('2026-12-31'),
      () => cal.workdaysBetween('2026-12-01', '2027-01-10'),
    ]) {
      const e = thrown(fn);
      expect(e.code).toBe('CALENDAR.YEAR_UNKNOWN');
      expect(e.detail).toMatch(/尚未载入20(27|19)年的节假日安排/);
    }
  });

  it('rejects invalid calendar data, listing every problem', () => {
    const bad: CalendarYear[] = [
      {
        year: 2030,
        source: '',
        holidays: [
          { date: '2030-02-30', name: '春节' },
          { date: '2031-01-01', name: '元旦' },
          { date: '2030-10-01', name: '' },
        ],
        makeupWorkdays: [
          { date: '2030-10-01', name: '国庆节' },
          { date: '2030-10-09', name: '国庆节' },
        ],
      },
      { year: 2030, source: 'x', holidays: [], makeupWorkdays: [] },
    ];
    const e = thrown(() => new WorkCalendar(bad));
    expect(e.code).toBe('CALENDAR.INVALID');
    expect(e.errors.map((p) => p.pointer)).toEqual([
      '/0/source',
      '/0/holidays/0/date',
      '/0/holidays/1/date',
      '/0/holidays/2/name',
      '/0/makeupWorkdays/0/date',
      '/0/makeupWorkdays/0/date',
      '/0/makeupWorkdays/1/date',
    ]);
    expect(e.errors[4]?.detail).toContain('应为周六或周日');
    expect(e.errors[5]?.detail).toContain('重复');
  });

  it('rejects a year loaded twice and contradicting years', () => {
    const y = (year: number, holidays: string[], makeups: string[]): CalendarYear => ({
      year,
      source: 'test',
      holidays: holidays.map((date) => ({ date, name: '元旦' })),
      makeupWorkdays: makeups.map((date) => ({ date, name: '元旦' })),
    });
    const twice = thrown(() => new WorkCalendar([y(2030, [], []), y(2030, [], [])]));
    expect(twice.errors).toEqual([{ pointer: '/1/year', detail: '2030年的放假安排重复载入' }]);
    const clash = thrown(() => new WorkCalendar([y(2030, [], ['2030-12-28']), y(2031, ['2030-12-28'], [])]));
    expect(clash.errors[0]?.detail).toContain('相互矛盾');
  });
});
