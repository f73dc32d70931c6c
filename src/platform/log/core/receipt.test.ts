import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../kernel/errors.ts';
import { canonicalJson } from './canonical.ts';
import { appendLeaves, MemoryHashStore } from './memory-store.ts';
import { leafHash, proveRecordSync, treeHashSync } from './merkle.ts';
import { generateSignerKey, parseSignerKey, signCheckpoint, tenantLogOrigin } from './note.ts';
import {
  createReceipt,
  type LogReceipt,
  RECEIPT_FORMAT,
  serializeReceipt,
  verifyReceipt,
} from './receipt.ts';

const enc = new TextEncoder();
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const unb64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const flipB64 = (s: string, byte = 0) => {
  const b = unb64(s);
  b[byte]! ^= 1;
  return b64(b);
};

/** A tenant log with `count` entries and a signed checkpoint of its current size. */
function makeLog(count: number, keys = generateSignerKey(tenantLogOrigin('110105'))) {
  const origin = tenantLogOrigin('110105');
  const store = new MemoryHashStore();
  const entries = Array.from({ length: count }, (_, i) =>
    canonicalJson({ seq: i, 类型: '行政处罚决定', 文号: `京朝法〔2025〕${i}号`, at: '2025-01-01T00:00:00Z' }),
  );
  appendLeaves(
    store,
    entries.map((e) => leafHash(enc.encode(e))),
  );
  const rootHash = treeHashSync(count, store.readHashes);
  const checkpoint = signCheckpoint({ origin, treeSize: count, rootHash }, parseSignerKey(keys.signerKey));
  const receipt = (index: number): LogReceipt =>
    createReceipt({
      origin,
      index,
      entry: entries[index]!,
      treeSize: count,
      inclusionProof: proveRecordSync(count, index, store.readHashes),
      checkpoint,
      verifierKey: keys.verifierKey,
    });
  return { origin, keys, store, entries, checkpoint, receipt };
}

describe('receipts', () => {
  const log = makeLog(21);

  it('round-trips for every entry, as an object and as canonical JSON text', () => {
    for (let i = 0; i < 21; i++) {
      const r = log.receipt(i);
      expect(r.format).toBe(RECEIPT_FORMAT);
      const text = serializeReceipt(r);
      for (const input of [r, text, JSON.parse(text)]) {
        const v = verifyReceipt(input, log.keys.verifierKey);
        expect(v).toMatchObject({ valid: true, trusted: true, origin: log.origin, index: i, treeSize: 21 });
        if (v.valid) {
          expect(v.entryText).toBe(log.entries[i]);
          expect(v.entry).toEqual(JSON.parse(log.entries[i]!));
        }
      }
    }
  });

  it('marks receipts checked only against their own key as untrusted', () => {
    const r = log.receipt(3);
    expect(verifyReceipt(r)).toMatchObject({ valid: true, trusted: false });
    expect(verifyReceipt(r, [generateSignerKey('other').verifierKey, log.keys.verifierKey])).toMatchObject({
      valid: true,
      trusted: true,
    });
  });

  it('detects a forged log: a checkpoint signed by another key that carries its own verifier key', () => {
    const forger = makeLog(21, generateSignerKey(tenantLogOrigin('110105')));
    const r = forger.receipt(5);
    expect(verifyReceipt(r)).toMatchObject({ valid: true, trusted: false }); // self-consistent
    expect(verifyReceipt(r, log.keys.verifierKey)).toMatchObject({
      valid: false,
      reason: 'untrusted-signer',
    });
  });

  const tamper = (change: (r: Record<string, unknown>) => void) => {
    const r = { ...log.receipt(7) } as Record<string, unknown>;
    change(r);
    return verifyReceipt(r, log.keys.verifierKey);
  };

  it('detects tampering with the entry, proof, index, size, origin or checkpoint', () => {
    const reason = (change: (r: Record<string, unknown>) => void) => {
      const v = tamper(change);
      return v.valid ? 'valid' : v.reason;
    };
    expect(reason(() => {})).toBe('valid');
    // One bit of the entry.
    expect(reason((r) => (r.entry = flipB64(r.entry as string, 3)))).toBe('leaf-hash-mismatch');
    // A different entry with a matching leaf hash: the proof no longer leads to the root.
    expect(
      reason((r) => {
        const other = enc.encode(log.entries[8]!);
        r.entry = b64(other);
        r.leafHash = b64(leafHash(other));
      }),
    ).toBe('inclusion-proof');
    // One bit of one proof hash, or a missing or extra hash.
    const proof = log.receipt(7).inclusionProof;
    for (let i = 0; i < proof.length; i++) {
      expect(reason((r) => (r.inclusionProof = proof.map((h, j) => (j === i ? flipB64(h, 31) : h))))).toBe(
        'inclusion-proof',
      );
    }
    expect(reason((r) => (r.inclusionProof = proof.slice(1)))).toBe('inclusion-proof');
    expect(reason((r) => (r.inclusionProof = [...proof, proof[0]]))).toBe('inclusion-proof');
    expect(reason((r) => (r.index = 6))).toBe('inclusion-proof');
    expect(reason((r) => (r.index = 21))).toBe('inclusion-proof');
    expect(reason((r) => (r.treeSize = 22))).toBe('checkpoint-mismatch');
    expect(reason((r) => (r.origin = tenantLogOrigin('110106')))).toBe('checkpoint-mismatch');
    // The checkpoint's tree size, or one bit of its root hash.
    expect(reason((r) => (r.checkpoint = (r.checkpoint as string).replace('\n21\n', '\n22\n')))).toBe(
      'bad-signature',
    );
    expect(
      reason((r) => {
        const [origin, size, root, ...rest] = (r.checkpoint as string).split('\n');
        r.checkpoint = [origin, size, flipB64(root!, 0), ...rest].join('\n');
      }),
    ).toBe('bad-signature');
    expect(reason((r) => (r.checkpoint = (r.checkpoint as string).split('\n\n')[0]))).toBe('malformed');
  });

  it('rejects malformed receipts', () => {
    const reason = (change: (r: Record<string, unknown>) => void) => {
      const v = tamper(change);
      return v.valid ? 'valid' : v.reason;
    };
    expect(reason((r) => (r.format = 'fazhi-log-receipt/v2'))).toBe('malformed');
    expect(reason((r) => (r.extra = 1))).toBe('malformed');
    expect(reason((r) => delete r.leafHash)).toBe('malformed');
    expect(reason((r) => (r.index = -1))).toBe('malformed');
    expect(reason((r) => (r.index = '7'))).toBe('malformed');
    expect(reason((r) => (r.entry = `${r.entry} `))).toBe('malformed');
    expect(reason((r) => (r.leafHash = (r.leafHash as string).slice(4)))).toBe('malformed');
    expect(reason((r) => (r.inclusionProof = ['AAAA']))).toBe('malformed');
    expect(reason((r) => (r.inclusionProof = 'x'))).toBe('malformed');
    expect(verifyReceipt('not json', log.keys.verifierKey)).toMatchObject({
      valid: false,
      reason: 'malformed',
    });
    expect(verifyReceipt([], log.keys.verifierKey)).toMatchObject({ valid: false, reason: 'malformed' });
    expect(verifyReceipt({ ...log.receipt(0), verifierKey: 'junk' })).toMatchObject({
      valid: false,
      reason: 'malformed',
    });
    expect(() => verifyReceipt(log.receipt(0), 'junk')).toThrow(DomainError);
  });

  it('requires the entry to be canonical JSON', () => {
    const origin = tenantLogOrigin('110105');
    const keys = generateSignerKey(origin);
    const store = new MemoryHashStore();
    const entry = '{"b":1,"a":2}';
    appendLeaves(store, [leafHash(enc.encode(entry))]);
    const checkpoint = signCheckpoint(
      { origin, treeSize: 1, rootHash: treeHashSync(1, store.readHashes) },
      parseSignerKey(keys.signerKey),
    );
    const input = {
      origin,
      index: 0,
      entry,
      treeSize: 1,
      inclusionProof: [],
      checkpoint,
      verifierKey: keys.verifierKey,
    };
    expect(() => createReceipt(input)).toThrow(expect.objectContaining({ code: 'LOG.RECEIPT_MALFORMED' }));
    const r = {
      format: RECEIPT_FORMAT,
      origin,
      index: 0,
      entry: b64(enc.encode(entry)),
      leafHash: b64(leafHash(enc.encode(entry))),
      treeSize: 1,
      inclusionProof: [],
      checkpoint,
      verifierKey: keys.verifierKey,
    };
    expect(verifyReceipt(r, keys.verifierKey)).toMatchObject({ valid: false, reason: 'entry-not-canonical' });
  });
});
