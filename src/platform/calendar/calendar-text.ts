/**
 * Chinese one-line descriptions of calendar answers, shared by the API and the CLI so both say the same thing.
 */
import { dayOfWeek, type IsoDate } from './iso-date.ts';
import type { DayInfo } from './work-calendar.ts';

/** `星期一` … `星期日`. */
export function weekdayLongName(date: IsoDate): string {
  return `星期${'日一二三四五六'[dayOfWeek(date)]}`;
}

/** What kind of day it is and why, e.g. `休息日（春节，国办发明电〔2020〕1号）`, `工作日`, `休息日（周末）`. */
export function dayKindText(info: DayInfo): string {
  switch (info.kind) {
    case 'workday':
      return '工作日';
    case 'weekend':
      return '休息日（周末）';
    case 'holiday':
      return `休息日（${info.name}${info.source ? `，${info.source}` : ''}）`;
    case 'makeup-workday':
      return `工作日（${info.name}调休上班${info.source ? `，${info.source}` : ''}）`;
  }
}

/** `2020-01-31 星期五 休息日（春节，国办发明电〔2020〕1号）`. */
export function dayText(info: DayInfo): string {
  return `${info.date} ${weekdayLongName(info.date)} ${dayKindText(info)}`;
}

/** The units `addToDate` accepts. */
export type AddUnit = 'workday' | 'day' | 'month';

/** `7个工作日`, `15日`, `3个月`. */
export function amountText(amount: number, unit: AddUnit): string {
  return `${amount}${{ workday: '个工作日', day: '日', month: '个月' }[unit]}`;
}
