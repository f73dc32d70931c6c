/**
 * Reading spreadsheet cells as officials type them: exceljs gives a cell's value as a string, number, boolean,
 * Date, rich text, formula (with its cached result), hyperlink or error; `cellText` turns each into the trimmed
 * text a validator reads (dates as YYYY-MM-DD, the calendar day exceljs stores at UTC midnight).
 */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText))
      return (o.richText as { text?: unknown }[])
        .map((t) => String(t.text ?? ''))
        .join('')
        .trim();
    if ('result' in o) return cellText(o.result);
    if (typeof o.text === 'string') return o.text.trim();
    if ('error' in o) return String(o.error);
  }
  return String(v).trim();
}

/** A header or name as compared: NFKC (full-width letters and digits folded) without any white space. */
export const normalizeName = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');
