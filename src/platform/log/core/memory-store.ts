/**
 * In-memory hash storage for a log: all stored hashes in one growable byte buffer, laid out in
 * stored-hash-index order (32 bytes each). Used by tests, benchmarks and tools; a database store can
 * use the same numbering (one row per stored hash index) and serve the same `readHashes` contract.
 */
import { hash } from 'node:crypto';
import { logError } from './errors.ts';
import {
  HASH_SIZE,
  MAX_TREE_SIZE,
  type StoredHashIndex,
  type SyncHashReader,
  storedHashIndex,
  trailingZeros,
} from './merkle.ts';

const INITIAL_CAPACITY = 1024; // hashes

// Module-local copies of imported bindings: some loaders (tsx, vite-node) compile imports to
// getters, which cost more than the hashing itself in the append loop below.
const H = HASH_SIZE;
const indexOf = storedHashIndex;
const ctz = trailingZeros;

export class MemoryHashStore {
  #buf = new Uint8Array(INITIAL_CAPACITY * HASH_SIZE);
  #count = 0; // stored hashes
  #size = 0; // leaves
  // Scratch for 0x01 || left || right, reused across appends.
  readonly #node = new Uint8Array(1 + 2 * HASH_SIZE);

  /** Number of leaves. */
  get treeSize(): number {
    return this.#size;
  }

  /** Number of stored hashes (equals storedHashCount(treeSize)). */
  get storedHashCount(): number {
    return this.#count;
  }

  /**
   * `SyncHashReader` over this store (a bound function: pass `store.readHashes` directly).
   * Returns copies, so callers may modify the results.
   */
  readonly readHashes: SyncHashReader = (indexes: readonly StoredHashIndex[]) => {
    const out: Uint8Array[] = new Array(indexes.length);
    for (let i = 0; i < indexes.length; i++) {
      const x = indexes[i]!;
      if (!Number.isSafeInteger(x) || x < 0 || x >= this.#count) {
        throw logError('LOG.HASH_READER', `存储位置 ${x} 超出已写入的哈希范围`);
      }
      out[i] = this.#buf.slice(x * HASH_SIZE, (x + 1) * HASH_SIZE);
    }
    return out;
  };

  /** Appends leaves given their leaf hashes; returns the index of the first one. See `appendLeaves`. */
  append(leafHashes: readonly Uint8Array[]): number {
    const first = this.#size;
    for (const h of leafHashes) {
      if (!(h instanceof Uint8Array) || h.length !== HASH_SIZE) {
        throw logError('LOG.BAD_ARGUMENT', '叶哈希必须是 32 字节');
      }
    }
    if (first + leafHashes.length > MAX_TREE_SIZE) {
      throw logError('LOG.BAD_ARGUMENT', '日志已达到支持的最大树规模');
    }
    // A tree of n leaves has 2n - popcount(n) stored hashes, so this many new ones at most.
    this.#reserve(this.#count + 2 * leafHashes.length + 64);
    const buf = this.#buf;
    const node = this.#node;
    node[0] = 0x01;
    let count = this.#count;
    let n = this.#size;
    for (let k = 0; k < leafHashes.length; k++) {
      buf.set(leafHashes[k]!, count * H);
      count++;
      // Leaf n completes one subtree per trailing 1 bit of n. The right child of each new node is
      // the hash stored just before it, the left child an earlier stored hash.
      const m = ctz(n + 1);
      for (let i = 0; i < m; i++) {
        const left = indexOf(i, Math.floor(n / 2 ** i) - 1) * H;
        const right = (count - 1) * H;
        for (let j = 0; j < H; j++) {
          node[1 + j] = buf[left + j]!;
          node[1 + H + j] = buf[right + j]!;
        }
        // A latin1 digest avoids allocating a Buffer per hash (see sha256 in encoding.ts).
        const digest = hash('sha256', node, 'binary');
        const out = count * H;
        for (let j = 0; j < H; j++) buf[out + j] = digest.charCodeAt(j);
        count++;
      }
      n++;
    }
    this.#count = count;
    this.#size = n;
    return first;
  }

  #reserve(hashes: number): void {
    if (hashes * HASH_SIZE <= this.#buf.length) return;
    let capacity = this.#buf.length / HASH_SIZE;
    while (capacity < hashes) capacity *= 2;
    const next = new Uint8Array(capacity * HASH_SIZE);
    next.set(this.#buf.subarray(0, this.#count * HASH_SIZE));
    this.#buf = next;
  }
}

/**
 * Appends leaves (by leaf hash, see `leafHash`) to an in-memory store. Per leaf this writes the
 * leaf hash plus one node hash per subtree it completes: amortised one SHA-256 node hash per leaf.
 * Returns the index of the first appended leaf.
 */
export function appendLeaves(store: MemoryHashStore, leafHashes: readonly Uint8Array[]): number {
  if (!Array.isArray(leafHashes)) throw logError('LOG.BAD_ARGUMENT', 'leafHashes 必须是数组');
  return store.append(leafHashes);
}
