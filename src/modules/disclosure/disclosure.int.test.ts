import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps } from '../../../test/support/db.ts';
import { queryRows } from '../../kernel/db/index.ts';
import { logEntries } from '../../platform/log/index.ts';
import { caseEvents, runDueTimers, transition } from '../../platform/workflow/index.ts';

/**
 * The first real case type through the workflow engine: a disclosure request under 政府信息公开条例,
 * with its 20-working-day reply clock on the Chinese calendar, guards and timers.
 */
let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let gongkai: Session;
let leader: Session;
let officer: Session;
let reviewer: Session;

const request = (over: Record<string, unknown> = {}) => ({
  type: 'disclosure.request',
  data: {
    applicant: { kind: 'person', name: '李四', idNumber: '11010519491231002X', phone: '13912345678' },
    receivedOn: '2026-09-28',
    channel: 'online',
    description: '请公开2025年度示范区道路维修资金使用情况',
    ...over,
  },
});

beforeAll(async () => {
  deps = await openTestDeps('2026-09-28T10:00:00+08:00');
  api = await testApi(deps);
  gongkai = await api.login('gongkai');
  leader = await api.login('leader');
  officer = await api.login('officer');
  // a legal reviewer in the government office, where disclosure requests are handled
  const admin = await api.login('admin');
  const roles = (await api.call(admin, 'GET', '/api/access/roles')).json();
  const office = (
    await queryRows<{ id: string }>(deps.db, sql`select id from units where name = '区人民政府办公室'`)
  )[0]!.id;
  const created = await api.call(admin, 'POST', '/api/access/users', {
    username: 'office.reviewer',
    displayName: '政府办法制审核员',
    unitId: office,
    password: 'Strong-Pass-2026',
    roleIds: [roles.find((r: { code: string }) => r.code === 'legal_reviewer').id],
    mustChangePassword: false,
  });
  expect(created.statusCode).toBe(201);
  reviewer = await api.login('office.reviewer', 'Strong-Pass-2026');
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

async function open(over: Record<string, unknown> = {}) {
  const res = await api.call(gongkai, 'POST', '/api/workflow/cases', request(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const step = (s: Session, id: string, name: string, body: unknown) =>
  api.call(s, 'POST', `/api/workflow/cases/${id}/transitions/${name}`, body);

describe('disclosure request on the workflow engine', () => {
  it('opens with a number and a 20-working-day reply clock across National Day', async () => {
    const c = await open();
    expect(c.number).toMatch(/^依申请公开〔2026〕\d+号$/);
    expect(c.state).toBe('received');
    expect(c.deadlines).toEqual([
      expect.objectContaining({
        key: 'reply',
        startDate: '2026-09-28',
        dueDate: '2026-10-30',
        status: 'running',
        colour: 'green',
      }),
    ]);
    expect(c.actions.map((a: { name: string }) => a.name)).toEqual(
      expect.arrayContaining(['requestCorrection', 'consult', 'extend', 'reply']),
    );
  });

  it('keeps personal data out of the log: the applicant enters as a keyed hash', async () => {
    const c = await open();
    const rows = await deps.db
      .select({ body: logEntries.body })
      .from(logEntries)
      .where(eq(logEntries.subjectId, c.id));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.body).not.toContain('11010519491231002X');
      expect(r.body).not.toContain('13912345678');
    }
    expect(rows.some((r) => r.body.includes('applicantHmac'))).toBe(true);
  });

  it('refuses a refusal without a passed legal review, stores nothing, then accepts it after review', async () => {
    const c = await open();
    const before = (
      await deps.db.select({ n: count() }).from(caseEvents).where(eq(caseEvents.caseId, c.id))
    )[0]!.n;
    const body = { outcome: 'not-disclosed', content: '涉及第三方商业秘密', repliedOn: '2026-10-09' };
    const refused = await step(gongkai, c.id, 'reply', body);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('WORKFLOW.GUARD_FAILED');
    expect(refused.json().errors).toEqual([
      {
        pointer: '/guards/RefusalRequiresPassedLegalReview',
        detail: '不予公开或部分公开的答复，须经法制审核通过',
      },
    ]);
    const after = (
      await deps.db.select({ n: count() }).from(caseEvents).where(eq(caseEvents.caseId, c.id))
    )[0]!.n;
    expect(after).toBe(before);

    // a failed review does not open the gate either
    const fail = await api.call(reviewer, 'POST', `/api/workflow/cases/${c.id}/records/legal-review`, {
      outcome: 'fail',
      opinion: '理由不充分',
    });
    expect(fail.statusCode).toBe(200);
    expect((await step(gongkai, c.id, 'reply', body)).statusCode).toBe(409);
    const pass = await api.call(reviewer, 'POST', `/api/workflow/cases/${c.id}/records/legal-review`, {
      outcome: 'pass',
      opinion: '符合第十五条',
      basis: '政府信息公开条例第十五条',
    });
    expect(pass.statusCode).toBe(200);
    const replied = await step(gongkai, c.id, 'reply', body);
    expect(replied.statusCode, replied.body).toBe(200);
    expect(replied.json().state).toBe('replied');
    expect(replied.json().deadlines[0]).toMatchObject({ status: 'met', metOn: '2026-10-09' });
  });

  it('the same gate holds when the engine is called directly (import, CLI)', async () => {
    const c = await open();
    const me = (await api.call(gongkai, 'GET', '/api/auth/me')).json();
    const { actorFromSession } = await import('../../platform/access/auth.ts');
    const actor = await actorFromSession(deps, gongkai.cookie.split('=')[1]!, deps.clock.now());
    expect(actor?.userId).toBe(me.id);
    const ctx = {
      db: deps.db,
      actor: actor!,
      requestId: 'cli',
      now: deps.clock.now(),
      crypto: deps.crypto,
      config: deps.config,
    };
    await expect(
      transition(ctx, c.id, 'reply', { outcome: 'partly-disclosed', content: 'x', repliedOn: '2026-10-09' }),
    ).rejects.toMatchObject({
      code: 'WORKFLOW.GUARD_FAILED',
    });
  });

  it('refuses an application received in the future, through the API as in the form', async () => {
    const res = await api.call(gongkai, 'POST', '/api/workflow/cases', request({ receivedOn: '2026-12-01' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { pointer: '/body/data/receivedOn', detail: '日期不能晚于今天（2026-09-28）' },
    ]);
  });

  it('lists every missing or wrong field of a step', async () => {
    const c = await open();
    const res = await step(gongkai, c.id, 'reply', { outcome: 'maybe', repliedOn: '10/09' });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/body/content', '/body/outcome', '/body/repliedOn']);
    const bad = await api.call(
      gongkai,
      'POST',
      '/api/workflow/cases',
      request({ applicant: { kind: 'organisation', name: '某公司' }, receivedOn: 'x' }),
    );
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/body/data/applicant/creditCode', '/body/data/receivedOn']);
  });

  it('answers 409 for a step from the wrong state, 403 without the permission, 404 outside the scope', async () => {
    const c = await open();
    const wrong = await step(gongkai, c.id, 'close', {});
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().code).toBe('WORKFLOW.WRONG_STATE');
    expect((await api.call(leader, 'GET', `/api/workflow/cases/${c.id}`)).statusCode).toBe(200);
    const forbidden = await step(leader, c.id, 'reply', {
      outcome: 'disclosed',
      content: 'x',
      repliedOn: '2026-10-09',
    });
    expect(forbidden.statusCode).toBe(403);
    expect((await api.call(officer, 'GET', `/api/workflow/cases/${c.id}`)).statusCode).toBe(404);
    expect((await step(officer, c.id, 'reply', {})).statusCode).toBe(404);
  });

  it('correction: one notice within 7 working days; the reply clock restarts on the corrected application', async () => {
    const c = await open();
    // 7 working days after 09-28 end on 10-13 (National Day holiday, 10-10 a make-up working day)
    const late = await step(gongkai, c.id, 'requestCorrection', {
      items: '请明确所需信息的名称',
      noticeOn: '2026-10-14',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().errors[0].pointer).toBe('/guards/CorrectionNoticeWithinSevenWorkdays');
    const ok = await step(gongkai, c.id, 'requestCorrection', {
      items: '请明确所需信息的名称',
      noticeOn: '2026-09-30',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().deadlines[0]).toMatchObject({ status: 'paused', dueDate: null, colour: 'paused' });
    const back = await step(gongkai, c.id, 'receiveCorrection', { receivedOn: '2026-10-12' });
    expect(back.json().deadlines[0]).toMatchObject({ status: 'running', dueDate: '2026-11-09' });
    await step(gongkai, c.id, 'requestCorrection', { items: '再次补正', noticeOn: '2026-10-13' }).then(
      (r) => {
        expect(r.statusCode).toBe(409);
        expect(r.json().errors.map((e: { pointer: string }) => e.pointer)).toContain(
          '/guards/CorrectionOnlyOnce',
        );
      },
    );
  });

  it('consultation stops the reply clock; the opinion resumes it', async () => {
    const c = await open();
    const sent = await step(gongkai, c.id, 'consult', {
      party: '某第三方企业',
      partyKind: 'third-party',
      sentOn: '2026-10-08',
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const reply = sent.json().deadlines.find((d: { key: string }) => d.key === 'reply');
    expect(reply).toMatchObject({ status: 'paused' });
    const opinion = sent.json().deadlines.find((d: { key: string }) => d.key === 'consultation');
    expect(opinion).toMatchObject({ status: 'running', dueDate: '2026-10-28' });
    const back = await step(gongkai, c.id, 'receiveOpinion', { opinion: 'object', receivedOn: '2026-10-14' });
    const resumed = back.json().deadlines.find((d: { key: string }) => d.key === 'reply');
    // 2 working days used before the stop (09-29, 09-30); 18 remain after 10-14
    expect(resumed).toMatchObject({ status: 'running', dueDate: '2026-11-09' });
  });

  it('extension needs the approval of the office head and happens once', async () => {
    const c = await open();
    const noApproval = await step(gongkai, c.id, 'extend', {
      reason: '需要调取档案',
      approvedBy: '政府办主任',
    });
    expect(noApproval.statusCode).toBe(409);
    const approval = await api.call(leader, 'POST', `/api/workflow/cases/${c.id}/records/approval`, {
      step: 'extension',
      outcome: 'approved',
    });
    expect(approval.statusCode, approval.body).toBe(200);
    const ext = await step(gongkai, c.id, 'extend', { reason: '需要调取档案', approvedBy: '政府办主任' });
    expect(ext.statusCode, ext.body).toBe(200);
    expect(ext.json().deadlines[0].dueDate).toBe('2026-11-27');
    expect(
      (await step(gongkai, c.id, 'extend', { reason: '再延', approvedBy: '政府办主任' })).statusCode,
    ).toBe(409);
  });

  it('every step is in the transparency log, in the same transaction as the step', async () => {
    const c = await open();
    await step(gongkai, c.id, 'reply', { outcome: 'disclosed', content: '见附件', repliedOn: '2026-10-09' });
    await step(gongkai, c.id, 'close', {});
    const detail = (await api.call(gongkai, 'GET', `/api/workflow/cases/${c.id}`)).json();
    expect(detail.final).toBe(true);
    const logged = await deps.db
      .select({ id: logEntries.id })
      .from(logEntries)
      .where(eq(logEntries.subjectId, c.id));
    expect(logged.map((l) => l.id).sort()).toEqual(
      detail.timeline.map((e: { logEntryId: string }) => e.logEntryId).sort(),
    );
  });

  it('timers warn before the due date and mark overdue, once each, even when run concurrently', async () => {
    const c = await open({ receivedOn: '2026-09-28' });
    deps.clock.set('2026-10-27T08:00:00+08:00'); // 3 working days before 10-30
    const [a, b] = await Promise.all([
      runDueTimers(deps, deps.clock.now()),
      runDueTimers(deps, deps.clock.now()),
    ]);
    expect(a + b).toBeGreaterThan(0);
    await runDueTimers(deps, deps.clock.now());
    gongkai = await api.login('gongkai'); // the old session expired while the clock moved
    let detail = (await api.call(gongkai, 'GET', `/api/workflow/cases/${c.id}`)).json();
    expect(detail.timeline.filter((e: { kind: string }) => e.kind === 'deadline.warned')).toHaveLength(1);
    expect(detail.deadlines[0].colour).toBe('yellow');
    deps.clock.set('2026-10-31T08:00:00+08:00');
    await runDueTimers(deps, deps.clock.now());
    await runDueTimers(deps, deps.clock.now());
    gongkai = await api.login('gongkai');
    detail = (await api.call(gongkai, 'GET', `/api/workflow/cases/${c.id}`)).json();
    expect(detail.timeline.filter((e: { kind: string }) => e.kind === 'deadline.overdue')).toHaveLength(1);
    expect(detail.deadlines[0].colour).toBe('red');
    const inbox = (await api.call(gongkai, 'GET', '/api/workflow/inbox')).json();
    expect(inbox[0].colour).toBe('red');
    deps.clock.set('2026-09-28T10:00:00+08:00');
  });

  it('a timer and a step on the same case at the same moment keep one numbered timeline (case row lock)', async () => {
    const opened = [];
    for (let i = 0; i < 6; i++) opened.push(await open({ receivedOn: '2026-09-28' }));
    deps.clock.set('2026-11-02T08:00:00+08:00'); // every reply period has run out: each case has a timer due
    gongkai = await api.login('gongkai');
    const [, ...steps] = await Promise.all([
      runDueTimers(deps, deps.clock.now()),
      ...opened.map((c) =>
        step(gongkai, c.id, 'reply', { outcome: 'disclosed', content: '见附件', repliedOn: '2026-10-30' }),
      ),
    ]);
    for (const r of steps) expect(r.statusCode, r.body).toBe(200);
    await runDueTimers(deps, deps.clock.now());
    for (const c of opened) {
      const seqs = (
        await queryRows<{ seq: number }>(
          deps.db,
          sql`select seq from case_events where case_id = ${c.id} order by seq`,
        )
      ).map((r) => r.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
    deps.clock.set('2026-09-28T10:00:00+08:00');
    gongkai = await api.login('gongkai');
  });
});
