/**
 * Transparency log (全过程记录): append entries in the caller's transaction; the sequencer gives them
 * positions in each tenant's Merkle tree and signs checkpoints; the log is served as C2SP tlog-tiles
 * (log.routes.ts, mounted by the composition root) and verified by `fazhi log verify`.
 */
export {
  appendLogEntry,
  type LogActor,
  type LogEntryInput,
  logEntriesInsert,
  logEntriesInsertFrom,
  logEntriesJson,
  writeWithLogEntry,
} from './append.ts';
/** Receipts (RECEIPT.md): serialise one for a file, or check one offline. */
export { serializeReceipt, verifyReceipt } from './core/index.ts';
export { logEntries } from './log.tables.ts';
export { logHashes, logHeads } from './log-tree.tables.ts';
export { entryReceipt, listSubjectEntries, type SubjectEntry } from './queries.ts';
export {
  type BatchResult,
  SEQUENCER_BATCH,
  type SequenceOptions,
  type SequenceSummary,
  sequenceAll,
  sequenceBatch,
  tenantsWithPendingEntries,
} from './sequencer.ts';
export {
  type LogSigner,
  loadLogSigner,
  logSignerFor,
  logSignerFromKey,
  resolveSignerKey,
  SIGNER_KEY_FILE,
  verifierKeyOf,
} from './signer.ts';
export { dbHashReader, type LogHead, readHead } from './store.ts';
export {
  type CheckLevel,
  defaultStatePath,
  type SavedCheckpoint,
  type VerifyCheck,
  type VerifyLogOptions,
  type VerifyLogResult,
  verifyLog,
} from './verify.ts';
export { type SequencerWorkerOptions, startLogSequencer } from './worker.ts';
