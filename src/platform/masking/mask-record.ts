/**
 * Structured masking (rules.md §13.2 Implementation 1–2): the caller declares which fields are what; the result
 * is a public copy plus an audit list of what was masked (paths and rules, never the original values).
 */
import { invalid } from '../../kernel/errors.ts';
import type { DataKind, MaskingPolicy } from './policy.ts';
import { isNeverPublished, maskValue } from './values.ts';

/**
 * A declared field: `path` is dot-separated property names, `[]` after a name meaning "every element":
 * `party.name`, `witnesses[].name`, `party.phones[]`, `attachments[].owner.idNumber`.
 */
export interface FieldDeclaration {
  path: string;
  kind: DataKind;
  /** Surname for name rules, when the guess would be wrong. */
  surname?: string;
}

/** One audit entry: the concrete path (`witnesses[1].name`), the kind and the rule applied. No values. */
export interface MaskingEntry {
  path: string;
  kind: DataKind;
  rule: string;
}

/** Result of `maskRecord`. */
export interface MaskedRecord<T> {
  /** The public copy: same shape; masked strings replaced, never-published non-string values set to `null`. */
  value: T;
  masked: MaskingEntry[];
}

interface Step {
  key: string;
  each: boolean;
}

const SEGMENT = /^([A-Za-z_$][\w$]*)(\[\])?$/;

/** Parses a field path. Throws `MASKING.PATH` for a malformed one. */
export function parseFieldPath(path: string): Step[] {
  const steps: Step[] = [];
  for (const part of path.split('.')) {
    const m = SEGMENT.exec(part);
    if (!m) throw invalid('MASKING.PATH', `字段路径格式有误：${path}`);
    steps.push({ key: m[1]!, each: m[2] !== undefined });
  }
  return steps;
}

/** `witnesses[1].name` → `/witnesses/1/name` (RFC 6901). */
export function toPointer(path: string): string {
  return `/${path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1'))
    .join('/')}`;
}

type Container = Record<string, unknown> | unknown[];

function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null;
}

/**
 * Masks the declared fields of a copy of `record` under `policy`. Undeclared fields are copied unchanged;
 * absent, `null` or empty declared fields are skipped. A declared field holding a string or number is masked by
 * the rule of its kind (removal puts the placeholder in its place, so the shape and types stay the same); any
 * other value is allowed only for never-published kinds (set to `null`), otherwise `MASKING.FIELD_TYPE` is thrown.
 */
export function maskRecord<T>(
  record: T,
  fields: readonly FieldDeclaration[],
  policy: MaskingPolicy,
): MaskedRecord<T> {
  const copy = structuredClone(record);
  const masked: MaskingEntry[] = [];
  const problems: { pointer: string; detail: string }[] = [];
  for (const field of fields) {
    const steps = parseFieldPath(field.path);
    const visit = (holder: Container, key: string | number, at: string, depth: number): void => {
      const current = (holder as Record<string | number, unknown>)[key];
      if (current === undefined || current === null) return;
      const step = steps[depth];
      if (step !== undefined) {
        if (!isContainer(current)) return;
        const named = (current as Record<string, unknown>)[step.key];
        if (!step.each) {
          visit(current, step.key, `${at}${at ? '.' : ''}${step.key}`, depth + 1);
          return;
        }
        if (!Array.isArray(named)) return;
        for (let i = 0; i < named.length; i += 1) {
          visitElement(named, i, `${at}${at ? '.' : ''}${step.key}[${i}]`, depth + 1);
        }
        return;
      }
      apply(holder, key, current, at);
    };
    const visitElement = (array: unknown[], index: number, at: string, depth: number) => {
      if (depth === steps.length) {
        const current = array[index];
        if (current !== undefined && current !== null) apply(array, index, current, at);
        return;
      }
      visit(array, index, at, depth);
    };
    const apply = (holder: Container, key: string | number, current: unknown, at: string) => {
      const h = holder as Record<string | number, unknown>;
      if (typeof current === 'string' || typeof current === 'number') {
        const text = String(current);
        if (text.length === 0) return;
        const result = maskValue(field.kind, text, policy, field.surname);
        if (!result.changed) return;
        h[key] = result.output;
        masked.push({ path: at, kind: field.kind, rule: result.rule });
        return;
      }
      if (isNeverPublished(field.kind)) {
        h[key] = null;
        masked.push({ path: at, kind: field.kind, rule: `${field.kind}:never-publish` });
        return;
      }
      problems.push({ pointer: toPointer(at), detail: `字段类型不是文本，无法按“${field.kind}”脱敏` });
    };
    // The root is a holder of one slot so that paths start at depth 0.
    visit({ root: copy } as Record<string, unknown>, 'root', '', 0);
  }
  if (problems.length > 0) throw invalid('MASKING.FIELD_TYPE', '声明的脱敏字段类型有误', problems);
  return { value: copy, masked };
}
