import { describe, expect, it } from 'vitest';
import {
  collectiveDiscussionRequired,
  hearingQualifies,
  lateSurcharge,
  legalReviewRequired,
  surchargeCapReachedOn,
} from './case.rules.ts';

describe('lateSurcharge (行政处罚法第七十二条)', () => {
  it.each([
    ['paid on the due date', 1000, '2026-11-17', '2026-11-17', 0, 0],
    ['paid early', 1000, '2026-11-17', '2026-11-10', 0, 0],
    ['one day late: 3%', 1000, '2026-11-17', '2026-11-18', 0, 30],
    ['two days late', 70000, '2026-11-17', '2026-11-19', 0, 4200],
    ['33 days late: 99%', 1000, '2026-11-17', '2026-12-20', 0, 990],
    ['34 days late: capped at the fine', 1000, '2026-11-17', '2026-12-21', 0, 1000],
    ['a year late: still the fine', 1000, '2026-01-01', '2027-01-01', 0, 1000],
    ['rounded to the fen', 333.33, '2026-11-17', '2026-11-18', 0, 10],
    ['days in reconsideration do not count (Art. 73)', 1000, '2026-11-17', '2026-11-27', 5, 150],
    ['no fine, no surcharge', 0, '2026-11-17', '2026-12-17', 0, 0],
  ])('%s', (_, fine, due, paid, paused, expected) => {
    expect(lateSurcharge(fine, due, paid, paused)).toBe(expected);
  });
  it('reaches the cap 34 days after the due date', () => {
    expect(surchargeCapReachedOn('2026-11-17')).toBe('2026-12-21');
  });
});

describe('hearingQualifies (第六十三条)', () => {
  it.each([
    ['person, below the threshold', { partyKind: 'person' as const, fine: 9999 }, false],
    ['person, at the threshold', { partyKind: 'person' as const, fine: 10000 }, true],
    ['organisation, 50,000', { partyKind: 'organisation' as const, fine: 50000 }, false],
    ['organisation, 100,000', { partyKind: 'organisation' as const, fine: 100000 }, true],
    ['local threshold', { partyKind: 'organisation' as const, fine: 50000, threshold: 50000 }, true],
    ['licence revoked', { partyKind: 'person' as const, otherPenalties: ['吊销许可证件'] }, true],
    ['stop production', { partyKind: 'organisation' as const, otherPenalties: ['责令停产整治'] }, true],
    ['large confiscation', { partyKind: 'person' as const, largeConfiscation: true }, true],
    ['warning only', { partyKind: 'person' as const, otherPenalties: ['警告'] }, false],
  ])('%s', (_, p, expected) => {
    expect(hearingQualifies(p)).toBe(expected);
  });
});

describe('Art. 58 legal review and Art. 57 collective discussion', () => {
  it.each([
    [{}, false, false, false],
    [{}, true, true, false],
    [{ majorPublicInterest: true }, false, true, false],
    [{ complex: true }, false, true, true],
    [{ majorPenalty: true }, false, true, true],
    [{ otherLaw: true }, false, true, false],
  ])('%j, hearing held %s → review %s, discussion %s', (flags, held, review, discussion) => {
    expect(legalReviewRequired(flags, held)).toBe(review);
    expect(collectiveDiscussionRequired(flags)).toBe(discussion);
  });
});
