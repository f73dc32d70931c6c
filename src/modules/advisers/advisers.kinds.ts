/**
 * The vocabulary of the advisers module: who an adviser is, what work they do, and which units must have one.
 * Codes are stored; the Chinese labels are what officials see (and what the spreadsheets use).
 */

/** 顾问类别: 政府法律顾问 (an external lawyer engaged by the government), 公职律师, a unit's own 法律顾问. */
export const ADVISER_KINDS = {
  external: '政府法律顾问',
  public: '公职律师',
  'in-house': '单位法律顾问',
} as const;
export type AdviserKind = keyof typeof ADVISER_KINDS;

export const ADVISER_STATUSES = { active: '在册', inactive: '已解聘' } as const;
export type AdviserStatus = keyof typeof ADVISER_STATUSES;

/** 工作事项类别 (the seed report's 重点专项工作: decisions, contracts, litigation, drafting, consultation). */
export const WORK_KINDS = {
  'decision-review': '决策审查',
  'contract-review': '合同审查',
  litigation: '诉讼代理',
  drafting: '文件起草',
  consultation: '法律咨询',
  other: '其他',
} as const;
export type WorkKind = keyof typeof WORK_KINDS;

/** What a work item may refer to, as a plain reference (no link is enforced across modules). */
export const REF_TYPES = {
  'legality-review': '合法性审查',
  decision: '重大行政决策',
  case: '案件',
  other: '其他',
} as const;
export type RefType = keyof typeof REF_TYPES;

/**
 * The unit kinds that must each have a legal adviser (seed: 各部门、各镇街、各平台公司、村居法律顾问全覆盖), in the
 * groups the coverage figures are reported by.
 */
export const COVERAGE_GROUPS = [
  { key: 'department', label: '部门', kinds: ['department'] },
  { key: 'town', label: '镇街', kinds: ['town', 'street'] },
  { key: 'company', label: '国有企业（平台公司）', kinds: ['company'] },
  { key: 'village', label: '村（社区）', kinds: ['village', 'community'] },
] as const;
export const COVERED_KINDS: string[] = COVERAGE_GROUPS.flatMap((g) => [...g.kinds]);

/** 执业证号: 6–32 digits, letters, Chinese characters or hyphens (律师执业证 are 17 digits; 公职律师证 vary). */
export const LICENCE_NO = /^[0-9A-Za-z\u4e00-\u9fa5-]{6,32}$/;
/** A contact phone: a mobile number or a landline with area code (023-12345678). */
export const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
