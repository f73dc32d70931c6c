/**
 * Dates written in documents. GB/T 9704-2012 (7.3.5.1) writes 成文日期 in Arabic numerals without leading zeros:
 * 2026年10月9日. The older Chinese-numeral form (二〇二六年十月九日) is available as `style: 'chinese'`.
 */
import { invalid } from '../../kernel/errors.ts';

const NUMERALS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** How a date is written: `arabic` (GB/T 9704-2012, default) or `chinese` (二〇二六年十月九日). */
export type ChineseDateStyle = 'arabic' | 'chinese';

/** Parses `YYYY-MM-DD` (a real calendar date); anything else is a `DOCUMENTS.DATE_INVALID` error. */
export function parseIsoDate(value: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    const probe = new Date(Date.UTC(year, month - 1, day));
    if (probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day) {
      return { year, month, day };
    }
  }
  throw invalid('DOCUMENTS.DATE_INVALID', '日期应为 YYYY-MM-DD 格式的有效日期');
}

function smallChineseNumber(n: number): string {
  if (n < 10) return NUMERALS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : NUMERALS[tens]}十${ones === 0 ? '' : NUMERALS[ones]}`;
}

/**
 * `2026-10-09` → `2026年10月9日` (default, GB/T 9704-2012) or, with `style: 'chinese'`, `二〇二六年十月九日`.
 */
export function formatChineseDate(date: string, style: ChineseDateStyle = 'arabic'): string {
  const { year, month, day } = parseIsoDate(date);
  if (style === 'arabic') return `${year}年${month}月${day}日`;
  const yearText = [...String(year)].map((d) => NUMERALS[Number(d)]).join('');
  return `${yearText}年${smallChineseNumber(month)}月${smallChineseNumber(day)}日`;
}
