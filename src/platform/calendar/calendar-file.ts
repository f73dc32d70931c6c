/**
 * Reads an uploaded holiday-arrangement spreadsheet (.xlsx: the first sheet; or .csv in UTF-8 or GB18030/GBK, as
 * saved by Excel on Chinese Windows) into rows for `parseCalendarRows`. The header is the first row naming a 日期
 * column (rows above it, such as a title, are skipped); it must name 日期, 类型 (休/班) and 名称, in any order; other
 * columns are ignored. Every problem is
 * reported; nothing is guessed (a number in the 日期 column is passed on and reported as an invalid date).
 */
import ExcelJS from 'exceljs';
import type { FieldProblem } from '../../kernel/errors.ts';
import type { CalendarRowInput } from './calendar-rows.ts';
import { formatIsoDate } from './iso-date.ts';

/** Rows read from a file, with the row number people see in the spreadsheet. */
export interface CalendarFileRows {
  rows: CalendarRowInput[];
  /** The spreadsheet row (1-based) of each entry of `rows`. */
  rowNumbers: number[];
  /** Problems with the file itself (pointer `/file`). */
  problems: FieldProblem[];
}

/** At most this many data rows (a year has 366 days at most). */
export const MAX_CALENDAR_FILE_ROWS = 400;

const COLUMNS = {
  date: ['日期', 'date'],
  type: ['类型', 'type'],
  name: ['名称', '节日', '节日名称', 'name'],
} as const;
const COLUMN_LABEL = { date: '日期', type: '类型', name: '名称' } as const;

type Cell = string | number | undefined;

function problemsOnly(detail: string): CalendarFileRows {
  return { rows: [], rowNumbers: [], problems: [{ pointer: '/file', detail }] };
}

/** Reads `bytes` as .xlsx (detected by content) or .csv. */
export async function readCalendarFile(filename: string, bytes: Uint8Array): Promise<CalendarFileRows> {
  const name = filename.toLowerCase();
  if (bytes.length === 0) return problemsOnly('文件为空');
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (ole || name.endsWith('.xls')) {
    return problemsOnly('不支持旧版 Excel 97-2003（.xls）文件，请在 Excel 中另存为 .xlsx 或 .csv 后上传');
  }
  if (zip) return tableToRows(await readXlsx(bytes));
  if (name.endsWith('.xlsx')) return problemsOnly('文件扩展名为 .xlsx，但内容不是有效的 Excel 工作簿');
  const text = decodeText(bytes);
  if (text === null) return problemsOnly('无法识别文件的文字编码，请以 UTF-8 或 GBK 编码保存 CSV 文件');
  return tableToRows({ grid: parseCsv(text), problems: [] });
}

interface Table {
  /** Rows by spreadsheet row number (index 0 = row 1). */
  grid: Cell[][];
  problems: FieldProblem[];
}

async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    return { grid: [], problems: [{ pointer: '/file', detail: '无法读取 Excel 文件，文件可能已损坏' }] };
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return { grid: [], problems: [{ pointer: '/file', detail: 'Excel 文件中没有工作表' }] };
  const grid: Cell[][] = [];
  const problems: FieldProblem[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const v = cellValue(cell.value);
      if (v instanceof Date) {
        const iso = formatIsoDate(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
        if (v.getUTCHours() + v.getUTCMinutes() + v.getUTCSeconds() !== 0) {
          problems.push({
            pointer: '/file',
            detail: `第${rowNumber}行第${col}列：日期单元格含有时刻（${v.toISOString()}），请只填写日期`,
          });
        }
        cells[col - 1] = iso;
      } else {
        cells[col - 1] = v;
      }
    });
    grid[rowNumber - 1] = cells;
  });
  return { grid, problems };
}

function cellValue(v: unknown): string | number | Date | undefined {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date || typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText))
      return (o.richText as { text?: unknown }[]).map((t) => String(t.text ?? '')).join('');
    if ('result' in o) return cellValue(o.result);
    if (typeof o.text === 'string') return o.text;
    if ('error' in o) return String(o.error);
  }
  return String(v);
}

/** Decodes a text file as UTF-8 (BOM removed), or GB18030/GBK when it is not valid UTF-8; `null` when neither. */
export function decodeText(bytes: Uint8Array): string | null {
  const strip = (s: string) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);
  try {
    return strip(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    try {
      return strip(new TextDecoder('gb18030', { fatal: true }).decode(bytes));
    } catch {
      return null;
    }
  }
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF); tab-separated when the first line has tabs only. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const sep = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const blank = (c: Cell) => c === undefined || (typeof c === 'string' && c.trim() === '');
const norm = (c: Cell) =>
  typeof c === 'string' ? c.normalize('NFKC').replace(/\s+/g, '').toLowerCase() : '';

function tableToRows(table: Table): CalendarFileRows {
  const problems = [...table.problems];
  // The header is the first row naming a 日期 column (a title row above it is skipped), else the first non-empty row.
  const named = table.grid.findIndex((r) =>
    r?.some((c) => (COLUMNS.date as readonly string[]).includes(norm(c))),
  );
  const headerIndex = named >= 0 ? named : table.grid.findIndex((r) => r && !r.every(blank));
  if (headerIndex < 0) {
    problems.push({ pointer: '/file', detail: '文件中没有任何内容' });
    return { rows: [], rowNumbers: [], problems };
  }
  const header = table.grid[headerIndex]!;
  const col: Partial<Record<keyof typeof COLUMNS, number>> = {};
  for (const key of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
    const i = header.findIndex((h) => (COLUMNS[key] as readonly string[]).includes(norm(h)));
    if (i < 0) {
      problems.push({
        pointer: '/file',
        detail: `第${headerIndex + 1}行（表头）缺少“${COLUMN_LABEL[key]}”列；表头应为：日期、类型（休/班）、名称`,
      });
    } else col[key] = i;
  }
  if (problems.length > 0) return { rows: [], rowNumbers: [], problems };

  const rows: CalendarRowInput[] = [];
  const rowNumbers: number[] = [];
  table.grid.forEach((r, i) => {
    if (i <= headerIndex || !r || r.every(blank)) return;
    const pick = (k: keyof typeof COLUMNS) => {
      const v = r[col[k]!];
      return typeof v === 'string' ? v.trim() : v;
    };
    rows.push({ date: pick('date'), type: pick('type'), name: pick('name') });
    rowNumbers.push(i + 1);
  });
  if (rows.length > MAX_CALENDAR_FILE_ROWS) {
    problems.push({
      pointer: '/file',
      detail: `数据行过多（${rows.length}行），一年的放假安排不超过${MAX_CALENDAR_FILE_ROWS}行`,
    });
    return { rows: [], rowNumbers: [], problems };
  }
  return { rows, rowNumbers, problems };
}
