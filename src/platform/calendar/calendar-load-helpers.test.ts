import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { calendarSeed } from './calendar.seed.ts';
import { diffCalendarYears, isEmptyDiff } from './calendar-diff.ts';
import { parseCsv, readCalendarFile } from './calendar-file.ts';
import { inferRowsYear, parseCalendarRows } from './calendar-rows.ts';
import { amountText, dayText, weekdayLongName } from './calendar-text.ts';
import type { CalendarYear } from './calendar-year.ts';
import { validateCalendarYear } from './calendar-year.ts';
import { seededWorkCalendar } from './seeded-calendar.ts';

const cal = seededWorkCalendar();
const y2026 = calendarSeed.find((c) => c.year === 2026)!;

describe('dayText', () => {
  it.each([
    ['2020-01-31', '2020-01-31 星期五 休息日（春节，国办发明电〔2020〕1号）'],
    ['2020-01-19', '2020-01-19 星期日 工作日（春节调休上班，国办发明电〔2019〕16号）'],
    ['2025-10-06', '2025-10-06 星期一 休息日（国庆节、中秋节，国办发明电〔2024〕12号）'],
    ['2025-10-12', '2025-10-12 星期日 休息日（周末）'],
    ['2025-09-30', '2025-09-30 星期二 工作日'],
  ])('%s', (date, text) => {
    expect(dayText(cal.describe(date))).toBe(text);
  });

  it('names weekdays and amounts', () => {
    expect(weekdayLongName('2026-01-04')).toBe('星期日');
    expect(amountText(7, 'workday')).toBe('7个工作日');
    expect(amountText(3, 'month')).toBe('3个月');
  });
});

describe('per-day source', () => {
  it('must not be blank when given', () => {
    const cy: CalendarYear = { ...y2026, holidays: [{ date: '2026-01-01', name: '元旦', source: ' ' }] };
    expect(validateCalendarYear(cy).map((p) => p.pointer)).toEqual(['/holidays/0/source']);
  });
});

describe('diffCalendarYears', () => {
  it('is empty for the same arrangement', () => {
    expect(isEmptyDiff(diffCalendarYears(y2026, structuredClone(y2026) as CalendarYear))).toBe(true);
  });

  it('lists added, removed, changed days and the source', () => {
    const after: CalendarYear = {
      ...y2026,
      source: '国办发明电〔2025〕99号',
      holidays: [
        ...y2026.holidays.filter((h) => h.date !== '2026-01-03'),
        { date: '2026-12-31', name: '元旦' },
      ].map((h) => (h.date === '2026-02-15' ? { ...h, name: '春节（除夕）' } : h)),
      makeupWorkdays: y2026.makeupWorkdays.filter((m) => m.date !== '2026-01-04'),
    };
    const diff = diffCalendarYears(y2026, after);
    expect(diff.source).toEqual({ before: y2026.source, after: '国办发明电〔2025〕99号' });
    expect(diff.changes.map((c) => c.date)).toEqual(['2026-01-03', '2026-01-04', '2026-02-15', '2026-12-31']);
    expect(diff.summary).toEqual([
      `来源：“${y2026.source}”改为“国办发明电〔2025〕99号”`,
      '2026-01-03（周六）：取消放假（元旦），恢复为平常休息日',
      '2026-01-04（周日）：取消调休上班（元旦），恢复为平常休息日',
      '2026-02-15（周日）：放假（春节）改为放假（春节（除夕））',
      '2026-12-31（周四）：新增放假（元旦）',
    ]);
  });
});

describe('rows: year inference and row numbers', () => {
  it('infers the year only when the dates say so unambiguously', () => {
    expect(inferRowsYear([{ date: '2027-01-01' }, { date: '2027/2/5' }])).toBe(2027);
    expect(inferRowsYear([{ date: '2026-12-31' }, { date: '2027-01-01' }])).toBe(2027);
    expect(inferRowsYear([{ date: '2026-11-30' }, { date: '2027-01-01' }])).toBeNull();
    expect(inferRowsYear([{ date: '2025-01-01' }, { date: '2027-01-01' }])).toBeNull();
    expect(inferRowsYear([{ date: 'x' }])).toBeNull();
  });

  it('names rows by their spreadsheet numbers', () => {
    const r = parseCalendarRows([{ date: '2027-02-30', type: '休', name: '春节' }], {
      year: 2027,
      source: '测试',
      rowNumbers: [5],
    });
    expect(r.problems[0]).toMatchObject({ pointer: '/rows/0/date' });
    expect(r.problems[0]?.detail).toMatch(/^第5行：/);
  });
});

async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('2027');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('readCalendarFile', () => {
  it('reads the first sheet of an .xlsx: date cells, text dates, rich text, columns in any order', async () => {
    const bytes = await xlsx([
      ['放假安排'],
      ['名称', '日期', '类型', '备注'],
      [{ richText: [{ text: '元' }, { text: '旦' }] }, new Date(Date.UTC(2027, 0, 1)), '休', 'x'],
      [],
      ['春节', '2027-01-31', '班'],
    ]);
    // a title row above the header is skipped
    const titled = await readCalendarFile('2027.xlsx', bytes);
    expect(titled.problems).toEqual([]);
    expect(titled.rowNumbers).toEqual([3, 5]);

    const plain = await readCalendarFile(
      'whatever.bin',
      await xlsx([
        ['名称', '日期', '类型', '备注'],
        [{ richText: [{ text: '元' }, { text: '旦' }] }, new Date(Date.UTC(2027, 0, 1)), '休', 'x'],
        [],
        ['春节', '2027-01-31', '班'],
        ['春节', 46423, '休'],
      ]),
    );
    expect(plain.problems).toEqual([]);
    expect(plain.rows).toEqual([
      { date: '2027-01-01', type: '休', name: '元旦' },
      { date: '2027-01-31', type: '班', name: '春节' },
      { date: 46423, type: '休', name: '春节' },
    ]);
    expect(plain.rowNumbers).toEqual([2, 4, 5]);
  });

  it('reports a date cell with a time of day', async () => {
    const r = await readCalendarFile(
      'a.xlsx',
      await xlsx([
        ['日期', '类型', '名称'],
        [new Date(Date.UTC(2026, 11, 31, 16)), '休', '元旦'],
      ]),
    );
    expect(r.problems[0]?.detail).toContain('第2行第1列：日期单元格含有时刻');
  });

  it('reads CSV in UTF-8 (with BOM) and in GBK', async () => {
    const text = '日期,类型,名称\r\n2027-01-01,休,元旦\r\n"2027-01-31",班,"春节"\r\n';
    const utf8 = await readCalendarFile('a.csv', new TextEncoder().encode(`\ufeff${text}`));
    expect(utf8.problems).toEqual([]);
    expect(utf8.rows).toEqual([
      { date: '2027-01-01', type: '休', name: '元旦' },
      { date: '2027-01-31', type: '班', name: '春节' },
    ]);
    // GBK bytes of 日期,类型,名称 / 2027-01-01,休,元旦
    const gbk = Uint8Array.from([
      0xc8,
      0xd5,
      0xc6,
      0xda,
      0x2c,
      0xc0,
      0xe0,
      0xd0,
      0xcd,
      0x2c,
      0xc3,
      0xfb,
      0xb3,
      0xc6,
      0x0a,
      ...new TextEncoder().encode('2027-01-01,'),
      0xd0,
      0xdd,
      0x2c,
      0xd4,
      0xaa,
      0xb5,
      0xa9,
      0x0a,
    ]);
    const r = await readCalendarFile('gbk.csv', gbk);
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([{ date: '2027-01-01', type: '休', name: '元旦' }]);
  });

  it('parses quoted CSV fields and tab-separated text', () => {
    expect(parseCsv('a,"b,c","d""e"\n1,2,3')).toEqual([
      ['a', 'b,c', 'd"e'],
      ['1', '2', '3'],
    ]);
    expect(parseCsv('日期\t类型\t名称\n2027-01-01\t休\t元旦\n')).toEqual([
      ['日期', '类型', '名称'],
      ['2027-01-01', '休', '元旦'],
    ]);
  });

  it('refuses empty, legacy .xls and broken files, and a missing header column', async () => {
    expect((await readCalendarFile('a.csv', new Uint8Array())).problems[0]?.detail).toBe('文件为空');
    expect(
      (await readCalendarFile('a.xls', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 1]))).problems[0]?.detail,
    ).toContain('.xls');
    expect(
      (await readCalendarFile('a.xlsx', new TextEncoder().encode('hello'))).problems[0]?.detail,
    ).toContain('不是有效的 Excel');
    expect(
      (await readCalendarFile('a.xlsx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).problems[0]?.detail,
    ).toContain('无法读取');
    const r = await readCalendarFile('a.csv', new TextEncoder().encode('日期,名称\n2027-01-01,元旦\n'));
    expect(r.problems.map((p) => p.detail)).toEqual([
      '第1行（表头）缺少“类型”列；表头应为：日期、类型（休/班）、名称',
    ]);
  });
});
