import canonicalize from 'canonicalize';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, executeWithNext, queryRows } from '../../kernel/db/index.ts';
import { DomainError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { MAX_ENTRY_SIZE } from './core/index.ts';

/** Who did it: a natural person with their roles and unit, or the system itself. */
export interface LogActor {
  userId: string;
  username: string;
  displayName: string;
  roles: string[];
  unitId: string | null;
}

export interface LogEntryInput {
  tenantId: string;
  /** Dotted event name, e.g. `access.user.created`, `enforcement.case.decided`. */
  kind: string;
  actor: LogActor | null;
  subject: { type: string; id: string };
  /** What changed. Personal data must already be replaced by references or keyed hashes. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  data?: Record<string, unknown>;
  requestId?: string | null;
  at: Date;
  /** SHA-256 hex of attached files, by name. */
  attachments?: Record<string, string>;
}

/**
 * Appends one entry in the caller's transaction: the entry commits or rolls back with the change it
 * records. Returns the entry id. On PostgreSQL the insert travels with the transaction's next statement (usually
 * its COMMIT: `executeWithNext`), and a failed insert fails that statement and so the transaction.
 *
 * Takes no lock and does not touch the Merkle tree: the entry waits with `seq` null until the sequencer
 * (sequencer.ts) gives it its position, usually within a fraction of a second.
 *
 * An entry's canonical body may be at most 65,535 UTF-8 bytes (MAX_ENTRY_SIZE), the most a C2SP entry
 * bundle can carry; larger entries are refused with LOG.ENTRY_TOO_LARGE. Entries record facts, not
 * documents: put large content in a file and log its SHA-256 under `attachments`.
 */
export async function appendLogEntry(db: Db, input: LogEntryInput): Promise<string> {
  const { ids, insert } = logEntriesInsert([input]);
  await executeWithNext(db, insert);
  return ids[0]!;
}

/**
 * The insert of the log entries a JSON array holds (`logEntriesJson`): one parameter however many entries, so a
 * caller can build its statement once (`rows` may be a `Statement` placeholder) and send any number of entries.
 */
export function logEntriesInsertFrom(rows: unknown, where?: SQL): SQL {
  return sql`insert into log_entries (tenant_id, id, kind, subject_type, subject_id, actor_id, created_at, body)
      select x.tenant_id, x.id, x.kind, x.subject_type, x.subject_id, x.actor_id, x.created_at, x.body
      from json_to_recordset(${rows}::json) as x(tenant_id varchar(12), id uuid, kind text, subject_type text,
                                                subject_id text, actor_id uuid, created_at timestamptz, body text)
      ${where ? sql`where ${where}` : sql``}`;
}

/** The entries' ids and their rows as the JSON array `logEntriesInsertFrom` inserts (each body is checked here). */
export function logEntriesJson(inputs: readonly LogEntryInput[]): { ids: string[]; rows: string } {
  const ids: string[] = [];
  const rows = inputs.map((input) => {
    const { id, body } = entryBody(input);
    ids.push(id);
    return {
      tenant_id: input.tenantId,
      id,
      kind: input.kind,
      subject_type: input.subject.type,
      subject_id: input.subject.id,
      actor_id: input.actor?.userId ?? null,
      created_at: input.at.toISOString(),
      body,
    };
  });
  return { ids, rows: JSON.stringify(rows) };
}

/**
 * The entries' ids and one insert statement for all of them, for a caller that sends it together with its own
 * write (e.g. as a data-modifying `WITH` in front of its insert): one round trip, same transaction.
 */
export function logEntriesInsert(inputs: readonly LogEntryInput[]): { ids: string[]; insert: SQL } {
  const { ids, rows } = logEntriesJson(inputs);
  return { ids, insert: logEntriesInsertFrom(rows) };
}

/**
 * Runs `write` (one data-modifying statement with a RETURNING clause) and appends `entry` only when it returned a
 * row, as one statement: atomic without a transaction of its own, one round trip. For a single-row write whose
 * refusal is a condition in its own WHERE (scope, state): when nothing is returned, nothing was written or logged.
 * Returns the rows `write` returned.
 */
export async function writeWithLogEntry<T>(db: Db, write: SQL, entry: LogEntryInput): Promise<T[]> {
  const { rows } = logEntriesJson([entry]);
  return queryRows<T>(
    db,
    sql`with w as (${write}), l as (${logEntriesInsertFrom(rows, sql`exists (select 1 from w)`)}) select * from w`,
  );
}

/** A new entry's id and canonical body (refused when larger than an entry may be). */
function entryBody(input: LogEntryInput): { id: string; body: string } {
  const id = newId();
  const body = canonicalize({
    v: 1,
    id,
    tenant: input.tenantId,
    kind: input.kind,
    at: input.at.toISOString(),
    actor: input.actor ?? { system: true },
    subject: input.subject,
    ...(input.before !== undefined ? { before: input.before } : {}),
    ...(input.after !== undefined ? { after: input.after } : {}),
    ...(input.data !== undefined ? { data: input.data } : {}),
    ...(input.attachments ? { attachments: input.attachments } : {}),
    requestId: input.requestId ?? null,
  });
  if (body === undefined) throw new Error('log entry is not serialisable');
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > MAX_ENTRY_SIZE) {
    throw new DomainError(
      'LOG.ENTRY_TOO_LARGE',
      'invalid',
      `全过程记录条目过大（${bytes} 字节，上限 ${MAX_ENTRY_SIZE} 字节）；大段内容请以附件哈希（attachments）记录`,
    );
  }
  return { id, body };
}
