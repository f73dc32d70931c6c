import { describe, expect, it } from 'vitest';
import { readZip } from '../../platform/documents/index.ts';
import { crc32, writeZip } from './case-file-zip.ts';

describe('case file ZIP writer', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it('writes stored and deflated entries with UTF-8 names that read back unchanged', () => {
    const big = Buffer.from('行政处罚决定书'.repeat(500), 'utf8');
    const small = Buffer.from('x');
    const zip = writeZip(
      [
        { name: '目录.json', data: small },
        { name: '文书/01-行政处罚决定书.docx', data: big },
        { name: 'empty.txt', data: Buffer.alloc(0) },
      ],
      new Date('2026-10-30T02:00:00Z'),
    );
    expect(zip.length).toBeLessThan(big.length);
    const files = readZip(zip);
    expect([...files.keys()]).toEqual(['目录.json', '文书/01-行政处罚决定书.docx', 'empty.txt']);
    expect(files.get('目录.json')).toEqual(small);
    expect(files.get('文书/01-行政处罚决定书.docx')).toEqual(big);
    expect(files.get('empty.txt')!.length).toBe(0);
  });
});
