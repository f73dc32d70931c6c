/**
 * The penalty range of an enforcement matter and its discretion standard (裁量基准), as pure functions.
 *
 * The bands, by circumstance (行政处罚法 Arts. 30–33; local 裁量基准 follow the same pattern):
 * - 从轻 / 一般 / 从重 lie within the legal fine range, in that order: a band may start where the previous one
 *   ends (standards are written “5000元以上2万元以下”, and 以上/以下 include the boundary), but they may not
 *   overlap further, so every amount away from a boundary belongs to one band only.
 * - 减轻 lies below the legal minimum (减轻 = below the statutory lower limit), so it needs a legal minimum above 0.
 * - 不予处罚 carries no fine and no other penalty.
 * - Each circumstance has at most one band; a band's other penalties are ones the law provides (except 减轻).
 * - Fines and bands exist only for 行政处罚 matters.
 */
import type { FieldProblem } from '../../kernel/errors.ts';

export const MATTER_TYPES = ['行政处罚', '行政强制', '行政检查', '其他'] as const;
export type MatterType = (typeof MATTER_TYPES)[number];

/** The circumstances, lightest first. */
export const CIRCUMSTANCES = ['不予处罚', '减轻', '从轻', '一般', '从重'] as const;
export type Circumstance = (typeof CIRCUMSTANCES)[number];

/** One provision the matter rests on: `{ law: '《中华人民共和国食品安全法》', article: '第一百二十四条' }`. */
export interface LegalBasisItem {
  law: string;
  article: string;
}

export interface DiscretionBand {
  circumstance: Circumstance;
  description: string;
  /** Yuan; both `null` when the band sets no fine. */
  fineMin: number | null;
  fineMax: number | null;
  otherPenalties: string[];
}

/** What the law allows for a matter, with its discretion standard. */
export interface PenaltyRange {
  type: string;
  /** Yuan; both `null` when the law provides no fine. */
  fineMin: number | null;
  fineMax: number | null;
  otherPenalties: string[];
  discretion: DiscretionBand[];
}

const yuan = (n: number) => `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}元`;
const isMoney = (n: number) => Number.isFinite(n) && n >= 0 && Math.round(n * 100) === n * 100;
const ORDER: Circumstance[] = ['减轻', '从轻', '一般', '从重'];

/** Every problem with a matter's fine range and bands (pointers under `base`, e.g. `/body`). */
export function discretionProblems(m: PenaltyRange, base = '/body'): FieldProblem[] {
  const out: FieldProblem[] = [];
  const add = (pointer: string, detail: string) => out.push({ pointer: `${base}${pointer}`, detail });
  const hasRange = m.fineMin !== null || m.fineMax !== null;
  if (hasRange) {
    if (m.fineMin === null || m.fineMax === null)
      add(m.fineMin === null ? '/fineMin' : '/fineMax', '罚款下限和上限须同时填写或同时不填');
    if (m.fineMin !== null && !isMoney(m.fineMin)) add('/fineMin', '罚款金额须为不小于0、最多两位小数的数');
    if (m.fineMax !== null && !isMoney(m.fineMax)) add('/fineMax', '罚款金额须为不小于0、最多两位小数的数');
    if (m.fineMin !== null && m.fineMax !== null && m.fineMin > m.fineMax)
      add('/fineMax', `罚款上限（${yuan(m.fineMax)}）不能小于下限（${yuan(m.fineMin)}）`);
  }
  if (m.type !== '行政处罚') {
    if (hasRange) add('/fineMin', '只有行政处罚事项可以设定罚款幅度');
    if (m.otherPenalties.length > 0) add('/otherPenalties', '只有行政处罚事项可以设定其他处罚种类');
    if (m.discretion.length > 0) add('/discretion', '只有行政处罚事项可以设定裁量基准');
    return out;
  }
  const rangeOk = m.fineMin !== null && m.fineMax !== null && m.fineMin <= m.fineMax;
  const seen = new Map<Circumstance, number>();
  m.discretion.forEach((b, i) => {
    const at = `/discretion/${i}`;
    if (!(CIRCUMSTANCES as readonly string[]).includes(b.circumstance)) {
      add(`${at}/circumstance`, `情形须为：${CIRCUMSTANCES.join('、')}`);
      return;
    }
    if (seen.has(b.circumstance))
      add(`${at}/circumstance`, `“${b.circumstance}”情形重复（第${seen.get(b.circumstance)! + 1}档已设定）`);
    else seen.set(b.circumstance, i);
    const bandFine = b.fineMin !== null || b.fineMax !== null;
    if (bandFine && (b.fineMin === null || b.fineMax === null))
      add(`${at}/${b.fineMin === null ? 'fineMin' : 'fineMax'}`, '本档罚款下限和上限须同时填写或同时不填');
    if (b.fineMin !== null && !isMoney(b.fineMin))
      add(`${at}/fineMin`, '罚款金额须为不小于0、最多两位小数的数');
    if (b.fineMax !== null && !isMoney(b.fineMax))
      add(`${at}/fineMax`, '罚款金额须为不小于0、最多两位小数的数');
    if (b.fineMin !== null && b.fineMax !== null && b.fineMin > b.fineMax)
      add(`${at}/fineMax`, `本档罚款上限（${yuan(b.fineMax)}）不能小于下限（${yuan(b.fineMin)}）`);
    if (b.circumstance === '不予处罚') {
      if ((b.fineMin ?? 0) !== 0 || (b.fineMax ?? 0) !== 0)
        add(`${at}/fineMax`, '不予处罚的情形不能设定罚款');
      if (b.otherPenalties.length > 0) add(`${at}/otherPenalties`, '不予处罚的情形不能设定其他处罚');
      return;
    }
    if (b.circumstance !== '减轻')
      b.otherPenalties.forEach((p, j) => {
        if (!m.otherPenalties.includes(p))
          add(`${at}/otherPenalties/${j}`, `“${p}”不在本事项法定的其他处罚种类之内`);
      });
    if (!bandFine) return;
    if (!hasRange) {
      add(`${at}/fineMin`, '本事项的法律依据未规定罚款，裁量基准不能设定罚款');
      return;
    }
    if (!rangeOk || b.fineMin === null || b.fineMax === null) return;
    if (b.circumstance === '减轻') {
      if (m.fineMin! <= 0) add(`${at}/fineMax`, '法定罚款下限为0，不存在低于下限的减轻处罚幅度');
      else if (b.fineMax >= m.fineMin!)
        add(
          `${at}/fineMax`,
          `减轻处罚的罚款须低于法定下限（${yuan(m.fineMin!)}），本档上限为${yuan(b.fineMax)}`,
        );
    } else {
      if (b.fineMin < m.fineMin!)
        add(`${at}/fineMin`, `本档下限（${yuan(b.fineMin)}）低于法定下限（${yuan(m.fineMin!)}）`);
      if (b.fineMax > m.fineMax!)
        add(`${at}/fineMax`, `本档上限（${yuan(b.fineMax)}）高于法定上限（${yuan(m.fineMax!)}）`);
    }
  });
  // Order and overlap: 减轻 < 从轻 < 一般 < 从重, touching at one boundary value at most.
  const fined = ORDER.map((c) => ({ c, i: seen.get(c) }))
    .filter((x): x is { c: Circumstance; i: number } => x.i !== undefined)
    .map((x) => ({ ...x, b: m.discretion[x.i]! }))
    .filter((x) => x.b.fineMin !== null && x.b.fineMax !== null && x.b.fineMin <= x.b.fineMax);
  for (let k = 1; k < fined.length; k++) {
    const prev = fined[k - 1]!;
    const cur = fined[k]!;
    if (cur.b.fineMin! < prev.b.fineMax!)
      add(
        `/discretion/${cur.i}/fineMin`,
        `“${cur.c}”档（${yuan(cur.b.fineMin!)}起）与“${prev.c}”档（至${yuan(prev.b.fineMax!)}）重叠；各档须按 减轻、从轻、一般、从重 由低到高排列，相邻两档至多在一个端点相接`,
      );
  }
  return out;
}

export type FineCheckCode =
  | 'INVALID_AMOUNT'
  | 'NO_FINE_PROVIDED'
  | 'ABOVE_LEGAL_MAXIMUM'
  | 'BELOW_LEGAL_MINIMUM'
  | 'NO_PENALTY_WITH_FINE'
  | 'NO_BAND'
  | 'OUTSIDE_BAND';

export type FineCheck =
  | {
      ok: true;
      /** The band the circumstance names (`null` when the standard has none and a reason was recorded). */
      band: DiscretionBand | null;
      /** The amount departs from the band (or there is no band) and rests on the recorded reason. */
      deviation: boolean;
    }
  | { ok: false; code: FineCheckCode; message: string };

/**
 * Checks a proposed fine against the legal range and the discretion band of `circumstance`. The legal range is
 * absolute (no reason lifts it; below the minimum only as 减轻). Within it, an amount outside the band — or a
 * circumstance the standard does not list — needs a recorded reason (`reason`, non-blank).
 */
export function checkFineAgainstDiscretion(
  matter: PenaltyRange,
  circumstance: Circumstance,
  amount: number,
  reason?: string | null,
): FineCheck {
  const fail = (code: FineCheckCode, message: string): FineCheck => ({ ok: false, code, message });
  if (!isMoney(amount)) return fail('INVALID_AMOUNT', '罚款金额须为不小于0、最多两位小数的数');
  const band = matter.discretion.find((b) => b.circumstance === circumstance) ?? null;
  if (circumstance === '不予处罚')
    return amount === 0
      ? { ok: true, band, deviation: band === null }
      : fail('NO_PENALTY_WITH_FINE', '不予处罚的情形不能处以罚款');
  if (amount > 0 && (matter.fineMin === null || matter.fineMax === null))
    return fail('NO_FINE_PROVIDED', '本事项的法律依据未规定罚款');
  if (matter.fineMax !== null && amount > matter.fineMax)
    return fail(
      'ABOVE_LEGAL_MAXIMUM',
      `罚款${yuan(amount)}超过法定上限${yuan(matter.fineMax)}，任何理由都不能突破法定幅度`,
    );
  if (matter.fineMin !== null && amount < matter.fineMin && circumstance !== '减轻')
    return fail(
      'BELOW_LEGAL_MINIMUM',
      `罚款${yuan(amount)}低于法定下限${yuan(matter.fineMin)}，须依法适用减轻处罚`,
    );
  const hasReason = !!reason && reason.trim().length > 0;
  if (!band)
    return hasReason
      ? { ok: true, band: null, deviation: true }
      : fail('NO_BAND', `本事项的裁量基准未规定“${circumstance}”情形，须记录适用理由`);
  const inBand =
    band.fineMin === null || band.fineMax === null
      ? amount === 0
      : amount >= band.fineMin && amount <= band.fineMax;
  if (inBand) return { ok: true, band, deviation: false };
  if (hasReason) return { ok: true, band, deviation: true };
  const range =
    band.fineMin === null || band.fineMax === null
      ? '不处罚款'
      : `${yuan(band.fineMin)}至${yuan(band.fineMax)}`;
  return fail(
    'OUTSIDE_BAND',
    `罚款${yuan(amount)}不在“${circumstance}”档（${range}）之内，且未记录偏离裁量基准的理由`,
  );
}
