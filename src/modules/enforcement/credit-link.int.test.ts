import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps, withoutDemoCases } from '../../../test/support/db.ts';
import { computeUsccCheck } from '../../platform/validators/index.ts';
import { marketTeam } from './market-team.fixture.ts';

/**
 * 行政处罚 → 公共信用: publishing a penalty decision against an organisation with a credit code records a
 * `penalty` credit record in the publish step's transaction and re-grades the subject; withdrawing the
 * publication revokes it; a natural person gets none.
 */
let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let officer: Session;
let leader: Session;
let admin: Session;
let body: string;
let matter: string;
let valid: string[];

const usccOf = (n: number) => {
  const b = `91500113MA${String(n).padStart(7, '0')}`;
  return b + computeUsccCheck(b);
};
const ORG = usccOf(801);

beforeAll(async () => {
  deps = await openTestDeps('2026-11-05T10:00:00+08:00');
  await withoutDemoCases(deps.db); // the demo year's cases and the credit records they made
  api = await testApi(deps);
  officer = await api.login('officer');
  leader = await api.login('leader');
  admin = await api.login('admin');
  ({ body, matter, validOfficers: valid } = await marketTeam(deps.db));
  const m = await api.call(admin, 'POST', '/api/credit/models', { name: '2026年评分模型' });
  expect(m.statusCode, m.body).toBe(201);
  expect((await api.call(admin, 'POST', `/api/credit/models/${m.json().id}/publish`)).statusCode).toBe(200);
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

const ok = async (s: Session, id: string, name: string, b: unknown) => {
  const res = await api.call(s, 'POST', `/api/workflow/cases/${id}/transitions/${name}`, b);
  expect(res.statusCode, `${name}: ${res.body}`).toBe(200);
  return res.json();
};

/** A penalty case decided on 2026-10-30 (fine 70,000 yuan) and published on 2026-11-04. */
async function published(party: Record<string, unknown>, decisionNo: string): Promise<string> {
  const res = await api.call(officer, 'POST', '/api/workflow/cases', {
    type: 'enforcement.penalty-case',
    data: {
      bodyId: body,
      source: '投诉举报',
      clueReceivedOn: '2026-09-25',
      summary: '举报某超市销售过期食品',
      party: { address: '示范区某路1号', ...party },
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
    items: [{ type: '书证', title: '进货单', collectedOn: '2026-09-26', sha256: 'ab'.repeat(32) }],
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
  await ok(leader, id, 'decide', {
    outcome: 'penalty',
    decidedOn: '2026-10-30',
    decisionNo,
    facts: `经查，当事人${String(party.name)}经营超过保质期的食品`,
    basis: '食品安全法第一百二十四条第一款',
    fine: 70000,
    circumstance: '一般',
    otherPenalties: ['没收违法所得'],
  });
  const draft = await api.call(officer, 'GET', `/api/enforcement/cases/${id}/publicity-draft`);
  expect(draft.statusCode, draft.body).toBe(200);
  await ok(officer, id, 'publishInDecided', {
    publishedOn: '2026-11-04',
    ...(draft.json() as Record<string, unknown>),
    reviewedBy: '保密审查员李四',
  });
  return id;
}

const recordsOf = async (code: string) =>
  (await api.call(admin, 'GET', `/api/credit/records?creditCode=${code}`)).json().items as {
    kind: string;
    severity: string;
    status: string;
    origin: string;
    originRef: string;
    documentNo: string;
  }[];

describe('行政处罚决定公开 → 信用记录', () => {
  let caseId: string;

  it('publishing a decision against an organisation records its penalty and re-grades it', async () => {
    caseId = await published(
      { kind: 'organisation', name: '示范区甲食品有限公司', creditCode: ORG },
      '示市监处罚〔2026〕301号',
    );
    const records = await recordsOf(ORG);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      kind: 'penalty',
      severity: 'general',
      status: 'active',
      origin: 'enforcement',
      originRef: caseId,
      documentNo: '示市监处罚〔2026〕301号',
    });
    const s = await api.call(admin, 'GET', `/api/credit/subjects/${ORG}`);
    expect(s.json()).toMatchObject({ name: '示范区甲食品有限公司', score: 90, grade: 'A', recordCount: 1 });
    const h = (await api.call(admin, 'GET', `/api/credit/subjects/${ORG}/history`)).json();
    expect(h[0]).toMatchObject({ cause: 'record', score: 90 });
    expect(h[0].explanation[0]).toMatchObject({ documentNo: '示市监处罚〔2026〕301号', points: -10 });
    // the public lookup lists it among the penalties (双公示)
    const pub = await api.call(null, 'GET', `/api/public/credit/subjects/${ORG}`);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(JSON.stringify(pub.json())).toContain('示市监处罚〔2026〕301号');
  });

  it('withdrawing the publication revokes the record and re-grades the subject', async () => {
    await ok(officer, caseId, 'withdrawInDecided', {
      changedOn: '2026-11-05',
      withdrawnOn: '2026-11-05',
      cause: 'revoked',
      reason: '该决定经行政复议被撤销',
      basis: '示范区人民政府行政复议决定书',
    });
    const records = await recordsOf(ORG);
    expect(records.map((r) => r.status)).toEqual(['revoked']);
    expect((await api.call(admin, 'GET', `/api/credit/subjects/${ORG}`)).json()).toMatchObject({
      score: 100,
      grade: 'A',
    });
    const h = (await api.call(admin, 'GET', `/api/credit/subjects/${ORG}/history`)).json();
    expect(h[0]).toMatchObject({ cause: 'record', score: 100, previousScore: 90, explanation: [] });
  });

  it('an organisation without a valid credit code is published without a credit record', async () => {
    await published(
      { kind: 'organisation', name: '示范区乙食品有限公司', creditCode: '91500113MA00000000' },
      '示市监处罚〔2026〕303号',
    );
    const all = (await api.call(admin, 'GET', '/api/credit/records')).json();
    expect(all.items.map((r: { documentNo: string }) => r.documentNo)).toEqual(['示市监处罚〔2026〕301号']);
  });

  it('a natural person gets no credit record', async () => {
    await published(
      { kind: 'person', name: '王五', idNumber: '11010519491231002X' },
      '示市监处罚〔2026〕302号',
    );
    const all = (await api.call(admin, 'GET', '/api/credit/records')).json();
    expect(all.items.map((r: { documentNo: string }) => r.documentNo)).not.toContain(
      '示市监处罚〔2026〕302号',
    );
    expect(all.total).toBe(1);
  });
});
