/**
 * Inspection results → credit records (publication records, correction and withdrawal revoke), the daily jobs
 * (overdue results flagged; credit publicity ended and subjects re-graded) and the single-team re-draw.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps } from '../../../test/support/db.ts';
import { queryRows } from '../../kernel/db/index.ts';
import { computeUsccCheck } from '../../platform/validators/index.ts';
import { runDailyJobs } from '../../platform/workflow/index.ts';
import { redrawOrder, rosterOrder, teamFollowsOrder } from './index.ts';

let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let unitadmin: Session;
let officer: Session;
let admin: Session;
let leader: Session;
let town: string;
let officerId: string;

const uscc = (n: number) => {
  const body = `91500113MC${String(n).padStart(7, '0')}`;
  return body + computeUsccCheck(body);
};
const VALUES = ['05 11 19 23 28 33', '7 7 0 1 9'];
const SOURCES = [
  { description: '中国福利彩票双色球 2026-03-05 开奖号码（红球）', availableOn: '2026-03-05' },
  { description: '中国体育彩票排列5 2026-03-06 开奖号码', availableOn: '2026-03-06' },
];
const N = 12;
const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

async function relogin(at: string) {
  deps.clock.set(at);
  unitadmin = await api.login('unitadmin');
  officer = await api.login('officer');
  admin = await api.login('admin');
  leader = await api.login('leader');
}
const pointers = (res: { json(): { errors?: { pointer: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.pointer).sort();
const creditOf = (code: string) =>
  queryRows<{ kind: string; severity: string; status: string; origin_ref: string; title: string }>(
    deps.db,
    sql`select kind, severity, status, origin_ref, title from credit_records where credit_code = ${code} order by created_at, id`,
  );
const subject = async (code: string) =>
  (
    await queryRows<{ score: string | null; grade: string | null }>(
      deps.db,
      sql`select score, grade from credit_subjects where credit_code = ${code}`,
    )
  )[0];

beforeAll(async () => {
  deps = await openTestDeps('2026-03-02T09:00:00+08:00');
  api = await testApi(deps);
  await relogin('2026-03-02T09:00:00+08:00');
  [{ id: town }] = (await queryRows<{ id: string }>(
    deps.db,
    sql`select id::text as id from units where kind in ('town', 'street') order by name limit 1`,
  )) as [{ id: string }];
  [{ id: officerId }] = (await queryRows<{ id: string }>(
    deps.db,
    sql`select id::text as id from users where username = 'officer'`,
  )) as [{ id: string }];
  for (let n = 1; n <= N; n += 1) {
    const res = await api.call(unitadmin, 'POST', '/api/inspection/entities', {
      uscc: uscc(n),
      name: `信用联动测试企业${n}`,
      entityType: '企业',
      industry: '信用联动测试行业',
      address: `联动路${n}号`,
      townId: town,
      legalRepresentative: '孙八',
    });
    expect(res.statusCode).toBe(201);
  }
  // A published scoring model (the default), so grades move.
  const m = await api.call(admin, 'POST', '/api/credit/models', { name: '测试评分模型' });
  expect(m.statusCode).toBe(201);
  expect((await api.call(admin, 'POST', `/api/credit/models/${m.json().id}/publish`)).statusCode).toBe(200);
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

let taskId: string;
let teams: { entityId: string; position: number; inspectors: string[] }[];
let rosterIds: string[];
let mine: { entityId: string; position: number; inspectors: string[] }[];

describe('a drawn and teamed task', () => {
  it('publishes, draws and forms teams', async () => {
    const res = await api.call(unitadmin, 'POST', '/api/inspection/tasks', {
      title: '2026年信用联动双随机抽查',
      pick: N,
      sources: SOURCES,
      industry: '信用联动测试行业',
      // 部门联合抽查 with every other department that has an enforcement team: a roster large enough to re-draw.
      jointUnitIds: (
        await queryRows<{ id: string }>(
          deps.db,
          sql`select distinct p.id::text as id from units p join units t on t.tenant_id = p.tenant_id and t.parent_id = p.id
               where p.kind = 'department' and t.kind = 'team' and p.name <> '区市场监督管理局' order by 1`,
        )
      ).map((r) => r.id),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().roster.length).toBeGreaterThanOrEqual(4);
    taskId = res.json().id;
    await relogin('2026-03-06T21:00:00+08:00');
    expect(
      (await api.call(unitadmin, 'POST', `/api/inspection/tasks/${taskId}/draw`, { sourceValues: VALUES }))
        .statusCode,
    ).toBe(200);
    const t = await api.call(unitadmin, 'POST', `/api/inspection/tasks/${taskId}/teams`, {
      inspectionDate: '2026-03-09',
    });
    expect(t.statusCode).toBe(200);
    teams = t.json().teams;
    rosterIds = t.json().rosterIds;
    mine = teams.filter((x) => x.inspectors.includes(officerId));
    expect(mine.length).toBeGreaterThanOrEqual(3);
  });
});

describe('单组重新匹配 (re-draw of one team after a later conflict)', () => {
  it('refuses bad input, an absent cause, then re-draws only that team, reproducibly', async () => {
    const used = new Set(mine.slice(0, 4).map((x) => x.entityId));
    const target = [...teams].reverse().find((x) => !used.has(x.entityId))!;
    const member = target.inspectors.find((u) => u !== officerId)!;
    const url = `/api/inspection/tasks/${taskId}/teams/${target.entityId}/redraw`;
    expect((await api.call(null, 'POST', url, {})).statusCode).toBe(401);
    expect((await api.call(officer, 'POST', url, { cause: 'other', reason: 'x' })).statusCode).toBe(403);
    const bad = await api.call(unitadmin, 'POST', url, { cause: 'mood', reason: '' });
    expect(pointers(bad)).toEqual(['/body/cause', '/body/reason']);
    const absent = await api.call(unitadmin, 'POST', url, { cause: 'conflict', reason: '申报回避' });
    expect(absent.statusCode).toBe(409);
    expect(absent.json().code).toBe('INSPECTION.REDRAW_CAUSE_ABSENT');
    const noTeam = await api.call(
      unitadmin,
      'POST',
      `/api/inspection/tasks/${taskId}/teams/00000000-0000-4000-8000-000000000000/redraw`,
      { cause: 'other', reason: '调离' },
    );
    expect(noTeam.statusCode).toBe(404);

    // A member declares a conflict after the draw.
    expect(
      (
        await api.call(unitadmin, 'POST', '/api/inspection/conflicts', {
          userId: member,
          entityId: target.entityId,
          reason: '配偶在该企业任财务负责人',
        })
      ).statusCode,
    ).toBe(201);
    const res = await api.call(unitadmin, 'POST', url, { cause: 'conflict', reason: '配偶在该企业任职' });
    expect(res.statusCode).toBe(200);
    const after = res.json();
    const code = uscc(target.position);
    const order = redrawOrder(rosterIds.length, VALUES, code, 1);
    expect(order).not.toEqual(rosterOrder(rosterIds.length, VALUES, code));
    const newTeam = after.teams.find((x: { entityId: string }) => x.entityId === target.entityId);
    expect(newTeam.redraw).toBe(1);
    expect(newTeam.inspectors).not.toContain(member);
    expect(newTeam.inspectors).toHaveLength(target.inspectors.length);
    const pos = (u: string) => rosterIds.indexOf(u) + 1;
    expect(
      teamFollowsOrder(
        order,
        newTeam.inspectors.map(pos),
        newTeam.skipped.map((s: { userId: string }) => pos(s.userId)),
      ),
    ).toBe(true);
    // Every other team is untouched.
    for (const t of after.teams.filter((x: { entityId: string }) => x.entityId !== target.entityId))
      expect(t).toEqual(teams.find((x) => x.entityId === t.entityId));
    expect(after.redraws).toMatchObject([
      { seq: 1, entityId: target.entityId, cause: 'conflict', previous: target.inspectors },
    ]);

    // The portal shows the re-draw (cause, not the reason) with what the verify page needs.
    const pub = (await api.call(null, 'GET', `/api/public/inspection/draws/${taskId}`)).json();
    expect(pub.redraws).toEqual([
      expect.objectContaining({
        seq: 1,
        uscc: code,
        cause: 'conflict',
        causeLabel: '检查人员申报回避',
        previous: target.inspectors.map(pos),
        inspectors: newTeam.inspectors.map(pos),
      }),
    ]);
    expect(JSON.stringify(pub)).not.toContain('配偶');
    const pubTeam = pub.teams.find((t: { uscc: string }) => t.uscc === code);
    expect(pubTeam.redraw).toBe(1);
    expect(
      teamFollowsOrder(
        redrawOrder(pub.roster.length, pub.sourceValues, code, pubTeam.redraw),
        pubTeam.inspectors,
        pubTeam.skipped.map((s: { roster: number }) => s.roster),
      ),
    ).toBe(true);
    const [logged] = await queryRows<{ data: unknown }>(
      deps.db,
      sql`select body::jsonb -> 'data' as data from log_entries where kind = 'inspection.team.redrawn'`,
    );
    expect(json<{ seq: number; reason: string }>(logged!.data as string)).toMatchObject({
      seq: 1,
      reason: '配偶在该企业任职',
    });
  });
});

describe('results → credit records', () => {
  it('publication records each result for the entity and re-grades it; the public lookup shows it masked', async () => {
    await relogin('2026-03-10T10:00:00+08:00');
    const [a, b, c] = mine as [(typeof mine)[0], (typeof mine)[0], (typeof mine)[0]];
    const record = (entityId: string, outcome: string, findings: string) =>
      api.call(officer, 'POST', `/api/inspection/tasks/${taskId}/results`, {
        entityId,
        outcome,
        findings,
        inspectedOn: '2026-03-09',
      });
    expect((await record(a.entityId, 'normal', '未发现问题')).statusCode).toBe(201);
    expect(
      (await record(b.entityId, 'rectify', '进货查验记录不全，责令负责人孙八十日内整改')).statusCode,
    ).toBe(201);
    expect((await record(c.entityId, 'corrected', '价签不规范，当场整改')).statusCode).toBe(201);
    // Recorded, not yet published: no credit record.
    expect(await creditOf(uscc(b.position))).toEqual([]);
    const pub = await api.call(unitadmin, 'POST', `/api/inspection/tasks/${taskId}/results/publish`);
    expect(pub.json()).toEqual({ published: 3 });
    expect(await creditOf(uscc(a.position))).toMatchObject([{ kind: 'inspection', severity: 'none' }]);
    expect(await creditOf(uscc(c.position))).toMatchObject([{ kind: 'inspection', severity: 'minor' }]);
    const [rb] = await creditOf(uscc(b.position));
    expect(rb).toMatchObject({
      severity: 'general',
      status: 'active',
      origin_ref: `${taskId}/${b.entityId}`,
    });
    expect(rb!.title).toContain('孙某');
    expect(rb!.title).not.toContain('孙八');
    // Default model: base 100, inspection none +1, minor −2, general −5.
    expect(await subject(uscc(a.position))).toMatchObject({ grade: 'A' });
    expect(Number((await subject(uscc(a.position)))!.score)).toBe(101);
    expect(Number((await subject(uscc(b.position)))!.score)).toBe(95);
    const lookup = (await api.call(null, 'GET', `/api/public/credit/subjects/${uscc(b.position)}`)).json();
    expect(lookup.inspections).toHaveLength(1);
    expect(lookup.inspections[0].title).toContain('责令限期整改');
    expect(JSON.stringify(lookup)).not.toContain('孙八');
  });

  it('a correction revokes the record and records the corrected result; a withdrawal revokes it', async () => {
    const b = mine[1]!;
    const url = `/api/inspection/tasks/${taskId}/results/${b.entityId}`;
    const bad = await api.call(officer, 'POST', `${url}/correct`, {
      outcome: 'case',
      findings: '进货查验记录不全',
      reason: '',
    });
    expect(pointers(bad)).toEqual(['/body/reason']);
    const noBody = await api.call(officer, 'POST', `${url}/correct`, {
      outcome: 'case',
      findings: '进货查验记录不全',
      reason: '发现违法行为',
    });
    expect(pointers(noBody)).toEqual(['/body/bodyId']);
    expect((await api.call(leader, 'POST', `${url}/correct`, {})).statusCode).toBe(403);
    const fixed = await api.call(officer, 'POST', `${url}/correct`, {
      outcome: 'normal',
      findings: '经复核，进货查验记录齐全，未发现问题',
      reason: '录入错误',
    });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json()).toMatchObject({ outcome: 'normal', revision: 1 });
    const recs = await creditOf(uscc(b.position));
    expect(recs.map((r) => [r.severity, r.status])).toEqual([
      ['general', 'revoked'],
      ['none', 'active'],
    ]);
    expect(Number((await subject(uscc(b.position)))!.score)).toBe(101);

    expect((await api.call(officer, 'POST', `${url}/withdraw`, { reason: 'x' })).statusCode).toBe(403);
    const w = await api.call(unitadmin, 'POST', `${url}/withdraw`, { reason: '检查对象有误' });
    expect(w.statusCode).toBe(200);
    expect(w.json()).toMatchObject({ publishedAt: null, withdrawReason: '检查对象有误' });
    expect((await creditOf(uscc(b.position))).every((r) => r.status === 'revoked')).toBe(true);
    expect(Number((await subject(uscc(b.position)))!.score)).toBe(100);
    const again = await api.call(unitadmin, 'POST', `${url}/withdraw`, { reason: '检查对象有误' });
    expect(again.json().code).toBe('INSPECTION.RESULT_NOT_PUBLISHED');
    const pub = (await api.call(null, 'GET', `/api/public/inspection/draws/${taskId}`)).json();
    expect(pub.results.map((r: { uscc: string }) => r.uscc)).not.toContain(uscc(b.position));
    expect(
      (await api.call(null, 'GET', `/api/public/credit/subjects/${uscc(b.position)}`)).json().inspections,
    ).toEqual([]);
    // Published again: recorded again.
    expect(
      (await api.call(unitadmin, 'POST', `/api/inspection/tasks/${taskId}/results/publish`)).json(),
    ).toEqual({ published: 1 });
    expect((await creditOf(uscc(b.position))).filter((r) => r.status === 'active')).toHaveLength(1);
  });

  it('a re-draw is refused once the entity has a result', async () => {
    const a = mine[0]!;
    const res = await api.call(
      unitadmin,
      'POST',
      `/api/inspection/tasks/${taskId}/teams/${a.entityId}/redraw`,
      {
        cause: 'other',
        reason: '调离',
      },
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('INSPECTION.RESULT_EXISTS');
  });
});

describe('daily jobs', () => {
  it('flags results still unpublished after 20 working days, once', async () => {
    const d = mine[3] ?? mine[2]!;
    const existing = await api.call(officer, 'GET', `/api/inspection/tasks/${taskId}/results`);
    const has = existing.json().some((r: { entityId: string }) => r.entityId === d.entityId);
    if (!has)
      expect(
        (
          await api.call(officer, 'POST', `/api/inspection/tasks/${taskId}/results`, {
            entityId: d.entityId,
            outcome: 'normal',
            findings: '未发现问题',
            inspectedOn: '2026-03-10',
          })
        ).statusCode,
      ).toBe(201);
    const unpublished = (await api.call(officer, 'GET', `/api/inspection/tasks/${taskId}/results`))
      .json()
      .filter((r: { publishedAt: string | null }) => !r.publishedAt);
    expect(unpublished.length).toBeGreaterThan(0);
    const due = unpublished[0].publishDue as string;
    // 20 working days after 2026-03-10 (清明 2026-04-06 a holiday): 2026-04-08.
    expect(due).toBe('2026-04-08');
    // On the due date nothing is overdue.
    const onDue = await runDailyJobs(deps, new Date(`${due}T01:00:00+08:00`));
    expect(onDue.find((r) => r.job === 'inspection.results-overdue')?.result).toEqual({ flagged: 0 });
    const next = await runDailyJobs(deps, new Date('2026-04-09T01:00:00+08:00'));
    expect(next.find((r) => r.job === 'inspection.results-overdue')?.result).toEqual({
      flagged: unpublished.length,
    });
    // Once a day: the same day again does nothing; the next day finds nothing new.
    expect(await runDailyJobs(deps, new Date('2026-04-09T09:00:00+08:00'))).toEqual([]);
    const later = await runDailyJobs(deps, new Date('2026-04-10T01:00:00+08:00'));
    expect(later.find((r) => r.job === 'inspection.results-overdue')?.result).toEqual({ flagged: 0 });
    await relogin('2026-04-10T10:00:00+08:00');
    const rows = (await api.call(officer, 'GET', `/api/inspection/tasks/${taskId}/results`)).json();
    expect(rows.filter((r: { overdueAt: string | null }) => r.overdueAt)).toHaveLength(unpublished.length);
    const [n] = await queryRows<{ n: number }>(
      deps.db,
      sql`select count(*)::int as n from log_entries where kind = 'inspection.result.overdue'`,
    );
    expect(n!.n).toBe(1);
  });

  it('ends credit publicity at its end date and re-grades the subject', async () => {
    // The minor result (当场整改) decided 2026-03-09 under ndrc-2026: public for 3 months, until 2026-06-09.
    const c = mine[2]!;
    const code = uscc(c.position);
    const [rec] = await queryRows<{ publicity_end: string }>(
      deps.db,
      sql`select publicity_end::text as publicity_end from credit_records where credit_code = ${code} and status = 'active'`,
    );
    expect(rec!.publicity_end).toBe('2026-06-09');
    expect(Number((await subject(code))!.score)).toBe(98);
    const before = await runDailyJobs(deps, new Date('2026-06-08T01:00:00+08:00'));
    expect(before.find((r) => r.job === 'credit.publicity-end')?.result).toEqual({ ended: 0, regraded: 0 });
    const on = await runDailyJobs(deps, new Date('2026-06-09T01:00:00+08:00'));
    const res = on.find((r) => r.job === 'credit.publicity-end')!.result as {
      ended: number;
      regraded: number;
    };
    expect(res.ended).toBeGreaterThanOrEqual(1);
    expect(res.regraded).toBeGreaterThanOrEqual(1);
    expect(Number((await subject(code))!.score)).toBe(100);
    const [h] = await queryRows<{ cause: string }>(
      deps.db,
      sql`select cause from credit_grade_history where credit_code = ${code} order by seq desc limit 1`,
    );
    expect(h!.cause).toBe('expiry');
    deps.clock.set('2026-06-09T10:00:00+08:00');
    expect((await api.call(null, 'GET', `/api/public/credit/subjects/${code}`)).json().inspections).toEqual(
      [],
    );
    const again = await runDailyJobs(deps, new Date('2026-06-10T01:00:00+08:00'));
    expect(again.find((r) => r.job === 'credit.publicity-end')?.result).toEqual({ ended: 0, regraded: 0 });
  });
});
