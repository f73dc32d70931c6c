import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps } from '../../../test/support/db.ts';
import { runDemoSteps } from '../../demo/index.ts';
import { users } from '../../platform/access/access.tables.ts';
import { cases } from '../../platform/workflow/index.ts';
import { demoDecisionSteps } from './decisions.demo.ts';
import {
  decisionCatalogueAdjustments,
  decisionCatalogueItems,
  decisionRegister,
} from './decisions.tables.ts';

/**
 * 重大行政决策: the annual catalogue (published, adjusted only with a reason), a decision through the five steps
 * (each missing step refused before collective discussion), publication, implementation and evaluation; every
 * endpoint's 401/403/404 and bad input with nothing stored.
 */
let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let unitadmin: Session;
let reviewer: Session;
let justice: Session;
let leader: Session;
let officer: Session;

async function setClock(iso: string) {
  deps.clock.set(iso);
  unitadmin = await api.login('unitadmin');
  reviewer = await api.login('reviewer');
  justice = await api.login('justice');
  leader = await api.login('leader');
  officer = await api.login('officer');
}

let unitId: string;
beforeAll(async () => {
  deps = await openTestDeps('2026-03-02T10:00:00+08:00');
  api = await testApi(deps);
  await setClock('2026-03-02T10:00:00+08:00');
  const [u] = await deps.db
    .select({ unitId: users.unitId })
    .from(users)
    .where(eq(users.username, 'unitadmin'));
  unitId = u!.unitId!;
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

const errorPointers = (body: string) =>
  (JSON.parse(body).errors as { pointer: string }[]).map((e) => e.pointer).sort();
const step = (s: Session, id: string, name: string, body: unknown) =>
  api.call(s, 'POST', `/api/workflow/cases/${id}/transitions/${name}`, body);
const ok = async (s: Session, id: string, name: string, body: unknown) => {
  const r = await step(s, id, name, body);
  expect(r.statusCode, `${name}: ${r.body}`).toBe(200);
  return r.json();
};
const itemCount = async () => (await deps.db.select({ n: count() }).from(decisionCatalogueItems))[0]!.n;

const item = (over: Record<string, unknown> = {}) => ({
  title: '示范区城市生活垃圾分类实施方案',
  category: 'public-policy',
  proposingUnitId: unitId,
  plannedQuarter: 2,
  ...over,
});

describe('decision catalogue', () => {
  it('is drafted, published and then adjusted only with a recorded reason', async () => {
    expect((await api.call(null, 'GET', '/api/decisions/catalogues/2026')).statusCode).toBe(401);
    expect((await api.call(officer, 'GET', '/api/decisions/catalogues/2026')).statusCode).toBe(403);
    expect(
      (await api.call(unitadmin, 'POST', '/api/decisions/catalogues/2026/items', item())).statusCode,
    ).toBe(403);
    // bad input: every problem listed, nothing stored
    const bad = await api.call(justice, 'POST', '/api/decisions/catalogues/2026/items', {
      title: '',
      category: 'x',
      proposingUnitId: 'nope',
      plannedQuarter: 9,
    });
    expect(bad.statusCode).toBe(400);
    expect(errorPointers(bad.body)).toEqual([
      '/body/category',
      '/body/plannedQuarter',
      '/body/proposingUnitId',
      '/body/title',
    ]);
    const unknownUnit = await api.call(
      justice,
      'POST',
      '/api/decisions/catalogues/2026/items',
      item({ proposingUnitId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(unknownUnit.statusCode).toBe(400);
    expect(await itemCount()).toBe(0);

    const a = await api.call(justice, 'POST', '/api/decisions/catalogues/2026/items', item());
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json().proposingUnitName).toBe('区市场监督管理局');
    // before publication: no reason needed, nothing logged as an adjustment
    const changed = await api.call(justice, 'PATCH', `/api/decisions/catalogues/2026/items/${a.json().id}`, {
      plannedQuarter: 3,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(
      (
        await api.call(
          justice,
          'PATCH',
          '/api/decisions/catalogues/2026/items/00000000-0000-4000-8000-000000000000',
          {},
        )
      ).statusCode,
    ).toBe(404);
    // the portal shows no unpublished catalogue
    expect((await api.call(null, 'GET', '/api/public/decisions/catalogues/2026')).statusCode).toBe(404);
    expect(
      (
        await api.call(justice, 'POST', '/api/decisions/catalogues/2027/publish', {
          partyConsentOn: '2026-03-01',
        })
      ).statusCode,
    ).toBe(409);
    const futureConsent = await api.call(justice, 'POST', '/api/decisions/catalogues/2026/publish', {
      partyConsentOn: '2026-12-01',
    });
    expect(futureConsent.statusCode).toBe(400);
    const pub = await api.call(justice, 'POST', '/api/decisions/catalogues/2026/publish', {
      partyConsentOn: '2026-02-27',
    });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(
      (
        await api.call(justice, 'POST', '/api/decisions/catalogues/2026/publish', {
          partyConsentOn: '2026-02-27',
        })
      ).statusCode,
    ).toBe(409);

    // after publication every change needs its reason
    const noReason = await api.call(
      justice,
      'POST',
      '/api/decisions/catalogues/2026/items',
      item({ title: '新增事项' }),
    );
    expect(noReason.statusCode).toBe(400);
    expect(errorPointers(noReason.body)).toEqual(['/body/reason']);
    expect(await itemCount()).toBe(1);
    const b = await api.call(
      justice,
      'POST',
      '/api/decisions/catalogues/2026/items',
      item({
        title: '示范区老旧小区改造三年行动计划',
        category: 'construction',
        reason: '区委常委会研究增列',
      }),
    );
    expect(b.statusCode, b.body).toBe(201);
    const wNoReason = await api.call(
      justice,
      'PATCH',
      `/api/decisions/catalogues/2026/items/${b.json().id}`,
      {
        withdrawn: true,
      },
    );
    expect(wNoReason.statusCode).toBe(400);
    const w = await api.call(justice, 'PATCH', `/api/decisions/catalogues/2026/items/${b.json().id}`, {
      withdrawn: true,
      reason: '纳入市级统筹，不再列入区级目录',
    });
    expect(w.statusCode, w.body).toBe(200);
    const adjustments = await deps.db.select().from(decisionCatalogueAdjustments);
    expect(adjustments.map((x) => [x.action, x.reason])).toEqual([
      ['add', '区委常委会研究增列'],
      ['withdraw', '纳入市级统筹，不再列入区级目录'],
    ]);
    const portal = await api.call(null, 'GET', '/api/public/decisions/catalogues/2026');
    expect(portal.statusCode, portal.body).toBe(200);
    expect(portal.json().items.map((i: { status: string }) => i.status)).toEqual(['listed', 'withdrawn']);
    expect(portal.json().adjustments).toHaveLength(2);
    const admin = (await api.call(unitadmin, 'GET', '/api/decisions/catalogues/2026')).json();
    expect(admin.status).toBe('published');
    expect(admin.adjustments).toHaveLength(2);
  });
});

const pass = {
  outcome: 'pass',
  reasons: '决策权限、程序和内容合法',
  basis: '重大行政决策程序暂行条例第二十五条',
};
const experts = {
  arguedOn: '2026-03-20',
  method: '专家论证会',
  experts: [
    { name: '赵教授', affiliation: '西南政法大学', opinion: '方案可行', signed: true },
    { name: '钱工', affiliation: '市环科院', opinion: '建议分阶段实施', dissent: true, signed: true },
    { name: '孙经理', affiliation: '某环卫公司', conflict: true, conflictNote: '参与投标', recused: true },
  ],
};
const risk = {
  assessedOn: '2026-03-25',
  assessor: '区社会稳定风险评估中心',
  method: '舆情跟踪、走访、座谈',
  riskPoints: '收费标准调整引发群众不满',
  level: 'medium',
  measures: '分步实施，加强宣传解释',
  contingency: '设立投诉专线和应急小组',
};
const minutes = {
  meetingType: '区政府常务会议',
  date: '2026-04-20',
  attendees: [{ name: '何区长' }, { name: '王副区长' }, { name: '李副区长' }],
  opinions: [
    { name: '王副区长', opinion: '同意' },
    { name: '李副区长', opinion: '建议暂缓', dissent: true },
    { name: '何区长', opinion: '同意，按程序实施' },
  ],
  chairStatement: '同意实施，李副区长的意见在实施中予以关注',
  result: 'approved',
};

const STEP_GUARDS = {
  participation: '/guards/PublicParticipationDone',
  experts: '/guards/ExpertArgumentationDone',
  risk: '/guards/RiskAssessmentDone',
  legality: '/guards/LegalityReviewPassed',
} as const;
type Step = keyof typeof STEP_GUARDS;

async function createDecision(itemId: string, title = '示范区城市生活垃圾分类实施方案') {
  const r = await api.call(unitadmin, 'POST', '/api/workflow/cases', {
    type: 'decisions.decision',
    data: {
      title,
      category: 'public-policy',
      catalogueItemId: itemId,
      description: '推进垃圾分类',
      proposer: '区城市管理局',
    },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}
async function passReview(id: string) {
  const review = (await deps.db.select().from(cases).where(eq(cases.type, 'legality.review'))).find(
    (c) => (c.data.subject as { id: string }).id === id,
  )!;
  await ok(reviewer, review.id, 'unitPass', pass);
  await ok(justice, review.id, 'justicePass', pass);
  await ok(unitadmin, id, 'reviewFinished', {});
}

describe('major decision through the five steps', () => {
  it('refuses each missing step before collective discussion, then runs to the archive', async () => {
    await setClock('2026-03-02T10:00:00+08:00');
    const [listed] = await deps.db
      .select()
      .from(decisionCatalogueItems)
      .where(and(eq(decisionCatalogueItems.status, 'listed'), eq(decisionCatalogueItems.year, 2026)));
    const itemId = listed!.id;
    // the decision case: bad input listed, nothing stored
    const before = (await deps.db.select({ n: count() }).from(cases))[0]!.n;
    const bad = await api.call(unitadmin, 'POST', '/api/workflow/cases', {
      type: 'decisions.decision',
      data: { title: '', category: 'x', catalogueItemId: 'no' },
    });
    expect(bad.statusCode).toBe(400);
    expect(errorPointers(bad.body).length).toBeGreaterThanOrEqual(5);
    expect((await deps.db.select({ n: count() }).from(cases))[0]!.n).toBe(before);
    expect(
      (await api.call(officer, 'POST', '/api/workflow/cases', { type: 'decisions.decision', data: {} }))
        .statusCode,
    ).toBe(403);

    const full = await createDecision(itemId);
    const missing = Object.fromEntries(
      await Promise.all(
        (Object.keys(STEP_GUARDS) as Step[]).map(async (s) => [s, await createDecision(itemId, `缺少${s}`)]),
      ),
    ) as Record<Step, string>;
    const all = [full, ...Object.values(missing)];
    // nothing done: every missing step listed, in Chinese
    const none = await step(unitadmin, full, 'submitToMeeting', {
      meetingType: 'executive',
      plannedOn: '2026-04-20',
    });
    expect(none.statusCode).toBe(409);
    expect(errorPointers(none.body)).toEqual(Object.values(STEP_GUARDS).sort());
    expect(none.json().detail).toContain('缺少公众参与');
    expect(none.json().detail).toContain('缺少专家论证');
    expect(none.json().detail).toContain('缺少风险评估');
    expect(none.json().detail).toContain('缺少合法性审查');

    // the comment period: at least 30 days unless the reason for a shorter one is recorded
    const short = await step(unitadmin, full, 'openComment', {
      startOn: '2026-03-02',
      endOn: '2026-03-20',
      channel: '区政府网站',
    });
    expect(short.statusCode).toBe(409);
    expect(errorPointers(short.body)).toEqual(['/guards/CommentPeriodLongEnough']);
    const shortOk = await step(unitadmin, missing.experts, 'openComment', {
      startOn: '2026-03-02',
      endOn: '2026-03-20',
      channel: '区政府网站',
      shortReason: '汛期前须完成部署，情况紧急',
    });
    expect(shortOk.statusCode, shortOk.body).toBe(200);
    for (const id of all.filter((x) => x !== missing.participation && x !== missing.experts))
      await ok(unitadmin, id, 'openComment', {
        startOn: '2026-03-02',
        endOn: '2026-04-03',
        channel: '区政府网站',
      });
    expect(
      (await step(unitadmin, full, 'closeComment', { commentCount: 3, adoptionReport: '采纳2条' }))
        .statusCode,
    ).toBe(409);

    await setClock('2026-04-07T10:00:00+08:00');
    for (const id of all.filter((x) => x !== missing.participation))
      await ok(unitadmin, id, 'closeComment', {
        commentCount: 12,
        adoptionReport: '采纳7条，部分采纳3条，不予采纳2条并说明理由',
      });
    // hearing with published representatives, materials 7 days before
    const lateMaterials = await step(unitadmin, full, 'holdHearing', {
      heldOn: '2026-03-25',
      selectionMethod: '自愿报名、随机抽取',
      representatives: [{ name: '居民代表甲' }],
      listPublishedOn: '2026-03-26',
      materialsSentOn: '2026-03-20',
      record: '听证笔录',
    });
    expect(errorPointers(lateMaterials.body)).toEqual(['/body/listPublishedOn', '/body/materialsSentOn']);
    await ok(unitadmin, full, 'holdHearing', {
      heldOn: '2026-03-25',
      selectionMethod: '自愿报名、随机抽取',
      representatives: [{ name: '居民代表甲', affiliation: '龙洲湾街道' }, { name: '商户代表乙' }],
      listPublishedOn: '2026-03-10',
      materialsSentOn: '2026-03-18',
      record: '听证笔录已由参加人签字',
    });
    // experts: a conflicted expert must be recused, every other opinion signed
    const conflicted = await step(unitadmin, full, 'argue', {
      ...experts,
      experts: [
        { name: '孙经理', affiliation: '某环卫公司', conflict: true, opinion: '同意', signed: true },
        { name: '周教授', affiliation: '重庆大学' },
      ],
    });
    expect(conflicted.statusCode).toBe(400);
    expect(errorPointers(conflicted.body)).toEqual([
      '/body/experts/0/recused',
      '/body/experts/1/opinion',
      '/body/experts/1/signed',
    ]);
    for (const id of all.filter((x) => x !== missing.experts)) await ok(unitadmin, id, 'argue', experts);
    const highNoPlan = await step(unitadmin, full, 'assessRisk', {
      ...risk,
      level: 'high',
      contingency: undefined,
    });
    expect(errorPointers(highNoPlan.body)).toEqual(['/body/contingency']);
    for (const id of all.filter((x) => x !== missing.risk)) await ok(unitadmin, id, 'assessRisk', risk);
    // reviewers get at least 7 working days
    const rushed = await step(unitadmin, full, 'submitReview', {
      materials: [{ name: '决策草案' }],
      plannedMeetingOn: '2026-04-10',
    });
    expect(rushed.statusCode).toBe(409);
    expect(errorPointers(rushed.body)).toEqual(['/guards/ReviewTimeGuaranteed']);
    for (const id of all.filter((x) => x !== missing.legality)) {
      await ok(unitadmin, id, 'submitReview', {
        materials: [{ name: '决策草案' }, { name: '履行程序情况说明' }],
        plannedMeetingOn: '2026-04-20',
      });
      await passReview(id);
    }
    // table-driven: each decision missing exactly one step is refused for exactly that step
    for (const [s, id] of Object.entries(missing) as [Step, string][]) {
      const r = await step(unitadmin, id, 'submitToMeeting', {
        meetingType: 'executive',
        plannedOn: '2026-04-20',
      });
      expect(r.statusCode, s).toBe(409);
      expect(errorPointers(r.body), s).toEqual([STEP_GUARDS[s]]);
    }
    const list = (await api.call(unitadmin, 'GET', '/api/decisions')).json() as {
      id: string;
      steps: Record<string, string>;
    }[];
    expect(list.find((d) => d.id === missing.risk)!.steps).toEqual({
      participation: 'done',
      experts: 'done',
      risk: 'todo',
      legality: 'done',
      discussion: 'todo',
    });

    await ok(unitadmin, full, 'submitToMeeting', { meetingType: 'executive', plannedOn: '2026-04-20' });
    await setClock('2026-04-20T10:00:00+08:00');
    const noMinutes = await step(leader, full, 'decide', { decidedOn: '2026-04-20', decision: '同意实施' });
    expect(errorPointers(noMinutes.body)).toEqual(['/guards/CollectiveDiscussionApproved']);
    // the chair overruling the majority must give the reason
    const overruled = await api.call(
      leader,
      'POST',
      `/api/workflow/cases/${full}/records/collective-discussion`,
      {
        ...minutes,
        opinions: minutes.opinions.map((o) => ({ ...o, dissent: o.name !== '何区长' })),
      },
    );
    expect(overruled.statusCode).toBe(400);
    expect(overruled.body).toContain('应记录理由');
    const rec = await api.call(
      leader,
      'POST',
      `/api/workflow/cases/${full}/records/collective-discussion`,
      minutes,
    );
    expect(rec.statusCode, rec.body).toBe(200);
    expect(
      (await step(unitadmin, full, 'decide', { decidedOn: '2026-04-20', decision: '同意实施' })).statusCode,
    ).toBe(403);
    await ok(leader, full, 'decide', { decidedOn: '2026-04-20', decision: '同意实施' });

    expect((await api.call(null, 'GET', `/api/public/decisions/${full}`)).statusCode).toBe(404);
    await ok(unitadmin, full, 'publish', {
      publishedOn: '2026-04-20',
      documentNo: '示范府发〔2026〕8号',
      channel: '区政府网站、示范日报',
      summary: '全区推行生活垃圾分类',
      adoptionExplanation: '公众意见采纳7条；专家意见全部采纳',
    });
    expect(await deps.db.select().from(decisionRegister)).toHaveLength(1);
    const portal = await api.call(null, 'GET', '/api/public/decisions?year=2026');
    expect(portal.json().map((d: { documentNo: string }) => d.documentNo)).toEqual(['示范府发〔2026〕8号']);
    expect((await api.call(null, 'GET', `/api/public/decisions/${full}`)).json().title).toBe(
      '示范区城市生活垃圾分类实施方案',
    );

    await ok(unitadmin, full, 'reportProgress', { reportedOn: '2026-04-20', progress: '已在3个街道试点' });
    const selfEval = await step(unitadmin, full, 'evaluate', {
      evaluatedOn: '2026-04-20',
      evaluator: risk.assessor,
      report: '目标基本实现',
      conclusion: 'continue',
    });
    expect(errorPointers(selfEval.body)).toEqual(['/guards/EvaluatorIndependent']);
    await ok(unitadmin, full, 'evaluate', {
      evaluatedOn: '2026-04-20',
      evaluator: '西南政法大学评估中心',
      report: '目标基本实现',
      conclusion: 'continue',
    });
    await ok(unitadmin, full, 'archive', { archivedOn: '2026-04-20', fileNo: 'JC-2026-008' });
    const done = (await api.call(unitadmin, 'GET', '/api/decisions'))
      .json()
      .find((d: { id: string }) => d.id === full);
    expect(done.state).toBe('archived');
    expect(Object.values(done.steps)).toEqual(['done', 'done', 'done', 'done', 'done']);
    const cat = (await api.call(unitadmin, 'GET', '/api/decisions/catalogues/2026')).json();
    expect(cat.items[0].decision).not.toBeNull();
  });

  it('seeds the demo district: the 2026 catalogue and decisions at different steps, on their days', async () => {
    const before = (await api.call(unitadmin, 'GET', '/api/decisions')).json().length;
    const steps = await demoDecisionSteps(deps.db, '500113');
    // Fixed historical dates: nothing after 2026-10-30, so no period reaches 2027 whatever the real date.
    expect(steps.every((s) => s.date >= '2026-01-01' && s.date <= '2026-10-30')).toBe(true);
    await runDemoSteps(steps, deps, { atomic: true });
    const list = (await api.call(unitadmin, 'GET', '/api/decisions')).json() as {
      id: string;
      title: string;
      state: string;
      steps: Record<string, string>;
    }[];
    expect(list.length - before).toBe(4);
    const sorting = list.find(
      (d) => d.title === '示范区城市生活垃圾分类实施方案' && d.state === 'implementing',
    )!;
    expect(Object.values(sorting.steps)).toEqual(['done', 'done', 'done', 'done', 'done']);
    const published = (await api.call(null, 'GET', `/api/public/decisions/${sorting.id}`)).json();
    expect(published).toMatchObject({ documentNo: '示范府发〔2026〕12号', publishedOn: '2026-04-08' });
    const planning = list.find((d) => d.title.startsWith('示范区国土空间总体规划'))!;
    expect(planning.state).toBe('drafting');
    expect(planning.steps).toMatchObject({
      participation: 'done',
      experts: 'done',
      risk: 'done',
      legality: 'done',
      discussion: 'todo',
    });
    expect(
      list.find((d) => d.title === '示范区老旧小区改造三年行动计划' && d.state === 'commenting'),
    ).toBeTruthy();
    // A step that cannot run stops the demo and names the decision and the step (no silent catch).
    const again = await demoDecisionSteps(deps.db, '500113');
    const decide = again.filter((s) => s.what.includes('decide'));
    await expect(runDemoSteps(decide, deps, { atomic: true })).rejects.toThrow(
      /示范数据载入失败：2026-04-02 重大行政决策/,
    );
  });

  it('guards the list and the portal', async () => {
    expect((await api.call(null, 'GET', '/api/decisions')).statusCode).toBe(401);
    expect((await api.call(officer, 'GET', '/api/decisions')).statusCode).toBe(403);
    expect((await api.call(unitadmin, 'GET', '/api/decisions?year=abc')).statusCode).toBe(400);
    expect(
      (await api.call(null, 'GET', '/api/public/decisions/catalogues/2026?tenant=999999')).statusCode,
    ).toBe(404);
    expect((await api.call(null, 'GET', '/api/public/decisions/catalogues/2025')).statusCode).toBe(404);
    expect((await api.call(null, 'GET', '/api/public/decisions/not-a-uuid')).statusCode).toBe(400);
  });
});
