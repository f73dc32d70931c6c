/** Spreadsheet cells as text, header/name normalisation and a fast first-sheet reader, shared by every module's Excel import. */
export { cellText, normalizeName } from './cells.ts';
export {
  readSheet,
  SHEET_MAX_ROWS,
  type SheetProblem,
  type SheetRecord,
  writeSheet,
} from './sheet.ts';
export { detached, readFirstSheetRows, type SheetRow, XlsxReadError } from './xlsx-rows.ts';
