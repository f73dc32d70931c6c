/**
 * The statutory clock: from a rule, a start date and the events of a case, when is the period due?
 *
 * Counting (民事诉讼法第八十五条): the start day is not counted (unless `rule.countStartDay`); a `workday` period ends
 * on its n-th working day; a `day` period ends n calendar days later, moved to the next working day when the last
 * day is a rest day and `rule.rollToWorkday`; `month` / `year` periods end on the same day of the target month
 * (clamped to the month's end), rolled likewise.
 *
 * Stops (中止, 补正, 专家论证, 征求第三方意见 …): a stop on day `s` resumed on day `r` excludes every day from `s` to `r`
 * inclusive. Units elapsed before the stop are those strictly before `s`; the remainder is counted from `r` as a
 * new start, so `r` itself is not counted (like the start day). Precisely:
 * - `workday` rules: working days in (start, s) are kept; the remaining working days are counted after `r`.
 * - `day` rules: calendar days in (start, s) are kept; the remainder runs from `r`; only the final last day rolls.
 *   Equivalently the unrolled last day moves `r − s + 1` days later.
 * - `month` / `year` rules: the unrolled last day moves `r − s + 1` calendar days later (a month cannot be split
 *   into days, so the excluded time is added as calendar days), then rolls.
 * A stop only counts if it starts on or before the (unrolled) last day; a later stop is ignored with a warning.
 * While stopped (a stop without a resume) the clock is not running, `dueDate` is `null` and `remaining` says how
 * much is left. A `restart` event (e.g. 政府信息公开条例第三十条: the reply period counts from receipt of the
 * corrected application) discards everything before it and counts the full period from its date.
 * Extensions (延长) add to the period; they must be in the rule's unit (months and years may be mixed).
 */
import { type FieldProblem, invalid } from '../../kernel/errors.ts';
import {
  addDays,
  addMonthsClamped,
  diffDays,
  type IsoDate,
  isIsoDate,
  type WorkCalendar,
} from '../calendar/index.ts';
import { type DeadlineRule, type DeadlineUnit, unitLabel, validateDeadlineRule } from './deadline-rule.ts';

/** Something that happened to a running period. Events must be in date order (extensions anywhere). */
export type ClockEvent =
  | { type: 'stop'; date: IsoDate; reason: string }
  | { type: 'resume'; date: IsoDate }
  | { type: 'extend'; amount: number; unit: DeadlineUnit; reason: string; approvedBy: string; date?: IsoDate }
  | { type: 'restart'; date: IsoDate; reason: string };

/** An extension applied to the period. */
export interface AppliedExtension {
  amount: number;
  unit: DeadlineUnit;
  reason: string;
  approvedBy: string;
  date?: IsoDate;
}

/** A stop of the clock. `to` is `null` while still stopped. */
export interface StopPeriod {
  from: IsoDate;
  to: IsoDate | null;
  reason: string;
  /** Calendar days excluded (`to − from + 1`), `null` while still stopped. */
  days: number | null;
  /** False when the stop began after the period had already ended (it is then ignored). */
  effective: boolean;
}

/** The result of `computeDeadline`. */
export interface DeadlineComputation {
  /** Last day of the period; `null` while the clock is stopped. */
  dueDate: IsoDate | null;
  /** False while stopped. */
  running: boolean;
  /** Date the period is counted from (the start date, or the last restart). */
  countedFrom: IsoDate;
  /** Period length including extensions, in `unit` (month and year rules are reported in months). */
  totalAmount: number;
  unit: DeadlineUnit;
  /** Calendar days excluded by completed, effective stops. */
  stoppedDays: number;
  stops: StopPeriod[];
  /** What is left when the clock is stopped. */
  remaining?: { amount: number; unit: DeadlineUnit };
  extensions: AppliedExtension[];
  /** Chinese remarks for the user (e.g. a stop that came too late). */
  warnings: string[];
}

const isMonthly = (u: DeadlineUnit) => u === 'month' || u === 'year';

function checkEvents(rule: DeadlineRule, start: IsoDate, events: readonly ClockEvent[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (i: number, field: string, detail: string) =>
    problems.push({ pointer: `/events/${i}${field}`, detail: `第${i + 1}个事件：${detail}` });
  let stoppedAt: IsoDate | null = null;
  let last = start;
  events.forEach((e, i) => {
    if (e.type === 'extend') {
      if (!Number.isInteger(e.amount) || e.amount <= 0) add(i, '/amount', '延长的期限必须是正整数');
      const compatible = isMonthly(rule.unit) ? isMonthly(e.unit) : e.unit === rule.unit;
      if (!compatible) {
        add(
          i,
          '/unit',
          `延长期限的单位（${unitLabel(e.unit)}）与该期限的单位（${unitLabel(rule.unit)}）不一致`,
        );
      }
      if (typeof e.reason !== 'string' || e.reason.trim() === '') add(i, '/reason', '请填写延长期限的理由');
      if (typeof e.approvedBy !== 'string' || e.approvedBy.trim() === '')
        add(i, '/approvedBy', '请填写批准人');
      if (e.date !== undefined && !isIsoDate(e.date)) add(i, '/date', `日期格式错误：${String(e.date)}`);
      return;
    }
    if (!isIsoDate(e.date)) {
      add(i, '/date', `日期格式错误，应为 YYYY-MM-DD：${String(e.date)}`);
      return;
    }
    if (e.date < last)
      add(i, '/date', `事件日期 ${e.date} 早于起算日或前一事件（${last}），事件须按时间顺序排列`);
    if (e.date > last) last = e.date;
    if (e.type === 'stop') {
      if (stoppedAt) add(i, '', `期限已于 ${stoppedAt} 中止，尚未恢复，不能再次中止`);
      if (typeof e.reason !== 'string' || e.reason.trim() === '') add(i, '/reason', '请填写中止的原因');
      stoppedAt = e.date;
    } else if (e.type === 'resume') {
      if (!stoppedAt) add(i, '', '期限未中止，不能恢复');
      stoppedAt = null;
    } else if (e.type === 'restart') {
      if (typeof e.reason !== 'string' || e.reason.trim() === '') add(i, '/reason', '请填写重新起算的原因');
      stoppedAt = null;
    } else {
      add(i, '/type', `未知的事件类型：${String((e as { type: unknown }).type)}`);
    }
  });
  return problems;
}

/**
 * Computes the due date of `rule` started on `startDate`, given the case's `events` (see the module comment for
 * the exact counting). Throws `CLOCK.INVALID` on a bad rule or bad events (listing every problem) and
 * `CALENDAR.YEAR_UNKNOWN` when the period reaches a year without holiday data.
 */
export function computeDeadline(
  rule: DeadlineRule,
  startDate: IsoDate,
  events: readonly ClockEvent[],
  calendar: WorkCalendar,
): DeadlineComputation {
  const problems = validateDeadlineRule(rule, '/rule');
  if (!isIsoDate(startDate)) {
    problems.push({
      pointer: '/startDate',
      detail: `起算日期格式错误，应为 YYYY-MM-DD：${String(startDate)}`,
    });
  } else {
    problems.push(...checkEvents(rule, startDate, events));
  }
  if (problems.length > 0) throw invalid('CLOCK.INVALID', '期限计算的输入有误，请按提示修改', problems);

  // Extensions apply whenever they occur; everything else counts from the last restart.
  const extensions: AppliedExtension[] = events
    .filter((e): e is Extract<ClockEvent, { type: 'extend' }> => e.type === 'extend')
    .map(({ amount, unit, reason, approvedBy, date }) => ({
      amount,
      unit,
      reason,
      approvedBy,
      ...(date !== undefined ? { date } : {}),
    }));
  const lastRestart = events.reduce((at, e, i) => (e.type === 'restart' ? i : at), -1);
  const countedFrom = lastRestart >= 0 ? (events[lastRestart] as { date: IsoDate }).date : startDate;
  const stops: StopPeriod[] = [];
  for (const e of events.slice(lastRestart + 1)) {
    if (e.type === 'stop')
      stops.push({ from: e.date, to: null, reason: e.reason, days: null, effective: true });
    if (e.type === 'resume') {
      const open = stops[stops.length - 1]!;
      open.to = e.date;
      open.days = diffDays(open.from, e.date) + 1;
    }
  }

  // Month and year rules are counted in months (extensions in months or years are added).
  const monthly = isMonthly(rule.unit);
  const toMonths = (amount: number, u: DeadlineUnit) => (u === 'year' ? amount * 12 : amount);
  const totalAmount = monthly
    ? toMonths(rule.amount, rule.unit) + extensions.reduce((sum, x) => sum + toMonths(x.amount, x.unit), 0)
    : rule.amount + extensions.reduce((sum, x) => sum + x.amount, 0);
  const unit: DeadlineUnit = monthly ? 'month' : rule.unit;

  const result = (partial: Partial<DeadlineComputation>): DeadlineComputation => ({
    dueDate: null,
    running: true,
    countedFrom,
    totalAmount,
    unit,
    stoppedDays: stops.reduce((s, p) => s + (p.effective && p.days !== null ? p.days : 0), 0),
    stops,
    extensions,
    warnings: [],
    ...partial,
  });
  const warnings: string[] = [];
  const ignoreFrom = (k: number, lastDay: IsoDate) => {
    for (const p of stops.slice(k)) {
      p.effective = false;
      warnings.push(`${p.from} 的中止（${p.reason}）发生在期限届满（${lastDay}）之后，不影响期限`);
    }
  };
  const finish = (lastDay: IsoDate): IsoDate => {
    if (rule.unit !== 'workday' && rule.rollToWorkday) return calendar.workdayOnOrAfter(lastDay);
    calendar.assertKnown(lastDay);
    return lastDay;
  };

  if (monthly) {
    let lastDay = addMonthsClamped(countedFrom, totalAmount);
    if (rule.countStartDay) lastDay = addDays(lastDay, -1);
    for (const [k, p] of stops.entries()) {
      if (p.from > lastDay) {
        ignoreFrom(k, lastDay);
        break;
      }
      if (p.to === null) {
        const remaining = { amount: diffDays(p.from, lastDay) + 1, unit: 'day' as const };
        return result({ running: false, remaining, warnings });
      }
      lastDay = addDays(lastDay, p.days!);
    }
    return result({ dueDate: finish(lastDay), warnings });
  }

  // Working days or calendar days: count units strictly between a cursor and each stop.
  const workday = rule.unit === 'workday';
  const unitsBetween = (a: IsoDate, b: IsoDate, cap: number): number => {
    // Units on days a < d < b, counting at most `cap`.
    if (!workday) return Math.min(cap, Math.max(0, diffDays(a, b) - 1));
    let n = 0;
    for (let d = addDays(a, 1); d < b && n < cap; d = addDays(d, 1)) if (calendar.isWorkday(d)) n += 1;
    return n;
  };
  const advance = (from: IsoDate, n: number): IsoDate => {
    if (!workday) return addDays(from, n);
    let d = from;
    for (let left = n; left > 0; ) {
      d = addDays(d, 1);
      if (calendar.isWorkday(d)) left -= 1;
    }
    return d;
  };

  let cursor = rule.countStartDay ? addDays(countedFrom, -1) : countedFrom;
  let remaining = totalAmount;
  for (const [k, p] of stops.entries()) {
    const available = unitsBetween(cursor, p.from, remaining);
    if (available >= remaining) {
      ignoreFrom(k, advance(cursor, remaining));
      break;
    }
    remaining -= available;
    if (p.to === null)
      return result({ running: false, remaining: { amount: remaining, unit: rule.unit }, warnings });
    cursor = p.to;
  }
  return result({ dueDate: finish(advance(cursor, remaining)), warnings });
}
