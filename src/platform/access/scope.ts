import { type Column, type SQL, sql } from 'drizzle-orm';
import { type Actor, grantsFor } from './actor.ts';

/** The columns of a table that data scope is decided on. */
export interface ScopeColumns {
  tenantId: Column;
  /** The unit that owns the record. */
  unitId?: Column;
  /** The person who owns the record (for the `self` scope). */
  ownerId?: Column;
}

/**
 * The WHERE condition that restricts a query to the records `actor` may reach with `permission`.
 * This is the one place data scope is applied; every repository composes it into its queries.
 */
export function scopeWhere(actor: Actor, permission: string, cols: ScopeColumns): SQL {
  const grants = grantsFor(actor, permission);
  if (grants.length === 0) return sql`false`;
  const parts: SQL[] = [];
  const inTenant = sql`${cols.tenantId} = ${actor.tenantId}`;
  for (const g of grants) {
    switch (g.scope) {
      case 'all':
        return sql`true`;
      case 'tenant':
        parts.push(inTenant);
        break;
      case 'unit':
        if (cols.unitId && actor.unitId) parts.push(sql`(${inTenant} and ${cols.unitId} = ${actor.unitId})`);
        break;
      case 'unit_tree':
        if (cols.unitId && actor.unitPath)
          parts.push(
            sql`(${inTenant} and ${cols.unitId} in (select su.id from units su where su.tenant_id = ${actor.tenantId} and su.path like ${`${actor.unitPath}%`}))`,
          );
        break;
      case 'custom':
        if (cols.unitId && g.scopeUnitIds.length > 0)
          parts.push(
            sql`(${inTenant} and ${cols.unitId} in (${sql.join(
              g.scopeUnitIds.map((id) => sql`${id}::uuid`),
              sql`, `,
            )}))`,
          );
        break;
      case 'self':
        if (cols.ownerId) parts.push(sql`(${inTenant} and ${cols.ownerId} = ${actor.userId})`);
        break;
    }
  }
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` or `)})`;
}
