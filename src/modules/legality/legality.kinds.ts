/**
 * The kinds of legality review (合法性审查) one queue serves, and how each is reviewed: whether the unit's own legal
 * staff review first and the justice bureau (司法局) second (双重合法性审查, the seed's double review), and which
 * deadline rule gives each stage its time limit (rules.md §4.3, §5.3, §1.6; tenants configure the rule locally).
 */
/** `twoStage` is the default; each district may change it (`legality.settings.ts`). */
export const REVIEW_KINDS = {
  'normative-document': {
    label: '行政规范性文件',
    twoStage: true,
    rule: 'normative.legality-review',
  },
  'major-decision': { label: '重大行政决策', twoStage: true, rule: 'legality.review' },
  contract: { label: '合同（协议）', twoStage: true, rule: 'legality.review' },
  'enforcement-decision': { label: '重大执法决定', twoStage: false, rule: 'legality.review' },
  other: { label: '其他', twoStage: false, rule: 'legality.review' },
} as const;

export type ReviewKind = keyof typeof REVIEW_KINDS;
export const REVIEW_KIND_CODES = Object.keys(REVIEW_KINDS) as [ReviewKind, ...ReviewKind[]];

/** 审查意见: 通过 / 修改后通过 / 不通过. */
export const OPINION_OUTCOMES = {
  pass: '通过',
  'pass-with-changes': '修改后通过',
  fail: '不通过',
} as const;

export const STAGE_LABELS = { unit: '单位法制机构审查', justice: '司法局审查' } as const;
export type ReviewStage = keyof typeof STAGE_LABELS;
