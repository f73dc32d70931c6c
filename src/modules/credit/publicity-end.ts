/**
 * 公示期满自动停止 (rules.md §12.3: "auto-stop at the maximum"; the daily job): active records whose publicity
 * ended (`publicity_end` ≤ today) are marked ended once, each logged, and their subjects re-graded set-based
 * (the grading already leaves such records out, but a grade only moves when its subject is graded again). The
 * public lookup and the `public` flag already stop showing a record on its end date; this makes the grade follow.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Ctx, logActorOf } from '../../platform/access/index.ts';
import { appendLogEntry } from '../../platform/log/index.ts';
import { creditRecords } from './credit.tables.ts';
import { activeModel, gradeWhere } from './grading.ts';

export const PUBLICITY_END_JOB = 'credit.publicity-end';

/** Ends the publicity of every record due by `today` in the actor's district and re-grades their subjects. */
export async function endPublicity(ctx: Ctx, today: string): Promise<{ ended: number; regraded: number }> {
  const tenantId = ctx.actor.tenantId;
  const rows = await ctx.db
    .update(creditRecords)
    .set({ publicityEndedAt: ctx.now })
    .where(
      and(
        eq(creditRecords.tenantId, tenantId),
        eq(creditRecords.status, 'active'),
        isNull(creditRecords.publicityEndedAt),
        sql`${creditRecords.publicityEnd} <= ${today}::date`,
      ),
    )
    .returning({
      id: creditRecords.id,
      creditCode: creditRecords.creditCode,
      end: creditRecords.publicityEnd,
    });
  for (const r of rows)
    await appendLogEntry(ctx.db, {
      tenantId,
      kind: 'credit.record.publicity-ended',
      actor: logActorOf(ctx.actor),
      subject: { type: 'credit-record', id: r.id },
      data: { publicityEnd: r.end },
      requestId: ctx.requestId,
      at: ctx.now,
    });
  const model = await activeModel(ctx.db, tenantId);
  const codes = [...new Set(rows.map((r) => r.creditCode))].sort();
  let regraded = 0;
  if (model)
    for (let i = 0; i < codes.length; i += 1_000) {
      const batch = codes.slice(i, i + 1_000);
      const changes = await gradeWhere(ctx.db, tenantId, model, (c) => inArray(c, batch), {
        asOf: today,
        at: ctx.now,
        cause: 'expiry',
        causeRef: null,
      });
      for (const c of changes) {
        regraded++;
        await appendLogEntry(ctx.db, {
          tenantId,
          kind: 'credit.grade.changed',
          actor: logActorOf(ctx.actor),
          subject: { type: 'credit-subject', id: c.credit_code },
          before: { grade: c.prev_grade, score: c.prev_score === null ? null : Number(c.prev_score) },
          after: { grade: c.grade, score: Number(c.score) },
          data: { modelId: model.id, modelVersion: model.version, cause: 'expiry' },
          requestId: ctx.requestId,
          at: ctx.now,
        });
      }
    }
  return { ended: rows.length, regraded };
}
