import { describe, expect, it } from 'vitest';
import { seededWorkCalendar } from '../calendar/index.ts';
import { deadlineStatus } from './deadline-status.ts';

const cal = seededWorkCalendar();

describe('deadlineStatus', () => {
  it.each([
    // default: 3 working days; due Monday 2025-10-13 after National Day
    ['2025-10-13', '2025-10-14', 'red'],
    ['2025-10-13', '2025-10-13', 'yellow'],
    ['2025-10-13', '2025-10-09', 'yellow'], // 10-10, 10-11 (make-up Saturday), 10-13
    ['2025-10-13', '2025-10-08', 'green'], // four working days left
    ['2025-10-13', '2025-09-01', 'green'],
    ['2025-03-07', '2025-03-04', 'yellow'], // due Friday: yellow from Tuesday
    ['2025-03-07', '2025-03-03', 'green'],
  ] as const)('due %s, today %s → %s', (due, today, status) => {
    expect(deadlineStatus(due, today, {}, cal)).toBe(status);
  });

  it('is paused while the clock is stopped', () => {
    expect(deadlineStatus(null, '2025-10-13', {}, cal)).toBe('paused');
  });

  it('uses the rule warning window', () => {
    const days = { warnBefore: { amount: 10, unit: 'day' as const } };
    expect(deadlineStatus('2025-10-31', '2025-10-21', days, cal)).toBe('yellow');
    expect(deadlineStatus('2025-10-31', '2025-10-20', days, cal)).toBe('green');
    const month = { warnBefore: { amount: 1, unit: 'month' as const } };
    expect(deadlineStatus('2026-02-28', '2026-01-28', month, cal)).toBe('yellow');
    expect(deadlineStatus('2026-02-28', '2026-01-27', month, cal)).toBe('green');
    const wd = { warnBefore: { amount: 10, unit: 'workday' as const } };
    // (today, 2025-10-20] holds 10 WD when today is 09-29 (10-20, 17–13, 11, 10, 09, 09-30), 11 when today is 09-28.
    expect(deadlineStatus('2025-10-20', '2025-09-29', wd, cal)).toBe('yellow');
    expect(deadlineStatus('2025-10-20', '2025-09-28', wd, cal)).toBe('green');
  });

  it('validates its dates', () => {
    expect(() => deadlineStatus('2025-10-13', '13/10/2025', {}, cal)).toThrow(/今天的日期格式错误/);
  });
});
