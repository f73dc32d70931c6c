/**
 * The sequencer: gives a tenant's unsequenced entries their positions in its Merkle tree, stores the
 * tree hashes they add, and signs a new checkpoint — all in one transaction per batch.
 *
 * Concurrency. Appends (`appendLogEntry`, in the callers' transactions) take no lock: they only insert a
 * row with `seq` null. Only the sequencer assigns positions, and only one sequencer per tenant works at a
 * time: each batch takes `pg_try_advisory_xact_lock` keyed by the tenant and skips the tenant when another
 * node holds it (it is doing the work). The lock is released when the batch commits, after its rows are
 * visible, so the next sequencer (READ COMMITTED) reads the new head. As a second line of defence the head
 * is updated only if its size is still the one the batch started from, `seq` only where it is still
 * null, and `log_hashes` rows are keyed by (tenant, index): a second writer would fail, not fork the log.
 *
 * Order. A batch takes the pending entries visible to it, ordered by (created_at, id), and gives them the
 * next positions. An entry whose transaction commits later with an earlier created_at (a slow request)
 * simply gets a later position in a later batch: `seq` order is the log order, and created_at (the `at`
 * of the body) is only a hint that made ordering mostly chronological. Nothing is ever re-ordered, so no
 * position is given twice and none is skipped. The positions are sent to the database as an explicit
 * (id, seq) list rather than recomputed in SQL, because under READ COMMITTED a second statement could see
 * entries committed in between and number them differently from the hashes just computed.
 *
 * Cost. Appending leaf n writes 1 + trailingZeros(n + 1) stored hashes (under 2 on average) and reads
 * the left siblings it completes. Those are either written earlier in the same batch or are among the
 * maximal complete subtrees of the tree the batch started from (at most log₂ n + 1 hashes), read in one
 * query; the same hashes give the old root, checked against the head before anything is added. Per entry
 * the cost is thus O(1) amortised hashing, O(log n) at worst, and no per-entry query.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../kernel/db/index.ts';
import { DomainError } from '../../kernel/errors.ts';
import {
  leafHash,
  signCheckpoint,
  storedHashesForRecord,
  storedHashIndex,
  treeHash,
  treeHashIndexes,
} from './core/index.ts';
import { logHeads } from './log-tree.tables.ts';
import type { LogSigner } from './signer.ts';
import { CachedHashReader, readHead } from './store.ts';

/** Entries sequenced per transaction. */
export const SEQUENCER_BATCH = 1000;

/** First key of the sequencer's advisory locks (the second is derived from the tenant id). */
const LOCK_NAMESPACE = 7130002;

/** A 32-bit advisory lock key for a tenant. */
function tenantLockKey(tenantId: string): number {
  return createHash('sha256').update(`log-sequencer:${tenantId}`).digest().readInt32BE(0);
}

export interface SequenceOptions {
  /** Entries per transaction (default 1,000). */
  batchSize?: number;
  /** When the new heads are stamped (default: now). */
  now?: () => Date;
}

export interface BatchResult {
  tenantId: string;
  /** `busy`: another sequencer holds the tenant's lock; nothing was done. */
  status: 'busy' | 'done';
  /** Entries given positions by this batch. */
  sequenced: number;
  /** Tree size after the batch. */
  size: number;
}

const utf8 = new TextEncoder();

/**
 * Sequences up to one batch of a tenant's pending entries in one transaction. Returns `busy` without
 * waiting when another sequencer holds the tenant.
 */
export async function sequenceBatch(
  db: Db,
  tenantId: string,
  signer: LogSigner,
  opts: SequenceOptions = {},
): Promise<BatchResult> {
  const batchSize = opts.batchSize ?? SEQUENCER_BATCH;
  return db.transaction(async (tx) => {
    const [lock] = await queryRows<{ locked: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(${LOCK_NAMESPACE}, ${tenantLockKey(tenantId)}) as locked`,
    );
    if (!lock?.locked) return { tenantId, status: 'busy', sequenced: 0, size: -1 };

    const head = await readHead(tx, tenantId);
    const size = head?.size ?? 0;
    const pending = await queryRows<{ id: string; body: string }>(
      tx,
      sql`select id, body from log_entries where tenant_id = ${tenantId} and seq is null order by created_at, id limit ${batchSize}`,
    );
    if (pending.length === 0) return { tenantId, status: 'done', sequenced: 0, size };

    // The old tree's maximal complete subtrees: every older hash the batch can need, and the old root.
    const reader = new CachedHashReader(tx, tenantId);
    if (size > 0) {
      await reader.readHashes(treeHashIndexes(size));
      const root = await treeHash(size, reader.readHashes);
      if (Buffer.compare(root, head!.rootHash) !== 0) {
        throw new DomainError(
          'LOG.TREE_CORRUPTED',
          'conflict',
          `行政区 ${tenantId} 的日志哈希与已签名的树头不一致，已停止排序；请用 fazhi log verify 检查并排查数据库改动`,
        );
      }
    }

    const rows: { idx: number; hash: Uint8Array }[] = [];
    for (let i = 0; i < pending.length; i++) {
      const n = size + i;
      const hashes = await storedHashesForRecord(
        n,
        leafHash(utf8.encode(pending[i]!.body)),
        reader.readHashes,
      );
      const base = storedHashIndex(0, n);
      hashes.forEach((hash, k) => {
        reader.put(base + k, hash);
        rows.push({ idx: base + k, hash });
      });
    }
    const newSize = size + pending.length;
    const rootHash = await treeHash(newSize, reader.readHashes);

    // One plain statement per 5,000 hashes (numbers and hex as two array literals): the query builder's cost
    // per row was a tenth of a busy server's CPU.
    for (let i = 0; i < rows.length; i += 5000) {
      const chunk = rows.slice(i, i + 5000);
      await tx.execute(
        sql`insert into log_hashes (tenant_id, idx, hash)
            select ${tenantId}, t.idx, decode(t.hex, 'hex')
            from unnest(${`{${chunk.map((r) => r.idx).join(',')}}`}::bigint[],
                        ${`{${chunk.map((r) => Buffer.from(r.hash).toString('hex')).join(',')}}`}::text[]) as t(idx, hex)`,
      );
    }
    const values = sql.join(
      pending.map((p, i) => sql`(${p.id}::uuid, ${size + i}::bigint)`),
      sql`, `,
    );
    const updated = await queryRows<{ id: string }>(
      tx,
      sql`update log_entries e set seq = v.seq from (values ${values}) as v(id, seq)
          where e.tenant_id = ${tenantId} and e.id = v.id and e.seq is null returning e.id`,
    );
    if (updated.length !== pending.length) throw new Error(`log sequencer: lost entries of ${tenantId}`);

    const checkpoint = signCheckpoint(
      { origin: signer.origin(tenantId), treeSize: newSize, rootHash },
      signer.note,
    );
    const now = opts.now?.() ?? new Date();
    const headRows = head
      ? await tx
          .update(logHeads)
          .set({ size: newSize, rootHash, checkpoint, updatedAt: now })
          .where(sql`${logHeads.tenantId} = ${tenantId} and ${logHeads.size} = ${size}`)
          .returning({ t: logHeads.tenantId })
      : await tx
          .insert(logHeads)
          .values({ tenantId, size: newSize, rootHash, checkpoint, updatedAt: now })
          .onConflictDoNothing()
          .returning({ t: logHeads.tenantId });
    if (headRows.length !== 1) throw new Error(`log sequencer: head of ${tenantId} moved under us`);
    return { tenantId, status: 'done', sequenced: pending.length, size: newSize };
  });
}

/** Tenants that have entries waiting for a position. */
export async function tenantsWithPendingEntries(db: Db): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select t.id from tenants t where exists (select 1 from log_entries e where e.tenant_id = t.id and e.seq is null) order by t.id`,
  );
  return rows.map((r) => r.id);
}

export interface SequenceSummary {
  /** Per tenant that had pending entries: how many were sequenced, the size, whether it was busy. */
  tenants: { tenantId: string; sequenced: number; size: number; busy: boolean }[];
  sequenced: number;
  /** Some tenant still had full batches pending when `maxBatchesPerTenant` was reached. */
  more: boolean;
}

/**
 * Sequences every pending entry of every tenant, batch after batch, and returns what it did. Tenants
 * another sequencer is working on are skipped (`busy`). A tenant whose batch fails (e.g. a corrupted
 * tree) does not hold up the others: the first error is thrown after every tenant had its turn. Tests
 * call this to sequence synchronously.
 */
export async function sequenceAll(
  db: Db,
  signer: LogSigner,
  opts: SequenceOptions & {
    /** Batches per tenant in this call before moving on (default: until none is pending). */
    maxBatchesPerTenant?: number;
  } = {},
): Promise<SequenceSummary> {
  const batchSize = opts.batchSize ?? SEQUENCER_BATCH;
  const maxBatches = opts.maxBatchesPerTenant ?? Number.POSITIVE_INFINITY;
  const summary: SequenceSummary = { tenants: [], sequenced: 0, more: false };
  let failure: unknown = null;
  for (const tenantId of await tenantsWithPendingEntries(db)) {
    const t = { tenantId, sequenced: 0, size: 0, busy: false };
    try {
      for (let batches = 0; ; batches++) {
        if (batches >= maxBatches) {
          summary.more = true;
          break;
        }
        const r = await sequenceBatch(db, tenantId, signer, { ...opts, batchSize });
        if (r.status === 'busy') {
          t.busy = true;
          break;
        }
        t.sequenced += r.sequenced;
        t.size = r.size;
        if (r.sequenced < batchSize) break;
      }
    } catch (e) {
      failure ??= e;
    }
    summary.tenants.push(t);
    summary.sequenced += t.sequenced;
  }
  if (failure) throw failure;
  return summary;
}
