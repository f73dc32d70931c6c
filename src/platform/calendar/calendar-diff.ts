/**
 * The difference between two holiday arrangements of one year, shown before an administrator replaces a year.
 */
import type { CalendarDay, CalendarYear } from './calendar-year.ts';
import { type IsoDate, weekdayName } from './iso-date.ts';

/** A listed day as it stands in one version. */
export interface ListedDay {
  kind: 'holiday' | 'makeup-workday';
  name: string;
  source?: string;
}

/** One date whose listing differs: absent before (`null`), absent after, or listed differently. */
export interface CalendarDayChange {
  date: IsoDate;
  before: ListedDay | null;
  after: ListedDay | null;
}

/** What replacing `before` with `after` changes. */
export interface CalendarYearDiff {
  year: number;
  /** Set when the source text changes. */
  source: { before: string; after: string } | null;
  /** Changed dates in date order. */
  changes: CalendarDayChange[];
  /** One Chinese line per change (source first), for people. */
  summary: string[];
}

function index(cy: CalendarYear): Map<IsoDate, ListedDay> {
  const out = new Map<IsoDate, ListedDay>();
  const put = (d: CalendarDay, kind: ListedDay['kind']) =>
    out.set(d.date, { kind, name: d.name, ...(d.source !== undefined ? { source: d.source } : {}) });
  for (const d of cy.holidays) put(d, 'holiday');
  for (const d of cy.makeupWorkdays) put(d, 'makeup-workday');
  return out;
}

const same = (a: ListedDay, b: ListedDay) => a.kind === b.kind && a.name === b.name && a.source === b.source;

const label = (d: ListedDay) =>
  `${d.kind === 'holiday' ? '放假' : '调休上班'}（${d.name}${d.source ? `，${d.source}` : ''}）`;

/** Compares two arrangements of the same year date by date. */
export function diffCalendarYears(before: CalendarYear, after: CalendarYear): CalendarYearDiff {
  const a = index(before);
  const b = index(after);
  const dates = [...new Set([...a.keys(), ...b.keys()])].sort();
  const changes: CalendarDayChange[] = [];
  for (const date of dates) {
    const x = a.get(date) ?? null;
    const y = b.get(date) ?? null;
    if (x && y && same(x, y)) continue;
    changes.push({ date, before: x, after: y });
  }
  const source = before.source === after.source ? null : { before: before.source, after: after.source };
  const summary: string[] = [];
  if (source) summary.push(`来源：“${source.before}”改为“${source.after}”`);
  for (const c of changes) {
    const day = `${c.date}（${weekdayName(c.date)}）`;
    if (!c.before && c.after) summary.push(`${day}：新增${label(c.after)}`);
    else if (c.before && !c.after)
      summary.push(`${day}：取消${label(c.before)}，恢复为平常${weekdayKind(c.date)}`);
    else if (c.before && c.after) summary.push(`${day}：${label(c.before)}改为${label(c.after)}`);
  }
  return { year: after.year, source, changes, summary };
}

function weekdayKind(date: IsoDate): string {
  return ['周六', '周日'].includes(weekdayName(date)) ? '休息日' : '工作日';
}

/** True when nothing would change. */
export function isEmptyDiff(diff: CalendarYearDiff): boolean {
  return diff.source === null && diff.changes.length === 0;
}
