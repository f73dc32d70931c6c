/**
 * The portal's view of a draw: every input (pool with grades, ratios and strata, sources and values, the
 * roster), the selection and the server's re-run, the teams as roster positions (so the verify page can
 * recompute each entity's roster order), and the published results with personal data masked.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/index.ts';
import { queryRows } from '../../kernel/db/index.ts';
import { inspectionItems, inspectionTasks, marketEntities, type Redraw } from './inspection.tables.ts';
import { publicResults } from './results.ts';
import { present, publicDraw } from './tasks.ts';
import { REDRAW_CAUSES } from './teams.ts';

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/** One public draw with everything needed to repeat it. */
export async function publicDrawDetail(db: Db, tenantId: string, id: string) {
  const base = await publicDraw(db, tenantId, id);
  const [row] = await db
    .select()
    .from(inspectionTasks)
    .where(and(eq(inspectionTasks.tenantId, tenantId), eq(inspectionTasks.id, id))!);
  const v = present(row!);
  const unitIds = [row!.unitId, ...v.jointUnitIds];
  const units = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id::text as id, name from units where tenant_id = ${tenantId} and id in (${sql.join(
      unitIds.map((u) => sql`${u}::uuid`),
      sql`, `,
    )})`,
  );
  const nameOf = (u: string) => units.find((x) => x.id === u)?.name ?? '';
  const items =
    v.itemIds.length === 0
      ? []
      : await db
          .select({ code: inspectionItems.code, name: inspectionItems.name, kind: inspectionItems.kind })
          .from(inspectionItems)
          .where(and(eq(inspectionItems.tenantId, tenantId), inArray(inspectionItems.id, v.itemIds))!);
  const rosterIds = json(row!.rosterIds);
  const poolCodes = json(row!.poolCodes);
  let teams = null;
  if (v.teams) {
    const ids = v.teams.map((t) => t.entityId);
    const names = new Map(
      (ids.length === 0
        ? []
        : await db
            .select({ id: marketEntities.id, name: marketEntities.name })
            .from(marketEntities)
            .where(and(eq(marketEntities.tenantId, tenantId), inArray(marketEntities.id, ids))!)
      ).map((e) => [e.id, e.name]),
    );
    teams = v.teams.map((t) => ({
      position: t.position,
      uscc: poolCodes[t.position - 1]!,
      entityName: names.get(t.entityId) ?? '',
      inspectors: t.inspectors.map((u) => rosterIds.indexOf(u) + 1),
      skipped: t.skipped.map((s) => ({ roster: rosterIds.indexOf(s.userId) + 1, reason: s.reason })),
      redraw: t.redraw ?? null,
    }));
  }
  // 单组重新匹配: the cause is public, the reason stays internal (it may name relatives or illness).
  const pos = (u: string) => rosterIds.indexOf(u) + 1;
  const redraws = v.redraws.map((r: Redraw) => ({
    seq: r.seq,
    uscc: poolCodes[r.position - 1]!,
    cause: r.cause,
    causeLabel: REDRAW_CAUSES[r.cause] ?? r.cause,
    previous: r.previous.map(pos),
    inspectors: r.inspectors.map(pos),
    skipped: r.skipped.map((s) => ({ roster: pos(s.userId), reason: s.reason })),
    at: r.at,
  }));
  return {
    ...base,
    unitName: nameOf(row!.unitId) || null,
    jointUnitNames: v.jointUnitIds.map(nameOf),
    items,
    ratios: v.ratios,
    poolGrades: row!.poolGrades === null ? null : json(row!.poolGrades),
    strata: v.strata,
    roster: v.roster,
    recuseTownOfficers: v.recuseTownOfficers,
    inspectionDate: v.inspectionDate,
    teams,
    redraws,
    results: await publicResults(db, tenantId, id),
  };
}
