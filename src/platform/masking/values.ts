/**
 * Masking one value of a declared kind under a policy. Shared by record masking, text masking and the gate.
 */
import { invalid } from '../../kernel/errors.ts';
import { maskIdNumber, maskMobile } from '../validators/index.ts';
import { type DataKind, type MaskingPolicy, type NameRule, NEVER_PUBLISHED_KINDS } from './policy.ts';

/** The public form of a value and the rule that produced it (`kind:action`, e.g. `id-number:mask-birth-date`). */
export interface MaskedValue {
  /** What the public version shows. Equal to the input when the rule keeps the value. */
  output: string;
  /** Stable rule code for the audit log. */
  rule: string;
  /** True when the output differs from the input. */
  changed: boolean;
}

/** Two-character surnames (复姓) recognised by name masking. A known value may also give its surname explicitly. */
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '钟离',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '澹台',
  '公冶',
  '宗政',
  '濮阳',
  '太叔',
  '申屠',
  '闻人',
  '赫连',
  '呼延',
  '万俟',
  '司空',
  '百里',
  '东郭',
  '左丘',
  '第五',
  '拓跋',
  '完颜',
  '乌兰',
]);

/** The surname of a Chinese name: a known 复姓 when the name has at least three characters, else the first character. */
export function surnameOf(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length >= 3 && COMPOUND_SURNAMES.has(chars[0]! + chars[1]!)) return chars[0]! + chars[1]!;
  return chars[0] ?? '';
}

/** Applies a name rule: `张三丰` → `张三丰` | `张某` | `张**`. `surname` overrides the surname guess. */
export function maskName(name: string, rule: NameRule, surname?: string): string {
  if (rule === 'full') return name;
  const s = surname && name.startsWith(surname) ? surname : surnameOf(name);
  if (rule === 'surname+某') return `${s}某`;
  return s + '*'.repeat(Math.max(1, Array.from(name).length - Array.from(s).length));
}

// County-level or above, then street level. A unit name is a short run of characters that are not ASCII,
// punctuation or a unit suffix (so 渝北区 never swallows 龙溪街道); every part is bounded, so matching is linear.
const UNIT = '[^\\x00-\\x7F\\s省市区县旗街路道巷弄号镇乡村组栋楼室，。、；：（）《》“”‘’！？·]';
const ADDRESS_HEAD = new RegExp(
  `^(?:${UNIT}{2,7}(?:省|自治区|特别行政区))?(?:${UNIT}{2,9}(?:市|自治州|地区|盟))?(?:${UNIT}{1,9}(?:区|县|旗|市))?`,
);
const STREET = new RegExp(`^${UNIT}{1,9}(?:街道|镇|乡|苏木)`);

/**
 * Keeps an address down to the county level (`district`) or the street level (`street`) and appends the value
 * placeholder: `重庆市渝北区龙溪街道金紫山路18号` → `重庆市渝北区***`. An address whose county level cannot be
 * recognised is replaced entirely (never leak when unsure).
 */
export function maskAddress(address: string, level: 'district' | 'street', placeholder: string): string {
  const head = ADDRESS_HEAD.exec(address)?.[0] ?? '';
  if (!/(区|县|旗|市)$/.test(head)) return placeholder;
  let kept = head;
  if (level === 'street') {
    const street = STREET.exec(address.slice(head.length))?.[0];
    if (street) kept += street;
  }
  return kept.length === address.length ? address : kept + placeholder;
}

/** Masks a landline: keeps the area code and the last four digits, `023-****1234`. */
export function maskLandline(s: string): string {
  const m = /^([(（]?0\d{2,3}[)）]?[-－—\s]?)(\d+)(.*)$/.exec(s);
  if (!m) return '*'.repeat(s.length);
  const local = m[2]!;
  return (
    m[1]! +
    '*'.repeat(Math.max(0, local.length - 4)) +
    local.slice(-4) +
    (m[3] ? '*'.repeat(m[3].length) : '')
  );
}

/** Masks a phone number of any written form: mobiles `138****5678`, landlines `023-****1234`. */
export function maskPhone(s: string): string {
  const digits = s.replace(/[\s\-－—+]/g, '');
  const mobile = /^(?:86)?(1[3-9]\d{9})$/.exec(digits)?.[1];
  if (mobile) return maskMobile(mobile);
  if (/^[(（]?0/.test(s)) return maskLandline(s);
  return '*'.repeat(s.length);
}

/** Masks an e-mail's local part except its first character: `z***@example.com`. */
export function maskEmail(s: string): string {
  const at = s.indexOf('@');
  if (at < 1) return '*'.repeat(s.length);
  return `${s[0]}***${s.slice(at)}`;
}

/** Masks a licence plate after the province character and the issuing-authority letter: `渝A·*****`. */
export function maskPlate(s: string): string {
  const chars = Array.from(s);
  let keep = 2;
  if (chars[2] === '·' || chars[2] === '・' || chars[2] === '.') keep = 3;
  return chars.slice(0, keep).join('') + '*'.repeat(Math.max(1, chars.length - keep));
}

/** True when values of this kind are never published. */
export function isNeverPublished(kind: DataKind): boolean {
  return NEVER_PUBLISHED_KINDS.includes(kind);
}

/**
 * The public form of one value of a declared kind under `policy`. `surname` helps name rules with compound
 * or unusual surnames. Throws `MASKING.KIND` for an unknown kind (a caller error, never silently published).
 */
export function maskValue(
  kind: DataKind,
  value: string,
  policy: MaskingPolicy,
  surname?: string,
): MaskedValue {
  const out = (output: string, action: string): MaskedValue => ({
    output,
    rule: `${kind}:${action}`,
    changed: output !== value,
  });
  const { name: nameHole, value: valueHole } = policy.placeholders;
  switch (kind) {
    case 'public':
      return out(value, 'keep');
    case 'party-person-name':
      return out(maskName(value, policy.partyPersonName, surname), policy.partyPersonName);
    case 'legal-representative-name': {
      const r = policy.legalRepresentativeName;
      return r === 'remove' ? out(nameHole, 'remove') : out(maskName(value, r, surname), r);
    }
    case 'third-party-name':
      return out(nameHole, 'remove');
    case 'id-number':
      return policy.idNumber === 'remove'
        ? out(valueHole, 'remove')
        : out(maskIdNumber(value.replace(/\s/g, '').toUpperCase()), 'mask-birth-date');
    case 'phone':
      return policy.phone === 'remove' ? out(valueHole, 'remove') : out(maskPhone(value), 'mask');
    case 'email':
      return policy.email === 'remove' ? out(valueHole, 'remove') : out(maskEmail(value), 'mask');
    case 'address':
      return policy.address === 'remove'
        ? out(valueHole, 'remove')
        : out(maskAddress(value, policy.address, valueHole), policy.address);
    case 'bank-account':
      return out(valueHole, 'remove');
    case 'licence-plate':
      if (policy.licencePlate === 'keep') return out(value, 'keep');
      return policy.licencePlate === 'remove' ? out(valueHole, 'remove') : out(maskPlate(value), 'mask');
    case 'health':
    case 'religion':
    case 'biometric':
    case 'minor-data':
    case 'sensitive':
      return out(valueHole, 'never-publish');
    default:
      throw invalid('MASKING.KIND', `未知的数据类别：${String(kind)}`);
  }
}
