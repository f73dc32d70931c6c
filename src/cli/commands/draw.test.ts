import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = resolve(import.meta.dirname, '../../../bin/fazhi.mjs');
const RFC_ARGS = ['--source', '9319', '--source', '2 5 12 8 10', '--source', '9 18 26 34 41 45'];

describe('fazhi draw (process)', () => {
  it('prints the RFC 3797 §6 selection, the table with --verbose, and lists every bad input', async () => {
    const plain = await run('node', [bin, 'draw', '--pool', '25', '--pick', '10', ...RFC_ARGS]);
    expect(plain.stdout).toBe('17 7 2 16 25 23 8 24 19 13\n');

    const verbose = await run('node', [
      bin,
      'draw',
      '--pool',
      '25',
      '--pick',
      '10',
      ...RFC_ARGS,
      '--verbose',
    ]);
    const lines = verbose.stdout.trim().split('\n');
    expect(lines[0]).toBe('key: 9319./2.5.8.10.12./9.18.26.34.41.45./');
    expect(lines[2]).toBe('  1  990DD0A5692A029A98B5E01AA28F3459   25  -> 17 <-');
    expect(lines).toHaveLength(12);

    const refused = await run('node', [bin, 'draw', '--pool', '5', '--pick', 'x', '--source', '  ']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toContain('/pick: 抽取数量须为1至65536之间的整数');
    expect((refused as { stderr: string }).stderr).toContain('/sources/0');
  }, 60_000);
});
