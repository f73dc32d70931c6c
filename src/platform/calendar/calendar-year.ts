/**
 * One year of the State Council holiday arrangement (国务院办公厅关于某年部分节假日安排的通知).
 */
import type { FieldProblem } from '../../kernel/errors.ts';
import { type IsoDate, isWeekend, parseIsoDateParts, weekdayName } from './iso-date.ts';

/** A dated entry of a holiday arrangement: the day and the festival it belongs to (e.g. `春节`). */
export interface CalendarDay {
  date: IsoDate;
  name: string;
  /**
   * The document this day comes from, when the year's arrangement combines several (2020: the yearly notice and
   * 国办发明电〔2020〕1号 extending the Spring Festival). Absent: the year's `source`.
   */
  source?: string;
}

/**
 * The holiday arrangement of one year, as published in the annual State Council notice.
 * Weekends are rest days unless listed in `makeupWorkdays` (调休上班); listed `holidays` are rest days.
 * A date may lie in December of the previous year when the notice says so (e.g. the 2023 notice's
 * 元旦 holiday starts on 2022-12-31).
 */
export interface CalendarYear {
  year: number;
  /** The notice this data comes from, e.g. `国办发明电〔2019〕16号`. */
  source: string;
  holidays: CalendarDay[];
  makeupWorkdays: CalendarDay[];
}

/**
 * Checks one `CalendarYear` and returns every problem found (empty when valid). Pointers are relative to the
 * year object, e.g. `/holidays/3/date`.
 */
export function validateCalendarYear(cy: CalendarYear, base = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (pointer: string, detail: string) => problems.push({ pointer: `${base}${pointer}`, detail });

  if (!Number.isInteger(cy.year) || cy.year < 1949 || cy.year > 2100) {
    add('/year', `年份无效：${String(cy.year)}`);
    return problems;
  }
  if (typeof cy.source !== 'string' || cy.source.trim() === '') {
    add('/source', `${cy.year}年放假安排缺少来源（如国务院办公厅通知文号）`);
  }
  const seen = new Map<string, string>();
  const check = (list: CalendarDay[], key: 'holidays' | 'makeupWorkdays') => {
    const label = key === 'holidays' ? '放假日' : '调休上班日';
    if (!Array.isArray(list)) {
      add(`/${key}`, `${label}列表缺失`);
      return;
    }
    list.forEach((entry, i) => {
      const p = parseIsoDateParts(String(entry?.date));
      if (!p) {
        add(`/${key}/${i}/date`, `${label}日期格式错误，应为 YYYY-MM-DD：${String(entry?.date)}`);
        return;
      }
      const inYear = p.year === cy.year || (p.year === cy.year - 1 && p.month === 12);
      if (!inYear) {
        add(`/${key}/${i}/date`, `${label} ${entry.date} 不属于${cy.year}年的放假安排`);
      }
      if (typeof entry.name !== 'string' || entry.name.trim() === '') {
        add(`/${key}/${i}/name`, `${label} ${entry.date} 缺少节日名称`);
      }
      if (entry.source !== undefined && (typeof entry.source !== 'string' || entry.source.trim() === '')) {
        add(`/${key}/${i}/source`, `${label} ${entry.date} 的来源不能为空（不填则为本年放假安排的来源）`);
      }
      if (key === 'makeupWorkdays' && !isWeekend(entry.date)) {
        add(`/${key}/${i}/date`, `调休上班日 ${entry.date} 是${weekdayName(entry.date)}，应为周六或周日`);
      }
      const before = seen.get(entry.date);
      if (before) {
        add(`/${key}/${i}/date`, `日期 ${entry.date} 重复出现（已列为${before}）`);
      } else {
        seen.set(entry.date, label);
      }
    });
  };
  check(cy.holidays, 'holidays');
  check(cy.makeupWorkdays, 'makeupWorkdays');
  return problems;
}

/**
 * Result of importing a holiday arrangement (from a notice text or from spreadsheet rows). `calendar` is set only
 * when there are no problems: nothing is guessed. `notes` lists text that was deliberately ignored (e.g. advisory
 * sentences such as 鼓励……休息) so a reviewer can see it.
 */
export interface CalendarImportResult {
  calendar: CalendarYear | null;
  problems: FieldProblem[];
  notes: string[];
}
