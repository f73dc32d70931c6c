/**
 * Official documents (公文格式, GB/T 9704-2012): templates as data with `{{path|filter}}` placeholders, filling with
 * every missing value reported at once, and DOCX rendering in the standard layout (A4, 37/35/28/26 mm margins,
 * red issuer mark and rule, 2号 小标宋 title, 3号 仿宋 body on 22 lines, `— 1 —` page numbers).
 * Chinese fonts are named in the DOCX, never embedded.
 *
 * Typical use in a module: `const buffer = await renderDocx(penaltyDecision, { agency, party, case, decision, docNumber })`;
 * a `DOCUMENTS.VALUES_MISSING` DomainError lists every missing field as a JSON Pointer into the data.
 */

/** Dates: `formatChineseDate('2026-10-09')` → 2026年10月9日 (GB/T 9704-2012); `'chinese'` → 二〇二六年十月九日. */
export { type ChineseDateStyle, formatChineseDate, parseIsoDate } from './chinese-date.ts';
/**
 * 文书模板 per tenant: `effectiveTemplate(db, tenantId, code)` is the template in force (the tenant's latest edit,
 * else the seed); every save and reset is a version recorded in the transparency log (`template-store.ts`).
 */
export { DocumentsPermissions } from './documents.permissions.ts';
export { documentTemplates } from './documents.tables.ts';
/**
 * Rendering: `renderDocx(template, data)` fills and renders to a DOCX Buffer; `renderFilledDocx` renders an already
 * filled document; `buildDocument` returns the `docx` Document; `GBT9704` holds the layout numbers (twips, half-points).
 */
export { buildDocument, GBT9704, mmToTwips, renderDocx, renderFilledDocx } from './docx.ts';
/**
 * 金额大写: `toChineseMoney(1234.56)` → 人民币壹仟贰佰叁拾肆元伍角陆分; `moneyWithDigits(5000)` →
 * 人民币伍仟元整（￥5,000.00）; `toChineseUppercaseNumber(15)` → 壹拾伍. Amounts are worked in whole 分.
 */
export {
  type ChineseMoneyOptions,
  formatMoneyDigits,
  MAX_MONEY_YUAN,
  moneyWithDigits,
  toChineseMoney,
  toChineseUppercaseNumber,
  toFen,
} from './money.ts';
/**
 * Templates: `validateTemplate` returns every problem with a JSON Pointer into the template; `fillTemplate` throws
 * `DOCUMENTS.TEMPLATE_INVALID` or `DOCUMENTS.VALUES_MISSING` (all missing values listed) or returns the filled document.
 * Filters: 日期, 中文日期, 金额, 大写金额, 大写数字.
 */
export {
  assertValidTemplate,
  type Block,
  DOC_NUMBER_PATTERN,
  DOCUMENT_DATA_ROOTS,
  DOCUMENT_FILTERS,
  DOCUMENT_KINDS,
  type DocumentData,
  type DocumentKind,
  type DocumentTemplate,
  type FilledDocument,
  fillTemplate,
  type HeadingBlock,
  type ListBlock,
  type ParagraphBlock,
  placeholderUses,
  type SignatureBlock,
  type TableBlock,
  type TemplateOptions,
  templatePlaceholders,
  validateTemplate,
} from './template.ts';
export {
  changedFields,
  checkTemplateEdit,
  composeTemplate,
  EDITABLE_FIELDS,
  editOf,
  type TemplateEdit,
  templateHash,
} from './template-edit.ts';
export {
  effectiveTemplate,
  getTemplateView,
  listTemplates,
  resetTemplate,
  saveTemplate,
  type TemplateSource,
  type TemplateSummary,
  type TemplateVersion,
  type TemplateView,
  templateVersions,
} from './template-store.ts';
/** Seed templates: 行政处罚事先告知书, 听证告知书, 行政处罚决定书, 送达回证, 政府信息公开申请答复书. */
export {
  deliveryReceipt,
  disclosureReply,
  hearingNotice,
  penaltyDecision,
  penaltyPriorNotice,
  seedTemplates,
} from './templates/index.ts';
/** Fictitious 示范区 data that fills each seed template completely (tests, demo, previews). */
export {
  decisionData,
  deliveryData,
  disclosureData,
  noticeData,
  sampleDataFor,
} from './templates/sample-data.ts';
/** A minimal ZIP reader (node:zlib) to look inside generated DOCX files. */
export { readZip } from './zip.ts';
