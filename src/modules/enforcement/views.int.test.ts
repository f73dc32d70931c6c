import { count, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps, withoutDemoCases } from '../../../test/support/db.ts';
import { queryRows } from '../../kernel/db/index.ts';
import { logEntries } from '../../platform/log/index.ts';
import { enforcementCaseReviews } from './case-review.tables.ts';
import { marketTeam } from './market-team.fixture.ts';

/**
 * The enforcement work views: 案卷评查 (score sheet, reviews with every problem listed and nothing stored, scope,
 * grade statistics), 我的案件 (deadline colours, own cases vs scope) and the 法制审核 queue (oldest deadline first).
 * Clock pinned at 2026-11-10 (Tuesday).
 */
let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let officer: Session;
let reviewer: Session;
let leader: Session;
let justice: Session;
let zhifa: Session;
let stranger: Session;
let team: Awaited<ReturnType<typeof marketTeam>>;
const ids: Record<string, string> = {};
const HASH = 'ab'.repeat(32);
const MISSING = '00000000-0000-4000-8000-000000000000';

const pointers = (res: { json(): { errors?: { pointer: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.pointer);
const ok = async (s: Session, id: string, name: string, b: unknown) => {
  const res = await api.call(s, 'POST', `/api/workflow/cases/${id}/transitions/${name}`, b);
  expect(res.statusCode, `${name}: ${res.body}`).toBe(200);
};

async function open(s: Session, bodyId: string, name: string) {
  const res = await api.call(s, 'POST', '/api/workflow/cases', {
    type: 'enforcement.penalty-case',
    data: {
      bodyId,
      source: '投诉举报',
      clueReceivedOn: '2026-09-25',
      summary: '举报某超市销售过期食品',
      party: { kind: 'person', name, idNumber: '11010519491231002X', address: '示范区某路1号' },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** A case under investigation by two credentialed officers. */
async function investigating(name: string) {
  const id = await open(officer, team.body, name);
  await ok(officer, id, 'verify', { startedOn: '2026-09-25' });
  await ok(officer, id, 'file', {
    filedOn: '2026-09-25',
    domain: '食品安全',
    cause: '涉嫌经营超过保质期的食品',
    approvedBy: '支队长',
    matterId: team.matter,
  });
  await ok(officer, id, 'assignInvestigators', {
    assignedOn: '2026-09-25',
    investigators: team.validOfficers.slice(0, 2),
  });
  return id;
}

async function notified(name: string) {
  const id = await investigating(name);
  await ok(officer, id, 'recordEvidence', {
    items: [{ type: '书证', title: '进货单', collectedOn: '2026-09-26', sha256: HASH }],
  });
  await ok(officer, id, 'concludeInvestigation', {
    concludedOn: '2026-09-29',
    report: '调查终结报告',
    flags: {},
  });
  await ok(officer, id, 'notify', {
    notifiedOn: '2026-09-30',
    method: '直接送达',
    facts: '当事人经营超过保质期的食品',
    reasons: '违反食品安全法第三十四条',
    basis: '食品安全法第一百二十四条第一款',
    proposed: { fine: 70000, circumstance: '一般', otherPenalties: ['没收违法所得'] },
    rights: { statement: true, defence: true, hearing: true },
  });
  return id;
}

const waive = (id: string) =>
  ok(officer, id, 'waiveHearing', {
    waivedOn: '2026-10-08',
    document: '放弃听证声明书',
    documentSha256: HASH,
  });

beforeAll(async () => {
  deps = await openTestDeps('2026-11-10T10:00:00+08:00');
  await withoutDemoCases(deps.db); // the demo year's cases and the credit records they made
  api = await testApi(deps);
  officer = await api.login('officer');
  reviewer = await api.login('reviewer');
  leader = await api.login('leader');
  justice = await api.login('justice');
  zhifa = await api.login('zhifa');
  team = await marketTeam(deps.db);
  const [other] = await queryRows<{ username: string; body_id: string }>(
    deps.db,
    sql`select u.username, b.id as body_id from enforcement_officers o
        join enforcement_bodies b on b.tenant_id = o.tenant_id and b.id = o.body_id
        join users u on u.tenant_id = o.tenant_id and u.id = o.user_id
        where b.name = '区生态环境保护综合行政执法支队' limit 1`,
  );
  stranger = await api.login(other!.username);

  // decided: a penalty; late/soon: waiting for legal review since 10-20 and 10-30; open: under investigation.
  ids.decided = await notified('张三');
  await ok(leader, ids.decided, 'decide', {
    outcome: 'penalty',
    decidedOn: '2026-10-30',
    decisionNo: '示市监处罚〔2026〕301号',
    facts: '经查，当事人经营超过保质期的食品',
    basis: '食品安全法第一百二十四条第一款',
    fine: 70000,
    circumstance: '一般',
    otherPenalties: ['没收违法所得'],
  });
  ids.late = await notified('李四');
  await waive(ids.late);
  await ok(officer, ids.late, 'submitForReview', { submittedOn: '2026-10-20' });
  ids.soon = await notified('王五');
  await waive(ids.soon);
  await ok(officer, ids.soon, 'submitForReview', { submittedOn: '2026-10-30' });
  ids.open = await investigating('赵六');
  ids.foreign = await open(stranger, other!.body_id, '钱七');
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

const full = (over: Record<string, { score: number; reason?: string }> = {}) =>
  (
    [
      ['subject', 10],
      ['facts', 20],
      ['evidence', 20],
      ['procedure', 20],
      ['law', 15],
      ['discretion', 5],
      ['documents', 5],
      ['archive', 5],
    ] as const
  ).map(([key, max]) => ({ key, score: max, ...over[key] }));
const reviewUrl = (id: string) => `/api/enforcement/cases/${id}/case-reviews`;
const stored = async () => ({
  reviews: (await deps.db.select({ n: count() }).from(enforcementCaseReviews))[0]!.n,
  log: (await deps.db.select({ n: count() }).from(logEntries))[0]!.n,
});

describe('案卷评查 score sheet', () => {
  it('gives the default standard until the district sets its own', async () => {
    expect((await api.call(null, 'GET', '/api/enforcement/case-reviews/score-sheet')).statusCode).toBe(401);
    expect((await api.call(officer, 'GET', '/api/enforcement/case-reviews/score-sheet')).statusCode).toBe(
      403,
    );
    const res = await api.call(reviewer, 'GET', '/api/enforcement/case-reviews/score-sheet');
    expect(res.statusCode, res.body).toBe(200);
    const sheet = res.json();
    expect(sheet).toMatchObject({ total: 100, isDefault: true, thresholds: { excellent: 90, pass: 75 } });
    expect(sheet.items.map((i: { label: string }) => i.label)).toEqual([
      '执法主体合法',
      '事实认定清楚',
      '证据确凿充分',
      '程序合法',
      '适用法律正确',
      '裁量适当',
      '文书规范',
      '立卷归档',
    ]);
  });

  it('lets only the standard keepers change it, lists every problem and stores nothing when wrong', async () => {
    const body = { items: [{ key: 'a', label: '甲', max: 60 }], thresholds: { excellent: 70, pass: 80 } };
    expect(
      (await api.call(reviewer, 'PUT', '/api/enforcement/case-reviews/score-sheet', body)).statusCode,
    ).toBe(403);
    const before = await stored();
    const bad = await api.call(zhifa, 'PUT', '/api/enforcement/case-reviews/score-sheet', body);
    expect(bad.statusCode, bad.body).toBe(400);
    expect(pointers(bad)).toEqual(['/body/items', '/body/thresholds/excellent']);
    expect(bad.json().errors[0].detail).toBe('各项分值合计应为100分，现为60分');
    expect(await stored()).toEqual(before);
    expect(
      (await api.call(reviewer, 'GET', '/api/enforcement/case-reviews/score-sheet')).json().isDefault,
    ).toBe(true);
  });
});

describe('案卷评查 reviews', () => {
  it('answers 401, 403 and 404', async () => {
    expect((await api.call(null, 'POST', reviewUrl(ids.decided!), {})).statusCode).toBe(401);
    expect((await api.call(officer, 'POST', reviewUrl(ids.decided!), {})).statusCode).toBe(403);
    expect((await api.call(officer, 'GET', '/api/enforcement/case-reviews')).statusCode).toBe(403);
    expect((await api.call(null, 'GET', '/api/enforcement/case-reviews')).statusCode).toBe(401);
    const input = { reviewedOn: '2026-11-09', items: full(), comment: '案卷完整' };
    // a case outside the reviewer's bureau, and one that does not exist
    expect((await api.call(reviewer, 'POST', reviewUrl(ids.foreign!), input)).statusCode).toBe(404);
    expect((await api.call(reviewer, 'POST', reviewUrl(MISSING), input)).statusCode).toBe(404);
    expect((await api.call(reviewer, 'GET', `/api/enforcement/case-reviews/${MISSING}`)).statusCode).toBe(
      404,
    );
  });

  it('refuses a case without a decision (409)', async () => {
    const input = { reviewedOn: '2026-11-09', items: full(), comment: '案卷完整' };
    const res = await api.call(justice, 'POST', reviewUrl(ids.foreign!), input);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('ENFORCEMENT.CASE_REVIEW_NOT_DECIDED');
    expect(res.json().detail).toContain('作出处理决定后才能进行案卷评查');
  });

  it('lists every problem of a score sheet at once and stores nothing', async () => {
    const before = await stored();
    const items = full({
      facts: { score: 5 },
      procedure: { score: 21 },
      law: { score: 0, reason: '适用条款错误' },
    }).filter((i) => i.key !== 'archive');
    const res = await api.call(reviewer, 'POST', reviewUrl(ids.decided!), {
      reviewedOn: '2026-11-11',
      items,
      comment: ' ',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(pointers(res)).toEqual([
      '/body/items/1/reason',
      '/body/items/3/score',
      '/body/items',
      '/body/comment',
      '/body/reviewedOn',
      '/body/rectification',
    ]);
    const details = res.json().errors.map((e: { detail: string }) => e.detail);
    expect(details).toContain('“事实认定清楚”扣分的，应写明扣分理由');
    expect(details).toContain('“立卷归档”未评分');
    expect(await stored()).toEqual(before);
    // structural problems are listed together too
    const malformed = await api.call(reviewer, 'POST', reviewUrl(ids.decided!), {
      reviewedOn: '11/09',
      items: [{ key: 'facts', score: '十' }],
    });
    expect(malformed.statusCode).toBe(400);
    expect(pointers(malformed).sort()).toEqual(['/body/comment', '/body/items/0/score', '/body/reviewedOn']);
    expect(await stored()).toEqual(before);
  });

  it('stores a scored review with its log entry, visible by scope, with grade statistics', async () => {
    const before = await stored();
    const res = await api.call(reviewer, 'POST', reviewUrl(ids.decided!), {
      reviewedOn: '2026-11-09',
      items: full({ evidence: { score: 12, reason: '缺少现场检查笔录' } }),
      comment: '事实清楚，证据有欠缺',
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({
      total: 92,
      grade: 'excellent',
      body: { id: team.body, name: '区市场监管综合行政执法支队' },
      reviewer: { id: reviewer.userId },
      rectification: null,
    });
    expect(r.items.find((i: { key: string }) => i.key === 'evidence')).toMatchObject({
      max: 20,
      score: 12,
      reason: '缺少现场检查笔录',
    });
    const after = await stored();
    expect(after.reviews).toBe(before.reviews + 1);
    expect(after.log).toBe(before.log + 1);
    const [entry] = await queryRows<{ kind: string; subject_id: string }>(
      deps.db,
      sql`select kind, subject_id from log_entries where kind = 'enforcement.case-review.created'`,
    );
    expect(entry?.subject_id).toBe(r.id);

    // 不合格 with rectification, by the 司法局 (district-wide scope)
    const fail = await api.call(justice, 'POST', reviewUrl(ids.decided!), {
      reviewedOn: '2026-11-10',
      items: full({
        procedure: { score: 5, reason: '未告知听证权利' },
        facts: { score: 12, reason: '违法所得认定不清' },
      }),
      comment: '程序存在瑕疵',
      rectification: '补充听证告知，重新认定违法所得',
    });
    expect(fail.statusCode, fail.body).toBe(201);
    expect(fail.json()).toMatchObject({ total: 77, grade: 'pass' });

    const got = await api.call(zhifa, 'GET', `/api/enforcement/case-reviews/${r.id}`);
    expect(got.statusCode, got.body).toBe(200);
    expect(got.json().case.id).toBe(ids.decided);

    const list = async (s: Session, q = '') => {
      const l = await api.call(s, 'GET', `/api/enforcement/case-reviews?${q}`);
      expect(l.statusCode, l.body).toBe(200);
      return l.json() as { total: number; items: { id: string; grade: string }[] };
    };
    expect((await list(reviewer)).total).toBe(2);
    expect((await list(reviewer, 'grade=excellent')).items.map((i) => i.id)).toEqual([r.id]);
    expect((await list(reviewer, `bodyId=${team.body}&year=2026`)).total).toBe(2);
    expect((await list(reviewer, 'year=2025')).total).toBe(0);
    const badQuery = await api.call(reviewer, 'GET', '/api/enforcement/case-reviews?grade=good&year=abc');
    expect(badQuery.statusCode).toBe(400);
    expect(pointers(badQuery).sort()).toEqual(['/query/grade', '/query/year']);

    const stats = await api.call(justice, 'GET', '/api/enforcement/case-reviews/stats?year=2026');
    expect(stats.statusCode, stats.body).toBe(200);
    expect(stats.json().bodies).toEqual([
      expect.objectContaining({
        bodyId: team.body,
        bodyName: '区市场监管综合行政执法支队',
        excellent: 1,
        pass: 1,
        fail: 0,
        total: 2,
        average: 84.5,
      }),
    ]);

    const candidates = await api.call(reviewer, 'GET', '/api/enforcement/case-reviews/cases');
    expect(candidates.statusCode, candidates.body).toBe(200);
    expect(candidates.json().items).toEqual([
      expect.objectContaining({ id: ids.decided, reviews: 2, lastGrade: 'pass', stateLabel: '已决定' }),
    ]);
  });

  it('grades on the district standard in force, and a 不合格 needs rectification', async () => {
    const sheet = (await api.call(zhifa, 'GET', '/api/enforcement/case-reviews/score-sheet')).json();
    const put = await api.call(zhifa, 'PUT', '/api/enforcement/case-reviews/score-sheet', {
      items: sheet.items,
      thresholds: { excellent: 95, pass: 80 },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ isDefault: false, thresholds: { excellent: 95, pass: 80 } });
    const input = {
      reviewedOn: '2026-11-10',
      // 75 points: 合格 on the default standard, 不合格 on this one
      items: full({
        evidence: { score: 5, reason: '缺少现场检查笔录' },
        facts: { score: 10, reason: '违法所得认定不清' },
      }),
      comment: '证据不足',
    };
    const refused = await api.call(reviewer, 'POST', reviewUrl(ids.decided!), input);
    expect(refused.statusCode, refused.body).toBe(400);
    expect(pointers(refused)).toEqual(['/body/rectification']);
    const res = await api.call(reviewer, 'POST', reviewUrl(ids.decided!), {
      ...input,
      rectification: '补充现场检查笔录',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      total: 75,
      grade: 'fail',
      rectification: '补充现场检查笔录',
      thresholds: { excellent: 95, pass: 80 },
    });
  });
});

describe('我的案件', () => {
  type Work = {
    today: string;
    items: {
      id: string;
      role: string;
      stateLabel: string;
      deadline: { dueDate: string; colour: string; name: string } | null;
    }[];
  };
  const mine = async (s: Session, q = '') => {
    const res = await api.call(s, 'GET', `/api/enforcement/my-cases${q}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Work;
  };

  it('answers 401 and 403', async () => {
    expect((await api.call(null, 'GET', '/api/enforcement/my-cases')).statusCode).toBe(401);
    expect((await api.call(reviewer, 'GET', '/api/enforcement/my-cases')).statusCode).toBe(403);
    const bad = await api.call(officer, 'GET', '/api/enforcement/my-cases?all=yes');
    expect(bad.statusCode).toBe(400);
    expect(pointers(bad)).toEqual(['/query/all']);
  });

  it("lists the officer's open cases, nearest deadline first, coloured red, orange and blue", async () => {
    const w = await mine(officer);
    expect(w.today).toBe('2026-11-10');
    const order = w.items.map((i) => i.id);
    expect(order).toEqual(expect.arrayContaining([ids.decided, ids.late, ids.soon, ids.open]));
    expect(order).not.toContain(ids.foreign);
    const by = Object.fromEntries(w.items.map((i) => [i.id, i]));
    expect(by[ids.late!]!.deadline).toMatchObject({ colour: 'red' });
    expect(by[ids.soon!]!.deadline).toMatchObject({ colour: 'orange' });
    expect(by[ids.open!]!.deadline).toMatchObject({ colour: 'blue' });
    expect(by[ids.open!]!.role).toBe('handler');
    const dues = w.items.map((i) => i.deadline?.dueDate ?? '9999');
    expect(dues).toEqual([...dues].sort());
  });

  it("shows an investigator the cases they investigate, and another team's officer none of them", async () => {
    const [inv] = await queryRows<{ username: string }>(
      deps.db,
      sql`select username from users where id = ${team.validOfficers[1]!}`,
    );
    const investigator = await api.login(inv!.username);
    const res = await api.call(investigator, 'GET', '/api/enforcement/my-cases');
    if (res.statusCode === 200) {
      const items = (res.json() as Work).items;
      expect(items.find((i) => i.id === ids.open)?.role).toMatch(/handler|investigator/);
    } else expect(res.statusCode).toBe(403);
    const other = await mine(stranger, '?all=true');
    expect(other.items.map((i) => i.id)).toEqual([ids.foreign]);
  });
});

describe('法制审核 queue', () => {
  it('answers 401 and 403', async () => {
    expect((await api.call(null, 'GET', '/api/enforcement/legal-review-queue')).statusCode).toBe(401);
    expect((await api.call(officer, 'GET', '/api/enforcement/legal-review-queue')).statusCode).toBe(403);
    expect((await api.call(justice, 'GET', '/api/enforcement/legal-review-queue')).statusCode).toBe(403);
  });

  it('lists the cases awaiting an opinion, oldest deadline first, until the opinion is filed', async () => {
    const q = async () => {
      const res = await api.call(reviewer, 'GET', '/api/enforcement/legal-review-queue');
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as {
        items: {
          id: string;
          submittedOn: string;
          deadline: { colour: string; name: string } | null;
          review: { id: string; number: string } | null;
        }[];
      };
    };
    const before = await q();
    expect(before.items.map((i) => i.id)).toEqual([ids.late, ids.soon]);
    expect(before.items[0]).toMatchObject({ submittedOn: '2026-10-20', deadline: { colour: 'red' } });
    // the opinion is given on the case's legality review, which the queue names
    const review = before.items[0]!.review!;
    expect(review.number).toMatch(/^合法性审查/);
    const rec = await api.call(
      reviewer,
      'POST',
      `/api/workflow/cases/${review.id}/transitions/unitPassFinal`,
      {
        outcome: 'pass-with-changes',
        reasons: '建议调整罚款数额',
        basis: '食品安全法第一百二十四条',
      },
    );
    expect(rec.statusCode, rec.body).toBe(200);
    expect((await q()).items.map((i) => i.id)).toEqual([ids.soon]);
  });
});
