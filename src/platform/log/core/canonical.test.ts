import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../kernel/errors.ts';
import { canonicalJson, canonicalJsonBytes } from './canonical.ts';

function problems(value: unknown): { pointer: string; detail: string }[] {
  try {
    canonicalJson(value);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('LOG.NOT_CANONICALIZABLE');
    return (e as DomainError).errors;
  }
  throw new Error('expected canonicalJson to throw');
}

describe('canonicalJson (RFC 8785)', () => {
  it('serializes the RFC 8785 §3.2.2 example', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts properties by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('formats numbers as ECMAScript does (RFC 8785 Appendix B samples)', () => {
    const cases: [string, string][] = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'],
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555555', '333333333.3333333'],
    ];
    for (const [bits, want] of cases) {
      const n = Buffer.from(bits, 'hex').readDoubleBE(0);
      expect(canonicalJson(n), bits).toBe(want);
    }
  });

  it('keeps shared (non-cyclic) references and null-prototype objects', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ b: shared, a: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const bare = Object.create(null) as Record<string, unknown>;
    bare.z = '中文';
    bare.a = [1, 'two', null];
    expect(canonicalJson(bare)).toBe('{"a":[1,"two",null],"z":"中文"}');
    expect(new TextDecoder().decode(canonicalJsonBytes({ 名称: '法治' }))).toBe('{"名称":"法治"}');
    expect(canonicalJson('\ud83d\ude00')).toBe('"😀"');
  });

  it('rejects values JSON cannot represent, naming each by JSON Pointer', () => {
    expect(problems(undefined)).toEqual([{ pointer: '', detail: expect.stringContaining('undefined') }]);
    expect(problems({ a: 1, b: undefined }).map((p) => p.pointer)).toEqual(['/b']);
    expect(problems([1, undefined]).map((p) => p.pointer)).toEqual(['/1']);
    // biome-ignore lint/suspicious/noSparseArray: testing a hole.
    expect(problems([1, , 3]).map((p) => p.pointer)).toEqual(['/1']);
    expect(problems({ f: () => 1 }).map((p) => p.pointer)).toEqual(['/f']);
    expect(problems({ s: Symbol('x') }).map((p) => p.pointer)).toEqual(['/s']);
    expect(problems({ n: 10n }).map((p) => p.pointer)).toEqual(['/n']);
    expect(
      problems([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]).map((p) => p.pointer),
    ).toEqual(['/0', '/1', '/2']);
    expect(problems({ 'a/b~c': '\ud800' }).map((p) => p.pointer)).toEqual(['/a~1b~0c']);
    expect(problems({ '\udc00': 1 }).length).toBe(1);
    expect(problems({ when: new Date(0) }).map((p) => p.pointer)).toEqual(['/when']);
    expect(problems(new Map()).map((p) => p.pointer)).toEqual(['']);
    expect(problems({ b: Buffer.from('x') }).map((p) => p.pointer)).toEqual(['/b']);
    class Thing {
      x = 1;
    }
    expect(problems({ t: new Thing() }).map((p) => p.pointer)).toEqual(['/t']);
    expect(problems({ [Symbol('k')]: 1 }).map((p) => p.pointer)).toEqual(['']);
    const cyclic: Record<string, unknown> = { a: [] };
    (cyclic.a as unknown[]).push(cyclic);
    expect(problems(cyclic).map((p) => p.pointer)).toEqual(['/a/0']);
    // Every problem is reported at once.
    expect(problems({ a: undefined, b: [Number.NaN], c: () => 0 }).map((p) => p.pointer)).toEqual([
      '/a',
      '/b/0',
      '/c',
    ]);
  });
});
