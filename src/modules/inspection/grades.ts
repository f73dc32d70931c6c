/**
 * Where the draw reads credit grades. The credit module (src/modules/credit) owns the grades; inspection only
 * defines this small interface, and whoever composes the application registers the credit module's reader with
 * `setGradeSource` (integration point: the credit module's index.ts, e.g. `setGradeSource(gradesByCode)`).
 * Without a source every entity is ungraded (`U`), so a graded task is one stratum at the `U` ratio.
 */
import type { Ctx } from '../../platform/access/index.ts';

export type CreditGrade = 'A' | 'B' | 'C' | 'D';

/** The current grade of each credit code that has one (codes without a grade are left out). */
export type GradeSource = (ctx: Ctx, codes: readonly string[]) => Promise<Map<string, CreditGrade>>;

let source: GradeSource | null = null;

/** Registers (or, with null, removes) the credit grade reader used when a graded task is published. */
export function setGradeSource(s: GradeSource | null): void {
  source = s;
}

/** The grade of each code, `U` where there is none or no source is registered. */
export async function gradesOf(ctx: Ctx, codes: readonly string[]): Promise<string[]> {
  if (!source) return codes.map(() => 'U');
  const map = await source(ctx, codes);
  return codes.map((c) => map.get(c) ?? 'U');
}
