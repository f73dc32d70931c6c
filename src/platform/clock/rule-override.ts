/**
 * A tenant's local version of a statutory deadline rule, and what it may change.
 *
 * Only the period (`amount`, `unit`, `rollToWorkday`), the warning window (`warnBefore`) and a note may be set
 * locally; the statute, start event, counting, kind and extension come from the seed. What is safe depends on whose
 * time the period is (`overridePolicy`):
 * - `free` — the rule is `configurable` ([M]: not settled by the primary text, or a sector/local rule): any period
 *   within sane bounds, in any unit.
 * - `shorten-only` — a limit on the administration (`obligor: 'authority'`): a local rule may demand the act sooner
 *   (承诺时限), never later than the statute allows: same unit, amount ≤ the statute, and rolling to the next working
 *   day may be switched off but not on.
 * - `lengthen-only` — a `minimum` period (public comment, legality review time, the wait before applying to court):
 *   it must be allowed in full, so a local rule may lengthen it but never shorten it: same unit, amount ≥ the
 *   statute, and rolling may be switched on but not off.
 * - `fixed` — a period the law grants to the party or a third party (`obligor: 'party'`): shortening it would refuse
 *   acts the law allows in time, lengthening it would record late acts as timely; only the warning window and the
 *   note may change.
 * A changed period needs a note naming the local rule it comes from. A stored override that no longer satisfies the
 * statute (because the statute changed in a later release) is not applied: the statute wins.
 */
import type { FieldProblem } from '../../kernel/errors.ts';
import {
  type DeadlineAmount,
  type DeadlineRule,
  type DeadlineUnit,
  unitLabel,
  validateDeadlineRule,
} from './deadline-rule.ts';

/** What a local rule may change about a statutory rule. */
export type OverridePolicy = 'free' | 'shorten-only' | 'lengthen-only' | 'fixed';

/** Chinese explanation of each policy, for administrators. */
export const OVERRIDE_POLICY_TEXT: Record<OverridePolicy, string> = {
  free: '待核实或行业、地方规则：可按本地规定设置期限',
  'shorten-only': '法定办理时限：本地规定可以缩短，不能延长',
  'lengthen-only': '法定最短期间：本地规定可以延长，不能缩短',
  fixed: '法律给予当事人的期间：不能改变期限长度，只能调整预警提前量和说明',
};

/** The local values of the overridable fields (each one set). */
export interface RuleOverride {
  amount: number;
  unit: DeadlineUnit;
  rollToWorkday: boolean;
  /** `undefined`: the statutory rule's warning window. */
  warnBefore?: DeadlineAmount;
  /** The local rule this comes from, or why. */
  note?: string;
}

/** What an administrator sends; omitted fields take the statutory value. */
export interface RuleOverrideInput {
  amount?: number | undefined;
  unit?: DeadlineUnit | undefined;
  rollToWorkday?: boolean | undefined;
  warnBefore?: DeadlineAmount | null | undefined;
  note?: string | null | undefined;
}

/** A problem with an override; `law` marks those that the statute forbids (as opposed to malformed input). */
export interface OverrideProblem extends FieldProblem {
  law: boolean;
}

/** Largest period a local rule may set, per unit (a sanity bound against typing errors). */
export const MAX_OVERRIDE_AMOUNT: Record<DeadlineUnit, number> = {
  workday: 250,
  day: 366,
  month: 24,
  year: 3,
};
const UNITS: readonly DeadlineUnit[] = ['workday', 'day', 'month', 'year'];
const MAX_NOTE = 500;

/** What a local rule may change about `rule`. */
export function overridePolicy(rule: DeadlineRule): OverridePolicy {
  if (rule.kind === 'minimum') return 'lengthen-only';
  if (rule.configurable) return 'free';
  if (rule.obligor === 'party') return 'fixed';
  return 'shorten-only';
}

/** Fills the omitted fields of `input` with the statutory values. */
export function resolveOverride(statutory: DeadlineRule, input: RuleOverrideInput): RuleOverride {
  const note = typeof input.note === 'string' ? input.note.trim() : '';
  const warnBefore = input.warnBefore === null ? undefined : (input.warnBefore ?? statutory.warnBefore);
  return {
    amount: input.amount ?? statutory.amount,
    unit: input.unit ?? statutory.unit,
    rollToWorkday: input.rollToWorkday ?? statutory.rollToWorkday,
    ...(warnBefore !== undefined ? { warnBefore: { ...warnBefore } } : {}),
    ...(note !== '' ? { note } : {}),
  };
}

/** The fields of `rule` a local version may set. */
export function overrideOf(rule: DeadlineRule): RuleOverride {
  return {
    amount: rule.amount,
    unit: rule.unit,
    rollToWorkday: rule.rollToWorkday,
    ...(rule.warnBefore !== undefined ? { warnBefore: { ...rule.warnBefore } } : {}),
    ...(rule.note !== undefined ? { note: rule.note } : {}),
  };
}

const positiveInteger = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n > 0;
const monthly = (u: DeadlineUnit) => u === 'month' || u === 'year';
const inMonths = (a: DeadlineAmount) => (a.unit === 'year' ? a.amount * 12 : a.amount);

/** True when the period (amount, unit, rolling) differs from the statute's. */
export function changesPeriod(statutory: DeadlineRule, o: RuleOverride): boolean {
  return (
    o.amount !== statutory.amount ||
    o.unit !== statutory.unit ||
    (o.unit !== 'workday' && o.rollToWorkday !== statutory.rollToWorkday)
  );
}

/** Every problem with applying `o` to `statutory` (empty when allowed). Pointers are `${base}/<field>`. */
export function checkRuleOverride(statutory: DeadlineRule, o: RuleOverride, base = ''): OverrideProblem[] {
  const problems: OverrideProblem[] = [];
  const add = (field: string, detail: string, law = false) =>
    problems.push({ pointer: `${base}/${field}`, detail, law });
  const wellFormed = positiveInteger(o.amount) && UNITS.includes(o.unit);
  if (!UNITS.includes(o.unit)) add('unit', `期限单位无效：${String(o.unit)}`);
  if (!positiveInteger(o.amount)) add('amount', `期限长度必须是正整数：${String(o.amount)}`);
  else if (UNITS.includes(o.unit) && o.amount > MAX_OVERRIDE_AMOUNT[o.unit])
    add(
      'amount',
      `期限过长：${o.amount}${unitLabel(o.unit)}，最多${MAX_OVERRIDE_AMOUNT[o.unit]}${unitLabel(o.unit)}`,
    );
  if (typeof o.rollToWorkday !== 'boolean') add('rollToWorkday', '请指定期限末日遇节假日是否顺延');
  if (o.warnBefore !== undefined) {
    const w = o.warnBefore;
    if (!UNITS.includes(w.unit)) add('warnBefore/unit', `预警提前量的单位无效：${String(w.unit)}`);
    if (!positiveInteger(w.amount)) add('warnBefore/amount', '预警提前量必须是正整数');
    else if (wellFormed && UNITS.includes(w.unit)) {
      const comparable = w.unit === o.unit || (monthly(w.unit) && monthly(o.unit));
      const tooLong = comparable ? inMonths(w) >= inMonths(o) : false;
      if (comparable && tooLong)
        add(
          'warnBefore/amount',
          `预警提前量（${w.amount}${unitLabel(w.unit)}）应短于期限本身（${o.amount}${unitLabel(o.unit)}）`,
        );
    }
  }
  if (o.note !== undefined && o.note.length > MAX_NOTE) add('note', `说明不能超过${MAX_NOTE}个字符`);
  if (!wellFormed) return problems;

  const policy = overridePolicy(statutory);
  const statuteText = `${statutory.amount}${unitLabel(statutory.unit)}（${statutory.statute}）`;
  const periodChanged = changesPeriod(statutory, o);
  if (policy !== 'free' && o.unit !== statutory.unit) {
    add(
      'unit',
      `该期限的计算单位由法律规定（${unitLabel(statutory.unit)}，${statutory.statute}），本地规定不能改变`,
      true,
    );
  } else if (policy === 'shorten-only' && o.amount > statutory.amount) {
    add(
      'amount',
      `法定办理时限为${statuteText}，本地规定只能缩短，不能延长为${o.amount}${unitLabel(o.unit)}`,
      true,
    );
  } else if (policy === 'lengthen-only' && o.amount < statutory.amount) {
    add(
      'amount',
      `法定最短期间为${statuteText}，必须足额保证，本地规定不能缩短为${o.amount}${unitLabel(o.unit)}`,
      true,
    );
  } else if (policy === 'fixed' && o.amount !== statutory.amount) {
    add('amount', `该期间是法律给予当事人的期间（${statuteText}），本地规定不能改变其长度`, true);
  }
  if (o.unit === statutory.unit && o.unit !== 'workday' && o.rollToWorkday !== statutory.rollToWorkday) {
    if (policy === 'shorten-only' && o.rollToWorkday)
      add(
        'rollToWorkday',
        `法定时限末日不顺延（${statutory.statute}），本地规定不能改为顺延（相当于延长期限）`,
        true,
      );
    if (policy === 'lengthen-only' && !o.rollToWorkday)
      add(
        'rollToWorkday',
        `法定最短期间末日遇节假日顺延（${statutory.statute}），本地规定不能取消顺延（相当于缩短期间）`,
        true,
      );
    if (policy === 'fixed')
      add(
        'rollToWorkday',
        `该期间是法律给予当事人的期间（${statutory.statute}），本地规定不能改变末日顺延规则`,
        true,
      );
  }
  if (periodChanged && (o.note === undefined || o.note.trim() === '')) {
    add('note', '改变期限时请在说明中写明本地规定的名称和条款（如“××区行政许可承诺时限规定第三条”）');
  }
  return problems;
}

/**
 * The effective rule: `statutory` with the local period, warning window and note. The statutory note is kept after
 * the local one. An extension expressed in a unit the local period no longer uses keeps only its approval text.
 */
export function applyRuleOverride(statutory: DeadlineRule, o: RuleOverride): DeadlineRule {
  const note = [o.note ? `本地规定：${o.note}` : null, statutory.note ?? null]
    .filter((n) => n !== null)
    .join('\n');
  const rule: DeadlineRule = {
    ...statutory,
    amount: o.amount,
    unit: o.unit,
    rollToWorkday: o.unit === 'workday' ? false : o.rollToWorkday,
  };
  if (o.warnBefore !== undefined) rule.warnBefore = { ...o.warnBefore };
  else delete rule.warnBefore;
  if (note !== '') rule.note = note;
  else delete rule.note;
  const ext = statutory.extension;
  if (ext?.unit !== undefined && !(ext.unit === o.unit || (monthly(ext.unit) && monthly(o.unit)))) {
    rule.extension = { approval: ext.approval };
  }
  return rule;
}

/** Checks an override and, when allowed, returns the effective rule; otherwise the problems. */
export function overrideRule(
  statutory: DeadlineRule,
  o: RuleOverride,
  base = '',
): { rule: DeadlineRule; problems: [] } | { rule: null; problems: OverrideProblem[] } {
  const problems = checkRuleOverride(statutory, o, base);
  if (problems.length > 0) return { rule: null, problems };
  const rule = applyRuleOverride(statutory, o);
  const invalid = validateDeadlineRule(rule, base);
  if (invalid.length > 0) return { rule: null, problems: invalid.map((p) => ({ ...p, law: false })) };
  return { rule, problems: [] };
}
