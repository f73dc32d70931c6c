/**
 * A statutory deadline as data (rules.md §0.1 and Appendix A): what starts it, how long it is, in which unit, how
 * the last day is treated, and which statute says so. Local rules may shorten or configure these.
 */
import type { FieldProblem } from '../../kernel/errors.ts';

/** Unit of a period: working days (工作日), calendar days (日/自然日), months or years. */
export type DeadlineUnit = 'workday' | 'day' | 'month' | 'year';

/** An amount of time in one unit. */
export interface DeadlineAmount {
  amount: number;
  unit: DeadlineUnit;
}

/** Confidence tag from rules.md: V = primary text verified, S = secondary source, M = unconfirmed. */
export type DeadlineTag = 'V' | 'S' | 'M';

/** A configurable deadline rule. */
export interface DeadlineRule {
  /** Stable code, e.g. `penalty.decision`. */
  code: string;
  /** Row of rules.md Appendix A, e.g. `A4`. */
  ref?: string;
  /** Chinese name shown to users. */
  name: string;
  /** Code of the event that starts the period, e.g. `penalty.filed`. */
  startEvent: string;
  /** Chinese name of the start event, e.g. `立案`. */
  startEventName?: string;
  amount: number;
  unit: DeadlineUnit;
  /**
   * Whether the start day counts as day 1. Statutory periods do not count it (民事诉讼法第八十五条: 期间开始的日不计算在期间内),
   * so this is `false` for every seeded rule.
   */
  countStartDay: boolean;
  /** 民事诉讼法第八十五条: a last day falling on a rest day moves to the next working day. Irrelevant for `workday`. */
  rollToWorkday: boolean;
  /** When the status turns yellow; default 3 working days before the due date. */
  warnBefore?: DeadlineAmount;
  /** Legal basis, e.g. `行政处罚法第六十条`. */
  statute: string;
  tag?: DeadlineTag;
  /**
   * `limit` (default): the act must happen by the due date. `minimum`: a period that must be allowed in full
   * (e.g. public comment ≥ 30 days); the due date is the earliest day the next step may follow.
   */
  kind?: 'limit' | 'minimum';
  /**
   * Who must act by the due date of a `limit`: the administration (`authority`, the default) or the party or a third
   * party (`party`: time the law grants them, e.g. to request a hearing, to pay a fine, to apply for
   * reconsideration). A local rule may shorten an authority's limit, never a party's period.
   */
  obligor?: 'authority' | 'party';
  /** The extension the law allows, if any (the clock applies actual extensions from `extend` events). */
  extension?: { amount?: number; unit?: DeadlineUnit; approval: string };
  /** True when the value is not settled by the primary text ([M]) or is a sector/local rule: configure it locally. */
  configurable: boolean;
  /** Chinese explanation for reviewers and administrators. */
  note?: string;
}

const UNITS: readonly DeadlineUnit[] = ['workday', 'day', 'month', 'year'];

/** Chinese label of a unit, e.g. `个工作日`. */
export function unitLabel(unit: DeadlineUnit): string {
  return { workday: '个工作日', day: '日', month: '个月', year: '年' }[unit];
}

function positiveInteger(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n > 0;
}

function nonEmpty(s: unknown): boolean {
  return typeof s === 'string' && s.trim() !== '';
}

/** Checks a rule and returns every problem (empty when valid). */
export function validateDeadlineRule(rule: DeadlineRule, base = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (pointer: string, detail: string) => problems.push({ pointer: `${base}${pointer}`, detail });
  if (!nonEmpty(rule.code)) add('/code', '期限规则缺少代码');
  if (!nonEmpty(rule.name)) add('/name', '期限规则缺少名称');
  if (!nonEmpty(rule.startEvent)) add('/startEvent', '期限规则缺少起算事件');
  if (!positiveInteger(rule.amount)) add('/amount', `期限长度必须是正整数：${String(rule.amount)}`);
  if (!UNITS.includes(rule.unit)) add('/unit', `期限单位无效：${String(rule.unit)}`);
  if (typeof rule.countStartDay !== 'boolean') add('/countStartDay', '请指定起算日是否计入期限');
  if (typeof rule.rollToWorkday !== 'boolean') add('/rollToWorkday', '请指定期限末日遇节假日是否顺延');
  if (!nonEmpty(rule.statute)) add('/statute', '期限规则缺少法律依据');
  if (rule.warnBefore !== undefined) {
    if (!positiveInteger(rule.warnBefore.amount)) add('/warnBefore/amount', '预警提前量必须是正整数');
    if (!UNITS.includes(rule.warnBefore.unit)) add('/warnBefore/unit', '预警提前量单位无效');
  }
  if (rule.tag !== undefined && !['V', 'S', 'M'].includes(rule.tag))
    add('/tag', `可信度标记无效：${rule.tag}`);
  if (rule.kind !== undefined && rule.kind !== 'limit' && rule.kind !== 'minimum')
    add('/kind', '期限类型无效');
  if (rule.obligor !== undefined && rule.obligor !== 'authority' && rule.obligor !== 'party')
    add('/obligor', '期限义务人无效（应为 authority 或 party）');
  if (rule.extension !== undefined) {
    if (rule.extension.amount !== undefined && !positiveInteger(rule.extension.amount)) {
      add('/extension/amount', '可延长的期限必须是正整数');
    }
    if (rule.extension.unit !== undefined && !UNITS.includes(rule.extension.unit)) {
      add('/extension/unit', '可延长期限的单位无效');
    }
    if (!nonEmpty(rule.extension.approval)) add('/extension/approval', '请说明延长期限的批准要求');
  }
  if (typeof rule.configurable !== 'boolean') add('/configurable', '请指定该期限是否需要本地配置');
  if (rule.tag === 'M' && rule.configurable !== true) {
    add('/configurable', '未经原文核实（[M]）的期限必须标记为可配置');
  }
  return problems;
}
