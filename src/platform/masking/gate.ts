/**
 * The publication gate (rules.md §13.2, §1.11): every publishing route calls `assertPublishable` on the public
 * version before it leaves the system. It refuses minors, confidential cases and any leak it can see.
 */
import { DomainError, type FieldProblem } from '../../kernel/errors.ts';
import { idBirthDate } from '../validators/index.ts';
import { type Detector, detectPatterns, isLegacyIdNumber } from './detect.ts';
import type { KnownValue } from './mask-text.ts';
import { normaliseKnown } from './mask-text.ts';
import type { ConfidentialityReason, DataKind, MaskingPolicy } from './policy.ts';
import { maskValue } from './values.ts';

/** A party of the decision, as far as the gate needs it. */
export interface PartySubject {
  type: 'person' | 'organisation';
  /** Resident ID number (18 or 15 digits). Also treated as a protected value. */
  idNumber?: string;
  /** `YYYY-MM-DD`, for a person without a resident ID number (passport, HK/Macao/Taiwan permits). */
  birthDate?: string;
}

/** The original record as the gate sees it. */
export interface PublicationSubject {
  /** Date of the decision (`YYYY-MM-DD`): a party's age is taken on this day. */
  decisionDate: string;
  parties: readonly PartySubject[];
  /** Confidentiality flags on the record: the main facts involve state secrets, trade secrets, privacy, security. */
  confidentiality?: readonly ConfidentialityReason[];
  /** Every protected value of the record (the same list given to `maskText`). */
  known: readonly KnownValue[];
}

/** What is about to be published: the full (masked) decision, or a summary only. */
export interface PublicVersion {
  form: 'full' | 'summary';
  /** Text, or any JSON-like value; every string and number in it is checked. */
  content: unknown;
}

/** Chinese names of data kinds, for messages (messages never carry the values themselves). */
export const KIND_NAMES: Readonly<Record<DataKind, string>> = {
  'party-person-name': '当事人姓名',
  'legal-representative-name': '法定代表人姓名',
  'third-party-name': '第三人（证人、被害人、工作人员等）姓名',
  'id-number': '身份证号码',
  phone: '电话号码',
  email: '电子邮箱',
  address: '住址',
  'bank-account': '银行账号',
  'licence-plate': '机动车号牌',
  health: '健康信息',
  religion: '宗教信仰',
  biometric: '生物识别信息',
  'minor-data': '未成年人信息',
  sensitive: '敏感个人信息',
  public: '公开信息',
};

const DETECTOR_NAMES: Readonly<Record<Detector, string>> = {
  'id-number': '身份证号码',
  'id-number-15': '15位身份证号码',
  mobile: '手机号码',
  landline: '固定电话号码',
  'bank-card': '银行卡号',
  'bank-account': '银行账号',
  email: '电子邮箱',
  'licence-plate': '机动车号牌',
};

const CONFIDENTIALITY_NAMES: Readonly<Record<ConfidentialityReason, string>> = {
  'state-secret': '国家秘密',
  'trade-secret': '商业秘密',
  privacy: '个人隐私',
  security: '可能危及国家安全、公共安全、经济安全或社会稳定的内容',
};

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Birth date (`YYYY-MM-DD`) of an 18- or 15-digit ID number, or `null`. */
export function birthDateFromId(id: string): string | null {
  const s = id.trim().toUpperCase();
  if (s.length === 18) return idBirthDate(s);
  if (s.length === 15 && isLegacyIdNumber(s))
    return `19${s.slice(6, 8)}-${s.slice(8, 10)}-${s.slice(10, 12)}`;
  return null;
}

/**
 * True when someone born on `birthDate` is under `ageUnder` on `onDate` (all `YYYY-MM-DD`). Age in 周岁 counts
 * from the day after the birthday, so on the 18th birthday itself the person is still a minor; a 29 February
 * birthday falls on 1 March in common years.
 */
export function isUnderAge(birthDate: string, onDate: string, ageUnder = 18): boolean {
  const year = Number(birthDate.slice(0, 4)) + ageUnder;
  return onDate <= `${year}${birthDate.slice(4)}`;
}

/** Every string (and number) leaf of `content` with its JSON Pointer under `/content`. */
function leaves(content: unknown): { pointer: string; text: string }[] {
  const out: { pointer: string; text: string }[] = [];
  const seen = new WeakSet<object>();
  const walk = (v: unknown, pointer: string) => {
    if (typeof v === 'string') out.push({ pointer, text: v });
    else if (typeof v === 'number' || typeof v === 'bigint') out.push({ pointer, text: String(v) });
    else if (typeof v === 'object' && v !== null && !seen.has(v)) {
      seen.add(v);
      for (const [k, child] of Object.entries(v))
        walk(child, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  };
  walk(content, '/content');
  return out;
}

/**
 * Every reason `publicVersion` may not be published, as field problems with Chinese details (empty when it may).
 * Checks: decision date; each natural-person party's age (minor → no online publication; age unknown → refused);
 * confidentiality flags (`never`, or `summary-only` against a full version); then every text leaf of the public
 * version for identifier patterns (ID, mobile, landline, bank card/account, e-mail, plate unless kept) and for
 * any known value whose masked form differs from it (party ID numbers included). `public` known values are
 * exempt from pattern checks.
 */
export function checkPublishable(
  original: PublicationSubject,
  publicVersion: PublicVersion,
  policy: MaskingPolicy,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (pointer: string, detail: string) => problems.push({ pointer, detail });

  const dateOk = typeof original.decisionDate === 'string' && ISO_DATE.test(original.decisionDate);
  if (!dateOk) add('/decisionDate', '决定日期缺失或格式有误（应为YYYY-MM-DD），无法判断当事人是否成年');

  const partyIds: KnownValue[] = [];
  original.parties.forEach((party, i) => {
    if (party.idNumber) partyIds.push({ kind: 'id-number', value: party.idNumber });
    if (party.type !== 'person') return;
    const birth =
      (party.idNumber ? birthDateFromId(party.idNumber) : null) ??
      (party.birthDate && ISO_DATE.test(party.birthDate) ? party.birthDate : null);
    if (!birth) {
      add(`/parties/${i}`, '无法从身份证号码或出生日期确认当事人是否成年，不予公开');
    } else if (dateOk && isUnderAge(birth, original.decisionDate, policy.minorAgeUnder)) {
      add(`/parties/${i}`, `当事人在作出决定时未满${policy.minorAgeUnder}周岁，处罚决定不得在网上公开`);
    }
  });

  (original.confidentiality ?? []).forEach((reason, i) => {
    const rule = policy.confidential[reason];
    const name = CONFIDENTIALITY_NAMES[reason] ?? '保密事项';
    if (rule === undefined || rule === 'never') {
      add(`/confidentiality/${i}`, `案件主要事实涉及${name}，不予公开`);
    } else if (publicVersion.form !== 'summary') {
      add(`/confidentiality/${i}`, `案件主要事实涉及${name}，只能公开摘要，不能公开决定书全文`);
    }
  });

  const known = normaliseKnown([...original.known, ...partyIds]);
  const shielded = known.filter((k) => k.kind === 'public').map((k) => k.value);
  const guarded = known
    .filter((k) => maskValue(k.kind, k.value, policy, k.surname).changed)
    .flatMap((k) => {
      const values = k.kind === 'id-number' ? [k.value.toUpperCase(), k.value.toLowerCase()] : [k.value];
      return [...new Set(values)].map((value) => ({ kind: k.kind, value }));
    });

  for (const leaf of leaves(publicVersion.content)) {
    const exempt: [number, number][] = [];
    for (const v of shielded) {
      for (let i = leaf.text.indexOf(v); i !== -1; i = leaf.text.indexOf(v, i + v.length)) {
        exempt.push([i, i + v.length]);
      }
    }
    for (const d of detectPatterns(leaf.text, { licencePlates: policy.licencePlate !== 'keep' })) {
      if (exempt.some(([a, b]) => d.start < b && a < d.end)) continue;
      add(leaf.pointer, `第${d.start + 1}个字符处仍有未脱敏的${DETECTOR_NAMES[d.detector]}`);
    }
    for (const g of guarded) {
      const at = leaf.text.indexOf(g.value);
      if (at === -1) continue;
      add(leaf.pointer, `第${at + 1}个字符处仍含受保护的${KIND_NAMES[g.kind]}`);
    }
  }
  return problems;
}

/**
 * Refuses publication with `MASKING.NOT_PUBLISHABLE` (kind `conflict`), listing every problem found by
 * `checkPublishable`. Messages are Chinese and carry positions and kinds, never the protected values.
 */
export function assertPublishable(
  original: PublicationSubject,
  publicVersion: PublicVersion,
  policy: MaskingPolicy,
): void {
  const problems = checkPublishable(original, publicVersion, policy);
  if (problems.length > 0) {
    throw new DomainError(
      'MASKING.NOT_PUBLISHABLE',
      'conflict',
      `公开版本不符合公开条件，共${problems.length}个问题，请处理后再发布`,
      problems,
    );
  }
}
