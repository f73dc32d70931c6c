import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps } from '../../../test/support/db.ts';
import { logEntries } from '../../platform/log/index.ts';
import { cases } from '../../platform/workflow/index.ts';
import { normativeComments, normativeRegister, normativeVersions } from './normative.tables.ts';

/**
 * 行政规范性文件 from draft to filing: versions and diff, public comment clause by clause with dispositions,
 * legality review through the legality service, deliberation, numbering, publication, filing with 补正, the
 * portal search; and every gate refused with nothing stored.
 */
let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let unitadmin: Session;
let reviewer: Session;
let justice: Session;
let leader: Session;
let officer: Session;
let staff: Session;

/** Moves the pinned clock and signs everyone in again (sessions expire when days pass). */
async function setClock(iso: string) {
  deps.clock.set(iso);
  unitadmin = await api.login('unitadmin');
  reviewer = await api.login('reviewer');
  justice = await api.login('justice');
  leader = await api.login('leader');
  officer = await api.login('officer');
  staff = await api.login('staff');
}

beforeAll(async () => {
  deps = await openTestDeps('2026-03-02T10:00:00+08:00');
  api = await testApi(deps);
  unitadmin = await api.login('unitadmin');
  reviewer = await api.login('reviewer');
  justice = await api.login('justice');
  leader = await api.login('leader');
  officer = await api.login('officer');
  staff = await api.login('staff');
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

const BODY =
  '第一条 为规范示范区农贸市场管理，制定本办法。\n第二条 本办法适用于全区农贸市场。\n第三条 区市场监督管理局负责实施。\n';
const facts = (over: Record<string, unknown> = {}) => ({
  title: '示范区农贸市场管理办法',
  issuerName: '示范区人民政府',
  issuerShort: '示范府',
  docType: 'government',
  legalBasis: ['中华人民共和国食品安全法'],
  ...over,
});
const create = async (over: Record<string, unknown> = {}) => {
  const res = await api.call(unitadmin, 'POST', '/api/normative/documents', {
    facts: facts(over),
    body: BODY,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
};
const step = (s: Session, id: string, name: string, body: unknown) =>
  api.call(s, 'POST', `/api/workflow/cases/${id}/transitions/${name}`, body);
const ok = async (s: Session, id: string, name: string, body: unknown) => {
  const r = await step(s, id, name, body);
  expect(r.statusCode, `${name}: ${r.body}`).toBe(200);
  return r.json();
};
const comment = (id: string, body: unknown, ip = '203.0.113.9') =>
  api.app.inject({
    method: 'POST',
    url: `/api/public/normative/drafts/${id}/comments`,
    payload: body as object,
    remoteAddress: ip,
  });
const pass = { outcome: 'pass', reasons: '制定主体合法，内容不违反上位法', basis: '国办发〔2018〕115号' };
const minutes = {
  meetingType: '区政府常务会议',
  date: '2026-03-31',
  attendees: [{ name: '何区长' }, { name: '王副区长' }, { name: '李副区长' }],
  opinions: [
    { name: '何区长', opinion: '同意' },
    { name: '王副区长', opinion: '同意' },
    { name: '李副区长', opinion: '同意' },
  ],
  chairStatement: '审议通过',
  result: 'approved',
};

/** Drives a draft through comment and review to 待集体审议, as the tests need. */
async function toDeliberation(id: string) {
  await setClock('2026-03-02T10:00:00+08:00');
  await ok(unitadmin, id, 'openComment', { startOn: '2026-03-02', endOn: '2026-03-11' });
  await setClock('2026-03-12T10:00:00+08:00');
  await ok(unitadmin, id, 'closeComment', {});
  await ok(unitadmin, id, 'submitReview', { materials: [{ name: '草案' }, { name: '起草说明' }] });
  const review = (await deps.db.select().from(cases).where(eq(cases.type, 'legality.review'))).find(
    (c) => (c.data.subject as { id: string }).id === id,
  )!;
  await ok(reviewer, review.id, 'unitPass', pass);
  await ok(justice, review.id, 'justicePass', pass);
  await ok(unitadmin, id, 'reviewFinished', {});
  return review;
}

describe('normative document lifecycle', () => {
  it('runs from draft to filing, with versions, comments, review, number, publication, search and 补正', async () => {
    const { id } = await create();
    // a second version and the diff between them
    const v2 = await api.call(unitadmin, 'POST', `/api/normative/documents/${id}/versions`, {
      title: '示范区农贸市场管理办法',
      body: BODY.replace('全区农贸市场', '全区各镇街农贸市场'),
      note: '扩大适用范围',
    });
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json().versionNo).toBe(2);
    const diff = await api.call(unitadmin, 'GET', `/api/normative/documents/${id}/diff?from=1&to=2`);
    expect(diff.json().body).toContainEqual({ op: 'insert', text: '各镇街' });

    // public comment, clause by clause, from the portal without sign-in
    await ok(unitadmin, id, 'openComment', { startOn: '2026-03-02', endOn: '2026-03-11' });
    const draft = await api.call(null, 'GET', `/api/public/normative/drafts/${id}`);
    expect(draft.json().clauses).toHaveLength(3);
    const c1 = await comment(id, { clauseNo: 2, content: '建议明确是否包括临时集市', name: '张三丰' });
    expect(c1.statusCode, c1.body).toBe(201);
    expect(c1.json().commenter).toBe('张**');
    expect((await comment(id, { clauseNo: 9, content: '无此条' })).statusCode).toBe(400);
    // versions are frozen during comment
    expect(
      (
        await api.call(unitadmin, 'POST', `/api/normative/documents/${id}/versions`, {
          title: 't',
          body: 'b',
        })
      ).statusCode,
    ).toBe(409);
    // the period cannot be closed early
    expect((await step(unitadmin, id, 'closeComment', {})).statusCode).toBe(409);
    await setClock('2026-03-12T10:00:00+08:00');
    expect((await comment(id, { clauseNo: 1, content: '逾期意见' })).statusCode).toBe(409);
    await ok(unitadmin, id, 'closeComment', {});
    // every comment needs a disposition before review
    const refused = await step(unitadmin, id, 'submitReview', { materials: [{ name: '草案' }] });
    expect(refused.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/guards/AllCommentsDisposed',
    ]);
    const comments = (await api.call(unitadmin, 'GET', `/api/normative/documents/${id}/comments`)).json();
    const noReason = await api.call(
      unitadmin,
      'POST',
      `/api/normative/documents/${id}/comments/${comments[0].id}/disposition`,
      {
        disposition: 'not-adopted',
      },
    );
    expect(noReason.statusCode).toBe(400);
    const disposed = await api.call(
      unitadmin,
      'POST',
      `/api/normative/documents/${id}/comments/${comments[0].id}/disposition`,
      {
        disposition: 'partly-adopted',
        reason: '临时集市另行规定',
      },
    );
    expect(disposed.statusCode, disposed.body).toBe(200);

    await ok(unitadmin, id, 'submitReview', { materials: [{ name: '草案' }, { name: '起草说明' }] });
    // numbering before the review passed is refused
    const early = await step(justice, id, 'register', {});
    expect(early.statusCode).toBe(409);
    expect((await step(unitadmin, id, 'reviewFinished', {})).json().errors[0].detail).toContain(
      '单位法制机构审查中',
    );
    const review = (await deps.db.select().from(cases).where(eq(cases.type, 'legality.review'))).find(
      (c) => (c.data.subject as { id: string }).id === id,
    )!;
    await ok(reviewer, review.id, 'unitPass', pass);
    await ok(justice, review.id, 'justicePass', pass);
    await ok(unitadmin, id, 'reviewFinished', {});
    // deliberation, then the number
    const noMinutes = await step(justice, id, 'register', {});
    expect(noMinutes.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/guards/DeliberationApproved',
    ]);
    const rec = await api.call(
      leader,
      'POST',
      `/api/workflow/cases/${id}/records/collective-discussion`,
      minutes,
    );
    expect(rec.statusCode, rec.body).toBe(200);
    expect((await step(unitadmin, id, 'register', {})).statusCode).toBe(403);
    await ok(justice, id, 'register', {});
    const reg = (await api.call(unitadmin, 'GET', `/api/normative/documents/${id}/registration`)).json();
    expect(reg.number).toMatch(/^示范府规〔2026〕\d+号$/);

    // the draft was never public; publication makes it searchable
    expect((await api.call(null, 'GET', `/api/public/normative/documents/${id}`)).statusCode).toBe(404);
    const pub = await ok(unitadmin, id, 'publish', {
      publishedOn: '2026-03-12',
      effectiveOn: '2026-04-01',
      channel: '示范区政府网站',
    });
    expect(pub.deadlines.map((d: { key: string; dueDate: string }) => [d.key, d.dueDate])).toEqual([
      ['filing', '2026-04-13'],
    ]);
    const regd = (await api.call(unitadmin, 'GET', `/api/normative/documents/${id}/registration`)).json();
    expect(regd.expiresOn).toBe('2031-03-31');
    const soon = (await api.call(justice, 'GET', '/api/normative/expiring?months=61')).json();
    expect(soon.map((d: { caseId: string }) => d.caseId)).toContain(id);
    expect((await api.call(justice, 'GET', '/api/normative/expiring')).json()).toEqual([]);
    const found = await api.call(
      null,
      'GET',
      `/api/public/normative/documents?q=${encodeURIComponent('镇街 农贸')}`,
    );
    expect(found.json().items.map((i: { id: string }) => i.id)).toContain(id);
    const notFound = await api.call(
      null,
      'GET',
      `/api/public/normative/documents?q=${encodeURIComponent('农贸超市')}`,
    );
    expect(notFound.json().items.map((i: { id: string }) => i.id)).not.toContain(id);

    // filing with 补正, then accepted; the quarterly catalogue lists it
    await ok(unitadmin, id, 'submitFiling', {
      filedOn: '2026-03-12',
      recipients: ['superior-government', 'npc-standing-committee'],
    });
    await ok(justice, id, 'requestFilingCorrection', { type: 'correct', reason: '缺少起草说明' });
    await ok(unitadmin, id, 'resubmitFiling', { note: '已补充起草说明' });
    await ok(justice, id, 'acceptFiling', { acceptedOn: '2026-03-12' });
    const cat = (await api.call(justice, 'GET', '/api/normative/catalogue?year=2026&quarter=1')).json();
    expect(cat.map((c: { caseId: string }) => c.caseId)).toContain(id);

    // every version, disposition, opinion and number is in the log
    const log = await deps.db
      .select({ kind: logEntries.kind })
      .from(logEntries)
      .where(eq(logEntries.subjectId, id));
    const kinds = log.map((l) => l.kind);
    for (const k of [
      'normative.document.version',
      'normative.document.comment',
      'normative.document.comment-disposed',
      'normative.document.numbered',
      'normative.document.publish',
      'workflow.record.collective-discussion',
    ])
      expect(kinds, k).toContain(k);

    // repeal takes it out of the search
    await ok(justice, id, 'repeal', { reason: '上位法修改', decidedOn: '2026-03-12' });
    const after = await api.call(
      null,
      'GET',
      `/api/public/normative/documents?q=${encodeURIComponent('镇街 农贸')}`,
    );
    expect(after.json().items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('refuses a comment period shorter than allowed unless the reason is recorded; 30 days for business-related', async () => {
    await setClock('2026-03-02T10:00:00+08:00');
    const { id } = await create();
    const short = await step(unitadmin, id, 'openComment', { startOn: '2026-03-02', endOn: '2026-03-06' });
    expect(short.statusCode).toBe(409);
    expect(short.json().errors[0].detail).toContain('2026-03-11');
    const biz = await create({ marketRelated: true });
    const r = await step(unitadmin, biz.id, 'openComment', { startOn: '2026-03-02', endOn: '2026-03-20' });
    expect(r.json().errors[0].detail).toContain('2026-04-01');
    const withReason = await step(unitadmin, id, 'openComment', {
      startOn: '2026-03-02',
      endOn: '2026-03-06',
      shortReason: '落实上级紧急部署',
    });
    expect(withReason.statusCode, withReason.body).toBe(200);
  });

  it('refuses publication without a number on every route, and gives no number to a non-normative document', async () => {
    const { id } = await create();
    // no route leads to publication before registration
    const res = await step(unitadmin, id, 'publish', {
      publishedOn: '2026-03-02',
      effectiveOn: '2026-03-02',
      channel: '网站',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('WORKFLOW.WRONG_STATE');
    const n = await create();
    await toDeliberation(n.id);
    await ok(justice, n.id, 'declareNotNormative', { reason: '属于内部工作制度' });
    expect(await deps.db.select().from(normativeRegister).where(eq(normativeRegister.caseId, n.id))).toEqual(
      [],
    );
  });

  it('numbers without gaps per issuer and year, in the tenant format', async () => {
    const fmt = await api.call(justice, 'PUT', '/api/normative/settings', {
      numberFormat: '{issuerShort}规〔{year}〕第{seq}号',
    });
    expect(fmt.statusCode, fmt.body).toBe(200);
    const bad = await api.call(justice, 'PUT', '/api/normative/settings', { numberFormat: '{foo}规' });
    expect(bad.json().errors.map((e: { detail: string }) => e.detail)).toEqual([
      '编号格式应包含序号 {seq}',
      '编号格式应包含年份 {year}',
      '不支持的占位符：{foo}',
    ]);
    const numbers: string[] = [];
    for (const issuer of ['示范府办', '示范府办']) {
      const { id } = await create({ issuerShort: issuer });
      await toDeliberation(id);
      await api.call(leader, 'POST', `/api/workflow/cases/${id}/records/collective-discussion`, minutes);
      await ok(justice, id, 'register', {});
      numbers.push(
        (await api.call(justice, 'GET', `/api/normative/documents/${id}/registration`)).json().number,
      );
    }
    expect(numbers).toEqual(['示范府办规〔2026〕第1号', '示范府办规〔2026〕第2号']);
    await api.call(justice, 'PUT', '/api/normative/settings', {
      numberFormat: '{issuerShort}规〔{year}〕{seq}号',
    });
  });

  it('keeps drafts to the drafting unit and reviewers; answers 401/403/404 and bad input', async () => {
    await setClock('2026-03-02T10:00:00+08:00');
    const { id } = await create();
    expect((await api.call(staff, 'GET', `/api/normative/documents/${id}/versions`)).statusCode).toBe(403);
    expect((await api.call(officer, 'GET', `/api/workflow/cases/${id}`)).statusCode).toBe(404);
    expect((await api.call(reviewer, 'GET', `/api/normative/documents/${id}/versions`)).statusCode).toBe(200);
    expect((await api.call(null, 'GET', `/api/normative/documents/${id}/versions`)).statusCode).toBe(401);
    expect((await api.call(null, 'GET', `/api/public/normative/drafts/${id}`)).statusCode).toBe(404);
    expect(
      (await api.call(reviewer, 'POST', `/api/normative/documents/${id}/versions`, { title: 'x', body: 'y' }))
        .statusCode,
    ).toBe(403);
    const other = '00000000-0000-4000-8000-000000000000';
    expect((await api.call(unitadmin, 'GET', `/api/normative/documents/${other}/versions`)).statusCode).toBe(
      404,
    );
    const before = (await deps.db.select({ n: count() }).from(cases))[0]!.n;
    const bad = await api.call(unitadmin, 'POST', '/api/normative/documents', {
      facts: { title: '', issuerName: '', docType: 'x', legalBasis: [] },
      body: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual(
      expect.arrayContaining([
        '/body/facts/title',
        '/body/facts/issuerName',
        '/body/facts/issuerShort',
        '/body/facts/docType',
        '/body/facts/legalBasis',
        '/body/body',
      ]),
    );
    expect((await deps.db.select({ n: count() }).from(cases))[0]!.n).toBe(before);
    const diff = await api.call(unitadmin, 'GET', `/api/normative/documents/${id}/diff?from=1&to=7`);
    expect(diff.statusCode).toBe(400);
    expect(diff.json().errors[0].pointer).toBe('/query/to');
    const versions = await deps.db
      .select({ n: count() })
      .from(normativeVersions)
      .where(eq(normativeVersions.caseId, id));
    expect(versions[0]!.n).toBe(1);
  });

  it('limits public comments per source without sign-in', async () => {
    await setClock('2026-03-02T10:00:00+08:00');
    const { id } = await create();
    await ok(unitadmin, id, 'openComment', { startOn: '2026-03-02', endOn: '2026-03-11' });
    for (let i = 0; i < 5; i++)
      expect((await comment(id, { clauseNo: 1, content: `意见${i}` }, '198.51.100.7')).statusCode).toBe(201);
    const limited = await comment(id, { clauseNo: 1, content: '第六条意见' }, '198.51.100.7');
    expect(limited.statusCode).toBe(429);
    expect((await comment(id, { clauseNo: 1, content: '另一来源' }, '198.51.100.8')).statusCode).toBe(201);
    const stored = await deps.db.select().from(normativeComments).where(eq(normativeComments.caseId, id));
    expect(stored).toHaveLength(6);
    expect(stored.every((c) => !c.sourceHash.includes('198.51'))).toBe(true);
  });
});
