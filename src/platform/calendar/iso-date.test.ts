import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  assertIsoDate,
  dayOfWeek,
  diffDays,
  fromDayNumber,
  isIsoDate,
  toDayNumber,
  weekdayName,
} from './iso-date.ts';

describe('iso-date', () => {
  it.each([
    ['2025-01-01', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2025-13-01', false],
    ['2025-1-01', false],
    ['2025-01-01T00:00', false],
    ['', false],
  ])('isIsoDate(%s) = %s', (text, ok) => {
    expect(isIsoDate(text)).toBe(ok);
  });

  it('rejects malformed dates with a Chinese message', () => {
    expect(() => assertIsoDate('2025-02-30')).toThrow(/CALENDAR.DATE_INVALID: 日期格式错误/);
  });

  it('round-trips day numbers over four centuries', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(-1)).toBe('1969-12-31');
    for (let n = -200000; n < 200000; n += 997) {
      expect(toDayNumber(fromDayNumber(n))).toBe(n);
    }
  });

  it.each([
    ['2025-12-31', 1, '2026-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2020-01-20', 36, '2020-02-25'],
  ])('addDays(%s, %i) = %s', (d, n, out) => {
    expect(addDays(d, n)).toBe(out);
    expect(diffDays(d, out)).toBe(n);
  });

  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2025-10-31', 3, '2026-01-31'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2025-11-15', 14, '2027-01-15'],
  ])('addMonthsClamped(%s, %i) = %s', (d, n, out) => {
    expect(addMonthsClamped(d, n)).toBe(out);
  });

  it('knows weekdays', () => {
    expect(dayOfWeek('2025-10-01')).toBe(3);
    expect(weekdayName('2026-01-04')).toBe('周日');
    expect(weekdayName('2020-01-19')).toBe('周日');
    expect(weekdayName('1969-12-31')).toBe('周三');
  });
});
