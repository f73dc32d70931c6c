/**
 * Byte and text helpers shared by the log core: strict standard base64 (RFC 4648 §4), UTF-8,
 * SHA-256 and byte comparison. Internal module; the public API re-exports only what callers need.
 */
import { hash } from 'node:crypto';

/**
 * SHA-256 of one byte string. Asking node:crypto for a latin1 string and copying it out is about
 * twice as fast for small inputs as asking for a Buffer (whose allocation dominates).
 */
export function sha256(data: Uint8Array): Uint8Array {
  const s = hash('sha256', data, 'binary');
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Standard base64 with padding (RFC 4648 §4). */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

const BASE64_SHAPE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes standard padded base64, returning null for anything that is not the one canonical
 * encoding of some byte string (wrong alphabet, missing padding, whitespace, non-zero pad bits).
 * Node's own decoder silently skips bad characters, which would make signatures malleable.
 */
export function fromBase64Strict(text: string): Uint8Array | null {
  if (typeof text !== 'string' || !BASE64_SHAPE.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) return null;
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Decodes UTF-8, returning null for malformed input instead of inserting U+FFFD. */
export function fromUtf8Strict(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

/** True if the string contains an unpaired UTF-16 surrogate (it then has no UTF-8 encoding). */
export function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return true;
    }
  }
  return false;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
