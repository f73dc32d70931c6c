import { describe, expect, it } from 'vitest';
import {
  appendLeaves,
  canonicalJsonBytes,
  createReceipt,
  generateSignerKey,
  leafHash,
  MemoryHashStore,
  newTiles,
  openCheckpoint,
  parseSignerKey,
  parseTilePath,
  parseVerifierKey,
  proveRecordSync,
  proveTree,
  readTileDataSync,
  serializeReceipt,
  signCheckpoint,
  TileHashReader,
  tenantLogOrigin,
  tilePath,
  treeHashSync,
  verifyConsistency,
  verifyReceipt,
} from './index.ts';

describe('public API, end to end', () => {
  it('logs entries, publishes tiles and checkpoints, and lets a client verify them', async () => {
    // The log.
    const origin = tenantLogOrigin('110105');
    const keys = generateSignerKey(origin);
    const signer = parseSignerKey(keys.signerKey);
    const store = new MemoryHashStore();
    const entries: Uint8Array[] = [];
    const tiles = new Map<string, Uint8Array>();
    const checkpoints: string[] = [];
    const publish = (events: object[]) => {
      const oldSize = store.treeSize;
      const bytes = events.map((e) => canonicalJsonBytes(e));
      entries.push(...bytes);
      appendLeaves(
        store,
        bytes.map((b) => leafHash(b)),
      );
      for (const t of newTiles(oldSize, store.treeSize))
        tiles.set(tilePath(t), readTileDataSync(t, store.readHashes));
      const rootHash = treeHashSync(store.treeSize, store.readHashes);
      checkpoints.push(signCheckpoint({ origin, treeSize: store.treeSize, rootHash }, signer));
    };
    publish(Array.from({ length: 300 }, (_, i) => ({ seq: i, 事项: '行政许可', 结果: '准予' })));
    publish(Array.from({ length: 50 }, (_, i) => ({ seq: 300 + i, 事项: '行政检查' })));

    // A client that trusts only the verifier key.
    const verifier = parseVerifierKey(keys.verifierKey);
    const first = openCheckpoint(checkpoints[0]!, [verifier], origin).checkpoint;
    const latest = openCheckpoint(checkpoints[1]!, [verifier], origin).checkpoint;
    const fetchTile = async (path: string) => {
      parseTilePath(path);
      const data = tiles.get(path);
      if (!data) throw new Error(`404 ${path}`);
      return data;
    };
    const reader = new TileHashReader(latest.treeSize, latest.rootHash, fetchTile);
    const consistency = await proveTree(latest.treeSize, first.treeSize, reader.readHashes);
    expect(
      verifyConsistency(first.treeSize, latest.treeSize, consistency, first.rootHash, latest.rootHash),
    ).toBe(true);

    // A receipt for one entry, checked offline.
    const receipt = createReceipt({
      origin,
      index: 321,
      entry: entries[321]!,
      treeSize: latest.treeSize,
      inclusionProof: proveRecordSync(latest.treeSize, 321, store.readHashes),
      checkpoint: checkpoints[1]!,
      verifierKey: keys.verifierKey,
    });
    const result = verifyReceipt(serializeReceipt(receipt), keys.verifierKey);
    expect(result).toMatchObject({
      valid: true,
      trusted: true,
      index: 321,
      entry: { seq: 321, 事项: '行政检查' },
    });
  });
});
