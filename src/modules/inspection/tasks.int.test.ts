import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps } from '../../../test/support/db.ts';
import { queryRows } from '../../kernel/db/index.ts';
import { computeUsccCheck } from '../../platform/validators/index.ts';
import { poolHashOf, rfc3797Draw } from './index.ts';

let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let unitadmin: Session;
let leader: Session;
let officer: Session;
let town: string;

const pointers = (res: { json(): { errors?: { pointer: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.pointer).sort();
const uscc = (n: number) => {
  const body = `91500113MA${String(n).padStart(7, '0')}`;
  return body + computeUsccCheck(body);
};
const taskCount = async () =>
  (await queryRows<{ n: number }>(deps.db, sql`select count(*)::int as n from inspection_tasks`))[0]!.n;

const SOURCES = [
  { description: '中国福利彩票双色球 2026-03-05 开奖号码（红球）', availableOn: '2026-03-05' },
  { description: '中国体育彩票排列5 2026-03-06 开奖号码', availableOn: '2026-03-06' },
];

beforeAll(async () => {
  deps = await openTestDeps('2026-03-02T09:00:00+08:00');
  api = await testApi(deps);
  unitadmin = await api.login('unitadmin');
  leader = await api.login('leader');
  officer = await api.login('officer');
  [{ id: town }] = (await queryRows<{ id: string }>(
    deps.db,
    sql`select id::text as id from units where kind in ('town', 'street') order by name limit 1`,
  )) as [{ id: string }];
  // 25 entities in the market bureau's directory, in a known order of credit codes.
  for (let n = 1; n <= 25; n += 1) {
    const res = await api.call(unitadmin, 'POST', '/api/inspection/entities', {
      uscc: uscc(n),
      name: `抽查测试企业${n}`,
      entityType: '企业',
      industry: '食品销售',
      address: `测试路${n}号`,
      townId: town,
      legalRepresentative: '赵六',
    });
    expect(res.statusCode).toBe(201);
  }
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

describe('inspection tasks and draws', () => {
  it('401/403 and bad input listed, nothing stored', async () => {
    expect((await api.call(null, 'POST', '/api/inspection/tasks', {})).statusCode).toBe(401);
    expect((await api.call(officer, 'GET', '/api/inspection/tasks')).statusCode).toBe(403);
    expect((await api.call(leader, 'POST', '/api/inspection/tasks', {})).statusCode).toBe(403);
    const bad = await api.call(unitadmin, 'POST', '/api/inspection/tasks', {
      title: '',
      pick: 0,
      sources: [{ description: '', availableOn: 'tomorrow' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(pointers(bad)).toEqual([
      '/body/pick',
      '/body/sources/0/availableOn',
      '/body/sources/0/description',
      '/body/title',
    ]);
    const past = await api.call(unitadmin, 'POST', '/api/inspection/tasks', {
      title: '2026年食品销售抽查',
      pick: 26,
      sources: [{ description: '已开奖的彩票', availableOn: '2026-03-02' }],
    });
    expect(past.statusCode).toBe(400);
    expect(pointers(past)).toEqual(['/body/pick', '/body/sources/0/availableOn']);
    expect(await taskCount()).toBe(0);
    expect(
      (await api.call(unitadmin, 'GET', '/api/inspection/tasks/00000000-0000-4000-8000-000000000000'))
        .statusCode,
    ).toBe(404);
  });

  it('publishes the frozen pool and sources, refuses an early draw, then draws exactly RFC 3797 and shows it publicly', async () => {
    const res = await api.call(unitadmin, 'POST', '/api/inspection/tasks', {
      title: '2026年第一季度食品销售双随机抽查',
      pick: 10,
      sources: SOURCES,
      industry: '食品销售',
    });
    expect(res.statusCode).toBe(201);
    const task = res.json();
    const codes = Array.from({ length: 25 }, (_, i) => uscc(i + 1));
    expect(task).toMatchObject({ poolSize: 25, pick: 10, status: 'published', poolHash: poolHashOf(codes) });

    const draw = (values: string[], as?: Session) =>
      api.call(as ?? unitadmin, 'POST', `/api/inspection/tasks/${task.id}/draw`, { sourceValues: values });
    // Before the sources exist: refused.
    // Sessions expire over days: sign in again after moving the clock.
    deps.clock.set('2026-03-05T20:00:00+08:00');
    unitadmin = await api.login('unitadmin');
    const early = await draw(['3 9 12', '12345']);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('INSPECTION.SOURCE_NOT_YET_PUBLIC');
    deps.clock.set('2026-03-06T21:30:00+08:00');
    unitadmin = await api.login('unitadmin');
    leader = await api.login('leader');
    expect((await draw(['3 9 12'])).statusCode).toBe(400);
    expect(pointers(await draw(['3 9 12', '双色球']))).toEqual(['/body/sourceValues/1']);
    expect((await draw(['3 9 12', '12345'], leader)).statusCode).toBe(403);
    expect((await api.call(unitadmin, 'GET', `/api/inspection/tasks/${task.id}`)).json().status).toBe(
      'published',
    );

    const done = await draw(['03 09 12 17 25 31', '1 2 3 4 5']);
    expect(done.statusCode).toBe(200);
    const expected = rfc3797Draw({ pool: 25, pick: 10, sources: ['03 09 12 17 25 31', '1 2 3 4 5'] });
    expect(done.json()).toMatchObject({
      status: 'drawn',
      selected: expected.selected,
      drawKey: expected.key,
    });
    expect(expected.key).toBe('3.9.12.17.25.31./1.2.3.4.5./');
    const again = await draw(['03 09 12 17 25 31', '1 2 3 4 5']);
    expect(again.statusCode).toBe(409);

    const pub = await api.call(null, 'GET', `/api/public/inspection/draws/${task.id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({
      poolCodes: codes,
      poolHashMatches: true,
      verified: true,
      selectedCodes: expected.selected.map((p) => codes[p - 1]),
    });
    expect(JSON.stringify(pub.json())).not.toContain('赵六');
    const list = await api.call(null, 'GET', '/api/public/inspection/draws');
    expect(list.json().map((d: { id: string }) => d.id)).toContain(task.id);
    expect((await api.call(null, 'GET', '/api/public/inspection/draws?tenant=999999')).statusCode).toBe(404);

    const logs = await queryRows<{ kind: string }>(
      deps.db,
      sql`select kind from log_entries where kind like 'inspection.task.%' order by id`,
    );
    expect(logs.map((l) => l.kind)).toEqual(['inspection.task.published', 'inspection.task.drawn']);
  });
});
