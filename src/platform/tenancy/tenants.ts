import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../kernel/db/index.ts';
import { conflict, invalid } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { roles } from '../access/access.tables.ts';
import { BUILTIN_ROLES } from '../access/builtin-roles.ts';
import { appendLogEntry } from '../log/index.ts';
import { units } from '../org/org.tables.ts';
import { checkDivisionCode, divisionLevel } from '../validators/index.ts';
import { tenants } from './tenancy.tables.ts';

export const listTenants = (db: Db) =>
  db
    .select({ id: tenants.id, name: tenants.name, level: tenants.level })
    .from(tenants)
    .orderBy(asc(tenants.id));

export async function getTenant(db: Db, id: string) {
  const [t] = await db.select().from(tenants).where(eq(tenants.id, id));
  return t ?? null;
}

/**
 * Creates a tenant (an administrative division) with its root unit (the people's government) and the
 * built-in roles, in one transaction, recorded in the tenant's log. Returns the root unit id.
 */
export async function createTenant(
  db: Db,
  input: { id: string; name: string; governmentName: string; now: Date },
): Promise<{ rootUnitId: string; roleIds: Record<string, string> }> {
  const check = checkDivisionCode(input.id);
  if (!check.ok) throw invalid('TENANCY.INVALID', check.reason, [{ pointer: '/id', detail: check.reason }]);
  return db.transaction(async (tx) => {
    if (await getTenant(tx, input.id)) throw conflict('TENANCY.EXISTS', `行政区 ${input.id} 已存在`);
    await tx
      .insert(tenants)
      .values({ id: input.id, name: input.name, level: divisionLevel(input.id), createdAt: input.now });
    const rootUnitId = newId();
    await tx.insert(units).values({
      tenantId: input.id,
      id: rootUnitId,
      parentId: null,
      kind: 'government',
      name: input.governmentName,
      path: `/${rootUnitId}/`,
      depth: 0,
      createdAt: input.now,
      updatedAt: input.now,
    });
    const roleIds: Record<string, string> = {};
    for (const r of BUILTIN_ROLES) {
      const id = newId();
      roleIds[r.code] = id;
      await tx.insert(roles).values({
        tenantId: input.id,
        id,
        code: r.code,
        name: r.name,
        description: r.description,
        scope: r.scope,
        permissions: [...r.permissions].sort(),
        builtin: true,
        createdAt: input.now,
        updatedAt: input.now,
      });
    }
    await appendLogEntry(tx, {
      tenantId: input.id,
      kind: 'tenancy.tenant.created',
      actor: null,
      subject: { type: 'tenant', id: input.id },
      after: {
        name: input.name,
        governmentName: input.governmentName,
        rootUnitId,
        roles: Object.keys(roleIds).sort(),
      },
      at: input.now,
    });
    return { rootUnitId, roleIds };
  });
}

/**
 * Brings every tenant's built-in roles up to this release: creates built-in roles a tenant lacks and adds
 * permissions new modules gave them (never removes what an administrator granted). Each change is a
 * permission change and is recorded in the tenant's log. Idempotent; run at start-up.
 */
export async function syncBuiltinRoles(db: Db, now: Date): Promise<number> {
  let changed = 0;
  for (const t of await listTenants(db)) {
    await db.transaction(async (tx) => {
      const existing = await tx.select().from(roles).where(eq(roles.tenantId, t.id));
      for (const def of BUILTIN_ROLES) {
        const found = existing.find((r) => r.code === def.code);
        if (!found) {
          const id = newId();
          const permissions = [...def.permissions].sort();
          await tx.insert(roles).values({
            tenantId: t.id,
            id,
            code: def.code,
            name: def.name,
            description: def.description,
            scope: def.scope,
            permissions,
            builtin: true,
            createdAt: now,
            updatedAt: now,
          });
          await appendLogEntry(tx, {
            tenantId: t.id,
            kind: 'access.role.created',
            actor: null,
            subject: { type: 'role', id },
            after: { code: def.code, scope: def.scope, permissions, via: 'release' },
            at: now,
          });
          changed++;
          continue;
        }
        if (!found.builtin) continue;
        const missing = def.permissions.filter((p) => !found.permissions.includes(p));
        if (missing.length === 0) continue;
        const permissions = [...found.permissions, ...missing].sort();
        await tx
          .update(roles)
          .set({ permissions, updatedAt: now })
          .where(and(eq(roles.tenantId, t.id), eq(roles.id, found.id)));
        await appendLogEntry(tx, {
          tenantId: t.id,
          kind: 'access.role.updated',
          actor: null,
          subject: { type: 'role', id: found.id },
          before: { permissions: found.permissions },
          after: { permissions, via: 'release' },
          at: now,
        });
        changed++;
      }
    });
  }
  return changed;
}
