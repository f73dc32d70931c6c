/**
 * Small registry-style workbooks (a few thousand rows: enforcement registries, the advisers' roster and ledger):
 * the first sheet of an .xlsx workbook, a header row of Chinese column names (in any order; unknown columns are
 * ignored), one record per row. Export writes the same layout, so an exported file imports unchanged. Large files
 * stream through `readFirstSheetRows` instead.
 */
import ExcelJS from 'exceljs';
import { cellText, normalizeName } from './cells.ts';

/** One data row: its spreadsheet row number and its cells as trimmed text, by column name. */
export interface SheetRecord {
  row: number;
  cells: Record<string, string>;
}

export interface SheetProblem {
  /** Spreadsheet row (1-based); 0 for the file itself. */
  row: number;
  /** Column name, or '' for the file or the whole row. */
  column: string;
  reason: string;
}

/** The most data rows `readSheet` takes by default. */
export const SHEET_MAX_ROWS = 2000;

/** Reads the first sheet; the header is the first non-empty row and must name every `required` column. */
export async function readSheet(
  filename: string,
  bytes: Uint8Array,
  columns: readonly string[],
  required: readonly string[],
  maxRows = SHEET_MAX_ROWS,
): Promise<{ rows: SheetRecord[]; problems: SheetProblem[] }> {
  const fail = (reason: string) => ({ rows: [], problems: [{ row: 0, column: '', reason }] });
  if (bytes.length === 0) return fail('文件为空');
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (!zip)
    return fail(
      filename.toLowerCase().endsWith('.xls')
        ? '不支持旧版 Excel 97-2003（.xls）文件，请在 Excel 中另存为 .xlsx 后上传'
        : '文件不是有效的 Excel 工作簿（.xlsx）',
    );
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    return fail('无法读取 Excel 文件，文件可能已损坏');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return fail('Excel 文件中没有工作表');
  const grid: { row: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    if (cells.some((c) => c)) grid.push({ row: rowNumber, cells });
  });
  const header = grid[0];
  if (!header) return fail('文件中没有任何内容');
  const index = new Map<string, number>();
  header.cells.forEach((h, i) => {
    const n = h ? normalizeName(h) : '';
    const name = columns.find((c) => normalizeName(c) === n);
    if (name && !index.has(name)) index.set(name, i);
  });
  const missing = required.filter((c) => !index.has(c));
  if (missing.length > 0)
    return {
      rows: [],
      problems: missing.map((c) => ({
        row: header.row,
        column: c,
        reason: `表头缺少“${c}”列；表头应为：${columns.join('、')}`,
      })),
    };
  const rows = grid.slice(1).map((g) => {
    const cells: Record<string, string> = {};
    for (const c of columns) cells[c] = index.has(c) ? (g.cells[index.get(c)!] ?? '') : '';
    return { row: g.row, cells };
  });
  if (rows.length > maxRows) return fail(`数据行过多（${rows.length}行），一次最多导入${maxRows}行`);
  if (rows.length === 0) return fail('文件中没有数据行');
  return { rows, problems: [] };
}

/** Writes one sheet with a header row and text cells. */
export async function writeSheet(
  sheetName: string,
  columns: readonly string[],
  rows: Record<string, string>[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Fazhi';
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns.map((c) => ({ header: c, key: c, width: Math.max(12, c.length * 3) }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(columns.map((c) => r[c] ?? ''));
  ws.eachRow((row) => {
    row.eachCell((cell) => {
      cell.numFmt = '@';
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
