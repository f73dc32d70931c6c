import { describe, expect, it } from 'vitest';
import { creditTitle, OUTCOME_SEVERITY, resultRef } from './credit-link.ts';
import { rfc3797Draw } from './rfc3797.ts';
import { redrawOrder, rosterOrder, teamFollowsOrder, teamOrder } from './strata.ts';

const VALUES = ['03 09 12 17 25 31', '1 2 3 4 5'];
const CODE = '91500113MB0000001X';

describe('单组重新匹配: the re-draw order', () => {
  it('is RFC 3797 over the roster with the values, the credit code and the sequence number as sources', () => {
    expect(redrawOrder(9, VALUES, CODE, 2)).toEqual(
      rfc3797Draw({ pool: 9, pick: 9, sources: [...VALUES, CODE, '2'] }).selected,
    );
    // a permutation of the roster, deterministic
    expect([...redrawOrder(9, VALUES, CODE, 1)].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(redrawOrder(9, VALUES, CODE, 1)).toEqual(redrawOrder(9, VALUES, CODE, 1));
  });

  it('differs from the original order and between re-draws; empty roster, empty order', () => {
    const orders = [rosterOrder(12, VALUES, CODE), ...[1, 2, 3].map((n) => redrawOrder(12, VALUES, CODE, n))];
    expect(new Set(orders.map((o) => o.join(','))).size).toBe(4);
    expect(redrawOrder(0, VALUES, CODE, 1)).toEqual([]);
    expect(teamOrder(12, VALUES, CODE)).toEqual(orders[0]);
    expect(teamOrder(12, VALUES, CODE, 2)).toEqual(orders[2]);
  });

  it.each([
    ['first two, none passed over', [5, 2, 7, 1], [5, 2], [], true],
    ['one passed over with a reason', [5, 2, 7, 1], [5, 7], [2], true],
    ['out of order', [5, 2, 7, 1], [2, 5], [], false],
    ['a member further down while an earlier one was not passed over', [5, 2, 7, 1], [5, 7], [], false],
    ['a passed-over entry not reached', [5, 2, 7, 1], [5, 2], [1], false],
  ])('teamFollowsOrder: %s', (_name, order, inspectors, skipped, ok) => {
    expect(teamFollowsOrder(order, inspectors, skipped)).toBe(ok);
  });
});

describe('inspection result → credit record', () => {
  it('maps outcomes to severities and builds the reference and title', () => {
    expect(OUTCOME_SEVERITY).toEqual({
      normal: 'none',
      corrected: 'minor',
      rectify: 'general',
      case: 'general',
    });
    expect(resultRef('t', 'e')).toBe('t/e');
    expect(
      creditTitle({ taskTitle: '食品抽查', outcomeLabel: '未发现问题', publicFindings: '经营正常' }),
    ).toBe('双随机抽查（食品抽查）：未发现问题。经营正常');
    expect(creditTitle({ taskTitle: 'x', outcomeLabel: 'y', publicFindings: '长'.repeat(600) })).toHaveLength(
      500,
    );
  });
});
