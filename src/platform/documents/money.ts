/**
 * 金额大写 and Chinese numerals, following the People's Bank of China rules for writing amounts
 * (《正确填写票据和结算凭证的基本规定》): 整 after 元 when there are no 角 or 分, none after 角 or 分;
 * 壹 before a leading 拾 (壹拾万元整); one 零 for a run of zeros; 零 after 元 when the 元 digit is 0 and 角 follows
 * (壹仟陆佰捌拾元零叁角贰分); 零 before 分 when 角 is 0 (叁佰贰拾伍元零肆分).
 * Amounts are handled in whole 分 (integers), never as binary fractions.
 */
import { invalid } from '../../kernel/errors.ts';

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const SMALL_UNITS = ['', '拾', '佰', '仟'] as const;
const GROUP_UNITS = ['', '万', '亿', '万亿'] as const;
/** The largest amount accepted: 9999万亿 would exceed exact integer 分; stay below 1万亿元. */
export const MAX_MONEY_YUAN = 999_999_999_999.99;

/** Converts an amount in yuan (number or decimal string, at most two decimals, not negative) to whole 分. */
export function toFen(amount: number | string): number {
  const text = typeof amount === 'number' ? numberText(amount) : amount.trim();
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) {
    throw invalid('DOCUMENTS.MONEY_INVALID', '金额应为不小于零、最多两位小数的数字');
  }
  const yuan = Number(match[1]);
  const fraction = (match[2] ?? '').padEnd(2, '0');
  const fen = yuan * 100 + Number(fraction);
  if (!Number.isSafeInteger(fen) || fen > Math.round(MAX_MONEY_YUAN * 100)) {
    throw invalid('DOCUMENTS.MONEY_INVALID', '金额超出可以大写的范围（应小于一万亿元）');
  }
  return fen;
}

function numberText(amount: number): string {
  if (!Number.isFinite(amount) || amount < 0) return 'x';
  // Binary noise (0.1 + 0.2) is tolerated; a real third decimal (1.234) is refused rather than rounded.
  const fixed = amount.toFixed(2);
  return Math.abs(Number(fixed) - amount) < 1e-9 ? fixed : 'x';
}

/** Uppercase financial numerals for a non-negative integer: 0 → 零, 15 → 壹拾伍, 100010 → 壹拾万零壹拾. */
export function toChineseUppercaseNumber(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0 || value >= 10_000 ** GROUP_UNITS.length) {
    throw invalid('DOCUMENTS.NUMBER_INVALID', '大写数字只适用于小于一亿亿的非负整数');
  }
  if (value === 0) return DIGITS[0];
  const groups: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
  let out = '';
  let pendingZero = false;
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g]!;
    if (group === 0) {
      if (out) pendingZero = true;
      continue;
    }
    if (out && (pendingZero || group < 1000)) out += DIGITS[0];
    pendingZero = false;
    out += groupText(group) + GROUP_UNITS[g];
  }
  return out;
}

function groupText(group: number): string {
  let out = '';
  let zero = false;
  for (let pos = 3; pos >= 0; pos--) {
    const digit = Math.floor(group / 10 ** pos) % 10;
    if (digit === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += DIGITS[0];
    zero = false;
    out += DIGITS[digit]! + SMALL_UNITS[pos];
  }
  return out;
}

export interface ChineseMoneyOptions {
  /** Prefix 人民币 (default true). */
  currency?: boolean;
}

/**
 * 金额大写: 5000 → 人民币伍仟元整; 1234.56 → 人民币壹仟贰佰叁拾肆元伍角陆分; 100000 → 人民币壹拾万元整;
 * 0.05 → 人民币伍分; 0 → 人民币零元整. Accepts a number or a decimal string in yuan with at most two decimals;
 * anything else (negative, NaN, three decimals) is a `DOCUMENTS.MONEY_INVALID` error.
 */
export function toChineseMoney(amount: number | string, options: ChineseMoneyOptions = {}): string {
  const fen = toFen(amount);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  let out = '';
  if (yuan > 0) out += `${toChineseUppercaseNumber(yuan)}元`;
  if (jiao === 0 && fenDigit === 0) {
    out = yuan > 0 ? `${out}整` : '零元整';
  } else {
    if (jiao > 0) {
      if (yuan > 0 && yuan % 10 === 0) out += DIGITS[0];
      out += `${DIGITS[jiao]}角`;
    } else if (yuan > 0) {
      out += DIGITS[0];
    }
    if (fenDigit > 0) out += `${DIGITS[fenDigit]}分`;
  }
  return options.currency === false ? out : `人民币${out}`;
}

/** Digits with thousands separators and two decimals: 5000 → 5,000.00. */
export function formatMoneyDigits(amount: number | string): string {
  const fen = toFen(amount);
  const yuan = Math.floor(fen / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${yuan}.${String(fen % 100).padStart(2, '0')}`;
}

/** The `金额` filter: 人民币伍仟元整（￥5,000.00）. */
export function moneyWithDigits(amount: number | string): string {
  return `${toChineseMoney(amount)}（￥${formatMoneyDigits(amount)}）`;
}
