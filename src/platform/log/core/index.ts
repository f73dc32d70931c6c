/**
 * Fazhi transparency log core: a pure, storage-agnostic library for an append-only,
 * tamper-evident log of canonical JSON entries.
 *
 * - RFC 8785 canonical JSON for entries (`canonical.ts`).
 * - RFC 6962 Merkle trees over a stored-hash layout that any storage can serve through a
 *   `readHashes(indexes)` function, with RFC 9162 proof verification (`merkle.ts`).
 * - An in-memory store (`memory-store.ts`).
 * - C2SP tlog-tiles paths, tiles, entry bundles and a verifying tile reader (`tiles.ts`).
 * - C2SP signed notes with Ed25519 and tlog checkpoints (`note.ts`).
 * - Offline-checkable receipts for single entries (`receipt.ts`, format in RECEIPT.md).
 *
 * Errors meant for callers are DomainErrors with `LOG.*` codes (see `LogErrorCode`);
 * `verify*` functions return results instead of throwing.
 */

// Canonical JSON

export {
  /** RFC 8785 canonical JSON text of a value; throws LOG.NOT_CANONICALIZABLE for non-JSON values. */
  canonicalJson,
  /** UTF-8 bytes of `canonicalJson(value)`: what is hashed into the log. */
  canonicalJsonBytes,
  /** A JSON value (null, boolean, number, string, array, plain object). */
  type JsonValue,
} from './canonical.ts';

// Errors

export type {
  /** Stable codes of the DomainErrors thrown by the log core. */
  LogErrorCode,
} from './errors.ts';

// Merkle trees (RFC 6962, RFC 9162)

export {
  /** Root hash of the empty tree, SHA-256(""). */
  emptyRoot,
  /** Size of every hash in bytes (SHA-256): 32. */
  HASH_SIZE,
  /** Reads stored hashes by index, synchronously or asynchronously. */
  type HashReader,
  /** RFC 6962 leaf hash SHA-256(0x00 || data). */
  leafHash,
  /** Largest supported tree size (2^52), keeping all indexes safe integers. */
  MAX_TREE_SIZE,
  /** RFC 6962 node hash SHA-256(0x01 || left || right). */
  nodeHash,
  /** RFC 6962 inclusion proof (audit path) for one leaf, from O(log n) stored hashes in one read. */
  proveRecord,
  /** Synchronous `proveRecord`. */
  proveRecordSync,
  /** RFC 6962 consistency proof between two tree sizes, from O(log n) stored hashes in one read. */
  proveTree,
  /** Synchronous `proveTree`. */
  proveTreeSync,
  /** Dense storage position of a tree hash (Go tlog's StoredHashIndex numbering). */
  type StoredHashIndex,
  /** Reads stored hashes by index, synchronously. */
  type SyncHashReader,
  /** Inverse of `storedHashIndex`: the (level, n) stored at an index. */
  splitStoredHashIndex,
  /** Number of stored hashes of a tree of a given size (2n − popcount(n)). */
  storedHashCount,
  /** The hashes to store when appending leaf n: its leaf hash and the subtrees it completes. */
  storedHashesForRecord,
  /** Synchronous `storedHashesForRecord`. */
  storedHashesForRecordSync,
  /** Stored hash index of the tree hash at (level, n). */
  storedHashIndex,
  /** Root hash of the tree of a given size, from O(log n) stored hashes in one read. */
  treeHash,
  /** Stored hash indexes that make up the root of a tree of a given size. */
  treeHashIndexes,
  /** Synchronous `treeHash`. */
  treeHashSync,
  /** RFC 9162 §2.1.4.2 consistency proof verification (never throws). */
  verifyConsistency,
  /** RFC 9162 §2.1.3.2 inclusion proof verification (never throws). */
  verifyInclusion,
} from './merkle.ts';

// In-memory storage

export {
  /** Appends leaf hashes to a `MemoryHashStore` (amortised one node hash per leaf). */
  appendLeaves,
  /** Stored hashes in memory, in stored-hash-index order; `readHashes` is a bound `SyncHashReader`. */
  MemoryHashStore,
} from './memory-store.ts';

// Tiles (C2SP tlog-tiles)

export {
  /** Decodes an entry bundle; throws LOG.ENTRY_BUNDLE_MALFORMED. */
  decodeEntryBundle,
  /** Coordinates of an entry bundle: index, width. */
  type EntryBundleRef,
  /** Encodes an entry bundle (uint16 big-endian length-prefixed entries). */
  encodeEntryBundle,
  /** Path of an entry bundle, `tile/entries/<N>[.p/<W>]`. */
  entryBundlePath,
  /** Fetches tile bytes by path, for `TileHashReader`. */
  type FetchTile,
  /** A stored hash taken (or recomputed) from a tile's bytes. */
  hashFromTile,
  /** Largest entry an entry bundle can hold: 65,535 bytes. */
  MAX_ENTRY_SIZE,
  /** Largest tile level a tile path may name: 63. */
  MAX_TILE_LEVEL,
  /** Tiles to publish when the tree grows from one size to another. */
  newTiles,
  /** Parses a canonical entry bundle path; throws LOG.TILE_PATH_MALFORMED. */
  parseEntryBundlePath,
  /** Parses a canonical tile path; throws LOG.TILE_PATH_MALFORMED. */
  parseTilePath,
  /** A tile's bytes, read from stored hashes. */
  readTileData,
  /** Synchronous `readTileData`. */
  readTileDataSync,
  /** Tile height fixed by C2SP tlog-tiles: 8 tree levels per tile. */
  TILE_HEIGHT,
  /** Hashes in a full tile and entries in a full entry bundle: 256. */
  TILE_WIDTH,
  /** Coordinates of a Merkle tree tile: level, index, width. */
  type Tile,
  /** Verifying `HashReader` over tiles from an untrusted server, anchored in a checkpoint. */
  TileHashReader,
  /** The tile (of least width) that holds a stored hash. */
  tileForIndex,
  /** Path of a tile, `tile/<L>/<N>[.p/<W>]` (e.g. `tile/0/x001/x234/067`). */
  tilePath,
} from './tiles.ts';

// Signed notes and checkpoints (C2SP signed-note, tlog-checkpoint)

export {
  /** A checkpoint: origin, tree size, root hash, optional extension lines. */
  type Checkpoint,
  /** Verifier key string `<name>+<hex8>+<base64(0x01 || key)>` for an Ed25519 public key. */
  ed25519VerifierKey,
  /** Default origin prefix of Fazhi logs: `fazhi.example/log`. */
  FAZHI_LOG_ORIGIN_PREFIX,
  /** Checkpoint note text `<origin>\n<size>\n<base64 root>\n[extensions]`. */
  formatCheckpoint,
  /** Generates a new Ed25519 signer key and its verifier key. */
  generateSignerKey,
  /** Whether a string is a valid note key name (non-empty, no white space, no "+"). */
  isValidKeyName,
  /** Most signatures `openNote` parses in one note: 100. */
  MAX_NOTE_SIGNATURES,
  /** An opened note: text, verified and unverified signatures. */
  type Note,
  /** One signature line of a note (key name, key ID, base64). */
  type NoteSignature,
  /** Signs note text with one key. */
  type NoteSigner,
  /** Verifies note signatures of one key. */
  type NoteVerifier,
  /** Key ID: SHA-256(name || "\n" || type byte || public key)[:4] as a big-endian uint32. */
  noteKeyId,
  /** Opens a signed checkpoint with trusted verifiers and parses it. */
  openCheckpoint,
  /** Opens a signed note, verifying signatures of known keys; throws LOG.NOTE_* errors. */
  openNote,
  /** Parses checkpoint note text; throws LOG.CHECKPOINT_MALFORMED. */
  parseCheckpoint,
  /** Parses a signer key string `PRIVATE+KEY+<name>+<hex8>+<base64(0x01 || seed)>`; throws LOG.KEY_MALFORMED. */
  parseSignerKey,
  /** Parses a verifier key string; throws LOG.KEY_MALFORMED. */
  parseVerifierKey,
  /** Formats and signs a checkpoint. */
  signCheckpoint,
  /** Signs note text, returning the signed note with `— <name> <base64>` signature lines. */
  signNote,
  /** Origin of a tenant's log, `<prefix>/<division code>`. */
  tenantLogOrigin,
} from './note.ts';

// Receipts

export {
  /** Builds and self-checks a receipt; throws LOG.RECEIPT_MALFORMED. */
  createReceipt,
  /** An offline-checkable receipt for one entry (see RECEIPT.md). */
  type LogReceipt,
  /** `format` value of version 1 receipts: `fazhi-log-receipt/v1`. */
  RECEIPT_FORMAT,
  /** Why a receipt failed verification. */
  type ReceiptFailure,
  /** Result of `verifyReceipt`. */
  type ReceiptVerification,
  /** A receipt as canonical JSON text. */
  serializeReceipt,
  /** Verifies a receipt offline against a trusted verifier key (never throws for bad receipts). */
  verifyReceipt,
} from './receipt.ts';
