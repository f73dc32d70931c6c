import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps, withoutDemoCases } from '../../../test/support/db.ts';
import { queryRows } from '../../kernel/db/index.ts';
import type { Ctx } from '../../platform/access/index.ts';
import { computeUsccCheck } from '../../platform/validators/index.ts';
import { activeModel, gradesByCode, regradeAll } from './index.ts';

/**
 * 公共信用 through the API on a pinned clock (2026-09-25): records with their publicity periods, the model's
 * versions (draft → publish, immutable, grading with a draft refused), incremental grading and the re-grade on a
 * model change with history and explanations, joint measures, flags and feedback, repair under the rules version
 * of the application date, the public lookup; 401/403/404 and bad input (every problem listed, nothing stored).
 */
let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let admin: Session;
let unitadmin: Session;
let staff: Session;
let leader: Session;
let market: string;
let outside: string;

const uscc = (n: number) => {
  const body = `91500113MA${String(n).padStart(7, '0')}`;
  return body + computeUsccCheck(body);
};
const A = uscc(1);
const B = uscc(2);
const C = uscc(3);
const count = async (table: string) =>
  Number((await queryRows<{ n: number }>(deps.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n);
const logCount = () => count('log_entries');

const record = (over: Record<string, unknown> = {}) => ({
  creditCode: A,
  subjectName: '示范区甲贸易有限公司',
  kind: 'penalty',
  severity: 'general',
  sourceUnitId: market,
  title: '销售超过保质期的食品，罚款5000元',
  documentNo: '示市监处罚〔2026〕1号',
  decidedOn: '2026-08-01',
  ...over,
});

beforeAll(async () => {
  deps = await openTestDeps('2026-09-25T10:00:00+08:00');
  await withoutDemoCases(deps.db); // the demo year's cases and the credit records they made
  api = await testApi(deps);
  const one = async (q: ReturnType<typeof sql>) => (await queryRows<{ v: string }>(deps.db, q))[0]!.v;
  market = await one(sql`select id as v from units where name = '区市场监督管理局'`);
  outside = await one(sql`select id as v from units where name = '区司法局'`);
  admin = await api.login('admin');
  unitadmin = await api.login('unitadmin');
  staff = await api.login('staff');
  leader = await api.login('leader');
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

describe('credit records', () => {
  it('401 without a session, 403 without the permission, 404 for what does not exist', async () => {
    expect((await api.call(null, 'GET', '/api/credit/records')).statusCode).toBe(401);
    expect((await api.call(null, 'POST', '/api/credit/records', record())).statusCode).toBe(401);
    expect((await api.call(staff, 'GET', '/api/credit/records')).statusCode).toBe(403);
    expect((await api.call(leader, 'POST', '/api/credit/records', record())).statusCode).toBe(403);
    expect((await api.call(staff, 'GET', '/api/credit/models')).statusCode).toBe(403);
    expect((await api.call(unitadmin, 'POST', '/api/credit/models', { name: 'x' })).statusCode).toBe(403);
    const missing = await api.call(admin, 'GET', '/api/credit/records/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect((await api.call(admin, 'GET', `/api/credit/subjects/${C}`)).statusCode).toBe(404);
  });

  it('refuses bad input listing every problem, and stores nothing', async () => {
    const before = await logCount();
    const res = await api.call(
      admin,
      'POST',
      '/api/credit/records',
      record({
        creditCode: '91500113MA0000001X',
        kind: 'gossip',
        severity: 'huge',
        title: '',
        decidedOn: '2026-13-01',
      }),
    );
    expect(res.statusCode).toBe(400);
    const pointers = res.json().errors.map((e: { pointer: string }) => e.pointer);
    for (const p of ['/body/creditCode', '/body/kind', '/body/severity', '/body/title', '/body/decidedOn'])
      expect(pointers).toContain(p);
    const rule = await api.call(
      admin,
      'POST',
      '/api/credit/records',
      record({ kind: 'honour', decidedOn: '2026-10-01' }),
    );
    expect(rule.statusCode).toBe(400);
    expect(
      rule
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/body/decidedOn', '/body/severity']);
    expect(await count('credit_records')).toBe(0);
    expect(await count('credit_subjects')).toBe(0);
    expect(await logCount()).toBe(before);
  });

  it('a unit administrator records only for its own department', async () => {
    const res = await api.call(unitadmin, 'POST', '/api/credit/records', record({ sourceUnitId: outside }));
    expect(res.statusCode).toBe(403);
    expect(await count('credit_records')).toBe(0);
  });
});

describe('scoring model and grades', () => {
  let v1: string;
  let firstRecord: string;

  it('drafts a version, refuses to grade with it, publishes it (immutable afterwards)', async () => {
    // a record before any model: stored, not graded
    const r0 = await api.call(unitadmin, 'POST', '/api/credit/records', record());
    expect(r0.statusCode, r0.body).toBe(201);
    firstRecord = r0.json().id;
    expect(r0.json()).toMatchObject({
      rulesVersion: 'ndrc-2026',
      publicityMinEnd: '2026-11-01',
      publicityEnd: '2027-08-01',
      public: true,
    });
    const d = await api.call(admin, 'POST', '/api/credit/models', { name: '2026年评分模型' });
    expect(d.statusCode, d.body).toBe(201);
    v1 = d.json().id;
    expect(d.json()).toMatchObject({ version: 1, status: 'draft', active: false });
    const refused = await api.call(admin, 'POST', `/api/credit/models/${v1}/regrade`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'CREDIT.MODEL_NOT_PUBLISHED' });
    expect(refused.json().detail).toContain('尚未发布');

    const bad = await api.call(admin, 'PATCH', `/api/credit/models/${v1}`, {
      definition: { baseScore: 100, thresholds: { A: 50, B: 60, C: 70 }, gradePublic: false, indicators: [] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/body/definition/thresholds',
      '/body/definition/indicators',
    ]);

    const p = await api.call(admin, 'POST', `/api/credit/models/${v1}/publish`);
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json().model).toMatchObject({ status: 'published', active: true });
    expect(p.json().run).toMatchObject({ status: 'done', total: 1, done: 1, changed: 1 });
    const run = await api.call(admin, 'GET', `/api/credit/regrade-runs/${p.json().run.id}`);
    expect(run.json()).toMatchObject({ status: 'done', batches: 1 });

    const edit = await api.call(admin, 'PATCH', `/api/credit/models/${v1}`, { name: '改名' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('CREDIT.MODEL_PUBLISHED');
    const s = await api.call(admin, 'GET', `/api/credit/subjects/${A}`);
    expect(s.json()).toMatchObject({ score: 90, grade: 'A', modelId: v1 });
  });

  it('updates the grade in the record transaction, with history, explanation and log entries', async () => {
    const before = await logCount();
    const r = await api.call(
      unitadmin,
      'POST',
      '/api/credit/records',
      record({ severity: 'serious', documentNo: '示市监处罚〔2026〕2号', decidedOn: '2026-09-01' }),
    );
    expect(r.statusCode, r.body).toBe(201);
    expect(await logCount()).toBe(before + 2); // the record and the grade change
    const s = await api.call(admin, 'GET', `/api/credit/subjects/${A}`);
    expect(s.json()).toMatchObject({ score: 60, grade: 'C', recordCount: 2 });
    const h = await api.call(leader, 'GET', `/api/credit/subjects/${A}/history`);
    expect(h.statusCode).toBe(200);
    const [latest, first] = h.json();
    expect(latest).toMatchObject({
      grade: 'C',
      previousGrade: 'A',
      score: 60,
      previousScore: 90,
      cause: 'record',
      modelVersion: 1,
    });
    expect(
      latest.explanation.map((e: { documentNo: string; points: number }) => [e.documentNo, e.points]),
    ).toEqual([
      ['示市监处罚〔2026〕1号', -10],
      ['示市监处罚〔2026〕2号', -30],
    ]);
    expect(first).toMatchObject({ cause: 'model', grade: 'A', causeRef: expect.any(String) });
    expect(first.explanation[0].recordId).toBe(firstRecord);
  });

  it('re-grades everyone when a new version is published, batch by batch, keeping history per version', async () => {
    await api.call(
      unitadmin,
      'POST',
      '/api/credit/records',
      record({
        creditCode: B,
        subjectName: '示范区乙餐饮店',
        kind: 'honour',
        severity: 'none',
        documentNo: '示政奖〔2026〕1号',
      }),
    );
    const m = await api.call(admin, 'GET', `/api/credit/models/${v1}`);
    const def = m.json().definition;
    def.thresholds = { A: 95, B: 60, C: 40 };
    def.gradePublic = true;
    const d = await api.call(admin, 'POST', '/api/credit/models', { name: '第二版', definition: def });
    expect(d.json().version).toBe(2);
    const p = await api.call(admin, 'POST', `/api/credit/models/${d.json().id}/publish`);
    expect(p.json().run).toMatchObject({ status: 'done', total: 2, done: 2, changed: 2 });
    expect((await api.call(admin, 'GET', `/api/credit/subjects/${A}`)).json()).toMatchObject({
      grade: 'B',
      score: 60,
    });
    expect((await api.call(admin, 'GET', `/api/credit/subjects/${B}`)).json()).toMatchObject({
      grade: 'A',
      score: 105,
    });
    const h = (await api.call(admin, 'GET', `/api/credit/subjects/${A}/history`)).json();
    expect(h[0]).toMatchObject({ modelVersion: 2, grade: 'B', previousGrade: 'C', cause: 'model' });
    const oldRegrade = await api.call(admin, 'POST', `/api/credit/models/${v1}/regrade`);
    expect(oldRegrade.statusCode).toBe(409);
    expect(oldRegrade.json().code).toBe('CREDIT.MODEL_NOT_ACTIVE');
    const list = await api.call(admin, 'GET', '/api/credit/subjects?grade=B');
    expect(list.json().items.map((s: { creditCode: string }) => s.creditCode)).toEqual([A]);
    const entries = await queryRows<{ kind: string }>(
      deps.db,
      sql`select kind from log_entries where kind like 'credit.%' order by created_at, id`,
    );
    expect(entries.map((e) => e.kind)).toContain('credit.grades.regraded');
    expect(entries.map((e) => e.kind)).toContain('credit.model.published');
  });

  it('re-grades in key ranges, several at once where the database allows, and skips what did not change', async () => {
    const model = await activeModel(deps.db, '500113');
    const ctx = {
      db: deps.db,
      actor: {
        tenantId: '500113',
        userId: '01a218ea-be9e-7691-b2d2-39d721331b38',
        username: 'test',
        displayName: '测试',
        unitId: null,
        unitPath: null,
        roles: [],
        via: 'token',
      },
      requestId: null,
      now: new Date('2026-09-25T10:00:00+08:00'),
    } as unknown as Ctx;
    const seen: number[] = [];
    const run = await regradeAll(ctx, model!, {
      batchSize: 1,
      parallel: 2,
      onProgress: (r) => seen.push(r.done),
    });
    expect(run).toMatchObject({ status: 'done', done: run.total, batches: run.total, changed: 0 });
    expect(seen).toHaveLength(run.total);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(run.total);
    const batches = await queryRows<{ n: number }>(
      deps.db,
      sql`select (body::jsonb #>> '{data,batch}')::int as n from log_entries where kind = 'credit.grades.regraded' and body::jsonb #>> '{data,runId}' = ${run.id} order by 1`,
    );
    expect(batches.map((b) => b.n)).toEqual(Array.from({ length: run.total }, (_, i) => i + 1));
  });

  it('gives the grade source of 双随机 draws: the current grade of each graded code in the district only', async () => {
    const ctxFor = (tenantId: string) =>
      ({
        db: deps.db,
        actor: { tenantId, userId: '01a218ea-be9e-7691-b2d2-39d721331b38', roles: [], via: 'token' },
        requestId: null,
        now: new Date('2026-09-25T10:00:00+08:00'),
      }) as unknown as Ctx;
    const graded = await queryRows<{ code: string; grade: string }>(
      deps.db,
      sql`select credit_code as code, grade from credit_subjects where tenant_id = '500113' and grade is not null limit 3`,
    );
    expect(graded.length).toBeGreaterThan(0);
    const unknown = '91500000MA5U000000';
    const map = await gradesByCode(ctxFor('500113'), [...graded.map((g) => g.code), unknown]);
    expect([...map.entries()].sort()).toEqual(graded.map((g) => [g.code, g.grade]).sort());
    expect(
      (
        await gradesByCode(
          ctxFor('500112'),
          graded.map((g) => g.code),
        )
      ).size,
    ).toBe(0);
  });

  it('lists the re-grade runs of a version for the progress display (401, 403, 404)', async () => {
    expect((await api.call(null, 'GET', `/api/credit/models/${v1}/runs`)).statusCode).toBe(401);
    expect((await api.call(staff, 'GET', `/api/credit/models/${v1}/runs`)).statusCode).toBe(403);
    const missing = await api.call(
      admin,
      'GET',
      '/api/credit/models/01a218ea-be9e-7691-b2d2-39d721331b38/runs',
    );
    expect(missing.statusCode).toBe(404);
    const bad = await api.call(admin, 'GET', '/api/credit/models/not-an-id/runs');
    expect(bad.statusCode).toBe(400);
    const runs = await api.call(admin, 'GET', `/api/credit/models/${v1}/runs`);
    expect(runs.statusCode, runs.body).toBe(200);
    expect(runs.json()).toHaveLength(1);
    expect(runs.json()[0]).toMatchObject({ modelId: v1, status: 'done', total: 1, done: 1, batches: 1 });
  });
});

describe('joint punishment and reward', () => {
  let measure: string;
  it('catalogues measures, flags subjects by grade or list, and takes department feedback', async () => {
    expect((await api.call(unitadmin, 'POST', '/api/credit/measures', {})).statusCode).toBe(403);
    const bad = await api.call(admin, 'POST', '/api/credit/measures', {
      kind: 'punish',
      unitId: market,
      name: '限制参与政府采购',
      legalBasis: '企业信息公示暂行条例第十八条',
      grades: [],
      listKinds: [],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/body/grades');
    const m = await api.call(admin, 'POST', '/api/credit/measures', {
      kind: 'punish',
      unitId: market,
      name: '限制参与政府采购',
      legalBasis: '企业信息公示暂行条例第十八条',
      grades: ['D'],
      listKinds: ['serious_dishonesty'],
    });
    expect(m.statusCode, m.body).toBe(201);
    measure = m.json().id;
    expect((await api.call(unitadmin, 'GET', `/api/credit/flags/${A}`)).json().flags).toEqual([]);
    await api.call(
      unitadmin,
      'POST',
      '/api/credit/records',
      record({
        kind: 'serious_dishonesty',
        severity: 'serious',
        documentNo: '示市监列严〔2026〕1号',
        decidedOn: '2026-09-10',
      }),
    );
    const f = await api.call(unitadmin, 'GET', `/api/credit/flags/${A}`);
    expect(f.json()).toMatchObject({
      grade: 'D',
      flags: [{ measureId: measure, reasons: ['grade:D', 'list:serious_dishonesty'] }],
    });
    expect((await api.call(unitadmin, 'GET', `/api/credit/flags/${C}`)).json()).toEqual({
      creditCode: C,
      grade: null,
      flags: [],
    });

    const before = await logCount();
    const badFb = await api.call(unitadmin, 'POST', '/api/credit/feedback', {
      measureId: measure,
      creditCode: 'bad',
      unitId: market,
      outcome: 'maybe',
      context: '',
      note: '已限制',
      actedOn: '2026-09-26',
    });
    expect(badFb.statusCode).toBe(400);
    expect(
      badFb
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/body/context', '/body/creditCode', '/body/outcome']);
    const future = await api.call(unitadmin, 'POST', '/api/credit/feedback', {
      measureId: measure,
      creditCode: A,
      unitId: market,
      outcome: 'applied',
      context: '政府采购项目2026-01',
      note: '已限制',
      actedOn: '2026-09-26',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors).toEqual([{ pointer: '/body/actedOn', detail: '实施日期不能晚于今天' }]);
    const foreign = await api.call(unitadmin, 'POST', '/api/credit/feedback', {
      measureId: measure,
      creditCode: A,
      unitId: outside,
      outcome: 'applied',
      context: '政府采购项目2026-01',
      note: '已限制',
      actedOn: '2026-09-25',
    });
    expect(foreign.statusCode).toBe(403);
    expect(await logCount()).toBe(before);
    const ok = await api.call(unitadmin, 'POST', '/api/credit/feedback', {
      measureId: measure,
      creditCode: A,
      unitId: market,
      outcome: 'applied',
      context: '政府采购项目2026-01',
      note: '已限制其参与投标',
      actedOn: '2026-09-25',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const list = await api.call(unitadmin, 'GET', `/api/credit/feedback?creditCode=${A}`);
    expect(list.json()).toMatchObject([
      { measureName: '限制参与政府采购', outcome: 'applied', unitName: '区市场监督管理局' },
    ]);
  });
});

describe('credit repair', () => {
  let oldRecord: string;
  it('judges the minimum period under the rules version in force on the application date', async () => {
    const r = await api.call(
      unitadmin,
      'POST',
      '/api/credit/records',
      record({
        creditCode: C,
        subjectName: '示范区丙超市',
        documentNo: '示市监处罚〔2026〕9号',
        decidedOn: '2026-02-10',
        title: '联系电话13812345678，未按规定索证索票',
      }),
    );
    expect(r.statusCode, r.body).toBe(201);
    oldRecord = r.json().id;
    expect(r.json()).toMatchObject({
      rulesVersion: 'samr-2021',
      publicityMinEnd: '2026-08-10',
      publicityEnd: '2029-02-10',
    });
    const body = {
      recordId: oldRecord,
      correction: '已全额缴纳罚款并整改',
      commitment: '本单位承诺依法诚信经营',
    };
    const early = await api.call(unitadmin, 'POST', '/api/credit/repairs', {
      ...body,
      appliedOn: '2026-04-05',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'CREDIT.REPAIR_TOO_EARLY' });
    expect(early.json().detail).toContain('2026-05-10');
    const bad = await api.call(unitadmin, 'POST', '/api/credit/repairs', {
      recordId: 'x',
      appliedOn: 'y',
      correction: '',
      commitment: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toHaveLength(4);
    expect(
      (await api.call(staff, 'POST', '/api/credit/repairs', { ...body, appliedOn: '2026-05-20' })).statusCode,
    ).toBe(403);
    expect(await count('credit_repairs')).toBe(0);

    const ok = await api.call(unitadmin, 'POST', '/api/credit/repairs', { ...body, appliedOn: '2026-05-20' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      status: 'pending',
      rulesVersion: 'ndrc-2026',
      eligibleFrom: '2026-05-10',
    });
    const again = await api.call(unitadmin, 'POST', '/api/credit/repairs', {
      ...body,
      appliedOn: '2026-05-21',
    });
    expect(again.json().code).toBe('CREDIT.REPAIR_PENDING');

    // public before repair: the penalty shows, masked
    const pub = await api.call(null, 'GET', `/api/public/credit/subjects/${C}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().penalties).toHaveLength(1);
    expect(pub.json().penalties[0].title).not.toContain('13812345678');
    expect(pub.json().grade).toBe('B'); // model v2 made grades public

    const id = ok.json().id;
    const badDecision = await api.call(unitadmin, 'POST', `/api/credit/repairs/${id}/decide`, {
      decision: 'approve',
      decidedOn: '2026-05-01',
      reason: '符合条件',
    });
    expect(badDecision.statusCode).toBe(400);
    const d = await api.call(unitadmin, 'POST', `/api/credit/repairs/${id}/decide`, {
      decision: 'approve',
      decidedOn: '2026-09-25',
      reason: '已履行义务，符合修复条件',
    });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().status).toBe('approved');
    expect((await api.call(unitadmin, 'GET', `/api/credit/records/${oldRecord}`)).json()).toMatchObject({
      status: 'repaired',
      public: false,
    });
    expect((await api.call(admin, 'GET', `/api/credit/subjects/${C}`)).json()).toMatchObject({
      score: 100,
      grade: 'A',
    });
    const h = (await api.call(admin, 'GET', `/api/credit/subjects/${C}/history`)).json();
    expect(h[0]).toMatchObject({ cause: 'repair', causeRef: id, explanation: [] });
    const twice = await api.call(unitadmin, 'POST', `/api/credit/repairs/${id}/decide`, {
      decision: 'reject',
      decidedOn: '2026-09-25',
      reason: 'x',
    });
    expect(twice.json().code).toBe('CREDIT.REPAIR_DECIDED');
    expect((await api.call(null, 'GET', `/api/public/credit/subjects/${C}`)).json().penalties).toEqual([]);
    expect((await api.call(unitadmin, 'GET', '/api/credit/repairs?status=approved')).json()).toHaveLength(1);
    expect(
      (await api.call(unitadmin, 'GET', '/api/credit/repairs/00000000-0000-4000-8000-000000000000'))
        .statusCode,
    ).toBe(404);
  });
});

describe('public credit lookup', () => {
  it('finds by code or name without signing in; 404 for an unknown subject; 400 for a short query', async () => {
    const byName = await api.call(
      null,
      'GET',
      `/api/public/credit/subjects?q=${encodeURIComponent('甲贸易')}`,
    );
    expect(byName.json()).toEqual([{ creditCode: A, name: '示范区甲贸易有限公司' }]);
    expect((await api.call(null, 'GET', `/api/public/credit/subjects?q=${B}`)).json()).toHaveLength(1);
    expect((await api.call(null, 'GET', '/api/public/credit/subjects?q=a')).statusCode).toBe(400);
    expect((await api.call(null, 'GET', `/api/public/credit/subjects/${uscc(99)}`)).statusCode).toBe(404);
    const a = (await api.call(null, 'GET', `/api/public/credit/subjects/${A}`)).json();
    expect(a.penalties).toHaveLength(2);
    expect(a.lists).toHaveLength(1);
    expect(a.grade).toBe('D');
  });
});
