import { describe, expect, it } from 'vitest';
import { rfc3797Draw } from './rfc3797.ts';
import { planStrata, stratifiedDraw, stratumMembers, stratumPick } from './strata.ts';

describe('draws stratified by credit grade', () => {
  it.each([
    [100, 3, 3],
    [101, 3, 4],
    [8, 5, 1],
    [8, 100, 8],
    [8, 0, 0],
    [1000, 2.5, 25],
    [3, 33.33, 1],
  ])('⌈%i × %f%%⌉ = %i', (size, ratio, pick) => {
    expect(stratumPick(size, ratio)).toBe(pick);
  });

  it('plans only the grades present, in the order A B C D U', () => {
    expect(planStrata(['U', 'D', 'A', 'D'], { A: 50, B: 50, C: 50, D: 50, U: 100 })).toEqual([
      { grade: 'A', size: 1, pick: 1 },
      { grade: 'D', size: 2, pick: 1 },
      { grade: 'U', size: 1, pick: 1 },
    ]);
    expect(stratumMembers(['B', 'A', 'B', 'X'])).toEqual({ A: [2], B: [1, 3], C: [], D: [], U: [4] });
  });

  it('is RFC 3797 over each stratum with the same sources, mapped back to pool positions', () => {
    const grades = Array.from({ length: 30 }, (_, i) => 'ABCD'[i % 4]!);
    const strata = planStrata(grades, { A: 10, B: 20, C: 50, D: 100, U: 0 });
    const sources = ['9 18 26 34 41 45', 'EXAMPLE'];
    const r = stratifiedDraw(grades, strata, sources);
    const members = stratumMembers(grades);
    let at = 0;
    for (const s of r.strata) {
      const own = rfc3797Draw({ pool: s.size, pick: s.pick, sources }).selected;
      expect(s.selected).toEqual(own);
      expect(r.selected.slice(at, at + s.pick)).toEqual(own.map((p) => members[s.grade][p - 1]));
      at += s.pick;
    }
    expect(new Set(r.selected).size).toBe(r.selected.length);
    for (const p of r.selected) expect(grades[p - 1]).toBeDefined();
  });
});
