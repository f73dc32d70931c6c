import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps } from '../../../test/support/db.ts';
import { queryRows } from '../../kernel/db/index.ts';
import { DomainError } from '../../kernel/errors.ts';
import { actorForUsername, type Ctx } from '../../platform/access/index.ts';
import { transition } from '../../platform/workflow/index.ts';

/**
 * 法制审核 of a penalty case through the legality service: 送法制审核 opens a `legality.review` of kind
 * 重大执法决定 on the case, the reviewer gives the opinion on the review, the opinion is filed on the case, and the
 * decision waits at the gate until the review passed, on every route that moves a case (the workflow API and the
 * engine's `transition`, which the CLI `fazhi case step` calls).
 */
const NOW = '2026-09-25T10:00:00+08:00';
let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let officer: Session;
let reviewer: Session;
let leader: Session;
let justice: Session;
let body: string;
let matter: string;
let valid: string[];

const one = async <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) =>
  (await queryRows<T>(deps.db, q))[0]!;
const HASH = 'ab'.repeat(32);

beforeAll(async () => {
  deps = await openTestDeps(NOW);
  api = await testApi(deps);
  officer = await api.login('officer');
  reviewer = await api.login('reviewer');
  leader = await api.login('leader');
  justice = await api.login('justice');
  body = (
    await one<{ id: string }>(
      sql`select id from enforcement_bodies where name = '区市场监管综合行政执法支队'`,
    )
  ).id;
  matter = (await one<{ id: string }>(sql`select id from enforcement_matters where code = 'SCJG-CF-001'`)).id;
  valid = (
    await queryRows<{ user_id: string }>(
      deps.db,
      sql`select user_id from enforcement_officers where body_id = ${body} and valid_to > '2026-12-31' order by credential_no`,
    )
  ).map((o) => o.user_id);
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

const step = (s: Session, id: string, name: string, body: unknown) =>
  api.call(s, 'POST', `/api/workflow/cases/${id}/transitions/${name}`, body);
const ok = async (s: Session, id: string, name: string, body: unknown) => {
  const res = await step(s, id, name, body);
  expect(res.statusCode, `${name}: ${res.body}`).toBe(200);
  return res.json();
};
const decision = {
  outcome: 'penalty',
  decidedOn: '2026-10-20',
  decisionNo: '示市监处罚〔2026〕77号',
  facts: '经查，当事人经营超过保质期的食品',
  basis: '食品安全法第一百二十四条第一款',
  fine: 70000,
  circumstance: '一般',
  otherPenalties: ['没收违法所得'],
};
const opinion = {
  reasons: '事实清楚，证据确凿，适用依据正确',
  basis: '《中华人民共和国行政处罚法》第五十八条',
};

/** A case of 重大公共利益 (needs 法制审核, not collective discussion), notified and the hearing waived. */
async function notified(name = '张三') {
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
  const c = res.json() as { id: string; number: string };
  await ok(officer, c.id, 'verify', { startedOn: '2026-09-25' });
  await ok(officer, c.id, 'file', {
    filedOn: '2026-09-25',
    domain: '食品安全',
    cause: '涉嫌经营超过保质期的食品',
    approvedBy: '支队长',
    matterId: matter,
  });
  await ok(officer, c.id, 'assignInvestigators', {
    assignedOn: '2026-09-25',
    investigators: valid.slice(0, 2),
  });
  await ok(officer, c.id, 'recordEvidence', {
    items: [{ type: '书证', title: '进货单', collectedOn: '2026-09-26', sha256: HASH }],
  });
  await ok(officer, c.id, 'concludeInvestigation', {
    concludedOn: '2026-09-29',
    report: '调查终结报告',
    flags: { majorPublicInterest: true },
  });
  await ok(officer, c.id, 'notify', {
    notifiedOn: '2026-09-30',
    method: '直接送达',
    facts: '当事人经营超过保质期的食品',
    reasons: '违反食品安全法第三十四条',
    basis: '食品安全法第一百二十四条第一款',
    proposed: { fine: 70000, circumstance: '一般', otherPenalties: ['没收违法所得'] },
    rights: { statement: true, defence: true, hearing: true },
  });
  await ok(officer, c.id, 'waiveHearing', {
    waivedOn: '2026-10-08',
    document: '放弃听证声明',
    documentSha256: HASH,
  });
  return c;
}
const submitted = async (name?: string) => {
  const c = await notified(name);
  await ok(officer, c.id, 'submitForReview', {
    submittedOn: '2026-10-09',
    materials: '调查终结报告、证据材料',
  });
  return c;
};
/** The case's latest legality review. */
const reviewOf = (caseId: string) =>
  one<{ id: string; number: string; state: string; kind: string; unit_id: string; title: string }>(
    sql`select id, number, state, data ->> 'kind' as kind, unit_id, title from cases where type = 'legality.review'
        and data -> 'subject' ->> 'type' = 'enforcement.penalty-case' and data -> 'subject' ->> 'id' = ${caseId}
        order by created_at desc, id desc limit 1`,
  );
async function ctxOf(username: string): Promise<Ctx> {
  const actor = await actorForUsername(deps.db, '500113', username);
  return {
    db: deps.db,
    actor: actor!,
    requestId: 'cli:test',
    now: new Date(NOW),
    crypto: deps.crypto,
    config: deps.config,
  };
}

/** How the case's legality review ends up, from the review as 送法制审核 opened it. */
const REVIEW_ENDS: Record<string, ((id: string) => Promise<unknown>) | null> = {
  'unit-review': null,
  failed: (id) => ok(reviewer, id, 'unitFail', opinion),
  returned: (id) => ok(reviewer, id, 'unitReturn', { reasons: '请补充进货单原件' }),
  passed: (id) => ok(reviewer, id, 'unitPassFinal', { outcome: 'pass', ...opinion }),
  'passed-with-changes': (id) =>
    ok(reviewer, id, 'unitPassFinal', { outcome: 'pass-with-changes', ...opinion }),
};
/** The routes that move a case: the workflow API and the engine's transition (what `fazhi case step` runs). */
const ROUTES: Record<string, (caseId: string) => Promise<{ status: number; pointers: string[] }>> = {
  'POST /api/workflow/cases/:id/transitions/decide': async (id) => {
    const res = await step(leader, id, 'decide', decision);
    return {
      status: res.statusCode,
      pointers: (res.json().errors ?? []).map((e: { pointer: string }) => e.pointer),
    };
  },
  'transition() as fazhi case step': async (id) => {
    try {
      await transition(await ctxOf('leader'), id, 'decide', decision);
      return { status: 200, pointers: [] };
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      return { status: 409, pointers: (e.errors ?? []).map((x) => x.pointer) };
    }
  },
};

describe('法制审核 through the legality service', () => {
  it('送法制审核 opens a 重大执法决定 review of the case in its unit, once while it runs', async () => {
    const c = await submitted();
    const r = await reviewOf(c.id);
    const caseUnit = await one<{ unit_id: string }>(sql`select unit_id from cases where id = ${c.id}`);
    expect(r).toMatchObject({
      state: 'unit-review',
      kind: 'enforcement-decision',
      unit_id: caseUnit.unit_id,
    });
    // the review names the case, not the party
    expect(r.title).toBe(`重大执法决定：行政处罚案件${c.number}`);
    // the review is in the legal reviewer's 待办 and the 法制审核 queue, which names it
    const inbox = (await api.call(reviewer, 'GET', '/api/workflow/inbox')).json() as { id: string }[];
    expect(inbox.map((i) => i.id)).toContain(r.id);
    const queue = (await api.call(reviewer, 'GET', '/api/enforcement/legal-review-queue')).json();
    expect(queue.items.find((i: { id: string }) => i.id === c.id)?.review).toEqual({
      id: r.id,
      number: r.number,
    });
    // no second review while the first runs
    const again = await step(officer, c.id, 'resubmitForReview', { submittedOn: '2026-10-10' });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].pointer).toBe('/guards/LegalReviewEndedWithoutPassing');
  });

  const rows = Object.keys(REVIEW_ENDS).flatMap((end) =>
    Object.keys(ROUTES).map((route) => ({ end, route, opens: end.startsWith('passed') })),
  );
  it.each(rows)('decide with the review $end via $route: opens = $opens', async ({ end, route, opens }) => {
    const c = await submitted();
    const r = await reviewOf(c.id);
    await REVIEW_ENDS[end]?.(r.id);
    const res = await ROUTES[route]!(c.id);
    if (opens) expect(res.status, JSON.stringify(res)).toBe(200);
    else {
      expect(res.status).toBe(409);
      expect(res.pointers).toEqual(['/guards/DecisionRequiresPassedLegalReview']);
    }
  });

  it('decide without 送法制审核 is refused on both routes', async () => {
    const c = await notified();
    for (const route of Object.values(ROUTES))
      expect((await route(c.id)).pointers).toEqual(['/guards/DecisionRequiresPassedLegalReview']);
  });

  it('a failed opinion sends the case back: it is on the case, the officer resubmits, the new review decides the gate', async () => {
    const c = await submitted();
    const first = await reviewOf(c.id);
    await ok(reviewer, first.id, 'unitFail', opinion);
    // the opinion is filed on the penalty case's timeline (and so in its case file)
    const detail = (await api.call(officer, 'GET', `/api/workflow/cases/${c.id}`)).json();
    const notes = detail.timeline.filter((e: { name: string }) => e.name === 'legality-review');
    expect(notes.map((e: { data: { outcome: string; reviewNumber: string } }) => e.data)).toEqual([
      expect.objectContaining({ outcome: 'fail', reviewNumber: first.number, stage: 'unit' }),
    ]);
    // the queue no longer lists it; the officer sends it again
    const queue = (await api.call(reviewer, 'GET', '/api/enforcement/legal-review-queue')).json();
    expect(queue.items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    await ok(officer, c.id, 'resubmitForReview', {
      submittedOn: '2026-10-12',
      materials: '补充的进货单原件',
    });
    const second = await reviewOf(c.id);
    expect(second.id).not.toBe(first.id);
    expect(second.state).toBe('unit-review');
    await ok(reviewer, second.id, 'unitPassFinal', { outcome: 'pass', ...opinion });
    expect((await step(leader, c.id, 'decide', decision)).statusCode).toBe(200);
  });

  it('a return for more materials reopens the same review when the officer resubmits', async () => {
    const c = await submitted();
    const r = await reviewOf(c.id);
    await ok(reviewer, r.id, 'unitReturn', { reasons: '请补充进货单原件' });
    await ok(officer, c.id, 'resubmitForReview', { submittedOn: '2026-10-12' });
    expect(await reviewOf(c.id)).toMatchObject({ id: r.id, state: 'unit-review' });
  });

  it('a hearing requested during 法制审核 withdraws the review; after the hearing it is asked again', async () => {
    const res = await api.call(officer, 'POST', '/api/workflow/cases', {
      type: 'enforcement.penalty-case',
      data: {
        bodyId: body,
        source: '投诉举报',
        clueReceivedOn: '2026-09-25',
        summary: '举报某超市销售过期食品',
        party: { kind: 'person', name: '赵六', idNumber: '11010519491231002X' },
      },
    });
    const c = res.json() as { id: string };
    await ok(officer, c.id, 'verify', { startedOn: '2026-09-25' });
    await ok(officer, c.id, 'file', {
      filedOn: '2026-09-25',
      domain: '食品安全',
      cause: '涉嫌经营超过保质期的食品',
      approvedBy: '支队长',
      matterId: matter,
    });
    await ok(officer, c.id, 'assignInvestigators', {
      assignedOn: '2026-09-25',
      investigators: valid.slice(0, 2),
    });
    await ok(officer, c.id, 'recordEvidence', {
      items: [{ type: '书证', title: '进货单', collectedOn: '2026-09-26', sha256: HASH }],
    });
    await ok(officer, c.id, 'concludeInvestigation', {
      concludedOn: '2026-09-29',
      report: '报告',
      flags: {},
    });
    await ok(officer, c.id, 'notify', {
      notifiedOn: '2026-09-30',
      method: '直接送达',
      facts: '当事人经营超过保质期的食品',
      reasons: '违反食品安全法第三十四条',
      basis: '食品安全法第一百二十四条第一款',
      proposed: { fine: 70000, circumstance: '一般', otherPenalties: ['没收违法所得'] },
      rights: { statement: true, defence: true, hearing: true },
    });
    await ok(officer, c.id, 'submitForReview', { submittedOn: '2026-10-08' });
    const first = await reviewOf(c.id);
    await ok(officer, c.id, 'requestHearing', { requestedOn: '2026-10-09' });
    expect((await reviewOf(c.id)).state).toBe('withdrawn');
    expect(first.id).toBeTruthy();
  });

  it('counts the enforcement opinions in the legality statistics (by kind and outcome) and the enforcement statistics', async () => {
    const res = await api.call(justice, 'GET', '/api/legality/stats');
    expect(res.statusCode, res.body).toBe(200);
    const ours = (
      res.json().opinions as { kind: string; stage: string; outcome: string; n: number }[]
    ).filter((o) => o.kind === 'enforcement-decision');
    const byOutcome = Object.fromEntries(
      ours.filter((o) => o.stage === 'unit').map((o) => [o.outcome, o.n] as const),
    );
    const mine = await queryRows<{ outcome: string; n: number }>(
      deps.db,
      sql`select outcome, count(*)::int as n from legality_opinions where kind = 'enforcement-decision' and stage = 'unit' group by outcome`,
    );
    expect(byOutcome).toEqual(Object.fromEntries(mine.map((m) => [m.outcome, m.n])));
    expect(byOutcome.fail).toBeGreaterThanOrEqual(3);
    expect(byOutcome.returned).toBeGreaterThanOrEqual(3);
    expect(new Set(ours.map((o) => (o as { kindLabel?: string }).kindLabel))).toEqual(
      new Set(['重大执法决定']),
    );
    // the enforcement figures "legal reviews held" come from the same opinions (today's, in the test's clock)
    const stats = (
      await api.call(justice, 'GET', '/api/enforcement/stats?from=2026-09-25&to=2026-09-25')
    ).json() as { legalReviews: Record<string, number> };
    const cases = await queryRows<{ outcome: string; n: number }>(
      deps.db,
      sql`select outcome, count(distinct subject_id)::int as n from legality_opinions
          where subject_type = 'enforcement.penalty-case' and reviewed_on = '2026-09-25' group by outcome`,
    );
    for (const o of ['pass', 'pass-with-changes', 'fail'])
      expect(stats.legalReviews[o], o).toBe(cases.find((x) => x.outcome === o)?.n ?? 0);
  });
});
