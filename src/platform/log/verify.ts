/**
 * A log monitor's check of a served Fazhi log (`fazhi log verify <URL>`): the checkpoint's signature,
 * every entry bundle, the root recomputed from the entries, every hash tile against the entries, and —
 * when a checkpoint was saved by an earlier run — a consistency proof from the (verified) tiles that the
 * log only grew since. Uses only what the log serves publicly, over HTTP.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  type Checkpoint,
  canonicalJson,
  decodeEntryBundle,
  entryBundlePath,
  leafHash,
  MemoryHashStore,
  newTiles,
  openCheckpoint,
  parseVerifierKey,
  proveTree,
  readTileDataSync,
  TILE_WIDTH,
  TileHashReader,
  tilePath,
  treeHashSync,
  verifyConsistency,
} from './core/index.ts';

export type CheckLevel = 'ok' | 'fail' | 'warn' | 'info';

/** One line of the verification report. */
export interface VerifyCheck {
  level: CheckLevel;
  message: string;
}

export interface VerifyLogOptions {
  /** The log's URL, e.g. `http://localhost:3000/log/500113`. */
  url: string;
  /** The verifier key to trust (published by the district). Without it the log's own `/vkey` is used. */
  vkey?: string | undefined;
  /** Where the last verified checkpoint is kept; default `~/.fazhi/log-state/<origin, URL-encoded>.json`. */
  statePath?: string | undefined;
  /** Save the checkpoint when every check passed (default true). */
  save?: boolean;
  fetch?: typeof fetch;
  /** Called with each line as soon as it is known. */
  onCheck?: (check: VerifyCheck) => void;
}

export interface VerifyLogResult {
  ok: boolean;
  checks: VerifyCheck[];
  origin?: string;
  treeSize?: number;
  statePath?: string;
}

/** What the state file holds: the last checkpoint that passed every check. */
export interface SavedCheckpoint {
  origin: string;
  treeSize: number;
  rootHash: string;
  checkpoint: string;
  verifierKey: string;
  verifiedAt: string;
}

/** Default state file of a log origin: `~/.fazhi/log-state/<origin, URL-encoded>.json`. */
export function defaultStatePath(origin: string): string {
  return join(homedir(), '.fazhi', 'log-state', `${encodeURIComponent(origin)}.json`);
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Verifies a served log; never throws for a bad log (the result lists what failed). */
export async function verifyLog(opts: VerifyLogOptions): Promise<VerifyLogResult> {
  const checks: VerifyCheck[] = [];
  const report = (level: CheckLevel, message: string) => {
    const c = { level, message };
    checks.push(c);
    opts.onCheck?.(c);
  };
  const result = (): VerifyLogResult => ({
    ok: !checks.some((c) => c.level === 'fail'),
    checks,
  });
  const doFetch = opts.fetch ?? fetch;
  const base = opts.url.replace(/\/+$/, '');
  const get = async (path: string): Promise<Uint8Array> => {
    const res = await doFetch(`${base}/${path}`, { signal: AbortSignal.timeout(60_000) });
    if (!res.ok) throw new Error(`${path}：HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
  const getText = async (path: string) => decoder.decode(await get(path));

  // 1. Checkpoint and key.
  let checkpointText: string;
  try {
    checkpointText = await getText('checkpoint');
  } catch (e) {
    report('fail', `无法取得检查点：${(e as Error).message}`);
    return result();
  }
  let vkey = opts.vkey?.trim();
  if (vkey) {
    try {
      parseVerifierKey(vkey);
    } catch {
      report('fail', '给出的验证密钥（--vkey）格式错误');
      return result();
    }
    report('info', `使用固定的验证密钥 ${vkey.split('+').slice(0, 2).join('+')}`);
  } else {
    try {
      vkey = (await getText('vkey')).trim();
      parseVerifierKey(vkey);
    } catch (e) {
      report('fail', `无法取得日志的验证密钥：${(e as Error).message}`);
      return result();
    }
    report(
      'warn',
      '验证密钥未固定：密钥取自被验证的服务器本身，只能证明日志自洽，不能证明由谁签发；请用 --vkey 指定区政府公布的密钥',
    );
  }

  let checkpoint: Checkpoint;
  try {
    checkpoint = openCheckpoint(checkpointText, [vkey]).checkpoint;
  } catch (e) {
    report('fail', `检查点签名验证失败：${(e as { detail?: string }).detail ?? (e as Error).message}`);
    return result();
  }
  const { origin, treeSize: size, rootHash } = checkpoint;
  const code = base.split('/').pop() ?? '';
  if (!origin.endsWith(`/${code}`)) {
    report('fail', `检查点的来源标识 ${origin} 与网址中的行政区 ${code} 不符`);
    return result();
  }
  report('ok', `检查点签名有效：${origin}，共 ${size} 条，根哈希 ${b64(rootHash)}`);
  const out = (): VerifyLogResult => ({ ...result(), origin, treeSize: size });

  // 2. Every entry bundle, and the root recomputed from the entries.
  const store = new MemoryHashStore();
  let notCanonical = 0;
  try {
    const bundles = Math.ceil(size / TILE_WIDTH);
    const fetchBundle = (i: number) => {
      const width = Math.min(TILE_WIDTH, size - i * TILE_WIDTH);
      return get(entryBundlePath(i, width)).then((data) => decodeEntryBundle(data, width));
    };
    const ahead = new Map<number, Promise<Uint8Array[]>>();
    for (let i = 0; i < bundles; i++) {
      for (let j = i; j < Math.min(bundles, i + 8); j++) if (!ahead.has(j)) ahead.set(j, fetchBundle(j));
      const entries = await ahead.get(i)!;
      ahead.delete(i);
      for (const e of entries) {
        try {
          const text = decoder.decode(e);
          if (canonicalJson(JSON.parse(text)) !== text) notCanonical++;
        } catch {
          notCanonical++;
        }
      }
      store.append(entries.map(leafHash));
    }
    for (const p of ahead.values()) p.catch(() => {});
  } catch (e) {
    report('fail', `下载条目包失败：${(e as { detail?: string }).detail ?? (e as Error).message}`);
    return out();
  }
  report('ok', `已下载全部 ${Math.ceil(size / TILE_WIDTH)} 个条目包（${size} 条）`);
  if (notCanonical > 0) report('fail', `${notCanonical} 个条目不是规范化（RFC 8785）的 JSON`);
  const recomputed = treeHashSync(size, store.readHashes);
  if (Buffer.compare(recomputed, rootHash) === 0) report('ok', '由条目重新计算的根哈希与检查点一致');
  else report('fail', `由条目重新计算的根哈希（${b64(recomputed)}）与检查点不一致：条目被改动或缺失`);

  // 3. Every hash tile agrees with the entries.
  const tiles = newTiles(0, size);
  const bad: string[] = [];
  try {
    for (let i = 0; i < tiles.length; i += 8) {
      const group = tiles.slice(i, i + 8);
      const data = await Promise.all(group.map((t) => get(tilePath(t))));
      group.forEach((t, k) => {
        if (Buffer.compare(data[k]!, readTileDataSync(t, store.readHashes)) !== 0) bad.push(tilePath(t));
      });
    }
    if (bad.length === 0) report('ok', `全部 ${tiles.length} 个哈希瓦片与条目一致`);
    else report('fail', `${bad.length} 个哈希瓦片与条目不一致，例如 ${bad.slice(0, 3).join('、')}`);
  } catch (e) {
    report('fail', `下载哈希瓦片失败：${(e as Error).message}`);
  }

  // 4. Consistency with the checkpoint saved last time.
  const statePath = opts.statePath ?? defaultStatePath(origin);
  let saved: SavedCheckpoint | null = null;
  try {
    saved = JSON.parse(readFileSync(statePath, 'utf8')) as SavedCheckpoint;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      report('fail', `无法读取保存的检查点 ${statePath}：${(e as Error).message}`);
      return { ...out(), statePath };
    }
  }
  if (!saved) {
    report('info', `没有此前保存的检查点（${statePath}），本次不做一致性验证`);
  } else if (saved.origin !== origin) {
    report('fail', `保存的检查点属于另一个日志（${saved.origin}），不是 ${origin}`);
  } else {
    const oldRoot = new Uint8Array(Buffer.from(saved.rootHash, 'base64'));
    if (saved.treeSize > size) {
      report('fail', `日志变短了：此前验证过 ${saved.treeSize} 条，现在只有 ${size} 条`);
    } else {
      try {
        const reader = new TileHashReader(size, rootHash, (p) => get(p));
        const proof = await proveTree(size, saved.treeSize, reader.readHashes);
        if (verifyConsistency(saved.treeSize, size, proof, oldRoot, rootHash)) {
          report('ok', `与此前保存的检查点（${saved.treeSize} 条）一致：日志只追加，未改写`);
        } else {
          report('fail', `与此前保存的检查点（${saved.treeSize} 条）不一致：日志被改写过`);
        }
      } catch (e) {
        report(
          'fail',
          `无法证明与此前保存的检查点（${saved.treeSize} 条）一致：${(e as { detail?: string }).detail ?? (e as Error).message}`,
        );
      }
    }
  }

  const final = { ...out(), statePath };
  if (final.ok && opts.save !== false) {
    const state: SavedCheckpoint = {
      origin,
      treeSize: size,
      rootHash: b64(rootHash),
      checkpoint: checkpointText,
      verifierKey: vkey,
      verifiedAt: new Date().toISOString(),
    };
    mkdirSync(dirname(statePath), { recursive: true });
    writeFileSync(statePath, `${JSON.stringify(state, null, 2)}\n`);
    report('info', `已保存本次检查点到 ${statePath}`);
  }
  return final;
}
