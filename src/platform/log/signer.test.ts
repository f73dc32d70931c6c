import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSignerKey, openCheckpoint, signCheckpoint } from './core/index.ts';
import { loadLogSigner, logSignerFromKey, SIGNER_KEY_FILE, verifierKeyOf } from './signer.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'fazhi-signer-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('log signer', () => {
  it('verifierKeyOf_givesTheGeneratedVerifierKey_evenWithPlusSignsInTheBase64', () => {
    for (let i = 0; i < 50; i++) {
      const k = generateSignerKey('fazhi.local/log');
      expect(verifierKeyOf(k.signerKey)).toBe(k.verifierKey);
    }
  });

  it('withoutAConfiguredKey_generatesOneIntoTheDataDir_mode600_andKeepsIt', () => {
    const dataDir = join(tempDir(), 'data');
    const config = { LOG_SIGNER_KEY: undefined, LOG_ORIGIN_PREFIX: 'fazhi.local/log', dataDir };
    const a = loadLogSigner(config);
    const file = join(dataDir, SIGNER_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^PRIVATE\+KEY\+fazhi\.local\/log\+[0-9a-f]{8}\+/);
    const b = loadLogSigner(config);
    expect(b.verifierKey).toBe(a.verifierKey);
    expect(a.origin('500113')).toBe('fazhi.local/log/500113');
    const note = signCheckpoint(
      { origin: a.origin('500113'), treeSize: 0, rootHash: new Uint8Array(32) },
      a.note,
    );
    expect(openCheckpoint(note, [a.verifierKey], 'fazhi.local/log/500113').checkpoint.treeSize).toBe(0);
  });

  it('aConfiguredKey_mustBeNamedAfterThePrefix', () => {
    const k = generateSignerKey('other.example/log');
    expect(() => logSignerFromKey(k.signerKey, 'fazhi.local/log')).toThrow(/名称/);
    expect(logSignerFromKey(k.signerKey, 'other.example/log').verifierKey).toBe(k.verifierKey);
    expect(() => logSignerFromKey('PRIVATE+KEY+x+00000000+AAAA', 'x')).toThrow(/格式错误/);
  });
});
