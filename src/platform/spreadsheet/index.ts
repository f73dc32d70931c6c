/** Spreadsheet cells as text, header/name normalisation and a fast first-sheet reader, shared by every module's Excel import. */
export { cellText, normalizeName } from './cells.ts';
export { detached, readFirstSheetRows, type SheetRow, XlsxReadError } from './xlsx-rows.ts';
