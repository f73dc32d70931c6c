/**
 * The masking policy as data (rules.md §13.2): per data item, what the public version shows.
 *
 * Tags follow rules.md: [V] verified statute, [S] secondary source, [M] unconfirmed domain knowledge.
 * Items tagged [M] are the ones an agency is expected to configure (`definePolicy`).
 */
import { invalid } from '../../kernel/errors.ts';

/**
 * What a value is, as declared by the caller (a record field or a known value in free text).
 * Undeclared fields pass through unchanged; free text is additionally scanned for patterns.
 */
export type DataKind =
  /** The penalised party, when a natural person (or the operator of an individual business). */
  | 'party-person-name'
  /** Legal representative / person in charge of an organisation party. */
  | 'legal-representative-name'
  /** Natural persons other than the party: witnesses, victims, the party's staff, informants. */
  | 'third-party-name'
  /** 公民身份号码 (18 or 15 digits). */
  | 'id-number'
  /** Mobile or landline number, other contact numbers. */
  | 'phone'
  /** E-mail address. */
  | 'email'
  /** A natural person's home or contact address. */
  | 'address'
  /** Bank account or card number, of a person or an organisation. */
  | 'bank-account'
  /** Motor-vehicle licence plate. */
  | 'licence-plate'
  /** Sensitive personal information (个保法 Art. 28): health and medical data. */
  | 'health'
  /** Sensitive: religious belief. */
  | 'religion'
  /** Sensitive: biometrics (face, fingerprint, voice print …). */
  | 'biometric'
  /** Sensitive: any data of a minor (the party or a third party). */
  | 'minor-data'
  /** Other sensitive data: specific identity, location tracks, financial data, trade secrets in text. */
  | 'sensitive'
  /** Declared public (USCC, organisation name, enforcement officers and their credential numbers): never masked. */
  | 'public';

/** Kinds that are never published (个保法 Art. 28; rules.md §13.1 "Never publish it"). */
export const NEVER_PUBLISHED_KINDS: readonly DataKind[] = [
  'health',
  'religion',
  'biometric',
  'minor-data',
  'sensitive',
];

/**
 * How a natural person's name is shown:
 * - `full`: unchanged (张三丰);
 * - `surname+某`: the surname followed by 某 (张某; compound surnames kept whole: 欧阳某);
 * - `initial`: the surname followed by one `*` per remaining character (张**), as on 好差评 boards.
 *   Pinyin initials (ZSF) are not offered: the platform has no pinyin dictionary.
 */
export type NameRule = 'full' | 'surname+某' | 'initial';

/** Why a case's main facts are confidential (rules.md §13.2; 政府信息公开条例 Arts. 14–15; 行政处罚法 Art. 50). */
export type ConfidentialityReason = 'state-secret' | 'trade-secret' | 'privacy' | 'security';

/** What a confidentiality flag allows: nothing at all, or a summary (no decision text). */
export type ConfidentialityRule = 'never' | 'summary-only';

/** A complete masking policy. Build agency variants with `definePolicy(overrides)`. */
export interface MaskingPolicy {
  /** Stable identifier recorded in the audit log, e.g. `default` or `district-smr-2026`. */
  readonly id: string;
  /** Penalised natural person's name. [M] not uniform; configurable per agency. */
  readonly partyPersonName: NameRule;
  /** An organisation's legal representative. [M]; `remove` allowed as well. */
  readonly legalRepresentativeName: NameRule | 'remove';
  /** Third-party natural persons: always removed [S]. */
  readonly thirdPartyName: 'remove';
  /** ID numbers: mask the birth date (positions 7–14) [M] or remove [S]. */
  readonly idNumber: 'mask-birth-date' | 'remove';
  /** Phone numbers and other contact numbers: remove [S] or mask the middle digits. */
  readonly phone: 'remove' | 'mask';
  /** E-mail addresses: remove [S] or mask the local part. */
  readonly email: 'remove' | 'mask';
  /**
   * Home address: keep the county level (省/市/区县), keep down to the street level (街道/镇/乡), or remove.
   * [S] says "remove or mask"; how much to keep is our decision, configurable.
   */
  readonly address: 'district' | 'street' | 'remove';
  /** Bank accounts of persons and organisations: always removed [S]. */
  readonly bankAccount: 'remove';
  /** Licence plates: not named in §13.2; personal data linked to an owner. Configurable. */
  readonly licencePlate: 'keep' | 'mask' | 'remove';
  /** Sensitive data (Art. 28): never published [V]. */
  readonly sensitive: 'never-publish';
  /** A party younger than this at the decision date is a minor: no online publication [S]. */
  readonly minorAgeUnder: number;
  /** Per confidentiality flag on the record [S]/[V]. */
  readonly confidential: Readonly<Record<ConfidentialityReason, ConfidentialityRule>>;
  /** Text put in place of removed values. Must contain no digits (the gate scans for digits). */
  readonly placeholders: Readonly<{ name: string; value: string }>;
}

/**
 * Baseline per rules.md §13.2 (浙江省行政处罚结果信息网上公开暂行办法 Arts. 5, 7 [S]; 个保法 Art. 28 [V];
 * 市场监管 公示规定 Art. 6 [V]). Agencies override the [M] items with `definePolicy`.
 */
export const defaultPolicy: MaskingPolicy = Object.freeze({
  id: 'default',
  // [M] "Usually published … many localities use surname + 某": we default to the more protective form.
  partyPersonName: 'surname+某',
  // [M] 双公示 data carries the legal representative's name; it is published in full by default.
  legalRepresentativeName: 'full',
  // [S] 浙江 Art. 7: names of natural persons other than the party are removed.
  thirdPartyName: 'remove',
  // [M] 双公示 data standards: if shown at all, mask positions 7–14.
  idNumber: 'mask-birth-date',
  // [S] 浙江 Art. 7: phone/contact removed.
  phone: 'remove',
  email: 'remove',
  // [S] "remove or mask"; our decision: keep province/city/district, drop street and below (a street plus a
  // 小区 can identify a household; the district is enough to locate the case).
  address: 'district',
  // [S] 浙江 Art. 7: bank accounts of persons and organisations removed.
  bankAccount: 'remove',
  // Not in §13.2. Masked (渝A*****): the owner is identifiable through the vehicle register.
  licencePlate: 'mask',
  // [V] 个保法 Art. 28; rules.md §13.1 "Never publish it".
  sensitive: 'never-publish',
  // [S] 浙江 Art. 5: a penalised minor (未成年人, under 18) is not published online.
  minorAgeUnder: 18,
  // [S] 浙江 Art. 5 "do not publish (or publish a summary only)"; [V] 政府信息公开条例 Art. 14 (state secrets
  // never). Security/stability: never, because a summary already signals the matter.
  confidential: Object.freeze({
    'state-secret': 'never',
    security: 'never',
    'trade-secret': 'summary-only',
    privacy: 'summary-only',
  }),
  placeholders: Object.freeze({ name: '某某', value: '***' }),
}) as MaskingPolicy;

/** Overrides for `definePolicy`: any top-level item, `confidential` and `placeholders` merged per key. */
export type MaskingPolicyOverrides = Partial<Omit<MaskingPolicy, 'confidential' | 'placeholders'>> & {
  confidential?: Partial<Record<ConfidentialityReason, ConfidentialityRule>>;
  placeholders?: Partial<MaskingPolicy['placeholders']>;
};

const OPTIONS: Record<string, readonly unknown[]> = {
  partyPersonName: ['full', 'surname+某', 'initial'],
  legalRepresentativeName: ['full', 'surname+某', 'initial', 'remove'],
  thirdPartyName: ['remove'],
  idNumber: ['mask-birth-date', 'remove'],
  phone: ['remove', 'mask'],
  email: ['remove', 'mask'],
  address: ['district', 'street', 'remove'],
  bankAccount: ['remove'],
  licencePlate: ['keep', 'mask', 'remove'],
  sensitive: ['never-publish'],
};

/**
 * An agency policy: `base` (default `defaultPolicy`) with `overrides` applied, checked and frozen.
 * Throws `MASKING.POLICY` (invalid) listing every bad item.
 */
export function definePolicy(
  overrides: MaskingPolicyOverrides,
  base: MaskingPolicy = defaultPolicy,
): MaskingPolicy {
  const merged: MaskingPolicy = {
    ...base,
    ...overrides,
    confidential: Object.freeze({ ...base.confidential, ...overrides.confidential }),
    placeholders: Object.freeze({ ...base.placeholders, ...overrides.placeholders }),
  };
  const errors: { pointer: string; detail: string }[] = [];
  for (const [key, allowed] of Object.entries(OPTIONS)) {
    const value = (merged as unknown as Record<string, unknown>)[key];
    if (!allowed.includes(value)) {
      errors.push({ pointer: `/${key}`, detail: `取值无效，应为：${allowed.join('、')}` });
    }
  }
  for (const [reason, rule] of Object.entries(merged.confidential)) {
    if (rule !== 'never' && rule !== 'summary-only') {
      errors.push({ pointer: `/confidential/${reason}`, detail: '取值无效，应为：never、summary-only' });
    }
  }
  if (!Number.isInteger(merged.minorAgeUnder) || merged.minorAgeUnder < 14 || merged.minorAgeUnder > 18) {
    errors.push({ pointer: '/minorAgeUnder', detail: '未成年年龄界限应为14至18之间的整数' });
  }
  for (const which of ['name', 'value'] as const) {
    const p = merged.placeholders[which];
    if (typeof p !== 'string' || p.length === 0 || /[0-9A-Za-z@]/.test(p)) {
      errors.push({ pointer: `/placeholders/${which}`, detail: '占位文字不能为空，且不能含数字、字母或@' });
    }
  }
  if (typeof merged.id !== 'string' || merged.id.length === 0) {
    errors.push({ pointer: '/id', detail: '策略标识不能为空' });
  }
  if (errors.length > 0) throw invalid('MASKING.POLICY', '脱敏策略配置有误', errors);
  return Object.freeze(merged);
}
