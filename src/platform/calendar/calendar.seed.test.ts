import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { calendarSeed } from './calendar.seed.ts';
import { validateCalendarYear } from './calendar-year.ts';
import { parseHolidayNotice } from './holiday-notice-parser.ts';
import {
  notice2020,
  notice2021,
  notice2022,
  notice2023,
  notice2024,
  notice2025,
  notice2026,
} from './holiday-notices.fixture.ts';
import { addDays, weekdayName } from './iso-date.ts';
import { WorkCalendar } from './work-calendar.ts';

const cal = new WorkCalendar(calendarSeed);
const seedOf = (year: number) => calendarSeed.find((c) => c.year === year)!;

describe('calendar seed 2020–2026', () => {
  it('has one valid arrangement per year', () => {
    expect(calendarSeed.map((c) => c.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    for (const cy of calendarSeed) expect(validateCalendarYear(cy)).toEqual([]);
  });

  it('agrees with chinese-days on every day of 2020–2026', () => {
    const differences: string[] = [];
    for (let d = '2020-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      const detail = chineseDays.getDayDetail(d);
      const listed = detail.name.includes(',');
      const theirs = `${detail.work ? 'work' : 'rest'}${listed ? (detail.work ? '/makeup' : '/holiday') : ''}`;
      const info = cal.describe(d);
      const ours = `${info.workday ? 'work' : 'rest'}${info.kind === 'makeup-workday' ? '/makeup' : info.kind === 'holiday' ? '/holiday' : ''}`;
      if (ours !== theirs) differences.push(`${d}: ${ours} vs ${theirs}`);
    }
    expect(differences).toEqual([]);
  });

  // [date, workday?, kind, note]
  const cases: [string, boolean, string][] = [
    // 2020, including 国办发明电〔2020〕1号
    ['2020-01-01', false, 'holiday'],
    ['2020-01-19', true, 'makeup-workday'], // Sunday
    ['2020-01-23', true, 'workday'],
    ['2020-01-24', false, 'holiday'],
    ['2020-01-30', false, 'holiday'],
    ['2020-01-31', false, 'holiday'], // extension (originally a working Friday)
    ['2020-02-01', false, 'holiday'], // extension (originally a make-up Saturday)
    ['2020-02-02', false, 'holiday'], // extension
    ['2020-02-03', true, 'workday'],
    ['2020-04-26', true, 'makeup-workday'],
    ['2020-05-05', false, 'holiday'],
    ['2020-05-09', true, 'makeup-workday'],
    ['2020-06-28', true, 'makeup-workday'],
    ['2020-09-27', true, 'makeup-workday'],
    ['2020-10-08', false, 'holiday'],
    ['2020-10-10', true, 'makeup-workday'], // Saturday
    ['2020-10-11', false, 'weekend'],
    // 2021
    ['2021-01-01', false, 'holiday'],
    ['2021-02-07', true, 'makeup-workday'],
    ['2021-02-17', false, 'holiday'],
    ['2021-02-20', true, 'makeup-workday'],
    ['2021-09-18', true, 'makeup-workday'],
    ['2021-09-21', false, 'holiday'],
    ['2021-10-09', true, 'makeup-workday'],
    // 2022
    ['2022-01-29', true, 'makeup-workday'],
    ['2022-01-30', true, 'makeup-workday'],
    ['2022-04-02', true, 'makeup-workday'],
    ['2022-04-30', false, 'holiday'],
    ['2022-10-08', true, 'makeup-workday'],
    ['2022-10-09', true, 'makeup-workday'],
    ['2022-12-30', true, 'workday'],
    ['2022-12-31', false, 'holiday'], // listed in the 2023 notice
    // 2023
    ['2023-01-02', false, 'holiday'],
    ['2023-01-28', true, 'makeup-workday'],
    ['2023-04-05', false, 'holiday'],
    ['2023-04-23', true, 'makeup-workday'],
    ['2023-06-25', true, 'makeup-workday'],
    ['2023-09-29', false, 'holiday'],
    ['2023-10-06', false, 'holiday'],
    ['2023-10-07', true, 'makeup-workday'],
    ['2023-10-08', true, 'makeup-workday'],
    // 2024
    ['2024-01-01', false, 'holiday'],
    ['2024-02-04', true, 'makeup-workday'],
    ['2024-02-09', true, 'workday'], // 除夕: only "encouraged" rest
    ['2024-02-17', false, 'holiday'],
    ['2024-02-18', true, 'makeup-workday'],
    ['2024-04-07', true, 'makeup-workday'],
    ['2024-05-11', true, 'makeup-workday'],
    ['2024-06-10', false, 'holiday'],
    ['2024-09-14', true, 'makeup-workday'],
    ['2024-09-29', true, 'makeup-workday'],
    ['2024-10-12', true, 'makeup-workday'],
    // 2025 (revised rules: 除夕 and 5月2日 added)
    ['2025-01-01', false, 'holiday'],
    ['2025-01-26', true, 'makeup-workday'],
    ['2025-01-27', true, 'workday'],
    ['2025-01-28', false, 'holiday'], // 除夕
    ['2025-02-04', false, 'holiday'],
    ['2025-02-08', true, 'makeup-workday'],
    ['2025-04-04', false, 'holiday'],
    ['2025-04-27', true, 'makeup-workday'],
    ['2025-05-02', false, 'holiday'],
    ['2025-05-05', false, 'holiday'],
    ['2025-05-10', false, 'weekend'], // no second make-up day for 劳动节 in 2025
    ['2025-06-02', false, 'holiday'],
    ['2025-09-28', true, 'makeup-workday'],
    ['2025-10-01', false, 'holiday'],
    ['2025-10-06', false, 'holiday'], // 中秋节, merged
    ['2025-10-08', false, 'holiday'],
    ['2025-10-09', true, 'workday'],
    ['2025-10-11', true, 'makeup-workday'],
    // 2026
    ['2026-01-02', false, 'holiday'],
    ['2026-01-03', false, 'holiday'],
    ['2026-01-04', true, 'makeup-workday'],
    ['2026-02-14', true, 'makeup-workday'],
    ['2026-02-15', false, 'holiday'],
    ['2026-02-23', false, 'holiday'],
    ['2026-02-24', true, 'workday'],
    ['2026-02-28', true, 'makeup-workday'],
    ['2026-04-06', false, 'holiday'],
    ['2026-05-05', false, 'holiday'],
    ['2026-05-09', true, 'makeup-workday'],
    ['2026-06-19', false, 'holiday'],
    ['2026-09-20', true, 'makeup-workday'],
    ['2026-09-25', false, 'holiday'],
    ['2026-10-07', false, 'holiday'],
    ['2026-10-08', true, 'workday'],
    ['2026-10-10', true, 'makeup-workday'],
    ['2026-12-31', true, 'workday'],
  ];
  it.each(cases)('%s: workday=%s (%s)', (date, workday, kind) => {
    expect(cal.isWorkday(date)).toBe(workday);
    expect(cal.describe(date).kind).toBe(kind);
  });

  it('has every make-up working day on a weekend', () => {
    for (const cy of calendarSeed) {
      for (const m of cy.makeupWorkdays) expect(['周六', '周日']).toContain(weekdayName(m.date));
    }
  });

  it('counts the 2025 and 2026 holiday days per festival', () => {
    const count = (year: number, name: string) => seedOf(year).holidays.filter((h) => h.name === name).length;
    expect(count(2025, '春节')).toBe(8);
    expect(count(2025, '劳动节')).toBe(5);
    expect(count(2025, '国庆节、中秋节')).toBe(8);
    expect(count(2026, '春节')).toBe(9);
    expect(count(2026, '国庆节')).toBe(7);
    expect(seedOf(2025).holidays).toHaveLength(28);
    expect(seedOf(2026).holidays).toHaveLength(33);
  });

  it.each([
    [2021, notice2021],
    [2022, notice2022],
    [2023, notice2023],
    [2024, notice2024],
    [2025, notice2025],
    [2026, notice2026],
  ])('equals the parsed %i notice', (year, text) => {
    const parsed = parseHolidayNotice(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.calendar).toEqual(seedOf(year));
  });

  it('equals the parsed 2020 notice plus the Spring Festival extension (国办发明电〔2020〕1号)', () => {
    const original = parseHolidayNotice(notice2020).calendar!;
    const seed = seedOf(2020);
    const seedHolidays = new Set(seed.holidays.map((h) => h.date));
    const added = seed.holidays.filter((h) => !original.holidays.some((o) => o.date === h.date));
    const removedMakeups = original.makeupWorkdays.filter(
      (m) => !seed.makeupWorkdays.some((s) => s.date === m.date),
    );
    expect(added.map((h) => h.date)).toEqual(['2020-01-31', '2020-02-01', '2020-02-02']);
    expect(removedMakeups.map((m) => m.date)).toEqual(['2020-02-01']);
    expect(original.holidays.every((h) => seedHolidays.has(h.date))).toBe(true);
  });
});
