/**
 * The masking pipeline for everything Fazhi publishes (rules.md §13.2): published enforcement decisions,
 * partial disclosures (政府信息公开条例 Art. 37), reconsideration decisions (行政复议法 Art. 79), deputy-suggestion
 * replies and 好差评 displays.
 *
 * 1. A `MaskingPolicy` says per data item what the public version shows (`defaultPolicy`, agency variants with
 *    `definePolicy`).
 * 2. `maskRecord` masks declared fields of a structured record; `maskText` masks free text (known values plus
 *    pattern detection). Both return what was masked, without the original values, for the audit log and the
 *    human reviewer (保密审查).
 * 3. `assertPublishable` is the gate every publishing route calls before anything leaves the system.
 */

/** Pattern detection of ID numbers, phones, bank cards/accounts, e-mails and plates in free text. */
export {
  type Detection,
  type DetectOptions,
  type Detector,
  detectPatterns,
  isLegacyIdNumber,
  luhnValid,
} from './detect.ts';
/** The publication gate: minors, confidential cases, leaks of patterns and known values. */
export {
  assertPublishable,
  birthDateFromId,
  checkPublishable,
  isUnderAge,
  KIND_NAMES,
  type PartySubject,
  type PublicationSubject,
  type PublicVersion,
} from './gate.ts';
/** Structured masking of declared fields (`party.name`, `witnesses[].name`) with an audit list. */
export {
  type FieldDeclaration,
  type MaskedRecord,
  type MaskingEntry,
  maskRecord,
  parseFieldPath,
  toPointer,
} from './mask-record.ts';
/** Free-text masking: known values and patterns, each replacement reported with its positions. */
export { type KnownValue, type MaskedText, maskText, type TextReplacement } from './mask-text.ts';
/** The policy as data: kinds, rules, the baseline and agency variants. */
export {
  type ConfidentialityReason,
  type ConfidentialityRule,
  type DataKind,
  defaultPolicy,
  definePolicy,
  type MaskingPolicy,
  type MaskingPolicyOverrides,
  type NameRule,
  NEVER_PUBLISHED_KINDS,
} from './policy.ts';
/** Masking single values: names, addresses, phones, e-mails, plates, and any value by kind and policy. */
export {
  COMPOUND_SURNAMES,
  isNeverPublished,
  type MaskedValue,
  maskAddress,
  maskEmail,
  maskLandline,
  maskName,
  maskPhone,
  maskPlate,
  maskValue,
  surnameOf,
} from './values.ts';
