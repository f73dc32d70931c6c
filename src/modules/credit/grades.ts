import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Ctx } from '../../platform/access/index.ts';
import { creditSubjects } from './credit.tables.ts';

export type Grade = 'A' | 'B' | 'C' | 'D';

/**
 * The current grade of each of `codes` in the actor's district that has one (codes without a grade are left
 * out). Internal use (supervision by grade, e.g. a random-inspection draw's strata); grades are not public.
 */
export async function gradesByCode(ctx: Ctx, codes: readonly string[]): Promise<Map<string, Grade>> {
  const out = new Map<string, Grade>();
  for (let i = 0; i < codes.length; i += 10_000) {
    const rows = await ctx.db
      .select({ code: creditSubjects.creditCode, grade: creditSubjects.grade })
      .from(creditSubjects)
      .where(
        and(
          eq(creditSubjects.tenantId, ctx.actor.tenantId),
          inArray(creditSubjects.creditCode, codes.slice(i, i + 10_000) as string[]),
          isNotNull(creditSubjects.grade),
        ),
      );
    for (const r of rows) out.set(r.code, r.grade as Grade);
  }
  return out;
}
