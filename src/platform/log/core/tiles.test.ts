import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../kernel/errors.ts';
import { appendLeaves, MemoryHashStore } from './memory-store.ts';
import {
  HASH_SIZE,
  leafHash,
  proveRecord,
  proveTree,
  storedHashIndex,
  treeHash,
  treeHashSync,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';
import {
  decodeEntryBundle,
  encodeEntryBundle,
  entryBundlePath,
  type FetchTile,
  hashFromTile,
  newTiles,
  parseEntryBundlePath,
  parseTilePath,
  readTileData,
  readTileDataSync,
  type Tile,
  TileHashReader,
  tileForIndex,
  tilePath,
} from './tiles.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const enc = new TextEncoder();

function errorCode(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).code;
  }
  return 'no error';
}

describe('tile paths', () => {
  it('encodes the C2SP examples', () => {
    expect(tilePath({ level: 0, index: 1234067, width: 256 })).toBe('tile/0/x001/x234/067');
    expect(tilePath({ level: 0, index: 1234067, width: 8 })).toBe('tile/0/x001/x234/067.p/8');
    expect(tilePath({ level: 2, index: 0, width: 1 })).toBe('tile/2/000.p/1');
    expect(tilePath({ level: 1, index: 999, width: 255 })).toBe('tile/1/999.p/255');
    expect(tilePath({ level: 63, index: 1000, width: 256 })).toBe('tile/63/x001/000');
    expect(entryBundlePath(1234067)).toBe('tile/entries/x001/x234/067');
    expect(entryBundlePath(1234067, 8)).toBe('tile/entries/x001/x234/067.p/8'); // tessera's example
    expect(entryBundlePath(0, 1)).toBe('tile/entries/000.p/1');
  });

  // Go tlog's tilePaths vectors, with the height element dropped (C2SP paths have none) and
  // the height passed instead.
  const goVectors: { path: string; height: number; tile: Tile }[] = [
    { path: 'tile/0/001', height: 4, tile: { level: 0, index: 1, width: 16 } },
    { path: 'tile/0/001.p/5', height: 4, tile: { level: 0, index: 1, width: 5 } },
    { path: 'tile/5/x123/x456/078', height: 3, tile: { level: 5, index: 123456078, width: 8 } },
    { path: 'tile/5/x123/x456/078.p/2', height: 3, tile: { level: 5, index: 123456078, width: 2 } },
    { path: 'tile/0/x003/x057/500', height: 1, tile: { level: 0, index: 3057500, width: 2 } },
  ];

  it('round-trips paths (Go tlog TestTilePath)', () => {
    for (const v of goVectors) {
      expect(tilePath(v.tile, v.height)).toBe(v.path);
      expect(parseTilePath(v.path, v.height)).toEqual(v.tile);
    }
    for (const t of [
      { level: 0, index: 0, width: 256 },
      { level: 0, index: 0, width: 1 },
      { level: 7, index: 2 ** 53 - 1, width: 17 },
      { level: 1, index: 1000, width: 256 },
    ]) {
      expect(parseTilePath(tilePath(t))).toEqual(t);
    }
    expect(parseEntryBundlePath('tile/entries/x001/x234/067.p/8')).toEqual({ index: 1234067, width: 8 });
    expect(parseEntryBundlePath('tile/entries/000')).toEqual({ index: 0, width: 256 });
  });

  it('rejects every non-canonical or malformed path', () => {
    for (const path of [
      'tile/5/123/456/078', // Go: missing x
      'tile/-1/123/456/078', // Go: negative level
      'tile/data/x003/x057/500', // Go data tiles are not C2SP
      'tile/entries/000', // an entry bundle, not a hash tile
      'tile/0/1',
      'tile/0/0001',
      'tile/0/x000/001', // leading zero group
      'tile/0/x001',
      'tile/0/001/',
      'tile/00/001',
      'tile/64/001',
      'tile/0/001.p/256',
      'tile/0/001.p/0',
      'tile/0/001.p/05',
      'tile/0/001.p/',
      'tile/0/001.p',
      'tile/0/001.q/5',
      'tile/0/x1000/000',
      'tile/0/x01/000',
      '/tile/0/001',
      'tile/0',
      'tile/',
      'tile/0/x009/x007/x199/x254/x740/x993/000', // beyond 2^53
      'tiles/0/001',
      'tile/ 0/001',
      'tile/0/00a',
    ]) {
      expect(
        errorCode(() => parseTilePath(path)),
        path,
      ).toBe('LOG.TILE_PATH_MALFORMED');
    }
    for (const path of ['tile/entries/001.p/256', 'tile/entries/1', 'tile/0/001', 'tile/entries/x000/001']) {
      expect(
        errorCode(() => parseEntryBundlePath(path)),
        path,
      ).toBe('LOG.TILE_PATH_MALFORMED');
    }
    expect(errorCode(() => tilePath({ level: 0, index: 0, width: 0 }))).toBe('LOG.BAD_ARGUMENT');
    expect(errorCode(() => tilePath({ level: 0, index: 0, width: 257 }))).toBe('LOG.BAD_ARGUMENT');
    expect(errorCode(() => tilePath({ level: 64, index: 0, width: 1 }))).toBe('LOG.BAD_ARGUMENT');
    expect(errorCode(() => tilePath({ level: 0, index: -1, width: 1 }))).toBe('LOG.BAD_ARGUMENT');
  });
});

describe('tile geometry', () => {
  it('finds the tile of a stored hash (Go tlog TileForIndex vectors, height 2 and 8)', () => {
    expect(tileForIndex(0, 2)).toEqual({ level: 0, index: 0, width: 1 });
    expect(tileForIndex(1, 2)).toEqual({ level: 0, index: 0, width: 2 });
    expect(tileForIndex(2, 2)).toEqual({ level: 0, index: 0, width: 2 });
    expect(tileForIndex(3, 2)).toEqual({ level: 0, index: 0, width: 3 });
    expect(tileForIndex(9, 8)).toEqual({ level: 0, index: 0, width: 6 });
    // The hash of leaves [0, 256) is the first hash of tile 1/0; of [0, 512) computed from 2 hashes.
    expect(tileForIndex(storedHashIndex(8, 0))).toEqual({ level: 1, index: 0, width: 1 });
    expect(tileForIndex(storedHashIndex(9, 0))).toEqual({ level: 1, index: 0, width: 2 });
    expect(tileForIndex(storedHashIndex(0, 256 * 1000 + 3))).toEqual({ level: 0, index: 1000, width: 4 });
  });

  it('lists the tiles of a tree as in the C2SP examples (sizes 70,000 and 256)', () => {
    const tiles = newTiles(0, 70_000);
    expect(tiles.filter((t) => t.level === 0 && t.width === 256)).toHaveLength(273);
    expect(tiles.filter((t) => !(t.level === 0 && t.width === 256))).toEqual([
      { level: 0, index: 273, width: 112 },
      { level: 1, index: 0, width: 256 },
      { level: 1, index: 1, width: 17 },
      { level: 2, index: 0, width: 1 },
    ]);
    expect(newTiles(0, 256)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 1, index: 0, width: 1 },
    ]);
    expect(newTiles(0, 0)).toEqual([]);
  });

  it('lists new tiles when growing (Go tlog TestNewTilesForSize, height 10)', () => {
    for (const [oldSize, newSize, want] of [
      [1, 1, 0],
      [100, 101, 1],
      [1023, 1025, 3],
      [1024, 1030, 1],
      [1030, 2000, 1],
      [1030, 10000, 10],
      [49516517, 49516586, 3],
    ] as const) {
      expect(newTiles(oldSize, newSize, 10), `${oldSize}-${newSize}`).toHaveLength(want);
    }
  });
});

/** A log with tiles of the given height served from a memory store, as a log server would. */
function tiledLog(height: number) {
  const store = new MemoryHashStore();
  const leaves: Uint8Array[] = [];
  const fetchTile: FetchTile = async (path) =>
    readTileDataSync(parseTilePath(path, height), store.readHashes, height);
  return {
    store,
    leaves,
    fetchTile,
    add(data: Uint8Array) {
      const h = leafHash(data);
      leaves.push(h);
      appendLeaves(store, [h]);
    },
    root: (size = store.treeSize) => treeHashSync(size, store.readHashes),
  };
}

describe('tiles from stored hashes (Go tlog TestTree, height 2)', () => {
  it('publishes tiles that extend earlier ones and hold every stored hash', async () => {
    const H = 2;
    const log = tiledLog(H);
    const published = new Map<string, Uint8Array>();
    for (let i = 0; i < 100; i++) {
      const before = log.store.storedHashCount;
      log.add(enc.encode(`leaf ${i}`));
      for (const tile of newTiles(i, i + 1, H)) {
        const data = await readTileData(tile, log.store.readHashes, H);
        expect(data.length).toBe(tile.width * HASH_SIZE);
        if (tile.width > 1) {
          const old = published.get(tilePath({ ...tile, width: tile.width - 1 }, H));
          expect(old, `tile ${tilePath(tile, H)} extends an earlier tile`).toBeDefined();
          expect(hex(data.subarray(0, old!.length))).toBe(hex(old!));
        }
        published.set(tilePath(tile, H), data);
      }
      for (let x = before; x < log.store.storedHashCount; x++) {
        const tile = tileForIndex(x, H);
        const data = published.get(tilePath(tile, H));
        expect(data, `stored hash ${x} is in a published tile`).toBeDefined();
        expect(hex(hashFromTile(tile, data!, x, H))).toBe(hex(log.store.readHashes([x])[0]!));
      }
    }
  });

  it('rejects a hash asked of the wrong tile', () => {
    const data = new Uint8Array(256 * HASH_SIZE);
    expect(errorCode(() => hashFromTile({ level: 0, index: 1, width: 256 }, data, 0))).toBe(
      'LOG.BAD_ARGUMENT',
    );
    expect(errorCode(() => hashFromTile({ level: 0, index: 0, width: 256 }, data.subarray(1), 0))).toBe(
      'LOG.TILE_MALFORMED',
    );
  });
});

describe('TileHashReader', () => {
  /** Serves the same tiles, with the data behind stored hash `index` zeroed (Go's zeroIndex). */
  function zeroIndex(fetchTile: FetchTile, index: number, height: number): FetchTile {
    const { level, index: n, width } = tileForIndex(index, height);
    // tileForIndex's width is the end of the hash range; the start is width minus the span.
    return async (path) => {
      const data = (await fetchTile(path)).slice();
      const t = parseTilePath(path, height);
      if (t.level === level && t.index === n && width * HASH_SIZE <= data.length) {
        const span = 2 ** (splitLevel(index) - level * height);
        data.fill(0, (width - span) * HASH_SIZE, width * HASH_SIZE);
      }
      return data;
    };
  }
  const splitLevel = (index: number) => {
    for (let level = 0; ; level++) {
      for (let n = 0; storedHashIndex(level, n) <= index; n++)
        if (storedHashIndex(level, n) === index) return level;
    }
  };

  it('reads every stored hash and rejects every tampered tile (Go tlog TestTileHashReader, height 2)', async () => {
    const H = 2;
    const log = tiledLog(H);
    for (let size = 1; size <= 100; size++) {
      log.add(enc.encode(`leaf ${size - 1}`));
      const count = storedHashIndex(0, size);
      const all = Array.from({ length: count }, (_, i) => i);
      const expected = log.store.readHashes(all).map(hex);
      const reader = new TileHashReader(size, log.root(), log.fetchTile, { height: H });
      for (const i of all) expect(hex((await reader.readHashes([i]))[0]!)).toBe(expected[i]);
      expect(
        (await new TileHashReader(size, log.root(), log.fetchTile, { height: H }).readHashes(all)).map(hex),
      ).toEqual(expected);
      await expect(reader.readHashes([count])).rejects.toMatchObject({ code: 'LOG.BAD_ARGUMENT' });

      for (const i of all) {
        const tampered = zeroIndex(log.fetchTile, i, H);
        const one = new TileHashReader(size, log.root(), tampered, { height: H });
        await expect(one.readHashes([i]), `size ${size} index ${i}`).rejects.toMatchObject({
          code: 'LOG.TILE_INCONSISTENT',
        });
        const many = new TileHashReader(size, log.root(), tampered, { height: H });
        await expect(many.readHashes(all)).rejects.toMatchObject({ code: 'LOG.TILE_INCONSISTENT' });
      }
    }
  }, 60_000);

  it('proves records and trees from verified tiles (Go tlog TestTree, height 2)', async () => {
    const H = 2;
    const log = tiledLog(H);
    const roots: Uint8Array[] = [];
    for (let size = 1; size <= 40; size++) {
      log.add(enc.encode(`leaf ${size - 1}`));
      roots.push(log.root());
      const reader = new TileHashReader(size, log.root(), log.fetchTile, { height: H });
      for (let j = 0; j < size; j++) {
        const [h] = await reader.readHashes([storedHashIndex(0, j)]);
        expect(hex(h!)).toBe(hex(log.leaves[j]!));
        const proof = await proveRecord(size, j, reader.readHashes);
        expect(verifyInclusion(j, size, log.leaves[j]!, proof, log.root())).toBe(true);
        expect(hex(await treeHash(j + 1, reader.readHashes))).toBe(hex(roots[j]!));
        const tp = await proveTree(size, j + 1, reader.readHashes);
        expect(verifyConsistency(j + 1, size, tp, roots[j]!, log.root())).toBe(true);
      }
    }
  });

  it('works with C2SP height-8 tiles on a multi-level tree, fetching only the tiles it needs', async () => {
    const log = tiledLog(8);
    for (let i = 0; i < 70_000; i++) log.add(enc.encode(`entry ${i}`));
    const size = 70_000;
    const fetched: string[] = [];
    const counting: FetchTile = async (path) => {
      fetched.push(path);
      return log.fetchTile(path);
    };
    const reader = new TileHashReader(size, log.root(), counting);
    const proof = await proveRecord(size, 12_345, reader.readHashes);
    expect(verifyInclusion(12_345, size, log.leaves[12_345]!, proof, log.root())).toBe(true);
    // The root's tiles (the three partial tiles of the C2SP example) plus the path down to the leaf.
    expect(fetched).toEqual(
      expect.arrayContaining([
        'tile/2/000.p/1',
        'tile/1/001.p/17',
        'tile/0/273.p/112',
        'tile/1/000',
        'tile/0/048',
      ]),
    );
    const before = fetched.length;
    await proveRecord(size, 12_346, reader.readHashes); // same tiles: served from the verified cache
    expect(fetched.length).toBe(before);
    expect(fetched.every((p) => parseTilePath(p))).toBe(true);

    const old = 65_536;
    const tp = await proveTree(size, old, reader.readHashes);
    expect(verifyConsistency(old, size, tp, log.root(old), log.root())).toBe(true);
  }, 60_000);

  it('rejects tiles that do not match the checkpoint, or are the wrong size', async () => {
    const log = tiledLog(8);
    for (let i = 0; i < 600; i++) log.add(enc.encode(`entry ${i}`));
    const wrongRoot = log.root(599);
    await expect(new TileHashReader(600, wrongRoot, log.fetchTile).readHashes([0])).rejects.toMatchObject({
      code: 'LOG.TILE_INCONSISTENT',
    });
    const short: FetchTile = async (path) => (await log.fetchTile(path)).subarray(32);
    await expect(new TileHashReader(600, log.root(), short).readHashes([0])).rejects.toMatchObject({
      code: 'LOG.TILE_MALFORMED',
    });
    // A fetch failure is passed through, and the reader can retry afterwards.
    let fail = true;
    const flaky: FetchTile = async (path) => {
      if (fail) throw new Error('network down');
      return log.fetchTile(path);
    };
    const reader = new TileHashReader(600, log.root(), flaky);
    await expect(reader.readHashes([0])).rejects.toThrow('network down');
    fail = false;
    expect(hex((await reader.readHashes([0]))[0]!)).toBe(hex(log.leaves[0]!));
    // An empty tree has no hashes.
    await expect(new TileHashReader(0, log.root(0), log.fetchTile).readHashes([0])).rejects.toMatchObject({
      code: 'LOG.BAD_ARGUMENT',
    });
    expect(errorCode(() => new TileHashReader(1, new Uint8Array(31), log.fetchTile))).toBe(
      'LOG.BAD_ARGUMENT',
    );
  });
});

describe('entry bundles', () => {
  it('encodes entries with 2-byte big-endian length prefixes and decodes them back', () => {
    const entries = [enc.encode('{"a":1}'), new Uint8Array(0), new Uint8Array(300).fill(9)];
    const bundle = encodeEntryBundle(entries);
    expect(hex(bundle.subarray(0, 9))).toBe(`0007${hex(enc.encode('{"a":1}'))}`);
    expect(hex(bundle.subarray(9, 13))).toBe('0000012c');
    expect(decodeEntryBundle(bundle, 3).map(hex)).toEqual(entries.map(hex));
    expect(decodeEntryBundle(encodeEntryBundle([new Uint8Array(0xffff)]))[0]!.length).toBe(0xffff);
  });

  it('rejects malformed bundles and oversized entries', () => {
    const bundle = encodeEntryBundle([enc.encode('abc'), enc.encode('de')]);
    expect(errorCode(() => decodeEntryBundle(bundle.subarray(0, bundle.length - 1)))).toBe(
      'LOG.ENTRY_BUNDLE_MALFORMED',
    );
    expect(errorCode(() => decodeEntryBundle(bundle.subarray(0, 6)))).toBe('LOG.ENTRY_BUNDLE_MALFORMED');
    expect(errorCode(() => decodeEntryBundle(bundle, 3))).toBe('LOG.ENTRY_BUNDLE_MALFORMED');
    expect(errorCode(() => encodeEntryBundle([new Uint8Array(0x10000)]))).toBe('LOG.BAD_ARGUMENT');
    expect(errorCode(() => encodeEntryBundle([]))).toBe('LOG.BAD_ARGUMENT');
    expect(errorCode(() => encodeEntryBundle(Array.from({ length: 257 }, () => new Uint8Array(1))))).toBe(
      'LOG.BAD_ARGUMENT',
    );
  });

  it('matches the level-0 tile: each entry hashes to the corresponding leaf hash', () => {
    const log = tiledLog(8);
    const entries = Array.from({ length: 300 }, (_, i) => enc.encode(`entry ${i}`));
    for (const e of entries) log.add(e);
    const bundle = decodeEntryBundle(encodeEntryBundle(entries.slice(256)), 44);
    const tile = readTileDataSync({ level: 0, index: 1, width: 44 }, log.store.readHashes);
    bundle.forEach((e, i) => {
      expect(hex(leafHash(e))).toBe(hex(tile.subarray(i * 32, i * 32 + 32)));
    });
  });
});
