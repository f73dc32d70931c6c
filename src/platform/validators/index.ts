/**
 * Shared validators with Chinese messages: 统一社会信用代码, 公民身份号码, 手机号码, 行政区划代码, plus zod schemas.
 */

/** Validator outcome: `{ ok: true }` or `{ ok: false, reason }` with a Chinese reason. */
export type { CheckResult } from './check-result.ts';
/** 行政区划代码 (GB/T 2260): shape check, level and parent. */
export {
  checkDivisionCode,
  type DivisionLevel,
  divisionLevel,
  isDivisionCode,
  PROVINCE_PREFIXES,
  parentDivision,
} from './division-code.ts';
/** 公民身份号码 (GB 11643-1999): check, check digit, birth date and masking for publication. */
export {
  checkIdNumber,
  computeIdCheck,
  type IdNumberOptions,
  idBirthDate,
  isIdNumber,
  maskIdNumber,
} from './id-number.ts';
/** 手机号码: check and masking (`138****5678`). */
export { checkMobile, isMobile, maskMobile } from './mobile.ts';
/** 统一社会信用代码 (GB 32100-2015): check and check character. */
export { checkUscc, computeUsccCheck, isUscc, USCC_ALPHABET } from './uscc.ts';
/** Zod 4 schemas carrying the Chinese messages, for HTTP schemas in every module. */
export { zDivisionCode, zIdNumber, zIdNumberAsOf, zMobile, zUscc } from './zod.ts';
