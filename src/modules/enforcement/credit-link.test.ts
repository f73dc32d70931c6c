import { describe, expect, it } from 'vitest';
import { penaltyCreditSeverity } from './credit-link.ts';

describe('penaltyCreditSeverity', () => {
  it.each([
    ['warning only', { partyKind: 'organisation', otherPenalties: ['警告'] }, 'minor'],
    ['low fine with a warning', { partyKind: 'organisation', fine: 3000, otherPenalties: ['警告'] }, 'minor'],
    ['fine above the on-the-spot limit', { partyKind: 'organisation', fine: 3001 }, 'general'],
    ['confiscation', { partyKind: 'organisation', fine: 500, otherPenalties: ['没收违法所得'] }, 'general'],
    ['较大数额 fine', { partyKind: 'organisation', fine: 100_000 }, 'serious'],
    ['local threshold', { partyKind: 'organisation', fine: 50_000, hearingThreshold: 50_000 }, 'serious'],
    ['licence revoked', { partyKind: 'organisation', otherPenalties: ['吊销许可证'] }, 'serious'],
    ['suspension', { partyKind: 'organisation', otherPenalties: ['责令停产停业'] }, 'serious'],
    ['person, 较大数额', { partyKind: 'person', fine: 10_000 }, 'serious'],
  ] as const)('%s → %s', (_, input, expected) => {
    expect(penaltyCreditSeverity(input)).toBe(expected);
  });
});
