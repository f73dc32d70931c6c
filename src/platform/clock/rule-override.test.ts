import { describe, expect, it } from 'vitest';
import { validateDeadlineRule } from './deadline-rule.ts';
import { deadlineRulesSeed, findDeadlineRule } from './deadline-rules.seed.ts';
import {
  applyRuleOverride,
  checkRuleOverride,
  overridePolicy,
  overrideRule,
  type RuleOverrideInput,
  resolveOverride,
} from './rule-override.ts';

const rule = (code: string) => findDeadlineRule(code)!;
const check = (code: string, input: RuleOverrideInput) =>
  checkRuleOverride(rule(code), resolveOverride(rule(code), input));
const fields = (code: string, input: RuleOverrideInput) =>
  check(code, input).map((p) => `${p.pointer}${p.law ? ' (law)' : ''}`);

describe('override policy', () => {
  it('classifies every seeded rule', () => {
    const byPolicy = (p: string) =>
      deadlineRulesSeed.filter((r) => overridePolicy(r) === p).map((r) => r.code);
    expect(byPolicy('lengthen-only')).toEqual([
      'coercion.demand-before-court',
      'normative.public-comment',
      'normative.public-comment-business',
      'decision.public-comment',
      'decision.legality-review',
    ]);
    expect(byPolicy('fixed')).toEqual([
      'penalty.hearing-request',
      'penalty.fine-payment',
      'disclosure.third-party-opinion',
      'reconsideration.application',
      'mediation.judicial-confirmation',
    ]);
    expect(byPolicy('free')).toContain('legal-aid.review');
    expect(byPolicy('shorten-only')).toContain('licensing.decision');
    for (const r of deadlineRulesSeed) expect(validateDeadlineRule(r), r.code).toEqual([]);
  });
});

describe('checkRuleOverride', () => {
  it('lets a local rule shorten an authority limit, with a note', () => {
    expect(check('licensing.decision', { amount: 10, note: '××区行政许可承诺时限规定第三条' })).toEqual([]);
    expect(fields('licensing.decision', { amount: 10 })).toEqual(['/note']);
  });

  it('refuses to lengthen an authority limit or make it roll', () => {
    expect(fields('licensing.decision', { amount: 25, note: 'x' })).toEqual(['/amount (law)']);
    expect(fields('penalty.service-absent', { unit: 'day', amount: 7, note: 'x' })).toEqual(['/unit (law)']);
    // switching rolling off shortens a calendar-day limit: allowed
    expect(check('reconsideration.decision', { amount: 60, rollToWorkday: false, note: '本地' })).toEqual([]);
  });

  it('refuses to shorten a minimum period, and lets it lengthen', () => {
    expect(fields('decision.public-comment', { amount: 20, note: '紧急' })).toEqual(['/amount (law)']);
    expect(fields('decision.public-comment', { rollToWorkday: false, note: 'x' })).toEqual([
      '/rollToWorkday (law)',
    ]);
    expect(check('decision.public-comment', { amount: 45, note: '本市规定不少于45日' })).toEqual([]);
    expect(fields('coercion.demand-before-court', { amount: 5, note: 'x' })[0]).toBe('/amount (law)');
  });

  it("never changes a party's period, in either direction, but allows its warning window", () => {
    expect(fields('penalty.hearing-request', { amount: 3, note: 'x' })).toEqual(['/amount (law)']);
    expect(fields('reconsideration.application', { amount: 90, note: 'x' })).toEqual(['/amount (law)']);
    expect(fields('penalty.fine-payment', { rollToWorkday: false, note: 'x' })).toEqual([
      '/rollToWorkday (law)',
    ]);
    expect(check('penalty.fine-payment', { warnBefore: { amount: 3, unit: 'day' } })).toEqual([]);
  });

  it('lets configurable ([M] or sector) rules take any sane period and unit', () => {
    expect(check('legal-aid.review', { amount: 5, unit: 'workday', note: '司法部程序规定' })).toEqual([]);
    expect(check('penalty.decision', { amount: 120, note: '××领域程序规定' })).toEqual([]);
    expect(fields('penalty.decision', { amount: 400, note: 'x' })).toEqual(['/amount']);
  });

  it('reports malformed values, all at once', () => {
    expect(
      fields('legal-aid.review', {
        amount: 0,
        unit: 'week' as never,
        warnBefore: { amount: -1, unit: 'day' },
        note: 'x'.repeat(501),
      }),
    ).toEqual(['/unit', '/amount', '/warnBefore/amount', '/note']);
    expect(fields('licensing.decision', { warnBefore: { amount: 20, unit: 'workday' } })).toEqual([
      '/warnBefore/amount',
    ]);
  });
});

describe('applyRuleOverride', () => {
  it('keeps the statute and its note, and adds the local note first', () => {
    const r = applyRuleOverride(
      rule('licensing.decision'),
      resolveOverride(rule('licensing.decision'), { amount: 10, note: '承诺时限' }),
    );
    expect(r).toMatchObject({ amount: 10, unit: 'workday', statute: '行政许可法第四十二条、第八十二条' });
    expect(r.note?.split('\n')[0]).toBe('本地规定：承诺时限');
    expect(r.note).toContain('听证、招标');
  });

  it('drops an extension amount in a unit the local period no longer uses', () => {
    const out = overrideRule(
      rule('penalty.decision'),
      resolveOverride(rule('penalty.decision'), { amount: 60, unit: 'workday', note: '本地' }),
    );
    expect(out.rule?.extension).toEqual({ approval: rule('penalty.decision').extension!.approval });
    expect(out.rule?.rollToWorkday).toBe(false);
  });

  it('uses the default warning window when warnBefore is null', () => {
    const r = applyRuleOverride(
      rule('penalty.decision'),
      resolveOverride(rule('penalty.decision'), { warnBefore: null }),
    );
    expect(r.warnBefore).toBeUndefined();
  });
});
