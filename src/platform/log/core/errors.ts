/**
 * Caller-facing errors of the log core. Every one is a DomainError of kind `invalid` with a
 * stable `LOG.*` code; the Chinese detail carries no personal data (only indexes, sizes, paths).
 * Broken internal invariants ("bad math") throw plain Errors instead: they are bugs, not input.
 */
import { DomainError, type FieldProblem } from '../../../kernel/errors.ts';

/** Stable codes of the errors thrown by the log core. */
export type LogErrorCode =
  | 'LOG.NOT_CANONICALIZABLE'
  | 'LOG.BAD_ARGUMENT'
  | 'LOG.HASH_READER'
  | 'LOG.TILE_PATH_MALFORMED'
  | 'LOG.TILE_MALFORMED'
  | 'LOG.TILE_INCONSISTENT'
  | 'LOG.ENTRY_BUNDLE_MALFORMED'
  | 'LOG.KEY_MALFORMED'
  | 'LOG.NOTE_MALFORMED'
  | 'LOG.NOTE_UNVERIFIED'
  | 'LOG.NOTE_BAD_SIGNATURE'
  | 'LOG.NOTE_AMBIGUOUS_KEY'
  | 'LOG.CHECKPOINT_MALFORMED'
  | 'LOG.RECEIPT_MALFORMED';

export function logError(code: LogErrorCode, detail: string, errors: FieldProblem[] = []): DomainError {
  return new DomainError(code, 'invalid', detail, errors);
}

/** Throws LOG.BAD_ARGUMENT unless `value` is a non-negative safe integer. */
export function assertIndex(value: unknown, what: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw logError('LOG.BAD_ARGUMENT', `日志参数 ${what} 必须是非负整数`);
  }
}
