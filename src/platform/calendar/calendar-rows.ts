/**
 * Import of a holiday arrangement from rows (e.g. an Excel sheet): one row per date, `休` = holiday, `班` = make-up
 * working day. Every row is validated and every problem is reported; nothing is guessed.
 */
import type { FieldProblem } from '../../kernel/errors.ts';
import {
  type CalendarDay,
  type CalendarImportResult,
  type CalendarYear,
  validateCalendarYear,
} from './calendar-year.ts';
import { formatIsoDate, parseIsoDateParts } from './iso-date.ts';

/** One imported row. Values are `unknown` because they come straight from a spreadsheet. */
export interface CalendarRowInput {
  date?: unknown;
  type?: unknown;
  name?: unknown;
}

/** Options for `parseCalendarRows`: the arrangement's year and its source notice. */
export interface CalendarRowsOptions {
  year: number;
  source: string;
  /**
   * The number shown to the user for each row (e.g. its row in the spreadsheet, after the header); default
   * `index + 1`. Pointers stay `/rows/<index>`.
   */
  rowNumbers?: readonly number[];
}

// Accepts 2025-01-01, 2025/1/1, 2025.1.1 and 2025年1月1日.
const LOOSE_DATE = /^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日)$/;

function normaliseDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = LOOSE_DATE.exec(value.normalize('NFKC').trim());
  if (!m) return null;
  const iso = formatIsoDate(Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5]));
  return parseIsoDateParts(iso) ? iso : null;
}

/** Builds a `CalendarYear` from rows `{ date, type: '休' | '班', name }`, reporting every problem found. */
export function parseCalendarRows(
  rows: readonly CalendarRowInput[],
  options: CalendarRowsOptions,
): CalendarImportResult {
  const problems: FieldProblem[] = [];
  if (!Number.isInteger(options.year) || options.year < 1949 || options.year > 2100) {
    problems.push({ pointer: '/year', detail: `年份无效：${String(options.year)}` });
    return { calendar: null, problems, notes: [] };
  }
  if (typeof options.source !== 'string' || options.source.trim() === '') {
    problems.push({ pointer: '/source', detail: '请填写放假安排的来源（如国务院办公厅通知文号）' });
  }
  if (rows.length === 0) {
    problems.push({ pointer: '/rows', detail: '没有任何数据行' });
  }

  const holidays: CalendarDay[] = [];
  const makeups: CalendarDay[] = [];
  const holidayRow: number[] = [];
  const makeupRow: number[] = [];
  const shown = (i: number) => options.rowNumbers?.[i] ?? i + 1;
  rows.forEach((row, i) => {
    const at = (field: string, detail: string) =>
      problems.push({ pointer: `/rows/${i}/${field}`, detail: `第${shown(i)}行：${detail}` });
    const date = normaliseDate(row?.date);
    if (!date) at('date', `日期无效：“${String(row?.date ?? '')}”，应为 YYYY-MM-DD 形式的有效日期`);
    const type = typeof row?.type === 'string' ? row.type.trim() : '';
    if (type !== '休' && type !== '班')
      at('type', `类型应为“休”（放假）或“班”（调休上班），实为“${String(row?.type ?? '')}”`);
    const name = typeof row?.name === 'string' ? row.name.trim() : '';
    if (name === '') at('name', '缺少节日名称（如“春节”）');
    if (!date || (type !== '休' && type !== '班') || name === '') return;
    if (type === '休') {
      holidays.push({ date, name });
      holidayRow.push(i);
    } else {
      makeups.push({ date, name });
      makeupRow.push(i);
    }
  });

  const calendar: CalendarYear = {
    year: options.year,
    source: typeof options.source === 'string' ? options.source.trim() : '',
    holidays,
    makeupWorkdays: makeups,
  };
  for (const p of validateCalendarYear(calendar)) {
    const m = /^\/(holidays|makeupWorkdays)\/(\d+)\/(\w+)/.exec(p.pointer);
    if (!m) {
      if (p.pointer !== '/source') problems.push(p);
      continue;
    }
    const row = (m[1] === 'holidays' ? holidayRow : makeupRow)[Number(m[2])]!;
    problems.push({ pointer: `/rows/${row}/${m[3]}`, detail: `第${shown(row)}行：${p.detail}` });
  }
  problems.sort((a, b) => rowOf(a.pointer) - rowOf(b.pointer));
  const sortByDate = (list: CalendarDay[]) => [...list].sort((a, b) => (a.date < b.date ? -1 : 1));
  return {
    calendar:
      problems.length === 0
        ? { ...calendar, holidays: sortByDate(holidays), makeupWorkdays: sortByDate(makeups) }
        : null,
    problems,
    notes: [],
  };
}

function rowOf(pointer: string): number {
  const m = /^\/rows\/(\d+)/.exec(pointer);
  return m ? Number(m[1]) : -1;
}

/**
 * The year of an arrangement given as rows, when the rows say so unambiguously: every readable date lies in one
 * year `Y`, or in `Y` and December of `Y − 1` (as the 2023 元旦 holiday began on 2022-12-31). Otherwise `null`: the
 * caller must ask for the year.
 */
export function inferRowsYear(rows: readonly CalendarRowInput[]): number | null {
  const dates = rows.map((r) => normaliseDate(r?.date)).filter((d): d is string => d !== null);
  const years = [...new Set(dates.map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
  if (years.length === 1) return years[0]!;
  if (years.length === 2 && years[1] === years[0]! + 1) {
    const earlier = dates.filter((d) => Number(d.slice(0, 4)) === years[0]);
    if (earlier.every((d) => d.slice(5, 7) === '12')) return years[1]!;
  }
  return null;
}
