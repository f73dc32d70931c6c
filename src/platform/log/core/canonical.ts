/**
 * RFC 8785 JSON Canonicalization Scheme (JCS) for log entries.
 *
 * `canonicalize` implements the serialization (UTF-16 code-unit key order, ECMAScript number
 * formatting, minimal string escaping) but silently drops or rewrites values that are not
 * JSON (undefined properties vanish, undefined array items become null, Dates go through
 * toJSON). For a tamper-evident log that would let two different inputs log the same text,
 * so this module first checks that the value is plain JSON data and rejects anything else.
 */
import canonicalize from 'canonicalize';
import type { FieldProblem } from '../../../kernel/errors.ts';
import { hasLoneSurrogate, utf8 } from './encoding.ts';
import { logError } from './errors.ts';

/** A JSON value as accepted by `canonicalJson`. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function check(value: unknown, pointer: string, ancestors: Set<object>, problems: FieldProblem[]): void {
  switch (typeof value) {
    case 'string':
      if (hasLoneSurrogate(value)) problems.push({ pointer, detail: '字符串含有不成对的 UTF-16 代理项' });
      return;
    case 'number':
      if (!Number.isFinite(value))
        problems.push({ pointer, detail: `数值 ${value} 不是有限数，JSON 无法表示` });
      return;
    case 'boolean':
      return;
    case 'undefined':
      problems.push({ pointer, detail: 'undefined 不是 JSON 值' });
      return;
    case 'function':
      problems.push({ pointer, detail: '函数不是 JSON 值' });
      return;
    case 'symbol':
      problems.push({ pointer, detail: 'Symbol 不是 JSON 值' });
      return;
    case 'bigint':
      problems.push({ pointer, detail: 'BigInt 不是 JSON 值，请先转换为字符串' });
      return;
  }
  if (value === null) return;
  const object = value as object;
  if (ancestors.has(object)) {
    problems.push({ pointer, detail: '存在循环引用' });
    return;
  }
  ancestors.add(object);
  if (Array.isArray(object)) {
    for (let i = 0; i < object.length; i++) {
      if (!(i in object)) problems.push({ pointer: `${pointer}/${i}`, detail: '数组存在空位' });
      else check(object[i], `${pointer}/${i}`, ancestors, problems);
    }
  } else {
    const proto = Object.getPrototypeOf(object);
    if (proto !== Object.prototype && proto !== null) {
      const name = (proto?.constructor?.name as string | undefined) ?? '未知类型';
      problems.push({ pointer, detail: `${name} 对象不是普通 JSON 对象，请先转换` });
    } else {
      if (Object.getOwnPropertySymbols(object).length > 0) {
        problems.push({ pointer, detail: '对象含有 Symbol 键' });
      }
      for (const [key, item] of Object.entries(object)) {
        if (hasLoneSurrogate(key)) {
          problems.push({
            pointer: `${pointer}/${escapePointer(key)}`,
            detail: '键含有不成对的 UTF-16 代理项',
          });
        }
        check(item, `${pointer}/${escapePointer(key)}`, ancestors, problems);
      }
    }
  }
  ancestors.delete(object);
}

/**
 * Serializes `value` per RFC 8785. Throws DomainError LOG.NOT_CANONICALIZABLE (listing every
 * offending JSON Pointer) for undefined, functions, symbols, bigints, non-finite numbers,
 * lone surrogates, sparse arrays, cycles and non-plain objects (Date, Map, class instances).
 */
export function canonicalJson(value: unknown): string {
  const problems: FieldProblem[] = [];
  check(value, '', new Set(), problems);
  if (problems.length > 0) {
    const list = problems.map((p) => `${p.pointer || '/'}: ${p.detail}`).join('; ');
    throw logError('LOG.NOT_CANONICALIZABLE', `日志条目无法规范化为 JSON（${list}）`, problems);
  }
  const text = canonicalize(value);
  if (text === undefined) throw new Error('canonicalize returned undefined for a checked value');
  return text;
}

/** UTF-8 bytes of `canonicalJson(value)`: the bytes that are hashed into the log. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return utf8(canonicalJson(value));
}
