import { describe, expect, it } from 'vitest';
import { ProblemCollector } from '../../kernel/errors.ts';
import { BUILTIN_RULES, publicityFor, repairEligibleFrom } from './publicity.ts';
import {
  checkModelDefinition,
  DEFAULT_MODEL,
  flatRules,
  type GradedRecord,
  gradeOf,
  type ModelDefinition,
  type RecordKind,
  type Severity,
} from './scoring.ts';

const rec = (kind: RecordKind, severity: Severity = 'none', id = `${kind}-${severity}`): GradedRecord => ({
  id,
  kind,
  severity,
  documentNo: `文号-${id}`,
  decidedOn: '2026-05-01',
});

describe('gradeOf under the default model (base 100; A ≥ 90, B ≥ 75, C ≥ 60)', () => {
  const cases: [string, GradedRecord[], number, string][] = [
    ['noRecords_isBaseScore_A', [], 100, 'A'],
    ['oneGeneralPenalty_minus10_A', [rec('penalty', 'general')], 90, 'A'],
    [
      'twoGeneralPenalties_minus20_B',
      [rec('penalty', 'general', 'a'), rec('penalty', 'general', 'b')],
      80,
      'B',
    ],
    ['seriousPenalty_minus30_C', [rec('penalty', 'serious')], 70, 'C'],
    [
      'seriousPenaltyAndBreach_minus45_D',
      [rec('penalty', 'serious'), rec('commitment_breached', 'general')],
      55,
      'D',
    ],
    ['honourOffsetsMinorPenalty', [rec('penalty', 'minor'), rec('honour')], 103, 'A'],
    [
      'seriousDishonesty_forcesD_evenWithHonours',
      [rec('serious_dishonesty', 'serious'), rec('honour', 'none', 'h1'), rec('honour', 'none', 'h2')],
      70,
      'D',
    ],
    ['abnormalListing_capsAtC', [rec('abnormal_listing', 'general')], 80, 'C'],
    ['inspectionNoProblem_plus1', [rec('inspection', 'none')], 101, 'A'],
    ['licence_halfPoint', [rec('licence')], 100.5, 'A'],
    ['unscoredKind_ignored', [rec('commitment')], 100, 'A'],
  ];
  it.each(cases)('%s', (_name, records, score, grade) => {
    const r = gradeOf(DEFAULT_MODEL, records);
    expect(r.score).toBe(score);
    expect(r.grade).toBe(grade);
  });

  it('explains each record that moved the score, with the indicator and the weighted points', () => {
    const r = gradeOf(DEFAULT_MODEL, [rec('penalty', 'general'), rec('commitment')]);
    expect(r.explanation).toEqual([
      {
        recordId: 'penalty-general',
        kind: 'penalty',
        severity: 'general',
        documentNo: '文号-penalty-general',
        indicator: 'penalty',
        points: -10,
      },
    ]);
  });
});

describe('weights, wildcard severities and thresholds', () => {
  const model: ModelDefinition = {
    baseScore: 50,
    thresholds: { A: 60, B: 40, C: 20 },
    gradePublic: true,
    indicators: [
      {
        code: 'p',
        name: '处罚',
        weight: 1.5,
        rules: [
          { kind: 'penalty', severity: '*', points: -10 },
          { kind: 'penalty', severity: 'serious', points: -20 },
        ],
      },
      { code: 'h', name: '表彰', weight: 0.5, rules: [{ kind: 'honour', severity: '*', points: 10 }] },
    ],
  };
  const cases: [string, GradedRecord[], number, string][] = [
    ['exactSeverity_beatsWildcard', [rec('penalty', 'serious')], 20, 'C'],
    ['wildcard_appliesToOtherSeverities', [rec('penalty', 'minor')], 35, 'C'],
    ['weightApplies_toBonus', [rec('honour')], 55, 'B'],
    ['scoreOnThreshold_takesThatGrade', [rec('honour', 'none', 'a'), rec('honour', 'none', 'b')], 60, 'A'],
    ['belowC_isD', [rec('penalty', 'serious', 'a'), rec('penalty', 'minor', 'b')], 5, 'D'],
  ];
  it.each(cases)('%s', (_n, records, score, grade) => {
    expect(gradeOf(model, records)).toMatchObject({ score, grade });
  });
  it('flattens to one weighted rule per kind and severity, as the SQL joins on', () => {
    const flat = flatRules(model);
    expect(flat.find((r) => r.kind === 'penalty' && r.severity === 'serious')?.points).toBe(-30);
    expect(flat.find((r) => r.kind === 'penalty' && r.severity === 'none')?.points).toBe(-15);
    expect(flat.filter((r) => r.kind === 'honour')).toHaveLength(4);
  });
});

describe('checkModelDefinition', () => {
  it('lists every problem', () => {
    const bad: ModelDefinition = {
      baseScore: 100,
      thresholds: { A: 50, B: 60, C: 10 },
      gradePublic: false,
      indicators: [
        {
          code: 'x',
          name: 'X',
          weight: 1,
          rules: [
            { kind: 'penalty', severity: 'general', points: -1 },
            { kind: 'penalty', severity: 'general', points: 0 },
          ],
        },
        { code: 'x', name: 'Y', weight: 1, rules: [] },
      ],
    };
    const check = new ProblemCollector();
    checkModelDefinition(bad, check, '/body/definition');
    expect(check.errors.map((e) => e.pointer)).toEqual([
      '/body/definition/thresholds',
      '/body/definition/indicators/0/rules/1',
      '/body/definition/indicators/0/rules/1/points',
      '/body/definition/indicators/1/code',
      '/body/definition/indicators/1/rules',
    ]);
  });
  it('accepts the default model', () => {
    const check = new ProblemCollector();
    checkModelDefinition(DEFAULT_MODEL, check, '');
    expect(check.errors).toEqual([]);
  });
});

describe('publicity periods by rules version', () => {
  const cases: [string, RecordKind, Severity, string, string, string | null, string][] = [
    [
      'generalPenalty_before2026_samr_6m_3y',
      'penalty',
      'general',
      '2026-01-15',
      '2026-07-15',
      '2029-01-15',
      'samr-2021',
    ],
    [
      'generalPenalty_from2026-04-01_ndrc_3m_1y',
      'penalty',
      'general',
      '2026-04-01',
      '2026-07-01',
      '2027-04-01',
      'ndrc-2026',
    ],
    [
      'seriousPenalty_ndrc_1y_3y',
      'penalty',
      'serious',
      '2026-05-31',
      '2027-05-31',
      '2029-05-31',
      'ndrc-2026',
    ],
    ['minorPenalty_ndrc_0_3m', 'penalty', 'minor', '2026-11-30', '2026-11-30', '2027-02-28', 'ndrc-2026'],
    ['honour_3y_notRepairable', 'honour', 'none', '2026-05-01', '2026-05-01', '2029-05-01', 'ndrc-2026'],
  ];
  it.each(cases)('%s', (_n, kind, severity, decidedOn, minEnd, end, version) => {
    expect(publicityFor(BUILTIN_RULES, kind, severity, decidedOn)).toMatchObject({
      rulesVersion: version,
      publicityMinEnd: minEnd,
      publicityEnd: end,
    });
  });

  it('judges repair under the version in force on the application date, not the decision date', () => {
    // decided under the 2021 rules (6 months), applied for after 2026-04-01 (3 months)
    const r = repairEligibleFrom(BUILTIN_RULES, 'penalty', 'general', '2026-02-10', '2026-05-20');
    expect(r.version?.code).toBe('ndrc-2026');
    expect(r.eligibleFrom).toBe('2026-05-10');
    const before = repairEligibleFrom(BUILTIN_RULES, 'penalty', 'general', '2025-12-10', '2026-03-20');
    expect(before.version?.code).toBe('samr-2021');
    expect(before.eligibleFrom).toBe('2026-06-10');
  });

  it('refuses repair of kinds that are not repairable', () => {
    expect(
      repairEligibleFrom(BUILTIN_RULES, 'honour', 'none', '2026-05-01', '2026-06-01').eligibleFrom,
    ).toBeNull();
  });
});
