/**
 * 案卷评查 (case-file quality review; rules.md §2.2 "留痕、可回溯", §1.12): a reviewer scores a decided case's file
 * against the district's score sheet (评查标准). Pure rules: the default sheet, the sheet's own checks, and the
 * scoring of one review (every problem listed, total and grade).
 *
 * The default standard and the grade thresholds are local practice, not statute [M]: each district may change
 * both (`PUT /api/enforcement/case-reviews/score-sheet`); a stored review keeps the sheet it was scored on.
 */
import type { FieldProblem } from '../../kernel/errors.ts';

export interface ScoreItem {
  /** Stable key (lower case letters, digits, hyphens). */
  key: string;
  label: string;
  /** The item's full marks. */
  max: number;
}

export interface ScoreSheet {
  items: ScoreItem[];
  /** Lowest total for 优秀 and for 合格 (below `pass`: 不合格). Configurable [M]. */
  thresholds: { excellent: number; pass: number };
}

export const GRADES = ['excellent', 'pass', 'fail'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, string> = { excellent: '优秀', pass: '合格', fail: '不合格' };

/** The default 案卷评查 standard: 100 points over eight items; 优秀 ≥ 90, 合格 ≥ 75, 不合格 < 75 [M]. */
export const DEFAULT_SCORE_SHEET: ScoreSheet = {
  items: [
    { key: 'subject', label: '执法主体合法', max: 10 },
    { key: 'facts', label: '事实认定清楚', max: 20 },
    { key: 'evidence', label: '证据确凿充分', max: 20 },
    { key: 'procedure', label: '程序合法', max: 20 },
    { key: 'law', label: '适用法律正确', max: 15 },
    { key: 'discretion', label: '裁量适当', max: 5 },
    { key: 'documents', label: '文书规范', max: 5 },
    { key: 'archive', label: '立卷归档', max: 5 },
  ],
  thresholds: { excellent: 90, pass: 75 },
};

/** Scores are whole or half points. */
const isHalfStep = (n: number) => Number.isFinite(n) && Number.isInteger(n * 2);
const KEY = /^[a-z][a-z0-9-]{0,39}$/;
export const SHEET_TOTAL = 100;

/** Every problem with a score sheet (pointers under `base`, e.g. `/body`). */
export function sheetProblems(sheet: ScoreSheet, base = '/body'): FieldProblem[] {
  const out: FieldProblem[] = [];
  const add = (pointer: string, detail: string) => out.push({ pointer: `${base}${pointer}`, detail });
  if (sheet.items.length === 0) add('/items', '评查标准至少应有一个评查项目');
  const seenKeys = new Set<string>();
  const seenLabels = new Set<string>();
  sheet.items.forEach((it, i) => {
    if (!KEY.test(it.key)) add(`/items/${i}/key`, '项目代码应以小写字母开头，只含小写字母、数字和连字符');
    else if (seenKeys.has(it.key)) add(`/items/${i}/key`, `项目代码“${it.key}”重复`);
    seenKeys.add(it.key);
    const label = it.label.trim();
    if (!label) add(`/items/${i}/label`, '请填写评查项目名称');
    else if (seenLabels.has(label)) add(`/items/${i}/label`, `评查项目“${label}”重复`);
    seenLabels.add(label);
    if (!(it.max > 0) || !isHalfStep(it.max)) add(`/items/${i}/max`, '分值应为正数（整数或半分）');
  });
  const total = sheet.items.reduce((s, it) => s + (Number.isFinite(it.max) ? it.max : 0), 0);
  if (sheet.items.length > 0 && total !== SHEET_TOTAL)
    add('/items', `各项分值合计应为${SHEET_TOTAL}分，现为${total}分`);
  const { excellent, pass } = sheet.thresholds;
  if (!(pass > 0 && pass <= SHEET_TOTAL)) add('/thresholds/pass', `合格分数线应在0至${SHEET_TOTAL}分之间`);
  if (!(excellent > 0 && excellent <= SHEET_TOTAL))
    add('/thresholds/excellent', `优秀分数线应在0至${SHEET_TOTAL}分之间`);
  else if (excellent <= pass) add('/thresholds/excellent', '优秀分数线应高于合格分数线');
  return out;
}

export interface ReviewInput {
  reviewedOn: string;
  items: { key: string; score: number; reason?: string | undefined }[];
  comment: string;
  rectification?: string | undefined;
}

export interface ScoredItem extends ScoreItem {
  score: number;
  /** 扣分理由 (empty when full marks). */
  reason: string | null;
}

export interface ScoredReview {
  problems: FieldProblem[];
  items: ScoredItem[];
  total: number;
  grade: Grade;
}

export function gradeOf(total: number, thresholds: ScoreSheet['thresholds']): Grade {
  if (total >= thresholds.excellent) return 'excellent';
  if (total >= thresholds.pass) return 'pass';
  return 'fail';
}

/**
 * Scores one review against a sheet. Every item of the sheet is scored exactly once, between 0 and its full
 * marks in whole or half points; points deducted need a reason; an overall comment is required; 不合格 needs
 * the rectification required (整改要求); the review date is not after today. Problems point under `/body`.
 */
export function scoreReview(sheet: ScoreSheet, input: ReviewInput, today: string): ScoredReview {
  const problems: FieldProblem[] = [];
  const add = (pointer: string, detail: string) => problems.push({ pointer: `/body${pointer}`, detail });
  const byKey = new Map(sheet.items.map((it) => [it.key, it]));
  const given = new Map<string, ScoredItem>();
  input.items.forEach((it, i) => {
    const def = byKey.get(it.key);
    if (!def) {
      add(`/items/${i}/key`, `评查标准中没有项目“${it.key}”`);
      return;
    }
    if (given.has(it.key)) {
      add(`/items/${i}/key`, `“${def.label}”重复评分`);
      return;
    }
    const reason = it.reason?.trim() || null;
    if (!Number.isFinite(it.score) || it.score < 0 || it.score > def.max)
      add(`/items/${i}/score`, `“${def.label}”的得分应在0至${def.max}分之间`);
    else if (!isHalfStep(it.score)) add(`/items/${i}/score`, `“${def.label}”的得分应为整数或半分`);
    else if (it.score < def.max && !reason) add(`/items/${i}/reason`, `“${def.label}”扣分的，应写明扣分理由`);
    given.set(it.key, { ...def, score: it.score, reason: it.score < def.max ? reason : null });
  });
  for (const def of sheet.items) if (!given.has(def.key)) add('/items', `“${def.label}”未评分`);
  if (!input.comment.trim()) add('/comment', '请填写总体评价');
  if (input.reviewedOn > today) add('/reviewedOn', '评查日期不能晚于今天');
  const items = sheet.items.map((def) => given.get(def.key) ?? { ...def, score: 0, reason: null });
  const total = items.reduce((s, it) => s + (Number.isFinite(it.score) ? it.score : 0), 0);
  const grade = gradeOf(total, sheet.thresholds);
  if (grade === 'fail' && !input.rectification?.trim())
    add('/rectification', `评查结果为不合格（${total}分），应提出整改要求`);
  return { problems, items, total, grade };
}
