import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Field-level protection for personal data at rest (个保法; rules.md §13.2 item 4):
 * AES-256-GCM encryption for values that must be read back, keyed HMAC for values that only
 * need matching or must enter the transparency log without being readable.
 */
export interface FieldCrypto {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** Keyed hash (HMAC-SHA-256, hex): the same input gives the same output; not reversible without the key. */
  keyedHash(value: string): string;
}

export function createFieldCrypto(keyHex: string): FieldCrypto {
  const key = Buffer.from(keyHex, 'hex');
  if (key.length !== 32) throw new Error('FIELD_KEY must be 32 bytes');
  const encKey = createHmac('sha256', key).update('fazhi-field-enc').digest();
  const macKey = createHmac('sha256', key).update('fazhi-field-mac').digest();
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return `v1.${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url')}`;
    },
    decrypt(sealed) {
      const raw = Buffer.from(sealed.replace(/^v1\./, ''), 'base64url');
      const d = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
    keyedHash(value) {
      return createHmac('sha256', macKey).update(value, 'utf8').digest('hex');
    },
  };
}

/** Reads the field key from configuration, or from DATA_DIR/field.key, creating it on first start. */
export function resolveFieldKey(configured: string | undefined, dataDir: string): string {
  if (configured) return configured.toLowerCase();
  const file = join(dataDir, 'field.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

export const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
