/**
 * RFC 6962 §2.1 Merkle hash trees, stored the way Go's golang.org/x/mod/sumdb/tlog stores them.
 *
 * Every hash of a complete subtree is written exactly once, when its last leaf is appended, at a
 * dense "stored hash index" (Crosby & Wallach §3.3): appending leaf n writes 1 + trailingZeros(n+1)
 * hashes (just under 2 on average) and reads at most log₂ n older ones. The tree hash, inclusion
 * proofs (RFC 6962 §2.1.1) and consistency proofs (§2.1.2) of any tree size are then computed from
 * O(log n) stored hashes fetched in a single `readHashes` call, so the same code works over memory,
 * a database table or verified tiles. Verification follows RFC 9162 §2.1.3.2 and §2.1.4.2.
 *
 * Sizes and indexes are JavaScript numbers: non-negative safe integers, tree sizes up to 2^52.
 */
import { bytesEqual, sha256 } from './encoding.ts';
import { assertIndex, logError } from './errors.ts';

/** Size in bytes of every hash (SHA-256). */
export const HASH_SIZE = 32;

/** Largest supported tree size; keeps every stored hash index a safe integer. */
export const MAX_TREE_SIZE = 2 ** 52;

/** Dense position of a tree hash in storage; see `storedHashIndex`. */
export type StoredHashIndex = number;

/**
 * Returns the hashes stored at the given indexes, in the same order. May be synchronous or async.
 * Callers always pass indexes in increasing order.
 */
export type HashReader = (
  indexes: readonly StoredHashIndex[],
) => readonly Uint8Array[] | Promise<readonly Uint8Array[]>;

/** Synchronous `HashReader`, for the `*Sync` variants. */
export type SyncHashReader = (indexes: readonly StoredHashIndex[]) => readonly Uint8Array[];

// ---------------------------------------------------------------------------------------------
// Hashing

// Module-local copy of an imported function: some loaders (tsx, vite-node) compile imports to
// getters, a measurable cost per hash.
const digest = sha256;

// Reused input buffers: hashing is synchronous, so one scratch per module is safe, and avoiding an
// allocation per hash roughly halves the cost of hashing small inputs.
let leafScratch = new Uint8Array(1024);
const nodeScratch = new Uint8Array(1 + 2 * HASH_SIZE);

/** RFC 6962 leaf hash: SHA-256(0x00 || data). */
export function leafHash(data: Uint8Array): Uint8Array {
  if (data.length + 1 > leafScratch.length) {
    if (data.length + 1 > 65536) {
      const buf = new Uint8Array(1 + data.length);
      buf.set(data, 1);
      return digest(buf);
    }
    leafScratch = new Uint8Array(65536);
  }
  leafScratch[0] = 0x00;
  leafScratch.set(data, 1);
  return digest(leafScratch.subarray(0, 1 + data.length));
}

/** RFC 6962 interior node hash: SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE)
    throw new Error('nodeHash: hashes must be 32 bytes');
  nodeScratch[0] = 0x01;
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 1 + HASH_SIZE);
  return digest(nodeScratch);
}

const EMPTY_ROOT = sha256(new Uint8Array(0));

/** Root of the empty tree, MTH({}) = SHA-256("") (RFC 6962 §2.1). Returns a fresh copy. */
export function emptyRoot(): Uint8Array {
  return EMPTY_ROOT.slice();
}

// ---------------------------------------------------------------------------------------------
// Integer helpers for numbers beyond 32 bits (JavaScript bit operators truncate to 32 bits).

const TWO_32 = 2 ** 32;

function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function popcount(n: number): number {
  return popcount32(n >>> 0) + popcount32(Math.floor(n / TWO_32) >>> 0);
}

/** Number of trailing zero bits of n > 0. */
export function trailingZeros(n: number): number {
  const lo = n >>> 0;
  if (lo !== 0) return 31 - Math.clz32(lo & -lo);
  const hi = Math.floor(n / TWO_32) >>> 0;
  return 32 + 31 - Math.clz32(hi & -hi);
}

const shr = (n: number, k: number) => Math.floor(n / 2 ** k);

/** k = the largest power of 2 smaller than n (1 if n ≤ 2), and l = log₂ k. Go's maxpow2. */
function maxpow2(n: number): [k: number, l: number] {
  let l = 0;
  while (2 ** (l + 1) < n) l++;
  return [2 ** l, l];
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && popcount(n) === 1;
}

// ---------------------------------------------------------------------------------------------
// Stored hash numbering

/**
 * Maps tree coordinates to the dense storage order: the hash at `level` covering leaves
 * [n·2^level, (n+1)·2^level). Level L's n-th hash is written right after level L+1's (2n+1)-th.
 */
export function storedHashIndex(level: number, n: number): StoredHashIndex {
  const p = 2 ** level;
  const m = n * p + (p - 1); // the last leaf under this node
  // Level 0's m-th hash is written at m + m/2 + m/4 + ... = 2m - popcount(m).
  return 2 * m - popcount(m) + level;
}

/** Inverse of `storedHashIndex`. */
export function splitStoredHashIndex(index: StoredHashIndex): { level: number; n: number } {
  assertIndex(index, 'index');
  // storedHashIndex(0, n) < 2n, so the leaf we want is in [index/2, index/2 + log₂ index].
  let n = Math.floor(index / 2);
  let indexN = storedHashIndex(0, n);
  if (indexN > index) throw new Error('tlog: bad math in splitStoredHashIndex');
  for (;;) {
    // Each new leaf n adds 1 + trailingZeros(n+1) hashes.
    const x = indexN + 1 + trailingZeros(n + 1);
    if (x > index) break;
    n++;
    indexN = x;
  }
  // The hash was written with leaf n, so it is one of (0, n), (1, n/2), (2, n/4), ...
  const level = index - indexN;
  return { level, n: shr(n, level) };
}

/** Number of stored hashes for a tree of `size` leaves. */
export function storedHashCount(size: number): number {
  assertIndex(size, 'size');
  return size === 0 ? 0 : storedHashIndex(0, size - 1) + 1 + trailingZeros(size);
}

// ---------------------------------------------------------------------------------------------
// Index planning (which stored hashes an operation needs) and evaluation (what to do with them).
// Both walk the RFC 6962 recursion identically; evaluation consumes hashes through a cursor.

interface Cursor {
  readonly hashes: readonly Uint8Array[];
  pos: number;
}

/** Indexes needed for the hash of the subtree of leaves [lo, hi): its maximal complete subtrees. */
function subTreeIndex(lo: number, hi: number, need: StoredHashIndex[]): StoredHashIndex[] {
  while (lo < hi) {
    const [k, level] = maxpow2(hi - lo + 1);
    if (lo % k !== 0) throw new Error('tlog: bad math in subTreeIndex');
    need.push(storedHashIndex(level, lo / k));
    lo += k;
  }
  return need;
}

function subTreeHash(lo: number, hi: number, c: Cursor): Uint8Array {
  let numTree = 0;
  while (lo < hi) {
    const [k] = maxpow2(hi - lo + 1);
    if (lo % k !== 0) throw new Error('tlog: bad math in subTreeHash');
    numTree++;
    lo += k;
  }
  if (c.pos + numTree > c.hashes.length) throw new Error('tlog: bad index math in subTreeHash');
  let h = c.hashes[c.pos + numTree - 1]!;
  for (let i = numTree - 2; i >= 0; i--) h = nodeHash(c.hashes[c.pos + i]!, h);
  c.pos += numTree;
  return h;
}

function leafProofIndex(lo: number, hi: number, n: number, need: StoredHashIndex[]): StoredHashIndex[] {
  if (!(lo <= n && n < hi)) throw new Error('tlog: bad math in leafProofIndex');
  if (lo + 1 === hi) return need;
  const [k] = maxpow2(hi - lo);
  if (n < lo + k) {
    leafProofIndex(lo, lo + k, n, need);
    subTreeIndex(lo + k, hi, need);
  } else {
    subTreeIndex(lo, lo + k, need);
    leafProofIndex(lo + k, hi, n, need);
  }
  return need;
}

function leafProof(lo: number, hi: number, n: number, c: Cursor): Uint8Array[] {
  if (!(lo <= n && n < hi)) throw new Error('tlog: bad math in leafProof');
  if (lo + 1 === hi) return []; // the verifier knows the leaf hash
  const [k] = maxpow2(hi - lo);
  let p: Uint8Array[];
  let th: Uint8Array;
  if (n < lo + k) {
    p = leafProof(lo, lo + k, n, c);
    th = subTreeHash(lo + k, hi, c);
  } else {
    th = subTreeHash(lo, lo + k, c);
    p = leafProof(lo + k, hi, n, c);
  }
  p.push(th);
  return p;
}

function treeProofIndex(lo: number, hi: number, n: number, need: StoredHashIndex[]): StoredHashIndex[] {
  if (!(lo < n && n <= hi)) throw new Error('tlog: bad math in treeProofIndex');
  if (n === hi) return lo === 0 ? need : subTreeIndex(lo, hi, need);
  const [k] = maxpow2(hi - lo);
  if (n <= lo + k) {
    treeProofIndex(lo, lo + k, n, need);
    subTreeIndex(lo + k, hi, need);
  } else {
    subTreeIndex(lo, lo + k, need);
    treeProofIndex(lo + k, hi, n, need);
  }
  return need;
}

function treeProof(lo: number, hi: number, n: number, c: Cursor): Uint8Array[] {
  if (!(lo < n && n <= hi)) throw new Error('tlog: bad math in treeProof');
  if (n === hi) {
    // Common ground. For the old tree itself the verifier knows the hash already.
    return lo === 0 ? [] : [subTreeHash(lo, hi, c)];
  }
  const [k] = maxpow2(hi - lo);
  let p: Uint8Array[];
  let th: Uint8Array;
  if (n <= lo + k) {
    p = treeProof(lo, lo + k, n, c);
    th = subTreeHash(lo + k, hi, c);
  } else {
    th = subTreeHash(lo, lo + k, c);
    p = treeProof(lo + k, hi, n, c);
  }
  p.push(th);
  return p;
}

// ---------------------------------------------------------------------------------------------
// Operations over a hash reader: each is a plan, one read, and an evaluation.

interface Plan<T> {
  indexes: StoredHashIndex[];
  finish(hashes: readonly Uint8Array[]): T;
}

function checkRead(
  indexes: readonly StoredHashIndex[],
  hashes: readonly Uint8Array[],
): readonly Uint8Array[] {
  if (!Array.isArray(hashes) || hashes.length !== indexes.length) {
    throw logError(
      'LOG.HASH_READER',
      `哈希读取返回数量不符：请求 ${indexes.length} 个，得到 ${Array.isArray(hashes) ? hashes.length : '非数组'}`,
    );
  }
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i];
    if (!(h instanceof Uint8Array) || h.length !== HASH_SIZE) {
      throw logError(
        'LOG.HASH_READER',
        `哈希读取返回的第 ${i} 个值不是 32 字节哈希（存储位置 ${indexes[i]}）`,
      );
    }
  }
  return hashes;
}

function runSync<T>(plan: Plan<T>, read: SyncHashReader): T {
  if (plan.indexes.length === 0) return plan.finish([]);
  return plan.finish(checkRead(plan.indexes, read(plan.indexes)));
}

async function runAsync<T>(plan: Plan<T>, read: HashReader): Promise<T> {
  if (plan.indexes.length === 0) return plan.finish([]);
  return plan.finish(checkRead(plan.indexes, await read(plan.indexes)));
}

function assertHash(h: unknown, what: string): asserts h is Uint8Array {
  if (!(h instanceof Uint8Array) || h.length !== HASH_SIZE) {
    throw logError('LOG.BAD_ARGUMENT', `日志参数 ${what} 必须是 32 字节哈希`);
  }
}

function assertTreeSize(size: unknown, what: string): asserts size is number {
  assertIndex(size, what);
  if (size > MAX_TREE_SIZE) throw logError('LOG.BAD_ARGUMENT', `日志参数 ${what} 超过支持的最大树规模`);
}

function storedHashesPlan(n: number, leaf: Uint8Array): Plan<Uint8Array[]> {
  assertTreeSize(n, 'n');
  if (n >= MAX_TREE_SIZE) throw logError('LOG.BAD_ARGUMENT', '日志已达到支持的最大树规模');
  assertHash(leaf, 'leafHash');
  // Each trailing 1 bit of n completes a subtree and consumes the hash of its left sibling.
  const m = trailingZeros(n + 1);
  const indexes: StoredHashIndex[] = new Array(m);
  for (let i = 0; i < m; i++) indexes[m - 1 - i] = storedHashIndex(i, shr(n, i) - 1); // sorted
  return {
    indexes,
    finish(old) {
      let h: Uint8Array = leaf.slice();
      const out = [h];
      for (let i = 0; i < m; i++) {
        h = nodeHash(old[m - 1 - i]!, h);
        out.push(h);
      }
      return out;
    },
  };
}

/**
 * Stored hash indexes whose hashes make up the root of the tree of `size` leaves: its maximal
 * complete subtrees, left to right (empty for size 0).
 */
export function treeHashIndexes(size: number): StoredHashIndex[] {
  assertTreeSize(size, 'size');
  return subTreeIndex(0, size, []);
}

function treeHashPlan(size: number): Plan<Uint8Array> {
  assertTreeSize(size, 'size');
  if (size === 0) return { indexes: [], finish: () => emptyRoot() };
  return {
    indexes: subTreeIndex(0, size, []),
    finish(hashes) {
      const c: Cursor = { hashes, pos: 0 };
      const h = subTreeHash(0, size, c);
      if (c.pos !== hashes.length) throw new Error('tlog: bad index math in treeHash');
      return h;
    },
  };
}

function proveRecordPlan(t: number, n: number): Plan<Uint8Array[]> {
  assertTreeSize(t, 'treeSize');
  assertIndex(n, 'index');
  if (n >= t) throw logError('LOG.BAD_ARGUMENT', `条目序号 ${n} 不在规模为 ${t} 的日志树中`);
  return {
    indexes: leafProofIndex(0, t, n, []),
    finish(hashes) {
      const c: Cursor = { hashes, pos: 0 };
      const p = leafProof(0, t, n, c);
      if (c.pos !== hashes.length) throw new Error('tlog: bad index math in proveRecord');
      return p;
    },
  };
}

function proveTreePlan(t: number, n: number): Plan<Uint8Array[]> {
  assertTreeSize(t, 'treeSize');
  assertIndex(n, 'oldSize');
  if (n > t) throw logError('LOG.BAD_ARGUMENT', `旧树规模 ${n} 大于新树规模 ${t}`);
  if (n === 0 || n === t) return { indexes: [], finish: () => [] };
  return {
    indexes: treeProofIndex(0, t, n, []),
    finish(hashes) {
      const c: Cursor = { hashes, pos: 0 };
      const p = treeProof(0, t, n, c);
      if (c.pos !== hashes.length) throw new Error('tlog: bad index math in proveTree');
      return p;
    },
  };
}

/**
 * The hashes to store when appending leaf number `n` (0-based) with the given leaf hash, to be
 * written at stored hash indexes storedHashIndex(0, n), +1, +2, ...: the leaf hash followed by
 * the hashes of the subtrees it completes. Reads at most log₂ n earlier hashes.
 */
export function storedHashesForRecord(
  n: number,
  leaf: Uint8Array,
  readHashes: HashReader,
): Promise<Uint8Array[]> {
  return runAsync(storedHashesPlan(n, leaf), readHashes);
}

/** Synchronous `storedHashesForRecord`. */
export function storedHashesForRecordSync(
  n: number,
  leaf: Uint8Array,
  readHashes: SyncHashReader,
): Uint8Array[] {
  return runSync(storedHashesPlan(n, leaf), readHashes);
}

/** Root hash of the tree of the first `size` leaves (SHA-256("") for 0). Reads ≤ 1 + log₂ size hashes. */
export function treeHash(size: number, readHashes: HashReader): Promise<Uint8Array> {
  return runAsync(treeHashPlan(size), readHashes);
}

/** Synchronous `treeHash`. */
export function treeHashSync(size: number, readHashes: SyncHashReader): Uint8Array {
  return runSync(treeHashPlan(size), readHashes);
}

/**
 * Inclusion proof (RFC 6962 §2.1.1 audit path, leaf's sibling first) that leaf `index` is in the
 * tree of size `treeSize`. Reads O(log treeSize) hashes in one call.
 */
export function proveRecord(treeSize: number, index: number, readHashes: HashReader): Promise<Uint8Array[]> {
  return runAsync(proveRecordPlan(treeSize, index), readHashes);
}

/** Synchronous `proveRecord`. */
export function proveRecordSync(treeSize: number, index: number, readHashes: SyncHashReader): Uint8Array[] {
  return runSync(proveRecordPlan(treeSize, index), readHashes);
}

/**
 * Consistency proof (RFC 6962 §2.1.2) that the tree of size `treeSize` extends the tree of size
 * `oldSize`. Empty when oldSize is 0 or equals treeSize. Reads O(log treeSize) hashes in one call.
 */
export function proveTree(treeSize: number, oldSize: number, readHashes: HashReader): Promise<Uint8Array[]> {
  return runAsync(proveTreePlan(treeSize, oldSize), readHashes);
}

/** Synchronous `proveTree`. */
export function proveTreeSync(treeSize: number, oldSize: number, readHashes: SyncHashReader): Uint8Array[] {
  return runSync(proveTreePlan(treeSize, oldSize), readHashes);
}

// ---------------------------------------------------------------------------------------------
// Verification (RFC 9162). These never throw: any malformed input simply fails verification.

const isSize = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const isHash = (h: unknown): h is Uint8Array => h instanceof Uint8Array && h.length === HASH_SIZE;
const isProof = (p: unknown): p is readonly Uint8Array[] => Array.isArray(p) && p.every(isHash);

/**
 * RFC 9162 §2.1.3.2: true iff `proof` shows that `leaf` (a leaf hash) is at `leafIndex` in the
 * tree of size `treeSize` whose root is `root`.
 */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isSize(leafIndex) || !isSize(treeSize) || !isHash(leaf) || !isHash(root) || !isProof(proof))
    return false;
  // 1. leaf_index must be < tree_size.
  if (leafIndex >= treeSize) return false;
  // 2-3.
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  // 4.
  for (const p of proof) {
    if (sn === 0) return false; // 4a
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r); // 4b.i
      if (fn % 2 === 0) {
        // 4b.ii
        while (!(fn % 2 === 1 || fn === 0)) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2); // 4c
    sn = Math.floor(sn / 2);
  }
  // 5.
  return sn === 0 && bytesEqual(r, root);
}

/**
 * RFC 9162 §2.1.4.2: true iff `proof` shows that the tree of size `size2` with root `root2` is an
 * append-only extension of the tree of size `size1` with root `root1`. Beyond the RFC (which
 * requires 0 < size1 < size2): equal sizes verify with an empty proof and equal roots, and the
 * empty tree (size1 = 0, root1 = SHA-256("")) is consistent with every tree, with an empty proof.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  if (!isSize(size1) || !isSize(size2) || !isHash(root1) || !isHash(root2) || !isProof(proof)) return false;
  if (size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && bytesEqual(root1, root2);
  if (size1 === 0) return proof.length === 0 && bytesEqual(root1, EMPTY_ROOT);
  // 1.
  if (proof.length === 0) return false;
  // 2.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  // 3.
  let fn = size1 - 1;
  let sn = size2 - 1;
  // 4.
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 5.
  let fr = path[0]!;
  let sr = path[0]!;
  // 6.
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) return false; // 6a
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr); // 6b.i
      sr = nodeHash(c, sr); // 6b.ii
      if (fn % 2 === 0) {
        // 6b.iii
        while (!(fn % 2 === 1 || fn === 0)) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2); // 6c
    sn = Math.floor(sn / 2);
  }
  // 7.
  return bytesEqual(fr, root1) && bytesEqual(sr, root2) && sn === 0;
}
