import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../kernel/db/index.ts';
import { conflict, notFound } from '../../kernel/errors.ts';
import { createReceipt, type LogReceipt, proveRecord } from './core/index.ts';
import type { LogSigner } from './signer.ts';
import { dbHashReader, readHead } from './store.ts';

/**
 * The offline-checkable receipt of a sequenced entry (core/RECEIPT.md): the entry, its inclusion proof
 * in the tenant's latest signed tree head, that checkpoint, and the verifier key. 404 for an unknown
 * entry, 409 while it waits for the sequencer.
 */
export async function entryReceipt(
  db: Db,
  tenantId: string,
  entryId: string,
  signer: LogSigner,
): Promise<LogReceipt> {
  const [entry] = await queryRows<{ seq: number | null; body: string }>(
    db,
    sql`select seq, body from log_entries where tenant_id = ${tenantId} and id = ${entryId}`,
  );
  if (!entry) throw notFound('LOG.ENTRY_NOT_FOUND', '记录不存在或无权查看');
  const head = await readHead(db, tenantId);
  if (entry.seq === null || !head || head.size <= Number(entry.seq)) {
    throw conflict(
      'LOG.ENTRY_NOT_SEQUENCED',
      '该记录尚未排入全过程记录日志（通常在一秒内完成），暂时无法出具回执，请稍后重试',
    );
  }
  const index = Number(entry.seq);
  // Hashes of a tree, once written, never change: the proof needs no transaction with the head.
  const inclusionProof = await proveRecord(head.size, index, dbHashReader(db, tenantId));
  return createReceipt({
    origin: signer.origin(tenantId),
    index,
    entry: entry.body,
    treeSize: head.size,
    inclusionProof,
    checkpoint: head.checkpoint,
    verifierKey: signer.verifierKey,
  });
}

export interface SubjectEntry {
  id: string;
  /** Position in the tenant's log; null until sequenced. */
  seq: number | null;
  kind: string;
  at: Date;
  actorId: string | null;
  /** The entry's canonical body, parsed. */
  entry: Record<string, unknown>;
}

/**
 * The entries about one subject (e.g. a case), in log order (unsequenced ones last, by time): the
 * raw material of a case timeline.
 */
export async function listSubjectEntries(
  db: Db,
  tenantId: string,
  q: { subjectType: string; subjectId: string; limit: number },
): Promise<SubjectEntry[]> {
  const rows = await queryRows<{
    id: string;
    seq: number | null;
    kind: string;
    created_at: Date | string;
    actor_id: string | null;
    body: string;
  }>(
    db,
    sql`select id, seq, kind, created_at, actor_id, body from log_entries
        where tenant_id = ${tenantId} and subject_type = ${q.subjectType} and subject_id = ${q.subjectId}
        order by seq nulls last, created_at, id limit ${q.limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq === null ? null : Number(r.seq),
    kind: r.kind,
    at: new Date(r.created_at),
    actorId: r.actor_id,
    entry: JSON.parse(r.body) as Record<string, unknown>,
  }));
}
