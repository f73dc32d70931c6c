/**
 * C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 keys, and transparency log
 * checkpoints (https://c2sp.org/tlog-checkpoint). Wire-compatible with Go's
 * golang.org/x/mod/sumdb/note and tlog.
 *
 * A signed note is text ending in "\n", a blank line, then signature lines
 * "— <key name> <base64(key ID || signature)>\n" (U+2014 EM DASH, space). The key ID is
 * SHA-256(key name || "\n" || 0x01 || Ed25519 public key)[:4], big-endian.
 */
import { createPrivateKey, createPublicKey, type KeyObject, randomBytes, sign, verify } from 'node:crypto';
import {
  concatBytes,
  fromBase64Strict,
  fromUtf8Strict,
  hasLoneSurrogate,
  sha256,
  toBase64,
  utf8,
} from './encoding.ts';
import { logError } from './errors.ts';
import { HASH_SIZE, MAX_TREE_SIZE } from './merkle.ts';

/** Signature type byte of Ed25519 note keys. */
export const ALG_ED25519 = 0x01;

/** Maximum signatures `openNote` parses (the spec requires accepting at least 16). */
export const MAX_NOTE_SIGNATURES = 100;

/** Signs note texts with one key. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(message: Uint8Array): Uint8Array;
}

/** Verifies note signatures of one key. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/** One signature line of a note. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** base64(key ID || signature), as on the signature line. */
  readonly base64: string;
}

/** An opened note: its text (ending in "\n") and its signatures. */
export interface Note {
  readonly text: string;
  /** Signatures by known keys, all verified. Never empty for a note returned by `openNote`. */
  readonly sigs: NoteSignature[];
  /** Signatures by keys not among the verifiers, not checked. */
  readonly unverifiedSigs: NoteSignature[];
}

/**
 * A key name per the spec: non-empty, no Unicode white space, no "+". (Go's unicode.IsSpace and
 * the Unicode White_Space property are the same set.)
 */
export function isValidKeyName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name !== '' &&
    !hasLoneSurrogate(name) &&
    !/\p{White_Space}/u.test(name) &&
    !name.includes('+')
  );
}

/** Key ID: first 4 bytes, big-endian, of SHA-256(name || "\n" || key), key = type byte || public key. */
export function noteKeyId(name: string, key: Uint8Array): number {
  const sum = sha256(concatBytes(utf8(name), utf8('\n'), key));
  return ((sum[0]! << 24) | (sum[1]! << 16) | (sum[2]! << 8) | sum[3]!) >>> 0;
}

const hex8 = (id: number) => id.toString(16).padStart(8, '0');

// Ed25519 raw keys <-> node:crypto KeyObjects via fixed DER prefixes (RFC 8410).
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

function privateKeyFromSeed(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
}

function publicKeyFromRaw(pub: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519, pub]), format: 'der', type: 'spki' });
}

function rawPublicKey(privateKey: KeyObject): Uint8Array {
  const der = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return new Uint8Array(der.subarray(der.length - 32));
}

/** Splits at the first `sep`: [before, after], after = '' if absent (Go's chop). */
function chop(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + sep.length)];
}

const HEX8 = /^[0-9a-fA-F]{8}$/;
const badKey = (what: string) => logError('LOG.KEY_MALFORMED', `${what}格式错误`);

/** Verifier key string for an Ed25519 public key: `<name>+<hex8 key ID>+<base64(0x01 || key)>`. */
export function ed25519VerifierKey(name: string, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw badKey('密钥名称');
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) throw badKey('Ed25519 公钥');
  const key = concatBytes(new Uint8Array([ALG_ED25519]), publicKey);
  return `${name}+${hex8(noteKeyId(name, key))}+${toBase64(key)}`;
}

/** Parses a verifier key string; throws LOG.KEY_MALFORMED (bad syntax, unknown type, key ID mismatch). */
export function parseVerifierKey(verifierKey: string): NoteVerifier {
  if (typeof verifierKey !== 'string') throw badKey('验证密钥');
  const [name, rest] = chop(verifierKey, '+');
  const [id16, key64] = chop(rest, '+');
  const key = fromBase64Strict(key64);
  if (!HEX8.test(id16) || !key || key.length === 0 || !isValidKeyName(name)) throw badKey('验证密钥');
  const keyId = Number.parseInt(id16, 16);
  if (keyId !== noteKeyId(name, key)) throw badKey('验证密钥（密钥 ID 不符）');
  if (key[0] !== ALG_ED25519 || key.length !== 33) throw badKey('验证密钥（不支持的签名类型）');
  const publicKey = publicKeyFromRaw(key.subarray(1));
  return {
    name,
    keyId,
    verify: (message, signature) => signature.length === 64 && verify(null, message, publicKey, signature),
  };
}

/** Parses a signer key string `PRIVATE+KEY+<name>+<hex8 key ID>+<base64(0x01 || seed)>`. */
export function parseSignerKey(signerKey: string): NoteSigner {
  if (typeof signerKey !== 'string') throw badKey('签名密钥');
  const [priv1, r1] = chop(signerKey, '+');
  const [priv2, r2] = chop(r1, '+');
  const [name, r3] = chop(r2, '+');
  const [id16, key64] = chop(r3, '+');
  const key = fromBase64Strict(key64);
  if (
    priv1 !== 'PRIVATE' ||
    priv2 !== 'KEY' ||
    !HEX8.test(id16) ||
    !key ||
    key.length === 0 ||
    !isValidKeyName(name)
  ) {
    throw badKey('签名密钥');
  }
  if (key[0] !== ALG_ED25519 || key.length !== 33) throw badKey('签名密钥（不支持的签名类型）');
  const privateKey = privateKeyFromSeed(key.subarray(1));
  // The key ID hashes the public key, so derive it before checking.
  const keyId = Number.parseInt(id16, 16);
  const pub = concatBytes(new Uint8Array([ALG_ED25519]), rawPublicKey(privateKey));
  if (keyId !== noteKeyId(name, pub)) throw badKey('签名密钥（密钥 ID 不符）');
  return { name, keyId, sign: (message) => new Uint8Array(sign(null, message, privateKey)) };
}

/** Generates a new Ed25519 key pair named `name` (for a log: its origin). Keep `signerKey` secret. */
export function generateSignerKey(name: string): { signerKey: string; verifierKey: string } {
  if (!isValidKeyName(name)) throw badKey('密钥名称');
  const seed = new Uint8Array(randomBytes(32));
  const pub = rawPublicKey(privateKeyFromSeed(seed));
  const verifierKey = ed25519VerifierKey(name, pub);
  const [, id16] = verifierKey.split('+');
  const signerKey = `PRIVATE+KEY+${name}+${id16}+${toBase64(concatBytes(new Uint8Array([ALG_ED25519]), seed))}`;
  return { signerKey, verifierKey };
}

const EM_DASH_PREFIX = '\u2014 ';
const malformed = (why: string) => logError('LOG.NOTE_MALFORMED', `签名注记格式错误：${why}`);

/** Throws unless `text` is valid note text: ends in "\n", no control characters but "\n". */
function checkText(text: string, what: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the spec forbids exactly these.
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) throw malformed(`${what}含有控制字符`);
  if (hasLoneSurrogate(text)) throw malformed(`${what}不是有效的 UTF-8`);
}

/**
 * Signs note `text` (which must end in "\n") with each signer and returns the signed note.
 * Throws LOG.NOTE_MALFORMED for bad text and LOG.KEY_MALFORMED for a signer with a bad name.
 */
export function signNote(text: string, ...signers: NoteSigner[]): string {
  if (typeof text !== 'string' || !text.endsWith('\n')) throw malformed('正文必须以换行结尾');
  checkText(text, '正文');
  if (signers.length === 0) throw logError('LOG.BAD_ARGUMENT', '至少需要一个签名者');
  const message = utf8(text);
  let lines = '';
  for (const s of signers) {
    if (!isValidKeyName(s.name) || !Number.isInteger(s.keyId) || s.keyId < 0 || s.keyId > 0xffffffff) {
      throw badKey('签名者');
    }
    const id = new Uint8Array([
      s.keyId >>> 24,
      (s.keyId >>> 16) & 0xff,
      (s.keyId >>> 8) & 0xff,
      s.keyId & 0xff,
    ]);
    lines += `${EM_DASH_PREFIX}${s.name} ${toBase64(concatBytes(id, s.sign(message)))}\n`;
  }
  return `${text}\n${lines}`;
}

/**
 * Opens a signed note, verifying the signatures of known keys (matched by name and key ID).
 * Per the spec, signatures of unknown keys are ignored (listed in `unverifiedSigs`); a known
 * key's failing signature rejects the note (LOG.NOTE_BAD_SIGNATURE); a note with no verified
 * signature is rejected (LOG.NOTE_UNVERIFIED); two verifiers with the same name and key ID give
 * LOG.NOTE_AMBIGUOUS_KEY; bad syntax gives LOG.NOTE_MALFORMED. Accepts text or UTF-8 bytes, and
 * verifiers as objects or verifier key strings.
 */
export function openNote(message: string | Uint8Array, verifiers: readonly (NoteVerifier | string)[]): Note {
  let msg: string;
  if (message instanceof Uint8Array) {
    const decoded = fromUtf8Strict(message);
    if (decoded === null) throw malformed('不是有效的 UTF-8');
    msg = decoded;
  } else if (typeof message === 'string') {
    msg = message;
  } else {
    throw malformed('不是文本');
  }
  checkText(msg, '注记');

  // The text is separated from the signatures by the last blank line.
  const split = msg.lastIndexOf('\n\n');
  if (split < 0) throw malformed('缺少签名前的空行');
  const text = msg.slice(0, split + 1);
  let sigs = msg.slice(split + 2);
  if (sigs === '' || !sigs.endsWith('\n')) throw malformed('签名行必须以换行结尾');

  const known = new Map<string, NoteVerifier[]>();
  for (const item of verifiers) {
    const v = typeof item === 'string' ? parseVerifierKey(item) : item;
    const key = `${v.name}+${v.keyId}`;
    known.set(key, [...(known.get(key) ?? []), v]);
  }

  const textBytes = utf8(text);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  const seenUnverified = new Set<string>();
  let count = 0;
  while (sigs.length > 0) {
    const nl = sigs.indexOf('\n');
    let line = sigs.slice(0, nl);
    sigs = sigs.slice(nl + 1);
    if (!line.startsWith(EM_DASH_PREFIX)) throw malformed('签名行必须以“— ”开头');
    line = line.slice(EM_DASH_PREFIX.length);
    const [name, b64] = chop(line, ' ');
    const raw = fromBase64Strict(b64);
    if (!raw || !isValidKeyName(name) || b64 === '' || raw.length < 5) throw malformed('签名行无法解析');
    if (++count > MAX_NOTE_SIGNATURES) throw malformed(`签名超过 ${MAX_NOTE_SIGNATURES} 个`);
    const keyId = ((raw[0]! << 24) | (raw[1]! << 16) | (raw[2]! << 8) | raw[3]!) >>> 0;
    const sig: NoteSignature = { name, keyId, base64: b64 };
    const candidates = known.get(`${name}+${keyId}`);
    if (!candidates) {
      if (!seenUnverified.has(line)) {
        seenUnverified.add(line);
        unverified.push(sig);
      }
      continue;
    }
    if (candidates.length > 1) {
      throw logError('LOG.NOTE_AMBIGUOUS_KEY', `验证密钥 ${name}+${hex8(keyId)} 重复配置`);
    }
    const id = `${name}+${keyId}`;
    if (seen.has(id)) continue; // one signature per key
    seen.add(id);
    if (!candidates[0]!.verify(textBytes, raw.subarray(4))) {
      throw logError('LOG.NOTE_BAD_SIGNATURE', `密钥 ${name}+${hex8(keyId)} 的签名无效`);
    }
    verified.push(sig);
  }
  if (verified.length === 0) throw logError('LOG.NOTE_UNVERIFIED', '注记没有可信密钥的有效签名');
  return { text, sigs: verified, unverifiedSigs: unverified };
}

// ---------------------------------------------------------------------------------------------
// Checkpoints

/** A transparency log checkpoint: the note text of a signed tree head. */
export interface Checkpoint {
  /** Log identity, e.g. `fazhi.example/log/110105`. */
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
  /** Optional extension lines (non-empty; not recommended by the spec). */
  readonly extensions?: readonly string[];
}

/** Default origin prefix of Fazhi logs; a tenant's origin is `<prefix>/<division code>`. */
export const FAZHI_LOG_ORIGIN_PREFIX = 'fazhi.example/log';

/**
 * Origin (and log key name) of a tenant's log: `<prefix>/<division code>`, where the division
 * code is a 6-, 9- or 12-digit administrative division code (GB/T 2260 and its extensions).
 */
export function tenantLogOrigin(divisionCode: string, prefix = FAZHI_LOG_ORIGIN_PREFIX): string {
  if (typeof divisionCode !== 'string' || !/^[0-9]{6}(?:[0-9]{3}){0,2}$/.test(divisionCode)) {
    throw logError('LOG.BAD_ARGUMENT', '行政区划代码必须是 6、9 或 12 位数字');
  }
  const origin = `${prefix}/${divisionCode}`;
  if (!isValidKeyName(origin)) throw logError('LOG.BAD_ARGUMENT', '日志来源标识不能包含空白或“+”');
  return origin;
}

const badCheckpoint = (why: string) => logError('LOG.CHECKPOINT_MALFORMED', `检查点格式错误：${why}`);
const DECIMAL = /^(0|[1-9][0-9]*)$/;

function checkLine(line: string, what: string): void {
  if (line === '') throw badCheckpoint(`${what}不能为空`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are not allowed.
  if (/[\u0000-\u001f]/.test(line) || hasLoneSurrogate(line)) throw badCheckpoint(`${what}含有无效字符`);
}

/** Checkpoint note text: `<origin>\n<tree size>\n<base64 root hash>\n` then extension lines. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, treeSize, rootHash, extensions = [] } = checkpoint;
  if (typeof origin !== 'string') throw badCheckpoint('缺少来源标识');
  checkLine(origin, '来源标识');
  if (!Number.isSafeInteger(treeSize) || treeSize < 0 || treeSize > MAX_TREE_SIZE)
    throw badCheckpoint('树规模无效');
  if (!(rootHash instanceof Uint8Array) || rootHash.length !== HASH_SIZE)
    throw badCheckpoint('根哈希必须是 32 字节');
  for (const line of extensions) {
    if (typeof line !== 'string') throw badCheckpoint('扩展行必须是文本');
    checkLine(line, '扩展行');
  }
  return [origin, String(treeSize), toBase64(rootHash), ...extensions].map((l) => `${l}\n`).join('');
}

/** Parses checkpoint note text (not a signed note; see `openCheckpoint`). Throws LOG.CHECKPOINT_MALFORMED. */
export function parseCheckpoint(text: string): Checkpoint {
  if (typeof text !== 'string' || !text.endsWith('\n')) throw badCheckpoint('必须以换行结尾');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw badCheckpoint('至少需要三行');
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]];
  checkLine(origin, '来源标识');
  if (!DECIMAL.test(size)) throw badCheckpoint('树规模必须是不带前导零的十进制数');
  const treeSize = Number(size);
  if (!Number.isSafeInteger(treeSize) || treeSize > MAX_TREE_SIZE) throw badCheckpoint('树规模超出支持范围');
  const rootHash = fromBase64Strict(root);
  if (!rootHash || rootHash.length !== HASH_SIZE) throw badCheckpoint('根哈希必须是 32 字节的 base64');
  for (const line of extensions) checkLine(line, '扩展行');
  return { origin, treeSize, rootHash, extensions };
}

/** Formats and signs a checkpoint; the signer's key name should be the origin. */
export function signCheckpoint(checkpoint: Checkpoint, ...signers: NoteSigner[]): string {
  return signNote(formatCheckpoint(checkpoint), ...signers);
}

/**
 * Opens a signed checkpoint with the given verifiers and parses it. With `expectedOrigin`, the
 * origin line must match it (LOG.CHECKPOINT_MALFORMED otherwise).
 */
export function openCheckpoint(
  message: string | Uint8Array,
  verifiers: readonly (NoteVerifier | string)[],
  expectedOrigin?: string,
): { checkpoint: Checkpoint; note: Note } {
  const note = openNote(message, verifiers);
  const checkpoint = parseCheckpoint(note.text);
  if (expectedOrigin !== undefined && checkpoint.origin !== expectedOrigin) {
    throw badCheckpoint(`来源标识应为 ${expectedOrigin}`);
  }
  return { checkpoint, note };
}
