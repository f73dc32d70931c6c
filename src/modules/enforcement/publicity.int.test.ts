import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps, withoutDemoCases } from '../../../test/support/db.ts';
import { queryRows } from '../../kernel/db/index.ts';
import { marketTeam } from './market-team.fixture.ts';

/**
 * 行政处罚决定公开: the publish step behind the masking gate (minors, leaked ID numbers), the portal search by
 * character bigrams, withdrawal within 3 working days, and the public endpoints' answers.
 */
let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let officer: Session;
let reviewer: Session;
let leader: Session;
let body: string;
let matter: string;
let valid: string[];

const HASH = 'ab'.repeat(32);
const ID_ADULT = '11010519491231002X';
/** A resident ID number with its check digit (GB 11643). */
function idNumber(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}
const ID_MINOR = idNumber('11010520100101001');

beforeAll(async () => {
  deps = await openTestDeps('2026-09-25T10:00:00+08:00');
  // Every case of the district is counted or listed here: the test's own cases are the only ones.
  await withoutDemoCases(deps.db);
  api = await testApi(deps);
  officer = await api.login('officer');
  reviewer = await api.login('reviewer');
  leader = await api.login('leader');
  ({ body, matter, validOfficers: valid } = await marketTeam(deps.db));
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

const step = (s: Session, id: string, name: string, b: unknown) =>
  api.call(s, 'POST', `/api/workflow/cases/${id}/transitions/${name}`, b);
const ok = async (s: Session, id: string, name: string, b: unknown) => {
  const res = await step(s, id, name, b);
  expect(res.statusCode, `${name}: ${res.body}`).toBe(200);
  return res.json();
};

/** A penalty case decided on 2026-10-30 (fine 70,000 yuan) against a natural person. */
async function decided(party: Record<string, unknown>, decisionNo: string) {
  const res = await api.call(officer, 'POST', '/api/workflow/cases', {
    type: 'enforcement.penalty-case',
    data: {
      bodyId: body,
      source: '投诉举报',
      clueReceivedOn: '2026-09-25',
      summary: '举报某超市销售过期食品',
      party: { kind: 'person', address: '示范区某路1号', ...party },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
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
  await ok(officer, id, 'notify', {
    notifiedOn: '2026-09-30',
    method: '直接送达',
    facts: '当事人经营超过保质期的食品',
    reasons: '违反食品安全法第三十四条',
    basis: '食品安全法第一百二十四条第一款',
    proposed: { fine: 70000, circumstance: '一般', otherPenalties: ['没收违法所得'] },
    rights: { statement: true, defence: true, hearing: true },
  });
  const d = await ok(leader, id, 'decide', {
    outcome: 'penalty',
    decidedOn: '2026-10-30',
    decisionNo,
    facts: `经查，当事人${String(party.name)}（身份证号码${String(party.idNumber)}）经营超过保质期的食品`,
    basis: '食品安全法第一百二十四条第一款',
    fine: 70000,
    circumstance: '一般',
    otherPenalties: ['没收违法所得'],
  });
  return { id, case: d };
}

const publication = (draft: { partyName: string; publicText: string; penaltySummary: string }) => ({
  publishedOn: '2026-11-04',
  ...draft,
  reviewedBy: '保密审查员李四',
});
const draftOf = async (id: string) => {
  const res = await api.call(officer, 'GET', `/api/enforcement/cases/${id}/publicity-draft`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { partyName: string; publicText: string; penaltySummary: string };
};
const search = (query: string) => api.call(null, 'GET', `/api/public/enforcement/decisions?${query}`);

describe('行政处罚决定公开', () => {
  it('publish with an unmasked ID number is refused, listing the leaks; a minor party is never published', async () => {
    const c = await decided({ name: '王五', idNumber: ID_ADULT }, '示市监处罚〔2026〕101号');
    expect(c.case.deadlines.find((d: { key: string }) => d.key === 'publish')).toMatchObject({
      status: 'running',
      startDate: '2026-10-30',
    });
    const draft = await draftOf(c.id);
    expect(draft.publicText).not.toContain(ID_ADULT);
    const leak = await step(
      officer,
      c.id,
      'publishInDecided',
      publication({ ...draft, publicText: `${draft.publicText}\n身份证号码${ID_ADULT}，当事人王五` }),
    );
    expect(leak.statusCode, leak.body).toBe(409);
    const errors = leak.json().errors as { pointer: string; detail: string }[];
    expect(errors.length).toBeGreaterThanOrEqual(2);
    for (const e of errors)
      expect(e.pointer).toMatch(/^\/guards\/PublicationPassesMaskingGate\/content\/publicText$/);
    expect(errors.map((e) => e.detail).join()).toContain('身份证号码');
    expect(errors.map((e) => e.detail).join()).toContain('当事人姓名');
    expect(leak.body).not.toContain(ID_ADULT);

    const minor = await decided({ name: '赵小六', idNumber: ID_MINOR }, '示市监处罚〔2026〕102号');
    const res = await step(officer, minor.id, 'publishInDecided', publication(await draftOf(minor.id)));
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().errors).toEqual([
      {
        pointer: '/guards/PublicationPassesMaskingGate/parties/0',
        detail: expect.stringContaining('未满18周岁'),
      },
    ]);
    const none = await queryRows<{ n: number }>(
      deps.db,
      sql`select count(*)::int as n from published_decisions`,
    );
    expect(none[0]!.n).toBe(0);

    // the lawful way out: not published, with the reason recorded; the publication period closes
    const exempt = await step(officer, minor.id, 'exemptFromPublicationInDecided', {
      reason: 'minor',
      basis: '当事人未满十八周岁，处罚结果不在网上公开',
      decidedBy: '执法支队负责人',
    });
    expect(exempt.statusCode, exempt.body).toBe(200);
    const publishClock = exempt.json().deadlines.find((d: { key: string }) => d.key === 'publish');
    expect(publishClock?.status).toBe('cancelled');
    expect(
      (await step(officer, minor.id, 'publishInDecided', publication(await draftOf(minor.id)))).statusCode,
    ).toBe(409);
  });

  it('publishes the masked version; the portal finds it by 2 and 4 Chinese characters and by number; withdrawal hides the text', async () => {
    const c = await decided({ name: '张三丰', idNumber: ID_ADULT }, '示市监处罚〔2026〕103号');
    const draft = await draftOf(c.id);
    const p = await ok(officer, c.id, 'publishInDecided', publication(draft));
    expect(p.deadlines.find((d: { key: string }) => d.key === 'publish')).toMatchObject({
      status: 'met',
      metOn: '2026-11-04',
    });
    // published once only
    expect((await step(officer, c.id, 'publishInDecided', publication(draft))).statusCode).toBe(409);

    for (const q of ['食品', '保质期的', '张某', '示市监处罚〔2026〕103号', '支队']) {
      const res = await search(`q=${encodeURIComponent(q)}`);
      expect(res.statusCode, res.body).toBe(200);
      const { items, total, totalExact } = res.json();
      expect([total, totalExact], q).toEqual([1, true]);
      expect(items[0]).toMatchObject({
        number: '示市监处罚〔2026〕103号',
        partyName: '张某',
        bodyName: '区市场监管综合行政执法支队',
        decidedOn: '2026-10-30',
        publishedOn: '2026-11-04',
        status: 'published',
      });
    }
    expect((await search(`q=${encodeURIComponent('不存在的词语')}`)).json().total).toBe(0);
    expect((await search(`q=${encodeURIComponent('张')}`)).json().total).toBe(1);
    expect((await search(`from=2026-11-05`)).json().total).toBe(0);
    expect((await search(`body=${body}&to=2026-11-04`)).json().total).toBe(1);

    const id = (await search('')).json().items[0].id as string;
    const detail = await api.call(null, 'GET', `/api/public/enforcement/decisions/${id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const text = detail.json().publicText as string;
    expect(text).toContain('张某');
    for (const secret of [ID_ADULT, '张三丰', '示范区某路1号']) expect(detail.body).not.toContain(secret);

    // withdrawal: 3 working days from the change (2026-11-20, Friday → 2026-11-25)
    const w = await ok(officer, c.id, 'withdrawInDecided', {
      changedOn: '2026-11-20',
      withdrawnOn: '2026-11-24',
      cause: 'revoked',
      reason: '该决定经行政复议被撤销',
      basis: '示范区人民政府行政复议决定书',
    });
    expect(w.deadlines.find((d: { key: string }) => d.key === 'withdrawal')).toMatchObject({
      status: 'met',
      dueDate: '2026-11-25',
    });
    const after = (await api.call(null, 'GET', `/api/public/enforcement/decisions/${id}`)).json();
    expect(after).toMatchObject({
      status: 'withdrawn',
      statusLabel: '已撤回',
      publicText: null,
      penaltySummary: null,
      withdrawalReason: '该决定经行政复议被撤销',
    });
    expect((await search(`q=${encodeURIComponent('保质期的')}`)).json().total).toBe(0);
    const listed = (await search(`q=${encodeURIComponent('张某')}`)).json();
    expect(listed.items[0]).toMatchObject({ status: 'withdrawn', penaltySummary: null });
    expect((await step(officer, c.id, 'withdrawInDecided', { ...{} })).statusCode).toBe(400);
  });

  it('answers 401, 403, 404 and 400', async () => {
    const c = await decided({ name: '钱七', idNumber: ID_ADULT }, '示市监处罚〔2026〕104号');
    expect((await api.call(null, 'GET', `/api/enforcement/cases/${c.id}/publicity-draft`)).statusCode).toBe(
      401,
    );
    expect(
      (await api.call(reviewer, 'GET', `/api/enforcement/cases/${c.id}/publicity-draft`)).statusCode,
    ).toBe(403);
    const draft = await draftOf(c.id);
    expect((await step(reviewer, c.id, 'publishInDecided', publication(draft))).statusCode).toBe(403);
    expect(
      (await step(null as unknown as Session, c.id, 'publishInDecided', publication(draft))).statusCode,
    ).toBe(401);
    expect((await step(officer, c.id, 'publishInServed', publication(draft))).statusCode).toBe(409);
    const bad = await step(officer, c.id, 'publishInDecided', { publishedOn: '2026-13-01' });
    expect(bad.statusCode).toBe(400);
    expect(
      (await api.call(null, 'GET', '/api/public/enforcement/decisions/00000000-0000-4000-8000-000000000000'))
        .statusCode,
    ).toBe(404);
    expect((await api.call(null, 'GET', '/api/public/enforcement/decisions/nope')).statusCode).toBe(400);
    expect((await search('tenant=999999')).statusCode).toBe(404);
    expect((await search('pageSize=0')).statusCode).toBe(400);
    expect((await search('from=2026-12-01&to=2026-11-01')).statusCode).toBe(400);
    expect((await search(`q=${'长'.repeat(65)}`)).statusCode).toBe(400);
  });
});
