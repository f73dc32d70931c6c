import { createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../kernel/config.ts';
import { DomainError } from '../../kernel/errors.ts';
import {
  ed25519VerifierKey,
  generateSignerKey,
  isValidKeyName,
  type NoteSigner,
  parseSignerKey,
  tenantLogOrigin,
} from './core/index.ts';

/**
 * The deployment's log key: one Ed25519 key signs the checkpoints of every tenant's log. Its key name is
 * the origin prefix (`LOG_ORIGIN_PREFIX`); each tenant's log has the origin `<prefix>/<division code>`.
 */
export interface LogSigner {
  /** The key name, equal to the origin prefix. */
  readonly name: string;
  readonly note: NoteSigner;
  /** `<name>+<hex key ID>+<base64(0x01 || public key)>`: what verifiers pin. */
  readonly verifierKey: string;
  /** Origin of a tenant's log: `<prefix>/<division code>`. */
  origin(tenantId: string): string;
}

export const SIGNER_KEY_FILE = 'log-signer.key';

const keyError = (detail: string) => new DomainError('LOG.SIGNER_KEY', 'invalid', detail);

/** The verifier key belonging to a signer key string (`PRIVATE+KEY+<name>+<id>+<base64>`). */
export function verifierKeyOf(signerKey: string): string {
  const note = parseSignerKey(signerKey); // checks syntax and the key ID
  // base64 may itself contain "+": the key is everything after the fourth one.
  const seed = Buffer.from(signerKey.split('+').slice(4).join('+'), 'base64').subarray(1);
  const privateKey = createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return ed25519VerifierKey(note.name, new Uint8Array(spki.subarray(spki.length - 32)));
}

/** A signer from a signer key string whose key name must be the origin prefix. */
export function logSignerFromKey(signerKey: string, prefix: string): LogSigner {
  if (!isValidKeyName(prefix)) throw keyError('LOG_ORIGIN_PREFIX 不能为空，且不能包含空白或“+”');
  let note: NoteSigner;
  try {
    note = parseSignerKey(signerKey.trim());
  } catch {
    throw keyError('日志签名密钥格式错误，应为 PRIVATE+KEY+<名称>+<密钥ID>+<base64> 形式的 Ed25519 签名密钥');
  }
  if (note.name !== prefix) {
    throw keyError(
      `日志签名密钥的名称（${note.name}）与 LOG_ORIGIN_PREFIX（${prefix}）不一致；两者必须相同，更换来源前缀即是新建日志，须同时换用新密钥`,
    );
  }
  const verifierKey = verifierKeyOf(signerKey.trim());
  return { name: prefix, note, verifierKey, origin: (tenantId) => tenantLogOrigin(tenantId, prefix) };
}

/**
 * The signer key text: `LOG_SIGNER_KEY` when configured, else `DATA_DIR/log-signer.key`, generated (mode
 * 600) on first use. Creation is atomic (written to a temporary file, then hard-linked into place), so
 * several processes sharing a data directory end up with the same key.
 */
export function resolveSignerKey(
  config: Pick<Config, 'LOG_SIGNER_KEY' | 'LOG_ORIGIN_PREFIX' | 'dataDir'>,
): string {
  if (config.LOG_SIGNER_KEY) return config.LOG_SIGNER_KEY.trim();
  const file = join(config.dataDir, SIGNER_KEY_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  if (!isValidKeyName(config.LOG_ORIGIN_PREFIX))
    throw keyError('LOG_ORIGIN_PREFIX 不能为空，且不能包含空白或“+”');
  const { signerKey } = generateSignerKey(config.LOG_ORIGIN_PREFIX);
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, `${signerKey}\n`, { mode: 0o600 });
  try {
    linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    unlinkSync(tmp);
  }
  return readFileSync(file, 'utf8').trim();
}

/** Loads the deployment's log signer from configuration (see `resolveSignerKey`). */
export function loadLogSigner(
  config: Pick<Config, 'LOG_SIGNER_KEY' | 'LOG_ORIGIN_PREFIX' | 'dataDir'>,
): LogSigner {
  return logSignerFromKey(resolveSignerKey(config), config.LOG_ORIGIN_PREFIX);
}

const signers = new WeakMap<object, LogSigner>();

/** `loadLogSigner`, once per configuration object. */
export function logSignerFor(config: Pick<Config, 'LOG_SIGNER_KEY' | 'LOG_ORIGIN_PREFIX' | 'dataDir'>) {
  let s = signers.get(config);
  if (!s) {
    s = loadLogSigner(config);
    signers.set(config, s);
  }
  return s;
}
