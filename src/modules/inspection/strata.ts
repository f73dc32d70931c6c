/**
 * 按信用等级分层抽取 (a draw stratified by credit grade), pure so the browser's verify page runs the same code.
 *
 * At publication the pool (ordered by credit code) is frozen with each entry's grade (A/B/C/D, `U` without a
 * grade). Stratum g is the pool's entries of grade g, in pool order; its count is ⌈size × ratio_g ⁄ 100⌉. The
 * draw runs RFC 3797 once per stratum, in the order A, B, C, D, U, each over its own stratum with the **same**
 * published sources; a stratum's positions map back to pool positions through its members. Anyone holding the
 * published pool, grades, ratios and source values can repeat it with any RFC 3797 implementation.
 */
import { MAX_PICK, rfc3797Draw } from './rfc3797.ts';

export const GRADES = ['A', 'B', 'C', 'D', 'U'] as const;
export type StratumGrade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<StratumGrade, string> = {
  A: 'A类（信用风险低）',
  B: 'B类（信用风险一般）',
  C: 'C类（信用风险较高）',
  D: 'D类（信用风险高）',
  U: '未分类',
};

export interface StratumPlan {
  grade: StratumGrade;
  size: number;
  pick: number;
  /** 1-based positions within the stratum, in draw order. */
  selected?: number[];
}

/** ⌈size × ratio ⁄ 100⌉, with ratios given to at most two decimals (so 3% of 100 is exactly 3). */
export const stratumPick = (size: number, ratio: number) =>
  Math.min(size, Math.ceil((size * Math.round(ratio * 100)) / 10_000));

/** The strata of a graded pool for the given ratios (percent per grade). */
export function planStrata(
  grades: readonly string[],
  ratios: Readonly<Record<StratumGrade, number>>,
): StratumPlan[] {
  return GRADES.map((grade) => {
    const size = grades.reduce((n, g) => n + (g === grade ? 1 : 0), 0);
    return { grade, size, pick: stratumPick(size, ratios[grade]) };
  }).filter((s) => s.size > 0);
}

/** The pool positions (1-based) of each stratum's members, in pool order. */
export function stratumMembers(grades: readonly string[]): Record<StratumGrade, number[]> {
  const members: Record<StratumGrade, number[]> = { A: [], B: [], C: [], D: [], U: [] };
  grades.forEach((g, i) => {
    members[(GRADES as readonly string[]).includes(g) ? (g as StratumGrade) : 'U'].push(i + 1);
  });
  return members;
}

/**
 * One RFC 3797 draw per stratum with the same sources: each stratum's selection (positions within it) and
 * the pool positions of everything selected, stratum by stratum in draw order.
 */
export function stratifiedDraw(
  grades: readonly string[],
  strata: readonly StratumPlan[],
  sources: readonly string[],
): { strata: StratumPlan[]; selected: number[] } {
  const members = stratumMembers(grades);
  const out: StratumPlan[] = [];
  const selected: number[] = [];
  for (const s of strata) {
    const m = members[s.grade];
    const picks =
      s.pick === 0 ? [] : rfc3797Draw({ pool: m.length, pick: s.pick, sources: [...sources] }).selected;
    out.push({ grade: s.grade, size: s.size, pick: s.pick, selected: picks });
    for (const p of picks) selected.push(m[p - 1]!);
  }
  return { strata: out, selected };
}

/**
 * 检查人员随机匹配: the roster's RFC 3797 order for one drawn entity, from the published source values followed
 * by the entity's credit code as one more source (each entity its own order; anyone can recompute it).
 */
export function rosterOrder(
  rosterSize: number,
  sourceValues: readonly string[],
  entityCode: string,
): number[] {
  if (rosterSize === 0) return [];
  return rfc3797Draw({
    pool: rosterSize,
    pick: Math.min(rosterSize, MAX_PICK),
    sources: [...sourceValues, entityCode],
  }).selected;
}

/**
 * 单组重新匹配: the roster order of the `seq`-th re-draw of one entity's team (after a later conflict or a lost
 * credential): the published source values, the entity's credit code and the published sequence number as
 * sources. Re-draw 1 of an entity differs from its original order and from every other re-draw.
 */
export function redrawOrder(
  rosterSize: number,
  sourceValues: readonly string[],
  entityCode: string,
  seq: number,
): number[] {
  if (rosterSize === 0) return [];
  return rfc3797Draw({
    pool: rosterSize,
    pick: Math.min(rosterSize, MAX_PICK),
    sources: [...sourceValues, entityCode, String(seq)],
  }).selected;
}

/**
 * Whether a published team follows its roster order: walking the order, every entry is either passed over (with
 * a published reason) or on the team, in order, until the team is full.
 */
export function teamFollowsOrder(
  order: readonly number[],
  inspectors: readonly number[],
  skipped: readonly number[],
): boolean {
  const passed = new Set(skipped);
  const walked = order.slice(0, inspectors.length + skipped.length);
  return (
    walked.every((r) => passed.has(r) || inspectors.includes(r)) &&
    JSON.stringify(walked.filter((r) => !passed.has(r))) === JSON.stringify(inspectors)
  );
}

/** The roster order a published team was drawn from: the original draw, or its re-draw `redraw`. */
export function teamOrder(
  rosterSize: number,
  sourceValues: readonly string[],
  entityCode: string,
  redraw?: number | null,
): number[] {
  return redraw
    ? redrawOrder(rosterSize, sourceValues, entityCode, redraw)
    : rosterOrder(rosterSize, sourceValues, entityCode);
}
