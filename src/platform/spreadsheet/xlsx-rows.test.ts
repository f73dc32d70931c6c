import { PassThrough } from 'node:stream';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellText, readFirstSheetRows, type SheetRow, XlsxReadError } from './index.ts';

const rowsOf = async (bytes: Buffer) => {
  const out: SheetRow[] = [];
  for await (const r of readFirstSheetRows(bytes)) out.push(r);
  return out;
};

/** What exceljs's loader and `cellText` make of the first worksheet: the reference the reader must match. */
async function viaExceljs(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const out: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      while (cells.length < col - 1) cells.push('');
      cells[col - 1] = cellText(cell.value);
    });
    out.push({ number: row.number, cells });
  });
  return out;
}

function mixedWorkbook() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名录');
  wb.addWorksheet('第二页').addRow(['不应读到']);
  ws.addRow(['统一社会信用代码', '名称', ' 类型 ']);
  ws.addRow(['91500113MA0000001X', '示范区 & <测试> "商贸" 有限公司', '企业']);
  ws.getCell('A3').value = { richText: [{ text: '富' }, { text: '文本 ', font: { bold: true } }] };
  ws.getCell('B3').value = { formula: 'A3', result: '公式结果' };
  ws.getCell('C3').value = 12345678901234;
  ws.getCell('E3').value = true; // a gap at D3
  ws.getCell('A5').value = { text: ' 链接 ', hyperlink: 'https://example.gov.cn' }; // row 4 empty
  ws.getCell('B5').value = { error: '#N/A' };
  ws.getCell('C5').value = 0.1 + 0.2;
  ws.getCell('D5').value = '多行\r\n文本';
  ws.getCell('AB5').value = '远列';
  return wb;
}

describe('readFirstSheetRows', () => {
  it('reads what exceljs reads (buffered writer: shared strings, rich text, formulas, gaps; the first sheet only)', async () => {
    const bytes = Buffer.from(await mixedWorkbook().xlsx.writeBuffer());
    const rows = await rowsOf(bytes);
    expect(rows).toEqual(await viaExceljs(bytes));
    expect(rows.map((r) => r.number)).toEqual([1, 2, 3, 5]);
    expect(rows[1]!.cells[1]).toBe('示范区 & <测试> "商贸" 有限公司');
    expect(rows[2]!.cells).toEqual(['富文本', '公式结果', '12345678901234', '', 'true']);
    expect(rows[3]!.cells[27]).toBe('远列');
  });

  it('reads the streaming writer’s output (inline or shared strings)', async () => {
    for (const useSharedStrings of [false, true]) {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings });
      const ws = wb.addWorksheet('名录');
      for (let i = 1; i <= 3000; i += 1) ws.addRow([`代码${i}`, `名称 ${i} & <>`, i]).commit();
      // exceljs's own reader decodes entities twice (typed "&amp;" comes back "&"); the text typed is kept here.
      ws.addRow(['&amp;']).commit();
      ws.commit();
      await wb.commit();
      const bytes = Buffer.concat(chunks);
      const rows = await rowsOf(bytes);
      expect(rows).toHaveLength(3001);
      expect(rows[2999]).toEqual({ number: 3000, cells: ['代码3000', '名称 3000 & <>', '3000'] });
      expect(rows[3000]!.cells).toEqual(['&amp;']);
      expect(rows.slice(0, 3000)).toEqual((await viaExceljs(bytes)).slice(0, 3000));
    }
  });

  it('keeps every character whole across chunk boundaries (exceljs’s streaming reader garbles some) and in a large shared-string table', async () => {
    for (const useSharedStrings of [false, true]) {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings });
      const ws = wb.addWorksheet('名录');
      const row = (i: number) => [`基准企业${i}`, '餐饮服务', `重庆市示范区基准路${i}号`, '孙八'];
      for (let i = 1; i <= 20_000; i += 1) ws.addRow(row(i)).commit();
      ws.commit();
      await wb.commit();
      let n = 0;
      for await (const r of readFirstSheetRows(Buffer.concat(chunks))) {
        n += 1;
        expect(r.cells).toEqual(row(r.number));
      }
      expect(n).toBe(20_000);
    }
  });

  it('refuses what is not a workbook', async () => {
    await expect(rowsOf(Buffer.from('PK\u0003\u0004 not really a zip'))).rejects.toBeInstanceOf(
      XlsxReadError,
    );
    const bytes = Buffer.from(await mixedWorkbook().xlsx.writeBuffer());
    const damaged = Buffer.from(bytes);
    damaged.fill(0, Math.floor(bytes.length / 3), Math.floor(bytes.length / 2));
    await expect(rowsOf(damaged)).rejects.toBeInstanceOf(XlsxReadError);
  });

  it('decodes character references and _xHHHH_ escapes in a hand-made sheet', async () => {
    const sheet =
      '<worksheet><sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>a&#x4E2D;&#25991;_x0041_&lt;</t>' +
      '<rPh><t>ignored</t></rPh></is></c><c t="b"><v>0</v></c><c\n\tr="E2"\n\tt="str"><f>X</f><v>公式</v></c></row>' +
      '<rowBreaks/></sheetData></worksheet>';
    const bytes = zip({
      '_rels/.rels':
        '<Relationships><Relationship Id="r1" Type="http://x/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      'xl/workbook.xml': '<workbook><sheets><sheet name="s" sheetId="1" r:id="rId9"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels':
        '<Relationships><Relationship Id="rId9" Type="http://x/worksheet" Target="worksheets/a.xml"/></Relationships>',
      'xl/worksheets/a.xml': sheet,
    });
    expect(await rowsOf(bytes)).toEqual([{ number: 2, cells: ['', 'a中文A<', 'false', '', '公式'] }]);
  });
});

/** A minimal zip (deflated entries) for hand-made parts. */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = deflateRawSync(Buffer.from(text));
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(Buffer.byteLength(text), 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(Buffer.byteLength(text), 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
