/**
 * RFC 3797 (Publicly Verifiable Nominations Committee Random Selection), §4 and its reference code, exactly:
 *
 * 1. Each public randomness source is written canonically: a source of integers becomes each integer in decimal
 *    without leading zeros followed by ".", sorted ascending (`2 5 12 8 10` → `2.5.8.10.12.`); a source that is
 *    a word keeps only its letters and digits, upper-cased. Each source is followed by "/", and the key is their
 *    concatenation in the published order (`9319./2.5.8.10.12./9.18.26.34.41.45./`).
 * 2. For the i-th pick (i = 0, 1, …), MD5 of (i as 2 bytes big-endian) ‖ key ‖ (i again) is read as a 128-bit
 *    unsigned big-endian integer; its remainder modulo the number of entries still in the pool is the 0-based
 *    index, in the pool's published order, of the entry selected; that entry leaves the pool.
 *
 * Pure and import-free apart from the error type, so the browser's verify page runs the same code.
 */
import { type FieldProblem, invalid } from '../../kernel/errors.ts';
import { md5, toHex } from './md5.ts';

/** The counter is two bytes (RFC 3797 §4), so one key yields at most 65,536 picks. */
export const MAX_PICK = 65_536;
/** Pools are positions 1..N held in an Int32Array (Fenwick tree): 10 million is ample for a district or a city. */
export const MAX_POOL = 10_000_000;
/** Sources are meant to be a handful of public values (RFC 3797 §3: several independent ones). */
export const MAX_SOURCES = 16;
const MAX_SOURCE_LENGTH = 200;

export interface DrawInput {
  /** Number of entries in the published, ordered pool. */
  pool: number;
  /** How many to select. */
  pick: number;
  /** The public randomness values, in the published order. */
  sources: readonly string[];
}

export interface DrawStep {
  /** The RFC's counter (0-based). */
  index: number;
  /** MD5 of counter ‖ key ‖ counter, upper-case hex as printed in RFC 3797 §6. */
  digest: string;
  /** Entries left in the pool before this pick. */
  divisor: number;
  /** The selected entry's 1-based position in the published pool. */
  selected: number;
}

export interface DrawResult {
  key: string;
  steps: DrawStep[];
  /** 1-based positions in the published pool, in draw order. */
  selected: number[];
}

const NUMERIC = /^[\d\s,，、;；.]+$/;

/**
 * One source in RFC 3797 canonical form, without the trailing "/": integers (separated by spaces, commas, 、,
 * semicolons or periods) sorted and each followed by "."; anything else reduced to its ASCII letters and digits,
 * upper-cased (accents dropped). `null` when nothing usable remains.
 */
export function canonicalSource(raw: string): string | null {
  const s = raw.trim();
  if (/\d/.test(s) && NUMERIC.test(s)) {
    const numbers = s
      .split(/\D+/)
      .filter((t) => t !== '')
      .map((t) => BigInt(t));
    numbers.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return numbers.map((n) => `${n.toString()}.`).join('');
  }
  const word = s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase();
  return word === '' ? null : word;
}

/** Every problem with a draw's inputs (pointers relative to the input: `/pool`, `/pick`, `/sources/0`). */
export function drawInputProblems(input: DrawInput, prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { pool, pick, sources } = input;
  const poolOk = Number.isInteger(pool) && pool >= 1 && pool <= MAX_POOL;
  if (!poolOk)
    problems.push({ pointer: `${prefix}/pool`, detail: `抽取池的数量须为1至${MAX_POOL}之间的整数` });
  if (!Number.isInteger(pick) || pick < 1 || pick > MAX_PICK) {
    problems.push({ pointer: `${prefix}/pick`, detail: `抽取数量须为1至${MAX_PICK}之间的整数` });
  } else if (poolOk && pick > pool) {
    problems.push({
      pointer: `${prefix}/pick`,
      detail: `抽取数量（${pick}）不能超过抽取池的数量（${pool}）`,
    });
  }
  if (!Array.isArray(sources) || sources.length === 0) {
    problems.push({ pointer: `${prefix}/sources`, detail: '至少需要一个公开随机源' });
  } else if (sources.length > MAX_SOURCES) {
    problems.push({ pointer: `${prefix}/sources`, detail: `公开随机源最多${MAX_SOURCES}个` });
  } else {
    sources.forEach((s, i) => {
      if (typeof s !== 'string' || s.length > MAX_SOURCE_LENGTH || canonicalSource(s) === null) {
        problems.push({
          pointer: `${prefix}/sources/${i}`,
          detail: `随机源须为整数（可多个）或含字母数字的文字，且不超过${MAX_SOURCE_LENGTH}个字符`,
        });
      }
    });
  }
  return problems;
}

/** The RFC 3797 key: each canonical source followed by "/". Throws `INSPECTION.DRAW_INPUT` on an unusable source. */
export function drawKey(sources: readonly string[]): string {
  return sources
    .map((s, i) => {
      const c = canonicalSource(s);
      if (c === null) {
        throw invalid('INSPECTION.DRAW_INPUT', '抽取参数有误', [
          { pointer: `/sources/${i}`, detail: '随机源须为整数（可多个）或含字母数字的文字' },
        ]);
      }
      return `${c}/`;
    })
    .join('');
}

/** MD5 of (index, 2 bytes big-endian) ‖ key ‖ (index again). */
export function drawDigest(keyBytes: Uint8Array, index: number): Uint8Array {
  const message = new Uint8Array(keyBytes.length + 4);
  message[0] = (index >>> 8) & 0xff;
  message[1] = index & 0xff;
  message.set(keyBytes, 2);
  message[keyBytes.length + 2] = (index >>> 8) & 0xff;
  message[keyBytes.length + 3] = index & 0xff;
  return md5(message);
}

/** A 16-byte big-endian unsigned integer modulo `n` (n < 2^45, so every intermediate stays an exact double). */
export function mod128(bytes: Uint8Array, n: number): number {
  let r = 0;
  for (const b of bytes) r = (r * 256 + b) % n;
  return r;
}

/**
 * Order-statistics over positions 1..n (a Fenwick tree of ones): the k-th remaining position and its removal in
 * O(log n), so a draw from a million entries costs its picks, not a million array shifts per pick.
 */
class RemainingPositions {
  private readonly tree: Int32Array;
  private readonly top: number;

  constructor(private readonly n: number) {
    this.tree = new Int32Array(n + 1);
    for (let i = 1; i <= n; i += 1) this.tree[i] = i & -i;
    let top = 1;
    while (top * 2 <= n) top *= 2;
    this.top = top;
  }

  /** Removes and returns the position of the (index + 1)-th remaining entry. */
  take(index: number): number {
    let pos = 0;
    let rest = index + 1;
    for (let step = this.top; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.n && this.tree[next]! < rest) {
        pos = next;
        rest -= this.tree[next]!;
      }
    }
    const found = pos + 1;
    for (let i = found; i <= this.n; i += i & -i) this.tree[i]! -= 1;
    return found;
  }
}

function asciiBytes(key: string): Uint8Array {
  const bytes = new Uint8Array(key.length);
  for (let i = 0; i < key.length; i += 1) bytes[i] = key.charCodeAt(i);
  return bytes;
}

/**
 * Runs RFC 3797 over a pool of `pool` entries: `pick` selections without replacement, in draw order.
 * Throws `INSPECTION.DRAW_INPUT` listing every problem with the inputs.
 */
export function rfc3797Draw(input: DrawInput): DrawResult {
  const problems = drawInputProblems(input);
  if (problems.length > 0) throw invalid('INSPECTION.DRAW_INPUT', '抽取参数有误', problems);
  const key = drawKey(input.sources);
  const keyBytes = asciiBytes(key);
  const remaining = new RemainingPositions(input.pool);
  const steps: DrawStep[] = [];
  const selected: number[] = [];
  for (let i = 0; i < input.pick; i += 1) {
    const divisor = input.pool - i;
    const digest = drawDigest(keyBytes, i);
    const position = remaining.take(mod128(digest, divisor));
    steps.push({ index: i, digest: toHex(digest).toUpperCase(), divisor, selected: position });
    selected.push(position);
  }
  return { key, steps, selected };
}
