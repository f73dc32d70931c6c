import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../kernel/errors.ts';
import { md5, toHex } from './md5.ts';
import { canonicalSource, drawKey, MAX_PICK, mod128, rfc3797Draw } from './rfc3797.ts';

/** RFC 3797 §6 "Fully Worked Example": 25 volunteers, 10 selected, three public sources. */
const RFC_SOURCES = ['9319', '2 5 12 8 10', '9 18 26 34 41 45'];
const RFC_KEY = '9319./2.5.8.10.12./9.18.26.34.41.45./';
const RFC_DIGESTS = [
  '990DD0A5692A029A98B5E01AA28F3459',
  '3691E55CB63FCC37914430B2F70B5EC6',
  'FE814EDF564C190AC1D25753979990FA',
  '1863CCACEB568C31D7DDBDF1D4E91387',
  'F4AB33DF4889F0AF29C513905BE1D758',
  '13EAEB529F61ACFB9A29D0BA3A60DE4A',
  '992DB77C382CA2BDB9727001F3CDCCD9',
  '63AB4258ECA922976811C7F55C383CE7',
  'DFBC5AC97CED01B3A6E348E3CC63F40D',
  '31CB111C4A4EBE9287CEAE16FE51B909',
];
/** Lee, Doc, Mary, Charity, Kasczynski, Envy, Sneazy, Anger, Chastity, Pandora. */
const RFC_SELECTED = [17, 7, 2, 16, 25, 23, 8, 24, 19, 13];

function problemPointers(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('INSPECTION.DRAW_INPUT');
    return (e as DomainError).errors.map((p) => p.pointer);
  }
  throw new Error('expected the draw to be refused');
}

/** A small deterministic generator for property inputs (not part of the draw). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('md5 (RFC 1321)', () => {
  it('matches the RFC 1321 test suite', () => {
    const hex = (s: string) => toHex(md5(new TextEncoder().encode(s)));
    expect(hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(hex('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(hex('message digest')).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(hex('12345678901234567890123456789012345678901234567890123456789012345678901234567890')).toBe(
      '57edf4a22be3c955ac49da2e2107b67a',
    );
  });

  it('matches node:crypto on every length around the block and padding boundaries', () => {
    const next = lcg(7);
    for (let length = 0; length <= 300; length += 1) {
      const bytes = new Uint8Array(length).map(() => Math.floor(next() * 256));
      expect(toHex(md5(bytes))).toBe(createHash('md5').update(bytes).digest('hex'));
    }
  });
});

describe('canonical sources (RFC 3797 §4)', () => {
  it('sorts integers, drops leading zeros and ends each with a period', () => {
    expect(canonicalSource('2 5 12 8 10')).toBe('2.5.8.10.12.');
    expect(canonicalSource('07, 003，0、12')).toBe('0.3.7.12.');
    expect(canonicalSource('9.18.26.34.41.45.')).toBe('9.18.26.34.41.45.');
    expect(canonicalSource(' 9319 ')).toBe('9319.');
    expect(canonicalSource('123456789012345678901234567890 2')).toBe('2.123456789012345678901234567890.');
  });

  it('reduces words to upper-case ASCII letters and digits', () => {
    expect(canonicalSource('Mažňák')).toBe('MAZNAK');
    expect(canonicalSource('ab-c 1x')).toBe('ABC1X');
  });

  it('rejects a source with nothing usable', () => {
    expect(canonicalSource('   ')).toBeNull();
    expect(canonicalSource('双色球')).toBeNull();
  });

  it('builds the RFC example key', () => {
    expect(drawKey(RFC_SOURCES)).toBe(RFC_KEY);
  });
});

describe('rfc3797Draw', () => {
  it('reproduces the RFC 3797 §6 worked example: key, every digest and the ten selections', () => {
    const result = rfc3797Draw({ pool: 25, pick: 10, sources: RFC_SOURCES });
    expect(result.key).toBe(RFC_KEY);
    expect(result.steps.map((s) => s.digest)).toEqual(RFC_DIGESTS);
    expect(result.steps.map((s) => s.divisor)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
    expect(result.selected).toEqual(RFC_SELECTED);
    expect(result.steps.map((s) => s.selected)).toEqual(RFC_SELECTED);
  });

  it('is a prefix: picking fewer gives the first picks of the same draw', () => {
    expect(rfc3797Draw({ pool: 25, pick: 4, sources: RFC_SOURCES }).selected).toEqual(
      RFC_SELECTED.slice(0, 4),
    );
  });

  it('reads the digest as a 128-bit big-endian integer', () => {
    const bytes = new Uint8Array(16).fill(0xff);
    const big = (1n << 128n) - 1n;
    for (const n of [1, 2, 3, 25, 97, 1_000_003, 2 ** 31 - 1])
      expect(mod128(bytes, n)).toBe(Number(big % BigInt(n)));
    const digest = Uint8Array.from(Buffer.from(RFC_DIGESTS[0]!, 'hex'));
    expect(mod128(digest, 25)).toBe(Number(BigInt(`0x${RFC_DIGESTS[0]}`) % 25n));
  });

  it('never repeats, stays in range and is deterministic (many pools and sources)', () => {
    const next = lcg(42);
    for (let run = 0; run < 200; run += 1) {
      const pool = 1 + Math.floor(next() * 500);
      const pick = 1 + Math.floor(next() * pool);
      const sources = [String(Math.floor(next() * 1e9)), `${run} ${Math.floor(next() * 99)}`];
      const a = rfc3797Draw({ pool, pick, sources });
      expect(a.selected).toHaveLength(pick);
      expect(new Set(a.selected).size).toBe(pick);
      for (const p of a.selected) {
        expect(Number.isInteger(p)).toBe(true);
        expect(p).toBeGreaterThanOrEqual(1);
        expect(p).toBeLessThanOrEqual(pool);
      }
      expect(rfc3797Draw({ pool, pick, sources }).selected).toEqual(a.selected);
    }
  });

  it('matches a naive array-splice implementation of the RFC (the Fenwick tree changes nothing)', () => {
    const next = lcg(3);
    for (let run = 0; run < 50; run += 1) {
      const pool = 1 + Math.floor(next() * 300);
      const pick = 1 + Math.floor(next() * pool);
      const sources = [String(run), String(Math.floor(next() * 1e6))];
      const key = Buffer.from(drawKey(sources), 'ascii');
      const left = Array.from({ length: pool }, (_, i) => i + 1);
      const naive: number[] = [];
      for (let i = 0; i < pick; i += 1) {
        const counter = Buffer.from([i >> 8, i & 0xff]);
        const digest = createHash('md5')
          .update(Buffer.concat([counter, key, counter]))
          .digest('hex');
        const index = Number(BigInt(`0x${digest}`) % BigInt(left.length));
        naive.push(left.splice(index, 1)[0]!);
      }
      expect(rfc3797Draw({ pool, pick, sources }).selected).toEqual(naive);
    }
  });

  it('selects every position about equally often over many independent draws', () => {
    const pool = 20;
    const runs = 20_000;
    const firsts = new Array<number>(pool).fill(0);
    const anywhere = new Array<number>(pool).fill(0);
    for (let run = 0; run < runs; run += 1) {
      const { selected } = rfc3797Draw({ pool, pick: 5, sources: [String(run), 'uniform'] });
      firsts[selected[0]! - 1]! += 1;
      for (const p of selected) anywhere[p - 1]! += 1;
    }
    // Chi-square with 19 degrees of freedom: the 0.999 quantile is 43.8.
    const chi = (counts: number[], expected: number) =>
      counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    expect(chi(firsts, runs / pool)).toBeLessThan(43.8);
    expect(chi(anywhere, (runs * 5) / pool)).toBeLessThan(43.8);
  });

  it('can draw the whole pool (a permutation)', () => {
    const { selected } = rfc3797Draw({ pool: 1000, pick: 1000, sources: ['1'] });
    expect([...selected].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
  });

  it('draws from a pool of one million', () => {
    const { selected } = rfc3797Draw({ pool: 1_000_000, pick: 30_000, sources: ['20261201', '3 9 12'] });
    expect(new Set(selected).size).toBe(30_000);
    expect(Math.max(...selected)).toBeLessThanOrEqual(1_000_000);
  });

  it('lists every problem with the inputs', () => {
    expect(problemPointers(() => rfc3797Draw({ pool: 0, pick: 0, sources: [] }))).toEqual([
      '/pool',
      '/pick',
      '/sources',
    ]);
    expect(problemPointers(() => rfc3797Draw({ pool: 5, pick: 6, sources: ['1', '  ', '双色球'] }))).toEqual([
      '/pick',
      '/sources/1',
      '/sources/2',
    ]);
    expect(problemPointers(() => rfc3797Draw({ pool: 1e8, pick: MAX_PICK + 1, sources: ['1'] }))).toEqual([
      '/pool',
      '/pick',
    ]);
    expect(problemPointers(() => rfc3797Draw({ pool: 2.5, pick: 1, sources: ['1'] }))).toEqual(['/pool']);
  });
});
