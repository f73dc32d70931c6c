import { describe, expect, it } from 'vitest';
import {
  checkFineAgainstDiscretion,
  type DiscretionBand,
  discretionProblems,
  type PenaltyRange,
} from './discretion.ts';

const band = (
  circumstance: DiscretionBand['circumstance'],
  fineMin: number | null,
  fineMax: number | null,
  otherPenalties: string[] = [],
): DiscretionBand => ({ circumstance, description: `${circumstance}情形`, fineMin, fineMax, otherPenalties });

const matter: PenaltyRange = {
  type: '行政处罚',
  fineMin: 10000,
  fineMax: 100000,
  otherPenalties: ['没收违法所得'],
  discretion: [
    band('不予处罚', null, null),
    band('减轻', 2000, 9000),
    band('从轻', 10000, 30000),
    band('一般', 30000, 70000, ['没收违法所得']),
    band('从重', 70000, 100000),
  ],
};

describe('discretionProblems', () => {
  it('accepts ordered bands that touch at one boundary', () => {
    expect(discretionProblems(matter)).toEqual([]);
  });

  const bad: [string, Partial<PenaltyRange>, string[]][] = [
    ['min above max', { fineMin: 5000, fineMax: 1000, discretion: [] }, ['/body/fineMax']],
    ['only one end of the range', { fineMin: 5000, fineMax: null, discretion: [] }, ['/body/fineMax']],
    [
      'band outside the legal range',
      { discretion: [band('从轻', 5000, 30000), band('从重', 70000, 120000)] },
      ['/body/discretion/0/fineMin', '/body/discretion/1/fineMax'],
    ],
    ['band min above its max', { discretion: [band('一般', 50000, 40000)] }, ['/body/discretion/0/fineMax']],
    [
      'overlapping bands',
      { discretion: [band('从轻', 10000, 40000), band('一般', 30000, 70000)] },
      ['/body/discretion/1/fineMin'],
    ],
    [
      'bands out of order',
      { discretion: [band('从重', 10000, 20000), band('从轻', 50000, 60000)] },
      ['/body/discretion/0/fineMin'],
    ],
    [
      'duplicate circumstance',
      { discretion: [band('一般', 10000, 20000), band('一般', 20000, 30000)] },
      ['/body/discretion/1/circumstance'],
    ],
    [
      '减轻 not below the minimum',
      { discretion: [band('减轻', 5000, 10000)] },
      ['/body/discretion/0/fineMax'],
    ],
    ['不予处罚 with a fine', { discretion: [band('不予处罚', 0, 100)] }, ['/body/discretion/0/fineMax']],
    [
      'a penalty the law does not provide',
      { discretion: [band('一般', 30000, 70000, ['吊销许可证'])] },
      ['/body/discretion/0/otherPenalties/0'],
    ],
    [
      'a fine band when the law provides no fine',
      { fineMin: null, fineMax: null, discretion: [band('一般', 0, 100)] },
      ['/body/discretion/0/fineMin'],
    ],
    [
      'fines on an inspection matter',
      { type: '行政检查', discretion: [band('一般', 10000, 20000)] },
      ['/body/fineMin', '/body/otherPenalties', '/body/discretion'],
    ],
  ];
  it.each(bad)('rejects %s', (_name, patch, pointers) => {
    expect(discretionProblems({ ...matter, ...patch }).map((p) => p.pointer)).toEqual(pointers);
  });
});

describe('checkFineAgainstDiscretion', () => {
  const cases: [string, DiscretionBand['circumstance'], number, string | undefined, string][] = [
    ['within 从轻', '从轻', 20000, undefined, 'ok'],
    ['at a shared boundary', '一般', 30000, undefined, 'ok'],
    ['within 从重', '从重', 100000, undefined, 'ok'],
    ['outside the band without a reason', '从轻', 50000, undefined, 'OUTSIDE_BAND'],
    ['outside the band with a blank reason', '从轻', 50000, '  ', 'OUTSIDE_BAND'],
    ['outside the band with a recorded reason', '从轻', 50000, '当事人积极退赔，经集体讨论决定', 'deviation'],
    ['above the legal maximum even with a reason', '从重', 100001, '情节特别严重', 'ABOVE_LEGAL_MAXIMUM'],
    ['below the legal minimum without 减轻', '从轻', 9000, '理由', 'BELOW_LEGAL_MINIMUM'],
    ['减轻 below the minimum within its band', '减轻', 5000, undefined, 'ok'],
    ['不予处罚 with no fine', '不予处罚', 0, undefined, 'ok'],
    ['不予处罚 with a fine', '不予处罚', 100, '理由', 'NO_PENALTY_WITH_FINE'],
    ['negative amount', '一般', -1, undefined, 'INVALID_AMOUNT'],
    ['fractions of a fen', '一般', 30000.001, undefined, 'INVALID_AMOUNT'],
  ];
  it.each(cases)('%s', (_name, circumstance, amount, reason, want) => {
    const r = checkFineAgainstDiscretion(matter, circumstance, amount, reason);
    if (want === 'ok') expect(r).toMatchObject({ ok: true, deviation: false });
    else if (want === 'deviation') expect(r).toMatchObject({ ok: true, deviation: true });
    else expect(r).toMatchObject({ ok: false, code: want });
  });

  it('a circumstance without a band needs a reason', () => {
    const m = { ...matter, discretion: matter.discretion.filter((b) => b.circumstance !== '从重') };
    expect(checkFineAgainstDiscretion(m, '从重', 80000)).toMatchObject({ ok: false, code: 'NO_BAND' });
    expect(checkFineAgainstDiscretion(m, '从重', 80000, '标准未列明，依法裁量')).toMatchObject({
      ok: true,
      band: null,
      deviation: true,
    });
  });

  it('no fine where the law provides none', () => {
    const m: PenaltyRange = {
      type: '行政处罚',
      fineMin: null,
      fineMax: null,
      otherPenalties: ['警告'],
      discretion: [],
    };
    expect(checkFineAgainstDiscretion(m, '一般', 100, '理由')).toMatchObject({
      ok: false,
      code: 'NO_FINE_PROVIDED',
    });
  });
});
