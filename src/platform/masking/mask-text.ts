/**
 * Free-text masking (rules.md §13.2 Implementation 1): every occurrence of the known values, then every
 * identifier-like pattern; the rest of the text is unchanged, character for character.
 */
import { invalid } from '../../kernel/errors.ts';
import { type Detector, detectPatterns } from './detect.ts';
import type { DataKind, MaskingPolicy } from './policy.ts';
import { maskValue } from './values.ts';

/** A value the caller knows to be in the text (party name, witness name, ID number, address …). */
export interface KnownValue {
  kind: DataKind;
  /** The original value; at least two characters. Never reported back. */
  value: string;
  /** The surname, when a name rule needs it and the guess (first character or 复姓) would be wrong. */
  surname?: string;
  /** A label for the reviewer and the audit log, e.g. `证人1`; must not contain the value itself. */
  label?: string;
}

/** One replacement in the text, for the reviewer (保密审查) and the audit log. Carries no original value. */
export interface TextReplacement {
  kind: DataKind;
  /** `known` (a declared value) or the pattern detector that found it. */
  source: 'known' | Detector;
  /** Rule code, `kind:action`, e.g. `third-party-name:remove`. */
  rule: string;
  /** Span in the original text, `[start, end)` in UTF-16 code units. */
  start: number;
  end: number;
  /** Span of the replacement in the public text. */
  publicStart: number;
  publicEnd: number;
  /** The known value's label, if given. */
  label?: string;
}

/** Result of `maskText`. */
export interface MaskedText {
  text: string;
  replacements: TextReplacement[];
}

interface Span {
  start: number;
  end: number;
  kind: DataKind;
  source: 'known' | Detector;
  output: string;
  rule: string;
  changed: boolean;
  label?: string;
}

/** Spellings of a known value to look for: the value, and for ID numbers the other case of a final X. */
function spellings(k: KnownValue): string[] {
  const v = k.value;
  if (k.kind === 'id-number' && /x$/i.test(v))
    return [v.slice(0, -1).concat('X'), v.slice(0, -1).concat('x')];
  return [v];
}

/** Checks the known values: strings of at least two characters after trimming. Throws `MASKING.KNOWN_VALUE`. */
export function normaliseKnown(known: readonly KnownValue[]): KnownValue[] {
  const errors: { pointer: string; detail: string }[] = [];
  const out: KnownValue[] = [];
  known.forEach((k, i) => {
    const value = typeof k.value === 'string' ? k.value.trim() : '';
    if (Array.from(value).length < 2) {
      errors.push({ pointer: `/known/${i}/value`, detail: '已知值至少应有两个字符（单字替换会破坏全文）' });
      return;
    }
    out.push({ ...k, value });
  });
  if (errors.length > 0) throw invalid('MASKING.KNOWN_VALUE', '已知的受保护信息有误', errors);
  return out;
}

/** Non-overlapping known-value spans: leftmost first, the longest value at a position wins. */
function knownSpans(text: string, known: readonly KnownValue[], policy: MaskingPolicy): Span[] {
  const all: Span[] = [];
  for (const k of known) {
    const masked = maskValue(k.kind, k.value, policy, k.surname);
    for (const spelling of spellings(k)) {
      for (let i = text.indexOf(spelling); i !== -1; i = text.indexOf(spelling, i + spelling.length)) {
        all.push({
          start: i,
          end: i + spelling.length,
          kind: k.kind,
          source: 'known',
          output: masked.output,
          rule: masked.rule,
          changed: masked.changed,
          ...(k.label === undefined ? {} : { label: k.label }),
        });
      }
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  let reach = 0;
  for (const s of all) {
    if (s.start < reach) continue;
    out.push(s);
    reach = s.end;
  }
  return out;
}

/** All spans to replace (known values first, then patterns in the gaps), sorted and non-overlapping. */
export function planMasking(text: string, known: readonly KnownValue[], policy: MaskingPolicy): Span[] {
  const fixed = knownSpans(text, normaliseKnown(known), policy);
  const patterns = detectPatterns(text, { licencePlates: policy.licencePlate !== 'keep' });
  const out: Span[] = [];
  let i = 0;
  for (const p of patterns) {
    while (i < fixed.length && fixed[i]!.end <= p.start) out.push(fixed[i++]!);
    const next = fixed[i];
    if (next && next.start < p.end) continue; // overlaps a known value: the declaration wins
    const masked = maskValue(p.kind, text.slice(p.start, p.end), policy);
    out.push({ start: p.start, end: p.end, kind: p.kind, source: p.detector, ...masked });
  }
  while (i < fixed.length) out.push(fixed[i++]!);
  return out;
}

/**
 * Masks free text (a decision, a reply, a review comment) under `policy`:
 * 1. every occurrence of each known value is replaced by its masked form (names by the name rule, third parties
 *    and removed values by the placeholders, `public` values kept and shielded from pattern detection);
 * 2. resident ID numbers, mobiles, landlines, bank cards/accounts, e-mails and (unless the policy keeps them)
 *    licence plates found by pattern are masked by the rule of their kind;
 * 3. nothing else changes.
 * Returns the public text and one entry per replacement (no original values). Linear in the text length
 * for a fixed number of known values. Throws `MASKING.KNOWN_VALUE` for a known value shorter than two characters.
 */
export function maskText(text: string, known: readonly KnownValue[], policy: MaskingPolicy): MaskedText {
  const parts: string[] = [];
  const replacements: TextReplacement[] = [];
  let cursor = 0;
  let length = 0;
  for (const s of planMasking(text, known, policy)) {
    const before = text.slice(cursor, s.start);
    parts.push(before);
    length += before.length;
    parts.push(s.output);
    if (s.changed) {
      replacements.push({
        kind: s.kind,
        source: s.source,
        rule: s.rule,
        start: s.start,
        end: s.end,
        publicStart: length,
        publicEnd: length + s.output.length,
        ...(s.label === undefined ? {} : { label: s.label }),
      });
    }
    length += s.output.length;
    cursor = s.end;
  }
  parts.push(text.slice(cursor));
  return { text: parts.join(''), replacements };
}
