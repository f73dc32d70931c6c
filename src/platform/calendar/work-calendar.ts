/**
 * Chinese working-day calendar (法定节假日 + 调休) built from State Council holiday notices.
 *
 * It never guesses: any date in a year whose arrangement is not loaded throws `CALENDAR.YEAR_UNKNOWN`,
 * because a Monday–Friday guess would silently put deadlines on holidays.
 */
import { conflict, DomainError, type FieldProblem, invalid } from '../../kernel/errors.ts';
import { type CalendarYear, validateCalendarYear } from './calendar-year.ts';
import {
  addDays,
  addMonthsClamped,
  assertIsoDate,
  dayOfWeek,
  type IsoDate,
  isWeekend,
  toDayNumber,
  yearOf,
} from './iso-date.ts';

/** What kind of day a date is. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup-workday';

/** A date described by the calendar. `name` is the festival for holidays and make-up workdays. */
export interface DayInfo {
  date: IsoDate;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  kind: DayKind;
  workday: boolean;
  name?: string;
  /** For holidays and make-up working days: the notice that says so (the day's own source, or its year's). */
  source?: string;
}

/** Options for calendar-day and month periods. */
export interface RollOptions {
  /**
   * 民事诉讼法第八十五条: when the last day of a period is a statutory holiday or rest day, the period ends on the
   * first working day after it.
   */
  rollToWorkday?: boolean;
}

interface Entry {
  kind: 'holiday' | 'makeup-workday';
  name: string;
  source: string;
}

function requireCount(n: number, label: string, allowNegative: boolean): void {
  if (!Number.isInteger(n) || (!allowNegative && n < 0)) {
    throw invalid(
      'CALENDAR.AMOUNT_INVALID',
      allowNegative ? `${label}必须是整数：${n}` : `${label}必须是非负整数：${n}`,
    );
  }
}

/** A working-day calendar for the years whose holiday arrangements it was given. */
export class WorkCalendar {
  readonly #years = new Map<number, CalendarYear>();
  readonly #days = new Map<IsoDate, Entry>();

  /** Validates every year (throws `CALENDAR.INVALID` listing all problems) and indexes the dates. */
  constructor(years: readonly CalendarYear[]) {
    const problems: FieldProblem[] = [];
    const origin = new Map<IsoDate, number>();
    years.forEach((cy, i) => {
      const own = validateCalendarYear(cy, `/${i}`);
      problems.push(...own);
      if (own.length > 0) return; // indexed only when the year itself is valid
      if (this.#years.has(cy.year)) {
        problems.push({ pointer: `/${i}/year`, detail: `${cy.year}年的放假安排重复载入` });
        return;
      }
      this.#years.set(cy.year, cy);
      const put = (date: IsoDate, entry: Entry, pointer: string) => {
        const prev = this.#days.get(date);
        if (prev && prev.kind !== entry.kind) {
          problems.push({
            pointer,
            detail: `日期 ${date} 在${origin.get(date)}年和${cy.year}年的放假安排中相互矛盾（放假日与上班日）`,
          });
        }
        this.#days.set(date, entry);
        origin.set(date, cy.year);
      };
      cy.holidays.forEach((h, j) => {
        put(
          h.date,
          { kind: 'holiday', name: h.name, source: h.source ?? cy.source },
          `/${i}/holidays/${j}/date`,
        );
      });
      cy.makeupWorkdays.forEach((w, j) => {
        put(
          w.date,
          { kind: 'makeup-workday', name: w.name, source: w.source ?? cy.source },
          `/${i}/makeupWorkdays/${j}/date`,
        );
      });
    });
    if (problems.length > 0) {
      throw invalid('CALENDAR.INVALID', '节假日安排数据有误，请按提示修改', problems);
    }
  }

  /** Years with a loaded holiday arrangement, ascending. */
  get years(): number[] {
    return [...this.#years.keys()].sort((a, b) => a - b);
  }

  /** The loaded arrangement of `year`, if any. */
  yearData(year: number): CalendarYear | undefined {
    return this.#years.get(year);
  }

  /** True when the holiday arrangement of `year` is loaded. */
  hasYear(year: number): boolean {
    return this.#years.has(year);
  }

  /** Throws `CALENDAR.DATE_INVALID` for a malformed date and `CALENDAR.YEAR_UNKNOWN` for an unloaded year. */
  assertKnown(date: IsoDate): void {
    assertIsoDate(date);
    const year = yearOf(date);
    if (!this.#years.has(year)) {
      throw conflict(
        'CALENDAR.YEAR_UNKNOWN',
        `尚未载入${year}年的节假日安排（国务院办公厅通知），无法判断 ${date} 是否为工作日。请先导入${year}年的放假调休安排。`,
      );
    }
  }

  /** Describes `date`: working day, weekend, statutory holiday or make-up working day. */
  describe(date: IsoDate): DayInfo {
    this.assertKnown(date);
    const weekday = dayOfWeek(date);
    const entry = this.#days.get(date);
    if (entry) {
      return {
        date,
        weekday,
        kind: entry.kind,
        workday: entry.kind === 'makeup-workday',
        name: entry.name,
        source: entry.source,
      };
    }
    const weekend = isWeekend(date);
    return { date, weekday, kind: weekend ? 'weekend' : 'workday', workday: !weekend };
  }

  /** True on working days: Monday–Friday that are not holidays, plus make-up working days (调休上班). */
  isWorkday(date: IsoDate): boolean {
    return this.describe(date).workday;
  }

  /** True on dates listed as holidays in the notice (法定节假日及调休放假日); plain weekends are not holidays. */
  isHoliday(date: IsoDate): boolean {
    return this.describe(date).kind === 'holiday';
  }

  /** True on every non-working day (weekend or holiday). */
  isRestDay(date: IsoDate): boolean {
    return !this.isWorkday(date);
  }

  /** The first working day strictly after `date`. */
  nextWorkday(date: IsoDate): IsoDate {
    this.assertKnown(date);
    let d = addDays(date, 1);
    while (!this.isWorkday(d)) d = addDays(d, 1);
    return d;
  }

  /** `date` itself when it is a working day, otherwise the next working day. */
  workdayOnOrAfter(date: IsoDate): IsoDate {
    return this.isWorkday(date) ? date : this.nextWorkday(date);
  }

  /**
   * The `n`-th working day after `date` (`n ≥ 0`). The start day is not counted, whatever kind of day it is;
   * `n = 0` returns `date` unchanged.
   */
  addWorkdays(date: IsoDate, n: number): IsoDate {
    requireCount(n, '工作日数', false);
    this.assertKnown(date);
    let d = date;
    let left = n;
    while (left > 0) {
      d = addDays(d, 1);
      if (this.isWorkday(d)) left -= 1;
    }
    return d;
  }

  /**
   * `date` plus `n` calendar days. With `rollToWorkday`, a result on a rest day moves to the next working day
   * (民事诉讼法第八十五条). The start date and the result must be in loaded years.
   */
  addCalendarDays(date: IsoDate, n: number, options: RollOptions = {}): IsoDate {
    requireCount(n, '天数', true);
    this.assertKnown(date);
    return this.#finish(addDays(date, n), options);
  }

  /**
   * `date` plus `n` months, clamped to the end of a shorter month (01-31 + 1 month = 02-28/29), optionally
   * rolled to the next working day.
   */
  addMonths(date: IsoDate, n: number, options: RollOptions = {}): IsoDate {
    requireCount(n, '月数', true);
    this.assertKnown(date);
    return this.#finish(addMonthsClamped(date, n), options);
  }

  /** `date` plus `n` years (02-29 + 1 year = 02-28), optionally rolled to the next working day. */
  addYears(date: IsoDate, n: number, options: RollOptions = {}): IsoDate {
    requireCount(n, '年数', true);
    return this.addMonths(date, n * 12, options);
  }

  /**
   * Working days `d` with `a < d ≤ b`, so that `addWorkdays(a, workdaysBetween(a, b))` is the last working day
   * on or before `b`. Negative when `b < a` (the count of `b < d ≤ a`, negated); 0 when equal.
   */
  workdaysBetween(a: IsoDate, b: IsoDate): number {
    this.assertKnown(a);
    this.assertKnown(b);
    const from = toDayNumber(a);
    const to = toDayNumber(b);
    if (to < from) return -this.workdaysBetween(b, a);
    let count = 0;
    for (let d = addDays(a, 1); toDayNumber(d) <= to; d = addDays(d, 1)) {
      if (this.isWorkday(d)) count += 1;
    }
    return count;
  }

  #finish(result: IsoDate, options: RollOptions): IsoDate {
    if (options.rollToWorkday) return this.workdayOnOrAfter(result);
    this.assertKnown(result);
    return result;
  }
}

/** True when `e` is the calendar's unknown-year error. */
export function isYearUnknownError(e: unknown): e is DomainError {
  return e instanceof DomainError && e.code === 'CALENDAR.YEAR_UNKNOWN';
}
