import canonicalize from 'canonicalize';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, executeWithNext } from '../../kernel/db/index.ts';
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
 * The entries' ids and one insert statement for all of them, for a caller that sends it together with its own
 * write (e.g. as a data-modifying `WITH` in front of the timeline insert): one round trip, same transaction.
 */
export function logEntriesInsert(inputs: readonly LogEntryInput[]): { ids: string[]; insert: SQL } {
  const rows = inputs.map(entryRow);
  // Every write in the system passes here: a plain statement keeps query building off the hot path.
  return {
    ids: rows.map((r) => r.id),
    insert: sql`insert into log_entries (tenant_id, id, kind, subject_type, subject_id, actor_id, created_at, body)
        values ${sql.join(
          rows.map((r) => r.values),
          sql`, `,
        )}`,
  };
}

/**
 * Runs `write` (one data-modifying statement with a RETURNING clause) and appends `entry` only when it returned a
 * row, as one statement: atomic without a transaction of its own, one round trip. For a single-row write whose
 * refusal is a condition in its own WHERE (scope, state): when nothing is returned, nothing was written or logged.
 * Returns the rows `write` returned.
 */
export async function writeWithLogEntry<T>(db: Db, write: SQL, entry: LogEntryInput): Promise<T[]> {
  const { values } = entryRow(entry);
  const res = (await db.execute(
    sql`with w as (${write}),
        l as (insert into log_entries (tenant_id, id, kind, subject_type, subject_id, actor_id, created_at, body)
              select v.tenant_id, v.id::uuid, v.kind, v.subject_type, v.subject_id, v.actor_id::uuid,
                     v.created_at::timestamptz, v.body
              from (values ${values}) as v (tenant_id, id, kind, subject_type, subject_id, actor_id, created_at, body)
              where exists (select 1 from w))
        select * from w`,
  )) as unknown as { rows: T[] };
  return res.rows;
}

function entryRow(input: LogEntryInput): { id: string; values: SQL } {
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
  return {
    id,
    values: sql`(${input.tenantId}, ${id}, ${input.kind}, ${input.subject.type}, ${input.subject.id},
                ${input.actor?.userId ?? null}, ${input.at.toISOString()}, ${body})`,
  };
}
