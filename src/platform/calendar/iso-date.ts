/**
 * Plain ISO dates (`YYYY-MM-DD`) and their arithmetic.
 *
 * Dates are calendar days, not instants: there is no time of day and no time zone. Arithmetic is done on
 * integer day numbers (days since 1970-01-01 in the proleptic Gregorian calendar), so no `Date` object and
 * no local time zone is ever involved.
 */
import { invalid } from '../../kernel/errors.ts';

/** A calendar day written `YYYY-MM-DD`. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Number of days in month `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Parts of an ISO date, or `null` when the text is not a real `YYYY-MM-DD` date (e.g. `2025-02-30`). */
export function parseIsoDateParts(text: string): { year: number; month: number; day: number } | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** True when `value` is a string holding a real `YYYY-MM-DD` date. */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parseIsoDateParts(value) !== null;
}

/** Throws `CALENDAR.DATE_INVALID` unless `value` is a real `YYYY-MM-DD` date. */
export function assertIsoDate(value: unknown, label = '日期'): asserts value is IsoDate {
  if (!isIsoDate(value)) {
    throw invalid(
      'CALENDAR.DATE_INVALID',
      `${label}格式错误，应为 YYYY-MM-DD 形式的有效日期：${String(value)}`,
    );
  }
}

/** Formats parts as `YYYY-MM-DD`. */
export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Days from civil / civil from days (H. Hinnant), pure integer arithmetic.
function daysFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z0: number): { year: number; month: number; day: number } {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days since 1970-01-01 (negative before). Throws `CALENDAR.DATE_INVALID` on a malformed date. */
export function toDayNumber(date: IsoDate): number {
  const p = parseIsoDateParts(date);
  if (!p) throw invalid('CALENDAR.DATE_INVALID', `日期格式错误，应为 YYYY-MM-DD 形式的有效日期：${date}`);
  return daysFromCivil(p.year, p.month, p.day);
}

/** Inverse of `toDayNumber`. */
export function fromDayNumber(n: number): IsoDate {
  const c = civilFromDays(n);
  return formatIsoDate(c.year, c.month, c.day);
}

/** `date` plus `n` calendar days (`n` may be negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + n);
}

/** Calendar days from `a` to `b` (`b − a`; negative when `b` is earlier). */
export function diffDays(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** Day of the week: 0 = Sunday (周日) … 6 = Saturday (周六). */
export function dayOfWeek(date: IsoDate): number {
  const n = toDayNumber(date);
  return (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** Saturday or Sunday. */
export function isWeekend(date: IsoDate): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

/** The year of an ISO date. */
export function yearOf(date: IsoDate): number {
  const p = parseIsoDateParts(date);
  if (!p) throw invalid('CALENDAR.DATE_INVALID', `日期格式错误，应为 YYYY-MM-DD 形式的有效日期：${date}`);
  return p.year;
}

/**
 * `date` plus `n` months (negative allowed). When the target month is shorter, the result is clamped to its last
 * day (01-31 + 1 month = 02-28, or 02-29 in a leap year), as 民事诉讼法 counts month periods.
 */
export function addMonthsClamped(date: IsoDate, n: number): IsoDate {
  const p = parseIsoDateParts(date);
  if (!p) throw invalid('CALENDAR.DATE_INVALID', `日期格式错误，应为 YYYY-MM-DD 形式的有效日期：${date}`);
  const index = p.year * 12 + (p.month - 1) + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return formatIsoDate(year, month, Math.min(p.day, daysInMonth(year, month)));
}

/** Chinese weekday name used in State Council notices: 周日 … 周六. */
export function weekdayName(date: IsoDate): string {
  return `周${'日一二三四五六'[dayOfWeek(date)]}`;
}
