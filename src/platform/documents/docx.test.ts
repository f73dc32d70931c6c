import { describe, expect, it } from 'vitest';
import { GBT9704, mmToTwips, renderDocx } from './docx.ts';
import type { DocumentTemplate } from './template.ts';
import { penaltyDecision } from './templates/index.ts';
import { decisionData } from './templates/sample-data.ts';
import { readZip } from './zip.ts';

async function partsOf(template: DocumentTemplate, data: Record<string, unknown>) {
  const zip = readZip(await renderDocx(template, data));
  const text = (name: string) => zip.get(name)?.toString('utf8') ?? '';
  return { zip, document: text('word/document.xml'), styles: text('word/styles.xml'), text };
}

/** The run properties of the run whose text is `text`. */
function runProps(xml: string, text: string): string {
  const at = xml.indexOf(`>${text}</w:t>`);
  expect(at, `run "${text}"`).toBeGreaterThan(0);
  const start = xml.lastIndexOf('<w:r>', at);
  return xml.slice(start, at);
}
function paragraphProps(xml: string, text: string): string {
  const at = xml.indexOf(`>${text}</w:t>`);
  expect(at, `paragraph "${text}"`).toBeGreaterThan(0);
  const start = xml.lastIndexOf('<w:p>', at);
  return xml.slice(start, at);
}

describe('mm → twips', () => {
  it.each([
    [37, 2098],
    [35, 1984],
    [28, 1587],
    [26, 1474],
    [210, 11906],
    [297, 16838],
  ])('%s mm = %s twips', (mm, twips) => {
    expect(mmToTwips(mm)).toBe(twips);
  });
});

describe('renderDocx: GB/T 9704-2012 layout', async () => {
  const { zip, document, styles, text } = await partsOf(penaltyDecision, decisionData);

  it('is a DOCX package', () => {
    expect(zip.has('[Content_Types].xml')).toBe(true);
    expect(document).toContain('<w:document');
  });

  it('has an A4 page with 37/35/28/26 mm margins and a 22-line grid', () => {
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margin = /<w:pgMar ([^>]*)\/>/.exec(document)![1]!;
    expect(margin).toContain('w:top="2098"');
    expect(margin).toContain('w:bottom="1984"');
    expect(margin).toContain('w:left="1587"');
    expect(margin).toContain('w:right="1474"');
    expect(document).toContain('<w:docGrid w:type="lines" w:linePitch="578"/>');
    // 22 lines of 28.9 pt fit the 225 mm type area, 23 do not.
    const typeArea = GBT9704.page.height - GBT9704.margin.top - GBT9704.margin.bottom;
    expect(22 * GBT9704.line).toBeLessThanOrEqual(typeArea);
    expect(23 * GBT9704.line).toBeGreaterThan(typeArea);
  });

  it('prints the issuer mark in red 方正小标宋简体, centred, the number over a red rule', () => {
    const mark = runProps(document, '示范区市场监督管理局');
    expect(mark).toContain('w:eastAsia="方正小标宋简体"');
    expect(mark).toContain('<w:color w:val="FF0000"/>');
    expect(paragraphProps(document, '示范区市场监督管理局')).toContain('<w:jc w:val="center"/>');
    const number = paragraphProps(document, '示市监罚〔2026〕12号');
    expect(number).toContain('<w:jc w:val="center"/>');
    expect(number).toMatch(/<w:pBdr><w:bottom w:val="single" w:color="FF0000"/);
  });

  it('sets the title in 2号 (44 half-points) 方正小标宋简体, centred', () => {
    const title = runProps(document, '行政处罚决定书');
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(paragraphProps(document, '行政处罚决定书')).toContain('<w:jc w:val="center"/>');
  });

  it('sets the body in 3号 (32 half-points) 仿宋_GB2312 with a two-character indent and exact 28.9 pt lines', () => {
    const body = '上述事实，有现场检查笔录、询问笔录、抽样检验报告等证据证实。';
    const run = runProps(document, body);
    expect(run).toContain('<w:sz w:val="32"/>');
    expect(run).toContain('w:eastAsia="仿宋_GB2312"');
    const p = paragraphProps(document, body);
    expect(p).toContain('w:firstLineChars="200"');
    expect(p).toContain('w:line="578" w:lineRule="exact"');
    expect(styles).toMatch(/<w:rPrDefault><w:rPr><w:rFonts [^>]*w:eastAsia="仿宋_GB2312"/);
  });

  it('numbers level-1 headings 一、二、 in 黑体', () => {
    expect(runProps(document, '一、违法事实和证据')).toContain('w:eastAsia="黑体"');
    expect(runProps(document, '五、救济途径')).toContain('w:eastAsia="黑体"');
  });

  it('contains the filled text and no placeholder braces', () => {
    expect(document).toContain('罚款人民币伍仟元整（￥5,000.00）。');
    expect(document).toContain('当事人：示范区某某食品有限公司');
    expect(document).toContain('>2026年10月9日<');
    expect(document).not.toContain('{{');
  });

  it('right-aligns the signature, the date four characters from the right', () => {
    const date = paragraphProps(document, '2026年10月9日');
    expect(date).toContain('<w:jc w:val="right"/>');
    expect(date).toContain(`w:right="${4 * GBT9704.char}"`);
  });

  it('puts — page — numbers in 4号宋体 on odd (right) and even (left) pages', () => {
    const footers = [...zip.keys()].filter((k) => /^word\/footer\d+\.xml$/.test(k)).map(text);
    expect(footers).toHaveLength(2);
    for (const footer of footers) {
      expect(footer).toContain('>— </w:t>');
      expect(footer).toContain('PAGE');
      expect(footer).toContain('w:eastAsia="宋体"');
      expect(footer).toContain('<w:sz w:val="28"/>');
    }
    expect(footers.map((f) => /<w:jc w:val="(\w+)"/.exec(f)![1]).sort()).toEqual(['left', 'right']);
    expect(text('word/settings.xml')).toContain('<w:evenAndOddHeaders');
  });

  it('names the Chinese fonts without embedding any', () => {
    expect([...zip.keys()].some((k) => k.startsWith('word/fonts/'))).toBe(false);
  });
});

describe('renderDocx: optional parts', () => {
  const template: DocumentTemplate = {
    code: 'parts',
    name: '测试',
    kind: 'letter',
    header: { issuer: '示范区人民政府办公室' },
    title: '关于测试的函',
    recipient: '区司法局',
    body: [
      { type: 'heading', level: 1, text: '总体要求' },
      { type: 'heading', level: 2, text: '工作目标' },
      { type: 'list', style: 'paren', items: ['甲', '乙'] },
    ],
    signature: { issuer: '示范区人民政府办公室', date: '{{reply.date|日期}}' },
    copyTo: '区委办公室，区人大常委会办公室',
    attachments: ['名单', '日程'],
  };

  it('renders 楷体 level-2 headings, lists, 主送, 附件说明 and 抄送', async () => {
    const { document } = await partsOf(template, { reply: { date: '2026-01-05' } });
    expect(runProps(document, '（一）工作目标')).toContain('w:eastAsia="楷体_GB2312"');
    expect(document).toContain('>（2）乙<');
    expect(document).toContain('>区司法局：<');
    expect(document).toContain('>附件：1.名单<');
    expect(document).toContain('>2.日程<');
    expect(document).toContain('>抄送：区委办公室，区人大常委会办公室。<');
    expect(document).toContain('>2026年1月5日<');
    // no 发文字号 field: the red rule is still drawn
    expect(document).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
  });
});
