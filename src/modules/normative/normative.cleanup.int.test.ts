import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps } from '../../../test/support/db.ts';
import { logEntries } from '../../platform/log/index.ts';
import { cases } from '../../platform/workflow/index.ts';
import { normativeCleanupItems, normativeCleanups, normativeRegister } from './normative.tables.ts';

/**
 * 清理: a campaign over the documents in force, each decided keep / amend / repeal / declare invalid with reasons
 * (repeal and invalid through the document's workflow steps, in one transaction), results published; every refusal
 * stores nothing.
 */
let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let unitadmin: Session;
let reviewer: Session;
let justice: Session;
let leader: Session;
let officer: Session;

beforeAll(async () => {
  deps = await openTestDeps('2026-03-02T10:00:00+08:00');
  api = await testApi(deps);
  unitadmin = await api.login('unitadmin');
  reviewer = await api.login('reviewer');
  justice = await api.login('justice');
  leader = await api.login('leader');
  officer = await api.login('officer');
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

const step = (s: Session, id: string, name: string, body: unknown) =>
  api.call(s, 'POST', `/api/workflow/cases/${id}/transitions/${name}`, body);
const ok = async (s: Session, id: string, name: string, body: unknown) => {
  const r = await step(s, id, name, body);
  expect(r.statusCode, `${name}: ${r.body}`).toBe(200);
  return r.json();
};
const pass = { outcome: 'pass', reasons: '制定主体合法，内容不违反上位法', basis: '国办发〔2018〕115号' };
const minutes = {
  meetingType: '区政府常务会议',
  date: '2026-03-02',
  attendees: [{ name: '何区长' }, { name: '王副区长' }, { name: '李副区长' }],
  opinions: [
    { name: '何区长', opinion: '同意' },
    { name: '王副区长', opinion: '同意' },
    { name: '李副区长', opinion: '同意' },
  ],
  chairStatement: '审议通过',
  result: 'approved',
};

/** A document in force: drafted (no comment, with the reason), reviewed twice, deliberated, numbered, published. */
async function inForce(title: string) {
  const created = await api.call(unitadmin, 'POST', '/api/normative/documents', {
    facts: {
      title,
      issuerName: '示范区人民政府',
      issuerShort: '示范府',
      docType: 'government',
      legalBasis: ['中华人民共和国食品安全法'],
    },
    body: '第一条 为规范管理，制定本办法。\n第二条 本办法自公布之日起施行。\n',
  });
  expect(created.statusCode, created.body).toBe(201);
  const { id } = created.json() as { id: string };
  await ok(unitadmin, id, 'submitReview', {
    materials: [{ name: '草案' }],
    noCommentReason: '仅涉及内部程序',
  });
  const review = (await deps.db.select().from(cases).where(eq(cases.type, 'legality.review'))).find(
    (c) => (c.data.subject as { id: string }).id === id,
  )!;
  await ok(reviewer, review.id, 'unitPass', pass);
  await ok(justice, review.id, 'justicePass', pass);
  await ok(unitadmin, id, 'reviewFinished', {});
  const rec = await api.call(
    leader,
    'POST',
    `/api/workflow/cases/${id}/records/collective-discussion`,
    minutes,
  );
  expect(rec.statusCode, rec.body).toBe(200);
  await ok(justice, id, 'register', {});
  await ok(unitadmin, id, 'publish', {
    publishedOn: '2026-03-02',
    effectiveOn: '2026-03-02',
    channel: '政府网站',
  });
  return id;
}

const campaigns = async () => (await deps.db.select({ n: count() }).from(normativeCleanups))[0]!.n;
const items = async () => (await deps.db.select({ n: count() }).from(normativeCleanupItems))[0]!.n;

describe('cleanup campaigns (清理)', () => {
  it('refuses without sign-in, without the permission, with bad input, and with nothing in force', async () => {
    const body = { title: '2026年度规范性文件清理', reason: '定期清理' };
    expect((await api.call(null, 'POST', '/api/normative/cleanups', body)).statusCode).toBe(401);
    expect((await api.call(null, 'GET', '/api/normative/cleanups')).statusCode).toBe(401);
    expect((await api.call(unitadmin, 'POST', '/api/normative/cleanups', body)).statusCode).toBe(403);
    expect((await api.call(officer, 'GET', '/api/normative/cleanups')).statusCode).toBe(403);
    const bad = await api.call(justice, 'POST', '/api/normative/cleanups', { title: ' ', reason: '' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/body/reason', '/body/title']);
    const inForceNow = (
      await deps.db
        .select({ n: count() })
        .from(normativeRegister)
        .where(and(eq(normativeRegister.status, 'in-force'), eq(normativeRegister.published, true)))
    )[0]!.n;
    if (inForceNow === 0) {
      const empty = await api.call(justice, 'POST', '/api/normative/cleanups', body);
      expect(empty.statusCode, empty.body).toBe(409);
    }
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await api.call(justice, 'GET', `/api/normative/cleanups/${missing}`)).statusCode).toBe(404);
    expect((await api.call(justice, 'GET', '/api/normative/cleanups/nope')).statusCode).toBe(400);
    expect(await campaigns()).toBe(0);
    expect(await items()).toBe(0);
  });

  it('opens over the documents in force, decides each (repeal through the workflow), and publishes', async () => {
    const keep = await inForce('示范区农贸市场管理办法');
    const repeal = await inForce('示范区户外广告管理暂行规定');
    const invalid = await inForce('示范区殡葬管理实施细则');
    const amend = await inForce('示范区停车收费管理办法');
    const outside = await inForce('示范区燃气安全管理办法');
    const expected = (
      await deps.db
        .select({ n: count() })
        .from(normativeRegister)
        .where(and(eq(normativeRegister.status, 'in-force'), eq(normativeRegister.published, true)))
    )[0]!.n;

    const opened = await api.call(justice, 'POST', '/api/normative/cleanups', {
      title: '2026年度规范性文件清理',
      reason: '定期清理（每两年）',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const { id, documentCount } = opened.json() as { id: string; documentCount: number };
    expect(documentCount).toBe(expected);
    // one open campaign at a time
    const second = await api.call(justice, 'POST', '/api/normative/cleanups', {
      title: '再次清理',
      reason: '专项',
    });
    expect(second.statusCode).toBe(409);
    expect(await campaigns()).toBe(1);

    const url = (caseId: string) => `/api/normative/cleanups/${id}/items/${caseId}/decision`;
    // 401 / 403 / 404 / bad input
    expect(
      (await api.call(null, 'POST', url(keep), { outcome: 'keep', reason: '继续有效' })).statusCode,
    ).toBe(401);
    expect(
      (await api.call(unitadmin, 'POST', url(keep), { outcome: 'keep', reason: '继续有效' })).statusCode,
    ).toBe(403);
    const notIn = await api.call(justice, 'POST', url('00000000-0000-4000-8000-000000000000'), {
      outcome: 'keep',
      reason: '继续有效',
    });
    expect(notIn.statusCode).toBe(404);
    const bad = await api.call(justice, 'POST', url(repeal), { outcome: 'abolish', reason: '' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/body/outcome', '/body/reason']);
    const repealCase = await api.call(justice, 'GET', `/api/workflow/cases/${repeal}`);
    expect(repealCase.json().state).toBe('published');

    // publishing with undecided documents is refused
    const early = await api.call(justice, 'POST', `/api/normative/cleanups/${id}/publish`);
    expect(early.statusCode).toBe(409);

    // a document repealed outside the campaign: the step is refused and nothing is stored; keep is refused; its
    // repeal is recorded without a second step
    await ok(justice, outside, 'repeal', { reason: '上位法废止', decidedOn: '2026-03-02' });
    const logCount = async () => (await deps.db.select({ n: count() }).from(logEntries))[0]!.n;
    const before = await logCount();
    const invalidAgain = await api.call(justice, 'POST', url(outside), {
      outcome: 'invalid',
      reason: '已无调整对象',
    });
    expect(invalidAgain.statusCode, invalidAgain.body).toBe(409);
    expect(
      (await api.call(justice, 'POST', url(outside), { outcome: 'keep', reason: '继续' })).statusCode,
    ).toBe(409);
    expect(await logCount()).toBe(before);
    const [untouched] = await deps.db
      .select({ outcome: normativeCleanupItems.outcome })
      .from(normativeCleanupItems)
      .where(eq(normativeCleanupItems.caseId, outside));
    expect(untouched!.outcome).toBeNull();
    expect((await api.call(justice, 'GET', `/api/workflow/cases/${outside}`)).json().state).toBe('repealed');

    const decide = async (caseId: string, outcome: string, reason: string) => {
      const r = await api.call(justice, 'POST', url(caseId), { outcome, reason });
      expect(r.statusCode, r.body).toBe(200);
    };
    await decide(outside, 'repeal', '上位法废止，已于清理期间废止');
    await decide(repeal, 'repeal', '上位法已修改，规定已不适应');
    await decide(invalid, 'invalid', '调整对象已消失');
    await decide(amend, 'amend', '收费标准需按新规定调整');
    expect(
      (await api.call(justice, 'POST', url(repeal), { outcome: 'keep', reason: '改变主意' })).statusCode,
    ).toBe(409);
    const all = (
      await api.call(justice, 'GET', `/api/normative/cleanups/${id}/items?outcome=undecided&pageSize=200`)
    )
      .json()
      .items.map((i: { caseId: string }) => i.caseId);
    for (const caseId of all) await decide(caseId, 'keep', '符合上位法规定，继续有效');

    // repeal and invalid went through the document's steps; the register and the portal say so
    expect((await api.call(justice, 'GET', `/api/workflow/cases/${repeal}`)).json().state).toBe('repealed');
    expect((await api.call(justice, 'GET', `/api/workflow/cases/${invalid}`)).json().state).toBe('invalid');
    expect((await api.call(justice, 'GET', `/api/workflow/cases/${amend}`)).json().state).toBe('published');
    expect((await api.call(null, 'GET', `/api/public/normative/documents/${repeal}`)).json().status).toBe(
      'repealed',
    );
    const search = await api.call(
      null,
      'GET',
      `/api/public/normative/documents?q=${encodeURIComponent('户外广告')}`,
    );
    expect(search.json().items.map((i: { id: string }) => i.id)).not.toContain(repeal);

    const published = await api.call(justice, 'POST', `/api/normative/cleanups/${id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().counts).toMatchObject({
      total: expected,
      undecided: 0,
      repeal: 2,
      invalid: 1,
      amend: 1,
      keep: expected - 4,
    });
    // closed for changes; listed on the portal
    expect(
      (await api.call(justice, 'POST', url(keep), { outcome: 'repeal', reason: '晚了' })).statusCode,
    ).toBe(409);
    const portal = (await api.call(null, 'GET', '/api/public/normative/cleanups')).json();
    expect(portal[0].counts.repeal).toBe(2);
    expect(portal[0].changed.map((c: { outcome: string }) => c.outcome).sort()).toEqual([
      'amend',
      'invalid',
      'repeal',
      'repeal',
    ]);

    const kinds = (await deps.db.select({ kind: logEntries.kind }).from(logEntries)).map((l) => l.kind);
    expect(kinds).toContain('normative.cleanup.opened');
    expect(kinds).toContain('normative.cleanup.decided');
    expect(kinds).toContain('normative.cleanup.published');
    expect(kinds).toContain('normative.document.repeal');
  });
});
