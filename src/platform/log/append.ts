import canonicalize from 'canonicalize';
import type { Db } from '../../kernel/db/index.ts';
import { newId } from '../../kernel/ids.ts';
import { logEntries } from './log.tables.ts';

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
 * records. Returns the entry id.
 */
export async function appendLogEntry(db: Db, input: LogEntryInput): Promise<string> {
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
  await db.insert(logEntries).values({
    tenantId: input.tenantId,
    id,
    kind: input.kind,
    subjectType: input.subject.type,
    subjectId: input.subject.id,
    actorId: input.actor?.userId ?? null,
    createdAt: input.at,
    body,
  });
  return id;
}
