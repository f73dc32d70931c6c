import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps, withoutDemoCases } from '../../../test/support/db.ts';
import { queryRows } from '../../kernel/db/index.ts';
import { INDICATORS } from './stats.ts';

/**
 * 行政执法统计指标: figures on a few driven cases (two penalties with fines, one published on time and one late,
 * a 不予处罚, a legal review, a clue left unfiled and overdue), every figure equal to its drill-down, and the
 * actor's scope (another team's officer sees zeros).
 */
let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let officer: Session;
let reviewer: Session;
let leader: Session;
let stranger: Session;
let staff: Session;
let body: string;
let matter: string;
let valid: string[];
const ids: Record<string, string> = {};

const HASH = 'ab'.repeat(32);
const PERIOD = 'from=2026-09-01&to=2026-12-31';

const step = (s: Session, id: string, name: string, b: unknown) =>
  api.call(s, 'POST', `/api/workflow/cases/${id}/transitions/${name}`, b);
const ok = async (s: Session, id: string, name: string, b: unknown) => {
  const res = await step(s, id, name, b);
  expect(res.statusCode, `${name}: ${res.body}`).toBe(200);
  return res.json();
};

async function open(name: string) {
  const res = await api.call(officer, 'POST', '/api/workflow/cases', {
    type: 'enforcement.penalty-case',
    data: {
      bodyId: body,
      source: '投诉举报',
      clueReceivedOn: '2026-09-25',
      summary: '举报某超市销售过期食品',
      party: { kind: 'person', name, idNumber: '11010519491231002X', address: '示范区某路1号' },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** A case moved to `notified` (prior notice of a 70,000 yuan fine). */
async function notified(name: string) {
  const id = await open(name);
  await ok(officer, id, 'verify', { startedOn: '2026-09-25' });
  await ok(officer, id, 'file', {
    filedOn: '2026-09-25',
    domain: '食品安全',
    cause: '涉嫌经营超过保质期的食品',
    approvedBy: '支队长',
    matterId: matter,
  });
  await ok(officer, id, 'assignInvestigators', {
    assignedOn: '2026-09-25',
    investigators: valid.slice(0, 2),
  });
  await ok(officer, id, 'recordEvidence', {
    items: [{ type: '书证', title: '进货单', collectedOn: '2026-09-26', sha256: HASH }],
  });
  await ok(officer, id, 'concludeInvestigation', {
    concludedOn: '2026-09-29',
    report: '调查终结报告',
    flags: {},
  });
  return id;
}

async function penalty(name: string, no: string, publishedOn: string) {
  const id = await notified(name);
  await ok(officer, id, 'notify', {
    notifiedOn: '2026-09-30',
    method: '直接送达',
    facts: '当事人经营超过保质期的食品',
    reasons: '违反食品安全法第三十四条',
    basis: '食品安全法第一百二十四条第一款',
    proposed: { fine: 70000, circumstance: '一般', otherPenalties: ['没收违法所得'] },
    rights: { statement: true, defence: true, hearing: true },
  });
  await ok(leader, id, 'decide', {
    outcome: 'penalty',
    decidedOn: '2026-10-30',
    decisionNo: no,
    facts: '经查，当事人经营超过保质期的食品',
    basis: '食品安全法第一百二十四条第一款',
    fine: 70000,
    circumstance: '一般',
    otherPenalties: ['没收违法所得'],
  });
  const draft = await api.call(officer, 'GET', `/api/enforcement/cases/${id}/publicity-draft`);
  expect(draft.statusCode, draft.body).toBe(200);
  const d = draft.json() as { partyName: string; publicText: string; penaltySummary: string };
  await ok(officer, id, 'publishInDecided', {
    publishedOn,
    partyName: d.partyName,
    publicText: d.publicText,
    penaltySummary: d.penaltySummary,
    reviewedBy: '保密审查员李四',
  });
  return id;
}

beforeAll(async () => {
  deps = await openTestDeps('2026-09-25T10:00:00+08:00');
  // Every case of the district is counted or listed here: the test's own cases are the only ones.
  await withoutDemoCases(deps.db);
  api = await testApi(deps);
  officer = await api.login('officer');
  reviewer = await api.login('reviewer');
  leader = await api.login('leader');
  const one = async (q: ReturnType<typeof sql>) => (await queryRows<{ id: string }>(deps.db, q))[0]!.id;
  body = await one(sql`select id from enforcement_bodies where name = '区市场监管综合行政执法支队'`);
  matter = await one(sql`select id from enforcement_matters where code = 'SCJG-CF-001'`);
  const officers = await queryRows<{ user_id: string; valid_to: string }>(
    deps.db,
    sql`select user_id, valid_to::text as valid_to from enforcement_officers where body_id = ${body} order by credential_no`,
  );
  valid = officers.filter((o) => o.valid_to > '2026-12-31').map((o) => o.user_id);
  const [other] = await queryRows<{ username: string }>(
    deps.db,
    sql`select u.username from enforcement_officers o join enforcement_bodies b on b.tenant_id = o.tenant_id and b.id = o.body_id
        join users u on u.tenant_id = o.tenant_id and u.id = o.user_id
        where b.name = '区生态环境保护综合行政执法支队' limit 1`,
  );

  // A: penalty, published within the 7 working days; B: penalty, published late; C: 不予处罚; D: a clue only.
  ids.a = await penalty('张三', '示市监处罚〔2026〕201号', '2026-11-04');
  ids.b = await penalty('李四', '示市监处罚〔2026〕202号', '2026-11-20');
  ids.c = await notified('王五');
  // 法制审核 through the legality service: the opinion is given on the case's review
  await ok(officer, ids.c, 'submitForReview', { submittedOn: '2026-09-29' });
  const review = await one(
    sql`select id from cases where type = 'legality.review' and data -> 'subject' ->> 'id' = ${ids.c}`,
  );
  await ok(reviewer, review, 'unitPassFinal', {
    outcome: 'pass',
    reasons: '事实清楚，证据确凿，适用依据正确',
    basis: '《中华人民共和国行政处罚法》第五十八条',
  });
  await ok(leader, ids.c, 'decide', {
    outcome: 'no-penalty-minor',
    decidedOn: '2026-10-30',
    decisionNo: '示市监不罚〔2026〕1号',
    facts: '违法行为轻微并及时改正，没有造成危害后果',
    basis: '行政处罚法第三十三条第一款',
  });
  ids.d = await open('赵六');
  deps.clock.set('2026-11-25T10:00:00+08:00');
  // sessions from two months ago have expired
  officer = await api.login('officer');
  leader = await api.login('leader');
  staff = await api.login('staff');
  stranger = await api.login(other!.username);
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

type Stats = {
  opened: number;
  filed: number;
  decided: Record<string, number>;
  byBody: { indicator: string; key: string; name: string | null; n: number }[];
  byMatter: { indicator: string; key: string; name: string | null; n: number }[];
  fines: { count: number; total: number };
  published: { total: number; onTime: number; late: number };
  legalReviews: Record<string, number>;
  overdueNow: number;
};
const stats = async (s: Session, q = PERIOD) => {
  const res = await api.call(s, 'GET', `/api/enforcement/stats?${q}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Stats;
};
const drill = async (s: Session, indicator: string, extra = '') => {
  const res = await api.call(
    s,
    'GET',
    `/api/enforcement/stats/drill?indicator=${indicator}&${PERIOD}${extra}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    total: number;
    items: { id: string; number: string; title: string; state: string }[];
  };
};
/** Every single figure of a stats answer by indicator code. */
const figures = (s: Stats): Record<string, number> => ({
  opened: s.opened,
  filed: s.filed,
  ...Object.fromEntries(Object.entries(s.decided).map(([k, v]) => [`decided.${k}`, v])),
  fines: s.fines.count,
  published: s.published.total,
  'published.on-time': s.published.onTime,
  'published.late': s.published.late,
  ...Object.fromEntries(Object.entries(s.legalReviews).map(([k, v]) => [`legal-review.${k}`, v])),
  'overdue-now': s.overdueNow,
});

describe('enforcement indicators', () => {
  it('counts opened, filed, decided by outcome, fines, publication on time and late, reviews and overdue steps', async () => {
    const s = await stats(officer);
    expect(s).toMatchObject({
      opened: 4,
      filed: 3,
      decided: { penalty: 2, 'no-penalty-minor': 1, 'not-established': 0, transferred: 0 },
      fines: { count: 2, total: 140000 },
      published: { total: 2, onTime: 1, late: 1 },
      legalReviews: { pass: 1, 'pass-with-changes': 0, fail: 0 },
      // on 2026-11-25: D's filing check, and the service period of A, B and C (7 working days from 10-30)
      overdueNow: 4,
    });
    expect(s.byBody).toEqual([
      { indicator: 'opened.by-body', key: body, name: '区市场监管综合行政执法支队', n: 4 },
    ]);
    expect(s.byMatter).toMatchObject([{ indicator: 'filed.by-matter', key: matter, n: 3 }]);
    expect((await drill(officer, 'published.late')).items.map((i) => i.id)).toEqual([ids.b]);
    expect((await drill(officer, 'published.on-time')).items.map((i) => i.id)).toEqual([ids.a]);
    expect((await drill(officer, 'legal-review.pass')).items.map((i) => i.id)).toEqual([ids.c]);
    // the period bounds each indicator's own date: November has the late publication only
    const nov = await stats(officer, 'from=2026-11-05&to=2026-11-30');
    expect(nov).toMatchObject({
      opened: 0,
      filed: 0,
      published: { total: 1, onTime: 0, late: 1 },
      overdueNow: 4,
    });
  });

  it('every figure equals the length of its drill-down (one condition builds both)', async () => {
    for (const who of [officer, leader]) {
      const s = await stats(who);
      const f = figures(s);
      for (const code of INDICATORS) {
        if (code === 'opened.by-body' || code === 'filed.by-matter') continue;
        const d = await drill(who, code);
        expect(d.items.length, code).toBe(f[code]);
        expect(d.total, code).toBe(f[code]);
      }
      for (const g of [...s.byBody, ...s.byMatter]) {
        const d = await drill(who, g.indicator, `&key=${g.key}`);
        expect(d.items.length, `${g.indicator} ${g.key}`).toBe(g.n);
      }
    }
  });

  it("another team's officer sees zeros and empty drill-downs; a body filter narrows the figures", async () => {
    const s = await stats(stranger);
    expect(Object.values(figures(s)).every((n) => n === 0)).toBe(true);
    expect(s.byBody).toEqual([]);
    expect(s.fines.total).toBe(0);
    for (const code of INDICATORS) {
      const extra = code.includes('by-') ? `&key=${code === 'opened.by-body' ? body : matter}` : '';
      expect((await drill(stranger, code, extra)).items, code).toEqual([]);
    }
    const other = await stats(officer, `${PERIOD}&bodyId=00000000-0000-4000-8000-000000000001`);
    expect(other.opened).toBe(0);
    expect((await stats(officer, `${PERIOD}&bodyId=${body}`)).opened).toBe(4);
  });

  it('401 without a session, 403 without enforcement.case.read, 400 on a bad period or a grouped drill without key', async () => {
    expect((await api.call(null, 'GET', `/api/enforcement/stats?${PERIOD}`)).statusCode).toBe(401);
    expect((await api.call(null, 'GET', '/api/enforcement/stats/drill?indicator=opened')).statusCode).toBe(
      401,
    );
    expect((await api.call(staff, 'GET', `/api/enforcement/stats?${PERIOD}`)).statusCode).toBe(403);
    expect((await api.call(staff, 'GET', '/api/enforcement/stats/drill?indicator=opened')).statusCode).toBe(
      403,
    );
    expect(
      (await api.call(officer, 'GET', '/api/enforcement/stats?from=2026-12-01&to=2026-11-01')).statusCode,
    ).toBe(400);
    expect((await api.call(officer, 'GET', '/api/enforcement/stats/drill?indicator=nope')).statusCode).toBe(
      400,
    );
    expect(
      (await api.call(officer, 'GET', '/api/enforcement/stats/drill?indicator=opened.by-body')).statusCode,
    ).toBe(400);
  });
});
