/**
 * Renders a filled document to DOCX in the GB/T 9704-2012 layout with the `docx` package.
 *
 * Page: A4 (210 × 297 mm), margins top 37, bottom 35, left 28, right 26 mm: a 156 × 225 mm type area.
 * Lines: exact 28.9 pt (578 twips), so 22 lines fill the 225 mm type area (22 × 28.9 pt = 635.8 pt ≤ 637.8 pt).
 * The document grid is `lines` (LibreOffice misrenders Word's `linesAndChars`), so the 28-characters-a-line rule
 * is approximate: 156 mm holds 27.6 characters of 16 pt.
 * Fonts are named, never embedded: 方正小标宋简体 (mark, title), 仿宋_GB2312 (body), 黑体 (level 1), 楷体_GB2312
 * (level 2), 宋体 (page numbers). Government PCs have them; for server-side PDF map them with fontconfig.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  type IRunOptions,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { Block, DocumentData, DocumentTemplate, FilledDocument, TemplateOptions } from './template.ts';
import { fillTemplate } from './template.ts';

/** Millimetres to twips (1/1440 inch), rounded: 37 mm → 2098. */
export const mmToTwips = (mm: number): number => Math.round((mm * 1440) / 25.4);

/** The measured GB/T 9704-2012 page, exported so tests and callers can check against the same numbers. */
export const GBT9704 = {
  page: { width: 11906, height: 16838 },
  margin: { top: mmToTwips(37), bottom: mmToTwips(35), left: mmToTwips(28), right: mmToTwips(26) },
  /** Exact line height in twips: 28.9 pt. */
  line: 578,
  /** 3号 = 16 pt = 32 half-points; 2号 = 22 pt; 4号 = 14 pt; 小初 = 36 pt. */
  size: { body: 32, title: 44, pageNumber: 28, copyTo: 28, table: 28, mark: 72 },
  /** One body character (16 pt) in twips. */
  char: 320,
  red: 'FF0000',
  fonts: {
    mark: '方正小标宋简体',
    title: '方正小标宋简体',
    body: '仿宋_GB2312',
    heading1: '黑体',
    heading2: '楷体_GB2312',
    pageNumber: '宋体',
  },
} as const;

const TYPE_AREA_WIDTH = GBT9704.page.width - GBT9704.margin.left - GBT9704.margin.right;

const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: 'eastAsia' });
const exact = (line: number = GBT9704.line) => ({ line, lineRule: LineRuleType.EXACT });

function run(text: string, options: Omit<IRunOptions, 'text'> = {}): TextRun {
  return new TextRun({ font: font(GBT9704.fonts.body), size: GBT9704.size.body, ...options, text });
}

/** Width of a text in body characters: CJK and full-width count 1, ASCII ½. */
function textWidthChars(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) < 0x2000 ? 0.5 : 1;
  return width;
}

/** 一、二、… for level-1 headings (up to 九十九). */
function chineseOrdinal(n: number): string {
  const d = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return d[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : d[tens]}十${d[n % 10]}`;
}

function bodyParagraph(
  children: ParagraphChild[],
  indent = true,
  align: string = AlignmentType.JUSTIFIED,
): Paragraph {
  return new Paragraph({
    children,
    alignment: align as (typeof AlignmentType)[keyof typeof AlignmentType],
    spacing: exact(),
    ...(indent ? { indent: { firstLineChars: 200, firstLine: 2 * GBT9704.char } } : {}),
  });
}

/** 发文机关署名 centred over 成文日期, the date four characters from the right edge (stamped documents, 7.3.5.1). */
function signatureParagraphs(issuer: string, date: string, spaceBeforeLines: number): Paragraph[] {
  const dateRight = 4;
  const center = dateRight + textWidthChars(date) / 2;
  const issuerRight = Math.max(0, center - textWidthChars(issuer) / 2);
  return [
    new Paragraph({
      children: [run(issuer)],
      alignment: AlignmentType.RIGHT,
      spacing: { ...exact(), before: spaceBeforeLines * GBT9704.line },
      indent: { right: Math.round(issuerRight * GBT9704.char) },
      keepNext: true,
    }),
    new Paragraph({
      children: [run(date)],
      alignment: AlignmentType.RIGHT,
      spacing: exact(),
      indent: { right: dateRight * GBT9704.char },
    }),
  ];
}

function tableBlock(block: Extract<Block, { type: 'table' }>): Table {
  const columns = block.columns?.length ?? block.rows[0]?.length ?? 1;
  const weights = block.widths ?? Array.from({ length: columns }, () => 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((TYPE_AREA_WIDTH * w) / total));
  const cell = (text: string, header: boolean, width: number) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: 100, right: 100, top: 60, bottom: 60 },
      children: text.split('\n').map(
        (line) =>
          new Paragraph({
            alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
            spacing: { line: 400, lineRule: LineRuleType.AT_LEAST },
            children: [
              run(line, {
                size: GBT9704.size.table,
                ...(header ? { font: font(GBT9704.fonts.heading1) } : {}),
              }),
            ],
          }),
      ),
    });
  const rows: TableRow[] = [];
  if (block.columns) {
    rows.push(
      new TableRow({ tableHeader: true, children: block.columns.map((c, i) => cell(c, true, widths[i]!)) }),
    );
  }
  for (const row of block.rows)
    rows.push(new TableRow({ children: row.map((c, i) => cell(c, false, widths[i]!)) }));
  const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    rows,
    width: { size: TYPE_AREA_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: {
      top: line,
      bottom: line,
      left: line,
      right: line,
      insideHorizontal: line,
      insideVertical: line,
    },
  });
}

function bodyChildren(blocks: readonly Block[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  let h1 = 0;
  let h2 = 0;
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph': {
        const align = {
          justify: AlignmentType.JUSTIFIED,
          left: AlignmentType.LEFT,
          center: AlignmentType.CENTER,
          right: AlignmentType.RIGHT,
        }[block.align ?? 'justify'];
        out.push(bodyParagraph([run(block.text)], block.indent !== false, align));
        break;
      }
      case 'heading':
        if (block.level === 1) {
          h1 += 1;
          h2 = 0;
          out.push(
            bodyParagraph([
              run(`${chineseOrdinal(h1)}、${block.text}`, { font: font(GBT9704.fonts.heading1) }),
            ]),
          );
        } else {
          h2 += 1;
          out.push(
            bodyParagraph([
              run(`（${chineseOrdinal(h2)}）${block.text}`, { font: font(GBT9704.fonts.heading2) }),
            ]),
          );
        }
        break;
      case 'list':
        block.items.forEach((item, i) => {
          const label = block.style === 'paren' ? `（${i + 1}）` : `${i + 1}.`;
          out.push(bodyParagraph([run(`${label}${item}`)]));
        });
        break;
      case 'table':
        out.push(tableBlock(block));
        break;
      case 'signature':
        out.push(...signatureParagraphs(block.issuer, block.date, 1));
        break;
    }
  }
  return out;
}

/** 附件说明: 正文下空一行左空二字 “附件：1.……”, later names aligned under the first. */
function attachmentParagraphs(names: readonly string[]): Paragraph[] {
  if (names.length === 0) return [];
  const numbered = names.length > 1;
  return names.map((name, i) => {
    const label = numbered ? `${i + 1}.${name}` : name;
    const first = i === 0;
    return new Paragraph({
      children: [run(first ? `附件：${label}` : label)],
      spacing: { ...exact(), ...(first ? { before: GBT9704.line } : {}) },
      indent: first
        ? { firstLineChars: 200, firstLine: 2 * GBT9704.char }
        : { left: 5 * GBT9704.char, hanging: 0 },
    });
  });
}

/** 版记: 抄送 in 4号仿宋 between black rules, one character in from each side, ending with 。 */
function copyToParagraph(copyTo: string): Paragraph {
  const text = /[。.]$/.test(copyTo) ? copyTo : `${copyTo}。`;
  const ch = 280; // one 14 pt character
  return new Paragraph({
    children: [run(`抄送：${text}`, { size: GBT9704.size.copyTo })],
    spacing: { ...exact(), before: 2 * GBT9704.line },
    indent: { left: ch + 3 * ch, hanging: 3 * ch, right: ch },
    border: {
      top: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 },
      bottom: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 },
    },
  });
}

/** Page number `— 1 —` in 4号宋体: odd pages one character from the right, even pages one from the left. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const ch = 280;
  const r = (children: IRunOptions['children']) =>
    new TextRun({ font: font(GBT9704.fonts.pageNumber), size: GBT9704.size.pageNumber, children });
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: ch } : { left: ch },
        spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
        children: [r(['— ']), r([PageNumber.CURRENT]), r([' —'])],
      }),
    ],
  });
}

/** Builds the `docx` Document for a filled document (exposed for callers that add parts before packing). */
export function buildDocument(doc: FilledDocument): Document {
  const children: (Paragraph | Table)[] = [];
  const formal = doc.kind === 'notice' || doc.kind === 'decision';
  // 发文机关标志: red 方正小标宋简体, centred; for 公文 its top sits 35 mm below the type area's top.
  const markSize = Math.min(
    GBT9704.size.mark,
    Math.floor((TYPE_AREA_WIDTH / 20 / textWidthChars(doc.header.issuer)) * 2),
  );
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: formal ? mmToTwips(35) : 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
      children: [
        new TextRun({
          text: doc.header.issuer,
          font: font(GBT9704.fonts.mark),
          size: markSize,
          color: GBT9704.red,
        }),
      ],
    }),
  );
  // 发文字号 two lines under the mark, then the red rule 4 mm below it (a bottom border of the number paragraph).
  const redRule = { style: BorderStyle.SINGLE, size: 12, color: GBT9704.red, space: 11 };
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { ...exact(), before: 2 * GBT9704.line },
      border: { bottom: redRule },
      children: doc.header.number ? [run(doc.header.number)] : [],
    }),
  );
  // 标题: 2号方正小标宋简体, two lines under the red rule, centred.
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 2 * GBT9704.line, line: 700, lineRule: LineRuleType.EXACT },
      children: [new TextRun({ text: doc.title, font: font(GBT9704.fonts.title), size: GBT9704.size.title })],
    }),
  );
  // 主送机关: one line under the title, flush left, ending with a full-width colon.
  if (doc.recipient) {
    const text = /[：:]$/.test(doc.recipient) ? doc.recipient : `${doc.recipient}：`;
    children.push(new Paragraph({ spacing: { ...exact(), before: GBT9704.line }, children: [run(text)] }));
  } else {
    children.push(new Paragraph({ spacing: exact(), children: [] }));
  }
  children.push(...bodyChildren(doc.body));
  children.push(...attachmentParagraphs(doc.attachments ?? []));
  children.push(...signatureParagraphs(doc.signature.issuer, doc.signature.date, 2));
  if (doc.copyTo) children.push(copyToParagraph(doc.copyTo));

  return new Document({
    title: doc.title,
    creator: doc.header.issuer,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: font(GBT9704.fonts.body), size: GBT9704.size.body },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: GBT9704.page.width, height: GBT9704.page.height },
            margin: {
              ...GBT9704.margin,
              header: mmToTwips(15),
              // The page number's line (4号, ~5 mm) has its top 7 mm below the type area: 35 − 7 − 5 = 23 mm.
              footer: mmToTwips(23),
            },
          },
          grid: { type: 'lines', linePitch: GBT9704.line },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
}

/** Packs a filled document into a DOCX buffer. */
export async function renderFilledDocx(doc: FilledDocument): Promise<Buffer> {
  return Packer.toBuffer(buildDocument(doc));
}

/**
 * Fills a template with a case's data and renders it: `DOCUMENTS.TEMPLATE_INVALID` or `DOCUMENTS.VALUES_MISSING`
 * (listing every missing value) before anything is rendered.
 */
export async function renderDocx(
  template: DocumentTemplate,
  data: DocumentData,
  options: TemplateOptions = {},
): Promise<Buffer> {
  return renderFilledDocx(fillTemplate(template, data, options));
}
