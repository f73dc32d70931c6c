import { createHash, hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../src/kernel/db/index.ts';
import { newId } from '../src/kernel/ids.ts';
import {
  appendLeaves,
  generateSignerKey,
  leafHash,
  MemoryHashStore,
  proveRecord,
  proveRecordSync,
  proveTree,
  proveTreeSync,
  signCheckpoint,
  storedHashIndex,
  treeHashSync,
  verifyConsistency,
  verifyInclusion,
} from '../src/platform/log/core/index.ts';
import { dbHashReader, logSignerFromKey, sequenceBatch } from '../src/platform/log/index.ts';
import { fmt, scratchDatabase } from './lib.ts';

/**
 * The transparency log's costs, each against a baseline measured in the same run:
 * (a) the in-memory Merkle append path (leaf hash + stored node hashes) vs plain SHA-256 of the same
 *     entries, digests kept as Buffers (target: ≥ 25% of the plain rate);
 * (b) append cost per entry on a tree of 10k vs 1M entries (it should not grow);
 * (c) inclusion and consistency proofs at 1,000,000 entries from memory and from the database
 *     (target: < 10 ms each);
 * (d) sequencer throughput on the database (entries/s), on an empty tree and on the 1M tree, against
 *     inserting the same entries (the appends the sequencer has to keep up with).
 */
const BIG = 1_000_000;
const ENTRIES = 20_000;

function sampleBodies(n: number): Uint8Array[] {
  const enc = new TextEncoder();
  return Array.from({ length: n }, (_, i) =>
    enc.encode(
      canonicalize({
        v: 1,
        id: newId(),
        tenant: '500113',
        kind: 'enforcement.case.decided',
        at: new Date(1_790_000_000_000 + i * 1000).toISOString(),
        actor: {
          userId: newId(),
          username: `officer${i % 500}`,
          displayName: '执法队员',
          roles: ['officer'],
          unitId: newId(),
        },
        subject: { type: 'case', id: newId() },
        after: { status: 'decided', decisionNo: `渝巴市监罚〔2026〕${i}号`, fine: (i % 97) * 100 },
        requestId: newId(),
      })!,
    ),
  );
}

/** Alternates `a` and `b` rounds for `ms`; returns each one's total time (ms) and rounds. */
function alternate(a: () => void, b: () => void, ms: number) {
  let ta = 0;
  let tb = 0;
  let rounds = 0;
  a();
  b(); // warm-up
  const end = performance.now() + ms;
  while (performance.now() < end || rounds < 3) {
    let t = performance.now();
    a();
    ta += performance.now() - t;
    t = performance.now();
    b();
    tb += performance.now() - t;
    rounds++;
  }
  return { ta, tb, rounds };
}

function timeEach(n: number, op: (i: number) => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    op(i);
    out.push(performance.now() - t);
  }
  return out;
}

async function timeEachAsync(n: number, op: (i: number) => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await op(i);
    out.push(performance.now() - t);
  }
  return out;
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return {
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    p50: s[Math.floor(s.length * 0.5)]!,
    p99: s[Math.min(s.length - 1, Math.floor(s.length * 0.99))]!,
  };
};
type Stats = ReturnType<typeof stats>;

// A deterministic pseudo-random index generator, so runs are comparable.
function rng(seed: number) {
  let x = seed >>> 0;
  return (max: number) => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return Math.floor((x / 2 ** 32) * max);
  };
}

function fakeLeaves(n: number): Uint8Array[] {
  const out: Uint8Array[] = new Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = new Uint8Array(createHash('sha256').update(`leaf ${i}`).digest());
  }
  return out;
}

interface DbResult {
  engine: 'pglite' | 'postgres';
  loadMs: number;
  inclusion: Stats;
  consistency: Stats;
  sequencerEmpty: number;
  sequencerBig: number;
  insertRate: number;
}

async function loadTree(database: Database, tenantId: string, store: MemoryHashStore, checkpoint: string) {
  const count = store.storedHashCount;
  const chunk = 200_000;
  const rootHash = treeHashSync(store.treeSize, store.readHashes);
  if (database.engine === 'pglite') {
    // COPY slows down as PGlite's in-memory table grows; building the primary key afterwards helps a bit.
    await database.pglite!.exec('alter table log_hashes drop constraint log_hashes_tenant_id_idx_pk');
    for (let start = 0; start < count; start += chunk) {
      const hashes = store.readHashes(
        Array.from({ length: Math.min(chunk, count - start) }, (_, i) => start + i),
      );
      let text = '';
      hashes.forEach((h, i) => {
        text += `${tenantId}\t${start + i}\t\\\\x${Buffer.from(h).toString('hex')}\n`;
      });
      await database.pglite!.query(`COPY log_hashes (tenant_id, idx, hash) FROM '/dev/blob'`, [], {
        blob: new Blob([text]),
      });
    }
    await database.pglite!.exec(
      'alter table log_hashes add constraint log_hashes_tenant_id_idx_pk primary key (tenant_id, idx)',
    );
  } else {
    for (let start = 0; start < count; start += chunk / 4) {
      const n = Math.min(chunk / 4, count - start);
      const idx = Array.from({ length: n }, (_, i) => start + i);
      const hashes = store.readHashes(idx).map((h) => Buffer.from(h));
      await database.db.execute(
        sql`insert into log_hashes (tenant_id, idx, hash) select ${tenantId}, unnest(${sql.param(idx)}::bigint[]), unnest(${sql.param(hashes)}::bytea[])`,
      );
    }
  }
  await database.db.execute(sql`analyze log_hashes`);
  await database.db.execute(
    sql`insert into log_heads (tenant_id, size, root_hash, checkpoint, updated_at) values (${tenantId}, ${store.treeSize}, ${Buffer.from(rootHash)}, ${checkpoint}, now())`,
  );
}

async function insertEntries(database: Database, tenantId: string, bodies: Uint8Array[]) {
  const dec = new TextDecoder();
  for (let i = 0; i < bodies.length; i += 1000) {
    const rows = bodies.slice(i, i + 1000).map((b, k) => {
      const id = newId();
      return sql`(${tenantId}, ${id}::uuid, 'bench.entry', 'case', ${String(i + k)}, ${new Date(1_790_000_000_000 + i + k)}, ${dec.decode(b)})`;
    });
    await database.db.execute(
      sql`insert into log_entries (tenant_id, id, kind, subject_type, subject_id, created_at, body) values ${sql.join(rows, sql`, `)}`,
    );
  }
}

async function sequenceRate(
  database: Database,
  tenantId: string,
  signer: ReturnType<typeof logSignerFromKey>,
) {
  const t = performance.now();
  let total = 0;
  for (;;) {
    const r = await sequenceBatch(database.db, tenantId, signer);
    total += r.sequenced;
    if (r.sequenced === 0) break;
  }
  return total / ((performance.now() - t) / 1000);
}

async function benchDb(
  engine: 'pglite' | 'postgres',
  pgUrl: string | null,
  store: MemoryHashStore,
  bodies: Uint8Array[],
): Promise<DbResult> {
  const { database, close } = await scratchDatabase(engine === 'postgres' ? pgUrl! : null, 'bench_log');
  try {
    await database.migrate();
    const keys = generateSignerKey('bench.local/log');
    const signer = logSignerFromKey(keys.signerKey, 'bench.local/log');
    const big = '990001';
    const empty = '990002';
    const rootHash = treeHashSync(store.treeSize, store.readHashes);
    const checkpoint = signCheckpoint({ origin: signer.origin(big), treeSize: BIG, rootHash }, signer.note);
    let t = performance.now();
    await loadTree(database, big, store, checkpoint);
    const loadMs = performance.now() - t;

    // (c) proofs from the database, checked against the root
    const reader = dbHashReader(database.db, big);
    const next = rng(7);
    const leaves = store.readHashes;
    for (let i = 0; i < 50; i++) await proveRecord(BIG, next(BIG), reader); // warm-up
    const inclusion = await timeEachAsync(300, async () => {
      const i = next(BIG);
      const p = await proveRecord(BIG, i, reader);
      if (i % 50 === 0 && !verifyInclusion(i, BIG, leaves([storedHashIndex(0, i)])[0]!, p, rootHash))
        throw new Error('bad inclusion proof from the database');
    });
    const consistency = await timeEachAsync(300, async () => {
      const old = 1 + next(BIG - 1);
      const p = await proveTree(BIG, old, reader);
      if (old % 50 === 0 && !verifyConsistency(old, BIG, p, treeHashSync(old, store.readHashes), rootHash))
        throw new Error('bad consistency proof from the database');
    });

    // (d) sequencer throughput vs inserting the same entries
    t = performance.now();
    await insertEntries(database, empty, bodies);
    const insertRate = bodies.length / ((performance.now() - t) / 1000);
    const sequencerEmpty = await sequenceRate(database, empty, signer);
    await insertEntries(database, big, bodies);
    const sequencerBig = await sequenceRate(database, big, signer);
    const [head] = await queryRows<{ size: number }>(
      database.db,
      sql`select size from log_heads where tenant_id = ${big}`,
    );
    if (Number(head!.size) !== BIG + bodies.length) throw new Error('sequencer did not sequence everything');
    return {
      engine,
      loadMs,
      inclusion: stats(inclusion),
      consistency: stats(consistency),
      sequencerEmpty,
      sequencerBig,
      insertRate,
    };
  } finally {
    await close();
  }
}

export async function benchLog(opts: { ms?: number; pgUrl?: string | null } = {}) {
  const ms = opts.ms ?? 5000;
  const bodies = sampleBodies(ENTRIES);
  const avgBytes = bodies.reduce((a, b) => a + b.length, 0) / bodies.length;

  // (a) Merkle append path vs plain SHA-256, both keeping every digest
  let sink: unknown;
  const a = alternate(
    () => {
      const store = new MemoryHashStore();
      for (let i = 0; i < bodies.length; i += 1000)
        appendLeaves(store, bodies.slice(i, i + 1000).map(leafHash));
      sink = store;
    },
    () => {
      // The fastest way Node 20 gives a digest as a Buffer (faster than createHash().digest() or
      // hash(..., 'buffer')): the same latin1 route the core takes.
      const out: Buffer[] = new Array(bodies.length);
      for (let i = 0; i < bodies.length; i++)
        out[i] = Buffer.from(hash('sha256', bodies[i]!, 'binary'), 'binary');
      sink = out;
    },
    ms,
  );
  void sink;
  const merkleRate = (a.rounds * bodies.length) / (a.ta / 1000);
  const rawRate = (a.rounds * bodies.length) / (a.tb / 1000);

  // (b) append cost per entry at 10k and at 1M entries
  const store = new MemoryHashStore();
  const t0 = performance.now();
  const fake = fakeLeaves(BIG);
  appendLeaves(store, fake);
  const buildMs = performance.now() - t0;
  const perEntryAt = (size: number) => {
    const samples: number[] = [];
    for (let r = 0; r < 7; r++) {
      const s = new MemoryHashStore();
      s.append(fake.slice(0, size));
      const t = performance.now();
      for (let i = 0; i < bodies.length; i += 1000) appendLeaves(s, bodies.slice(i, i + 1000).map(leafHash));
      samples.push(((performance.now() - t) * 1e6) / bodies.length);
    }
    return stats(samples).p50;
  };
  const nsAt10k = perEntryAt(10_000);
  const nsAt1M = perEntryAt(BIG);
  fake.length = 0; // free a million small arrays before the database cases

  // (c) proofs from memory at 1M
  const next = rng(1);
  const memInclusion = stats(timeEach(2000, () => proveRecordSync(BIG, next(BIG), store.readHashes)));
  const memConsistency = stats(timeEach(2000, () => proveTreeSync(BIG, 1 + next(BIG - 1), store.readHashes)));

  const db: DbResult[] = [await benchDb('pglite', null, store, bodies)];
  if (opts.pgUrl) db.push(await benchDb('postgres', opts.pgUrl, store, bodies));
  return {
    avgBytes,
    merkleRate,
    rawRate,
    ratio: merkleRate / rawRate,
    buildMs,
    nsAt10k,
    nsAt1M,
    memInclusion,
    memConsistency,
    db,
    postgresMeasured: !!opts.pgUrl,
  };
}

const msFmt = (x: number) => (x < 0.1 ? `${(x * 1000).toFixed(0)} µs` : `${x.toFixed(2)} ms`);

export function printLog(r: Awaited<ReturnType<typeof benchLog>>) {
  console.log(
    `  (a) Merkle append ${fmt(r.merkleRate)} entries/s vs plain SHA-256 ${fmt(r.rawRate)}/s → ${(r.ratio * 100).toFixed(0)}% ` +
      `(target ≥ 25%; ${Math.round(r.avgBytes)}-byte canonical entries, every digest kept as bytes in both)`,
  );
  console.log(
    `  (b) append cost per entry: ${r.nsAt10k.toFixed(0)} ns at 10k entries, ${r.nsAt1M.toFixed(0)} ns at 1M → ` +
      `×${(r.nsAt1M / r.nsAt10k).toFixed(2)} (1M-leaf tree built in ${(r.buildMs / 1000).toFixed(1)} s)`,
  );
  console.log(
    `  (c) proofs at 1,000,000 entries, memory: inclusion ${msFmt(r.memInclusion.mean)} mean / ${msFmt(r.memInclusion.p99)} p99, ` +
      `consistency ${msFmt(r.memConsistency.mean)} / ${msFmt(r.memConsistency.p99)} (target < 10 ms)`,
  );
  for (const d of r.db) {
    console.log(
      `      ${d.engine.padEnd(8)} database: inclusion ${msFmt(d.inclusion.mean)} mean / ${msFmt(d.inclusion.p99)} p99, ` +
        `consistency ${msFmt(d.consistency.mean)} / ${msFmt(d.consistency.p99)} (2M stored hashes loaded in ${(d.loadMs / 1000).toFixed(1)} s)`,
    );
  }
  for (const d of r.db) {
    console.log(
      `  (d) ${d.engine.padEnd(8)} sequencer ${fmt(d.sequencerEmpty)} entries/s on an empty tree, ${fmt(d.sequencerBig)}/s on the 1M tree; ` +
        `inserting the same entries ${fmt(d.insertRate)}/s → ${((d.sequencerBig / d.insertRate) * 100).toFixed(0)}%`,
    );
  }
  if (!r.postgresMeasured)
    console.log('      postgres: NOT MEASURED: no PostgreSQL server found (set BENCH_PG_URL)');
}
