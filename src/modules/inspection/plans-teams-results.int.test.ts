import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps } from '../../../test/support/db.ts';
import { queryRows } from '../../kernel/db/index.ts';
import { computeUsccCheck } from '../../platform/validators/index.ts';
import { rfc3797Draw, rosterOrder, setGradeSource, stratifiedDraw } from './index.ts';

let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let unitadmin: Session;
let leader: Session;
let officer: Session;
let admin: Session;
let town: string;
let ecologyBureau: string;
let officerId: string;
let marketBody: string;

const NONE = '00000000-0000-4000-8000-000000000000';
const pointers = (res: { json(): { errors?: { pointer: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.pointer).sort();
const uscc = (n: number) => {
  const body = `91500113MB${String(n).padStart(7, '0')}`;
  return body + computeUsccCheck(body);
};
const count = async (table: string) =>
  (await queryRows<{ n: number }>(deps.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;
const GRADE = ['A', 'B', 'C', 'D'] as const;
const SOURCES = [
  { description: '中国福利彩票双色球 2026-03-05 开奖号码（红球）', availableOn: '2026-03-05' },
  { description: '中国体育彩票排列5 2026-03-06 开奖号码', availableOn: '2026-03-06' },
];
const VALUES = ['03 09 12 17 25 31', '1 2 3 4 5'];
const ITEM = {
  code: 'SCJG-SJ-001',
  name: '食品经营者经营条件检查',
  kind: 'key',
  subject: '食品经营者',
  legalBasis: '《中华人民共和国食品安全法》第一百一十条',
  method: '现场检查',
  content: '许可证件、从业人员健康证明、进货查验记录',
};

async function relogin(at: string) {
  deps.clock.set(at);
  unitadmin = await api.login('unitadmin');
  leader = await api.login('leader');
  officer = await api.login('officer');
  admin = await api.login('admin');
}

beforeAll(async () => {
  deps = await openTestDeps('2026-03-02T09:00:00+08:00');
  api = await testApi(deps);
  await relogin('2026-03-02T09:00:00+08:00');
  [{ id: town }] = (await queryRows<{ id: string }>(
    deps.db,
    sql`select id::text as id from units where kind in ('town', 'street') order by name limit 1`,
  )) as [{ id: string }];
  [{ id: ecologyBureau }] = (await queryRows<{ id: string }>(
    deps.db,
    sql`select id::text as id from units where name = '区生态环境局'`,
  )) as [{ id: string }];
  [{ id: officerId }] = (await queryRows<{ id: string }>(
    deps.db,
    sql`select id::text as id from users where username = 'officer'`,
  )) as [{ id: string }];
  [{ id: marketBody }] = (await queryRows<{ id: string }>(
    deps.db,
    sql`select id::text as id from enforcement_bodies where name = '区市场监管综合行政执法支队'`,
  )) as [{ id: string }];
  for (let n = 1; n <= 40; n += 1) {
    const res = await api.call(unitadmin, 'POST', '/api/inspection/entities', {
      uscc: uscc(n),
      name: `联合抽查测试企业${n}`,
      entityType: n % 5 === 0 ? '个体工商户' : '企业',
      industry: '餐饮服务',
      address: `测试大道${n}号`,
      townId: town,
      legalRepresentative: '钱七',
    });
    expect(res.statusCode).toBe(201);
  }
  // The credit module's reader, as it will be registered: entities 1–32 graded A, B, C, D in turn, the rest ungraded.
  setGradeSource(async (_ctx, codes) => {
    const m = new Map<string, (typeof GRADE)[number]>();
    for (let n = 1; n <= 32; n += 1) if (codes.includes(uscc(n))) m.set(uscc(n), GRADE[(n - 1) % 4]!);
    return m;
  });
});
afterAll(async () => {
  setGradeSource(null);
  await api.close();
  await deps.database.close();
});

let itemId: string;
let planId: string;
let taskId: string;

describe('inspection items and annual plans', () => {
  it('items: 401/403, every bad field listed and nothing stored, create, edit, public list', async () => {
    expect((await api.call(null, 'GET', '/api/inspection/items')).statusCode).toBe(401);
    expect((await api.call(officer, 'GET', '/api/inspection/items')).statusCode).toBe(403);
    expect((await api.call(leader, 'POST', '/api/inspection/items', ITEM)).statusCode).toBe(403);
    const bad = await api.call(unitadmin, 'POST', '/api/inspection/items', {
      code: '中文编码',
      name: '',
      kind: 'other',
      subject: '食品经营者',
      legalBasis: '',
      method: '现场检查',
      content: '内容',
    });
    expect(bad.statusCode).toBe(400);
    expect(pointers(bad)).toEqual(['/body/code', '/body/kind', '/body/legalBasis', '/body/name']);
    expect(await count('inspection_items')).toBe(0);
    const res = await api.call(unitadmin, 'POST', '/api/inspection/items', ITEM);
    expect(res.statusCode).toBe(201);
    itemId = res.json().id;
    expect(res.json()).toMatchObject({ kind: 'key', unitName: '区市场监督管理局', canManage: true });
    const dup = await api.call(unitadmin, 'POST', '/api/inspection/items', ITEM);
    expect(dup.statusCode).toBe(400);
    expect(pointers(dup)).toEqual(['/body/code']);
    expect(
      (await api.call(unitadmin, 'PATCH', `/api/inspection/items/${NONE}`, { name: 'x' })).statusCode,
    ).toBe(404);
    expect(
      (await api.call(leader, 'PATCH', `/api/inspection/items/${itemId}`, { name: 'x' })).statusCode,
    ).toBe(403);
    const edited = await api.call(unitadmin, 'PATCH', `/api/inspection/items/${itemId}`, {
      method: '现场检查、书面检查',
    });
    expect(edited.json().method).toBe('现场检查、书面检查');
    expect((await api.call(leader, 'GET', '/api/inspection/items')).json()).toHaveLength(1);
    const pub = await api.call(null, 'GET', '/api/public/inspection/items');
    expect(pub.json().items.map((i: { code: string }) => i.code)).toEqual([ITEM.code]);
  });

  it('plans: 401/403/404, bad input listed and nothing stored, publish', async () => {
    expect((await api.call(null, 'POST', '/api/inspection/plans', {})).statusCode).toBe(401);
    expect((await api.call(officer, 'GET', '/api/inspection/plans')).statusCode).toBe(403);
    expect((await api.call(leader, 'POST', '/api/inspection/plans', {})).statusCode).toBe(403);
    const bad = await api.call(unitadmin, 'POST', '/api/inspection/plans', {
      year: 1999,
      title: '',
      description: '全年抽查',
      itemIds: [NONE],
    });
    expect(bad.statusCode).toBe(400);
    expect(pointers(bad)).toEqual(['/body/title', '/body/year']);
    const unknownItem = await api.call(unitadmin, 'POST', '/api/inspection/plans', {
      year: 2026,
      title: '2026年度双随机抽查计划',
      description: '全年抽查',
      itemIds: [itemId, NONE],
    });
    expect(pointers(unknownItem)).toEqual(['/body/itemIds/1']);
    expect(await count('inspection_plans')).toBe(0);
    const res = await api.call(unitadmin, 'POST', '/api/inspection/plans', {
      year: 2026,
      title: '2026年度双随机抽查计划',
      description: '全年抽查',
      itemIds: [itemId],
    });
    expect(res.statusCode).toBe(201);
    planId = res.json().id;
    expect((await api.call(leader, 'GET', `/api/inspection/plans/${planId}`)).json().title).toBe(
      '2026年度双随机抽查计划',
    );
    expect((await api.call(unitadmin, 'GET', `/api/inspection/plans/${NONE}`)).statusCode).toBe(404);
    const pub = await api.call(null, 'GET', '/api/public/inspection/items');
    expect(pub.json().plans.map((p: { id: string }) => p.id)).toEqual([planId]);
  });
});

describe('a joint task sampled by credit grade, its teams and results', () => {
  it('refuses bad tasks listing every problem, nothing stored', async () => {
    const bad = await api.call(unitadmin, 'POST', '/api/inspection/tasks', {
      title: '联合抽查',
      pick: 3,
      ratios: { A: 3, B: 5, C: 10, D: 101, U: 5 },
      sources: SOURCES,
      planId: NONE,
      itemIds: [NONE],
      jointUnitIds: [NONE],
    });
    expect(bad.statusCode).toBe(400);
    expect(pointers(bad)).toEqual(['/body/ratios/D']);
    const both = await api.call(unitadmin, 'POST', '/api/inspection/tasks', {
      title: '联合抽查',
      pick: 3,
      ratios: { A: 3, B: 5, C: 10, D: 100, U: 5 },
      sources: SOURCES,
      planId: NONE,
      itemIds: [NONE],
      jointUnitIds: [NONE],
    });
    expect(both.statusCode).toBe(400);
    expect(pointers(both)).toEqual(['/body/itemIds/0', '/body/jointUnitIds/0', '/body/pick', '/body/planId']);
    expect(await count('inspection_tasks')).toBe(0);
  });

  it('publishes with the grades frozen, draws per stratum by RFC 3797, then teams and results', async () => {
    const res = await api.call(unitadmin, 'POST', '/api/inspection/tasks', {
      title: '2026年餐饮服务部门联合双随机抽查',
      ratios: { A: 3, B: 5, C: 50, D: 100, U: 20 },
      sources: SOURCES,
      industry: '餐饮服务',
      planId,
      itemIds: [itemId],
      jointUnitIds: [ecologyBureau],
    });
    expect(res.statusCode).toBe(201);
    const task = res.json();
    taskId = task.id;
    // 8 entities per grade A–D, 8 ungraded: ⌈8×3%⌉=1, ⌈8×5%⌉=1, 4, 8, ⌈8×20%⌉=2.
    expect(task.strata).toEqual([
      { grade: 'A', size: 8, pick: 1 },
      { grade: 'B', size: 8, pick: 1 },
      { grade: 'C', size: 8, pick: 4 },
      { grade: 'D', size: 8, pick: 8 },
      { grade: 'U', size: 8, pick: 2 },
    ]);
    expect(task.pick).toBe(16);
    expect(task.roster.length).toBeGreaterThanOrEqual(2);
    // Cooperating departments see the joint task.
    const ecologyAdmin = await queryRows<{ username: string }>(
      deps.db,
      sql`select u.username from users u join user_roles ur on ur.tenant_id = u.tenant_id and ur.user_id = u.id
           join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id
           where u.unit_id = ${ecologyBureau}::uuid and r.code = 'unit_admin' limit 1`,
    );
    if (ecologyAdmin[0]) {
      const eco = await api.login(ecologyAdmin[0].username);
      expect((await api.call(eco, 'GET', `/api/inspection/tasks/${taskId}`)).json().canManage).toBe(false);
    }

    // Teams before the draw: refused.
    await relogin('2026-03-06T21:00:00+08:00');
    const early = await api.call(unitadmin, 'POST', `/api/inspection/tasks/${taskId}/teams`, {
      inspectionDate: '2026-03-09',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('INSPECTION.NOT_DRAWN');

    const drawn = await api.call(unitadmin, 'POST', `/api/inspection/tasks/${taskId}/draw`, {
      sourceValues: VALUES,
    });
    expect(drawn.statusCode).toBe(200);
    const grades = Array.from({ length: 40 }, (_, i) => (i < 32 ? GRADE[i % 4]! : 'U'));
    const expected = stratifiedDraw(grades, task.strata, VALUES);
    expect(drawn.json().selected).toEqual(expected.selected);
    // Each stratum is exactly RFC 3797 over its own members with the same sources.
    expect(drawn.json().strata[2].selected).toEqual(
      rfc3797Draw({ pool: 8, pick: 4, sources: VALUES }).selected,
    );
    const selected: number[] = drawn.json().selected;
    expect(new Set(selected).size).toBe(16);

    // Declare a conflict for the officer first in the first entity's roster order.
    const roster: string[] = task.roster;
    const rosterIds = (
      await queryRows<{ ids: string[] }>(
        deps.db,
        sql`select roster_ids as ids from inspection_tasks where id = ${taskId}::uuid`,
      )
    )[0]!.ids;
    const ids = typeof rosterIds === 'string' ? (JSON.parse(rosterIds) as string[]) : rosterIds;
    expect(ids).toHaveLength(roster.length);
    const firstCode = uscc(selected[0]!);
    const order = rosterOrder(ids.length, VALUES, firstCode);
    const firstEntity = (
      await queryRows<{ id: string }>(
        deps.db,
        sql`select id::text as id from inspection_entities where uscc = ${firstCode}`,
      )
    )[0]!.id;
    const conflicted = ids[order[0]! - 1]!;
    expect((await api.call(null, 'POST', '/api/inspection/conflicts', {})).statusCode).toBe(401);
    expect((await api.call(leader, 'POST', '/api/inspection/conflicts', {})).statusCode).toBe(403);
    const badConflict = await api.call(unitadmin, 'POST', '/api/inspection/conflicts', {
      userId: NONE,
      entityId: NONE,
      reason: '',
    });
    expect(pointers(badConflict)).toEqual(['/body/reason']);
    const unknown = await api.call(unitadmin, 'POST', '/api/inspection/conflicts', {
      userId: NONE,
      entityId: NONE,
      reason: '近亲属任该企业股东',
    });
    expect(pointers(unknown)).toEqual(['/body/entityId', '/body/userId']);
    expect(await count('inspection_conflicts')).toBe(0);
    const declared = await api.call(unitadmin, 'POST', '/api/inspection/conflicts', {
      userId: conflicted,
      entityId: firstEntity,
      reason: '近亲属任该企业股东',
    });
    expect(declared.statusCode).toBe(201);

    // Bad team input; a team size the roster cannot fill is refused for every entity, nothing stored.
    expect((await api.call(leader, 'POST', `/api/inspection/tasks/${taskId}/teams`, {})).statusCode).toBe(
      403,
    );
    const badTeams = await api.call(unitadmin, 'POST', `/api/inspection/tasks/${taskId}/teams`, {
      inspectionDate: '2026-03-01',
      teamSize: 1,
    });
    expect(pointers(badTeams)).toEqual(['/body/teamSize']);
    const past = await api.call(unitadmin, 'POST', `/api/inspection/tasks/${taskId}/teams`, {
      inspectionDate: '2026-03-01',
    });
    expect(pointers(past)).toEqual(['/body/inspectionDate']);
    if (roster.length <= 5) {
      const tooBig = await api.call(unitadmin, 'POST', `/api/inspection/tasks/${taskId}/teams`, {
        inspectionDate: '2026-03-09',
        teamSize: Math.min(5, roster.length),
      });
      expect(tooBig.statusCode).toBe(409);
      expect(tooBig.json().code).toBe('INSPECTION.TEAM_TOO_SMALL');
      expect(tooBig.json().errors.map((e: { pointer: string }) => e.pointer)).toContain(
        `/teams/${firstCode}`,
      );
    }
    const teams = await api.call(unitadmin, 'POST', `/api/inspection/tasks/${taskId}/teams`, {
      inspectionDate: '2026-03-09',
    });
    expect(teams.statusCode).toBe(200);
    const t0 = teams.json().teams[0];
    expect(t0.entityId).toBe(firstEntity);
    expect(t0.inspectors).not.toContain(conflicted);
    expect(t0.skipped).toContainEqual({ userId: conflicted, reason: '已申报回避' });
    for (const t of teams.json().teams) expect(t.inspectors).toHaveLength(2);
    expect(
      (
        await api.call(unitadmin, 'POST', `/api/inspection/tasks/${taskId}/teams`, {
          inspectionDate: '2026-03-09',
        })
      ).statusCode,
    ).toBe(409);

    // Results: only a team member records (谁检查、谁录入); every bad field listed; nothing stored.
    await relogin('2026-03-10T10:00:00+08:00');
    const mine = teams.json().teams.find((t: { inspectors: string[] }) => t.inspectors.includes(officerId));
    const notMine = teams
      .json()
      .teams.find((t: { inspectors: string[] }) => !t.inspectors.includes(officerId));
    expect(mine).toBeTruthy();
    const record = (body: unknown, as: Session | null = officer, id = taskId) =>
      api.call(as, 'POST', `/api/inspection/tasks/${id}/results`, body);
    const good = {
      entityId: mine.entityId,
      outcome: 'normal',
      findings: '未发现问题',
      inspectedOn: '2026-03-09',
    };
    expect((await record(good, null)).statusCode).toBe(401);
    expect((await record(good, leader)).statusCode).toBe(403);
    expect((await record(good, officer, NONE)).statusCode).toBe(404);
    const badResult = await record({
      entityId: NONE,
      outcome: 'fine',
      findings: '',
      inspectedOn: '2026-03-20',
    });
    expect(pointers(badResult)).toEqual(['/body/findings', '/body/outcome']);
    const badDates = await record({ ...good, entityId: NONE, inspectedOn: '2026-03-20', outcome: 'case' });
    expect(pointers(badDates)).toEqual(['/body/bodyId', '/body/entityId', '/body/inspectedOn']);
    if (notMine) expect((await record({ ...good, entityId: notMine.entityId })).statusCode).toBe(403);
    expect(await count('inspection_results')).toBe(0);
    const assignments = await api.call(officer, 'GET', '/api/inspection/assignments');
    expect(assignments.json().map((a: { entityId: string }) => a.entityId)).toContain(mine.entityId);

    // A finding that needs a case opens an enforcement case (source 双随机抽查).
    const opened = await record({
      ...good,
      outcome: 'case',
      findings: '经营场所发现超过保质期的食品，负责人钱七在场',
      bodyId: marketBody,
    });
    expect(opened.statusCode).toBe(201);
    expect(opened.json().publishDue > '2026-03-09').toBe(true);
    const caseId = opened.json().caseId;
    const [c] = await queryRows<{ type: string; state: string; source: string }>(
      deps.db,
      sql`select type, state, data->>'source' as source from cases where id = ${caseId}::uuid`,
    );
    expect(c).toEqual({ type: 'enforcement.penalty-case', state: 'source', source: '双随机抽查' });
    expect((await record(good)).statusCode).toBe(409);

    // A conflict declared after the teams were drawn: the inspector may not record.
    const other = teams
      .json()
      .teams.find(
        (t: { inspectors: string[]; entityId: string }) =>
          t.inspectors.includes(officerId) && t.entityId !== mine.entityId,
      );
    if (other) {
      await api.call(unitadmin, 'POST', '/api/inspection/conflicts', {
        userId: officerId,
        entityId: other.entityId,
        reason: '曾在该企业任职',
      });
      const refused = await record({ ...good, entityId: other.entityId });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('INSPECTION.INSPECTOR_CONFLICTED');
    }

    // Publication by the lead department; the portal shows the result without personal data.
    expect(
      (await api.call(leader, 'POST', `/api/inspection/tasks/${taskId}/results/publish`)).statusCode,
    ).toBe(403);
    const published = await api.call(unitadmin, 'POST', `/api/inspection/tasks/${taskId}/results/publish`);
    expect(published.json()).toEqual({ published: 1 });
    expect(
      (await api.call(unitadmin, 'POST', `/api/inspection/tasks/${taskId}/results/publish`)).statusCode,
    ).toBe(409);
    const pub = await api.call(null, 'GET', `/api/public/inspection/draws/${taskId}`);
    expect(pub.statusCode).toBe(200);
    const body = pub.json();
    expect(body).toMatchObject({ verified: true, poolHashMatches: true, jointUnitNames: ['区生态环境局'] });
    expect(body.poolGrades).toEqual(grades);
    expect(body.results).toHaveLength(1);
    expect(body.results[0].outcome).toBe('case');
    expect(JSON.stringify(body)).not.toContain('钱七');
    expect(body.results[0].findings).toContain('负责人钱某在场');
    expect(body.teams[0].skipped).toContainEqual({ roster: order[0], reason: '已申报回避' });
    expect(body.teams[0].inspectors).toEqual(t0.inspectors.map((u: string) => ids.indexOf(u) + 1));

    const logs = await queryRows<{ kind: string }>(
      deps.db,
      sql`select kind from log_entries where kind like 'inspection.%' and kind not like 'inspection.entity.%' order by id`,
    );
    expect(logs.map((l) => l.kind)).toEqual([
      'inspection.item.created',
      'inspection.item.updated',
      'inspection.plan.published',
      'inspection.task.published',
      'inspection.task.drawn',
      'inspection.conflict.declared',
      'inspection.task.teamed',
      'inspection.result.recorded',
      ...(other ? ['inspection.conflict.declared'] : []),
      'inspection.result.published',
    ]);
  });

  it('a department without two credentialed officers cannot form teams', async () => {
    await relogin('2026-03-10T10:00:00+08:00');
    const res = await api.call(admin, 'POST', '/api/inspection/tasks', {
      title: '司法局名义的抽查（无执法人员）',
      pick: 2,
      sources: [{ description: '体彩排列5 2026-03-12', availableOn: '2026-03-12' }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().roster.length).toBeLessThan(2);
    await relogin('2026-03-12T22:00:00+08:00');
    const id = res.json().id;
    expect(
      (await api.call(admin, 'POST', `/api/inspection/tasks/${id}/draw`, { sourceValues: ['12345'] }))
        .statusCode,
    ).toBe(200);
    const teams = await api.call(admin, 'POST', `/api/inspection/tasks/${id}/teams`, {
      inspectionDate: '2026-03-16',
    });
    expect(teams.statusCode).toBe(409);
    expect(teams.json().code).toBe('INSPECTION.TEAM_TOO_SMALL');
    expect(teams.json().errors).toHaveLength(2);
    expect((await api.call(admin, 'GET', `/api/inspection/tasks/${id}`)).json().status).toBe('drawn');
  });
});
