/**
 * Traffic-light status of a deadline for dashboards and reminders.
 */
import {
  addDays,
  addMonthsClamped,
  assertIsoDate,
  diffDays,
  type IsoDate,
  type WorkCalendar,
} from '../calendar/index.ts';
import type { DeadlineAmount, DeadlineRule } from './deadline-rule.ts';

/** `green` on track, `yellow` inside the warning window, `red` overdue, `paused` while the clock is stopped. */
export type DeadlineStatus = 'green' | 'yellow' | 'red' | 'paused';

/** Warning window used when a rule sets none: 3 working days. */
export const DEFAULT_WARN_BEFORE: DeadlineAmount = { amount: 3, unit: 'workday' };

/**
 * Status of a period due on `due` as of `today` (`due` is `computeDeadline(...).dueDate`; `null` = stopped).
 * - `red` when `today` is after `due` (the due day itself is still in time);
 * - `yellow` when at most `warnBefore` remains after today: with working days, when the working days in
 *   (today, due] are ≤ the amount (3 working days: from the Tuesday for a Friday deadline); with calendar days,
 *   when `due − today` ≤ the amount; with months/years, from the same day that many months before `due`;
 * - `green` otherwise.
 */
export function deadlineStatus(
  due: IsoDate | null,
  today: IsoDate,
  rule: Pick<DeadlineRule, 'warnBefore'>,
  calendar: WorkCalendar,
): DeadlineStatus {
  assertIsoDate(today, '今天的日期');
  if (due === null) return 'paused';
  assertIsoDate(due, '期限届满日');
  if (today > due) return 'red';
  const warn = rule.warnBefore ?? DEFAULT_WARN_BEFORE;
  switch (warn.unit) {
    case 'workday': {
      // Walk back from the due date, so that only days near it are inspected.
      let count = 0;
      for (let d = due; d > today && count <= warn.amount; d = addDays(d, -1)) {
        if (calendar.isWorkday(d)) count += 1;
      }
      return count <= warn.amount ? 'yellow' : 'green';
    }
    case 'day':
      return diffDays(today, due) <= warn.amount ? 'yellow' : 'green';
    case 'month':
    case 'year': {
      const months = warn.unit === 'year' ? warn.amount * 12 : warn.amount;
      return today >= addMonthsClamped(due, -months) ? 'yellow' : 'green';
    }
  }
}
