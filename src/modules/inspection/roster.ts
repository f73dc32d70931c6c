/**
 * 执法检查人员名录库 for a task: the officers of the lead and cooperating departments (their units and the units
 * below) who hold a usable 行政执法证 (enforcement's `validOfficers`), frozen and published in a fixed order
 * with the task so that the inspector draw is as verifiable as the entity draw.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../kernel/db/index.ts';
import type { Ctx } from '../../platform/access/index.ts';
import { validOfficers } from '../enforcement/index.ts';

export interface RosterEntry {
  userId: string;
  /** What the public sees: name and unit (enforcement officers act in their own name, 亮证执法). */
  label: string;
}

/** The roster of `unitIds`' trees on `onDate`, ordered by label (code points) and then id. */
export async function freezeRoster(ctx: Ctx, unitIds: string[], onDate: string): Promise<RosterEntry[]> {
  const rows = await queryRows<{ id: string; name: string; unit: string }>(
    ctx.db,
    sql`select u.id::text as id, u.display_name as name, un.name as unit
          from users u join units un on un.tenant_id = u.tenant_id and un.id = u.unit_id
         where u.tenant_id = ${ctx.actor.tenantId} and u.status = 'active' and u.kind = 'person'
           and exists (select 1 from units r where r.tenant_id = u.tenant_id
                         and r.id in (${sql.join(
                           unitIds.map((id) => sql`${id}::uuid`),
                           sql`, `,
                         )}) and un.path like r.path || '%')`,
  );
  const { valid } = await validOfficers(
    ctx,
    rows.map((r) => r.id),
    onDate,
  );
  const ok = new Set(valid);
  const entries = rows
    .filter((r) => ok.has(r.id))
    .map((r) => ({ userId: r.id, label: `${r.name}（${r.unit}）` }));
  return entries.sort((a, b) =>
    a.label < b.label ? -1 : a.label > b.label ? 1 : a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0,
  );
}

/** The 镇/街道 each user's unit lies in (users outside every town are left out). */
export async function townsOfUsers(ctx: Ctx, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await queryRows<{ user_id: string; town_id: string }>(
    ctx.db,
    sql`select u.id::text as user_id, t.id::text as town_id
          from users u join units un on un.tenant_id = u.tenant_id and un.id = u.unit_id
          join units t on t.tenant_id = u.tenant_id and t.kind in ('town', 'street') and un.path like t.path || '%'
         where u.tenant_id = ${ctx.actor.tenantId} and u.id in (${sql.join(
           userIds.map((id) => sql`${id}::uuid`),
           sql`, `,
         )})`,
  );
  return new Map(rows.map((r) => [r.user_id, r.town_id]));
}
