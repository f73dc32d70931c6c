/**
 * C2SP tlog-tiles (https://c2sp.org/tlog-tiles): the Merkle tree served as static "tiles" of
 * 256 consecutive hashes, plus entry bundles, and a verifying reader for clients.
 *
 * A tile at level L, index N holds the hashes at tree level 8·L covering entries
 * [(N·256 + i)·256^L, (N·256 + i + 1)·256^L), i < W. Full tiles have W = 256; the rightmost tile of
 * a level is partial (1 ≤ W ≤ 255, path suffix `.p/W`). Hashes at tree levels between multiples
 * of 8 are recomputed from the tile. The tile height is fixed at 8 by the spec; the optional
 * `height` parameters exist only to exercise multi-level trees cheaply in tests (Go's tlog tiles
 * of other heights put the height in the path, which C2SP paths do not).
 */
import { bytesEqual } from './encoding.ts';
import { assertIndex, logError } from './errors.ts';
import {
  HASH_SIZE,
  type HashReader,
  MAX_TREE_SIZE,
  nodeHash,
  type StoredHashIndex,
  type SyncHashReader,
  splitStoredHashIndex,
  storedHashIndex,
  treeHashIndexes,
} from './merkle.ts';

/** Tile height of C2SP tlog-tiles: each tile spans 8 tree levels. */
export const TILE_HEIGHT = 8;

/** Hashes in a full tile (2^8), and entries in a full entry bundle. */
export const TILE_WIDTH = 256;

/** Largest tile level a path may name (C2SP: 0 to 63). */
export const MAX_TILE_LEVEL = 63;

/** Coordinates of one Merkle tree tile. */
export interface Tile {
  /** Tile level L: the tile holds tree hashes of level 8·L. */
  readonly level: number;
  /** Index N of the tile within its level. */
  readonly index: number;
  /** Number of hashes W: 256 for a full tile, 1 to 255 for a partial one. */
  readonly width: number;
}

/** Coordinates of one entry bundle: bundle index N and number of entries W (256 when full). */
export interface EntryBundleRef {
  readonly index: number;
  readonly width: number;
}

const PATH_BASE = 1000;

function checkHeight(height: number): number {
  if (!Number.isInteger(height) || height < 1 || height > 30) {
    throw logError('LOG.BAD_ARGUMENT', `瓦片高度 ${height} 无效`);
  }
  return height;
}

function checkTile(tile: Tile, height: number): void {
  const full = 2 ** height;
  if (
    !tile ||
    !Number.isInteger(tile.level) ||
    tile.level < 0 ||
    tile.level > MAX_TILE_LEVEL ||
    !Number.isSafeInteger(tile.index) ||
    tile.index < 0 ||
    !Number.isInteger(tile.width) ||
    tile.width < 1 ||
    tile.width > full
  ) {
    throw logError('LOG.BAD_ARGUMENT', '瓦片坐标无效');
  }
}

/** `<N>` of a tile path: zero-padded 3-digit elements, all but the last prefixed with `x`. */
function encodeIndex(n: number): string {
  let s = String(n % PATH_BASE).padStart(3, '0');
  for (let rest = Math.floor(n / PATH_BASE); rest > 0; rest = Math.floor(rest / PATH_BASE)) {
    s = `x${String(rest % PATH_BASE).padStart(3, '0')}/${s}`;
  }
  return s;
}

/** `tile/<L>/<N>[.p/<W>]`, e.g. level 0 index 1234067 width 256 → `tile/0/x001/x234/067`. */
export function tilePath(tile: Tile, height = TILE_HEIGHT): string {
  checkHeight(height);
  checkTile(tile, height);
  const partial = tile.width < 2 ** height ? `.p/${tile.width}` : '';
  return `tile/${tile.level}/${encodeIndex(tile.index)}${partial}`;
}

/** `tile/entries/<N>[.p/<W>]` for the entry bundle `index` holding `width` entries (default full). */
export function entryBundlePath(index: number, width = TILE_WIDTH): string {
  assertIndex(index, 'index');
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) {
    throw logError('LOG.BAD_ARGUMENT', `条目包宽度 ${width} 无效`);
  }
  return `tile/entries/${encodeIndex(index)}${width < TILE_WIDTH ? `.p/${width}` : ''}`;
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;
const GROUP_LAST = /^[0-9]{3}$/;
const GROUP_X = /^x[0-9]{3}$/;

/** Parses `<N>[.p/<W>]` path elements; null if malformed. */
function parseIndexAndWidth(parts: string[], full: number): { index: number; width: number } | null {
  let width = full;
  const p = parts.slice();
  if (p.length >= 2 && p[p.length - 2]!.endsWith('.p')) {
    const w = p.pop()!;
    if (!DECIMAL.test(w)) return null;
    width = Number(w);
    if (width < 1 || width >= full) return null;
    p[p.length - 1] = p[p.length - 1]!.slice(0, -2);
  }
  if (p.length === 0 || p.length > 6) return null;
  let index = 0;
  for (let i = 0; i < p.length; i++) {
    const g = p[i]!;
    const last = i === p.length - 1;
    if (!(last ? GROUP_LAST : GROUP_X).test(g)) return null;
    index = index * PATH_BASE + Number(last ? g : g.slice(1));
  }
  if (!Number.isSafeInteger(index)) return null;
  return { index, width };
}

/**
 * Parses a Merkle tree tile path (`tile/<L>/<N>[.p/<W>]`, no URL prefix). Accepts only the
 * canonical form written by `tilePath`; throws LOG.TILE_PATH_MALFORMED otherwise (including
 * entry bundle paths).
 */
export function parseTilePath(path: string, height = TILE_HEIGHT): Tile {
  checkHeight(height);
  const bad = () => logError('LOG.TILE_PATH_MALFORMED', '瓦片路径格式错误');
  if (typeof path !== 'string' || !path.startsWith('tile/')) throw bad();
  const parts = path.slice('tile/'.length).split('/');
  const level = parts.shift()!;
  if (!DECIMAL.test(level) || Number(level) > MAX_TILE_LEVEL) throw bad();
  const rest = parseIndexAndWidth(parts, 2 ** height);
  if (!rest) throw bad();
  const tile: Tile = { level: Number(level), index: rest.index, width: rest.width };
  if (tilePath(tile, height) !== path) throw bad();
  return tile;
}

/** Parses an entry bundle path (`tile/entries/<N>[.p/<W>]`); throws LOG.TILE_PATH_MALFORMED. */
export function parseEntryBundlePath(path: string): EntryBundleRef {
  const bad = () => logError('LOG.TILE_PATH_MALFORMED', '条目包路径格式错误');
  if (typeof path !== 'string' || !path.startsWith('tile/entries/')) throw bad();
  const rest = parseIndexAndWidth(path.slice('tile/entries/'.length).split('/'), TILE_WIDTH);
  if (!rest) throw bad();
  if (entryBundlePath(rest.index, rest.width) !== path) throw bad();
  return rest;
}

// ---------------------------------------------------------------------------------------------
// Tiles and stored hashes

const shl = (n: number, k: number) => n * 2 ** k;
const shr = (n: number, k: number) => Math.floor(n / 2 ** k);

/** The tile of least width holding stored hash `index`, and the hash range [start, end) in it. */
function locate(index: StoredHashIndex, height: number): { tile: Tile; start: number; end: number } {
  const split = splitStoredHashIndex(index);
  let { n } = split;
  const level = Math.floor(split.level / height);
  const within = split.level - level * height; // tree level inside the tile
  const tileIndex = shr(shl(n, within), height);
  n -= shr(shl(tileIndex, height), within); // n within the tile, at level `within`
  return {
    tile: { level, index: tileIndex, width: shl(n + 1, within) },
    start: shl(n, within),
    end: shl(n + 1, within),
  };
}

/**
 * The tile of least width that holds (or, for tree levels between tile rows, lets one compute)
 * the hash at stored hash `index`.
 */
export function tileForIndex(index: StoredHashIndex, height = TILE_HEIGHT): Tile {
  checkHeight(height);
  assertIndex(index, 'index');
  return locate(index, height).tile;
}

/** Subtree hash of 2^k consecutive tile hashes. */
function tileHash(data: Uint8Array): Uint8Array {
  if (data.length === 0) throw new Error('tlog: bad math in tileHash');
  if (data.length === HASH_SIZE) return data.slice();
  const half = data.length / 2;
  return nodeHash(tileHash(data.subarray(0, half)), tileHash(data.subarray(half)));
}

/**
 * The hash at stored hash `index` from the bytes of `tile`, which must be `tileForIndex(index)`
 * or a wider version of it.
 */
export function hashFromTile(
  tile: Tile,
  data: Uint8Array,
  index: StoredHashIndex,
  height = TILE_HEIGHT,
): Uint8Array {
  checkHeight(height);
  checkTile(tile, height);
  assertIndex(index, 'index');
  if (!(data instanceof Uint8Array) || data.length < tile.width * HASH_SIZE) {
    throw logError('LOG.TILE_MALFORMED', `瓦片 ${tilePath(tile, height)} 的数据长度不足`);
  }
  const { tile: t, start, end } = locate(index, height);
  if (t.level !== tile.level || t.index !== tile.index || t.width > tile.width) {
    throw logError('LOG.BAD_ARGUMENT', `存储位置 ${index} 不在瓦片 ${tilePath(tile, height)} 中`);
  }
  return tileHash(data.subarray(start * HASH_SIZE, end * HASH_SIZE));
}

/**
 * Tile `tile`'s k-th ancestor as it exists in a tree of `treeSize` leaves (width clamped to the
 * tree), or null if the tree has no such tile.
 */
function tileParent(tile: Tile, k: number, treeSize: number, height: number): Tile | null {
  const level = tile.level + k;
  const index = shr(tile.index, k * height);
  const full = 2 ** height;
  const max = shr(treeSize, level * height); // hashes at this tile level in the tree
  const start = shl(index, height);
  if (start + full <= max) return { level, index, width: full };
  if (start >= max) return null;
  return { level, index, width: max - start };
}

/**
 * The tiles a log must publish when growing from `oldSize` to `newSize` leaves: the full tiles
 * completed in between and, per level, the partial tile of the new size (nothing for levels
 * where the tree did not change). Partial tiles of intermediate sizes are not listed.
 */
export function newTiles(oldSize: number, newSize: number, height = TILE_HEIGHT): Tile[] {
  checkHeight(height);
  assertIndex(oldSize, 'oldSize');
  assertIndex(newSize, 'newSize');
  const full = 2 ** height;
  const tiles: Tile[] = [];
  for (let level = 0; shr(newSize, level * height) > 0; level++) {
    const oldN = shr(oldSize, level * height);
    const newN = shr(newSize, level * height);
    if (oldN >= newN) break;
    for (let n = shr(oldN, height); n < shr(newN, height); n++) tiles.push({ level, index: n, width: full });
    const w = newN % full;
    if (w > 0) tiles.push({ level, index: shr(newN, height), width: w });
  }
  return tiles;
}

function tileIndexes(tile: Tile, height: number): StoredHashIndex[] {
  checkHeight(height);
  checkTile(tile, height);
  const start = shl(tile.index, height);
  const indexes: StoredHashIndex[] = new Array(tile.width);
  for (let i = 0; i < tile.width; i++) indexes[i] = storedHashIndex(tile.level * height, start + i);
  return indexes;
}

function joinTile(tile: Tile, hashes: readonly Uint8Array[]): Uint8Array {
  if (!Array.isArray(hashes) || hashes.length !== tile.width) {
    throw logError('LOG.HASH_READER', '哈希读取返回数量不符');
  }
  const out = new Uint8Array(tile.width * HASH_SIZE);
  hashes.forEach((h, i) => {
    if (!(h instanceof Uint8Array) || h.length !== HASH_SIZE) {
      throw logError('LOG.HASH_READER', '哈希读取返回的值不是 32 字节哈希');
    }
    out.set(h, i * HASH_SIZE);
  });
  return out;
}

/** The bytes of `tile` (W concatenated 32-byte hashes), read from stored hashes. */
export async function readTileData(
  tile: Tile,
  readHashes: HashReader,
  height = TILE_HEIGHT,
): Promise<Uint8Array> {
  const indexes = tileIndexes(tile, height);
  return joinTile(tile, await readHashes(indexes));
}

/** Synchronous `readTileData`. */
export function readTileDataSync(tile: Tile, readHashes: SyncHashReader, height = TILE_HEIGHT): Uint8Array {
  return joinTile(tile, readHashes(tileIndexes(tile, height)));
}

// ---------------------------------------------------------------------------------------------
// Entry bundles

/** Largest entry an entry bundle can carry (2-byte length prefix). */
export const MAX_ENTRY_SIZE = 0xffff;

/** Encodes 1 to 256 entries as an entry bundle: each a big-endian uint16 length, then the bytes. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (!Array.isArray(entries) || entries.length < 1 || entries.length > TILE_WIDTH) {
    throw logError('LOG.BAD_ARGUMENT', '条目包必须包含 1 到 256 个条目');
  }
  let size = 0;
  for (const e of entries) {
    if (!(e instanceof Uint8Array) || e.length > MAX_ENTRY_SIZE) {
      throw logError('LOG.BAD_ARGUMENT', `条目超过 ${MAX_ENTRY_SIZE} 字节，无法放入条目包`);
    }
    size += 2 + e.length;
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const e of entries) {
    out[offset] = e.length >>> 8;
    out[offset + 1] = e.length & 0xff;
    out.set(e, offset + 2);
    offset += 2 + e.length;
  }
  return out;
}

/**
 * Decodes an entry bundle. With `expectedCount` (the bundle's W) the number of entries must match.
 * Throws LOG.ENTRY_BUNDLE_MALFORMED on truncation, trailing bytes or a wrong count.
 */
export function decodeEntryBundle(data: Uint8Array, expectedCount?: number): Uint8Array[] {
  const bad = (why: string) => logError('LOG.ENTRY_BUNDLE_MALFORMED', `条目包格式错误：${why}`);
  if (!(data instanceof Uint8Array)) throw bad('不是字节数组');
  const entries: Uint8Array[] = [];
  let offset = 0;
  while (offset < data.length) {
    if (offset + 2 > data.length) throw bad('长度前缀被截断');
    const length = (data[offset]! << 8) | data[offset + 1]!;
    offset += 2;
    if (offset + length > data.length) throw bad('条目被截断');
    entries.push(data.slice(offset, offset + length));
    offset += length;
    if (entries.length > TILE_WIDTH) throw bad('条目超过 256 个');
  }
  if (expectedCount !== undefined && entries.length !== expectedCount) {
    throw bad(`应有 ${expectedCount} 个条目，实有 ${entries.length} 个`);
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------
// Verifying tile reader

/** Fetches the bytes at a tile path (`tile/...`, relative to the log prefix). */
export type FetchTile = (path: string) => Promise<Uint8Array>;

/**
 * A `HashReader` for a client that trusts only a checkpoint (tree size and root hash): it fetches
 * the tiles needed for the requested stored hashes with `fetchTile` and authenticates every one
 * before use, so every hash it returns is proven to be in that tree. Like Go's tlog.TileHashReader:
 * the tiles covering the root are checked by recomputing the root, and every other tile (always a
 * full tile) by hashing it and comparing with the hash in its already-authenticated parent tile.
 * Unlike golang.org/x/mod before v0.40.0 (CVE-2026-56865), no fetched tile skips that check.
 *
 * `fetchTile` must return exactly W·32 bytes for the path it is given; a fetcher that falls back
 * to the full tile when a partial one is gone should return the first W·32 bytes of it.
 * Authenticated tiles are cached for the life of the reader.
 */
export class TileHashReader {
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
  readonly #fetchTile: FetchTile;
  readonly #height: number;
  readonly #verified = new Map<string, Uint8Array>();
  #rootCheck: Promise<void> | undefined;

  constructor(
    treeSize: number,
    rootHash: Uint8Array,
    fetchTile: FetchTile,
    options: { height?: number } = {},
  ) {
    assertIndex(treeSize, 'treeSize');
    if (treeSize > MAX_TREE_SIZE)
      throw logError('LOG.BAD_ARGUMENT', '日志参数 treeSize 超过支持的最大树规模');
    if (!(rootHash instanceof Uint8Array) || rootHash.length !== HASH_SIZE) {
      throw logError('LOG.BAD_ARGUMENT', '日志参数 rootHash 必须是 32 字节哈希');
    }
    if (typeof fetchTile !== 'function') throw logError('LOG.BAD_ARGUMENT', 'fetchTile 必须是函数');
    this.treeSize = treeSize;
    this.rootHash = rootHash.slice();
    this.#fetchTile = fetchTile;
    this.#height = checkHeight(options.height ?? TILE_HEIGHT);
  }

  /** `HashReader` over the verified tiles (bound: pass `reader.readHashes` directly). */
  readonly readHashes = async (indexes: readonly StoredHashIndex[]): Promise<Uint8Array[]> => {
    const h = this.#height;
    const n = this.treeSize;
    const limit = n === 0 ? 0 : storedHashIndex(0, n);
    for (const x of indexes) {
      if (!Number.isSafeInteger(x) || x < 0 || x >= limit) {
        throw logError('LOG.BAD_ARGUMENT', `存储位置 ${x} 不在规模为 ${n} 的日志树中`);
      }
    }
    await this.#ensureRoot();

    // Plan: for each index, its tile as it exists in this tree, plus every ancestor tile up to
    // the first one already authenticated. Tiles with a parent are always full.
    const own: Tile[] = [];
    const missing = new Map<string, Tile>();
    for (const x of indexes) {
      const base = locate(x, h).tile;
      for (let k = 0; ; k++) {
        const p = tileParent(base, k, n, h);
        if (!p || k > 64) throw new Error(`tlog: bad math in TileHashReader (size ${n}, index ${x})`);
        if (k === 0) own.push(p);
        const key = tilePath(p, h);
        if (this.#verified.has(key) || missing.has(key)) break;
        if (p.width !== 2 ** h) throw new Error(`tlog: bad math in TileHashReader: ${key} has a parent`);
        missing.set(key, p);
      }
    }

    // Fetch top-down so that every tile's parent is authenticated before the tile itself.
    const byLevel = new Map<number, Tile[]>();
    for (const t of missing.values()) byLevel.set(t.level, [...(byLevel.get(t.level) ?? []), t]);
    for (const level of [...byLevel.keys()].sort((a, b) => b - a)) {
      const tiles = byLevel.get(level)!;
      const data = await Promise.all(tiles.map((t) => this.#fetch(t)));
      tiles.forEach((t, i) => {
        const parent = tileParent(t, 1, n, h);
        const parentData = parent && this.#verified.get(tilePath(parent, h));
        if (!parent || !parentData)
          throw new Error(`tlog: bad math in TileHashReader: lost parent of ${tilePath(t, h)}`);
        const want = hashFromTile(parent, parentData, storedHashIndex(parent.level * h, t.index), h);
        if (!bytesEqual(tileHash(data[i]!), want)) throw this.#inconsistent(t);
      });
      tiles.forEach((t, i) => {
        this.#verified.set(tilePath(t, h), data[i]!);
      });
    }

    return indexes.map((x, i) => {
      const t = own[i]!;
      return hashFromTile(t, this.#verified.get(tilePath(t, h))!, x, h);
    });
  };

  #ensureRoot(): Promise<void> {
    if (!this.#rootCheck) {
      const check = this.#checkRoot();
      this.#rootCheck = check;
      check.catch(() => {
        if (this.#rootCheck === check) this.#rootCheck = undefined; // allow a retry
      });
    }
    return this.#rootCheck;
  }

  /** Fetches the tiles holding the root's complete subtrees and checks they give the root. */
  async #checkRoot(): Promise<void> {
    const h = this.#height;
    const n = this.treeSize;
    if (n === 0) return;
    const stx = treeHashIndexes(n);
    const tiles = new Map<string, Tile>();
    const tileOf = stx.map((x) => {
      const t = tileParent(locate(x, h).tile, 0, n, h);
      if (!t) throw new Error('tlog: bad math in TileHashReader root check');
      tiles.set(tilePath(t, h), t);
      return t;
    });
    const list = [...tiles.values()];
    const data = await Promise.all(list.map((t) => this.#fetch(t)));
    const fetched = new Map(list.map((t, i) => [tilePath(t, h), data[i]!]));
    const hashAt = (i: number) => hashFromTile(tileOf[i]!, fetched.get(tilePath(tileOf[i]!, h))!, stx[i]!, h);
    let root = hashAt(stx.length - 1);
    for (let i = stx.length - 2; i >= 0; i--) root = nodeHash(hashAt(i), root);
    if (!bytesEqual(root, this.rootHash)) {
      throw logError('LOG.TILE_INCONSISTENT', `下载的瓦片与规模为 ${n} 的检查点根哈希不一致`);
    }
    for (const [key, value] of fetched) this.#verified.set(key, value);
  }

  async #fetch(tile: Tile): Promise<Uint8Array> {
    const path = tilePath(tile, this.#height);
    const data = await this.#fetchTile(path);
    if (!(data instanceof Uint8Array) || data.length !== tile.width * HASH_SIZE) {
      throw logError('LOG.TILE_MALFORMED', `瓦片 ${path} 的长度应为 ${tile.width * HASH_SIZE} 字节`);
    }
    return data.slice();
  }

  #inconsistent(tile: Tile): Error {
    return logError('LOG.TILE_INCONSISTENT', `瓦片 ${tilePath(tile, this.#height)} 与其上层瓦片不一致`);
  }
}
