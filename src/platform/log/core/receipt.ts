/**
 * Offline-checkable receipts: everything needed to prove that one entry is in a Fazhi log,
 * checkable without contacting the log. Format: see RECEIPT.md beside this file.
 */
import type { DomainError } from '../../../kernel/errors.ts';
import { canonicalJson, type JsonValue } from './canonical.ts';
import { bytesEqual, fromBase64Strict, fromUtf8Strict, toBase64, utf8 } from './encoding.ts';
import { logError } from './errors.ts';
import { HASH_SIZE, leafHash, verifyInclusion } from './merkle.ts';
import { type NoteVerifier, openNote, parseCheckpoint, parseVerifierKey } from './note.ts';

/** Value of the `format` field of version 1 receipts. */
export const RECEIPT_FORMAT = 'fazhi-log-receipt/v1';

/** A receipt as JSON (all binary values standard base64). */
export interface LogReceipt {
  readonly format: typeof RECEIPT_FORMAT;
  /** Log origin, as on the checkpoint's first line. */
  readonly origin: string;
  /** 0-based index of the entry in the log. */
  readonly index: number;
  /** base64 of the entry's bytes: its RFC 8785 canonical JSON text in UTF-8. */
  readonly entry: string;
  /** base64 of the RFC 6962 leaf hash SHA-256(0x00 || entry bytes). */
  readonly leafHash: string;
  /** Size of the tree the proof and checkpoint are for. */
  readonly treeSize: number;
  /** base64 hashes of the RFC 6962 audit path, the leaf's sibling first. */
  readonly inclusionProof: readonly string[];
  /** The signed checkpoint (C2SP signed note text) for `treeSize`. */
  readonly checkpoint: string;
  /** The log's verifier key, `<name>+<hex key ID>+<base64 key>`: a hint, not a trust anchor. */
  readonly verifierKey: string;
}

/** Why a receipt failed verification. */
export type ReceiptFailure =
  | 'malformed'
  | 'untrusted-signer'
  | 'bad-signature'
  | 'checkpoint-mismatch'
  | 'leaf-hash-mismatch'
  | 'entry-not-canonical'
  | 'inclusion-proof';

/** Outcome of `verifyReceipt`. */
export type ReceiptVerification =
  | {
      readonly valid: true;
      /**
       * True iff the checkpoint was verified with a caller-supplied trusted key. False means only
       * that the receipt is self-consistent under the key it carries, which anyone can forge.
       */
      readonly trusted: boolean;
      readonly origin: string;
      readonly index: number;
      readonly treeSize: number;
      readonly rootHash: Uint8Array;
      /** The entry's canonical JSON text, and its parsed value. */
      readonly entryText: string;
      readonly entry: JsonValue;
    }
  | { readonly valid: false; readonly reason: ReceiptFailure; readonly detail: string };

const FIELDS = [
  'checkpoint',
  'entry',
  'format',
  'inclusionProof',
  'index',
  'leafHash',
  'origin',
  'treeSize',
  'verifierKey',
] as const;

const fail = (reason: ReceiptFailure, detail: string): ReceiptVerification => ({
  valid: false,
  reason,
  detail,
});
const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/**
 * Checks a receipt (object or JSON text): the checkpoint's signature, that the checkpoint is for
 * the receipt's origin and tree size, that the entry is canonical JSON whose leaf hash is
 * `leafHash`, and that the inclusion proof leads from it to the checkpoint's root hash.
 *
 * Pass the log's verifier key(s) from a trusted source as `trustedVerifierKey`; without it the
 * receipt's own `verifierKey` is used and the result has `trusted: false`. Never throws for a bad
 * receipt; throws LOG.KEY_MALFORMED only if a trusted key itself is malformed.
 */
export function verifyReceipt(
  receipt: unknown,
  trustedVerifierKey?: string | readonly string[],
): ReceiptVerification {
  const trusted =
    trustedVerifierKey === undefined
      ? undefined
      : (typeof trustedVerifierKey === 'string' ? [trustedVerifierKey] : trustedVerifierKey).map(
          parseVerifierKey,
        );

  let r: unknown = receipt;
  if (typeof r === 'string') {
    try {
      r = JSON.parse(r);
    } catch {
      return fail('malformed', '回执不是有效的 JSON');
    }
  }
  if (typeof r !== 'object' || r === null || Array.isArray(r))
    return fail('malformed', '回执必须是 JSON 对象');
  const o = r as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  if (keys.length !== FIELDS.length || keys.some((k, i) => k !== FIELDS[i])) {
    return fail('malformed', `回执字段必须恰好是 ${FIELDS.join(', ')}`);
  }
  if (o.format !== RECEIPT_FORMAT) return fail('malformed', `不支持的回执格式 ${String(o.format)}`);
  if (typeof o.origin !== 'string' || o.origin === '') return fail('malformed', 'origin 无效');
  if (!isCount(o.index) || !isCount(o.treeSize)) return fail('malformed', 'index 或 treeSize 无效');
  if (typeof o.checkpoint !== 'string' || typeof o.verifierKey !== 'string') {
    return fail('malformed', 'checkpoint 或 verifierKey 无效');
  }
  const entryBytes = typeof o.entry === 'string' ? fromBase64Strict(o.entry) : null;
  if (!entryBytes) return fail('malformed', 'entry 不是有效的 base64');
  const claimedLeaf = typeof o.leafHash === 'string' ? fromBase64Strict(o.leafHash) : null;
  if (!claimedLeaf || claimedLeaf.length !== HASH_SIZE)
    return fail('malformed', 'leafHash 不是 32 字节的 base64');
  if (!Array.isArray(o.inclusionProof)) return fail('malformed', 'inclusionProof 必须是数组');
  const proof: Uint8Array[] = [];
  for (const p of o.inclusionProof) {
    const h = typeof p === 'string' ? fromBase64Strict(p) : null;
    if (!h || h.length !== HASH_SIZE) return fail('malformed', 'inclusionProof 含有无效哈希');
    proof.push(h);
  }

  let verifiers: readonly NoteVerifier[];
  if (trusted) {
    verifiers = trusted;
  } else {
    try {
      verifiers = [parseVerifierKey(o.verifierKey)];
    } catch {
      return fail('malformed', 'verifierKey 格式错误');
    }
  }

  let text: string;
  try {
    text = openNote(o.checkpoint, verifiers).text;
  } catch (e) {
    const code = (e as DomainError).code;
    if (code === 'LOG.NOTE_BAD_SIGNATURE') return fail('bad-signature', '检查点签名无效');
    if (code === 'LOG.NOTE_UNVERIFIED') return fail('untrusted-signer', '检查点没有可信密钥的签名');
    return fail('malformed', '检查点不是有效的签名注记');
  }
  let checkpoint: ReturnType<typeof parseCheckpoint>;
  try {
    checkpoint = parseCheckpoint(text);
  } catch {
    return fail('malformed', '检查点正文格式错误');
  }
  if (checkpoint.origin !== o.origin) return fail('checkpoint-mismatch', '检查点的来源标识与回执不符');
  if (checkpoint.treeSize !== o.treeSize) return fail('checkpoint-mismatch', '检查点的树规模与回执不符');

  if (!bytesEqual(leafHash(entryBytes), claimedLeaf))
    return fail('leaf-hash-mismatch', '条目内容与叶哈希不符');
  const entryText = fromUtf8Strict(entryBytes);
  let entry: JsonValue;
  try {
    if (entryText === null) throw new Error('not UTF-8');
    entry = JSON.parse(entryText) as JsonValue;
    if (canonicalJson(entry) !== entryText) throw new Error('not canonical');
  } catch {
    return fail('entry-not-canonical', '条目不是规范化（RFC 8785）的 JSON');
  }

  if (!verifyInclusion(o.index, o.treeSize, claimedLeaf, proof, checkpoint.rootHash)) {
    return fail('inclusion-proof', '包含证明不能由条目推出检查点的根哈希');
  }
  return {
    valid: true,
    trusted: trusted !== undefined,
    origin: checkpoint.origin,
    index: o.index,
    treeSize: o.treeSize,
    rootHash: checkpoint.rootHash,
    entryText,
    entry,
  };
}

/**
 * Builds a receipt from the logged entry bytes (its canonical JSON text), its index, an inclusion
 * proof for `treeSize` and the signed checkpoint of that size, then verifies it with
 * `verifierKey`; throws LOG.RECEIPT_MALFORMED if the parts do not fit together.
 */
export function createReceipt(input: {
  origin: string;
  index: number;
  entry: string | Uint8Array;
  treeSize: number;
  inclusionProof: readonly Uint8Array[];
  checkpoint: string;
  verifierKey: string;
}): LogReceipt {
  const entryBytes = typeof input.entry === 'string' ? utf8(input.entry) : input.entry;
  if (!(entryBytes instanceof Uint8Array)) throw logError('LOG.BAD_ARGUMENT', 'entry 必须是文本或字节');
  const receipt: LogReceipt = {
    format: RECEIPT_FORMAT,
    origin: input.origin,
    index: input.index,
    entry: toBase64(entryBytes),
    leafHash: toBase64(leafHash(entryBytes)),
    treeSize: input.treeSize,
    inclusionProof: input.inclusionProof.map((h) => toBase64(h)),
    checkpoint: input.checkpoint,
    verifierKey: input.verifierKey,
  };
  const check = verifyReceipt(receipt, input.verifierKey);
  if (!check.valid)
    throw logError('LOG.RECEIPT_MALFORMED', `回执无法通过验证（${check.reason}）：${check.detail}`);
  return receipt;
}

/** The receipt as canonical JSON text (RFC 8785), e.g. for a `.json` download. */
export function serializeReceipt(receipt: LogReceipt): string {
  return canonicalJson(receipt);
}
