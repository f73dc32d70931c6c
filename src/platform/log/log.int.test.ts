import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps } from '../../../test/support/db.ts';
import { TEST_TENANT } from '../../../test/support/env.ts';
import { queryRows } from '../../kernel/db/index.ts';
import { createTenant } from '../tenancy/index.ts';
import {
  decodeEntryBundle,
  generateSignerKey,
  leafHash,
  MemoryHashStore,
  openCheckpoint,
  readTileDataSync,
  signCheckpoint,
  storedHashIndex,
  treeHashIndexes,
  treeHashSync,
  verifyReceipt,
} from './core/index.ts';
import {
  appendLogEntry,
  type LogSigner,
  logHashes,
  logSignerFor,
  readHead,
  sequenceAll,
  sequenceBatch,
  startLogSequencer,
  verifyLog,
  writeWithLogEntry,
} from './index.ts';

const exec = promisify(execFile);
const T = TEST_TENANT;
const ORIGIN = `fazhi.local/log/${T}`;
// A key whose base64 contains "+", the separator of key strings: parsers must not split on it.
const keys = (() => {
  for (;;) {
    const k = generateSignerKey('fazhi.local/log');
    if (k.verifierKey.split('+').length > 3 && k.signerKey.split('+').length > 5) return k;
  }
})();
const utf8 = new TextEncoder();

let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let signer: LogSigner;
let admin: Session;
let baseUrl: string;
let stateDir: string;

beforeAll(async () => {
  deps = await openTestDeps();
  deps.config.LOG_SIGNER_KEY = keys.signerKey;
  signer = logSignerFor(deps.config);
  api = await testApi(deps);
  admin = await api.login('admin');
  await api.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}/log/${T}`;
  stateDir = mkdtempSync(join(tmpdir(), 'fazhi-log-state-'));
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
  rmSync(stateDir, { recursive: true, force: true });
});

let counter = 0;
const append = (db = deps.db, subjectId = `s${counter}`) =>
  appendLogEntry(db, {
    tenantId: T,
    kind: 'test.thing.happened',
    actor: null,
    subject: { type: 'test', id: subjectId },
    data: { n: counter++ },
    at: deps.clock.now(),
  });

/** Bodies of the tenant's sequenced entries in log order; checks positions are exactly 0..n-1. */
async function sequencedBodies(): Promise<string[]> {
  const rows = await queryRows<{ seq: number; body: string }>(
    deps.db,
    sql`select seq, body from log_entries where tenant_id = ${T} and seq is not null order by seq`,
  );
  rows.forEach((r, i) => {
    expect(Number(r.seq)).toBe(i);
  });
  return rows.map((r) => r.body);
}

function memoryTree(bodies: string[]) {
  const store = new MemoryHashStore();
  store.append(bodies.map((b) => leafHash(utf8.encode(b))));
  return store;
}

const pending = async () =>
  Number(
    (
      await queryRows<{ n: number }>(
        deps.db,
        sql`select count(*) as n from log_entries where tenant_id = ${T} and seq is null`,
      )
    )[0]!.n,
  );

const verifyTool = async (url: string, vkey: string) => {
  try {
    const r = await exec(process.execPath, [resolve('tools/verify-log.mjs'), url, vkey]);
    return { code: 0, out: r.stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
};

describe('appending and sequencing', () => {
  it('append_inRolledBackTransaction_neverAppears', async () => {
    let id = '';
    await expect(
      deps.db.transaction(async (tx) => {
        id = await append(tx);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await sequenceAll(deps.db, signer);
    const rows = await queryRows(deps.db, sql`select 1 from log_entries where id = ${id}`);
    expect(rows).toHaveLength(0);
    expect(await pending()).toBe(0);
    const bodies = await sequencedBodies();
    expect(bodies.some((b) => b.includes(id))).toBe(false);
  });

  it('writeWithLogEntry_logsOnlyWhenTheWriteReturnsARow_inOneStatement', async () => {
    await deps.db.execute(
      sql`create table if not exists wwl_probe (tenant_id varchar(12), id text primary key)`,
    );
    const entry = (id: string) => ({
      tenantId: T,
      kind: 'test.written',
      actor: null,
      subject: { type: 'test', id },
      after: { id },
      at: deps.clock.now(),
    });
    const written = await writeWithLogEntry<{ id: string }>(
      deps.db,
      sql`insert into wwl_probe values (${T}, 'a') on conflict do nothing returning id`,
      entry('a'),
    );
    const refused = await writeWithLogEntry<{ id: string }>(
      deps.db,
      sql`insert into wwl_probe values (${T}, 'a') on conflict do nothing returning id`,
      entry('a-again'),
    );
    expect(written).toEqual([{ id: 'a' }]);
    expect(refused).toEqual([]);
    const logged = await queryRows<{ subject_id: string; body: string; created_at: Date }>(
      deps.db,
      sql`select subject_id, body, created_at from log_entries where kind = 'test.written' order by subject_id`,
    );
    expect(logged.map((r) => r.subject_id)).toEqual(['a']);
    expect(JSON.parse(logged[0]!.body)).toMatchObject({
      kind: 'test.written',
      after: { id: 'a' },
      actor: { system: true },
    });
    expect(new Date(logged[0]!.created_at).getTime()).toBe(deps.clock.now().getTime());
  });

  it('append_tooLargeForAnEntryBundle_isRefused', async () => {
    await expect(
      appendLogEntry(deps.db, {
        tenantId: T,
        kind: 'test.big',
        actor: null,
        subject: { type: 'test', id: 'big' },
        data: { text: 'x'.repeat(70_000) },
        at: deps.clock.now(),
      }),
    ).rejects.toMatchObject({ code: 'LOG.ENTRY_TOO_LARGE' });
  });

  it('sequencing_manyEntriesInBatches_givesTheRootAndHashesOfTheInMemoryTree', async () => {
    for (let i = 0; i < 700; i++) await append();
    const summary = await sequenceAll(deps.db, signer, { batchSize: 97 });
    expect(summary.sequenced).toBeGreaterThanOrEqual(700);
    expect(await pending()).toBe(0);

    const bodies = await sequencedBodies();
    const store = memoryTree(bodies);
    const head = (await readHead(deps.db, T))!;
    expect(head.size).toBe(bodies.length);
    expect(Buffer.from(head.rootHash)).toEqual(Buffer.from(treeHashSync(head.size, store.readHashes)));
    const opened = openCheckpoint(head.checkpoint, [keys.verifierKey], ORIGIN).checkpoint;
    expect(opened.treeSize).toBe(head.size);

    const stored = await deps.db.select().from(logHashes).where(sql`${logHashes.tenantId} = ${T}`);
    expect(stored.length).toBe(store.storedHashCount);
    const all = store.readHashes(stored.map((r) => Number(r.idx)));
    stored.forEach((r, i) => {
      expect(Buffer.from(r.hash)).toEqual(Buffer.from(all[i]!));
    });
  });

  it('concurrentAppends_withTwoSequencersRacing_areSequencedExactlyOnce', async () => {
    const before = (await readHead(deps.db, T))!.size;
    let appending = true;
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let k = 0; k < 6; k++) {
        await deps.db.transaction(async (tx) => {
          for (let j = 0; j < 5; j++) {
            await append(tx, `w${w}`);
            await new Promise((r) => setTimeout(r, Math.random() * 3));
          }
        });
      }
    });
    const sequencers = Array.from({ length: 2 }, async () => {
      while (appending) {
        await sequenceAll(deps.db, signer, { batchSize: 7 });
        await new Promise((r) => setTimeout(r, 1));
      }
    });
    await Promise.all(writers);
    appending = false;
    await Promise.all(sequencers);
    await sequenceAll(deps.db, signer);

    expect(await pending()).toBe(0);
    const bodies = await sequencedBodies(); // positions 0..n-1, no gaps, no duplicates
    expect(bodies.length).toBe(before + 8 * 6 * 5);
    expect(new Set(bodies).size).toBe(bodies.length);
    const head = (await readHead(deps.db, T))!;
    expect(Buffer.from(head.rootHash)).toEqual(
      Buffer.from(treeHashSync(head.size, memoryTree(bodies).readHashes)),
    );
  });

  it.runIf(process.env.FAZHI_TEST_ENGINE === 'postgres')(
    'sequencer_whileAnotherHoldsTheTenant_skipsIt',
    async () => {
      // PGlite has one connection, where advisory locks are re-entrant: contention exists only on PostgreSQL.
      await append();
      let release!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => {
        locked = r;
      });
      const holder = deps.db.transaction(async (tx) => {
        // the same key sequenceBatch takes
        await sequenceBatch(tx, T, signer, { batchSize: 0 });
        locked();
        await held;
      });
      await isLocked;
      const r = await sequenceBatch(deps.db, T, signer);
      expect(r.status).toBe('busy');
      release();
      await holder;
      const after = await sequenceBatch(deps.db, T, signer);
      expect(after).toMatchObject({ status: 'done', sequenced: 1 });
    },
  );

  it('worker_sequencesWithinAFewRounds_andStops', async () => {
    const stop = startLogSequencer(deps, { intervalMs: 10 });
    const id = await append();
    for (let i = 0; i < 200 && (await pending()) > 0; i++) await new Promise((r) => setTimeout(r, 10));
    await stop();
    const [row] = await queryRows<{ seq: number | null }>(
      deps.db,
      sql`select seq from log_entries where id = ${id}`,
    );
    expect(row!.seq).not.toBeNull();
  });
});

describe('serving (C2SP tlog-tiles)', () => {
  it('checkpoint_isSignedByTheDeploymentKey_andNotCached', async () => {
    const res = await api.call(null, 'GET', `/log/${T}/checkpoint`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.headers['cache-control']).toBe('no-cache');
    const { checkpoint } = openCheckpoint(res.body, [keys.verifierKey], ORIGIN);
    expect(checkpoint.treeSize).toBe((await readHead(deps.db, T))!.size);
    const vkey = await api.call(null, 'GET', `/log/${T}/vkey`);
    expect(vkey.body.trim()).toBe(keys.verifierKey);
  });

  it('tilesAndBundles_atTheSpecPaths_matchTheTree', async () => {
    const bodies = await sequencedBodies();
    const size = bodies.length;
    expect(size).toBeGreaterThan(512);
    const store = memoryTree(bodies);
    const get = (path: string) => api.call(null, 'GET', `/log/${T}/${path}`);

    const full = await get('tile/0/000');
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toBe('application/octet-stream');
    expect(full.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(full.rawPayload).toEqual(
      Buffer.from(readTileDataSync({ level: 0, index: 0, width: 256 }, store.readHashes)),
    );
    const w = size % 256;
    const lastIndex = Math.floor(size / 256);
    // Tile indices are three-digit groups (`x001/234` from 1000 on); the demo log has fewer than 256 full tiles.
    expect(lastIndex).toBeLessThan(256);
    const nnn = (n: number) => String(n).padStart(3, '0');
    const partial = await get(`tile/0/${nnn(lastIndex)}.p/${w}`);
    expect(partial.statusCode).toBe(200);
    expect(partial.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(partial.rawPayload).toEqual(
      Buffer.from(readTileDataSync({ level: 0, index: lastIndex, width: w }, store.readHashes)),
    );
    const level1 = await get(`tile/1/000.p/${lastIndex}`);
    expect(level1.rawPayload).toEqual(
      Buffer.from(readTileDataSync({ level: 1, index: 0, width: lastIndex }, store.readHashes)),
    );

    const bundle = await get('tile/entries/001');
    expect(bundle.statusCode).toBe(200);
    expect(
      decodeEntryBundle(new Uint8Array(bundle.rawPayload), 256).map((e) => Buffer.from(e).toString()),
    ).toEqual(bodies.slice(256, 512));
    const gzipped = await api.app.inject({
      method: 'GET',
      url: `/log/${T}/tile/entries/001`,
      headers: { 'accept-encoding': 'gzip, identity' },
    });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.rawPayload)).toEqual(bundle.rawPayload);
    const lastBundle = await get(`tile/entries/${nnn(lastIndex)}.p/${w}`);
    expect(
      decodeEntryBundle(new Uint8Array(lastBundle.rawPayload), w).map((e) => Buffer.from(e).toString()),
    ).toEqual(bodies.slice(lastIndex * 256));

    for (const path of [
      `tile/0/${nnn(lastIndex)}`, // not full yet
      `tile/0/${nnn(lastIndex)}.p/${w + 1}`,
      `tile/entries/${nnn(lastIndex + 1)}.p/1`,
      'tile/2/000.p/1',
      'tile/0/0', // not canonical
      'tile/0/000.p/256',
      'nothing',
    ]) {
      const res = await get(path);
      expect(res.statusCode, path).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await api.call(null, 'GET', '/log/999999/checkpoint')).statusCode).toBe(404);
    expect((await api.call(null, 'GET', '/log/abc/checkpoint')).statusCode).toBe(404);
  });
});

describe('receipts and timelines', () => {
  it('receipt_ofASequencedEntry_verifiesOfflineWithThePinnedKey', async () => {
    const id = await append(deps.db, 'case-1');
    const early = await api.call(admin, 'GET', `/api/log/entries/${id}/receipt`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('LOG.ENTRY_NOT_SEQUENCED');
    expect(early.json().detail).toMatch(/尚未/);

    await sequenceAll(deps.db, signer);
    const res = await api.call(admin, 'GET', `/api/log/entries/${id}/receipt`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const v = verifyReceipt(res.body, keys.verifierKey);
    expect(v).toMatchObject({ valid: true, trusted: true, origin: ORIGIN });
    if (v.valid) expect((v.entry as { id: string }).id).toBe(id);
    // a receipt is refused by another key
    expect(verifyReceipt(res.body, generateSignerKey('fazhi.local/log').verifierKey)).toMatchObject({
      valid: false,
      reason: 'untrusted-signer',
    });

    const missing = await api.call(
      admin,
      'GET',
      '/api/log/entries/00000000-0000-4000-8000-000000000000/receipt',
    );
    expect(missing.statusCode).toBe(404);
    const officer = await api.login('officer');
    expect((await api.call(officer, 'GET', `/api/log/entries/${id}/receipt`)).statusCode).toBe(403);
  });

  it('entriesOfASubject_areListedInLogOrder', async () => {
    await append(deps.db, 'case-1');
    const res = await api.call(admin, 'GET', '/api/log/entries?subjectType=test&subjectId=case-1');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      seq: number | null;
      kind: string;
      entry: { subject: { id: string } };
    }[];
    expect(items).toHaveLength(2);
    expect(items[0]!.seq).not.toBeNull();
    expect(items[1]!.seq).toBeNull(); // not sequenced yet: last
    expect(items.every((i) => i.entry.subject.id === 'case-1')).toBe(true);
    const bad = await api.call(admin, 'GET', '/api/log/entries');
    expect(bad.statusCode).toBe(400);
    await sequenceAll(deps.db, signer);
  });
});

describe('verification and tampering', () => {
  const state = () => join(stateDir, 'state.json');

  it('verify_anHonestLog_passesBothVerifiers_andSavesTheCheckpoint', async () => {
    const r = await verifyLog({ url: baseUrl, vkey: keys.verifierKey, statePath: state() });
    expect(r.checks.filter((c) => c.level === 'fail')).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.checks.some((c) => c.message.includes('没有此前保存的检查点'))).toBe(true);
    const tool = await verifyTool(baseUrl, keys.verifierKey);
    expect(tool.out).toContain('验证通过');
    expect(tool.code).toBe(0);
  });

  it('verify_withoutAPinnedKey_saysSo', async () => {
    const r = await verifyLog({ url: baseUrl, statePath: join(stateDir, 'other.json'), save: false });
    expect(r.ok).toBe(true);
    expect(r.checks.some((c) => c.level === 'warn' && c.message.includes('未固定'))).toBe(true);
    const wrong = await verifyLog({
      url: baseUrl,
      vkey: generateSignerKey('fazhi.local/log').verifierKey,
      save: false,
    });
    expect(wrong.ok).toBe(false);
  });

  it('tamperedEntryBody_isReportedByBothVerifiers', async () => {
    const [row] = await queryRows<{ id: string; body: string }>(
      deps.db,
      sql`select id, body from log_entries where tenant_id = ${T} and seq = 300`,
    );
    await deps.db.execute(
      sql`update log_entries set body = ${row!.body.replace('"v":1', '"v":2')} where tenant_id = ${T} and id = ${row!.id}`,
    );
    try {
      const r = await verifyLog({ url: baseUrl, vkey: keys.verifierKey, statePath: state(), save: false });
      expect(r.ok).toBe(false);
      expect(r.checks.find((c) => c.level === 'fail')!.message).toMatch(/根哈希.*不一致/);
      const tool = await verifyTool(baseUrl, keys.verifierKey);
      expect(tool.code).toBe(1);
      expect(tool.out).toMatch(/✗ 由条目重新计算的根哈希/);
    } finally {
      await deps.db.execute(
        sql`update log_entries set body = ${row!.body} where tenant_id = ${T} and id = ${row!.id}`,
      );
    }
  });

  it('tamperedStoredHash_isReportedByBothVerifiers', async () => {
    const idx = storedHashIndex(0, 5); // a leaf hash, served in tile/0/000
    const [row] = await queryRows<{ hash: Uint8Array }>(
      deps.db,
      sql`select hash from log_hashes where tenant_id = ${T} and idx = ${idx}`,
    );
    await deps.db.execute(
      sql`update log_hashes set hash = sha256(hash) where tenant_id = ${T} and idx = ${idx}`,
    );
    try {
      const r = await verifyLog({ url: baseUrl, vkey: keys.verifierKey, statePath: state(), save: false });
      expect(r.ok).toBe(false);
      expect(r.checks.filter((c) => c.level === 'fail').map((c) => c.message)).toEqual([
        expect.stringMatching(/1 个哈希瓦片与条目不一致，例如 tile\/0\/000$/),
      ]);
      const tool = await verifyTool(baseUrl, keys.verifierKey);
      expect(tool.code).toBe(1);
      expect(tool.out).toMatch(/✗ 1 个哈希瓦片与条目不一致/);
    } finally {
      await deps.db.execute(
        sql`update log_hashes set hash = ${Buffer.from(row!.hash)} where tenant_id = ${T} and idx = ${idx}`,
      );
    }
  });

  it('tamperedHashOfTheTreeFrontier_stopsTheSequencer', async () => {
    const size = (await readHead(deps.db, T))!.size;
    const idx = treeHashIndexes(size)[0]!;
    const [row] = await queryRows<{ hash: Uint8Array }>(
      deps.db,
      sql`select hash from log_hashes where tenant_id = ${T} and idx = ${idx}`,
    );
    await deps.db.execute(
      sql`update log_hashes set hash = sha256(hash) where tenant_id = ${T} and idx = ${idx}`,
    );
    try {
      const id = await append();
      // another district's log, sequenced after this one, is not held up by it
      await createTenant(deps.db, {
        id: '500114',
        name: '测试区',
        governmentName: '测试区人民政府',
        now: deps.clock.now(),
      });
      await expect(sequenceAll(deps.db, signer)).rejects.toMatchObject({ code: 'LOG.TREE_CORRUPTED' });
      expect((await readHead(deps.db, '500114'))!.size).toBeGreaterThan(0);
      const [e] = await queryRows<{ seq: number | null }>(
        deps.db,
        sql`select seq from log_entries where id = ${id}`,
      );
      expect(e!.seq).toBeNull();
    } finally {
      await deps.db.execute(
        sql`update log_hashes set hash = ${Buffer.from(row!.hash)} where tenant_id = ${T} and idx = ${idx}`,
      );
    }
    await sequenceAll(deps.db, signer);
    expect(await pending()).toBe(0);
  });

  it('consistency_afterMoreAppends_passes_andAfterAForgedRewrite_fails', async () => {
    for (let i = 0; i < 300; i++) await append();
    await sequenceAll(deps.db, signer);
    const grown = await verifyLog({ url: baseUrl, vkey: keys.verifierKey, statePath: state() });
    expect(grown.checks.filter((c) => c.level === 'fail')).toEqual([]);
    expect(grown.checks.some((c) => c.level === 'ok' && c.message.includes('日志只追加'))).toBe(true);

    // The operator rewrites history: changes entry 10, rebuilds every hash and re-signs with the real key.
    await deps.db.execute(
      sql`update log_entries set body = replace(body, '"v":1', '"v":2') where tenant_id = ${T} and seq = 10`,
    );
    const bodies = await sequencedBodies();
    const store = memoryTree(bodies);
    await deps.db.transaction(async (tx) => {
      await tx.execute(sql`delete from log_hashes where tenant_id = ${T}`);
      const all = store.readHashes(Array.from({ length: store.storedHashCount }, (_, i) => i));
      for (let i = 0; i < all.length; i += 2000)
        await tx
          .insert(logHashes)
          .values(all.slice(i, i + 2000).map((hash, k) => ({ tenantId: T, idx: i + k, hash })));
      const rootHash = treeHashSync(bodies.length, store.readHashes);
      const checkpoint = signCheckpoint({ origin: ORIGIN, treeSize: bodies.length, rootHash }, signer.note);
      await tx.execute(
        sql`update log_heads set root_hash = ${Buffer.from(rootHash)}, checkpoint = ${checkpoint} where tenant_id = ${T}`,
      );
    });
    const forged = await verifyLog({ url: baseUrl, vkey: keys.verifierKey, statePath: state() });
    expect(forged.ok).toBe(false);
    const fails = forged.checks.filter((c) => c.level === 'fail');
    expect(fails).toHaveLength(1);
    expect(fails[0]!.message).toMatch(/不一致：日志被改写过|无法证明/);
    // the stateless independent verifier sees a self-consistent log; only a saved checkpoint catches this
    expect((await verifyTool(baseUrl, keys.verifierKey)).code).toBe(0);
  });
});
