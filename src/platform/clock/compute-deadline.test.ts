import { describe, expect, it } from 'vitest';
import { DomainError } from '../../kernel/errors.ts';
import { seededWorkCalendar } from '../calendar/index.ts';
import { type ClockEvent, computeDeadline } from './compute-deadline.ts';
import type { DeadlineRule, DeadlineUnit } from './deadline-rule.ts';
import { findDeadlineRule } from './deadline-rules.seed.ts';

const cal = seededWorkCalendar();
const rule = (code: string): DeadlineRule => {
  const r = findDeadlineRule(code);
  if (!r) throw new Error(`no rule ${code}`);
  return r;
};
const due = (code: string, start: string, events: ClockEvent[] = []) =>
  computeDeadline(rule(code), start, events, cal).dueDate;

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

const stop = (date: string, reason = '征求第三方意见'): ClockEvent => ({ type: 'stop', date, reason });
const resume = (date: string): ClockEvent => ({ type: 'resume', date });

describe('computeDeadline without events', () => {
  it.each([
    // [rule, start, due, why]
    ['disclosure.reply', '2020-01-20', '2020-02-25', '20 WD across the extended 2020 Spring Festival'],
    ['disclosure.reply', '2025-03-03', '2025-03-31', '20 WD, ordinary month'],
    [
      'penalty.service-absent',
      '2025-09-26',
      '2025-10-13',
      '7 WD across National Day 2025 with both make-up Saturdays/Sundays',
    ],
    [
      'penalty.hearing-request',
      '2025-01-24',
      '2025-02-07',
      '5 WD: 01-26 make-up Sunday counts, Spring Festival does not',
    ],
    ['penalty.decision', '2025-07-03', '2025-10-09', '90 CD ends 2025-10-01 (holiday) → next working day'],
    [
      'penalty.decision',
      '2025-10-03',
      '2026-01-04',
      '90 CD ends 2026-01-01 → Sunday 01-04 is a make-up working day',
    ],
    ['penalty.decision', '2025-03-01', '2025-05-30', '90 CD ends on a Friday: no roll'],
    ['penalty.fine-payment', '2025-09-20', '2025-10-09', '15 CD ends 10-05 in the holiday'],
    ['penalty.fine-payment', '2025-09-26', '2025-10-11', '15 CD ends on a make-up Saturday: no roll'],
    ['reconsideration.application', '2025-12-01', '2026-01-30', '60 CD across the year end'],
    ['disclosure.reply', '2025-12-15', '2026-01-13', '20 WD across the year end (2026-01-04 make-up)'],
    ['suggestion.reply', '2025-11-30', '2026-02-28', '3 months → 2026-02-28, a make-up Saturday'],
    ['suggestion.reply', '2025-10-31', '2026-02-02', '3 months → 2026-01-31 (Saturday) → Monday'],
    ['suggestion.reply', '2024-11-30', '2025-02-28', 'month-end clamping'],
    [
      'suggestion.reply-complex',
      '2025-08-31',
      '2026-02-28',
      '6 months clamps to 2026-02-28, a make-up Saturday',
    ],
    ['licensing.decision', '2025-09-15', '2025-10-17', '20 WD'],
    ['legal-aid.review', '2026-02-10', '2026-02-24', '7 CD ends 02-17 in Spring Festival 2026'],
  ])('%s from %s is due %s (%s)', (code, start, expected, _why) => {
    expect(due(code, start)).toBe(expected);
  });

  it('returns the full computation', () => {
    expect(computeDeadline(rule('disclosure.reply'), '2020-01-20', [], cal)).toEqual({
      dueDate: '2020-02-25',
      running: true,
      countedFrom: '2020-01-20',
      totalAmount: 20,
      unit: 'workday',
      stoppedDays: 0,
      stops: [],
      extensions: [],
      warnings: [],
    });
  });

  it('counts the start day when the rule says so', () => {
    const r: DeadlineRule = { ...rule('licensing.decision'), amount: 5, countStartDay: true };
    expect(computeDeadline(r, '2025-03-03', [], cal).dueDate).toBe('2025-03-07');
    expect(computeDeadline({ ...r, amount: 1 }, '2025-10-01', [], cal).dueDate).toBe('2025-10-09');
    const days: DeadlineRule = { ...rule('penalty.fine-payment'), countStartDay: true };
    expect(computeDeadline(days, '2025-03-03', [], cal).dueDate).toBe('2025-03-17');
    const months: DeadlineRule = { ...rule('suggestion.reply'), countStartDay: true };
    expect(computeDeadline(months, '2025-03-03', [], cal).dueDate).toBe('2025-06-03');
  });

  it('refuses to run into a year without holiday data', () => {
    for (const [code, start] of [
      ['disclosure.reply', '2026-12-15'],
      ['penalty.decision', '2026-11-01'],
      ['suggestion.reply-complex', '2026-10-15'],
    ] as const) {
      const e = thrown(() => due(code, start));
      expect(e.code).toBe('CALENDAR.YEAR_UNKNOWN');
      expect(e.detail).toContain('2027年');
    }
  });
});

describe('computeDeadline with stops', () => {
  it('keeps the working days before the stop and counts the rest after the resume day', () => {
    // 03-04..03-07 = 4 WD elapsed; stopped 03-10..03-24; 16 WD after 03-24, skipping 清明 04-04.
    const c = computeDeadline(
      rule('disclosure.reply'),
      '2025-03-03',
      [stop('2025-03-10'), resume('2025-03-24')],
      cal,
    );
    expect(c.dueDate).toBe('2025-04-16');
    expect(c.running).toBe(true);
    expect(c.stoppedDays).toBe(15);
    expect(c.stops).toEqual([
      { from: '2025-03-10', to: '2025-03-24', reason: '征求第三方意见', days: 15, effective: true },
    ]);
  });

  it('is paused while stopped, with what is left', () => {
    const c = computeDeadline(rule('disclosure.reply'), '2025-03-03', [stop('2025-03-10')], cal);
    expect(c.running).toBe(false);
    expect(c.dueDate).toBeNull();
    expect(c.remaining).toEqual({ amount: 16, unit: 'workday' });
    expect(c.stops[0]).toMatchObject({ to: null, days: null, effective: true });
  });

  it('excludes both the stop day and the resume day', () => {
    // 5 WD from Monday 03-03 is due Monday 03-10; a stop on the last day keeps one day for after the resume.
    expect(due('reconsideration.acceptance-review', '2025-03-03')).toBe('2025-03-10');
    expect(
      due('reconsideration.acceptance-review', '2025-03-03', [stop('2025-03-10'), resume('2025-03-12')]),
    ).toBe('2025-03-13');
    // Stopped and resumed the same day: that day is excluded.
    expect(
      due('reconsideration.acceptance-review', '2025-03-03', [stop('2025-03-05'), resume('2025-03-05')]),
    ).toBe('2025-03-11');
    // Stopped on the start day.
    expect(
      due('reconsideration.acceptance-review', '2025-03-03', [stop('2025-03-03'), resume('2025-03-04')]),
    ).toBe('2025-03-11');
  });

  it('ignores a stop after the period ended, with a warning', () => {
    const c = computeDeadline(
      rule('reconsideration.acceptance-review'),
      '2025-03-03',
      [stop('2025-03-11', '补正'), resume('2025-03-20')],
      cal,
    );
    expect(c.dueDate).toBe('2025-03-10');
    expect(c.stops[0]?.effective).toBe(false);
    expect(c.stoppedDays).toBe(0);
    expect(c.warnings).toEqual(['2025-03-11 的中止（补正）发生在期限届满（2025-03-10）之后，不影响期限']);
  });

  it('handles several stops', () => {
    // 20 WD from 03-03: 4 WD before 03-10; stop 03-10..03-11; 03-12..03-14 = 3 WD (7);
    // stop 03-17..03-18; 13 WD after 03-18: 03-19..21 (3), 24..28 (8), 31..04-03 (12), 04-07 (13).
    const events = [
      stop('2025-03-10'),
      resume('2025-03-11'),
      stop('2025-03-17', '专家论证'),
      resume('2025-03-18'),
    ];
    const c = computeDeadline(rule('disclosure.reply'), '2025-03-03', events, cal);
    expect(c.dueDate).toBe('2025-04-07');
    expect(c.stoppedDays).toBe(4);
  });

  it('moves a calendar-day period by the stopped days and rolls only the final day', () => {
    // 90 CD from 2025-03-01 is due Friday 05-30; one stopped day moves the last day to 05-31 (端午) → 06-03.
    expect(due('penalty.decision', '2025-03-01', [stop('2025-04-10', '中止'), resume('2025-04-10')])).toBe(
      '2025-06-03',
    );
    // A stop whose resume day is a holiday does not itself roll anything.
    expect(due('penalty.decision', '2025-03-01', [stop('2025-04-03', '鉴定'), resume('2025-04-05')])).toBe(
      '2025-06-03',
    );
    // Paused calendar-day period reports calendar days left.
    const paused = computeDeadline(rule('penalty.decision'), '2025-03-01', [stop('2025-04-10', '中止')], cal);
    expect(paused.remaining).toEqual({ amount: 51, unit: 'day' });
  });

  it('moves a month period by the stopped calendar days', () => {
    // 3 months from 06-10 = 09-10; stopped 07-01..07-10 (10 days) → 09-20 (Saturday) → 09-22.
    expect(due('suggestion.reply', '2025-06-10', [stop('2025-07-01', '中止'), resume('2025-07-10')])).toBe(
      '2025-09-22',
    );
    const paused = computeDeadline(rule('suggestion.reply'), '2025-06-10', [stop('2025-09-01', '中止')], cal);
    expect(paused).toMatchObject({ running: false, dueDate: null, remaining: { amount: 10, unit: 'day' } });
    const late = computeDeadline(rule('suggestion.reply'), '2025-06-10', [stop('2025-09-11', '中止')], cal);
    expect(late.dueDate).toBe('2025-09-10');
    expect(late.warnings).toHaveLength(1);
  });

  it('restarts the period from a corrected application (政府信息公开条例第三十条)', () => {
    const events: ClockEvent[] = [
      stop('2025-03-05', '要求补正'),
      { type: 'restart', date: '2025-03-12', reason: '收到补正后的申请' },
    ];
    const c = computeDeadline(rule('disclosure.reply'), '2025-03-03', events, cal);
    expect(c.dueDate).toBe('2025-04-10');
    expect(c.countedFrom).toBe('2025-03-12');
    expect(c.stops).toEqual([]);
  });
});

describe('computeDeadline with extensions', () => {
  const extend = (amount: number, unit: DeadlineUnit): ClockEvent => ({
    type: 'extend',
    amount,
    unit,
    reason: '情况复杂',
    approvedBy: '张局长',
  });

  it('adds an extension in the rule unit', () => {
    const c = computeDeadline(rule('licensing.decision'), '2025-09-15', [extend(10, 'workday')], cal);
    expect(c.dueDate).toBe('2025-10-31');
    expect(c.totalAmount).toBe(30);
    expect(c.extensions).toEqual([{ amount: 10, unit: 'workday', reason: '情况复杂', approvedBy: '张局长' }]);
    expect(due('penalty.decision', '2025-07-03', [extend(30, 'day')])).toBe('2025-10-31');
    expect(due('disclosure.reply', '2020-01-20', [extend(20, 'workday')])).toBe('2020-03-24');
  });

  it('combines an extension and a stop', () => {
    // 20 + 20 WD from 03-03 with 03-10..03-24 stopped: 4 before, 36 after 03-24 (劳动节 05-01..05 skipped,
    // 04-27 make-up Sunday counted).
    const events = [stop('2025-03-10'), resume('2025-03-24'), extend(20, 'workday')];
    expect(due('disclosure.reply', '2025-03-03', events)).toBe('2025-05-16');
  });

  it('mixes months and years for month rules', () => {
    const c = computeDeadline(rule('suggestion.reply'), '2025-01-15', [extend(1, 'year')], cal);
    expect(c).toMatchObject({ totalAmount: 15, unit: 'month', dueDate: '2026-04-15' });
  });

  it('rejects an extension in another unit', () => {
    const e = thrown(() => due('licensing.decision', '2025-09-15', [extend(10, 'day')]));
    expect(e.code).toBe('CLOCK.INVALID');
    expect(e.errors).toEqual([
      {
        pointer: '/events/0/unit',
        detail: '第1个事件：延长期限的单位（日）与该期限的单位（个工作日）不一致',
      },
    ]);
  });
});

describe('computeDeadline input checks', () => {
  it('lists every problem with the events', () => {
    const events = [
      resume('2025-03-04'),
      stop('2025-03-05', ''),
      stop('2025-03-06'),
      resume('2025-03-01'),
      { type: 'extend', amount: 0, unit: 'workday', reason: '', approvedBy: '' } as ClockEvent,
      { type: 'stop', date: '2025-3-9', reason: 'x' } as ClockEvent,
    ];
    const e = thrown(() => due('disclosure.reply', '2025-03-03', events));
    expect(e.code).toBe('CLOCK.INVALID');
    expect(e.errors.map((p) => p.pointer)).toEqual([
      '/events/0',
      '/events/1/reason',
      '/events/2',
      '/events/3/date',
      '/events/4/amount',
      '/events/4/reason',
      '/events/4/approvedBy',
      '/events/5/date',
    ]);
    expect(e.errors[2]?.detail).toBe('第3个事件：期限已于 2025-03-05 中止，尚未恢复，不能再次中止');
  });

  it('rejects an invalid rule or start date', () => {
    const bad = { ...rule('disclosure.reply'), amount: 0, statute: '' };
    const e = thrown(() => computeDeadline(bad, '2025-02-30', [], cal));
    expect(e.errors.map((p) => p.pointer)).toEqual(['/rule/amount', '/rule/statute', '/startDate']);
  });

  it('rejects a stop before the start date', () => {
    const e = thrown(() => due('disclosure.reply', '2025-03-03', [stop('2025-03-01')]));
    expect(e.errors[0]?.detail).toContain('早于起算日');
  });
});
