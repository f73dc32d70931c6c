import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDeps } from '../../../test/support/db.ts';
import { queryRows } from '../../kernel/db/index.ts';
import { roles } from '../access/access.tables.ts';
import { createTenant, syncBuiltinRoles } from './tenants.ts';

let deps: Awaited<ReturnType<typeof openTestDeps>>;
beforeAll(async () => {
  deps = await openTestDeps();
});
afterAll(() => deps.database.close());

describe('tenants', () => {
  it('creates a district with its government unit and built-in roles; refuses a bad or duplicate code', async () => {
    const r = await createTenant(deps.db, {
      id: '500112',
      name: '渝北区',
      governmentName: '渝北区人民政府',
      now: deps.clock.now(),
    });
    expect(Object.keys(r.roleIds)).toContain('sysadmin');
    await expect(
      createTenant(deps.db, { id: '500112', name: 'x', governmentName: 'x', now: deps.clock.now() }),
    ).rejects.toMatchObject({
      code: 'TENANCY.EXISTS',
    });
    await expect(
      createTenant(deps.db, { id: '990000', name: 'x', governmentName: 'x', now: deps.clock.now() }),
    ).rejects.toMatchObject({
      code: 'TENANCY.INVALID',
    });
  });

  it('brings built-in roles up to date without removing what administrators granted, and logs it', async () => {
    await deps.db
      .update(roles)
      .set({ permissions: ['dashboard.view', 'custom.extra'] })
      .where(and(eq(roles.tenantId, '500113'), eq(roles.code, 'officer')));
    await deps.db
      .delete(roles)
      .where(and(eq(roles.tenantId, '500113'), eq(roles.code, 'disclosure_officer')));
    expect(await syncBuiltinRoles(deps.db, deps.clock.now())).toBe(2);
    const [officer] = await deps.db
      .select()
      .from(roles)
      .where(and(eq(roles.tenantId, '500113'), eq(roles.code, 'officer')));
    expect(officer!.permissions).toEqual(
      expect.arrayContaining(['custom.extra', 'org.unit.read', 'dashboard.view']),
    );
    const logged = await queryRows<{ n: number }>(
      deps.db,
      sql`select count(*)::int as n from log_entries where tenant_id = '500113' and body like '%"via":"release"%'`,
    );
    expect(logged[0]!.n).toBe(2);
    expect(await syncBuiltinRoles(deps.db, deps.clock.now())).toBe(0);
  });
});
