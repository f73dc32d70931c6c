import type { Db } from '../../kernel/db/index.ts';
import { notFound } from '../../kernel/errors.ts';
import { addDays, type IsoDate, seededWorkCalendar, type WorkCalendar } from '../calendar/index.ts';
import { DEFAULT_WARN_BEFORE, type DeadlineRule, findDeadlineRule } from '../clock/index.ts';

/** The working-day calendar in force. */
export async function calendarFor(_db: Db): Promise<WorkCalendar> {
  return seededWorkCalendar();
}

/** The deadline rule in force for a tenant (the statute, or the tenant's local version). */
export async function ruleFor(_db: Db, _tenantId: string, code: string): Promise<DeadlineRule> {
  const rule = findDeadlineRule(code);
  if (!rule) throw notFound('WORKFLOW.RULE_UNKNOWN', `未找到期限规则 ${code}`);
  return rule;
}

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
  return addDays(due, -30 * warn.amount);
}
