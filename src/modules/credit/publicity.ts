/**
 * Publicity and repair periods as data (rules.md §12.3, A55, A56), versioned by the date they take effect.
 * A record's publicity runs from its document date under the version in force on that date; a repair
 * application is judged under the version in force on the application date. Built-in versions are below; a
 * district adds its own (the [M] values) in `credit_rule_versions`, and the latest effective one wins.
 */
import { addMonthsClamped } from '../../platform/calendar/index.ts';
import type { RecordKind, Severity } from './scoring.ts';

/** Months from the document date: repair possible after `min`, publicity stops at `max` (null: no end). */
export interface Period {
  min: number;
  max: number | null;
  repairable: boolean;
}

/** Periods by `kind` then severity (`*` for any). A kind without an entry is not published. */
export type PublicityPeriods = Partial<Record<RecordKind, Partial<Record<Severity | '*', Period>>>>;

export interface RulesVersion {
  code: string;
  name: string;
  basis: string;
  effectiveFrom: string;
  periods: PublicityPeriods;
}

const adverse = (minor: Period, general: Period, serious: Period) => ({ minor, general, serious });
const positive: PublicityPeriods = {
  // [M] licences and honours stay public for 3 years; commitments for 1 year. Not repairable (nothing to repair).
  licence: { '*': { min: 0, max: 36, repairable: false } },
  honour: { '*': { min: 0, max: 36, repairable: false } },
  commitment: { '*': { min: 0, max: 12, repairable: false } },
  commitment_fulfilled: { '*': { min: 0, max: 12, repairable: false } },
};

/**
 * An inspection that found nothing (抽查未发现问题) is published like any completed check (rules.md §3.6: 100% of
 * completed checks) for 1 year [M]; nothing to repair.
 */
const inspectionClear: Partial<Record<Severity | '*', Period>> = {
  none: { min: 0, max: 12, repairable: false },
};

/** The built-in versions, oldest first. */
export const BUILTIN_RULES: readonly RulesVersion[] = [
  {
    code: 'samr-2021',
    name: '市场监督管理信用修复管理办法（2021）',
    basis:
      '国市监信规〔2021〕3号；市场监督管理行政处罚信息公示规定（总局令第45号）第十三条；失信行为纠正后的信用信息修复管理办法（试行）',
    effectiveFrom: '2021-07-15',
    periods: {
      ...positive,
      // Order 45: 3 months for warnings and low fines, 3 years for others; repair after 6 months
      // (1 year for food, drugs, special equipment: recorded as `serious` here [M]).
      penalty: adverse(
        { min: 0, max: 3, repairable: true },
        { min: 6, max: 36, repairable: true },
        { min: 12, max: 36, repairable: true },
      ),
      inspection: {
        ...inspectionClear,
        ...adverse(
          { min: 0, max: 3, repairable: true },
          { min: 6, max: 36, repairable: true },
          { min: 12, max: 36, repairable: true },
        ),
      },
      // Removal once obligations are fulfilled; the serious list: 3 years, early removal after 1 year [M].
      abnormal_listing: { '*': { min: 0, max: 36, repairable: true } },
      serious_dishonesty: { '*': { min: 12, max: 36, repairable: true } },
      commitment_breached: { '*': { min: 6, max: 36, repairable: true } },
    },
  },
  {
    code: 'ndrc-2026',
    name: '信用修复管理办法（国家发展改革委，2026年4月1日起施行）',
    basis: '信用修复管理办法（2025年11月19日通过，2026年4月1日起施行）',
    effectiveFrom: '2026-04-01',
    periods: {
      ...positive,
      penalty: adverse(
        { min: 0, max: 3, repairable: true },
        { min: 3, max: 12, repairable: true },
        { min: 12, max: 36, repairable: true },
      ),
      inspection: {
        ...inspectionClear,
        ...adverse(
          { min: 0, max: 3, repairable: true },
          { min: 3, max: 12, repairable: true },
          { min: 12, max: 36, repairable: true },
        ),
      },
      abnormal_listing: { '*': { min: 0, max: 36, repairable: true } },
      serious_dishonesty: { '*': { min: 12, max: 36, repairable: true } },
      commitment_breached: adverse(
        { min: 0, max: 3, repairable: true },
        { min: 3, max: 12, repairable: true },
        { min: 12, max: 36, repairable: true },
      ),
    },
  },
];

/** The version in force on `date` among `versions` (any order); null before the first. */
export function versionOn(versions: readonly RulesVersion[], date: string): RulesVersion | null {
  let best: RulesVersion | null = null;
  for (const v of versions)
    if (v.effectiveFrom <= date && (!best || v.effectiveFrom > best.effectiveFrom)) best = v;
  return best;
}

export function periodOf(v: RulesVersion, kind: RecordKind, severity: Severity): Period | null {
  const byKind = v.periods[kind];
  return byKind?.[severity] ?? byKind?.['*'] ?? null;
}

export interface PublicityDates {
  rulesVersion: string;
  publicityMinEnd: string | null;
  publicityEnd: string | null;
  repairable: boolean;
}

/** The publicity of a record decided on `decidedOn` under the version in force that day. */
export function publicityFor(
  versions: readonly RulesVersion[],
  kind: RecordKind,
  severity: Severity,
  decidedOn: string,
): PublicityDates {
  const v = versionOn(versions, decidedOn);
  const p = v ? periodOf(v, kind, severity) : null;
  if (!v || !p)
    return { rulesVersion: v?.code ?? 'none', publicityMinEnd: null, publicityEnd: null, repairable: false };
  return {
    rulesVersion: v.code,
    publicityMinEnd: addMonthsClamped(decidedOn, p.min),
    publicityEnd: p.max === null ? null : addMonthsClamped(decidedOn, p.max),
    repairable: p.repairable,
  };
}

/**
 * When a record may be repaired under the version in force on `appliedOn`: its document date plus that
 * version's minimum period. Null when that version does not allow repairing it.
 */
export function repairEligibleFrom(
  versions: readonly RulesVersion[],
  kind: RecordKind,
  severity: Severity,
  decidedOn: string,
  appliedOn: string,
): { version: RulesVersion; eligibleFrom: string } | { version: RulesVersion | null; eligibleFrom: null } {
  const v = versionOn(versions, appliedOn);
  const p = v ? periodOf(v, kind, severity) : null;
  if (!v || !p || !p.repairable) return { version: v, eligibleFrom: null };
  return { version: v, eligibleFrom: addMonthsClamped(decidedOn, p.min) };
}
