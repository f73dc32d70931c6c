import { describe, expect, it } from 'vitest';
import { validateDeadlineRule } from './deadline-rule.ts';
import { deadlineRulesSeed, findDeadlineRule } from './deadline-rules.seed.ts';

describe('deadline rules seed', () => {
  it('covers the required rows of Appendix A', () => {
    const refs = new Set(deadlineRulesSeed.map((r) => r.ref));
    for (const ref of [
      'A2',
      'A4',
      'A5',
      'A6',
      'A8',
      'A10',
      'A11',
      'A15',
      'A18',
      'A21',
      'A22',
      'A24',
      'A26',
      'A27',
      'A28',
      'A30',
      'A33',
      'A34',
      'A37',
      'A41',
      'A44',
      'A47',
      'A52',
      'A53',
    ]) {
      expect(refs.has(ref), ref).toBe(true);
    }
  });

  it('has valid rules with unique codes', () => {
    deadlineRulesSeed.forEach((r, i) => {
      expect(validateDeadlineRule(r, `/${i}`), r.code).toEqual([]);
    });
    const codes = deadlineRulesSeed.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('marks every [M] rule configurable, with a 待核实 note', () => {
    const m = deadlineRulesSeed.filter((r) => r.tag === 'M');
    expect(m.map((r) => r.ref ?? r.code)).toEqual([
      'A18',
      'A20',
      'A21',
      'A22',
      'A23',
      'A23',
      'legality.review',
      'A47',
      'A48',
    ]);
    for (const r of m) {
      expect(r.configurable).toBe(true);
      expect(r.note).toContain('待核实，可配置');
    }
  });

  it.each([
    // [code, amount, unit, rollToWorkday] per rules.md §0.1
    ['penalty.hearing-request', 5, 'workday', false], // 行政处罚法第八十五条
    ['penalty.service-absent', 7, 'workday', false],
    ['penalty.publicity-withdrawal', 3, 'workday', false],
    ['penalty.decision', 90, 'day', true], // ordinary period + 民诉法第八十五条
    ['penalty.fine-payment', 15, 'day', true],
    ['reconsideration.acceptance-review', 5, 'workday', false], // 行政复议法第八十八条
    ['reconsideration.application', 60, 'day', true],
    ['reconsideration.decision', 60, 'day', true],
    ['licensing.decision', 20, 'workday', false], // 行政许可法第八十二条
    ['disclosure.reply', 20, 'workday', false], // 政府信息公开条例
    ['coercion.demand-before-court', 10, 'workday', false], // 行政强制法第六十九条: ≤10 days
    ['coercion.seizure', 30, 'day', true],
    ['decision.public-comment', 30, 'day', true], // 决策条例: 30日 CD
    ['decision.legality-review', 7, 'workday', false], // 7个工作日
    ['suggestion.reply', 3, 'month', true],
  ] as const)('%s is %i %s (roll %s)', (code, amount, unit, roll) => {
    expect(findDeadlineRule(code)).toMatchObject({ amount, unit, rollToWorkday: roll, countStartDay: false });
  });

  it('flags validation problems in Chinese', () => {
    const r = { ...findDeadlineRule('legal-aid.review')!, configurable: false, amount: 1.5 };
    expect(validateDeadlineRule(r).map((p) => p.detail)).toEqual([
      '期限长度必须是正整数：1.5',
      '未经原文核实（[M]）的期限必须标记为可配置',
    ]);
  });
});
