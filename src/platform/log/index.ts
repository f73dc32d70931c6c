/** Transparency log (全过程记录): append entries in the caller's transaction. */
export { appendLogEntry, type LogActor, type LogEntryInput } from './append.ts';
export { logEntries } from './log.tables.ts';
