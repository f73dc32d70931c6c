/**
 * Pure rules of the penalty case (行政处罚法 2021, rules.md §1): evidence types, service methods, the hearing
 * trigger, the Art. 58 legal-review trigger, the collective-discussion trigger, the summary-procedure limits and
 * the late-payment surcharge. No database: the workflow guards (`case.guards.ts`) call these.
 */
import { addDays, diffDays } from '../../platform/calendar/index.ts';

/** 行政处罚法第四十六条: the eight kinds of evidence. */
export const EVIDENCE_TYPES = [
  '书证',
  '物证',
  '视听资料',
  '电子数据',
  '证人证言',
  '当事人的陈述',
  '鉴定意见',
  '勘验笔录、现场笔录',
] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

/** 行政处罚法第六十一条 with 民事诉讼法 (送达): the ways a decision (or notice) is served. */
export const SERVICE_METHODS = [
  '直接送达',
  '留置送达',
  '电子送达',
  '邮寄送达',
  '委托送达',
  '公告送达',
] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];

/** Where a clue came from (rules.md §1.3). */
export const CLUE_SOURCES = [
  '投诉举报',
  '12345热线',
  '监督检查',
  '双随机抽查',
  '移送',
  '上级交办',
  '技术监控',
  '其他',
] as const;

/** 行政处罚法第五十七条: what the head may decide at the end of the investigation. */
export const DECISION_OUTCOMES = {
  penalty: '给予行政处罚',
  'no-penalty-minor': '不予行政处罚（违法行为轻微或初次违法，第三十三条）',
  'not-established': '违法事实不能成立，不予行政处罚',
  transferred: '违法行为涉嫌犯罪，移送司法机关',
} as const;
export type DecisionOutcome = keyof typeof DECISION_OUTCOMES;

export type PartyKind = 'person' | 'organisation';

/**
 * 行政处罚法第六十三条: a fine of a "较大数额" entitles the party to a hearing. The amounts are set by the provinces
 * and departments; the Chongqing standard could not be confirmed (rules.md §1.5, [M]). These defaults follow the
 * common standard (e.g. 市场监督管理行政处罚听证办法: natural persons 10,000 yuan, organisations 100,000 yuan);
 * a case may carry the local amount in `hearingThreshold` (yuan, for its party), which then applies.
 */
export const HEARING_FINE_THRESHOLD: Record<PartyKind, number> = { person: 10_000, organisation: 100_000 };

/** Penalties other than fines that entitle the party to a hearing (Art. 63 items 2–5), matched by key words. */
const HEARING_PENALTY_WORDS = ['吊销', '降低资质', '停产', '停业', '关闭', '限制从业', '限制生产'] as const;

/** Whether a proposed penalty entitles the party to request a hearing (Art. 63). */
export function hearingQualifies(p: {
  partyKind: PartyKind;
  fine?: number | undefined;
  otherPenalties?: readonly string[] | undefined;
  /** 没收较大数额违法所得、没收较大价值非法财物 (the value judgement is the officer's). */
  largeConfiscation?: boolean | undefined;
  threshold?: number | undefined;
}): boolean {
  const threshold = p.threshold ?? HEARING_FINE_THRESHOLD[p.partyKind];
  if ((p.fine ?? 0) >= threshold) return true;
  if (p.largeConfiscation) return true;
  return (p.otherPenalties ?? []).some((x) => HEARING_PENALTY_WORDS.some((w) => x.includes(w)));
}

/** The case facts that trigger the Art. 58 legal review and the Art. 57 collective discussion. */
export interface CaseFlags {
  /** 涉及重大公共利益 (Art. 58 item 1). */
  majorPublicInterest?: boolean;
  /** 案件情况疑难复杂、涉及多个法律关系 (Art. 58 item 3; also 情节复杂 for Art. 57). */
  complex?: boolean;
  /** 重大行政处罚 / 重大违法行为 (local 重大执法决定 list; Art. 57). */
  majorPenalty?: boolean;
  /** 法律、法规规定应当进行法制审核的其他情形 (Art. 58 item 4). */
  otherLaw?: boolean;
}

/**
 * 行政处罚法第五十八条: the situations in which the decision needs a passed legal review. The hearing counts when one
 * was held (item 2: 直接关系重大权益 and 经过听证程序 — a hearing is only available for the heavier penalties).
 */
export function legalReviewRequired(flags: CaseFlags, hearingHeld: boolean): boolean {
  return !!(
    flags.majorPublicInterest ||
    flags.complex ||
    flags.majorPenalty ||
    flags.otherLaw ||
    hearingHeld
  );
}

/** 行政处罚法第五十七条第二款: complex circumstances or major violations are decided collectively by the heads. */
export const collectiveDiscussionRequired = (flags: CaseFlags): boolean =>
  !!(flags.complex || flags.majorPenalty);

/** 行政处罚法第五十一条: the most a summary (on-the-spot) procedure may fine. */
export const SUMMARY_FINE_LIMIT: Record<PartyKind, number> = { person: 200, organisation: 3000 };
/** 行政处罚法第六十八条: fines an officer may collect on the spot. */
export const ON_SPOT_COLLECTION_LIMIT = 100;
/**
 * 行政处罚法第五十二条: the on-the-spot decision is filed with the body (备案). The law gives no period; the common
 * local rule is 2 working days (rules.md A7 pairs it with the 2-WD hand-over of cash, Art. 71). Configure locally.
 */
export const SUMMARY_FILING_WORKDAYS = 2;

/** 行政处罚法第七十二条第一项: 3% of the fine for every day overdue. */
export const LATE_SURCHARGE_RATE_PER_DAY = 0.03;

/**
 * The late-payment surcharge (加处罚款, 行政处罚法第七十二条第一项): 3% of the fine for each day after `dueDate`
 * until `paidOn`, never more than the fine itself. `pausedDays` are days on which it does not accrue
 * (Art. 73: during reconsideration or litigation). Amounts in yuan, rounded to the fen.
 */
export function lateSurcharge(fine: number, dueDate: string, paidOn: string, pausedDays = 0): number {
  if (!(fine > 0)) return 0;
  const days = Math.max(0, diffDays(dueDate, paidOn) - Math.max(0, pausedDays));
  const fen = Math.round(fine * 100);
  const surcharge = Math.min(fen, Math.round(fen * LATE_SURCHARGE_RATE_PER_DAY * days));
  return surcharge / 100;
}

/** The first day on which the surcharge equals the fine (the cap is reached): 34 days after the due date. */
export const surchargeCapReachedOn = (dueDate: string): string =>
  addDays(dueDate, Math.ceil(1 / LATE_SURCHARGE_RATE_PER_DAY));

/** A SHA-256 digest as 64 hex characters. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
