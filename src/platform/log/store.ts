/**
 * The log as stored in the database: stored hashes (`log_hashes`, Go tlog numbering), heads
 * (`log_heads`) and sequenced entries (`log_entries.seq`), read for the sequencer, tiles, entry bundles,
 * proofs and receipts.
 */
import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../kernel/db/index.ts';
import {
  HASH_SIZE,
  type HashReader,
  readTileData,
  type StoredHashIndex,
  TILE_WIDTH,
  type Tile,
} from './core/index.ts';
import { logHeads } from './log-tree.tables.ts';

/** Largest number of stored hashes read in one query. */
const READ_CHUNK = 2000;

/** A `HashReader` over one tenant's `log_hashes`: one query per call (chunked beyond 2,000 indexes). */
export function dbHashReader(db: Db, tenantId: string): HashReader {
  return async (indexes: readonly StoredHashIndex[]) => {
    const found = new Map<number, Uint8Array>();
    for (let i = 0; i < indexes.length; i += READ_CHUNK) {
      const chunk = [...new Set(indexes.slice(i, i + READ_CHUNK))];
      const rows = await queryRows<{ idx: number; hash: Uint8Array }>(
        db,
        sql`select idx, hash from log_hashes where tenant_id = ${tenantId} and idx in ${chunk}`,
      );
      for (const r of rows) found.set(Number(r.idx), new Uint8Array(r.hash));
    }
    return indexes.map((x) => {
      const h = found.get(x);
      if (!h || h.length !== HASH_SIZE) throw new Error(`log_hashes: tenant ${tenantId} has no hash ${x}`);
      return h;
    });
  };
}

/**
 * A reader that remembers every hash it has read or been given (`put`), and reads misses from the
 * database in one query per call. The sequencer keeps one per batch.
 */
export class CachedHashReader {
  readonly #cache = new Map<number, Uint8Array>();
  readonly #db: HashReader;

  constructor(db: Db, tenantId: string) {
    this.#db = dbHashReader(db, tenantId);
  }

  put(index: StoredHashIndex, hash: Uint8Array): void {
    this.#cache.set(index, hash);
  }

  readonly readHashes = async (indexes: readonly StoredHashIndex[]): Promise<Uint8Array[]> => {
    const missing = indexes.filter((x) => !this.#cache.has(x));
    if (missing.length > 0) {
      const hashes = await this.#db(missing);
      missing.forEach((x, i) => {
        this.#cache.set(x, hashes[i]!);
      });
    }
    return indexes.map((x) => this.#cache.get(x)!);
  };
}

export interface LogHead {
  size: number;
  rootHash: Uint8Array;
  checkpoint: string;
  updatedAt: Date;
}

/** The tenant's latest signed head, or null before its first entry is sequenced. */
export async function readHead(db: Db, tenantId: string): Promise<LogHead | null> {
  const [h] = await db
    .select({
      size: logHeads.size,
      rootHash: logHeads.rootHash,
      checkpoint: logHeads.checkpoint,
      updatedAt: logHeads.updatedAt,
    })
    .from(logHeads)
    .where(eq(logHeads.tenantId, tenantId));
  return h ? { ...h, size: Number(h.size) } : null;
}

/** Number of hashes at tile level `level` in a tree of `size` leaves. */
export function hashesAtTileLevel(size: number, level: number): number {
  return Math.floor(size / TILE_WIDTH ** level);
}

/** Whether the tree of `size` leaves holds all of `tile`. */
export function tileInTree(tile: Tile, size: number): boolean {
  return tile.index * TILE_WIDTH + tile.width <= hashesAtTileLevel(size, tile.level);
}

/** The bytes of a hash tile (W × 32), read with one query. */
export function readTile(db: Db, tenantId: string, tile: Tile): Promise<Uint8Array> {
  return readTileData(tile, dbHashReader(db, tenantId));
}

/** The canonical bodies of the entries at positions [start, start + count), in order. */
export async function readEntryBodies(db: Db, tenantId: string, start: number, count: number) {
  const rows = await queryRows<{ seq: number; body: string }>(
    db,
    sql`select seq, body from log_entries where tenant_id = ${tenantId} and seq >= ${start} and seq < ${start + count} order by seq`,
  );
  if (rows.length !== count || rows.some((r, i) => Number(r.seq) !== start + i)) {
    throw new Error(`log_entries: tenant ${tenantId} lacks entries in [${start}, ${start + count})`);
  }
  return rows.map((r) => r.body);
}
