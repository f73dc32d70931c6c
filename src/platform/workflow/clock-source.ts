import type { Db } from '../../kernel/db/index.ts';
import {
  addDays,
  addMonthsClamped,
  type IsoDate,
  loadCalendar,
  type WorkCalendar,
} from '../calendar/index.ts';
import { DEFAULT_WARN_BEFORE, type DeadlineRule, effectiveRule } from '../clock/index.ts';

/** The working-day calendar in force (the `calendar_years` table, cached). */
export const calendarFor = (db: Db): Promise<WorkCalendar> => loadCalendar(db);

/** The deadline rule in force for a tenant: the statute, or the tenant's lawful local version. */
export const ruleFor = (db: Db, tenantId: string, code: string): Promise<DeadlineRule> =>
  effectiveRule(db, tenantId, code);

/** Today's date in China (UTC+8, no daylight saving). */
export const chinaDate = (d: Date): IsoDate =>
  new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Midnight at the start of a China date, as an instant. */
export const chinaMidnight = (date: IsoDate): Date => new Date(`${date}T00:00:00+08:00`);

/** The first day the status turns yellow: `warnBefore` before the due date. */
export function warnDate(due: IsoDate, rule: DeadlineRule, calendar: WorkCalendar): IsoDate {
  const warn = rule.warnBefore ?? DEFAULT_WARN_BEFORE;
  if (warn.unit === 'workday') {
    let d = due;
    let n = 0;
    while (n < warn.amount) {
      d = addDays(d, -1);
      if (calendar.isWorkday(d)) n++;
    }
    return d;
  }
  if (warn.unit === 'day') return addDays(due, -warn.amount);
  return addMonthsClamped(due, -(warn.unit === 'year' ? 12 : 1) * warn.amount);
}
