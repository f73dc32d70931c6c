/**
 * Document templates as data (no code execution): a GB/T 9704 document's parts with `{{path|filter}}` placeholders.
 *
 * Placeholder syntax: `{{case.number}}`, `{{party.name}}`, `{{decision.amount|金额}}`, `{{notice.date|日期}}`.
 * A path is dot-separated identifiers (`[A-Za-z_][A-Za-z0-9_]*`) whose first segment must be a known data root
 * (`DOCUMENT_DATA_ROOTS`, or the roots passed in options); filters (`DOCUMENT_FILTERS`) may be chained with `|`.
 * There is no escaping: `{{` always opens a placeholder. Every placeholder is required: `fillTemplate` refuses
 * missing, null, empty or blank values and lists all of them at once, so no document is printed with a silent blank.
 * Blanks meant for handwriting (送达回证 signatures) are literal spaces in the template, not placeholders.
 */
import { type FieldProblem, invalid, ProblemCollector } from '../../kernel/errors.ts';
import { formatChineseDate } from './chinese-date.ts';
import { moneyWithDigits, toChineseMoney, toChineseUppercaseNumber } from './money.ts';

/** 告知书 / 决定书 use the 公文 layout with the mark 35 mm below the type area's top; letters and receipts start at the top. */
export type DocumentKind = 'notice' | 'decision' | 'letter' | 'receipt';
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['notice', 'decision', 'letter', 'receipt'];

/** A body paragraph: 仿宋 3号, first-line indent of two characters unless `indent: false`. */
export interface ParagraphBlock {
  type: 'paragraph';
  text: string;
  indent?: boolean;
  align?: 'justify' | 'left' | 'center' | 'right';
}
/** A heading, numbered automatically: level 1 `一、` in 黑体, level 2 `（一）` in 楷体 (restarting under each level 1). */
export interface HeadingBlock {
  type: 'heading';
  level: 1 | 2;
  text: string;
}
/** A numbered list: `1.` (third level of GB/T 9704 numbering, default) or `（1）` (fourth level). */
export interface ListBlock {
  type: 'list';
  style?: 'arabic' | 'paren';
  items: string[];
}
/** A simple table: optional header row in 黑体, cells as text (`\n` starts a new line in a cell), relative widths. */
export interface TableBlock {
  type: 'table';
  columns?: string[];
  rows: string[][];
  widths?: number[];
}
/** A signature inside the body (e.g. a 回执 part): issuer centred over a date placed four characters from the right. */
export interface SignatureBlock {
  type: 'signature';
  issuer: string;
  date: string;
}
export type Block = ParagraphBlock | HeadingBlock | ListBlock | TableBlock | SignatureBlock;

export interface DocumentTemplate {
  /** Stable code, e.g. `penalty-decision`. */
  code: string;
  /** Chinese name, e.g. 行政处罚决定书. */
  name: string;
  kind: DocumentKind;
  /** What a case must supply: placeholder path → meaning. When present, it must match the placeholders used exactly. */
  placeholders?: Record<string, string>;
  header: {
    /** 发文机关标志, e.g. 示范区市场监督管理局 (may be a placeholder such as `{{agency.name}}`). */
    issuer: string;
    /** Data path of the 发文字号 (e.g. `docNumber` → 示市监罚〔2026〕12号); no number line when absent. */
    numberField?: string;
  };
  title: string;
  /** 主送机关 / 当事人, printed flush left and ending with a full-width colon. */
  recipient?: string;
  body: Block[];
  /** 发文机关署名 and 成文日期. */
  signature: { issuer: string; date: string };
  /** 抄送 (printed in the 版记 at the end). */
  copyTo?: string;
  /** 附件说明: attachment names. */
  attachments?: string[];
}

/** A template with every placeholder replaced. */
export interface FilledDocument {
  code: string;
  name: string;
  kind: DocumentKind;
  header: { issuer: string; number?: string };
  title: string;
  recipient?: string;
  body: Block[];
  signature: { issuer: string; date: string };
  copyTo?: string;
  attachments?: string[];
}

/** Data roots the seed templates and modules use. Pass `roots` in options to allow others. */
export const DOCUMENT_DATA_ROOTS: readonly string[] = [
  'agency', // 执法或答复机关: name, address, phone
  'case', // 案件: number, cause, facts, evidence, dates
  'party', // 当事人 / 受送达人
  'decision', // 处罚决定内容
  'notice', // 告知书: date, periods
  'hearing', // 听证
  'request', // 政府信息公开申请
  'reply', // 答复
  'delivery', // 送达
  'officer', // 承办人员
  'docNumber', // 发文字号
];

type FilterFn = (value: unknown) => string;
function requireDateString(value: unknown): string {
  if (typeof value !== 'string') throw invalid('DOCUMENTS.DATE_INVALID', '日期应为 YYYY-MM-DD 格式的文本');
  return value;
}
function requireAmount(value: unknown): number | string {
  if (typeof value !== 'number' && typeof value !== 'string') {
    throw invalid('DOCUMENTS.MONEY_INVALID', '金额应为数字');
  }
  return value;
}
function requireInteger(value: unknown): number {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw invalid('DOCUMENTS.NUMBER_INVALID', '大写数字只适用于非负整数');
  }
  return n;
}

/** Filters: `日期` 2026年10月9日; `中文日期` 二〇二六年十月九日; `金额` 人民币伍仟元整（￥5,000.00）; `大写金额` 人民币伍仟元整; `大写数字` 壹拾伍. */
export const DOCUMENT_FILTERS: Readonly<Record<string, FilterFn>> = {
  日期: (v) => formatChineseDate(requireDateString(v), 'arabic'),
  中文日期: (v) => formatChineseDate(requireDateString(v), 'chinese'),
  金额: (v) => moneyWithDigits(requireAmount(v)),
  大写金额: (v) => toChineseMoney(requireAmount(v)),
  大写数字: (v) => toChineseUppercaseNumber(requireInteger(v)),
};

/** One `{{…}}` occurrence in a text. */
export interface Placeholder {
  raw: string;
  path: string[];
  filters: string[];
  start: number;
  end: number;
}
type Segment = { text: string } | { placeholder: Placeholder };

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Splits a text into literal parts and placeholders, reporting syntax problems at `pointer`. */
function parseText(
  text: string,
  pointer: string,
  problems: ProblemCollector,
  roots: ReadonlySet<string>,
): Segment[] {
  const segments: Segment[] = [];
  let pos = 0;
  while (pos < text.length) {
    const open = text.indexOf('{{', pos);
    const strayClose = text.indexOf('}}', pos);
    if (strayClose !== -1 && (open === -1 || strayClose < open)) {
      problems.add(pointer, `第 ${strayClose + 1} 个字符处的“}}”没有对应的“{{”`);
    }
    if (open === -1) {
      segments.push({ text: text.slice(pos) });
      break;
    }
    if (open > pos) segments.push({ text: text.slice(pos, open) });
    const close = text.indexOf('}}', open + 2);
    const nextOpen = text.indexOf('{{', open + 2);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      problems.add(pointer, `第 ${open + 1} 个字符处的“{{”没有闭合（缺少“}}”）`);
      segments.push({ text: text.slice(open, nextOpen === -1 ? text.length : nextOpen) });
      pos = nextOpen === -1 ? text.length : nextOpen;
      continue;
    }
    const raw = text.slice(open, close + 2);
    const [pathText = '', ...filterTexts] = text.slice(open + 2, close).split('|');
    const path = pathText.trim().split('.');
    const filters = filterTexts.map((f) => f.trim());
    if (!pathText.trim() || !path.every((p) => IDENT.test(p))) {
      problems.add(pointer, `占位符 ${raw} 的路径无效，应为 a.b.c 形式`);
    } else if (!roots.has(path[0]!)) {
      problems.add(pointer, `占位符 ${raw} 的数据根“${path[0]}”未知，可用：${[...roots].join('、')}`);
    }
    for (const filter of filters) {
      if (!Object.hasOwn(DOCUMENT_FILTERS, filter)) {
        problems.add(
          pointer,
          `占位符 ${raw} 的过滤器“${filter}”未知，可用：${Object.keys(DOCUMENT_FILTERS).join('、')}`,
        );
      }
    }
    segments.push({ placeholder: { raw, path, filters, start: open, end: close + 2 } });
    pos = close + 2;
  }
  return segments;
}

export interface TemplateOptions {
  /** Data roots allowed besides `DOCUMENT_DATA_ROOTS`. */
  roots?: readonly string[];
}

/** Every text of a template with its JSON pointer. */
function* templateTexts(t: DocumentTemplate): Generator<[pointer: string, text: string]> {
  yield ['/header/issuer', t.header?.issuer];
  yield ['/title', t.title];
  if (t.recipient !== undefined) yield ['/recipient', t.recipient];
  for (const [i, block] of (Array.isArray(t.body) ? t.body : []).entries()) {
    const at = `/body/${i}`;
    switch (block?.type) {
      case 'paragraph':
      case 'heading':
        yield [`${at}/text`, block.text];
        break;
      case 'list':
        for (const [j, item] of (Array.isArray(block.items) ? block.items : []).entries())
          yield [`${at}/items/${j}`, item];
        break;
      case 'table':
        for (const [j, c] of (block.columns ?? []).entries()) yield [`${at}/columns/${j}`, c];
        for (const [r, row] of (Array.isArray(block.rows) ? block.rows : []).entries()) {
          for (const [c, cell] of (Array.isArray(row) ? row : []).entries())
            yield [`${at}/rows/${r}/${c}`, cell];
        }
        break;
      case 'signature':
        yield [`${at}/issuer`, block.issuer];
        yield [`${at}/date`, block.date];
        break;
      default:
        break;
    }
  }
  yield ['/signature/issuer', t.signature?.issuer];
  yield ['/signature/date', t.signature?.date];
  if (t.copyTo !== undefined) yield ['/copyTo', t.copyTo];
  for (const [i, a] of (t.attachments ?? []).entries()) yield [`/attachments/${i}`, a];
}

function checkStructure(t: DocumentTemplate, check: ProblemCollector): void {
  const nonEmpty = (pointer: string, value: unknown, what: string) => {
    if (typeof value !== 'string' || value.trim() === '') check.add(pointer, `${what}不能为空`);
  };
  nonEmpty('/code', t.code, '模板代码');
  nonEmpty('/name', t.name, '模板名称');
  if (!DOCUMENT_KINDS.includes(t.kind)) check.add('/kind', `文书类型应为 ${DOCUMENT_KINDS.join('、')} 之一`);
  nonEmpty('/header/issuer', t.header?.issuer, '发文机关标志');
  nonEmpty('/title', t.title, '标题');
  nonEmpty('/signature/issuer', t.signature?.issuer, '发文机关署名');
  nonEmpty('/signature/date', t.signature?.date, '成文日期');
  if (t.recipient !== undefined) nonEmpty('/recipient', t.recipient, '主送机关');
  if (t.copyTo !== undefined) nonEmpty('/copyTo', t.copyTo, '抄送机关');
  for (const [i, a] of (t.attachments ?? []).entries()) nonEmpty(`/attachments/${i}`, a, '附件名称');
  if (!Array.isArray(t.body) || t.body.length === 0) {
    check.add('/body', '正文至少要有一段');
    return;
  }
  for (const [i, block] of t.body.entries()) {
    const at = `/body/${i}`;
    switch (block?.type) {
      case 'paragraph':
        nonEmpty(`${at}/text`, block.text, '段落');
        break;
      case 'heading':
        nonEmpty(`${at}/text`, block.text, '标题');
        if (block.level !== 1 && block.level !== 2) check.add(`${at}/level`, '标题层级应为 1 或 2');
        break;
      case 'list':
        if (!Array.isArray(block.items) || block.items.length === 0)
          check.add(`${at}/items`, '列表至少要有一项');
        else for (const [j, item] of block.items.entries()) nonEmpty(`${at}/items/${j}`, item, '列表项');
        break;
      case 'table': {
        const width =
          block.columns?.length ?? (Array.isArray(block.rows) ? block.rows[0]?.length : undefined);
        if (!Array.isArray(block.rows) || block.rows.length === 0 || !width) {
          check.add(`${at}/rows`, '表格至少要有一行一列');
          break;
        }
        for (const [r, row] of block.rows.entries()) {
          if (!Array.isArray(row) || row.length !== width)
            check.add(`${at}/rows/${r}`, `每行应有 ${width} 列`);
          else
            for (const [c, cell] of row.entries()) {
              if (typeof cell !== 'string') check.add(`${at}/rows/${r}/${c}`, '单元格应为文本');
            }
        }
        if (block.widths && (block.widths.length !== width || block.widths.some((w) => !(w > 0)))) {
          check.add(`${at}/widths`, `列宽应为 ${width} 个正数`);
        }
        break;
      }
      case 'signature':
        nonEmpty(`${at}/issuer`, block.issuer, '署名');
        nonEmpty(`${at}/date`, block.date, '日期');
        break;
      default:
        check.add(`${at}/type`, '段落类型应为 paragraph、heading、list、table 或 signature');
    }
  }
}

function rootSet(options: TemplateOptions): Set<string> {
  return new Set([...DOCUMENT_DATA_ROOTS, ...(options.roots ?? [])]);
}

/**
 * Checks a template and returns every problem (empty when valid), each with a JSON Pointer into the template:
 * structure, unknown placeholder roots, unclosed or stray braces, unknown filters, an invalid `numberField`,
 * and, when the template documents its `placeholders`, any used-but-undocumented or documented-but-unused path.
 */
export function validateTemplate(template: DocumentTemplate, options: TemplateOptions = {}): FieldProblem[] {
  const check = new ProblemCollector();
  const roots = rootSet(options);
  checkStructure(template, check);
  const used = new Set<string>();
  for (const [pointer, text] of templateTexts(template)) {
    if (typeof text !== 'string') continue;
    for (const s of parseText(text, pointer, check, roots)) {
      if ('placeholder' in s) used.add(s.placeholder.path.join('.'));
    }
  }
  const numberField = template.header?.numberField;
  if (numberField !== undefined) {
    const path = numberField.split('.');
    if (!path.every((p) => IDENT.test(p)))
      check.add('/header/numberField', '发文字号字段应为 a.b 形式的数据路径');
    else if (!roots.has(path[0]!)) check.add('/header/numberField', `发文字号字段的数据根“${path[0]}”未知`);
    else used.add(numberField);
  }
  if (template.placeholders) {
    for (const path of used) {
      if (!Object.hasOwn(template.placeholders, path))
        check.add('/placeholders', `占位符 ${path} 未在说明中列出`);
    }
    for (const path of Object.keys(template.placeholders)) {
      if (!used.has(path))
        check.add(`/placeholders/${escapePointer(path)}`, `说明中的 ${path} 在模板中没有用到`);
    }
  }
  return check.errors;
}

/** Throws `DOCUMENTS.TEMPLATE_INVALID` listing every problem of the template. */
export function assertValidTemplate(template: DocumentTemplate, options: TemplateOptions = {}): void {
  const problems = validateTemplate(template, options);
  if (problems.length > 0) {
    throw invalid('DOCUMENTS.TEMPLATE_INVALID', `文书模板“${template.name ?? template.code}”有误`, problems);
  }
}

/** The data paths a template needs (placeholders and the number field), sorted. */
export function templatePlaceholders(template: DocumentTemplate, options: TemplateOptions = {}): string[] {
  const roots = rootSet(options);
  const paths = new Set<string>();
  const ignore = new ProblemCollector();
  for (const [pointer, text] of templateTexts(template)) {
    if (typeof text !== 'string') continue;
    for (const s of parseText(text, pointer, ignore, roots)) {
      if ('placeholder' in s) paths.add(s.placeholder.path.join('.'));
    }
  }
  if (template.header.numberField) paths.add(template.header.numberField);
  return [...paths].sort();
}

/**
 * Every placeholder a template uses, with the JSON Pointer of the text that uses it (in document order, the
 * number field last). Syntax problems are ignored here: `validateTemplate` reports them.
 */
export function placeholderUses(
  template: DocumentTemplate,
  options: TemplateOptions = {},
): { pointer: string; path: string; raw: string }[] {
  const roots = rootSet(options);
  const ignore = new ProblemCollector();
  const out: { pointer: string; path: string; raw: string }[] = [];
  for (const [pointer, text] of templateTexts(template)) {
    if (typeof text !== 'string') continue;
    for (const s of parseText(text, pointer, ignore, roots)) {
      if ('placeholder' in s)
        out.push({ pointer, path: s.placeholder.path.join('.'), raw: s.placeholder.raw });
    }
  }
  const numberField = template.header?.numberField;
  if (numberField) out.push({ pointer: '/header/numberField', path: numberField, raw: `{{${numberField}}}` });
  return out;
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Data for a template: nested plain objects keyed by the placeholder paths. */
export type DocumentData = Record<string, unknown>;

function lookup(data: DocumentData, path: readonly string[]): unknown {
  let value: unknown = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** The 发文字号 shape: 机关代字〔年份〕序号号, with 六角括号 (not [] or ()) and no leading zero in the serial. */
export const DOC_NUMBER_PATTERN = /^\S+〔\d{4}〕[1-9]\d*号$/;

interface FillState {
  data: DocumentData;
  roots: Set<string>;
  /** data pointer → detail, so each missing value is listed once with every place that uses it. */
  missing: Map<string, string[]>;
  problems: ProblemCollector;
}

function fillText(text: string, pointer: string, state: FillState): string {
  const ignore = new ProblemCollector();
  let out = '';
  for (const segment of parseText(text, pointer, ignore, state.roots)) {
    if ('text' in segment) {
      out += segment.text;
      continue;
    }
    const { path, filters, raw } = segment.placeholder;
    const value = lookup(state.data, path);
    const dataPointer = `/${path.map(escapePointer).join('/')}`;
    if (isBlank(value)) {
      const uses = state.missing.get(dataPointer) ?? [];
      uses.push(pointer);
      state.missing.set(dataPointer, uses);
      continue;
    }
    try {
      let result: unknown = value;
      for (const f of filters) result = DOCUMENT_FILTERS[f]!(result);
      if (typeof result === 'number' && Number.isFinite(result)) result = String(result);
      if (typeof result !== 'string') {
        state.problems.add(dataPointer, `${raw} 的值不是文本或数字（用于 ${pointer}）`);
        continue;
      }
      out += result;
    } catch (error) {
      const detail = error instanceof Error && 'detail' in error ? String(error.detail) : '值无效';
      state.problems.add(dataPointer, `${raw}：${detail}（用于 ${pointer}）`);
    }
  }
  return out;
}

/**
 * Replaces every placeholder with its value from `data` and returns the filled document.
 * The template is validated first (`DOCUMENTS.TEMPLATE_INVALID`). Then every missing value (absent, null, empty or
 * blank) and every value a filter cannot format is collected, and one `DOCUMENTS.VALUES_MISSING` error lists them all,
 * each with the JSON Pointer of the data field (`/party/name`) and the places in the template that use it.
 * The 发文字号 is checked against `DOC_NUMBER_PATTERN`.
 */
export function fillTemplate(
  template: DocumentTemplate,
  data: DocumentData,
  options: TemplateOptions = {},
): FilledDocument {
  assertValidTemplate(template, options);
  const state: FillState = {
    data,
    roots: rootSet(options),
    missing: new Map(),
    problems: new ProblemCollector(),
  };
  const fill = (text: string, pointer: string) => fillText(text, pointer, state);

  let number: string | undefined;
  if (template.header.numberField) {
    const path = template.header.numberField.split('.');
    number = fillText(`{{${path.join('.')}}}`, '/header/numberField', state);
    if (number && !DOC_NUMBER_PATTERN.test(number)) {
      state.problems.add(
        `/${path.map(escapePointer).join('/')}`,
        '发文字号应为“机关代字〔年份〕序号号”，年份用六角括号〔〕，序号不编虚位，如 示市监罚〔2026〕12号',
      );
    }
  }
  const body: Block[] = template.body.map((block, i): Block => {
    const at = `/body/${i}`;
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        return { ...block, text: fill(block.text, `${at}/text`) };
      case 'list':
        return { ...block, items: block.items.map((item, j) => fill(item, `${at}/items/${j}`)) };
      case 'table':
        return {
          ...block,
          ...(block.columns ? { columns: block.columns.map((c, j) => fill(c, `${at}/columns/${j}`)) } : {}),
          rows: block.rows.map((row, r) => row.map((cell, c) => fill(cell, `${at}/rows/${r}/${c}`))),
        };
      case 'signature':
        return { ...block, issuer: fill(block.issuer, `${at}/issuer`), date: fill(block.date, `${at}/date`) };
      default:
        return block; // unreachable: assertValidTemplate refused unknown block types
    }
  });
  const filled: FilledDocument = {
    code: template.code,
    name: template.name,
    kind: template.kind,
    header: { issuer: fill(template.header.issuer, '/header/issuer'), ...(number ? { number } : {}) },
    title: fill(template.title, '/title'),
    body,
    signature: {
      issuer: fill(template.signature.issuer, '/signature/issuer'),
      date: fill(template.signature.date, '/signature/date'),
    },
  };
  if (template.recipient !== undefined) filled.recipient = fill(template.recipient, '/recipient');
  if (template.copyTo !== undefined) filled.copyTo = fill(template.copyTo, '/copyTo');
  if (template.attachments)
    filled.attachments = template.attachments.map((a, i) => fill(a, `/attachments/${i}`));

  const errors: FieldProblem[] = [];
  for (const [pointer, uses] of state.missing) {
    errors.push({
      pointer,
      detail: `缺少“${pointer.slice(1).replaceAll('/', '.')}”（用于 ${uses.join('、')}）`,
    });
  }
  errors.push(...state.problems.errors);
  if (errors.length > 0) {
    const missingCount = state.missing.size;
    const summary =
      missingCount > 0
        ? `生成“${template.name}”缺少 ${missingCount} 项数据${state.problems.any ? '，另有数据格式有误' : ''}，请补齐后再生成`
        : `生成“${template.name}”的数据格式有误，请按提示修改`;
    throw invalid('DOCUMENTS.VALUES_MISSING', summary, errors);
  }
  return filled;
}
