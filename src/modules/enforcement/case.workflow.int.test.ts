import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps } from '../../../test/support/db.ts';
import { queryRows } from '../../kernel/db/index.ts';
import { logEntries } from '../../platform/log/index.ts';

/**
 * The ordinary-procedure penalty case (行政处罚普通程序) and the summary procedure on the workflow engine: every
 * guard refused and passed, the statutory clocks across National Day, suspension, and the happy path to the archive.
 */
let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let officer: Session;
let reviewer: Session;
let leader: Session;
let stranger: Session;
let body: string;
let matter: string;
let otherMatter: string;
let valid: string[];
let expired: string;

const one = async <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) =>
  (await queryRows<T>(deps.db, q))[0]!;
const HASH = 'ab'.repeat(32);
const pointers = (res: { json(): { errors?: { pointer: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.pointer).sort();

beforeAll(async () => {
  deps = await openTestDeps('2026-09-25T10:00:00+08:00');
  api = await testApi(deps);
  officer = await api.login('officer');
  reviewer = await api.login('reviewer');
  leader = await api.login('leader');
  body = (
    await one<{ id: string }>(
      sql`select id from enforcement_bodies where name = '区市场监管综合行政执法支队'`,
    )
  ).id;
  matter = (await one<{ id: string }>(sql`select id from enforcement_matters where code = 'SCJG-CF-001'`)).id;
  otherMatter = (
    await one<{ id: string }>(sql`select id from enforcement_matters where code = 'STHJ-CF-001'`)
  ).id;
  const officers = await queryRows<{ user_id: string; valid_to: string }>(
    deps.db,
    sql`select user_id, valid_to::text as valid_to from enforcement_officers where body_id = ${body} order by credential_no`,
  );
  valid = officers.filter((o) => o.valid_to > '2026-12-31').map((o) => o.user_id);
  // The demo expires every seventh credential on 2025-12-31; at the test scale the market team has none, so one
  // more member of the body (the market bureau's reviewer) gets a credential that expired the same way.
  const lapsed = officers.find((o) => o.valid_to === '2025-12-31');
  if (lapsed) expired = lapsed.user_id;
  else {
    expired = reviewer.userId;
    await deps.db.execute(
      sql`insert into enforcement_officers (tenant_id, id, user_id, body_id, credential_no, category, domains, valid_from, valid_to, issuing_authority, status, created_at, updated_at)
          select tenant_id, gen_random_uuid(), ${expired}, id, '渝执TEST00001', '行政执法证', '["市场监管","食品安全"]'::jsonb,
                 '2020-01-01', '2025-12-31', '重庆市人民政府', 'active', now(), now()
          from enforcement_bodies where id = ${body}`,
    );
  }
  expect(valid.length).toBeGreaterThanOrEqual(2);
  const other = await one<{ username: string }>(
    sql`select u.username from enforcement_officers o join enforcement_bodies b on b.tenant_id = o.tenant_id and b.id = o.body_id
        join users u on u.tenant_id = o.tenant_id and u.id = o.user_id
        where b.name = '区生态环境保护综合行政执法支队' limit 1`,
  );
  stranger = await api.login(other.username);
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

const clue = (over: Record<string, unknown> = {}) => ({
  type: 'enforcement.penalty-case',
  data: {
    bodyId: body,
    source: '投诉举报',
    clueReceivedOn: '2026-09-25',
    summary: '举报某超市销售过期食品',
    party: { kind: 'person', name: '张三', idNumber: '11010519491231002X', address: '示范区某路1号' },
    ...over,
  },
});
async function open(over: Record<string, unknown> = {}) {
  const res = await api.call(officer, 'POST', '/api/workflow/cases', clue(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; state: string };
}
const step = (s: Session, id: string, name: string, body: unknown) =>
  api.call(s, 'POST', `/api/workflow/cases/${id}/transitions/${name}`, body);
/**
 * A step that succeeds. Its answer (the case detail, read back in the step's own statement when the step has no
 * effect) must be exactly what the case page would load next.
 */
const ok = async (s: Session, id: string, name: string, body: unknown) => {
  const res = await step(s, id, name, body);
  expect(res.statusCode, `${name}: ${res.body}`).toBe(200);
  const again = await api.call(s, 'GET', `/api/workflow/cases/${id}`);
  expect(res.json(), `${name}: the answer is the case as a reload shows it`).toEqual(again.json());
  return res.json();
};
const record = async (s: Session, id: string, kind: string, body: unknown) => {
  const res = await api.call(s, 'POST', `/api/workflow/cases/${id}/records/${kind}`, body);
  expect(res.statusCode, res.body).toBe(200);
};
const refused = async (s: Session, id: string, name: string, body: unknown, guards: string[]) => {
  const res = await step(s, id, name, body);
  expect(res.statusCode, res.body).toBe(409);
  expect(res.json().code).toBe('WORKFLOW.GUARD_FAILED');
  expect(pointers(res)).toEqual(guards.map((g) => `/guards/${g}`).sort());
};
const deadline = (c: { deadlines: { key: string }[] }, key: string) =>
  c.deadlines.find((d) => d.key === key) as Record<string, unknown>;

const FILE = {
  filedOn: '2026-09-25',
  domain: '食品安全',
  cause: '涉嫌经营超过保质期的食品',
  approvedBy: '支队长',
};
const file = () => ({ ...FILE, matterId: matter });
const evidence = { items: [{ type: '书证', title: '进货单', collectedOn: '2026-09-26', sha256: HASH }] };
const notice = (over: Record<string, unknown> = {}) => ({
  notifiedOn: '2026-09-30',
  method: '直接送达',
  facts: '当事人经营超过保质期的食品',
  reasons: '违反食品安全法第三十四条',
  basis: '食品安全法第一百二十四条第一款',
  proposed: { fine: 70000, circumstance: '一般', otherPenalties: ['没收违法所得'] },
  rights: { statement: true, defence: true, hearing: true },
  ...over,
});
const decision = (over: Record<string, unknown> = {}) => ({
  outcome: 'penalty',
  decidedOn: '2026-10-30',
  decisionNo: '示市监处罚〔2026〕1号',
  facts: '经查，当事人经营超过保质期的食品',
  basis: '食品安全法第一百二十四条第一款',
  fine: 70000,
  circumstance: '一般',
  otherPenalties: ['没收违法所得'],
  ...over,
});
const minutes = {
  meetingType: '局长办公会',
  date: '2026-10-28',
  attendees: [{ name: '甲' }, { name: '乙' }, { name: '丙' }],
  opinions: [
    { name: '甲', opinion: '同意' },
    { name: '乙', opinion: '同意' },
    { name: '丙', opinion: '同意' },
  ],
  chairStatement: '同意给予行政处罚',
  result: 'approved',
};

/** A case moved to `investigated` (flags as given). */
async function investigated(flags: Record<string, boolean> = {}) {
  const c = await open();
  await ok(officer, c.id, 'verify', { startedOn: '2026-09-25' });
  await ok(officer, c.id, 'file', file());
  await ok(officer, c.id, 'assignInvestigators', {
    assignedOn: '2026-09-25',
    investigators: valid.slice(0, 2),
  });
  await ok(officer, c.id, 'recordEvidence', evidence);
  await ok(officer, c.id, 'concludeInvestigation', {
    concludedOn: '2026-09-29',
    report: '调查终结报告',
    flags,
  });
  return c;
}

describe('penalty case: clocks', () => {
  it('opens with a number and the filing clock; filing on 2026-09-25 gives the 90-day decision limit 2026-12-24', async () => {
    const c = await open();
    expect(c.number).toMatch(/^行政处罚〔2026〕\d+号$/);
    expect(c.state).toBe('source');
    await ok(officer, c.id, 'verify', { startedOn: '2026-09-25' });
    const filed = await ok(officer, c.id, 'file', file());
    expect(deadline(filed, 'filing')).toMatchObject({ status: 'met' });
    expect(deadline(filed, 'decision')).toMatchObject({
      startDate: '2026-09-25',
      dueDate: '2026-12-24',
      status: 'running',
    });
  });

  it('prior notice on 2026-09-30: the hearing request limit runs across National Day to 2026-10-13', async () => {
    const c = await investigated();
    const n = await ok(officer, c.id, 'notify', notice());
    expect(deadline(n, 'hearing-request')).toMatchObject({ dueDate: '2026-10-13', status: 'running' });
    await refused(officer, c.id, 'requestHearing', { requestedOn: '2026-10-14' }, [
      'HearingRequestWithinFiveWorkdays',
    ]);
    await ok(officer, c.id, 'requestHearing', { requestedOn: '2026-10-13' });
  });

  it('陈述申辩 is recorded once, after the notice, with the review answer and its reason', async () => {
    const c = await investigated();
    await ok(officer, c.id, 'notify', notice({ noticeNo: '示市监罚告〔2026〕8号', replyDays: 5 }));
    const bad = await step(officer, c.id, 'recordStatement', { recordedOn: '2026-10-09', made: true });
    expect(bad.statusCode).toBe(400);
    expect(pointers(bad)).toEqual(['/body/adoption', '/body/summary']);
    const partly = await step(officer, c.id, 'recordStatement', {
      recordedOn: '2026-10-09',
      made: true,
      summary: '当事人称系初次违法',
      adoption: '部分采纳',
    });
    expect(pointers(partly)).toEqual(['/body/reason']);
    await refused(officer, c.id, 'recordStatement', { recordedOn: '2026-09-29', made: false }, [
      'StatementAfterNotice',
    ]);
    const done = await ok(officer, c.id, 'recordStatement', {
      recordedOn: '2026-10-09',
      made: true,
      summary: '当事人称系初次违法',
      adoption: '部分采纳',
      reason: '初次违法情节已在裁量中考虑，但不符合不予处罚的条件',
    });
    expect(done.data.statement).toMatchObject({ adoption: '部分采纳' });
    await refused(officer, c.id, 'recordStatement', { recordedOn: '2026-10-10', made: false }, [
      'StatementOnlyOnce',
    ]);
  });

  it('suspension stops the decision clock and resumption shifts the due date; only the right resume step succeeds', async () => {
    const c = await open();
    await ok(officer, c.id, 'verify', { startedOn: '2026-09-25' });
    await ok(officer, c.id, 'file', file());
    await ok(officer, c.id, 'assignInvestigators', {
      assignedOn: '2026-09-25',
      investigators: valid.slice(0, 2),
    });
    const s = await ok(officer, c.id, 'suspend', { suspendedOn: '2026-10-15', reason: '等待检验结果' });
    expect(s.state).toBe('suspended');
    expect(deadline(s, 'decision')).toMatchObject({ status: 'paused', dueDate: null });
    await refused(officer, c.id, 'resumeToFiled', { resumedOn: '2026-10-16', reason: '检验结果已出' }, [
      'ResumesWhereSuspended',
    ]);
    const r = await ok(officer, c.id, 'resumeToInvestigating', {
      resumedOn: '2026-10-16',
      reason: '检验结果已出',
    });
    expect(r.state).toBe('investigating');
    // 19 days used before the stop; 71 remain after 10-16 → 12-26 (Saturday) → the next working day
    expect(deadline(r, 'decision')).toMatchObject({ status: 'running', dueDate: '2026-12-28' });
  });

  it('extend_withoutApproval_isRejected; with the head’s approval the decision limit grows by 30 days', async () => {
    const c = await open({ clueReceivedOn: '2026-06-01' });
    await ok(officer, c.id, 'verify', { startedOn: '2026-06-01' });
    const f = await ok(officer, c.id, 'file', { ...file(), filedOn: '2026-06-01' });
    expect(deadline(f, 'decision').dueDate).toBe('2026-08-31'); // 08-30 is a Sunday
    const body = { reason: '案情复杂需补充调查', approvedBy: '局长' };
    await refused(officer, c.id, 'extendInFiled', body, ['ExtensionRequiresHeadApproval']);
    await record(leader, c.id, 'approval', { step: 'extension', outcome: 'approved' });
    const e = await ok(officer, c.id, 'extendInFiled', body);
    expect(deadline(e, 'decision').dueDate).toBe('2026-09-29');
    await refused(officer, c.id, 'extendInFiled', body, ['FurtherExtensionRequiresCollectiveDiscussion']);
  });
});

describe('penalty case: guards', () => {
  it('file_lateWithForeignMatterAndDomain_isRejected with every failing guard; passes in time', async () => {
    const c = await open({ clueReceivedOn: '2026-09-01' });
    await ok(officer, c.id, 'verify', { startedOn: '2026-09-01' });
    await refused(officer, c.id, 'file', { ...FILE, matterId: otherMatter, domain: '生态环境' }, [
      'DomainWithinBodyAuthority',
      'FilingWithinTimeLimit',
      'MatterInCatalogueOfBody',
    ]);
    await ok(officer, c.id, 'file', { ...file(), filedOn: '2026-09-15' });
  });

  it('refuseFiling needs a reason and ends the case', async () => {
    const c = await open();
    await ok(officer, c.id, 'verify', { startedOn: '2026-09-25' });
    const bad = await step(officer, c.id, 'refuseFiling', { decidedOn: '2026-09-28', approvedBy: '支队长' });
    expect(bad.statusCode).toBe(400);
    expect(pointers(bad)).toEqual(['/body/reason']);
    const r = await ok(officer, c.id, 'refuseFiling', {
      decidedOn: '2026-09-28',
      reason: '不属于本机关管辖',
      approvedBy: '支队长',
    });
    expect(r.final).toBe(true);
  });

  it.each([
    ['one investigator', () => ({ investigators: [valid[0]] }), ['AtLeastTwoCredentialedInvestigators']],
    [
      'an expired credential',
      () => ({ investigators: [valid[0], expired] }),
      ['AtLeastTwoCredentialedInvestigators'],
    ],
    [
      'a recused investigator',
      () => ({ investigators: valid.slice(0, 2), recused: [valid[1]] }),
      ['NoRecusedInvestigator'],
    ],
  ])('assignInvestigators_with %s_isRejected', async (_, input, guards) => {
    const c = await open({ recused: [] });
    await ok(officer, c.id, 'verify', { startedOn: '2026-09-25' });
    await ok(officer, c.id, 'file', file());
    await refused(officer, c.id, 'assignInvestigators', { assignedOn: '2026-09-25', ...input() }, guards);
  });

  it('evidence needs one of the eight types and a SHA-256; the report needs evidence; hashes enter the log', async () => {
    const c = await open();
    await ok(officer, c.id, 'verify', { startedOn: '2026-09-25' });
    await ok(officer, c.id, 'file', file());
    await ok(officer, c.id, 'assignInvestigators', {
      assignedOn: '2026-09-25',
      investigators: valid.slice(0, 2),
    });
    await refused(officer, c.id, 'concludeInvestigation', { concludedOn: '2026-09-29', report: '报告' }, [
      'EvidenceBeforeReport',
    ]);
    const bad = await step(officer, c.id, 'recordEvidence', {
      items: [{ type: '照片', title: 'x', collectedOn: '2026-09-26', sha256: 'xyz' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(pointers(bad)).toEqual(['/body/items/0/sha256', '/body/items/0/type']);
    await ok(officer, c.id, 'recordEvidence', evidence);
    const rows = await deps.db
      .select({ body: logEntries.body })
      .from(logEntries)
      .where(eq(logEntries.subjectId, c.id));
    expect(rows.some((r) => r.body.includes(HASH))).toBe(true);
    expect(rows.every((r) => !r.body.includes('11010519491231002X'))).toBe(true);
  });

  it('notify_withoutHearingRightForLargeFine_isRejected', async () => {
    const c = await investigated();
    await refused(
      officer,
      c.id,
      'notify',
      notice({ rights: { statement: true, defence: true, hearing: false } }),
      ['HearingRightNotifiedWhenQualifies'],
    );
  });

  it('decide_penaltyWithoutPriorNotice_isRejected; a finding that facts are not established needs none', async () => {
    const c = await investigated();
    await refused(leader, c.id, 'decide', decision(), ['PenaltyRequiresPriorNotice']);
    const d = await ok(
      leader,
      c.id,
      'decide',
      decision({ outcome: 'not-established', fine: undefined, otherPenalties: [], circumstance: undefined }),
    );
    expect(d.state).toBe('decided');
  });

  it('decide_beforeHearingPeriodElapsed_isRejected; heavier than notified is rejected; outside the band needs a reason', async () => {
    const c = await investigated();
    await ok(officer, c.id, 'notify', notice());
    await refused(leader, c.id, 'decide', decision({ decidedOn: '2026-10-13' }), [
      'HearingRequestPeriodElapsed',
    ]);
    await refused(
      leader,
      c.id,
      'decide',
      decision({ fine: 90000, circumstance: '从重', otherPenalties: [] }),
      ['NoHeavierPenaltyAfterDefence'],
    );
    await refused(leader, c.id, 'decide', decision({ fine: 60000 }), ['FineWithinDiscretionBand']);
    await ok(leader, c.id, 'decide', decision({ fine: 60000, deviationReason: '当事人积极退赔，酌情从轻' }));
  });

  it('decide_afterNinetyDays_isRejected unless the delay is explained', async () => {
    const c = await open({ clueReceivedOn: '2026-06-01' });
    await ok(officer, c.id, 'verify', { startedOn: '2026-06-01' });
    await ok(officer, c.id, 'file', { ...file(), filedOn: '2026-06-01' });
    await ok(officer, c.id, 'assignInvestigators', {
      assignedOn: '2026-06-01',
      investigators: valid.slice(0, 2),
    });
    await ok(officer, c.id, 'recordEvidence', evidence);
    await ok(officer, c.id, 'concludeInvestigation', {
      concludedOn: '2026-08-20',
      report: '违法事实不能成立',
    });
    const notEstablished = decision({
      outcome: 'not-established',
      decidedOn: '2026-09-01',
      fine: undefined,
      otherPenalties: [],
      circumstance: undefined,
    });
    await refused(leader, c.id, 'decide', notEstablished, ['DecisionWithinTimeLimit']);
    const d = await ok(leader, c.id, 'decide', { ...notEstablished, lateReason: '鉴定机构延迟出具意见' });
    expect(deadline(d, 'decision')).toMatchObject({
      status: 'met',
      metOn: '2026-09-01',
      dueDate: '2026-08-31',
    });
  });

  it('hearing: the notice 7 working days before, the presider not an investigator', async () => {
    const c = await investigated();
    await ok(officer, c.id, 'notify', notice());
    await ok(officer, c.id, 'requestHearing', { requestedOn: '2026-10-09' });
    const h = { noticeOn: '2026-10-14', place: '听证室', presiderName: '王主持' };
    await refused(officer, c.id, 'scheduleHearing', { ...h, hearingOn: '2026-10-22', presiderId: valid[0] }, [
      'HearingNoticeSevenWorkdaysBefore',
      'PresiderNotInvestigator',
    ]);
    await refused(leader, c.id, 'decide', decision(), ['HearingConcludedFirst']);
    await ok(officer, c.id, 'scheduleHearing', { ...h, hearingOn: '2026-10-23', presiderId: leader.userId });
  });

  it('answers 404 to an officer of another team and 403 to a reviewer deciding', async () => {
    const c = await investigated();
    expect((await api.call(stranger, 'GET', `/api/workflow/cases/${c.id}`)).statusCode).toBe(404);
    expect((await step(stranger, c.id, 'notify', notice())).statusCode).toBe(404);
    expect((await api.call(reviewer, 'GET', `/api/workflow/cases/${c.id}`)).statusCode).toBe(200);
    expect((await step(reviewer, c.id, 'decide', decision())).statusCode).toBe(403);
    expect((await step(officer, c.id, 'decide', decision())).statusCode).toBe(403);
  });
});

describe('penalty case: the whole procedure', () => {
  it('happy path to the archive: hearing, legal review, collective discussion, service, late payment with surcharge', async () => {
    const c = await investigated({ complex: true });
    await ok(officer, c.id, 'notify', notice());
    await ok(officer, c.id, 'requestHearing', { requestedOn: '2026-10-12' });
    await ok(officer, c.id, 'scheduleHearing', {
      noticeOn: '2026-10-14',
      hearingOn: '2026-10-23',
      place: '听证室',
      presiderId: leader.userId,
      presiderName: '王主持',
    });
    await ok(officer, c.id, 'holdHearing', { heldOn: '2026-10-23', record: '听证笔录', recordSigned: true });
    await ok(officer, c.id, 'submitForReview', { submittedOn: '2026-10-26' });
    await refused(leader, c.id, 'decide', decision(), [
      'DecisionRequiresPassedLegalReview',
      'MajorCaseRequiresCollectiveDiscussion',
    ]);
    // the case's legality review waits in the legal reviewer's 待办 until the opinion is given on it
    const review = await one<{ id: string }>(
      sql`select id from cases where type = 'legality.review' and data -> 'subject' ->> 'id' = ${c.id}`,
    );
    const inboxIds = async () =>
      ((await api.call(reviewer, 'GET', '/api/workflow/inbox')).json() as { id: string }[]).map((i) => i.id);
    expect(await inboxIds()).toContain(review.id);
    await ok(reviewer, review.id, 'unitPassFinal', {
      outcome: 'pass',
      reasons: '事实清楚，证据确凿，适用依据正确',
      basis: '《中华人民共和国行政处罚法》第五十八条',
    });
    expect(await inboxIds()).not.toContain(review.id);
    await record(leader, c.id, 'collective-discussion', minutes);
    await ok(officer, c.id, 'submitForDiscussion', { submittedOn: '2026-10-28' });
    const d = await ok(leader, c.id, 'decide', decision());
    expect(deadline(d, 'service')).toMatchObject({ dueDate: '2026-11-10' });
    const serve = { servedOn: '2026-11-02', receivedOn: '2026-11-02', proof: '送达回证第1号' };
    await refused(officer, c.id, 'serve', { ...serve, method: '电子送达' }, [
      'ElectronicServiceNeedsConsent',
    ]);
    const s = await ok(officer, c.id, 'serve', { ...serve, method: '直接送达' });
    expect(deadline(s, 'payment')).toMatchObject({ dueDate: '2026-11-17' });
    await refused(officer, c.id, 'close', { closedOn: '2026-11-03', summary: '结案', approvedBy: '支队长' }, [
      'FineIsExecutedBeforeClosing',
    ]);
    await ok(officer, c.id, 'startExecution', {});
    const pay = { paidOn: '2026-11-19', amount: 70000, receiptNo: 'JK001' };
    await refused(officer, c.id, 'recordPayment', pay, ['LateSurchargeCharged']);
    await ok(officer, c.id, 'recordPayment', { ...pay, surcharge: 4200 });
    await ok(officer, c.id, 'close', {
      closedOn: '2026-11-20',
      summary: '罚款及加处罚款已缴清',
      approvedBy: '支队长',
    });
    const a = await ok(officer, c.id, 'archive', { archivedOn: '2026-11-25', archiveNo: 'WS-2026-001' });
    expect(a.state).toBe('archived');
    expect(a.final).toBe(true);
    const steps = a.timeline
      .filter((e: { kind: string }) => e.kind === 'transition')
      .map((e: { name: string }) => e.name);
    expect(steps).toEqual([
      'verify',
      'file',
      'assignInvestigators',
      'recordEvidence',
      'concludeInvestigation',
      'notify',
      'requestHearing',
      'scheduleHearing',
      'holdHearing',
      'submitForReview',
      'submitForDiscussion',
      'decide',
      'serve',
      'startExecution',
      'recordPayment',
      'close',
      'archive',
    ]);
    const logged = await deps.db
      .select({ id: logEntries.id })
      .from(logEntries)
      .where(eq(logEntries.subjectId, c.id));
    expect(logged.map((l) => l.id).sort()).toEqual(
      a.timeline.map((e: { logEntryId: string }) => e.logEntryId).sort(),
    );
  });

  it('execution: deferral needs approval; demand before court enforcement, 10 working days', async () => {
    const c = await investigated();
    await ok(officer, c.id, 'notify', notice());
    await ok(officer, c.id, 'waiveHearing', {
      waivedOn: '2026-10-08',
      document: '放弃听证声明',
      documentSha256: HASH,
    });
    await ok(leader, c.id, 'decide', decision({ decidedOn: '2026-10-09' }));
    await ok(officer, c.id, 'serve', {
      servedOn: '2026-10-09',
      receivedOn: '2026-10-09',
      method: '直接送达',
      proof: '回证',
    });
    await ok(officer, c.id, 'startExecution', {});
    await refused(
      officer,
      c.id,
      'sendDemand',
      { servedOn: '2026-10-20', method: '直接送达', amountDue: 70000 },
      ['PaymentOverdue'],
    );
    const defer = {
      approvedOn: '2026-10-20',
      kind: 'deferral',
      newDueDate: '2026-11-30',
      reason: '经营困难',
    };
    await refused(officer, c.id, 'approveDeferral', defer, ['DeferralRequiresApproval']);
    await record(leader, c.id, 'approval', { step: 'deferral', outcome: 'approved' });
    await ok(officer, c.id, 'approveDeferral', defer);
    await ok(officer, c.id, 'sendDemand', { servedOn: '2026-12-01', method: '直接送达', amountDue: 72100 });
    await refused(
      officer,
      c.id,
      'applyCourtEnforcement',
      { appliedOn: '2026-12-14', court: '示范区人民法院' },
      ['DemandNoticeTenWorkdaysBefore'],
    );
    await ok(officer, c.id, 'applyCourtEnforcement', { appliedOn: '2026-12-15', court: '示范区人民法院' });
    await ok(officer, c.id, 'close', {
      closedOn: '2026-12-16',
      summary: '已申请法院强制执行',
      approvedBy: '支队长',
    });
  });
});

describe('a step’s answer', () => {
  const minimal = (id: string, name: string, body: unknown, prefer = 'return=minimal') =>
    api.app.inject({
      method: 'POST',
      url: `/api/workflow/cases/${id}/transitions/${name}`,
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf, prefer },
      payload: body as object,
    });

  it('is the new state and version under Prefer: return=minimal (RFC 7240); the step is taken all the same', async () => {
    const c = await open();
    const before = (await api.call(officer, 'GET', `/api/workflow/cases/${c.id}`)).json();
    const res = await minimal(c.id, 'verify', { startedOn: '2026-09-25' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['preference-applied']).toBe('return=minimal');
    expect(res.headers.vary).toMatch(/prefer/i);
    const after = (await api.call(officer, 'GET', `/api/workflow/cases/${c.id}`)).json();
    expect(res.json()).toEqual({
      id: c.id,
      number: c.number,
      state: 'verifying',
      stateLabel: after.stateLabel,
      final: false,
      version: before.version + 1,
      updatedAt: after.updatedAt,
    });
    expect(after.timeline.at(-1)).toMatchObject({ kind: 'transition', name: 'verify' });
    // Other preferences and parameters around it, any case: still minimal; return=representation is the default.
    const filed = await minimal(c.id, 'file', file(), 'respond-async, RETURN = "minimal"; x=1');
    expect(filed.json()).toMatchObject({ state: 'filed', version: before.version + 2 });
    const full = await minimal(
      c.id,
      'assignInvestigators',
      { assignedOn: '2026-09-25', investigators: valid.slice(0, 2) },
      'return=representation',
    );
    expect(full.headers['preference-applied']).toBeUndefined();
    expect(full.json()).toEqual((await api.call(officer, 'GET', `/api/workflow/cases/${c.id}`)).json());
  });

  it('is documented in the OpenAPI description: the case detail, or the step result under Prefer', async () => {
    const doc = (await api.app.inject('/openapi.json')).json();
    const op = doc.paths['/api/workflow/cases/{id}/transitions/{name}'].post;
    expect(op.parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'prefer' }));
    const refs = JSON.stringify(op.responses['200']);
    expect(refs).toContain('#/components/schemas/CaseDetail');
    expect(refs).toContain('#/components/schemas/CaseStepResult');
  });

  it('under return=minimal, a refused step is refused the same way', async () => {
    const c = await open();
    const res = await minimal(c.id, 'file', file());
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('WORKFLOW.WRONG_STATE');
    const stale = await api.app.inject({
      method: 'POST',
      url: `/api/workflow/cases/${c.id}/transitions/verify?version=9`,
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf, prefer: 'return=minimal' },
      payload: { startedOn: '2026-09-25' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('WORKFLOW.STALE');
  });
});

describe('summary procedure (当场处罚)', () => {
  const onSpot = (over: Record<string, unknown> = {}) => ({
    type: 'enforcement.summary-case',
    data: {
      bodyId: body,
      matterId: (over.matterId as string) ?? matter,
      domain: '市场监管',
      party: { kind: 'person', name: '李四' },
      decidedOn: '2026-09-30',
      place: '示范区某路',
      facts: '未将营业执照置于醒目位置',
      basis: '市场主体登记管理条例第四十八条',
      penalty: '罚款',
      fine: 200,
      formNo: 'DC-0001',
      officers: valid.slice(0, 2),
      partySigned: true,
      ...over,
    },
  });
  it('limits the fine (200 yuan for citizens, 3,000 for organisations)', async () => {
    const bad = await api.call(officer, 'POST', '/api/workflow/cases', onSpot({ fine: 201 }));
    expect(bad.statusCode).toBe(400);
    expect(pointers(bad)).toEqual(['/body/data/fine']);
    const org = onSpot({
      fine: 3000,
      party: { kind: 'organisation', name: '某公司', creditCode: '91500000MA5U000000' },
    });
    expect((await api.call(officer, 'POST', '/api/workflow/cases', org)).statusCode).toBe(201);
  });
  it('is filed with the body within 2 working days (across National Day) and closes after payment', async () => {
    const c = (await api.call(officer, 'POST', '/api/workflow/cases', onSpot())).json();
    expect(c.number).toMatch(/^当场处罚〔2026〕\d+号$/);
    await refused(officer, c.id, 'file', { filedOn: '2026-10-10' }, ['FiledWithBodyWithinTwoWorkdays']);
    await ok(officer, c.id, 'file', { filedOn: '2026-10-09' });
    await refused(officer, c.id, 'close', { onSpotCollection: true, paidOn: '2026-09-30', receiptNo: 'S1' }, [
      'OnSpotCollectionUpTo100',
    ]);
    const closed = await ok(officer, c.id, 'close', { paidOn: '2026-10-09', receiptNo: 'S1' });
    expect(closed.final).toBe(true);
  });
});
