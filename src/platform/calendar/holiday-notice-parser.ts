/**
 * Parser for the annual State Council holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知).
 *
 * Accepted item lines (full-width or half-width punctuation, any spacing):
 *   一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
 *   二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
 *   一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。
 *   一、元旦：1月1日（周三）放假1天，不调休。   五、端午节：6月10日放假，与周末连休。
 * Every day count (共N天) and weekday annotation (周四 / 星期日) is checked against the dates. Any line or sentence
 * that is not understood is reported as a problem; the parser never guesses. Advisory sentences starting with
 * 鼓励 are ignored but listed in `notes`. Known boilerplate lines (title, addressees, 节假日期间……, signature)
 * are skipped.
 */
import type { FieldProblem } from '../../kernel/errors.ts';
import {
  type CalendarDay,
  type CalendarImportResult,
  type CalendarYear,
  validateCalendarYear,
} from './calendar-year.ts';
import { addDays, daysInMonth, diffDays, formatIsoDate, type IsoDate, weekdayName } from './iso-date.ts';

/** Options for `parseHolidayNotice`. */
export interface HolidayNoticeOptions {
  /** Expected year; a problem is reported when the text names another year. Needed if the text names none. */
  year?: number;
  /** Source to record; defaults to the document number (国办发明电〔…〕…号) or the title found in the text. */
  source?: string;
}

const DATE = String.raw`(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日(?:\([^)]*\))?`;
const DATE_PARTS = /^(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:\(([^)]*)\))?$/;
const HOLIDAY_CLAUSE = new RegExp(String.raw`^(${DATE})(?:至(${DATE}))?放假(调休)?(?:(\d+)天)?$`);
const ITEM = /^([一二三四五六七八九十]+)、([^:]+):(.+)$/;
const DOC_NUMBER = /^国办发明电〔\d{4}〕\d+号$/;
const SIGN_DATE = /^\d{4}年\d{1,2}月\d{1,2}日$/;
const BOILERPLATE = [
  /部分节假日安排的通知/,
  DOC_NUMBER,
  /^各省、自治区、直辖市人民政府/,
  /^经(?:党中央、)?国务院批准/,
  /^(?:按照上述原则,)?现将\d{4}年.*通知如下[。:]?$/,
  /^节假日期间/,
  /^鼓励/,
  /^国务院办公厅$/,
  SIGN_DATE,
  /^新华社.*电/,
];

interface DateToken {
  year?: number;
  month?: number;
  day: number;
  annotation?: string;
}

function parseDateToken(text: string): DateToken | null {
  const m = DATE_PARTS.exec(text);
  if (!m) return null;
  return {
    year: m[1] ? Number(m[1]) : undefined,
    month: m[2] ? Number(m[2]) : undefined,
    day: Number(m[3]),
    annotation: m[4],
  };
}

/** Splits on `sep` outside parentheses. */
function splitOutside(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === sep && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

/** Normalises full-width punctuation and digits (NFKC) and removes all whitespace. */
function normaliseLine(line: string): string {
  return line.normalize('NFKC').replace(/\s+/g, '');
}

/** Parses a State Council holiday notice into a `CalendarYear`, reporting every line it cannot understand. */
export function parseHolidayNotice(text: string, options: HolidayNoticeOptions = {}): CalendarImportResult {
  const problems: FieldProblem[] = [];
  const notes: string[] = [];
  const rawLines = text.split(/\r?\n/);
  const lines = rawLines.map(normaliseLine);
  const problem = (i: number, detail: string) =>
    problems.push({ pointer: `/lines/${i}`, detail: `第${i + 1}行：${detail}` });

  // Year, document number and signature date.
  let year = options.year;
  let docNumber: string | undefined;
  let title: string | undefined;
  let signDate: string | undefined;
  lines.forEach((line, i) => {
    const y = /关于(\d{4})年部分节假日安排的通知/.exec(line) ?? /现将(\d{4})年/.exec(line);
    if (y) {
      const found = Number(y[1]);
      if (year === undefined) year = found;
      else if (found !== year) problem(i, `通知所述年份（${found}年）与预期年份（${year}年）不一致`);
      if (/部分节假日安排的通知/.test(line)) title ??= `国务院办公厅关于${found}年部分节假日安排的通知`;
    }
    if (DOC_NUMBER.test(line)) docNumber ??= line;
    if (SIGN_DATE.test(line)) signDate = line;
  });
  if (year === undefined) {
    problems.push({
      pointer: '/lines',
      detail: '无法确定通知所属年份：未找到“关于××××年部分节假日安排的通知”或“现将××××年……”',
    });
    return { calendar: null, problems, notes };
  }
  const noticeYear = year;

  const holidays: CalendarDay[] = [];
  const makeups: CalendarDay[] = [];
  const holidayLine: number[] = [];
  const makeupLine: number[] = [];
  let items = 0;

  // Resolves a date token; returns null after reporting a problem.
  const resolve = (
    i: number,
    token: DateToken,
    context: { year: number; month?: number },
  ): IsoDate | null => {
    const y = token.year ?? context.year;
    const m = token.month ?? context.month;
    if (m === undefined) {
      problem(i, `日期“${token.day}日”缺少月份`);
      return null;
    }
    if (m < 1 || m > 12 || token.day < 1 || token.day > daysInMonth(y, m)) {
      problem(i, `日期无效：${y}年${m}月${token.day}日`);
      return null;
    }
    const date = formatIsoDate(y, m, token.day);
    for (const part of (token.annotation ?? '').split('、').filter((p) => p !== '')) {
      const wd = /^(?:周|星期)([一二三四五六日天])$/.exec(part);
      if (wd) {
        const stated = wd[1] === '天' ? '日' : wd[1];
        if (`周${stated}` !== weekdayName(date)) {
          problem(i, `${date} 实为${weekdayName(date)}，通知注明为“${part}”，请核对`);
        }
      } else if (!part.startsWith('农历')) {
        problem(i, `无法识别的括注“${part}”`);
      }
    }
    return date;
  };

  lines.forEach((line, i) => {
    if (line === '') return;
    const item = ITEM.exec(line);
    if (!item) {
      if (!BOILERPLATE.some((re) => re.test(line))) problem(i, `无法识别的内容：“${rawLines[i]?.trim()}”`);
      return;
    }
    items += 1;
    const name = item[2]!;
    const sentences = item[3]!.split('。').filter((s) => s !== '');
    const [first, ...rest] = sentences;

    // The holiday sentence: 日期[至日期]放假[调休][N天][，共N天][，不调休 | ，与周末连休]
    const clauses = splitOutside(first ?? '', ',');
    const head = HOLIDAY_CLAUSE.exec(clauses[0] ?? '');
    if (!head) {
      problem(i, `无法识别放假日期：“${clauses[0] ?? ''}”`);
    } else {
      let declared = head[4] ? Number(head[4]) : undefined;
      for (const clause of clauses.slice(1)) {
        const total = /^共(\d+)天$/.exec(clause);
        if (total) {
          if (declared !== undefined && declared !== Number(total[1])) {
            problem(i, `放假天数前后不一致（${declared}天与${total[1]}天）`);
          }
          declared = Number(total[1]);
        } else if (!/^(?:不调休|与周末连休|与周[一二三四五六日]连休)$/.test(clause)) {
          problem(i, `无法识别的内容：“${clause}”`);
        }
      }
      const startToken = parseDateToken(head[1]!);
      const start = startToken && resolve(i, startToken, { year: noticeYear });
      let end: IsoDate | null = start;
      if (start && startToken && head[2]) {
        const endToken = parseDateToken(head[2]);
        const [sy, sm] = start.split('-').map(Number);
        end = endToken && resolve(i, endToken, { year: endToken.year ?? sy!, month: endToken.month ?? sm });
      }
      if (start && end) {
        const span = diffDays(start, end) + 1;
        if (span < 1 || span > 15) {
          problem(i, `放假起止日期不合理：${start} 至 ${end}`);
        } else {
          if (declared !== undefined && declared !== span) {
            problem(i, `通知写明共${declared}天，但 ${start} 至 ${end} 为${span}天`);
          }
          for (let k = 0; k < span; k += 1) {
            holidays.push({ date: addDays(start, k), name });
            holidayLine.push(i);
          }
        }
      }
    }

    // Further sentences: make-up working days (…上班) or advisory sentences (鼓励…).
    for (const sentence of rest) {
      if (sentence.startsWith('鼓励')) {
        notes.push(`第${i + 1}行：已忽略倡导性语句“${sentence}”（不改变放假安排）`);
        continue;
      }
      if (!sentence.endsWith('上班')) {
        problem(i, `无法识别的内容：“${sentence}”`);
        continue;
      }
      const parts = splitOutside(sentence.slice(0, -'上班'.length), '、');
      for (const part of parts) {
        const token = parseDateToken(part);
        if (!token) {
          problem(i, `无法识别的上班日期：“${part}”`);
          continue;
        }
        const date = resolve(i, token, { year: noticeYear });
        if (date) {
          makeups.push({ date, name });
          makeupLine.push(i);
        }
      }
    }
  });

  if (items === 0) {
    problems.push({ pointer: '/lines', detail: '未找到任何放假安排条目（如“一、元旦：……”）' });
  }

  const order = (list: CalendarDay[], at: number[]) =>
    list
      .map((d, k) => ({ d, line: at[k]! }))
      .sort((a, b) => (a.d.date < b.d.date ? -1 : a.d.date > b.d.date ? 1 : 0));
  const sortedHolidays = order(holidays, holidayLine);
  const sortedMakeups = order(makeups, makeupLine);
  const calendar: CalendarYear = {
    year: noticeYear,
    source:
      options.source ??
      docNumber ??
      `${title ?? `国务院办公厅关于${noticeYear}年部分节假日安排的通知`}${signDate ? `（${signDate}）` : ''}`,
    holidays: sortedHolidays.map((x) => x.d),
    makeupWorkdays: sortedMakeups.map((x) => x.d),
  };
  for (const p of validateCalendarYear(calendar)) {
    const m = /^\/(holidays|makeupWorkdays)\/(\d+)/.exec(p.pointer);
    const list = m?.[1] === 'holidays' ? sortedHolidays : sortedMakeups;
    const line = m ? list[Number(m[2])]?.line : undefined;
    if (line === undefined) problems.push(p);
    else problem(line, p.detail);
  }
  return { calendar: problems.length === 0 ? calendar : null, problems, notes };
}
