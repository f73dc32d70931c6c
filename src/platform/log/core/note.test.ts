import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../kernel/errors.ts';
import { leafHash } from './merkle.ts';
import {
  type Checkpoint,
  ed25519VerifierKey,
  FAZHI_LOG_ORIGIN_PREFIX,
  formatCheckpoint,
  generateSignerKey,
  isValidKeyName,
  type NoteSigner,
  noteKeyId,
  openCheckpoint,
  openNote,
  parseCheckpoint,
  parseSignerKey,
  parseVerifierKey,
  signCheckpoint,
  signNote,
  tenantLogOrigin,
} from './note.ts';

function errorCode(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).code;
  }
  return 'no error';
}

// Keys and signatures from Go's golang.org/x/mod/sumdb/note tests and package documentation.
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_B64 =
  'x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=';
const ENOCH_B64 =
  'rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=';
const PETER_SIG = `— PeterNeumann ${PETER_B64}\n`;
const ENOCH_SIG = `— EnochRoot ${ENOCH_B64}\n`;
const peter = { name: 'PeterNeumann', keyId: 0xc74f20a3, base64: PETER_B64 };
const enoch = { name: 'EnochRoot', keyId: 0xaf0cfe78, base64: ENOCH_B64 };

describe('note keys (Go note TestNewVerifier, TestNewSigner)', () => {
  it('parses the PeterNeumann keys and computes their key ID', () => {
    const v = parseVerifierKey(PETER_VKEY);
    expect(v.name).toBe('PeterNeumann');
    expect(v.keyId).toBe(0xc74f20a3);
    const s = parseSignerKey(PETER_SKEY);
    expect(s.name).toBe('PeterNeumann');
    expect(s.keyId).toBe(0xc74f20a3);
    const key = new Uint8Array(Buffer.from(PETER_VKEY.split('+')[2]!, 'base64'));
    expect(noteKeyId('PeterNeumann', key)).toBe(0xc74f20a3);
    expect(ed25519VerifierKey('PeterNeumann', key.subarray(1))).toBe(PETER_VKEY);
    expect(parseVerifierKey(PETER_VKEY.replace('c74f20a3', 'C74F20A3')).keyId).toBe(0xc74f20a3); // as Go
  });

  it('rejects every substring and every one-character change of the keys', () => {
    for (const [key, parse] of [
      [PETER_VKEY, parseVerifierKey],
      [PETER_SKEY, parseSignerKey],
    ] as const) {
      for (let i = 0; i <= key.length; i++) {
        for (let j = i + 1; j <= key.length; j++) {
          if (i === 0 && j === key.length) continue;
          expect(
            errorCode(() => parse(key.slice(i, j))),
            key.slice(i, j),
          ).toBe('LOG.KEY_MALFORMED');
        }
      }
      for (let i = 0; i < key.length; i++) {
        const mangled = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
        expect(
          errorCode(() => parse(mangled)),
          mangled,
        ).toBe('LOG.KEY_MALFORMED');
      }
    }
    // Wrong key length and unknown algorithm, each with a matching key ID.
    expect(
      errorCode(() =>
        parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='),
      ),
    ).toBe('LOG.KEY_MALFORMED');
    expect(
      errorCode(() => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')),
    ).toBe('LOG.KEY_MALFORMED');
  });

  it('generates key pairs that sign and verify (Go note TestGenerateKey)', () => {
    const { signerKey, verifierKey } = generateSignerKey('EnochRoot');
    expect(signerKey).toMatch(/^PRIVATE\+KEY\+EnochRoot\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(verifierKey).toMatch(/^EnochRoot\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    const s = parseSignerKey(signerKey);
    const v = parseVerifierKey(verifierKey);
    expect(s.keyId).toBe(v.keyId);
    const msg = new TextEncoder().encode('hi');
    const sig = s.sign(msg);
    expect(v.verify(msg, sig)).toBe(true);
    const bad = sig.slice();
    bad[0]! ^= 1;
    expect(v.verify(msg, bad)).toBe(false);
    expect(v.verify(new TextEncoder().encode('ho'), sig)).toBe(false);
    expect(v.verify(msg, sig.subarray(1))).toBe(false);
    expect(generateSignerKey('EnochRoot').verifierKey).not.toBe(verifierKey);
    expect(errorCode(() => generateSignerKey('bad name'))).toBe('LOG.KEY_MALFORMED');
  });

  it('validates key names: non-empty, no Unicode white space, no plus', () => {
    for (const ok of ['a', 'example.com/log42', 'fazhi.example/log/110105', '法治日志', 'x—y']) {
      expect(isValidKeyName(ok), ok).toBe(true);
    }
    for (const bad of [
      '',
      'a b',
      'a+b',
      'a\tb',
      'a\nb',
      'a\u00a0b',
      'a\u3000b',
      'a\u2028b',
      'a\u0085b',
      '\ud800',
    ]) {
      expect(isValidKeyName(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('signed notes (Go note TestSign, TestOpen)', () => {
  const peterV = parseVerifierKey(PETER_VKEY);
  const enochV = parseVerifierKey(ENOCH_VKEY);

  it('signs exactly as the reference implementation', () => {
    const signer = parseSignerKey(PETER_SKEY);
    expect(signNote(TEXT, signer)).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it('rejects bad text and bad signers', () => {
    const signer = parseSignerKey(PETER_SKEY);
    expect(errorCode(() => signNote('abc', signer))).toBe('LOG.NOTE_MALFORMED');
    expect(errorCode(() => signNote('a\u0001b\n', signer))).toBe('LOG.NOTE_MALFORMED');
    expect(errorCode(() => signNote('a\rb\n', signer))).toBe('LOG.NOTE_MALFORMED');
    const badName: NoteSigner = { ...signer, name: 'bad name' };
    expect(errorCode(() => signNote(TEXT, badName))).toBe('LOG.KEY_MALFORMED');
    expect(errorCode(() => signNote(TEXT))).toBe('LOG.BAD_ARGUMENT');
  });

  it('opens notes, separating verified from unknown signatures', () => {
    let n = openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peterV]);
    expect(n.text).toBe(TEXT);
    expect(n.sigs).toEqual([peter]);
    expect(n.unverifiedSigs).toEqual([enoch]);

    n = openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peterV, enochV]);
    expect(n.sigs).toEqual([peter, enoch]);
    expect(n.unverifiedSigs).toEqual([]);

    n = openNote(new TextEncoder().encode(`${TEXT}\n${PETER_SIG}`), [peterV]);
    expect(n.sigs).toEqual([peter]);
    expect(openNote(`${TEXT}\n${PETER_SIG}`, [PETER_VKEY]).sigs).toEqual([peter]); // key strings work too
  });

  it('rejects notes with no verifiable signature, ambiguous keys, bad signatures and too many signatures', () => {
    expect(errorCode(() => openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, []))).toBe('LOG.NOTE_UNVERIFIED');
    expect(errorCode(() => openNote(`${TEXT}\n${ENOCH_SIG}`, [enochV, peterV, enochV]))).toBe(
      'LOG.NOTE_AMBIGUOUS_KEY',
    );
    expect(openNote(`${TEXT}\n${PETER_SIG}`, [enochV, peterV, enochV]).sigs).toEqual([peter]);
    expect(errorCode(() => openNote(`${TEXT}\n${PETER_SIG.repeat(101)}`, [peterV]))).toBe(
      'LOG.NOTE_MALFORMED',
    );
    expect(errorCode(() => openNote(`${TEXT}\n${PETER_SIG.repeat(101)}`, []))).toBe('LOG.NOTE_MALFORMED');
    // Go splices "ABCD" at byte 60 of the line, i.e. at character 46 of the base64.
    const corrupt = `— PeterNeumann ${PETER_B64.slice(0, 46)}ABCD${PETER_B64.slice(46)}\n`;
    expect(errorCode(() => openNote(`${TEXT}\n${corrupt}`, [peterV]))).toBe('LOG.NOTE_BAD_SIGNATURE');
    // A changed text fails a known key's signature.
    expect(errorCode(() => openNote(`${TEXT.replace('problem', 'Problem')}\n${PETER_SIG}`, [peterV]))).toBe(
      'LOG.NOTE_BAD_SIGNATURE',
    );
  });

  it('drops duplicate signatures', () => {
    const enochCorrupt = `— EnochRoot ${ENOCH_B64.slice(0, 46)}ABCD${ENOCH_B64.slice(46)}\n`;
    const n = openNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}${enochCorrupt}`, [peterV]);
    expect(n.sigs).toEqual([peter]);
    expect(n.unverifiedSigs).toEqual([
      enoch,
      { name: 'EnochRoot', keyId: 0xaf0cfe78, base64: `${ENOCH_B64.slice(0, 46)}ABCD${ENOCH_B64.slice(46)}` },
    ]);
  });

  it('rejects malformed notes', () => {
    for (const msg of [
      TEXT,
      `${TEXT}\n`,
      `${TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\u0001${TEXT}\n${PETER_SIG}`,
      `${TEXT}\n— Bad Name ${PETER_B64}`,
      `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
      `${TEXT}\n- PeterNeumann ${PETER_B64}\n`, // hyphen, not em dash
      `${TEXT}\n—PeterNeumann ${PETER_B64}\n`,
      `${TEXT}\n— PeterNeumann ${PETER_B64.slice(0, -1)}\n`, // bad base64
      `${TEXT}\n— PeterNeumann x08g\n`, // shorter than key ID + 1 byte
      `${TEXT}\n— PeterNeumann \n`,
      `${TEXT}\r\n${PETER_SIG}`,
      `${TEXT}\n${PETER_SIG}`.replace('problem', 'pr\ud800oblem'),
    ]) {
      expect(
        errorCode(() => openNote(msg, [peterV])),
        JSON.stringify(msg),
      ).toBe('LOG.NOTE_MALFORMED');
    }
    expect(errorCode(() => openNote(Uint8Array.of(0xff, 0x0a, 0x0a), [peterV]))).toBe('LOG.NOTE_MALFORMED');
  });

  it('parses the C2SP signed-note example (text with an empty line; key unknown here)', () => {
    const example =
      'Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n\n' +
      '— quasimodo.example/salvatore NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=\n';
    expect(errorCode(() => openNote(example, [peterV]))).toBe('LOG.NOTE_UNVERIFIED');
    // The same shape signed by a known key: the text keeps its inner blank line.
    const text =
      'Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n';
    const signer = parseSignerKey(PETER_SKEY);
    expect(openNote(signNote(text, signer), [peterV]).text).toBe(text);
  });

  it('signs with several keys', () => {
    const a = generateSignerKey('a.example/log');
    const b = generateSignerKey('b.example/witness');
    const msg = signNote(TEXT, parseSignerKey(a.signerKey), parseSignerKey(b.signerKey));
    const n = openNote(msg, [parseVerifierKey(a.verifierKey), parseVerifierKey(b.verifierKey)]);
    expect(n.sigs.map((s) => s.name)).toEqual(['a.example/log', 'b.example/witness']);
    expect(openNote(msg, [parseVerifierKey(b.verifierKey)]).unverifiedSigs.map((s) => s.name)).toEqual([
      'a.example/log',
    ]);
  });
});

describe('checkpoints (C2SP tlog-checkpoint; Go tlog TestFormatTree, TestParseTree)', () => {
  const helloWorld = leafHash(new TextEncoder().encode('hello world'));

  it('formats and parses the Go sumdb tree vector', () => {
    const text = 'go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n';
    const cp: Checkpoint = { origin: 'go.sum database tree', treeSize: 123456789012, rootHash: helloWorld };
    expect(formatCheckpoint(cp)).toBe(text);
    expect(parseCheckpoint(text)).toEqual({ ...cp, extensions: [] });
    for (const bad of [
      'go.sum database tree\n0xabcdef\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n',
      'go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBTOOBIG=\n',
    ]) {
      expect(errorCode(() => parseCheckpoint(bad))).toBe('LOG.CHECKPOINT_MALFORMED');
    }
    expect(parseCheckpoint(`${text}JOE\n`).extensions).toEqual(['JOE']);
  });

  it('parses the C2SP example and rejects malformed checkpoints', () => {
    const cp = parseCheckpoint(
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    );
    expect(cp.origin).toBe('example.com/behind-the-sofa');
    expect(cp.treeSize).toBe(20852163);
    expect(cp.rootHash.length).toBe(32);
    const root = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';
    expect(parseCheckpoint(`o\n0\n${root}\n`).treeSize).toBe(0);
    for (const bad of [
      `o\n1\n${root}`, // no final newline
      'o\n1\n',
      `\n1\n${root}\n`, // empty origin
      `o\n01\n${root}\n`, // leading zero
      `o\n-1\n${root}\n`,
      `o\n1.0\n${root}\n`,
      `o\n 1\n${root}\n`,
      `o\n99999999999999999999\n${root}\n`,
      `o\n1\n${root.slice(0, -2)}=\n`,
      `o\n1\n${root}\n\n`, // empty extension line
      `o\r\n1\n${root}\n`,
    ]) {
      expect(
        errorCode(() => parseCheckpoint(bad)),
        JSON.stringify(bad),
      ).toBe('LOG.CHECKPOINT_MALFORMED');
    }
    expect(
      errorCode(() => formatCheckpoint({ origin: 'o', treeSize: 1, rootHash: new Uint8Array(31) })),
    ).toBe('LOG.CHECKPOINT_MALFORMED');
    expect(errorCode(() => formatCheckpoint({ origin: 'a\nb', treeSize: 1, rootHash: helloWorld }))).toBe(
      'LOG.CHECKPOINT_MALFORMED',
    );
    expect(
      errorCode(() => formatCheckpoint({ origin: 'o', treeSize: 1, rootHash: helloWorld, extensions: [''] })),
    ).toBe('LOG.CHECKPOINT_MALFORMED');
  });

  it('signs and opens a tenant checkpoint, with extension lines', () => {
    const origin = tenantLogOrigin('110105');
    expect(origin).toBe(`${FAZHI_LOG_ORIGIN_PREFIX}/110105`);
    expect(origin).toBe('fazhi.example/log/110105');
    const keys = generateSignerKey(origin);
    const cp: Checkpoint = { origin, treeSize: 42, rootHash: helloWorld, extensions: ['ext one'] };
    const signed = signCheckpoint(cp, parseSignerKey(keys.signerKey));
    expect(
      signed.startsWith(
        `${origin}\n42\n${Buffer.from(helloWorld).toString('base64')}\next one\n\n— ${origin} `,
      ),
    ).toBe(true);
    const opened = openCheckpoint(signed, [parseVerifierKey(keys.verifierKey)], origin);
    expect(opened.checkpoint).toEqual(cp);
    expect(opened.note.sigs[0]!.name).toBe(origin);
    expect(
      errorCode(() =>
        openCheckpoint(signed, [parseVerifierKey(keys.verifierKey)], tenantLogOrigin('110106')),
      ),
    ).toBe('LOG.CHECKPOINT_MALFORMED');
    const other = generateSignerKey(origin); // same name, different key: ignored, so unverified
    expect(errorCode(() => openCheckpoint(signed, [parseVerifierKey(other.verifierKey)]))).toBe(
      'LOG.NOTE_UNVERIFIED',
    );
  });

  it('builds tenant origins from division codes', () => {
    expect(tenantLogOrigin('110105001', 'logs.gov.example/fazhi')).toBe('logs.gov.example/fazhi/110105001');
    expect(tenantLogOrigin('110105001001')).toBe('fazhi.example/log/110105001001');
    for (const bad of ['11010', '1101050', 'abcdef', '110105 ', '']) {
      expect(
        errorCode(() => tenantLogOrigin(bad)),
        bad,
      ).toBe('LOG.BAD_ARGUMENT');
    }
    expect(errorCode(() => tenantLogOrigin('110105', 'bad prefix'))).toBe('LOG.BAD_ARGUMENT');
  });
});
