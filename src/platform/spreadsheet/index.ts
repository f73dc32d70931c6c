/** Spreadsheet cells as text, and header/name normalisation, shared by every module's Excel import. */
export { cellText, normalizeName } from './cells.ts';
export { detached, readFirstSheetRows, type SheetRow, XlsxReadError } from './xlsx-rows.ts';
