import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps } from '../../../test/support/db.ts';
import { queryRows } from '../../kernel/db/index.ts';
import { logEntries } from '../log/index.ts';
import { users } from './access.tables.ts';

let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let admin: Session;

const countUsers = async () => (await deps.db.select({ n: count() }).from(users))[0]!.n;
const countLog = async () => (await deps.db.select({ n: count() }).from(logEntries))[0]!.n;
async function unitId(name: string) {
  const [r] = await queryRows<{ id: string }>(
    deps.db,
    sql`select id from units where name = ${name} limit 1`,
  );
  return r!.id;
}

beforeAll(async () => {
  deps = await openTestDeps();
  api = await testApi(deps);
  admin = await api.login('admin');
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

describe('sign-in', () => {
  it('login_withRightPassword_setsHttpOnlySameSiteCookie_andLogsIt', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'leader', password: 'Fazhi@2026' },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'fz_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(res.json().permissions).toContain('dashboard.view');
    const [entry] = await queryRows<{ body: string }>(
      deps.db,
      sql`select body from log_entries where kind = 'access.login.succeeded' order by id desc limit 1`,
    );
    expect(JSON.parse(entry!.body).subject.id).toBe(res.json().id);
  });

  it('login_withWrongPasswordOrUnknownUser_givesTheSame401', async () => {
    const wrong = await api.call(null, 'POST', '/api/auth/login', {
      username: 'leader',
      password: 'nope-nope-1A',
    });
    const unknown = await api.call(null, 'POST', '/api/auth/login', {
      username: 'nobody',
      password: 'nope-nope-1A',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    // the unknown username is recorded only as a keyed hash
    const rows = await queryRows<{ body: string }>(
      deps.db,
      sql`select body from log_entries where kind = 'access.login.failed'`,
    );
    expect(rows.some((r) => r.body.includes('nobody'))).toBe(false);
  });

  it('login_afterFiveFailures_locksTheAccount_evenForTheRightPassword', async () => {
    for (let i = 0; i < 4; i++)
      expect(
        (
          await api.call(null, 'POST', '/api/auth/login', {
            username: 'justice',
            password: `Wrong-pass-${i}`,
          })
        ).statusCode,
      ).toBe(401);
    const fifth = await api.call(null, 'POST', '/api/auth/login', {
      username: 'justice',
      password: 'Wrong-pass-5',
    });
    expect(fifth.statusCode).toBe(423);
    const right = await api.call(null, 'POST', '/api/auth/login', {
      username: 'justice',
      password: 'Fazhi@2026',
    });
    expect(right.statusCode).toBe(423);
    expect(right.json().code).toBe('AUTH.LOCKED');
    deps.clock.advance(16 * 60_000);
    expect(
      (await api.call(null, 'POST', '/api/auth/login', { username: 'justice', password: 'Fazhi@2026' }))
        .statusCode,
    ).toBe(200);
  });

  it('login_withBadInput_lists_every_problem', async () => {
    const res = await api.call(null, 'POST', '/api/auth/login', { tenant: 'x', password: '' });
    expect(res.statusCode).toBe(400);
    const pointers = res
      .json()
      .errors.map((e: { pointer: string }) => e.pointer)
      .sort();
    expect(pointers).toEqual(['/body/password', '/body/tenant', '/body/username']);
  });

  it('session_expiresWhenIdle_andLogoutEndsIt', async () => {
    const s = await api.login('leader');
    expect((await api.call(s, 'GET', '/api/auth/me')).statusCode).toBe(200);
    deps.clock.advance(deps.config.SESSION_IDLE_MINUTES * 60_000 + 1000);
    expect((await api.call(s, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const s2 = await api.login('leader');
    expect((await api.call(s2, 'POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await api.call(s2, 'GET', '/api/auth/me')).statusCode).toBe(401);
    admin = await api.login('admin');
  });

  it('write_withoutCsrfToken_isRefused', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/access/users',
      headers: { cookie: admin.cookie },
      payload: {},
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('AUTH.CSRF');
  });
});

describe('users', () => {
  it('createUser_withEverythingWrong_reportsEveryProblem_andStoresNothing', async () => {
    const [u0, l0] = [await countUsers(), await countLog()];
    const res = await api.call(admin, 'POST', '/api/access/users', {
      username: '1a',
      displayName: '',
      unitId: 'not-a-unit',
      mobile: '12345',
      password: 'short',
      roleIds: [],
    });
    // shape problems, all of them
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/body/displayName', '/body/mobile', '/body/unitId', '/body/username']);
    // business problems, all of them
    const res2 = await api.call(admin, 'POST', '/api/access/users', {
      username: 'admin',
      displayName: '重名',
      unitId: '00000000-0000-4000-8000-000000000000',
      password: 'weakpassword',
      roleIds: ['00000000-0000-4000-8000-000000000001'],
    });
    expect(res2.statusCode).toBe(400);
    expect(
      res2
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/body/password', '/body/roleIds/0', '/body/unitId', '/body/username']);
    expect(await countUsers()).toBe(u0);
    expect(await countLog()).toBe(l0);
  });

  it('createUser_storesMobileSealed_andLogsOnlyAKeyedHash', async () => {
    const roles = (await api.call(admin, 'GET', '/api/access/assignable-roles')).json();
    const officer = roles.find((r: { code: string }) => r.code === 'officer');
    const res = await api.call(admin, 'POST', '/api/access/users', {
      username: 'zhang.san',
      displayName: '张三',
      unitId: await unitId('区市场监督管理局'),
      mobile: '13812345678',
      password: 'Strong-Pass-2026',
      roleIds: [officer.id],
    });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user.mobileMasked).toBe('138****5678');
    expect(user.roles.map((r: { code: string }) => r.code)).toEqual(['officer']);
    const [row] = await deps.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.mobileSealed).not.toContain('13812345678');
    const [entry] = await deps.db
      .select({ body: logEntries.body })
      .from(logEntries)
      .where(and(eq(logEntries.subjectId, user.id), eq(logEntries.kind, 'access.user.created')));
    expect(entry!.body).not.toContain('13812345678');
    expect(JSON.parse(entry!.body).actor.username).toBe('admin');
  });

  it('disablingAUser_endsTheirSessions', async () => {
    const s = await api.login('staff');
    const me = (await api.call(s, 'GET', '/api/auth/me')).json();
    const res = await api.call(admin, 'PATCH', `/api/access/users/${me.id}`, { status: 'disabled' });
    expect(res.statusCode).toBe(200);
    expect((await api.call(s, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const again = await api.call(null, 'POST', '/api/auth/login', {
      username: 'staff',
      password: 'Fazhi@2026',
    });
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('AUTH.DISABLED');
    await api.call(admin, 'PATCH', `/api/access/users/${me.id}`, { status: 'active' });
  });

  it('unitAdmin_seesOnlyTheirUnitAndBelow_and404sOutside', async () => {
    const ua = await api.login('unitadmin');
    const list = (await api.call(ua, 'GET', '/api/access/users?pageSize=200')).json();
    expect(list.total).toBeGreaterThan(0);
    const marketUnits = await queryRows<{ id: string }>(
      deps.db,
      sql`select id from units where path like (select path from units where name = '区市场监督管理局') || '%'`,
    );
    const ids = new Set(marketUnits.map((u) => u.id));
    for (const u of list.items) expect(ids.has(u.unitId)).toBe(true);
    const leader = (await api.call(admin, 'GET', '/api/access/users?q=leader')).json().items[0];
    expect((await api.call(ua, 'GET', `/api/access/users/${leader.id}`)).statusCode).toBe(404);
    expect(
      (await api.call(ua, 'PATCH', `/api/access/users/${leader.id}`, { displayName: 'x' })).statusCode,
    ).toBe(404);
  });

  it('visibleButNotManageable_gives403', async () => {
    // A role that reads the whole tenant but manages only its own unit: the two scopes stay separate.
    const perms = ['access.user.read', 'access.user.manage'];
    const role = await api.call(admin, 'POST', '/api/access/roles', {
      code: 'reader_unit_manager',
      name: '全区查看本单位管理',
      scope: 'unit',
      permissions: ['access.user.manage'],
    });
    expect(role.statusCode).toBe(201);
    const reader = await api.call(admin, 'POST', '/api/access/roles', {
      code: 'tenant_reader',
      name: '全区用户查看',
      scope: 'tenant',
      permissions: ['access.user.read'],
    });
    expect(reader.statusCode).toBe(201);
    const created = await api.call(admin, 'POST', '/api/access/users', {
      username: 'mixed.roles',
      displayName: '组合角色',
      unitId: await unitId('区生态环境局'),
      password: 'Strong-Pass-2026',
      roleIds: [role.json().id, reader.json().id],
      mustChangePassword: false,
    });
    expect(created.statusCode).toBe(201);
    expect(perms.every((p) => p)).toBe(true);
    const s = await api.login('mixed.roles', 'Strong-Pass-2026');
    const leader = (await api.call(admin, 'GET', '/api/access/users?q=leader')).json().items[0];
    expect((await api.call(s, 'GET', `/api/access/users/${leader.id}`)).statusCode).toBe(200);
    const denied = await api.call(s, 'PATCH', `/api/access/users/${leader.id}`, { displayName: '改名' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('ACCESS.USER_FORBIDDEN');
    const colleagues = (
      await api.call(s, 'GET', `/api/access/users?unitId=${await unitId('区生态环境局')}`)
    ).json();
    const colleague = colleagues.items.find((u: { username: string }) => u.username !== 'mixed.roles');
    expect(
      (await api.call(s, 'PATCH', `/api/access/users/${colleague.id}`, { displayName: '改名' })).statusCode,
    ).toBe(200);
  });

  it('roles_cannotGrantMoreThanTheGranterHolds', async () => {
    const ua = await api.login('unitadmin');
    const roles = (await api.call(ua, 'GET', '/api/access/assignable-roles')).json();
    expect(roles.map((r: { code: string }) => r.code)).not.toContain('sysadmin');
    const all = (await api.call(admin, 'GET', '/api/access/roles')).json();
    const sysadmin = all.find((r: { code: string }) => r.code === 'sysadmin');
    const mine = (await api.call(ua, 'GET', '/api/access/users?q=u0')).json().items[0];
    const res = await api.call(ua, 'PUT', `/api/access/users/${mine.id}/roles`, { roleIds: [sysadmin.id] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].detail).toContain('超出自己权限');
  });

  it('roleChanges_areRecordedBeforeAndAfter', async () => {
    const all = (await api.call(admin, 'GET', '/api/access/roles')).json();
    const staffRole = all.find((r: { code: string }) => r.code === 'staff');
    const res = await api.call(admin, 'PUT', `/api/access/roles/${staffRole.id}`, {
      code: 'staff',
      name: '工作人员',
      scope: 'self',
      permissions: ['dashboard.view', 'org.unit.read'],
    });
    expect(res.statusCode).toBe(200);
    const [entry] = await deps.db
      .select({ body: logEntries.body })
      .from(logEntries)
      .where(and(eq(logEntries.subjectId, staffRole.id), eq(logEntries.kind, 'access.role.updated')));
    const body = JSON.parse(entry!.body);
    expect(body.before.permissions).toEqual(['dashboard.view']);
    expect(body.after.permissions).toEqual(['dashboard.view', 'org.unit.read']);
  });
});

describe('api tokens', () => {
  it('token_actsAsItsUser_untilRevoked', async () => {
    const me = (await api.call(admin, 'GET', '/api/auth/me')).json();
    const created = await api.call(admin, 'POST', '/api/access/tokens', { userId: me.id, name: '数据交换' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    const bearer = { authorization: `Bearer ${token}` };
    const ok = await api.app.inject({ method: 'GET', url: '/api/access/users?pageSize=1', headers: bearer });
    expect(ok.statusCode).toBe(200);
    // bearer writes need no CSRF token
    const write = await api.app.inject({
      method: 'POST',
      url: '/api/org/units/00000000-0000-4000-8000-000000000000/positions',
      headers: bearer,
      payload: { name: '岗位' },
    });
    expect(write.statusCode).toBe(404);
    const listed = (await api.call(admin, 'GET', '/api/access/tokens')).json();
    expect(JSON.stringify(listed)).not.toContain(token);
    expect((await api.call(admin, 'DELETE', `/api/access/tokens/${id}`)).statusCode).toBe(204);
    expect(
      (await api.app.inject({ method: 'GET', url: '/api/access/users', headers: bearer })).statusCode,
    ).toBe(401);
  });
});

describe('token issuance', () => {
  it('refuses a token for a user stronger than the issuer, and a second revoke is 409', async () => {
    const tokenRole = await api.call(admin, 'POST', '/api/access/roles', {
      code: 'token_keeper',
      name: '令牌管理员',
      scope: 'tenant',
      permissions: ['access.token.manage', 'access.user.read'],
    });
    expect(tokenRole.statusCode).toBe(201);
    const created = await api.call(admin, 'POST', '/api/access/users', {
      username: 'token.keeper',
      displayName: '令牌管理员',
      unitId: await unitId('区司法局'),
      password: 'Strong-Pass-2026',
      roleIds: [tokenRole.json().id],
      mustChangePassword: false,
    });
    expect(created.statusCode).toBe(201);
    const keeper = await api.login('token.keeper', 'Strong-Pass-2026');
    const adminId = (await api.call(admin, 'GET', '/api/auth/me')).json().id;
    const refused = await api.call(keeper, 'POST', '/api/access/tokens', { userId: adminId, name: '越权' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toEqual({
      pointer: '/body/userId',
      detail: '不能为权限超过自己的用户签发接口令牌',
    });
    const own = await api.call(keeper, 'POST', '/api/access/tokens', {
      userId: created.json().id,
      name: '自用',
    });
    expect(own.statusCode).toBe(201);
    expect((await api.call(keeper, 'DELETE', `/api/access/tokens/${own.json().id}`)).statusCode).toBe(204);
    const again = await api.call(keeper, 'DELETE', `/api/access/tokens/${own.json().id}`);
    expect(again.statusCode).toBe(409);
  });

  it('shows position names and module names', async () => {
    const perms = (await api.call(admin, 'GET', '/api/access/permissions')).json();
    expect(perms.find((p: { code: string }) => p.code === 'org.unit.read').moduleName).toBe('组织机构');
    const list = (await api.call(admin, 'GET', '/api/access/users?q=officer')).json();
    expect(list.items[0].positionName).toBe('执法队员');
  });
});
