import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'fazhi-boundaries-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cruise(files: Record<string, string>) {
  rmSync(join(dir, 'src'), { recursive: true, force: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  copyFileSync(join(root, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        allowImportingTsExtensions: true,
        noEmit: true,
        moduleResolution: 'Bundler',
        module: 'ESNext',
      },
    }),
  );
  return spawnSync(
    join(root, 'node_modules/.bin/depcruise'),
    ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'],
    {
      cwd: dir,
      encoding: 'utf8',
    },
  );
}

describe('module boundaries (dependency-cruiser)', { timeout: 60_000 }, () => {
  it('importThroughIndex_passes', () => {
    const r = cruise({
      'src/modules/a/a.ts': "import { b } from '../b/index.ts';\nexport const a = b;\n",
      'src/modules/b/index.ts': "export { b } from './internal.ts';\n",
      'src/modules/b/internal.ts': 'export const b = 1;\n',
    });
    expect(r.status).toBe(0);
  });

  it('reachingIntoAnotherModule_fails', () => {
    const r = cruise({
      'src/modules/a/a.ts': "import { b } from '../b/internal.ts';\nexport const a = b;\n",
      'src/modules/b/index.ts': "export { b } from './internal.ts';\n",
      'src/modules/b/internal.ts': 'export const b = 1;\n',
    });
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('modules-talk-through-index');
  });

  it('platformImportingAModule_fails', () => {
    const r = cruise({
      'src/platform/x/index.ts': "import { b } from '../../modules/b/index.ts';\nexport const x = b;\n",
      'src/modules/b/index.ts': 'export const b = 1;\n',
    });
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('platform-does-not-know-modules');
  });
});
