/**
 * Chinese working-day calendar (法定节假日 + 调休), its seed data 2020–2026, and importers for new years.
 * Dates are plain `YYYY-MM-DD` strings; a year without loaded data is an error (`CALENDAR.YEAR_UNKNOWN`).
 * In the running system the calendar lives in `calendar_years`: use `loadCalendar(db)`, not the seed.
 */

/** Loading a year (notice, rows or JSON): preview with differences, store with its log entry. */
export {
  type CalendarLoader,
  type CalendarLoadInput,
  type CalendarLoadResult,
  type CalendarPreview,
  loadCalendarYear,
  previewCalendarYear,
} from './calendar.load.ts';

/** Holiday arrangements 2020–2026, checked against the State Council notices. */
export { calendarSeed } from './calendar.seed.ts';
/** The calendar in the database: seeding at start-up, the cached `WorkCalendar`, and read-only questions. */
export {
  type AddInput,
  type AddResult,
  addToDate,
  CALENDAR_RECHECK_MS,
  type CalendarCoverage,
  type CalendarYearDetail,
  type CalendarYearSummary,
  COVERAGE_WARN_DAYS,
  calendarCoverage,
  checkDate,
  countDays,
  type DayCheck,
  ensureCalendarSeeded,
  getCalendarYear,
  invalidateCalendarCache,
  type LoadCalendarOptions,
  listCalendarYears,
  loadCalendar,
} from './calendar.service.ts';
export { calendarYears, deadlineRuleOverrides } from './calendar.tables.ts';
/** Differences between two arrangements of a year. */
export {
  type CalendarDayChange,
  type CalendarYearDiff,
  diffCalendarYears,
  isEmptyDiff,
} from './calendar-diff.ts';
/** Uploaded .xlsx / .csv → rows. */
export { type CalendarFileRows, decodeText, readCalendarFile } from './calendar-file.ts';
/** Spreadsheet-row importer: rows `{ date, type: '休' | '班', name }` → `CalendarYear`, every problem reported. */
export {
  type CalendarRowInput,
  type CalendarRowsOptions,
  inferRowsYear,
  parseCalendarRows,
} from './calendar-rows.ts';
/** One-line Chinese descriptions shared by the API and the CLI. */
export { type AddUnit, amountText, dayKindText, dayText, weekdayLongName } from './calendar-text.ts';
/** Holiday-arrangement data model, its validator and the import result type. */
export {
  type CalendarDay,
  type CalendarImportResult,
  type CalendarYear,
  validateCalendarYear,
} from './calendar-year.ts';
/** Parser for the State Council notice text (国务院办公厅关于YYYY年部分节假日安排的通知). */
export { type HolidayNoticeOptions, parseHolidayNotice } from './holiday-notice-parser.ts';
/** Pure `YYYY-MM-DD` date helpers (integer day arithmetic, no time zones). */
export {
  addDays,
  addMonthsClamped,
  assertIsoDate,
  dayOfWeek,
  diffDays,
  type IsoDate,
  isIsoDate,
  isWeekend,
  weekdayName,
  yearOf,
} from './iso-date.ts';
/** A `WorkCalendar` loaded with the seed years 2020–2026. */
export { seededWorkCalendar } from './seeded-calendar.ts';
/** The working-day calendar: `isWorkday`, `addWorkdays`, `addCalendarDays`, `addMonths`, `workdaysBetween`, … */
export {
  type DayInfo,
  type DayKind,
  isYearUnknownError,
  type RollOptions,
  WorkCalendar,
} from './work-calendar.ts';
