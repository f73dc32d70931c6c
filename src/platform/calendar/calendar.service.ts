/**
 * The working-day calendar in the database (`calendar_years`, one row per year, the same for every tenant): seeding,
 * the cached `WorkCalendar`, and the read-only questions people ask of it.
 *
 * Cache: a `WorkCalendar` is a pure function of the table's contents, so calendars are cached by a fingerprint of
 * the table (md5 over every year and the md5 of its data). A database handle re-checks the fingerprint (one tiny
 * query) at most every `CALENDAR_RECHECK_MS`; so several app nodes converge within that time of a load, and the node
 * that loads a year sees it at once (`invalidateCalendarCache`). A transaction handle is new each time, so it checks
 * once per transaction and sees its own uncommitted loads.
 */
import { createHash } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../kernel/db/index.ts';
import { DomainError, invalid, notFound } from '../../kernel/errors.ts';
import { calendarSeed } from './calendar.seed.ts';
import { calendarYears } from './calendar.tables.ts';
import { type AddUnit, amountText, dayText, weekdayLongName } from './calendar-text.ts';
import type { CalendarDay, CalendarYear } from './calendar-year.ts';
import {
  addDays,
  addMonthsClamped,
  assertIsoDate,
  diffDays,
  formatIsoDate,
  type IsoDate,
} from './iso-date.ts';
import { type DayInfo, WorkCalendar } from './work-calendar.ts';

/** A database handle re-checks whether the calendar changed at most this often (milliseconds). */
export const CALENDAR_RECHECK_MS = 5_000;

/**
 * Inserts the seed years (2020–2026) that are missing. Idempotent and safe when several nodes start at once; never
 * overwrites a year an administrator loaded. Returns the years inserted.
 */
export async function ensureCalendarSeeded(db: Db, now: Date = new Date()): Promise<number[]> {
  const inserted = await db
    .insert(calendarYears)
    .values(
      calendarSeed.map((cy) => ({
        year: cy.year,
        source: cy.source,
        data: structuredClone(cy) as CalendarYear,
        loadedAt: now,
        loadedBy: 'seed',
      })),
    )
    .onConflictDoNothing({ target: calendarYears.year })
    .returning({ year: calendarYears.year });
  if (inserted.length > 0) invalidateCalendarCache();
  return inserted.map((r) => r.year).sort((a, b) => a - b);
}

interface Check {
  fingerprint: string;
  at: number;
}
let checks = new WeakMap<object, Check>();
const calendars = new Map<string, WorkCalendar>();
const KEEP_CALENDARS = 4;

const FINGERPRINT = sql`select coalesce(md5(string_agg(year::text || ':' || md5(data::text), ',' order by year)), '') as v from calendar_years`;

/** Forgets when each handle last checked, so the next `loadCalendar` re-reads the fingerprint. */
export function invalidateCalendarCache(): void {
  checks = new WeakMap();
}

/** Options of `loadCalendar`. */
export interface LoadCalendarOptions {
  /** Re-check the table when the last check is older than this (default `CALENDAR_RECHECK_MS`). */
  maxAgeMs?: number;
}

/**
 * The working-day calendar from `calendar_years`. A date in a year without a row throws `CALENDAR.YEAR_UNKNOWN`
 * (409): there is no Monday–Friday guess. Invalid stored data throws `CALENDAR.STORED_INVALID` (503).
 */
export async function loadCalendar(db: Db, options: LoadCalendarOptions = {}): Promise<WorkCalendar> {
  const maxAge = options.maxAgeMs ?? CALENDAR_RECHECK_MS;
  const t = performance.now();
  // One check per connection session: a savepoint (nested transaction) shares its transaction's session, so the
  // steps inside one transaction do not re-read the fingerprint each time.
  const key = db._.session;
  const seen = checks.get(key);
  if (seen && t - seen.at < maxAge) {
    const cached = calendars.get(seen.fingerprint);
    if (cached) return cached;
  }
  const [row] = await queryRows<{ v: string }>(db, FINGERPRINT);
  let fingerprint = row?.v ?? '';
  let calendar = calendars.get(fingerprint);
  if (!calendar) {
    // Read the rows with their hashes, so the calendar is filed under the fingerprint of exactly what was read.
    const rows = await queryRows<{ year: number; data: CalendarYear | string; h: string }>(
      db,
      sql`select year, data, md5(data::text) as h from calendar_years order by year`,
    );
    fingerprint =
      rows.length === 0
        ? ''
        : createHash('md5')
            .update(rows.map((r) => `${r.year}:${r.h}`).join(','))
            .digest('hex');
    calendar = calendars.get(fingerprint) ?? buildCalendar(rows);
    calendars.set(fingerprint, calendar);
    while (calendars.size > KEEP_CALENDARS) calendars.delete(calendars.keys().next().value!);
  }
  checks.set(key, { fingerprint, at: t });
  return calendar;
}

function buildCalendar(rows: { year: number; data: CalendarYear | string }[]): WorkCalendar {
  const years = rows.map((r) => (typeof r.data === 'string' ? (JSON.parse(r.data) as CalendarYear) : r.data));
  const mismatched = rows.filter((r, i) => years[i]!.year !== r.year).map((r) => r.year);
  try {
    if (mismatched.length > 0)
      throw invalid('CALENDAR.INVALID', `年份与数据不一致：${mismatched.join('、')}`);
    return new WorkCalendar(years);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'CALENDAR.INVALID')
      throw new DomainError(
        'CALENDAR.STORED_INVALID',
        'unavailable',
        '数据库中的工作日历数据有误，无法计算工作日，请系统管理员重新导入有误的年份',
        e.errors,
      );
    throw e;
  }
}

/** A loaded year, without its days. */
export interface CalendarYearSummary {
  year: number;
  source: string;
  holidays: number;
  makeupWorkdays: number;
  loadedAt: Date;
  loadedBy: string;
}

/** Every loaded year, ascending. */
export async function listCalendarYears(db: Db): Promise<CalendarYearSummary[]> {
  return db
    .select({
      year: calendarYears.year,
      source: calendarYears.source,
      holidays: sql<number>`jsonb_array_length(${calendarYears.data} -> 'holidays')::int`,
      makeupWorkdays: sql<number>`jsonb_array_length(${calendarYears.data} -> 'makeupWorkdays')::int`,
      loadedAt: calendarYears.loadedAt,
      loadedBy: calendarYears.loadedBy,
    })
    .from(calendarYears)
    .orderBy(asc(calendarYears.year));
}

/** Working days and rest days of `year` in `calendar` (which must know the year). */
export function countDays(calendar: WorkCalendar, year: number): { workdays: number; restDays: number } {
  let workdays = 0;
  let restDays = 0;
  for (let d = formatIsoDate(year, 1, 1); d <= formatIsoDate(year, 12, 31); d = addDays(d, 1)) {
    if (calendar.isWorkday(d)) workdays += 1;
    else restDays += 1;
  }
  return { workdays, restDays };
}

/** A loaded year with its days. */
export interface CalendarYearDetail extends CalendarYearSummary {
  holidayDays: CalendarDay[];
  makeupWorkdayDays: CalendarDay[];
  workdays: number;
  restDays: number;
}

/** One loaded year with its holidays, make-up working days and day counts; 404 when not loaded. */
export async function getCalendarYear(db: Db, year: number): Promise<CalendarYearDetail> {
  const [row] = await db.select().from(calendarYears).where(eq(calendarYears.year, year));
  if (!row) throw notFound('CALENDAR.YEAR_NOT_FOUND', `尚未载入${year}年的节假日安排`);
  const counts = countDays(await loadCalendar(db), year);
  return {
    year: row.year,
    source: row.source,
    holidays: row.data.holidays.length,
    makeupWorkdays: row.data.makeupWorkdays.length,
    loadedAt: row.loadedAt,
    loadedBy: row.loadedBy,
    holidayDays: row.data.holidays,
    makeupWorkdayDays: row.data.makeupWorkdays,
    ...counts,
  };
}

/** A day described, with its one-line Chinese text. */
export interface DayCheck extends DayInfo {
  weekdayName: string;
  text: string;
}

/** Is `date` a working day, and why. */
export async function checkDate(db: Db, date: string): Promise<DayCheck> {
  assertIsoDate(date);
  const info = (await loadCalendar(db)).describe(date);
  return { ...info, weekdayName: weekdayLongName(date), text: dayText(info) };
}

/** A date plus an amount of time. */
export interface AddInput {
  date: string;
  amount: number;
  unit: AddUnit;
  /** Move a result on a rest day to the next working day (民事诉讼法第八十五条); ignored for working days. */
  roll: boolean;
}

/** The result of `addToDate`. */
export interface AddResult {
  from: IsoDate;
  amount: number;
  unit: AddUnit;
  roll: boolean;
  /** The last day before rolling. */
  unrolled: IsoDate;
  result: IsoDate;
  weekday: number;
  weekdayName: string;
  /** The result described (working day, or why not). */
  day: DayInfo;
  text: string;
}

/** `date` + `amount` working days, calendar days or months, the way a deadline is counted by hand. */
export async function addToDate(db: Db, input: AddInput): Promise<AddResult> {
  assertIsoDate(input.date);
  if (!Number.isInteger(input.amount) || input.amount < 0)
    throw invalid('CALENDAR.AMOUNT_INVALID', `期限长度必须是非负整数：${input.amount}`);
  const calendar = await loadCalendar(db);
  let unrolled: IsoDate;
  let result: IsoDate;
  if (input.unit === 'workday') {
    result = unrolled = calendar.addWorkdays(input.date, input.amount);
  } else {
    calendar.assertKnown(input.date);
    unrolled =
      input.unit === 'day' ? addDays(input.date, input.amount) : addMonthsClamped(input.date, input.amount);
    result = input.roll ? calendar.workdayOnOrAfter(unrolled) : unrolled;
  }
  const day = calendar.describe(result);
  const rolled = result !== unrolled;
  const why = rolled
    ? `；末日 ${unrolled} 为休息日，顺延至下一个工作日`
    : day.workday
      ? ''
      : '；末日为休息日，未顺延';
  return {
    from: input.date,
    amount: input.amount,
    unit: input.unit,
    roll: input.roll,
    unrolled,
    result,
    weekday: day.weekday,
    weekdayName: weekdayLongName(result),
    day,
    text: `${result} ${weekdayLongName(result)}（${input.date} 起 ${amountText(input.amount, input.unit)}${why}）`,
  };
}

/** How far ahead the calendar must reach before the admin pages warn (the longest common periods: 90 days to
 * decide a penalty case, 60 working days for a reconsideration, plus a margin to load the notice). */
export const COVERAGE_WARN_DAYS = 120;

/** Whether the loaded years cover the periods that start today. */
export interface CalendarCoverage {
  /** Today in China. */
  today: IsoDate;
  /** The last year of the unbroken run of loaded years from this year (null when this year is not loaded). */
  knownThrough: number | null;
  /** The first year not loaded from this year on. */
  missingYear: number;
  /** Days from today to the first day of `missingYear` (0 when this year itself is missing). */
  daysLeft: number;
  /** True when `daysLeft` is at most COVERAGE_WARN_DAYS: periods starting now may reach the missing year. */
  warn: boolean;
}

/**
 * The calendar's reach from today. A period that reaches a year without a loaded notice is refused
 * (CALENDAR.YEAR_UNKNOWN), so the admin pages warn well before the year turns: the State Council publishes the
 * next year's arrangement in the autumn and an administrator loads it (工作日历 → 载入年份).
 */
export async function calendarCoverage(db: Db, now: Date): Promise<CalendarCoverage> {
  const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const thisYear = Number(today.slice(0, 4));
  const loaded = new Set((await listCalendarYears(db)).map((y) => y.year));
  let missingYear = thisYear;
  while (loaded.has(missingYear)) missingYear += 1;
  const daysLeft = Math.max(0, diffDays(today, formatIsoDate(missingYear, 1, 1)));
  return {
    today,
    knownThrough: missingYear > thisYear ? missingYear - 1 : null,
    missingYear,
    daysLeft,
    warn: daysLeft <= COVERAGE_WARN_DAYS,
  };
}
