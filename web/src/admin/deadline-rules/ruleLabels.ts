import type { DeadlineAmount, DeadlineUnit, OverridePolicy } from '../../api/types.ts';

export const UNIT_LABELS: Record<DeadlineUnit, string> = {
  workday: '个工作日',
  day: '日',
  month: '个月',
  year: '年',
};

export const amountText = (a: DeadlineAmount | undefined) => (a ? `${a.amount}${UNIT_LABELS[a.unit]}` : '—');

/** Confidence tags (rules.md): how firmly the period is established. */
export const TAG_META: Record<string, { label: string; color: string; hint: string }> = {
  V: { label: 'V', color: 'green', hint: '已核对法律法规原文' },
  S: { label: 'S', color: 'blue', hint: '依据权威二手资料，尚待核对原文' },
  M: { label: 'M', color: 'orange', hint: '尚未确认，应按本地规定配置' },
};

export const POLICY_LABELS: Record<OverridePolicy, string> = {
  free: '可按本地规定设置',
  'shorten-only': '只能缩短',
  'lengthen-only': '只能延长',
  fixed: '不能改变期限',
};

/** The areas of law, from the first part of a rule's code. */
export const AREA_LABELS: Record<string, string> = {
  penalty: '行政处罚',
  coercion: '行政强制',
  enforcement: '执法公示',
  inspection: '行政检查',
  normative: '行政规范性文件',
  decision: '重大行政决策',
  disclosure: '政府信息公开',
  reconsideration: '行政复议',
  litigation: '行政诉讼',
  suggestion: '建议提案办理',
  mediation: '人民调解',
  'legal-aid': '法律援助',
  licensing: '行政许可',
};

export const areaOf = (code: string) => code.split('.')[0] ?? code;
