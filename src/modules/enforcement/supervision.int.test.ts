import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps, withoutDemoCases } from '../../../test/support/db.ts';
import { queryRows } from '../../kernel/db/index.ts';

/**
 * 执法监督视图: open cases in scope, overdue first (most overdue first), then by the nearest due date, then the
 * cases with no running clock, on a pinned clock; paging; scope; 401/403.
 */
let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let officer: Session;
let justice: Session;
let stranger: Session;
let staff: Session;
let body: string;
let matter: string;
let strangerName: string;
const ids: Record<string, string> = {};

const ok = async (s: Session, id: string, name: string, b: unknown) => {
  const res = await api.call(s, 'POST', `/api/workflow/cases/${id}/transitions/${name}`, b);
  expect(res.statusCode, `${name}: ${res.body}`).toBe(200);
  return res.json();
};
async function open(name: string, clueReceivedOn: string) {
  const res = await api.call(officer, 'POST', '/api/workflow/cases', {
    type: 'enforcement.penalty-case',
    data: {
      bodyId: body,
      source: '投诉举报',
      clueReceivedOn,
      summary: '举报某超市销售过期食品',
      party: { kind: 'person', name, address: '示范区某路1号' },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

const loginAll = async () => {
  officer = await api.login('officer');
  justice = await api.login('justice');
  staff = await api.login('staff');
  stranger = await api.login(strangerName);
};

beforeAll(async () => {
  deps = await openTestDeps('2026-09-25T10:00:00+08:00');
  // Every case of the district is counted or listed here: the test's own cases are the only ones.
  await withoutDemoCases(deps.db);
  api = await testApi(deps);
  const one = async (q: ReturnType<typeof sql>) => (await queryRows<{ v: string }>(deps.db, q))[0]!.v;
  body = await one(sql`select id as v from enforcement_bodies where name = '区市场监管综合行政执法支队'`);
  matter = await one(sql`select id as v from enforcement_matters where code = 'SCJG-CF-001'`);
  strangerName = await one(
    sql`select u.username as v from enforcement_officers o join enforcement_bodies b on b.tenant_id = o.tenant_id and b.id = o.body_id
        join users u on u.tenant_id = o.tenant_id and u.id = o.user_id
        where b.name = '区生态环境保护综合行政执法支队' limit 1`,
  );
  await loginAll();
  // early: clue of 09-01 (filing check due in September); late: clue of 09-25; filed: decision due 2026-12-24;
  // suspended: its filing clock is stopped (no running clock); archived-like: refused filing (final, not open)
  ids.late = await open('李四', '2026-09-25');
  ids.early = await open('张三', '2026-09-01');
  ids.filed = await open('王五', '2026-09-25');
  await ok(officer, ids.filed, 'verify', { startedOn: '2026-09-25' });
  await ok(officer, ids.filed, 'file', {
    filedOn: '2026-09-25',
    domain: '食品安全',
    cause: '涉嫌经营超过保质期的食品',
    approvedBy: '支队长',
    matterId: matter,
  });
  ids.suspended = await open('赵六', '2026-09-25');
  await ok(officer, ids.suspended, 'suspend', { suspendedOn: '2026-09-25', reason: '等待检验结果' });
  ids.refused = await open('钱七', '2026-09-25');
  await ok(officer, ids.refused, 'verify', { startedOn: '2026-09-25' });
  await ok(officer, ids.refused, 'refuseFiling', {
    decidedOn: '2026-09-25',
    reason: '不属于本机关管辖',
    approvedBy: '支队长',
  });
  deps.clock.set('2026-10-25T10:00:00+08:00');
  await loginAll();
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

interface Item {
  id: string;
  state: string;
  body: { id: string; name: string } | null;
  handler: { id: string; name: string } | null;
  step: { key: string; name: string; dueDate: string } | null;
  overdue: boolean;
  daysOverdue: number;
}
const view = async (s: Session, q = '') => {
  const res = await api.call(s, 'GET', `/api/enforcement/supervision${q}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { today: string; total: number; items: Item[] };
};

describe("supervisor's view", () => {
  it('lists open cases overdue first (most overdue first), then by nearest due date, then those with no running clock', async () => {
    const v = await view(justice);
    expect(v.today).toBe('2026-10-25');
    expect(v.total).toBe(4);
    expect(v.items.map((i) => i.id)).toEqual([ids.early, ids.late, ids.filed, ids.suspended]);
    const [early, late, filed, suspended] = v.items as [Item, Item, Item, Item];
    expect(early).toMatchObject({ overdue: true, state: 'source', step: { key: 'filing' } });
    expect(late).toMatchObject({ overdue: true, step: { key: 'filing' } });
    expect(early.daysOverdue).toBeGreaterThan(late.daysOverdue);
    expect(late.daysOverdue).toBeGreaterThan(0);
    expect(filed).toMatchObject({
      overdue: false,
      daysOverdue: 0,
      step: { key: 'decision', dueDate: '2026-12-24' },
    });
    expect(suspended).toMatchObject({ state: 'suspended', step: null, overdue: false });
    expect(early.body).toEqual({ id: body, name: '区市场监管综合行政执法支队' });
    expect(early.handler?.name).toBe('市场监管执法队员');
  });

  it('pages in the same order; the officer sees the cases of the team', async () => {
    const p2 = await view(officer, '?page=2&pageSize=2');
    expect(p2.total).toBe(4);
    expect(p2.items.map((i) => i.id)).toEqual([ids.filed, ids.suspended]);
    expect((await view(officer, '?page=3&pageSize=2')).items).toEqual([]);
  });

  it("another team's officer sees none; 401 without a session, 403 without enforcement.case.read", async () => {
    expect(await view(stranger)).toMatchObject({ total: 0, items: [] });
    expect((await api.call(null, 'GET', '/api/enforcement/supervision')).statusCode).toBe(401);
    expect((await api.call(staff, 'GET', '/api/enforcement/supervision')).statusCode).toBe(403);
    expect((await api.call(justice, 'GET', '/api/enforcement/supervision?pageSize=1000')).statusCode).toBe(
      400,
    );
  });
});
