import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps } from '../../../test/support/db.ts';
import { actorForUsername } from '../../platform/access/index.ts';
import { logEntries } from '../../platform/log/index.ts';
import { cases } from '../../platform/workflow/index.ts';
import { requestReview, reviewPassed } from './legality.service.ts';
import { legalityKindSettings, legalityOpinions } from './legality.tables.ts';

/**
 * 合法性审查 as one service: the double review (unit legal staff, then the justice bureau), single-stage kinds,
 * returns, the gate other modules ask, statistics, and who may do what.
 */
let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let unitadmin: Session;
let reviewer: Session;
let justice: Session;
let officer: Session;
let staff: Session;

beforeAll(async () => {
  deps = await openTestDeps('2026-03-02T10:00:00+08:00');
  api = await testApi(deps);
  unitadmin = await api.login('unitadmin');
  reviewer = await api.login('reviewer');
  justice = await api.login('justice');
  officer = await api.login('officer');
  staff = await api.login('staff');
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

const request = (over: Record<string, unknown> = {}) => ({
  type: 'legality.review',
  data: {
    kind: 'contract',
    subject: { type: 'contract', id: `HT-${Math.random().toString(36).slice(2, 8)}` },
    title: '示范区农贸市场委托经营协议',
    materials: [{ name: '协议文本' }, { name: '起草说明' }],
    ...over,
  },
});
const open = async (over: Record<string, unknown> = {}) => {
  const res = await api.call(unitadmin, 'POST', '/api/workflow/cases', request(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const step = (s: Session, id: string, name: string, body: unknown) =>
  api.call(s, 'POST', `/api/workflow/cases/${id}/transitions/${name}`, body);
const pass = {
  outcome: 'pass-with-changes',
  reasons: '第五条违约责任表述应予明确',
  basis: '民法典第五百七十七条',
};

describe('legality review service', () => {
  it('runs the double review: unit legal staff, then the justice bureau, each with its time limit', async () => {
    const c = await open();
    expect(c.number).toMatch(/^合法性审查〔2026〕\d+号$/);
    expect(c.state).toBe('unit-review');
    // 10 working days from Monday 2026-03-02
    expect(c.deadlines).toEqual([expect.objectContaining({ key: 'unit', dueDate: '2026-03-16' })]);
    // a two-stage kind cannot end at the unit
    const early = await step(reviewer, c.id, 'unitPassFinal', pass);
    expect(early.statusCode).toBe(409);
    expect(early.json().errors[0].pointer).toBe('/guards/KindNeedsOnlyUnitReview');
    // the justice bureau cannot give the unit's opinion, nor the unit the bureau's
    expect((await step(justice, c.id, 'unitPass', pass)).statusCode).toBe(403);
    const u = await step(reviewer, c.id, 'unitPass', pass);
    expect(u.statusCode, u.body).toBe(200);
    expect(u.json().state).toBe('justice-review');
    expect((await step(reviewer, c.id, 'justicePass', pass)).statusCode).toBe(403);
    const gateBefore = await reviewPassed(await ctxOf('unitadmin'), c.data.subject);
    expect(gateBefore.passed).toBe(false);
    expect(gateBefore.problems[0]).toContain('司法局审查中');
    const j = await step(justice, c.id, 'justicePass', { ...pass, outcome: 'pass' });
    expect(j.statusCode, j.body).toBe(200);
    expect(j.json().state).toBe('passed');
    expect((await reviewPassed(await ctxOf('unitadmin'), c.data.subject)).passed).toBe(true);
    const ops = await deps.db.select().from(legalityOpinions).where(eq(legalityOpinions.caseId, c.id));
    expect(ops.map((o) => [o.stage, o.outcome, o.dueDate])).toEqual(
      expect.arrayContaining([
        ['unit', 'pass-with-changes', '2026-03-16'],
        ['justice', 'pass', '2026-03-16'],
      ]),
    );
    // every opinion is in the transparency log
    const log = await deps.db
      .select({ body: logEntries.body })
      .from(logEntries)
      .where(eq(logEntries.subjectId, c.id));
    expect(
      log.some((r) => r.body.includes('legality.review.unitPass') && r.body.includes('民法典第五百七十七条')),
    ).toBe(true);
    expect(log.some((r) => r.body.includes('legality.review.justicePass'))).toBe(true);
  });

  it('ends a single-stage kind at the unit, and a failed review keeps the gate shut', async () => {
    const c = await open({ kind: 'enforcement-decision' });
    expect((await step(reviewer, c.id, 'unitPass', pass)).statusCode).toBe(409);
    const f = await step(reviewer, c.id, 'unitFail', { reasons: '事实不清', basis: '行政处罚法第四十条' });
    expect(f.statusCode, f.body).toBe(200);
    expect(f.json().state).toBe('failed');
    const gate = await reviewPassed(await ctxOf('unitadmin'), c.data.subject);
    expect(gate).toMatchObject({ passed: false });
    const d = await open({ kind: 'other' });
    expect((await step(reviewer, d.id, 'unitPassFinal', pass)).json().state).toBe('passed');
  });

  it('returns for more materials (stopping the clock) and takes the resubmission', async () => {
    const c = await open();
    const r = await step(reviewer, c.id, 'unitReturn', { reasons: '缺少法律依据清单' });
    expect(r.json().state).toBe('returned');
    expect(r.json().deadlines[0].status).toBe('paused');
    expect((await step(reviewer, c.id, 'resubmit', { materials: [{ name: '法律依据' }] })).statusCode).toBe(
      403,
    );
    const s = await step(unitadmin, c.id, 'resubmit', { materials: [{ name: '法律依据清单' }] });
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json().state).toBe('unit-review');
    expect(s.json().deadlines[0].status).toBe('running');
  });

  it('refuses bad input with every problem, storing nothing', async () => {
    const before = (await deps.db.select({ n: count() }).from(cases))[0]!.n;
    const res = await api.call(unitadmin, 'POST', '/api/workflow/cases', {
      type: 'legality.review',
      data: { kind: 'nonsense', title: '', materials: [] },
    });
    expect(res.statusCode).toBe(400);
    const pointers = res.json().errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining(['/body/data/kind', '/body/data/title', '/body/data/materials']),
    );
    const c = await open();
    const bad = await step(reviewer, c.id, 'unitPass', { outcome: 'fail', reasons: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual(
      expect.arrayContaining(['/body/outcome', '/body/reasons', '/body/basis']),
    );
    expect((await deps.db.select({ n: count() }).from(cases))[0]!.n).toBe(before + 1);
  });

  it('keeps requests to the requester and reviewers: officer and staff may not request or see them', async () => {
    const c = await open();
    expect((await api.call(officer, 'POST', '/api/workflow/cases', request())).statusCode).toBe(403);
    expect((await api.call(staff, 'GET', `/api/workflow/cases/${c.id}`)).statusCode).toBe(404);
    expect((await api.call(null, 'GET', `/api/workflow/cases/${c.id}`)).statusCode).toBe(401);
  });

  it('opens a review inside the caller transaction (requestReview) and rolls back with it', async () => {
    const ctx = await ctxOf('unitadmin');
    const subject = { type: 'test.subject', id: 'rollback-1' };
    await expect(
      deps.db.transaction(async (tx) => {
        await requestReview(
          { ...ctx, db: tx },
          {
            kind: 'other',
            subject,
            title: '回滚测试',
            materials: [{ name: '材料' }],
            unitId: ctx.actor.unitId!,
          },
        );
        throw new Error('caller failed');
      }),
    ).rejects.toThrow('caller failed');
    expect((await reviewPassed(ctx, subject)).problems).toEqual(['尚未提请合法性审查']);
  });

  it('counts opinions by kind, stage and outcome', async () => {
    const res = await api.call(justice, 'GET', '/api/legality/stats');
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().opinions as { kind: string; stage: string; outcome: string; n: number }[];
    expect(
      rows.find((r) => r.kind === 'contract' && r.stage === 'justice' && r.outcome === 'pass')?.n,
    ).toBeGreaterThan(0);
    expect(res.json().reviews.length).toBeGreaterThan(0);
    expect((await api.call(officer, 'GET', '/api/legality/stats')).statusCode).toBe(403);
    expect((await api.call(null, 'GET', '/api/legality/stats')).statusCode).toBe(401);
    expect((await api.call(justice, 'GET', '/api/legality/stats?from=bad')).statusCode).toBe(400);
    expect((await api.call(reviewer, 'GET', '/api/legality/kinds')).json().kinds.length).toBe(5);
  });
});

describe('双重审查设置 per district', () => {
  const put = (s: Session | null, kind: string, body: unknown) =>
    api.call(s, 'PUT', `/api/legality/kinds/${kind}`, body);

  it('answers 401, 403, 404 and 400 listing every problem; stores nothing then', async () => {
    const change = { twoStage: true, reason: '本区重大执法决定实行双重审查' };
    expect((await put(null, 'enforcement-decision', change)).statusCode).toBe(401);
    expect((await put(reviewer, 'enforcement-decision', change)).statusCode).toBe(403);
    expect((await put(unitadmin, 'enforcement-decision', change)).statusCode).toBe(403);
    const unknown = await put(justice, 'no-such-kind', change);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('LEGALITY.KIND_UNKNOWN');
    const bad = await put(justice, 'enforcement-decision', { twoStage: 'yes', reason: '' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/body/reason', '/body/twoStage']);
    const [n] = await deps.db.select({ n: count() }).from(legalityKindSettings);
    expect(n!.n).toBe(0);
    const kinds = (await api.call(reviewer, 'GET', '/api/legality/kinds')).json().kinds;
    expect(kinds.find((k: { code: string }) => k.code === 'enforcement-decision')).toMatchObject({
      twoStage: false,
      defaultTwoStage: false,
      changedAt: null,
    });
  });

  it('a change applies to reviews requested after it; a review keeps the plan in force when requested', async () => {
    deps.clock.set('2026-03-02T10:01:00+08:00');
    const before = await open({ kind: 'other' });
    deps.clock.set('2026-03-02T10:02:00+08:00');
    const res = await put(justice, 'other', { twoStage: true, reason: '其他事项一律报司法局审查' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().kinds.find((k: { code: string }) => k.code === 'other')).toMatchObject({
      twoStage: true,
      defaultTwoStage: false,
      reason: '其他事项一律报司法局审查',
    });
    const logged = await deps.db
      .select({ kind: logEntries.kind })
      .from(logEntries)
      .where(eq(logEntries.subjectId, 'other'));
    expect(logged.map((l) => l.kind)).toContain('legality.kind-setting.changed');
    deps.clock.set('2026-03-02T10:03:00+08:00');
    const after = await open({ kind: 'other' });
    // the one requested before ends at the unit; the one after goes on to the justice bureau
    const single = await step(reviewer, before.id, 'unitPassFinal', pass);
    expect(single.statusCode, single.body).toBe(200);
    expect(single.json().state).toBe('passed');
    const refused = await step(reviewer, after.id, 'unitPassFinal', pass);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors[0].pointer).toBe('/guards/KindNeedsOnlyUnitReview');
    expect((await step(reviewer, after.id, 'unitPass', pass)).json().state).toBe('justice-review');
    // back to the default
    deps.clock.set('2026-03-02T10:04:00+08:00');
    expect((await put(justice, 'other', { twoStage: false, reason: '恢复默认' })).statusCode).toBe(200);
    deps.clock.set('2026-03-02T10:00:00+08:00');
  });
});

async function ctxOf(username: string) {
  const actor = await actorForUsername(deps.db, '500113', username);
  return {
    db: deps.db,
    actor: actor!,
    requestId: null,
    now: new Date('2026-03-02T10:00:00+08:00'),
    crypto: deps.crypto,
    config: deps.config,
  };
}
