import { Typography } from 'antd';
import dayjs from 'dayjs';
import type { CalendarDay } from '../../api/types.ts';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** Runs of consecutive days with the same name, e.g. 春节 2020-01-24 to 2020-02-02 (10 days). */
export function runsOf(days: CalendarDay[]): { name: string; from: string; to: string; count: number }[] {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const out: { name: string; from: string; to: string; count: number }[] = [];
  for (const d of sorted) {
    const last = out[out.length - 1];
    if (last && last.name === d.name && dayjs(last.to).add(1, 'day').format('YYYY-MM-DD') === d.date) {
      last.to = d.date;
      last.count++;
    } else out.push({ name: d.name, from: d.date, to: d.date, count: 1 });
  }
  return out;
}

/** `1月24日` or `1月24日—2月2日`. */
export const spanText = (from: string, to: string) =>
  from === to
    ? dayjs(from).format('M月D日')
    : `${dayjs(from).format('M月D日')}—${dayjs(to).format('M月D日')}`;

/**
 * A year as twelve small month grids (Monday first): holidays marked 休 and make-up working days marked 班,
 * with their names on hover; weekends greyed.
 */
export function YearGrid({
  year,
  holidays,
  makeupWorkdays,
}: {
  year: number;
  holidays: CalendarDay[];
  makeupWorkdays: CalendarDay[];
}) {
  const rest = new Map(holidays.map((d) => [d.date, d]));
  const work = new Map(makeupWorkdays.map((d) => [d.date, d]));
  const todayIso = dayjs().format('YYYY-MM-DD');
  return (
    <div className="fz-year-grid" data-testid="year-grid" data-year={year}>
      {Array.from({ length: 12 }, (_, m) => {
        const first = dayjs(new Date(year, m, 1));
        const lead = (first.day() + 6) % 7; // Monday first
        const days = first.daysInMonth();
        return (
          <section key={first.format('YYYY-MM')} className="fz-month" aria-label={`${year}年${m + 1}月`}>
            <Typography.Text strong className="fz-month-title">
              {m + 1}月
            </Typography.Text>
            <div className="fz-month-days">
              {WEEKDAYS.map((w) => (
                <span key={w} className="fz-weekday">
                  {w}
                </span>
              ))}
              {lead > 0 ? <span style={{ gridColumn: `span ${lead}` }} /> : null}
              {Array.from({ length: days }, (_, i) => {
                const date = first.date(i + 1);
                const iso = date.format('YYYY-MM-DD');
                const h = rest.get(iso);
                const w = work.get(iso);
                const weekend = date.day() === 0 || date.day() === 6;
                const cls = [
                  'fz-day',
                  h ? 'fz-day-holiday' : w ? 'fz-day-makeup' : weekend ? 'fz-day-weekend' : '',
                  iso === todayIso ? 'fz-day-today' : '',
                ]
                  .filter(Boolean)
                  .join(' ');
                const title = h
                  ? `${iso} ${h.name} 放假${h.source ? `（${h.source}）` : ''}`
                  : w
                    ? `${iso} ${w.name} 调休上班${w.source ? `（${w.source}）` : ''}`
                    : `${iso} ${weekend ? '休息日' : '工作日'}`;
                return (
                  <span
                    key={iso}
                    className={cls}
                    title={title}
                    data-date={iso}
                    data-kind={h ? 'holiday' : w ? 'makeup-workday' : weekend ? 'weekend' : 'workday'}
                    data-name={h?.name ?? w?.name}
                  >
                    {i + 1}
                    {h ? <i className="fz-day-mark">休</i> : w ? <i className="fz-day-mark">班</i> : null}
                  </span>
                );
              })}
            </div>
          </section>
        );
      })}
    </div>
  );
}

/** The year's holidays by festival, with their make-up working days. */
export function HolidayList({
  holidays,
  makeupWorkdays,
}: {
  holidays: CalendarDay[];
  makeupWorkdays: CalendarDay[];
}) {
  const names = [
    ...new Set(
      [...holidays, ...makeupWorkdays].sort((a, b) => a.date.localeCompare(b.date)).map((d) => d.name),
    ),
  ];
  if (names.length === 0) return <Typography.Text type="secondary">没有放假安排</Typography.Text>;
  return (
    <ul className="fz-holiday-list" data-testid="holiday-list">
      {names.map((name) => {
        const off = runsOf(holidays.filter((d) => d.name === name));
        const on = makeupWorkdays.filter((d) => d.name === name);
        const total = off.reduce((n, r) => n + r.count, 0);
        return (
          <li key={name}>
            <Typography.Text strong>{name}</Typography.Text>
            <span>
              {off.length > 0 ? `${off.map((r) => spanText(r.from, r.to)).join('、')}放假，共${total}天` : ''}
              {on.length > 0
                ? `${off.length > 0 ? '；' : ''}${on.map((d) => `${dayjs(d.date).format('M月D日')}（周${WEEKDAYS[(dayjs(d.date).day() + 6) % 7]}）`).join('、')}上班`
                : ''}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
