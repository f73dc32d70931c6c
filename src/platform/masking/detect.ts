/**
 * Pattern detection of personal identifiers in free text: resident ID numbers (18 digits with a valid check
 * character, 15-digit legacy form), mainland mobiles, landlines (区号-号码), bank cards (16–19 digits, Luhn) and
 * account numbers after 账号/卡号, e-mail addresses and licence plates.
 *
 * Every scan is linear: one pass per detector, regular expressions without nested quantifiers, boundaries checked
 * in code rather than by backtracking look-arounds. USCCs (统一社会信用代码) are public identifiers and are left alone.
 */
import { checkDivisionCode, isIdNumber, isUscc } from '../validators/index.ts';
import type { DataKind } from './policy.ts';

/** Which detector found a span. */
export type Detector =
  | 'id-number'
  | 'id-number-15'
  | 'mobile'
  | 'landline'
  | 'bank-card'
  | 'bank-account'
  | 'email'
  | 'licence-plate';

/** One detected span `[start, end)` of `text` (UTF-16 offsets), with the data kind it is masked as. */
export interface Detection {
  start: number;
  end: number;
  detector: Detector;
  kind: DataKind;
}

/** Options for `detectPatterns`. */
export interface DetectOptions {
  /** Also detect licence plates (default true). */
  licencePlates?: boolean;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAsciiAlnum = (c: string | undefined) => c !== undefined && /[0-9A-Za-z]/.test(c);

/** Luhn (mod 10) check over a digit string. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** True for a legacy 15-digit ID number: division code, a real date 19YYMMDD, three sequence digits. */
export function isLegacyIdNumber(s: string): boolean {
  if (!/^\d{15}$/.test(s) || !checkDivisionCode(s.slice(0, 6)).ok) return false;
  const year = 1900 + Number(s.slice(6, 8));
  const month = Number(s.slice(8, 10));
  const day = Number(s.slice(10, 12));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

const ACCOUNT_CONTEXT = /(账号|帐号|账户|帐户|卡号|银行卡|开户行)[^。；;\n]{0,12}$/;
const AMOUNT_SUFFIX = /^\s?(元|万|亿|%|％|‰|年|月|日|号|次|人|件|份|个|平方|米|吨|千克|公斤|克|升)/;

/** An 18-character alphanumeric word around `[start, end)` that is a valid USCC (at most 19 characters looked at). */
function insideUscc(text: string, start: number, end: number): boolean {
  let a = start;
  while (a > 0 && start - a < 18 && isAsciiAlnum(text[a - 1])) a -= 1;
  let b = end;
  while (b < text.length && b - end < 18 && isAsciiAlnum(text[b])) b += 1;
  if (b - a !== 18 || isAsciiAlnum(text[a - 1]) || isAsciiAlnum(text[b])) return false;
  return isUscc(text.slice(a, b).toUpperCase());
}

/** Classifies one separator-free digit string (already bounded) found at `start` in `text`. */
function classifyDigits(text: string, digits: string, start: number, end: number): Detector | null {
  const n = digits.length;
  const upper = digits.toUpperCase();
  if (n === 18 && isIdNumber(upper)) return 'id-number';
  if (n === 15 && isLegacyIdNumber(digits)) return 'id-number-15';
  if (/X$/i.test(digits)) return null;
  if (n === 11 && /^1[3-9]/.test(digits) && !AMOUNT_SUFFIX.test(text.slice(end, end + 3))) return 'mobile';
  if (n === 13 && /^861[3-9]/.test(digits) && text[start - 1] === '+') return 'mobile';
  // Bank cards: 16–19 digits, issuer prefix 3–6 (UnionPay 62, Visa 4, Mastercard 5, JCB/Amex 3), Luhn.
  if (n >= 16 && n <= 19 && /^[3-6]/.test(digits) && luhnValid(digits)) return 'bank-card';
  if (n >= 10 && n <= 30 && ACCOUNT_CONTEXT.test(text.slice(Math.max(0, start - 20), start)))
    return 'bank-account';
  return null;
}

/** Grouped forms accepted as one number: mobile 3-4-4, ID 6-8-4, bank card groups of four (last 1–4). */
function groupedDetector(groups: number[], digits: string): 'whole' | null {
  const shape = groups.join('-');
  if (shape === '3-4-4' && /^1[3-9]/.test(digits)) return 'whole';
  if (shape === '6-8-4') return 'whole';
  const last = groups[groups.length - 1]!;
  if (groups.length >= 4 && groups.slice(0, -1).every((g) => g === 4) && last >= 1 && last <= 4)
    return 'whole';
  return null;
}

const KIND_OF: Record<Detector, DataKind> = {
  'id-number': 'id-number',
  'id-number-15': 'id-number',
  mobile: 'phone',
  landline: 'phone',
  'bank-card': 'bank-account',
  'bank-account': 'bank-account',
  email: 'email',
  'licence-plate': 'licence-plate',
};

function scanNumbers(text: string, push: (start: number, end: number, d: Detector) => void): void {
  // A run of digits with single spaces or hyphens between digits, optionally ending in X (ID check character).
  const token = /[0-9](?:[0-9]|[ -](?=[0-9]))*[Xx]?/g;
  for (let m = token.exec(text); m !== null; m = token.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (isDigit(text[start - 1]) || isAsciiAlnum(text[end])) continue;
    if (/[A-Za-z]/.test(text[start - 1] ?? '') && insideUscc(text, start, end)) continue;
    const raw = m[0];
    const groups = raw.split(/[ -]/);
    if (groups.length > 1) {
      const digits = groups.join('');
      const lengths = groups.map((g) => g.length);
      if (groupedDetector(lengths, digits)) {
        const d = classifyDigits(text, digits, start, end);
        if (d) {
          push(start, end, d);
          continue;
        }
      }
      // Otherwise each separated run on its own (e.g. `2026-01-15`, `13812345678 2026`).
      let offset = start;
      for (const g of groups) {
        const d = g.length > 0 ? classifyDigits(text, g, offset, offset + g.length) : null;
        if (d) push(offset, offset + g.length, d);
        offset += g.length + 1;
      }
      continue;
    }
    if (isAsciiAlnum(text[start - 1]) && !/^\d{17}[\dXx]$/.test(raw)) {
      // Digits glued to letters are part of a code (USCC, document or model number), except a full ID number.
      continue;
    }
    const d = classifyDigits(text, raw, start, end);
    if (d) push(start, end, d);
  }
}

function scanLandlines(text: string, push: (start: number, end: number, d: Detector) => void): void {
  const re = /[(（]?0\d{2,3}[)）]?[-－— ]?\d{7,8}(?:(?:转|-|－)\d{1,6})?/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const raw = m[0];
    const separated = /[-－—)） ]/.test(raw.slice(0, 6));
    if (!separated || isDigit(text[start - 1]) || isAsciiAlnum(text[end])) continue;
    push(start, end, 'landline');
  }
}

const EMAIL_LOCAL = /[A-Za-z0-9._%+-]/;
const EMAIL_DOMAIN = /[A-Za-z0-9.-]/;

function scanEmails(text: string, push: (start: number, end: number, d: Detector) => void): void {
  let at = text.indexOf('@');
  let floor = 0; // never scan left of the previous e-mail: keeps the scan linear
  while (at !== -1) {
    let a = at;
    while (a > floor && EMAIL_LOCAL.test(text[a - 1]!)) a -= 1;
    let b = at + 1;
    while (b < text.length && EMAIL_DOMAIN.test(text[b]!)) b += 1;
    while (b > at + 1 && (text[b - 1] === '.' || text[b - 1] === '-')) b -= 1;
    const domain = text.slice(at + 1, b);
    if (a < at && /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(domain)) {
      push(a, b, 'email');
      floor = b;
    } else {
      floor = at + 1;
    }
    at = text.indexOf('@', Math.max(b, at + 1));
  }
}

const PLATE =
  /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·・.]?[A-HJ-NP-Z0-9]{5,6}/g;

function scanPlates(text: string, push: (start: number, end: number, d: Detector) => void): void {
  PLATE.lastIndex = 0;
  for (let m = PLATE.exec(text); m !== null; m = PLATE.exec(text)) {
    const end = m.index + m[0].length;
    if (isAsciiAlnum(text[end]) || !/\d/.test(m[0])) continue;
    push(m.index, end, 'licence-plate');
  }
}

/**
 * All identifier-like spans in `text`, sorted by start, overlaps resolved (the longer span wins).
 * Not detected on purpose: USCCs, 18-digit numbers with a wrong ID check character (case numbers), amounts,
 * dates, document numbers, 8-digit local numbers without an area code.
 */
export function detectPatterns(text: string, options: DetectOptions = {}): Detection[] {
  const found: Detection[] = [];
  const push = (start: number, end: number, detector: Detector) =>
    found.push({ start, end, detector, kind: KIND_OF[detector] });
  scanNumbers(text, push);
  scanLandlines(text, push);
  scanEmails(text, push);
  if (options.licencePlates !== false) scanPlates(text, push);
  found.sort((x, y) => x.start - y.start || y.end - y.start - (x.end - x.start));
  const out: Detection[] = [];
  for (const d of found) {
    const last = out[out.length - 1];
    if (last && d.start < last.end) {
      if (d.end - d.start > last.end - last.start) out[out.length - 1] = d;
      continue;
    }
    out.push(d);
  }
  return out;
}
