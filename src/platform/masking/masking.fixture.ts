/**
 * Fake decision material for the masking tests. Every person, number and address is invented; ID numbers get
 * their check character from `computeIdCheck`, the bank card its Luhn digit.
 */
import { computeIdCheck, computeUsccCheck } from '../validators/index.ts';
import type { KnownValue } from './mask-text.ts';

/** An 18-character ID number from its first 17 digits. */
export const withCheck = (first17: string): string => first17 + computeIdCheck(first17);

/** 张三丰, born 1988-05-06: the penalised party. */
export const PARTY_ID = withCheck('50011219880506123'); // 500112198805061237
/** 李四, a witness. */
export const WITNESS_ID = withCheck('50010319750812341'); // 500103197508123410
/** A minor born 2010-03-01. */
export const MINOR_ID = withCheck('50010320100301002'); // 500103201003010022
/** A case file number: 18 digits with a real date but a wrong ID check character (and failing Luhn). */
export const CASE_FILE_NO = '500112202601150129';
/** A UnionPay card number with a valid Luhn digit. */
export const BANK_CARD = '6222021234567890128';
/** An organisation's USCC (public identifier). */
export const USCC = `91500112MA5U8XY01${computeUsccCheck('91500112MA5U8XY01')}`;

/** Decision 1: a natural-person party, a witness, phone, address, bank card, a case file number. */
export const DECISION_1 = [
  `渝北市监罚〔2026〕12号`,
  `当事人：张三丰，男，身份证号码：${PARTY_ID}，住址：重庆市渝北区龙溪街道金紫山路18号3单元2-1，联系电话：13812345678。`,
  `经查，当事人于2026年1月15日在其经营场所销售过期食品，违法所得1,000,000元。证人李四（身份证号码${WITNESS_ID}）证实，张三丰曾通过银行卡${BANK_CARD}收取货款。`,
  `案卷编号${CASE_FILE_NO}。当事人如不服本决定，可于2026-03-16前申请行政复议。`,
].join('\n');

/** Known values for decision 1. */
export const KNOWN_1: KnownValue[] = [
  { kind: 'party-person-name', value: '张三丰', label: '当事人' },
  { kind: 'id-number', value: PARTY_ID, label: '当事人身份证' },
  { kind: 'address', value: '重庆市渝北区龙溪街道金紫山路18号3单元2-1', label: '当事人住址' },
  { kind: 'phone', value: '13812345678', label: '当事人电话' },
  { kind: 'third-party-name', value: '李四', label: '证人1' },
];

/** Decision 2: an organisation party with a legal representative, a victim, a landline and an account. */
export const DECISION_2 = [
  `当事人：重庆某某商贸有限公司，统一社会信用代码：${USCC}，法定代表人：欧阳明月。`,
  `被害人王小明（13912345678）反映，其于2026年2月3日在当事人门店购买的商品存在质量问题。`,
  `当事人对公账户：中国农业银行重庆渝北支行，账号31050161373600001234。办公电话023-67891234。`,
  `罚款人民币15000000000元（大写略），限于收到本决定书之日起15日内缴纳。`,
].join('\n');

/** Known values for decision 2. */
export const KNOWN_2: KnownValue[] = [
  { kind: 'public', value: '重庆某某商贸有限公司' },
  { kind: 'public', value: USCC },
  { kind: 'legal-representative-name', value: '欧阳明月' },
  { kind: 'third-party-name', value: '王小明', label: '被害人' },
];

/** Decision 3: sensitive data (health), e-mail and a licence plate. */
export const DECISION_3 = [
  `当事人赵六驾驶渝A·D12345号小型客车，联系邮箱zhaoliu88@example.com。`,
  `赵六自述患有抑郁症，正在接受治疗。执法人员钱七、孙八（执法证号50010012345）依法出示了执法证件。`,
].join('\n');

/** Known values for decision 3. */
export const KNOWN_3: KnownValue[] = [
  { kind: 'party-person-name', value: '赵六' },
  { kind: 'health', value: '患有抑郁症，正在接受治疗' },
  { kind: 'public', value: '钱七' },
  { kind: 'public', value: '孙八' },
];
