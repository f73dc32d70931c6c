import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../kernel/errors.ts';
import { appendLeaves, MemoryHashStore } from './memory-store.ts';
import {
  emptyRoot,
  HASH_SIZE,
  type HashReader,
  leafHash,
  nodeHash,
  proveRecord,
  proveRecordSync,
  proveTree,
  proveTreeSync,
  type StoredHashIndex,
  type SyncHashReader,
  splitStoredHashIndex,
  storedHashCount,
  storedHashesForRecord,
  storedHashesForRecordSync,
  storedHashIndex,
  treeHash,
  treeHashIndexes,
  treeHashSync,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const flip = (b: Uint8Array, bit = 0) => {
  const c = b.slice();
  c[bit >> 3]! ^= 1 << (bit & 7);
  return c;
};

// Certificate Transparency test tree (RFC 6962 reference tests, as in certificate-transparency-go
// and transparency-dev/merkle).
const CT_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(unhex);
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const CT_INCLUSION: { index: number; size: number; proof: string[] }[] = [
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];
const CT_CONSISTENCY: { size1: number; size2: number; proof: string[] }[] = [
  {
    size1: 1,
    size2: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    size1: 6,
    size2: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    size1: 2,
    size2: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];

/** Straight transcription of RFC 6962 §2.1 over leaf hashes, memoised. */
function naive(leaves: Uint8Array[]) {
  const memo = new Map<string, Uint8Array>();
  const split = (n: number) => {
    let k = 1;
    while (k * 2 < n) k *= 2;
    return k;
  };
  const mth = (lo: number, hi: number): Uint8Array => {
    const key = `${lo},${hi}`;
    let h = memo.get(key);
    if (!h) {
      if (hi - lo === 0) h = emptyRoot();
      else if (hi - lo === 1) h = leaves[lo]!;
      else {
        const k = split(hi - lo);
        h = nodeHash(mth(lo, lo + k), mth(lo + k, hi));
      }
      memo.set(key, h);
    }
    return h;
  };
  const path = (m: number, lo: number, hi: number): Uint8Array[] => {
    if (hi - lo === 1) return [];
    const k = split(hi - lo);
    return m < lo + k ? [...path(m, lo, lo + k), mth(lo + k, hi)] : [...path(m, lo + k, hi), mth(lo, lo + k)];
  };
  const subproof = (m: number, lo: number, hi: number, b: boolean): Uint8Array[] => {
    const n = hi - lo;
    if (m === n) return b ? [] : [mth(lo, hi)];
    const k = split(n);
    return m <= k
      ? [...subproof(m, lo, lo + k, b), mth(lo + k, hi)]
      : [...subproof(m - k, lo + k, hi, false), mth(lo, lo + k)];
  };
  return {
    root: (size: number) => mth(0, size),
    inclusion: (index: number, size: number) => path(index, 0, size),
    consistency: (m: number, n: number) => (m === 0 || m === n ? [] : subproof(m, 0, n, true)),
  };
}

function storeOf(data: Uint8Array[]) {
  const store = new MemoryHashStore();
  appendLeaves(
    store,
    data.map((d) => leafHash(d)),
  );
  return store;
}

describe('RFC 6962 hashing', () => {
  it('hashes leaves, nodes and the empty tree with the 0x00/0x01 prefixes', () => {
    expect(hex(emptyRoot())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(leafHash(new Uint8Array(0)))).toBe(CT_ROOTS[0]);
    expect(hex(leafHash(unhex('00')))).toBe(
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    );
    expect(hex(nodeHash(leafHash(CT_LEAVES[0]!), leafHash(CT_LEAVES[1]!)))).toBe(CT_ROOTS[1]);
    const big = new Uint8Array(100_000).fill(7); // beyond the reusable scratch buffer
    expect(hex(leafHash(big))).toBe(hex(new Uint8Array(Buffer.from(hashOf(Uint8Array.of(0, ...big))))));
  });

  it('returns a fresh empty root each time', () => {
    const a = emptyRoot();
    a[0] = 0;
    expect(hex(emptyRoot()).startsWith('e3b0')).toBe(true);
  });
});

function hashOf(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

describe('Certificate Transparency test vectors', () => {
  const store = storeOf(CT_LEAVES);

  it('computes the reference roots for sizes 1 to 8', () => {
    for (let size = 1; size <= 8; size++) {
      expect(hex(treeHashSync(size, store.readHashes))).toBe(CT_ROOTS[size - 1]);
    }
    expect(hex(treeHashSync(0, store.readHashes))).toBe(hex(emptyRoot()));
  });

  it('produces and verifies the reference inclusion proofs', () => {
    for (const v of CT_INCLUSION) {
      const proof = proveRecordSync(v.size, v.index, store.readHashes);
      expect(proof.map(hex)).toEqual(v.proof);
      const leaf = leafHash(CT_LEAVES[v.index]!);
      const root = unhex(CT_ROOTS[v.size - 1]!);
      expect(verifyInclusion(v.index, v.size, leaf, proof, root)).toBe(true);
      // Mutations from certificate-transparency-go's verifierCheck.
      expect(verifyInclusion(v.index - 1, v.size, leaf, proof, root)).toBe(false);
      expect(verifyInclusion(v.index + 1, v.size, leaf, proof, root)).toBe(false);
      expect(verifyInclusion(v.index ^ 2, v.size, leaf, proof, root)).toBe(false);
      expect(verifyInclusion(v.index, v.size * 2, leaf, proof, root)).toBe(false);
      expect(verifyInclusion(v.index, Math.floor(v.size / 2), leaf, proof, root)).toBe(false);
      expect(
        verifyInclusion(v.index, v.size, leafHash(new TextEncoder().encode('WrongLeaf')), proof, root),
      ).toBe(false);
      expect(verifyInclusion(v.index, v.size, leaf, proof, emptyRoot())).toBe(false);
      for (let i = 0; i < proof.length; i++) {
        const bad = proof.slice();
        bad[i] = emptyRoot();
        expect(verifyInclusion(v.index, v.size, leaf, bad, root)).toBe(false);
      }
      expect(verifyInclusion(v.index, v.size, leaf, [...proof, root], root)).toBe(false);
      expect(verifyInclusion(v.index, v.size, leaf, [root, ...proof], root)).toBe(false);
      expect(verifyInclusion(v.index, v.size, leaf, proof.slice(0, -1), root)).toBe(false);
      expect(verifyInclusion(v.index, v.size, leaf, [...proof, new Uint8Array(0)], root)).toBe(false);
    }
  });

  it('produces and verifies the reference consistency proofs', () => {
    for (const v of CT_CONSISTENCY) {
      const proof = proveTreeSync(v.size2, v.size1, store.readHashes);
      expect(proof.map(hex)).toEqual(v.proof);
      const r1 = unhex(CT_ROOTS[v.size1 - 1]!);
      const r2 = unhex(CT_ROOTS[v.size2 - 1]!);
      expect(verifyConsistency(v.size1, v.size2, proof, r1, r2)).toBe(true);
      expect(verifyConsistency(v.size1 - 1, v.size2, proof, r1, r2)).toBe(false);
      expect(verifyConsistency(v.size1 + 1, v.size2, proof, r1, r2)).toBe(false);
      expect(verifyConsistency(v.size1 ^ 2, v.size2, proof, r1, r2)).toBe(false);
      expect(verifyConsistency(v.size1, v.size2 * 2, proof, r1, r2)).toBe(false);
      expect(verifyConsistency(v.size1, Math.floor(v.size2 / 2), proof, r1, r2)).toBe(false);
      expect(verifyConsistency(v.size1, v.size2, proof, emptyRoot(), r2)).toBe(false);
      expect(verifyConsistency(v.size1, v.size2, proof, r1, emptyRoot())).toBe(false);
      expect(verifyConsistency(v.size1, v.size2, proof, r2, r1)).toBe(false);
      expect(verifyConsistency(v.size1, v.size2, [], r1, r2)).toBe(false);
      for (let i = 0; i < proof.length; i++) {
        const bad = proof.slice();
        bad[i] = emptyRoot();
        expect(verifyConsistency(v.size1, v.size2, bad, r1, r2)).toBe(false);
      }
      expect(verifyConsistency(v.size1, v.size2, [...proof, r1], r1, r2)).toBe(false);
      expect(verifyConsistency(v.size1, v.size2, proof.slice(0, -1), r1, r2)).toBe(false);
      expect(verifyConsistency(v.size1, v.size2, [proof[0]!, ...proof], r1, r2)).toBe(false);
    }
  });

  it('handles the trivial consistency cases', () => {
    const e = emptyRoot();
    const r1 = unhex(CT_ROOTS[0]!);
    expect(verifyConsistency(0, 0, [], e, e)).toBe(true);
    expect(verifyConsistency(1, 1, [], r1, r1)).toBe(true);
    expect(verifyConsistency(0, 1, [], e, r1)).toBe(true);
    expect(verifyConsistency(0, 1, [], r1, r1)).toBe(false); // size 0 must have the empty root
    expect(verifyConsistency(1, 1, [], r1, e)).toBe(false);
    expect(verifyConsistency(1, 0, [], r1, e)).toBe(false);
    expect(verifyConsistency(2, 1, [], r1, r1)).toBe(false);
    expect(verifyConsistency(1, 2, [], r1, unhex(CT_ROOTS[1]!))).toBe(false);
    expect(verifyConsistency(0, 0, [e], e, e)).toBe(false);
    expect(verifyConsistency(0, 1, [e], e, r1)).toBe(false);
    expect(verifyConsistency(1, 1, [e], r1, r1)).toBe(false);
  });

  it('rejects invalid inclusion inputs without throwing', () => {
    const r = unhex(CT_ROOTS[0]!);
    expect(verifyInclusion(0, 0, r, [], r)).toBe(false);
    expect(verifyInclusion(0, 1, r, [], r)).toBe(true);
    expect(verifyInclusion(1, 0, r, [], r)).toBe(false);
    expect(verifyInclusion(2, 1, r, [], r)).toBe(false);
    expect(verifyInclusion(-1, 1, r, [], r)).toBe(false);
    expect(verifyInclusion(0.5, 1, r, [], r)).toBe(false);
    expect(verifyInclusion(0, 1, r.subarray(1), [], r)).toBe(false);
    expect(verifyInclusion(0, 1, r, [], new Uint8Array(33))).toBe(false);
    expect(verifyInclusion(0, 1, r, 'x' as unknown as Uint8Array[], r)).toBe(false);
  });
});

describe('proofs for every (index, size) up to 64 against a naive RFC 6962 implementation', () => {
  const data = Array.from({ length: 64 }, (_, i) => new TextEncoder().encode(`leaf ${i}`));
  const leaves = data.map((d) => leafHash(d));
  const store = storeOf(data);
  const ref = naive(leaves);

  it('roots', () => {
    for (let size = 0; size <= 64; size++)
      expect(hex(treeHashSync(size, store.readHashes))).toBe(hex(ref.root(size)));
  });

  it('inclusion proofs: equal to the reference, verify, and fail when tampered', () => {
    for (let size = 1; size <= 64; size++) {
      const root = ref.root(size);
      for (let index = 0; index < size; index++) {
        const proof = proveRecordSync(size, index, store.readHashes);
        expect(proof.map(hex)).toEqual(ref.inclusion(index, size).map(hex));
        expect(verifyInclusion(index, size, leaves[index]!, proof, root)).toBe(true);
        expect(verifyInclusion(index, size, flip(leaves[index]!, 77), proof, root)).toBe(false);
        expect(verifyInclusion(index, size, leaves[index]!, proof, flip(root, 3))).toBe(false);
        for (let i = 0; i < proof.length; i++) {
          const bad = proof.slice();
          bad[i] = flip(bad[i]!, (i * 37) % 256);
          expect(verifyInclusion(index, size, leaves[index]!, bad, root)).toBe(false);
        }
        if (size > 1)
          expect(verifyInclusion((index + 1) % size, size, leaves[index]!, proof, root)).toBe(false);
        // (size + 1 can share the proof's shape, e.g. index 0 of sizes 3 and 4: the checkpoint
        // signature, not the proof, binds the size. Doubling always changes the shape.)
        expect(verifyInclusion(index, size * 2, leaves[index]!, proof, root)).toBe(false);
        if (proof.length > 0) {
          expect(verifyInclusion(index, size, leaves[index]!, proof.slice(1), root)).toBe(false);
        }
        expect(verifyInclusion(index, size, leaves[index]!, [...proof, leaves[0]!], root)).toBe(false);
      }
    }
  });

  it('consistency proofs: equal to the reference, verify, and fail when tampered', () => {
    for (let size2 = 1; size2 <= 64; size2++) {
      const root2 = ref.root(size2);
      for (let size1 = 0; size1 <= size2; size1++) {
        const root1 = ref.root(size1);
        const proof = proveTreeSync(size2, size1, store.readHashes);
        expect(proof.map(hex)).toEqual(ref.consistency(size1, size2).map(hex));
        expect(verifyConsistency(size1, size2, proof, root1, root2)).toBe(true);
        for (let i = 0; i < proof.length; i++) {
          const bad = proof.slice();
          bad[i] = flip(bad[i]!, (i * 53) % 256);
          expect(verifyConsistency(size1, size2, bad, root1, root2)).toBe(false);
        }
        if (size1 < size2) {
          expect(verifyConsistency(size1, size2, proof, flip(root1), root2)).toBe(false);
          if (size1 > 0) {
            // (With size1 = 0 the new root is unconstrained: the empty tree prefixes every tree.)
            expect(verifyConsistency(size1, size2, proof, root1, flip(root2))).toBe(false);
            expect(verifyConsistency(size1, size2 * 2, proof, root1, root2)).toBe(false);
            expect(verifyConsistency(size1, size2, proof.slice(0, -1), root1, root2)).toBe(false);
            expect(verifyConsistency(size1, size2, [...proof, root2], root1, root2)).toBe(false);
          }
        }
      }
    }
  });

  it('async variants agree with the sync ones, for sync and async readers', async () => {
    const asyncReader: HashReader = async (indexes) => store.readHashes(indexes);
    for (const reader of [asyncReader, store.readHashes]) {
      for (const size of [1, 2, 7, 8, 13, 64]) {
        expect(hex(await treeHash(size, reader))).toBe(hex(ref.root(size)));
        for (const index of [0, size - 1, size >> 1]) {
          expect((await proveRecord(size, index, reader)).map(hex)).toEqual(
            ref.inclusion(index, size).map(hex),
          );
        }
        for (const old of [0, 1, size >> 1, size]) {
          expect((await proveTree(size, old, reader)).map(hex)).toEqual(ref.consistency(old, size).map(hex));
        }
      }
    }
  });
});

describe('stored hash layout', () => {
  it('storedHashIndex and splitStoredHashIndex are inverse (Go tlog TestSplitStoredHashIndex)', () => {
    for (let level = 0; level < 10; level++) {
      for (let n = 0; n < 100; n++) {
        expect(splitStoredHashIndex(storedHashIndex(level, n))).toEqual({ level, n });
      }
    }
    for (const [level, n] of [
      [0, 2 ** 40 + 12345],
      [3, 2 ** 45 + 1],
      [17, 2 ** 30 - 1],
      [0, 2 ** 52 - 1],
    ] as const) {
      expect(splitStoredHashIndex(storedHashIndex(level, n))).toEqual({ level, n });
    }
  });

  it('numbers the first hashes as in Go tlog', () => {
    // Leaves 0,1 → 0,1 then node(0,1) → 2; leaf 2 → 3; leaf 3 → 4, nodes → 5, 6.
    expect([storedHashIndex(0, 0), storedHashIndex(0, 1), storedHashIndex(1, 0)]).toEqual([0, 1, 2]);
    expect([
      storedHashIndex(0, 2),
      storedHashIndex(0, 3),
      storedHashIndex(1, 1),
      storedHashIndex(2, 0),
    ]).toEqual([3, 4, 5, 6]);
  });

  it('appending writes exactly the hashes storedHashesForRecord returns, at the expected positions', async () => {
    const store = new MemoryHashStore();
    const mirror: Uint8Array[] = [];
    const mirrorReader: SyncHashReader = (indexes) => indexes.map((x) => mirror[x]!);
    for (let n = 0; n < 300; n++) {
      const leaf = leafHash(new TextEncoder().encode(`record ${n}`));
      const expected = storedHashesForRecordSync(n, leaf, mirrorReader);
      expect(await storedHashesForRecord(n, leaf, async (x) => mirrorReader(x))).toEqual(expected);
      expect(expected.length).toBe(1 + Math.log2((n + 1) & -(n + 1)));
      expect(mirror.length).toBe(storedHashIndex(0, n));
      mirror.push(...expected);
      expect(appendLeaves(store, [leaf])).toBe(n);
      expect(store.treeSize).toBe(n + 1);
      expect(store.storedHashCount).toBe(storedHashCount(n + 1));
      expect(mirror.length).toBe(storedHashCount(n + 1));
    }
    const all = Array.from({ length: mirror.length }, (_, i) => i);
    expect(store.readHashes(all).map(hex)).toEqual(mirror.map(hex));
  });

  it('appends in batches of any size identically', () => {
    const leaves = Array.from({ length: 1000 }, (_, i) => leafHash(Uint8Array.of(i & 0xff, i >> 8)));
    const one = new MemoryHashStore();
    appendLeaves(one, leaves);
    const many = new MemoryHashStore();
    let at = 0;
    for (const size of [1, 2, 3, 5, 100, 0, 389, 500]) {
      expect(appendLeaves(many, leaves.slice(at, at + size))).toBe(at);
      at += size;
    }
    expect(many.treeSize).toBe(1000);
    expect(hex(treeHashSync(1000, many.readHashes))).toBe(hex(treeHashSync(1000, one.readHashes)));
    expect(many.storedHashCount).toBe(one.storedHashCount);
  });

  it('returns copies from readHashes, so callers cannot corrupt the store', () => {
    const store = storeOf(CT_LEAVES);
    const [h] = store.readHashes([0]);
    h!.fill(0);
    expect(hex(treeHashSync(8, store.readHashes))).toBe(CT_ROOTS[7]);
  });
});

describe('argument checking', () => {
  const store = storeOf(CT_LEAVES);
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      return (e as DomainError).code;
    }
    return 'no error';
  };

  it('rejects out-of-range proofs and bad readers with DomainErrors', async () => {
    expect(code(() => proveRecordSync(8, 8, store.readHashes))).toBe('LOG.BAD_ARGUMENT');
    expect(code(() => proveRecordSync(0, 0, store.readHashes))).toBe('LOG.BAD_ARGUMENT');
    expect(code(() => proveRecordSync(8, -1, store.readHashes))).toBe('LOG.BAD_ARGUMENT');
    expect(code(() => proveTreeSync(4, 5, store.readHashes))).toBe('LOG.BAD_ARGUMENT');
    expect(code(() => treeHashSync(1.5, store.readHashes))).toBe('LOG.BAD_ARGUMENT');
    expect(code(() => treeHashSync(9, store.readHashes))).toBe('LOG.HASH_READER');
    expect(code(() => storedHashesForRecordSync(0, new Uint8Array(31), store.readHashes))).toBe(
      'LOG.BAD_ARGUMENT',
    );
    expect(code(() => treeHashSync(8, (x) => x.slice(1).map(() => new Uint8Array(32))))).toBe(
      'LOG.HASH_READER',
    );
    expect(code(() => treeHashSync(8, (x) => x.map(() => new Uint8Array(16))))).toBe('LOG.HASH_READER');
    expect(code(() => appendLeaves(new MemoryHashStore(), [new Uint8Array(3)]))).toBe('LOG.BAD_ARGUMENT');
    await expect(treeHash(8, async () => [])).rejects.toMatchObject({ code: 'LOG.HASH_READER' });
    expect(proveTreeSync(8, 0, store.readHashes)).toEqual([]);
    expect(proveTreeSync(8, 8, store.readHashes)).toEqual([]);
  });
});

describe('Go tlog TestCertificateTransparency: real proofs from the Argon 2020 CT log', () => {
  const v = JSON.parse(readFileSync(new URL('./testdata/argon2020.json', import.meta.url), 'utf8'));

  it('verifies an inclusion proof and a consistency proof at ~962 million entries', () => {
    const root = b64(v.sth.sha256_root_hash);
    const leaf = leafHash(b64(v.leaf_input));
    const proof = (v.audit_path as string[]).map(b64);
    expect(verifyInclusion(v.leaf_index, v.sth.tree_size, leaf, proof, root)).toBe(true);
    expect(verifyInclusion(v.leaf_index + 1, v.sth.tree_size, leaf, proof, root)).toBe(false);
    expect(verifyInclusion(v.leaf_index, v.sth.tree_size, leaf, proof, flip(root))).toBe(false);

    const consistency = (v.consistency as string[]).map(b64);
    const old = b64(v.consistency_first_hash);
    expect(verifyConsistency(v.consistency_first, v.sth.tree_size, consistency, old, root)).toBe(true);
    expect(verifyConsistency(v.consistency_first, v.sth.tree_size, consistency, flip(old), root)).toBe(false);
    expect(verifyConsistency(v.consistency_first - 1, v.sth.tree_size, consistency, old, root)).toBe(false);
  });
});

describe('reads are O(log n)', () => {
  function counting(reader: SyncHashReader) {
    const calls: number[] = [];
    const read: SyncHashReader = (indexes) => {
      calls.push(indexes.length);
      for (let i = 1; i < indexes.length; i++) expect(indexes[i]!).toBeGreaterThan(indexes[i - 1]!);
      return reader(indexes);
    };
    return { read, calls };
  }

  it('proves against a real 1,000,000-leaf tree reading a few dozen hashes in one call', () => {
    const N = 1_000_000;
    const leaves = Array.from({ length: N }, (_, i) => leafHash(new TextEncoder().encode(`entry ${i}`)));
    const store = new MemoryHashStore();
    appendLeaves(store, leaves);
    expect(store.storedHashCount).toBe(storedHashCount(N));
    const log2 = Math.ceil(Math.log2(N)); // 20

    const r = counting(store.readHashes);
    const root = treeHashSync(N, r.read);
    expect(r.calls).toEqual([treeHashIndexes(N).length]);
    expect(r.calls[0]).toBeLessThanOrEqual(1 + log2);

    for (const index of [0, 1, 123_456, 524_287, 524_288, N - 2, N - 1]) {
      const c = counting(store.readHashes);
      const proof = proveRecordSync(N, index, c.read);
      expect(c.calls.length).toBe(1);
      expect(c.calls[0]).toBeLessThanOrEqual(2 * log2);
      expect(verifyInclusion(index, N, leaves[index]!, proof, root)).toBe(true);
    }
    for (const old of [1, 777, 524_288, 999_999]) {
      const c = counting(store.readHashes);
      const proof = proveTreeSync(N, old, c.read);
      expect(c.calls.length).toBe(1);
      expect(c.calls[0]).toBeLessThanOrEqual(2 * log2);
      expect(verifyConsistency(old, N, proof, treeHashSync(old, store.readHashes), root)).toBe(true);
    }
  }, 60_000);

  it('plans valid, sorted, O(log n) reads for trees far larger than memory (up to 2^52)', () => {
    const dummy: SyncHashReader = (indexes) => indexes.map(() => new Uint8Array(HASH_SIZE));
    for (const size of [2 ** 32 + 1, 2 ** 40 + 12_345, 2 ** 52 - 3, 2 ** 52]) {
      const limit = storedHashCount(size);
      const check = (indexes: readonly StoredHashIndex[]) => {
        expect(indexes.length).toBeLessThanOrEqual(2 * 53);
        for (const x of indexes) {
          expect(Number.isSafeInteger(x) && x >= 0 && x < limit).toBe(true);
        }
        return dummy(indexes);
      };
      expect(treeHashSync(size, check)).toHaveLength(32);
      for (const index of [0, 1, size - 1, Math.floor(size / 3)]) {
        expect(proveRecordSync(size, index, check).length).toBeLessThanOrEqual(53);
      }
      for (const old of [1, size - 1, Math.floor(size / 3)]) proveTreeSync(size, old, check);
    }
  });
});
