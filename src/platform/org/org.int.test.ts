import { count, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps } from '../../../test/support/db.ts';
import { queryRows } from '../../kernel/db/index.ts';
import { logEntries } from '../log/index.ts';
import { units } from './org.tables.ts';

let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let admin: Session;
let unitadmin: Session;
const unitId = async (name: string) =>
  (await queryRows<{ id: string }>(deps.db, sql`select id from units where name = ${name} limit 1`))[0]!.id;

beforeAll(async () => {
  deps = await openTestDeps();
  api = await testApi(deps);
  admin = await api.login('admin');
  unitadmin = await api.login('unitadmin');
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

describe('organisation tree', () => {
  it('lists units in tree order, each knowing whether the actor manages it', async () => {
    const all = (await api.call(admin, 'GET', '/api/org/units')).json();
    expect(all[0].kind).toBe('government');
    expect(all.some((u: { kind: string }) => u.kind === 'town')).toBe(true);
    const mine = (await api.call(unitadmin, 'GET', '/api/org/units')).json();
    expect(mine.length).toBeLessThan(all.length);
    expect(mine.every((u: { canManage: boolean }) => u.canManage)).toBe(true);
  });

  it('creates a unit with a valid credit code and logs it; rejects a bad code listing every problem', async () => {
    const parentId = await unitId('区市场监督管理局');
    const bad = await api.call(admin, 'POST', '/api/org/units', {
      parentId,
      kind: 'government',
      name: '',
      creditCode: '91350100M000100Y44',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/body/creditCode', '/body/kind', '/body/name']);
    const ok = await api.call(admin, 'POST', '/api/org/units', {
      parentId,
      kind: 'office',
      name: '信用监督管理科',
      creditCode: '91350100M000100Y43',
    });
    expect(ok.statusCode).toBe(201);
    const dup = await api.call(admin, 'POST', '/api/org/units', {
      parentId,
      kind: 'office',
      name: '信用监督管理科',
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors[0]).toEqual({ pointer: '/body/name', detail: '同一上级单位下已有同名单位' });
    const [n] = await deps.db
      .select({ n: count() })
      .from(logEntries)
      .where(sql`kind = 'org.unit.created' and subject_id = ${ok.json().id}`);
    expect(n!.n).toBe(1);
  });

  it('moves a unit with its whole subtree', async () => {
    const market = await unitId('区市场监督管理局');
    const created = (
      await api.call(admin, 'POST', '/api/org/units', { parentId: market, kind: 'office', name: '待调整科' })
    ).json();
    const child = (
      await api.call(admin, 'POST', '/api/org/units', { parentId: created.id, kind: 'other', name: '下属组' })
    ).json();
    const target = await unitId('区生态环境局');
    const moved = await api.call(admin, 'PATCH', `/api/org/units/${created.id}`, { parentId: target });
    expect(moved.statusCode).toBe(200);
    const [row] = await queryRows<{ path: string; depth: number }>(
      deps.db,
      sql`select path, depth from units where id = ${child.id}`,
    );
    const [t] = await queryRows<{ path: string; depth: number }>(
      deps.db,
      sql`select path, depth from units where id = ${target}`,
    );
    expect(row!.path).toBe(`${t!.path}${created.id}/${child.id}/`);
    expect(row!.depth).toBe(t!.depth + 2);
    const loop = await api.call(admin, 'PATCH', `/api/org/units/${created.id}`, { parentId: child.id });
    expect(loop.statusCode).toBe(400);
  });

  it('unit admin cannot create outside their tree: 404 for an invisible parent', async () => {
    const town = await unitId('东城街道');
    const res = await api.call(unitadmin, 'POST', '/api/org/units', {
      parentId: town,
      kind: 'office',
      name: '越权科',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].pointer).toBe('/body/parentId');
    expect((await api.call(unitadmin, 'GET', `/api/org/units/${town}`)).statusCode).toBe(404);
  });

  it('refuses to disable a unit that still has active users', async () => {
    const team = await unitId('区市场监管综合行政执法支队');
    const res = await api.call(admin, 'PATCH', `/api/org/units/${team}`, { status: 'disabled' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('ORG.UNIT_IN_USE');
  });

  it('adds positions to a unit', async () => {
    const id = await unitId('区司法局');
    const res = await api.call(admin, 'POST', `/api/org/units/${id}/positions`, { name: '公职律师' });
    expect(res.statusCode).toBe(201);
    const list = (await api.call(admin, 'GET', `/api/org/units/${id}/positions`)).json();
    expect(list.map((p: { name: string }) => p.name)).toContain('公职律师');
    const [n] = await deps.db.select({ n: count() }).from(units);
    expect(n!.n).toBeGreaterThan(50);
  });

  it('createPosition_checksScopeInTheInsert_andExplainsEachRefusal_storingNothing', async () => {
    const justice = await unitId('区司法局');
    const market = await unitId('区市场监督管理局');
    const positionsOf = async (u: string) =>
      (
        await queryRows<{ n: number }>(
          deps.db,
          sql`select count(*)::int as n from positions where unit_id = ${u}`,
        )
      )[0]!.n;
    const logCount = async () => (await deps.db.select({ n: count() }).from(logEntries))[0]!.n;

    const [p0, j0, l0] = [await positionsOf(market), await positionsOf(justice), await logCount()];
    const ok = await api.call(unitadmin, 'POST', `/api/org/units/${market}/positions`, {
      name: '信用科科员',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ unitId: market, name: '信用科科员', sort: 0 });
    expect([await positionsOf(market), await logCount()]).toEqual([p0 + 1, l0 + 1]);

    // Outside the unit admin's tree: not visible, so 404.
    const l1 = await logCount();
    const hidden = await api.call(unitadmin, 'POST', `/api/org/units/${justice}/positions`, { name: '科员' });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('ORG.UNIT_NOT_FOUND');
    // Visible (read scope: the whole district) but not managed (manage scope: own tree): 403.
    const roles = (await api.call(admin, 'GET', '/api/access/assignable-roles')).json();
    const roleId = (code: string) => roles.find((r: { code: string }) => r.code === code).id;
    const created = await api.call(admin, 'POST', '/api/access/users', {
      username: 'orgreader',
      displayName: '兼任领导的单位管理员',
      unitId: market,
      password: 'Fazhi-Test-2026!',
      roleIds: [roleId('unit_admin'), roleId('leader')],
    });
    expect(created.statusCode).toBe(201);
    const both = await api.login('orgreader', 'Fazhi-Test-2026!');
    const refused = await api.call(both, 'POST', `/api/org/units/${justice}/positions`, { name: '科员' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('ORG.UNIT_FORBIDDEN');
    // A name the unit already has: 400 on the field.
    const dup = await api.call(unitadmin, 'POST', `/api/org/units/${market}/positions`, {
      name: '信用科科员',
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors).toEqual([{ pointer: '/body/name', detail: '该单位已有同名岗位' }]);

    expect([await positionsOf(market), await positionsOf(justice)]).toEqual([p0 + 1, j0]);
    // Logged since: the user's creation and sign-in; the refusals stored nothing.
    expect(await logCount()).toBe(l1 + 2);
  });
});
