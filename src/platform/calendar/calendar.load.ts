/**
 * Loading a year's holiday arrangement (each November, from the State Council notice): parse it from the notice
 * text, spreadsheet rows or JSON, check it alone and against the neighbouring years, show what it changes, and store
 * it with its transparency-log entry in one transaction. Every problem is reported at once and nothing is stored
 * when there is any; replacing a loaded year needs `replace: true`.
 */
import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../kernel/db/index.ts';
import { DomainError, type FieldProblem, invalid } from '../../kernel/errors.ts';
import { appendLogEntry, type LogActor } from '../log/index.ts';
import { countDays, invalidateCalendarCache } from './calendar.service.ts';
import { calendarYears } from './calendar.tables.ts';
import { type CalendarYearDiff, diffCalendarYears, isEmptyDiff } from './calendar-diff.ts';
import { type CalendarRowInput, inferRowsYear, parseCalendarRows } from './calendar-rows.ts';
import { type CalendarImportResult, type CalendarYear, validateCalendarYear } from './calendar-year.ts';
import { parseHolidayNotice } from './holiday-notice-parser.ts';
import { WorkCalendar } from './work-calendar.ts';

/** What to load: exactly one of `notice`, `rows` or `year`. */
export interface CalendarLoadInput {
  /** The notice text (国务院办公厅关于YYYY年部分节假日安排的通知). */
  notice?: string | undefined;
  /** Rows `{ date, type: 休 | 班, name }` (e.g. from a spreadsheet). */
  rows?: CalendarRowInput[] | undefined;
  /** The arrangement as data. */
  year?: CalendarYear | undefined;
  /** The year, when the input does not say (rows; optional for a notice, which then must agree). */
  forYear?: number | undefined;
  /** The source document: required for rows, optional for a notice (default: its document number). */
  source?: string | undefined;
  /** Replace a loaded year. */
  replace?: boolean | undefined;
  /** The spreadsheet row of each entry of `rows`, for messages. */
  rowNumbers?: number[] | undefined;
  /** Problems already found in an uploaded file; reported with the rest. */
  fileProblems?: FieldProblem[] | undefined;
  /** The uploaded file, recorded in the log by name and SHA-256. */
  file?: { name: string; bytes: Uint8Array } | undefined;
  /** Prefix of problem pointers (default `/body`). */
  pointerBase?: string | undefined;
}

/** Who loads, for the log entry and the `loaded_by` column. */
export interface CalendarLoader {
  /** The tenant whose log records the load (the acting administrator's). */
  tenantId: string;
  /** `null`: the system (the CLI without `--user`). */
  actor: LogActor | null;
  /** `<tenant>/<username>`, or `<tenant>/cli`. */
  loadedBy: string;
  requestId: string | null;
  now: Date;
  via: 'api' | 'cli';
}

/** What a load would do. */
export interface CalendarPreview {
  year: number;
  source: string;
  input: 'notice' | 'rows' | 'json';
  calendar: CalendarYear;
  /** Text deliberately ignored (e.g. advisory 鼓励…… sentences). */
  notes: string[];
  /** The loaded version of this year, if any. */
  current: { source: string; loadedAt: Date; loadedBy: string } | null;
  /** Differences from the loaded version (`null` for a new year). */
  diff: CalendarYearDiff | null;
  /** True when the loaded version is identical: loading changes nothing. */
  unchanged: boolean;
  /** Working days and rest days of the year with this arrangement. */
  workdays: number;
  restDays: number;
}

/** What a load did. */
export interface CalendarLoadResult extends CalendarPreview {
  action: 'created' | 'replaced' | 'unchanged';
  /** The transparency-log entry (`null` when nothing changed). */
  logEntryId: string | null;
}

type InputKind = CalendarPreview['input'];

function parseInput(input: CalendarLoadInput): {
  kind: InputKind | null;
  result: CalendarImportResult;
} {
  const base = input.pointerBase ?? '/body';
  const problems: FieldProblem[] = [...(input.fileProblems ?? [])];
  const given = (['notice', 'rows', 'year'] as const).filter((k) => input[k] !== undefined);
  if (given.length !== 1) {
    problems.push({
      pointer: base,
      detail:
        given.length === 0
          ? '请提供通知文本（notice）、数据行（rows）或年度数据（year）之一'
          : `只能提供一种数据，实际提供了：${given.join('、')}`,
    });
    return { kind: null, result: { calendar: null, problems, notes: [] } };
  }
  const source = input.source?.trim() || undefined;
  const relocate = (p: FieldProblem, under: string): FieldProblem => {
    if (p.pointer === '/source') return { ...p, pointer: `${base}/source` };
    if (p.pointer === '/year') return { ...p, pointer: `${base}/forYear` };
    return { ...p, pointer: `${base}${under}${p.pointer}` };
  };
  let kind: InputKind;
  let parsed: CalendarImportResult;
  if (input.notice !== undefined) {
    kind = 'notice';
    parsed = parseHolidayNotice(input.notice, {
      ...(input.forYear !== undefined ? { year: input.forYear } : {}),
      ...(source ? { source } : {}),
    });
    parsed = { ...parsed, problems: parsed.problems.map((p) => relocate(p, '/notice')) };
  } else if (input.rows !== undefined) {
    kind = 'rows';
    const year = input.forYear ?? inferRowsYear(input.rows);
    if (year === null) {
      problems.push({
        pointer: `${base}/forYear`,
        detail: '无法从数据行确定放假安排所属年份（日期跨越多个年份或没有有效日期），请填写年份',
      });
    }
    parsed = parseCalendarRows(input.rows, {
      year: year ?? Number.NaN,
      source: source ?? '',
      ...(input.rowNumbers ? { rowNumbers: input.rowNumbers } : {}),
    });
    parsed = {
      ...parsed,
      problems: parsed.problems
        .filter((p) => year !== null || p.pointer !== '/year')
        .map((p) => relocate(p, '')),
    };
  } else {
    kind = 'json';
    const cy = input.year!;
    if (typeof cy !== 'object' || cy === null || Array.isArray(cy)) {
      problems.push({
        pointer: `${base}/year`,
        detail: '年度数据应为对象：{ year, source, holidays, makeupWorkdays }',
      });
      return { kind, result: { calendar: null, problems, notes: [] } };
    }
    const own = validateCalendarYear(cy, `${base}/year`);
    if (input.forYear !== undefined && input.forYear !== cy.year)
      own.push({
        pointer: `${base}/forYear`,
        detail: `年份（${input.forYear}）与年度数据中的年份（${cy.year}）不一致`,
      });
    if (source && source !== cy.source)
      own.push({ pointer: `${base}/source`, detail: '来源应写在年度数据的 source 中，两处不一致' });
    parsed = { calendar: own.length === 0 ? cy : null, problems: own, notes: [] };
  }
  problems.push(...parsed.problems);
  return {
    kind,
    result: { calendar: problems.length === 0 ? parsed.calendar : null, problems, notes: parsed.notes },
  };
}

/** Keeps only the fields of a `CalendarYear` (JSON input may carry others). */
function clean(cy: CalendarYear): CalendarYear {
  const day = (d: CalendarYear['holidays'][number]) => ({
    date: d.date,
    name: d.name.trim(),
    ...(d.source !== undefined ? { source: d.source.trim() } : {}),
  });
  const byDate = (a: { date: string }, b: { date: string }) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
  return {
    year: cy.year,
    source: cy.source.trim(),
    holidays: cy.holidays.map(day).sort(byDate),
    makeupWorkdays: cy.makeupWorkdays.map(day).sort(byDate),
  };
}

const KIND = { holiday: '放假日', 'makeup-workday': '调休上班日' } as const;

/** Parses and checks the input against the stored years; throws 400 `CALENDAR.LOAD_INVALID` listing everything. */
async function prepare(
  db: Db,
  input: CalendarLoadInput,
  lock: boolean,
): Promise<{ preview: CalendarPreview; currentData: CalendarYear | null }> {
  const { kind, result } = parseInput(input);
  const problems = [...result.problems];
  const cy = result.calendar ? clean(result.calendar) : null;
  const stored = await db.select().from(calendarYears).orderBy(asc(calendarYears.year));
  let current = cy ? stored.find((r) => r.year === cy.year) : undefined;
  if (cy && current && lock) {
    [current] = await db.select().from(calendarYears).where(eq(calendarYears.year, cy.year)).for('update');
  }
  let counts = { workdays: 0, restDays: 0 };
  if (cy) {
    // The new year must agree with the other loaded years on the dates both list (e.g. 12-31 of the year before).
    const others = stored.filter((r) => r.year !== cy.year).map((r) => r.data);
    const listed = new Map<string, { kind: keyof typeof KIND; year: number }>();
    for (const o of others) {
      for (const d of o.holidays) listed.set(d.date, { kind: 'holiday', year: o.year });
      for (const d of o.makeupWorkdays) listed.set(d.date, { kind: 'makeup-workday', year: o.year });
    }
    const base = input.pointerBase ?? '/body';
    const clash = (date: string, mine: keyof typeof KIND) => {
      const other = listed.get(date);
      if (other && other.kind !== mine)
        problems.push({
          pointer: base,
          detail: `${date} 在已载入的${other.year}年放假安排中是${KIND[other.kind]}，本次导入为${KIND[mine]}，两者矛盾`,
        });
    };
    for (const d of cy.holidays) clash(d.date, 'holiday');
    for (const d of cy.makeupWorkdays) clash(d.date, 'makeup-workday');
    if (problems.length === 0) {
      try {
        counts = countDays(new WorkCalendar([...others, cy]), cy.year);
      } catch (e) {
        if (!(e instanceof DomainError && e.code === 'CALENDAR.INVALID')) throw e;
        problems.push(...e.errors.map((p) => ({ pointer: base, detail: p.detail })));
      }
    }
  }
  if (problems.length > 0 || !cy || !kind) {
    throw invalid('CALENDAR.LOAD_INVALID', `放假安排有${problems.length}处问题，未保存任何数据`, problems);
  }
  const diff = current ? diffCalendarYears(current.data, cy) : null;
  const preview: CalendarPreview = {
    year: cy.year,
    source: cy.source,
    input: kind,
    calendar: cy,
    notes: result.notes,
    current: current
      ? { source: current.source, loadedAt: current.loadedAt, loadedBy: current.loadedBy }
      : null,
    diff,
    unchanged: diff !== null && isEmptyDiff(diff),
    ...counts,
  };
  return { preview, currentData: current?.data ?? null };
}

/** Parses and checks a year without storing anything: what would be loaded and what it would change. */
export async function previewCalendarYear(db: Db, input: CalendarLoadInput): Promise<CalendarPreview> {
  return (await prepare(db, input, false)).preview;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * Loads a year: creates it, or replaces it when `replace` is set (409 `CALENDAR.YEAR_EXISTS` listing the changes
 * otherwise), with a `calendar.year.loaded` entry in the loader's tenant log in the same transaction. Loading the
 * same arrangement again changes nothing and writes nothing.
 */
export async function loadCalendarYear(
  db: Db,
  who: CalendarLoader,
  input: CalendarLoadInput,
): Promise<CalendarLoadResult> {
  const result = await db.transaction(async (tx): Promise<CalendarLoadResult> => {
    const { preview, currentData } = await prepare(tx, input, true);
    if (preview.unchanged) return { ...preview, action: 'unchanged', logEntryId: null };
    if (preview.current && !input.replace) {
      throw new DomainError(
        'CALENDAR.YEAR_EXISTS',
        'conflict',
        `${preview.year}年的放假安排已经载入（来源：${preview.current.source}）。如确需替换，请核对以下差异后选择“替换”重新提交`,
        (preview.diff?.summary ?? []).map((detail) => ({
          pointer: `${input.pointerBase ?? '/body'}/replace`,
          detail,
        })),
      );
    }
    const row = {
      year: preview.year,
      source: preview.source,
      data: preview.calendar,
      loadedAt: who.now,
      loadedBy: who.loadedBy,
    };
    if (preview.current) {
      await tx.update(calendarYears).set(row).where(eq(calendarYears.year, preview.year));
    } else {
      const inserted = await tx
        .insert(calendarYears)
        .values(row)
        .onConflictDoNothing({ target: calendarYears.year })
        .returning({ year: calendarYears.year });
      if (inserted.length === 0)
        throw new DomainError(
          'CALENDAR.YEAR_EXISTS',
          'conflict',
          `${preview.year}年的放假安排刚刚已由他人载入，请刷新后核对差异`,
        );
    }
    const attachments: Record<string, string> = {};
    if (input.file) attachments[input.file.name] = sha256(input.file.bytes);
    else if (input.notice !== undefined) attachments['notice.txt'] = sha256(input.notice);
    const lists = (cy: CalendarYear) => ({
      source: cy.source,
      holidays: cy.holidays,
      makeupWorkdays: cy.makeupWorkdays,
    });
    const before = currentData ? lists(currentData) : null;
    const logEntryId = await appendLogEntry(tx, {
      tenantId: who.tenantId,
      kind: 'calendar.year.loaded',
      actor: who.actor,
      subject: { type: 'calendar-year', id: String(preview.year) },
      before,
      after: lists(preview.calendar),
      data: {
        year: preview.year,
        source: preview.source,
        via: who.via,
        input: preview.input,
        replaced: preview.current !== null,
        changes: preview.diff?.summary ?? [],
        workdays: preview.workdays,
        ...(preview.notes.length > 0 ? { notes: preview.notes } : {}),
      },
      ...(Object.keys(attachments).length > 0 ? { attachments } : {}),
      requestId: who.requestId,
      at: who.now,
    });
    return { ...preview, action: preview.current ? 'replaced' : 'created', logEntryId };
  });
  if (result.action !== 'unchanged') invalidateCalendarCache();
  return result;
}
