#!/usr/bin/env node
// Independent verifier of a Fazhi transparency log, written from the public specifications alone:
//   RFC 6962 §2.1 (Merkle tree hashes), https://c2sp.org/tlog-tiles (tiles and entry bundles),
//   https://c2sp.org/signed-note and https://c2sp.org/tlog-checkpoint (the signed checkpoint).
// It uses nothing but Node's own modules: no project code, no packages.
//
//   node tools/verify-log.mjs <log URL> <verifier key>
//   e.g. node tools/verify-log.mjs http://localhost:3000/log/500113 'fazhi.local/log+1a2b3c4d+AW…'
//
// Checks: the checkpoint is signed by the given key; every entry bundle downloads and parses; the root
// recomputed from the entries equals the checkpoint's; every hash tile of the tree equals the hashes
// recomputed from the entries. Prints one line per check and exits 1 if any fails (2 on bad usage).
import { createHash, createPublicKey, verify } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

const [url, vkey] = process.argv.slice(2);
if (!url || !vkey) {
  console.error('用法：node tools/verify-log.mjs <日志网址> <验证密钥>');
  process.exit(2);
}
const base = url.replace(/\/+$/, '');
let failed = false;
const ok = (msg) => console.log(`✓ ${msg}`);
const fail = (msg) => {
  failed = true;
  console.log(`✗ ${msg}`);
};
const finish = () => {
  console.log(failed ? '验证未通过' : '验证通过');
  process.exit(failed ? 1 : 0);
};

// ----------------------------------------------------------------------------------------------
// HTTP GET returning the body bytes.

function get(path) {
  const target = new URL(`${base}/${path}`);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(target, { method: 'GET', timeout: 60_000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`${path}: HTTP ${res.statusCode}`));
        else resolve(Buffer.concat(chunks));
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${path}: timeout`)));
    req.on('error', reject);
    req.end();
  });
}

// ----------------------------------------------------------------------------------------------
// RFC 6962 hashing.

const sha256 = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const LEAF = Buffer.from([0x00]);
const NODE = Buffer.from([0x01]);
const leafHash = (entry) => sha256(LEAF, entry);
const nodeHash = (left, right) => sha256(NODE, left, right);

// ----------------------------------------------------------------------------------------------
// Signed note (c2sp.org/signed-note) with an Ed25519 verifier key `<name>+<hex8 key ID>+<base64(0x01 || key)>`.

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
function strictBase64(text) {
  if (!BASE64.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

function parseVerifierKey(text) {
  // The name has no "+", the key ID is 8 hex digits, and the base64 after them may contain "+".
  const m = /^([^+]+)\+([^+]*)\+(.*)$/s.exec(text.trim());
  if (!m) throw new Error('验证密钥应为 <名称>+<密钥ID>+<base64>');
  const [, name, id, b64] = m;
  const key = strictBase64(b64);
  if (!name || !/^[0-9a-f]{8}$/i.test(id) || !key) throw new Error('验证密钥格式错误');
  if (key[0] !== 0x01 || key.length !== 33) throw new Error('验证密钥不是 Ed25519 密钥');
  const keyId = sha256(Buffer.from(`${name}\n`, 'utf8'), key).readUInt32BE(0);
  if (keyId !== Number.parseInt(id, 16)) throw new Error('验证密钥的密钥 ID 与密钥不符');
  const publicKey = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: key.subarray(1).toString('base64url') },
    format: 'jwk',
  });
  return { name, keyId, publicKey };
}

/** Returns the note text if a signature line by `key` verifies; throws otherwise. */
function openNote(message, key) {
  const split = message.lastIndexOf('\n\n');
  if (split < 0) throw new Error('检查点不是签名注记（缺少空行）');
  const text = message.slice(0, split + 1);
  const sigs = message.slice(split + 2);
  if (!sigs.endsWith('\n')) throw new Error('签名行必须以换行结尾');
  let found = false;
  for (const line of sigs.slice(0, -1).split('\n')) {
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!m) throw new Error('签名行格式错误');
    const raw = strictBase64(m[2]);
    if (!raw || raw.length < 5) throw new Error('签名行格式错误');
    if (m[1] !== key.name || raw.readUInt32BE(0) !== key.keyId) continue; // someone else's signature
    if (!verify(null, Buffer.from(text, 'utf8'), key.publicKey, raw.subarray(4))) throw new Error('签名无效');
    found = true;
  }
  if (!found) throw new Error('检查点没有该验证密钥的签名');
  return text;
}

/** c2sp.org/tlog-checkpoint: origin, decimal tree size, base64 root hash, then optional extensions. */
function parseCheckpoint(text) {
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3 || !lines[0]) throw new Error('检查点正文至少三行');
  if (!/^(0|[1-9][0-9]*)$/.test(lines[1])) throw new Error('树规模格式错误');
  const size = Number(lines[1]);
  const root = strictBase64(lines[2]);
  if (!Number.isSafeInteger(size) || !root || root.length !== 32) throw new Error('树规模或根哈希格式错误');
  return { origin: lines[0], size, root };
}

// ----------------------------------------------------------------------------------------------
// c2sp.org/tlog-tiles paths and entry bundles.

/** `<N>` of a tile path: 3-digit groups, all but the last prefixed with "x". */
function indexPath(n) {
  const groups = [];
  do {
    groups.unshift(String(n % 1000).padStart(3, '0'));
    n = Math.floor(n / 1000);
  } while (n > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}
const widthSuffix = (w) => (w < 256 ? `.p/${w}` : '');
const tilePath = (level, n, w) => `tile/${level}/${indexPath(n)}${widthSuffix(w)}`;
const bundlePath = (n, w) => `tile/entries/${indexPath(n)}${widthSuffix(w)}`;

function parseBundle(data, expected) {
  const entries = [];
  let off = 0;
  while (off < data.length) {
    if (off + 2 > data.length) throw new Error('长度前缀被截断');
    const len = data.readUInt16BE(off);
    off += 2;
    if (off + len > data.length) throw new Error('条目被截断');
    entries.push(data.subarray(off, off + len));
    off += len;
  }
  if (entries.length !== expected) throw new Error(`应有 ${expected} 个条目，实有 ${entries.length} 个`);
  return entries;
}

// ----------------------------------------------------------------------------------------------

let key;
try {
  key = parseVerifierKey(vkey);
} catch (e) {
  console.error(`错误：${e.message}`);
  process.exit(2);
}

let checkpoint;
try {
  const text = openNote((await get('checkpoint')).toString('utf8'), key);
  checkpoint = parseCheckpoint(text);
  ok(`检查点签名有效（${checkpoint.origin}，共 ${checkpoint.size} 条）`);
} catch (e) {
  fail(`检查点：${e.message}`);
  finish();
}
const { size, root } = checkpoint;

// levels[k] holds the tree hashes at height k, 32 bytes each, for every complete subtree at that height.
const levels = [Buffer.alloc(size * 32)];
try {
  const bundles = Math.ceil(size / 256);
  for (let n = 0; n < bundles; n++) {
    const width = Math.min(256, size - n * 256);
    const entries = parseBundle(await get(bundlePath(n, width)), width);
    entries.forEach((e, i) => {
      leafHash(e).copy(levels[0], (n * 256 + i) * 32);
    });
  }
  ok(`已下载并解析全部 ${bundles} 个条目包`);
} catch (e) {
  fail(`条目包：${e.message}`);
  finish();
}
for (let k = 0; levels[k].length >= 64; k++) {
  const below = levels[k];
  const count = Math.floor(below.length / 64);
  const level = Buffer.alloc(count * 32);
  for (let i = 0; i < count; i++) {
    nodeHash(below.subarray(i * 64, i * 64 + 32), below.subarray(i * 64 + 32, i * 64 + 64)).copy(
      level,
      i * 32,
    );
  }
  levels.push(level);
}

// RFC 6962 MTH: the tree splits into maximal complete subtrees, left to right, hashed right to left.
let computed = null;
if (size === 0) computed = sha256(Buffer.alloc(0));
else {
  const parts = [];
  let start = 0;
  for (let k = levels.length - 1; k >= 0; k--) {
    if (Math.floor(size / 2 ** k) % 2 === 1) {
      const i = start / 2 ** k;
      parts.push(levels[k].subarray(i * 32, i * 32 + 32));
      start += 2 ** k;
    }
  }
  computed = parts[parts.length - 1];
  for (let i = parts.length - 2; i >= 0; i--) computed = nodeHash(parts[i], computed);
}
if (computed.equals(root)) ok('由条目重新计算的根哈希与检查点一致');
else fail(`由条目重新计算的根哈希 ${computed.toString('base64')} 与检查点 ${root.toString('base64')} 不一致`);

// Every tile: tile level L holds the hashes at tree height 8·L.
let tiles = 0;
const mismatched = [];
try {
  for (let L = 0; 8 * L < levels.length && levels[8 * L].length > 0; L++) {
    const hashes = levels[8 * L];
    const count = hashes.length / 32;
    for (let n = 0; n * 256 < count; n++) {
      const width = Math.min(256, count - n * 256);
      const path = tilePath(L, n, width);
      const served = await get(path);
      tiles++;
      if (!served.equals(hashes.subarray(n * 256 * 32, (n * 256 + width) * 32))) mismatched.push(path);
    }
  }
  if (mismatched.length === 0) ok(`全部 ${tiles} 个哈希瓦片与条目一致`);
  else fail(`${mismatched.length} 个哈希瓦片与条目不一致，例如 ${mismatched.slice(0, 3).join('、')}`);
} catch (e) {
  fail(`哈希瓦片：${e.message}`);
}
finish();
