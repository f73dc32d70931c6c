import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps } from '../../../test/support/db.ts';
import { queryRows } from '../../kernel/db/index.ts';
import { readZip } from '../../platform/documents/index.ts';
import { logSignerFor, sequenceAll, verifyReceipt } from '../../platform/log/index.ts';
import type { CaseFileManifest } from './case-file.ts';
import { marketTeam } from './market-team.fixture.ts';

/** 案卷导出: the ZIP's manifest hashes, the rendered documents, the offline receipts, and who may export. */
let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let officer: Session;
let leader: Session;
let stranger: Session;
let body: string;
let matter: string;
let valid: string[];

const HASH = 'ab'.repeat(32);

beforeAll(async () => {
  deps = await openTestDeps('2026-09-25T10:00:00+08:00');
  api = await testApi(deps);
  officer = await api.login('officer');
  leader = await api.login('leader');
  ({ body, matter, validOfficers: valid } = await marketTeam(deps.db));
  const [other] = await queryRows<{ username: string }>(
    deps.db,
    sql`select u.username from enforcement_officers o join enforcement_bodies b on b.tenant_id = o.tenant_id and b.id = o.body_id
        join users u on u.tenant_id = o.tenant_id and u.id = o.user_id
        where b.name = '区生态环境保护综合行政执法支队' limit 1`,
  );
  stranger = await api.login(other!.username);
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

/** A penalty case against an organisation, decided on 2026-10-30 with a fine of 70,000 yuan. */
async function decidedCase(): Promise<{ id: string; number: string }> {
  const res = await api.call(officer, 'POST', '/api/workflow/cases', {
    type: 'enforcement.penalty-case',
    data: {
      bodyId: body,
      source: '投诉举报',
      clueReceivedOn: '2026-09-25',
      summary: '举报某超市销售过期食品',
      party: {
        kind: 'organisation',
        name: '示范区某某超市有限公司',
        creditCode: '91110000MA0000000X',
        address: '示范区幸福街88号',
      },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  await ok(officer, id, 'verify', { startedOn: '2026-09-25' });
  await ok(officer, id, 'file', {
    filedOn: '2026-09-25',
    domain: '食品安全',
    cause: '经营超过保质期的食品',
    approvedBy: '支队长',
    matterId: matter,
  });
  await ok(officer, id, 'assignInvestigators', {
    assignedOn: '2026-09-25',
    investigators: valid.slice(0, 2),
  });
  await ok(officer, id, 'recordEvidence', {
    items: [
      { type: '书证', title: '进货单', collectedOn: '2026-09-26', sha256: HASH },
      { type: '书证', title: '现场检查笔录', collectedOn: '2026-09-26', sha256: HASH },
    ],
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
    basis: '《中华人民共和国食品安全法》第一百二十四条第一款',
    proposed: { fine: 70000, circumstance: '一般', otherPenalties: ['没收违法所得'] },
    rights: { statement: true, defence: true, hearing: true },
  });
  const d = await ok(leader, id, 'decide', {
    outcome: 'penalty',
    decidedOn: '2026-10-30',
    decisionNo: '示市监处罚〔2026〕201号',
    facts: '经查，当事人于2026年9月在其经营场所销售超过保质期的食品。',
    basis: '《中华人民共和国食品安全法》第一百二十四条第一款',
    fine: 70000,
    circumstance: '一般',
    otherPenalties: ['没收违法所得'],
  });
  return { id, number: d.number as string };
}

const PARTICULARS = new URLSearchParams({
  agencyAddress: '示范区人民路1号',
  agencyPhone: '0000-12345678',
  paymentMethod: '凭缴款码通过非税收入收缴系统缴纳',
  reviewAuthority: '示范区人民政府',
  court: '示范区人民法院',
  statementHandling: '当事人在规定期限内未提出陈述、申辩',
  violatedProvision: '《中华人民共和国食品安全法》第三十四条第（十）项',
}).toString();

async function exportFile(s: Session | null, id: string, query = '') {
  return api.call(s, 'GET', `/api/enforcement/cases/${id}/case-file.zip${query ? `?${query}` : ''}`);
}

function open(res: {
  statusCode: number;
  body: string;
  rawPayload: Buffer;
  headers: Record<string, unknown>;
}) {
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/zip');
  const files = readZip(res.rawPayload);
  const manifest = JSON.parse(files.get('目录.json')!.toString('utf8')) as CaseFileManifest;
  // every file is listed with its hash, and nothing else is in the archive
  expect([...files.keys()].filter((n) => n !== '目录.json').sort()).toEqual(
    manifest.files.map((f) => f.name).sort(),
  );
  for (const f of manifest.files)
    expect(createHash('sha256').update(files.get(f.name)!).digest('hex'), f.name).toBe(f.sha256);
  return { files, manifest };
}

describe('案卷导出', () => {
  it('exports a decided case: manifest hashes, receipts verifying offline, the decision with its amount in words', async () => {
    const c = await decidedCase();
    const tenant = deps.config.DEFAULT_TENANT;

    // before the sequencer runs: every entry is pending, the export still succeeds
    const early = open(await exportFile(officer, c.id));
    expect(early.manifest.receipts.length).toBeGreaterThanOrEqual(8);
    expect(early.manifest.receipts.every((r) => r.status === 'pending')).toBe(true);
    expect([...early.files.keys()].filter((n) => n.startsWith('存证/'))).toEqual(['存证/说明.txt']);

    await sequenceAll(deps.db, logSignerFor(deps.config));
    const vkeyRes = await api.call(null, 'GET', `/log/${tenant}/vkey`);
    expect(vkeyRes.statusCode).toBe(200);
    const vkey = vkeyRes.body.trim();

    const { files, manifest } = open(await exportFile(officer, c.id, PARTICULARS));
    expect(manifest).toMatchObject({
      caseId: c.id,
      caseNumber: c.number,
      state: 'decided',
      generatedAt: expect.any(String),
      verifierKeyUrl: `/log/${tenant}/vkey`,
    });

    // 案件信息: the facts and timeline as the case API returns them
    const info = JSON.parse(files.get('案件信息.json')!.toString('utf8'));
    const api_ = (await api.call(officer, 'GET', `/api/workflow/cases/${c.id}`)).json();
    expect(info.data).toEqual(api_.data);
    expect(info.timeline).toEqual(api_.timeline);

    // 存证: a receipt per timeline event with a log entry, each verifying with the published key
    const logged = (api_.timeline as { logEntryId: string | null }[]).filter((e) => e.logEntryId);
    expect(manifest.receipts).toHaveLength(logged.length);
    expect(manifest.receipts.every((r) => r.status === 'receipt')).toBe(true);
    for (const r of manifest.receipts) {
      const v = verifyReceipt(files.get(r.file!)!.toString('utf8'), vkey);
      expect(v.valid, r.file).toBe(true);
      if (v.valid) {
        expect(v.trusted).toBe(true);
        expect(v.index).toBe(r.index);
      }
    }
    const readme = files.get('存证/说明.txt')!.toString('utf8');
    expect(readme).toContain('fazhi log verify-receipt');
    expect(readme).toContain(`/log/${tenant}/vkey`);

    // 文书: the decision is complete; notices without a recorded document number are skipped, saying why
    const decision = manifest.documents.find((d) => d.template === 'penalty-decision')!;
    expect(decision.status).toBe('generated');
    expect(decision.suppliedByExporter).toContain('decision.court');
    const xml = readZip(files.get(decision.file!)!).get('word/document.xml')!.toString('utf8');
    expect(xml).toContain(c.number);
    expect(xml).toContain('人民币柒万元整');
    expect(xml).toContain('示市监处罚〔2026〕201号');
    expect(xml).toContain('现场检查笔录');
    expect(xml).not.toContain('{{');
    const notice = manifest.documents.find((d) => d.template === 'penalty-prior-notice')!;
    expect(notice.status).toBe('skipped');
    expect(notice.missing!.map((m) => m.field)).toContain('docNumber');
    expect([...files.keys()].filter((n) => n.startsWith('文书/'))).toEqual([decision.file]);

    // without the body's particulars the decision is skipped, never half filled
    const bare = open(await exportFile(officer, c.id));
    const skipped = bare.manifest.documents.find((d) => d.template === 'penalty-decision')!;
    expect(skipped.status).toBe('skipped');
    expect(skipped.missing!.map((m) => m.field)).toEqual(
      expect.arrayContaining(['decision.court', 'decision.reviewAuthority', 'decision.paymentMethod']),
    );
    expect([...bare.files.keys()].some((n) => n.startsWith('文书/'))).toBe(false);
  });

  it('answers 404 to an officer of another team and 401 to an anonymous caller', async () => {
    const c = await decidedCase();
    expect((await exportFile(stranger, c.id)).statusCode).toBe(404);
    expect((await exportFile(null, c.id)).statusCode).toBe(401);
    expect((await exportFile(officer, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('案件文书', () => {
  const BODY_PARTICULARS = {
    address: '示范区和平路9号',
    phone: '0000-66668888',
    paymentMethod: '凭缴款码到示范区农商银行任一网点缴纳',
    reviewAuthority: '示范区人民政府（复议）',
    court: '示范区第二人民法院',
  };
  const STATEMENT = new URLSearchParams({
    statementHandling: '当事人在规定期限内未提出陈述、申辩',
    violatedProvision: '《中华人民共和国食品安全法》第三十四条第（十）项',
  }).toString();
  const docs = (s: Session | null, id: string, q = '') =>
    api.call(s, 'GET', `/api/enforcement/cases/${id}/documents${q ? `?${q}` : ''}`);
  const docx = (s: Session | null, id: string, code: string, q = '') =>
    api.call(s, 'GET', `/api/enforcement/cases/${id}/documents/${code}.docx${q ? `?${q}` : ''}`);
  let c: { id: string; number: string };

  beforeAll(async () => {
    const zhifa = await api.login('zhifa');
    const res = await api.call(zhifa, 'PATCH', `/api/enforcement/bodies/${body}`, BODY_PARTICULARS);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject(BODY_PARTICULARS);
    c = await decidedCase();
  });

  it('keeps the body particulars optional, refuses blank ones and clears one with null', async () => {
    const zhifa = await api.login('zhifa');
    const bad = await api.call(zhifa, 'PATCH', `/api/enforcement/bodies/${body}`, { court: ' ', phone: '' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/body/court', '/body/phone']);
    const cleared = await api.call(zhifa, 'PATCH', `/api/enforcement/bodies/${body}`, { address: null });
    expect(cleared.json()).toMatchObject({ address: null, court: BODY_PARTICULARS.court });
    const back = await api.call(zhifa, 'PATCH', `/api/enforcement/bodies/${body}`, {
      address: BODY_PARTICULARS.address,
    });
    expect(back.json().address).toBe(BODY_PARTICULARS.address);
  });

  it('lists the documents the progress calls for, each ready or with its missing fields', async () => {
    const res = await docs(officer, c.id);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json().documents as { code: string; status: string; missing: { field: string }[] }[];
    expect(list.map((d) => d.code)).toContain('penalty-decision');
    expect(list.map((d) => d.code)).not.toContain('delivery-receipt');
    const decision = list.find((d) => d.code === 'penalty-decision')!;
    // the body's registry entry supplies the court, the review authority and the payment method
    expect(decision).toMatchObject({ status: 'incomplete', suppliedByExporter: [] });
    expect(decision.missing.map((m) => m.field).sort()).toEqual([
      'decision.statementHandling',
      'decision.violatedProvision',
    ]);
    const filled = (await docs(officer, c.id, STATEMENT)).json().documents;
    expect(filled.find((d: { code: string }) => d.code === 'penalty-decision')).toMatchObject({
      status: 'ready',
      missing: [],
      suppliedByExporter: ['decision.statementHandling', 'decision.violatedProvision'],
    });
  });

  it('generates the decision DOCX from the body particulars; lists what is missing; 404 when not called for', async () => {
    const missing = await docx(officer, c.id, 'penalty-decision');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('ENFORCEMENT.DOCUMENT_INCOMPLETE');
    expect(
      missing
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/decision/statementHandling', '/decision/violatedProvision']);

    const res = await docx(officer, c.id, 'penalty-decision', STATEMENT);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const xml = readZip(res.rawPayload).get('word/document.xml')!.toString('utf8');
    expect(xml).toContain(BODY_PARTICULARS.court);
    expect(xml).toContain(BODY_PARTICULARS.reviewAuthority);
    expect(xml).toContain(BODY_PARTICULARS.paymentMethod);
    expect(xml).toContain('示市监处罚〔2026〕201号');

    // a query value still overrides the registry's
    const over = await docx(officer, c.id, 'penalty-decision', `${STATEMENT}&court=示范区中级人民法院`);
    const overXml = readZip(over.rawPayload).get('word/document.xml')!.toString('utf8');
    expect(overXml).toContain('示范区中级人民法院');
    expect(overXml).not.toContain(BODY_PARTICULARS.court);

    const receipt = await docx(officer, c.id, 'delivery-receipt');
    expect(receipt.statusCode).toBe(404);
    expect(receipt.json().code).toBe('ENFORCEMENT.DOCUMENT_NOT_APPLICABLE');
    expect((await docx(officer, c.id, 'no-such')).statusCode).toBe(404);
  });

  it('renders with the tenant template in force, in the DOCX and in the case file', async () => {
    const admin = await api.login('admin');
    const view = (await api.call(admin, 'GET', '/api/documents/templates/penalty-decision')).json();
    const saved = await api.call(admin, 'PUT', '/api/documents/templates/penalty-decision', {
      ...view.edit,
      title: '行政处罚决定书（本区格式）',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const xml = readZip((await docx(officer, c.id, 'penalty-decision', STATEMENT)).rawPayload)
      .get('word/document.xml')!
      .toString('utf8');
    expect(xml).toContain('行政处罚决定书（本区格式）');
    const { files, manifest } = open(await exportFile(officer, c.id, STATEMENT));
    const decision = manifest.documents.find((d) => d.template === 'penalty-decision')!;
    expect(decision).toMatchObject({ status: 'generated' });
    expect(decision.suppliedByExporter).toEqual(['decision.statementHandling', 'decision.violatedProvision']);
    const zipped = readZip(files.get(decision.file!)!).get('word/document.xml')!.toString('utf8');
    expect(zipped).toContain('行政处罚决定书（本区格式）');
    expect(zipped).toContain(BODY_PARTICULARS.court);
    expect(
      (await api.call(admin, 'POST', '/api/documents/templates/penalty-decision/reset')).statusCode,
    ).toBe(200);
  });

  it('answers 401 anonymous, 403 without case access, 404 to another team', async () => {
    expect((await docs(null, c.id)).statusCode).toBe(401);
    expect((await docx(null, c.id, 'penalty-decision')).statusCode).toBe(401);
    const staff = await api.login('staff');
    expect((await docs(staff, c.id)).statusCode).toBe(403);
    expect((await docx(staff, c.id, 'penalty-decision')).statusCode).toBe(403);
    expect((await docs(stranger, c.id)).statusCode).toBe(404);
    expect((await docx(stranger, c.id, 'penalty-decision', STATEMENT)).statusCode).toBe(404);
    expect((await docs(officer, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});
