/**
 * The credit vocabulary and the scoring model as pure data and functions: record kinds and severities, the
 * model definition (base score, indicators with weights, points per kind and severity, forced grades, grade
 * thresholds), its validation, and the grade of one subject. The SQL re-grade (grading.ts) computes exactly
 * what `gradeOf` computes; scoring.test.ts pins the rules table-driven.
 */
import type { ProblemCollector } from '../../kernel/errors.ts';

export const RECORD_KINDS = {
  penalty: '行政处罚',
  inspection: '抽查检查结果',
  abnormal_listing: '列入经营异常名录',
  serious_dishonesty: '列入严重失信主体名单',
  licence: '行政许可',
  honour: '表彰奖励',
  commitment: '信用承诺',
  commitment_fulfilled: '信用承诺履行',
  commitment_breached: '信用承诺违反',
} as const;
export type RecordKind = keyof typeof RECORD_KINDS;
export const RECORD_KIND_CODES = Object.keys(RECORD_KINDS) as [RecordKind, ...RecordKind[]];

/** Kinds that speak against the subject: they carry a severity and may be repaired. */
export const ADVERSE_KINDS: readonly RecordKind[] = [
  'penalty',
  'inspection',
  'abnormal_listing',
  'serious_dishonesty',
  'commitment_breached',
];

export const SEVERITIES = { none: '无', minor: '轻微', general: '一般', serious: '严重' } as const;
export type Severity = keyof typeof SEVERITIES;
export const SEVERITY_CODES = Object.keys(SEVERITIES) as [Severity, ...Severity[]];

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_NAMES: Record<Grade, string> = {
  A: 'A（低风险）',
  B: 'B（一般风险）',
  C: 'C（较高风险）',
  D: 'D（高风险）',
};

/** One scoring rule: what a record of `kind` (and `severity`, or any) adds to its indicator, before the weight. */
export interface ScoreRule {
  kind: RecordKind;
  /** A severity, or `*` for every severity of the kind. */
  severity: Severity | '*';
  points: number;
  /** A grade the subject gets at best while such a record is active (e.g. a serious-dishonesty listing → D). */
  forceGrade?: Grade | undefined;
}

export interface Indicator {
  code: string;
  name: string;
  weight: number;
  rules: ScoreRule[];
}

export interface ModelDefinition {
  baseScore: number;
  indicators: Indicator[];
  /** Lowest score of each grade: score ≥ A → A, ≥ B → B, ≥ C → C, else D. */
  thresholds: { A: number; B: number; C: number };
  /** Whether the grade is shown on the public lookup (rules.md §12.1: internal by default [M]). */
  gradePublic: boolean;
}

/** A record as grading sees it. */
export interface GradedRecord {
  id: string;
  kind: RecordKind;
  severity: Severity;
  documentNo: string;
  decidedOn: string;
}

export interface GradeExplanationItem {
  recordId: string;
  kind: RecordKind;
  severity: Severity;
  documentNo: string;
  indicator: string;
  /** Points after the indicator's weight. */
  points: number;
  forceGrade?: Grade | undefined;
}

export interface GradeResult {
  score: number;
  grade: Grade;
  explanation: GradeExplanationItem[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The rule a record falls under: the first indicator's rule for its kind and exact severity, else for `*`. */
export function ruleFor(
  def: ModelDefinition,
  kind: RecordKind,
  severity: Severity,
): { indicator: Indicator; rule: ScoreRule } | null {
  for (const pass of [severity, '*'] as const)
    for (const indicator of def.indicators)
      for (const rule of indicator.rules)
        if (rule.kind === kind && rule.severity === pass) return { indicator, rule };
  return null;
}

export function gradeForScore(def: ModelDefinition, score: number): Grade {
  if (score >= def.thresholds.A) return 'A';
  if (score >= def.thresholds.B) return 'B';
  if (score >= def.thresholds.C) return 'C';
  return 'D';
}

const worse = (a: Grade, b: Grade): Grade => (a > b ? a : b);

/** The score, grade and explanation of a subject from its active records under one model. */
export function gradeOf(def: ModelDefinition, records: readonly GradedRecord[]): GradeResult {
  let score = def.baseScore;
  let forced: Grade = 'A';
  const explanation: GradeExplanationItem[] = [];
  for (const r of records) {
    const hit = ruleFor(def, r.kind, r.severity);
    if (!hit) continue;
    const points = round2(hit.rule.points * hit.indicator.weight);
    score = round2(score + points);
    if (hit.rule.forceGrade) forced = worse(forced, hit.rule.forceGrade);
    explanation.push({
      recordId: r.id,
      kind: r.kind,
      severity: r.severity,
      documentNo: r.documentNo,
      indicator: hit.indicator.code,
      points,
      ...(hit.rule.forceGrade ? { forceGrade: hit.rule.forceGrade } : {}),
    });
  }
  return { score, grade: worse(gradeForScore(def, score), forced), explanation };
}

/** The rules flattened to one row per (kind, severity) with the weight applied: what the SQL re-grade joins on. */
export function flatRules(def: ModelDefinition) {
  const out: { kind: string; severity: string; indicator: string; points: number; force: string | null }[] =
    [];
  for (const kind of RECORD_KIND_CODES)
    for (const severity of SEVERITY_CODES) {
      const hit = ruleFor(def, kind, severity);
      if (hit)
        out.push({
          kind,
          severity,
          indicator: hit.indicator.code,
          points: round2(hit.rule.points * hit.indicator.weight),
          force: hit.rule.forceGrade ?? null,
        });
    }
  return out;
}

/** Every problem with a model definition, under `prefix` (e.g. `/body/definition`). */
export function checkModelDefinition(def: ModelDefinition, check: ProblemCollector, prefix: string): void {
  const t = def.thresholds;
  if (!(t.A > t.B && t.B > t.C)) check.add(`${prefix}/thresholds`, '等级分数线须满足 A > B > C');
  if (def.indicators.length === 0) check.add(`${prefix}/indicators`, '请至少设置一个评价指标');
  const codes = new Set<string>();
  const seen = new Set<string>();
  def.indicators.forEach((ind, i) => {
    const p = `${prefix}/indicators/${i}`;
    if (codes.has(ind.code)) check.add(`${p}/code`, `指标代码“${ind.code}”重复`);
    codes.add(ind.code);
    if (ind.rules.length === 0) check.add(`${p}/rules`, '每个指标至少设置一条加减分规则');
    ind.rules.forEach((r, j) => {
      const key = `${r.kind}/${r.severity}`;
      if (seen.has(key))
        check.add(
          `${p}/rules/${j}`,
          `“${RECORD_KINDS[r.kind]}（${r.severity === '*' ? '任意程度' : SEVERITIES[r.severity]}）”已有规则，不能重复设置`,
        );
      seen.add(key);
      if (r.points === 0 && !r.forceGrade)
        check.add(`${p}/rules/${j}/points`, '加减分为 0 且未设定等级的规则没有作用');
    });
  });
}

/** A reasonable starting model (the demo district's version 1). Values are [M]: the credit office sets its own. */
export const DEFAULT_MODEL: ModelDefinition = {
  baseScore: 100,
  thresholds: { A: 90, B: 75, C: 60 },
  gradePublic: false,
  indicators: [
    {
      code: 'penalty',
      name: '行政处罚',
      weight: 1,
      rules: [
        { kind: 'penalty', severity: 'minor', points: -2 },
        { kind: 'penalty', severity: 'general', points: -10 },
        { kind: 'penalty', severity: 'serious', points: -30 },
      ],
    },
    {
      code: 'supervision',
      name: '监管检查',
      weight: 1,
      rules: [
        { kind: 'inspection', severity: 'none', points: 1 },
        { kind: 'inspection', severity: 'minor', points: -2 },
        { kind: 'inspection', severity: 'general', points: -5 },
        { kind: 'inspection', severity: 'serious', points: -15 },
        { kind: 'abnormal_listing', severity: '*', points: -20, forceGrade: 'C' },
        { kind: 'serious_dishonesty', severity: '*', points: -40, forceGrade: 'D' },
      ],
    },
    {
      code: 'commitment',
      name: '信用承诺',
      weight: 1,
      rules: [
        { kind: 'commitment_fulfilled', severity: '*', points: 2 },
        { kind: 'commitment_breached', severity: '*', points: -15 },
      ],
    },
    {
      code: 'positive',
      name: '守信激励',
      weight: 1,
      rules: [
        { kind: 'honour', severity: '*', points: 5 },
        { kind: 'licence', severity: '*', points: 0.5 },
      ],
    },
  ],
};
