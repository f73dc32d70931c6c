import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps } from '../../../test/support/db.ts';
import { queryRows } from '../../kernel/db/index.ts';
import { logEntries } from '../log/index.ts';
import { documentTemplates } from './documents.tables.ts';
import { editOf } from './template-edit.ts';
import { effectiveTemplate } from './template-store.ts';
import { penaltyPriorNotice, seedTemplates } from './templates/index.ts';
import { readZip } from './zip.ts';

/** 文书模板: list, edit (every save a version), problems listed and nothing stored, preview, history, reset. */
let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let admin: Session;
let officer: Session;
let staff: Session;

const T = '500113';
const root = '/api/documents/templates';

beforeAll(async () => {
  deps = await openTestDeps('2026-09-25T10:00:00+08:00');
  api = await testApi(deps);
  admin = await api.login('admin');
  officer = await api.login('officer');
  staff = await api.login('staff');
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

const countLog = async (kind: string) =>
  (await deps.db.select({ n: count() }).from(logEntries).where(eq(logEntries.kind, kind)))[0]!.n;
const storedVersions = async (code: string) =>
  (await deps.db.select({ n: count() }).from(documentTemplates).where(eq(documentTemplates.code, code)))[0]!
    .n;
async function lastLog(kind: string) {
  const [row] = await queryRows<{ body: string }>(
    deps.db,
    sql`select body from log_entries where kind = ${kind} order by created_at desc, id desc limit 1`,
  );
  return JSON.parse(row!.body);
}
const docText = (raw: Buffer) => readZip(raw).get('word/document.xml')!.toString('utf8');

/** The prior notice edited: another title, without the telephone line. */
const edited = () => {
  const e = editOf(penaltyPriorNotice);
  return {
    ...e,
    title: '行政处罚事先告知书（示范区版）',
    body: e.body.map((b) =>
      b.type === 'paragraph' && b.text.includes('{{agency.phone}}')
        ? { ...b, text: '联系人：{{officer.names}}' }
        : b,
    ),
  };
};

describe('文书模板', () => {
  it('answers 401 without a session, 403 without the permission, 404 for an unknown template', async () => {
    expect((await api.call(null, 'GET', root)).statusCode).toBe(401);
    expect((await api.call(staff, 'GET', root)).statusCode).toBe(403);
    const put = await api.call(officer, 'PUT', `${root}/penalty-prior-notice`, edited());
    expect(put.statusCode).toBe(403);
    expect((await api.call(officer, 'POST', `${root}/penalty-prior-notice/reset`)).statusCode).toBe(403);
    expect((await api.call(admin, 'GET', `${root}/no-such`)).statusCode).toBe(404);
    expect((await api.call(admin, 'PUT', `${root}/no-such`, edited())).statusCode).toBe(404);
    expect((await api.call(admin, 'GET', `${root}/no-such/versions`)).statusCode).toBe(404);
    const version = await api.call(admin, 'GET', `${root}/penalty-prior-notice/preview.docx?version=9`);
    expect(version.statusCode).toBe(404);
    expect(version.json().code).toBe('DOCUMENTS.TEMPLATE_VERSION_NOT_FOUND');
  });

  it('lists the seed templates and shows one with its placeholders and their meanings', async () => {
    const list = await api.call(officer, 'GET', root);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((t: { code: string }) => t.code)).toEqual(Object.keys(seedTemplates));
    expect(list.json()[0]).toMatchObject({ source: 'seed', version: null, updatedBy: null });
    const one = await api.call(officer, 'GET', `${root}/penalty-decision`);
    expect(one.statusCode).toBe(200);
    const view = one.json();
    expect(view).toMatchObject({ code: 'penalty-decision', name: '行政处罚决定书', source: 'seed' });
    expect(view.placeholders).toContainEqual({
      path: 'decision.court',
      meaning: '管辖法院，如 示范区人民法院',
      used: true,
    });
    expect(view.filters).toContain('金额');
    expect(view.edit.title).toBe('行政处罚决定书');
  });

  it('refuses a bad template listing every problem, and stores nothing', async () => {
    const logged = await countLog('documents.template.saved');
    const bad = edited();
    bad.title = ' ';
    bad.body = [
      { type: 'paragraph', text: '当事人电话：{{party.phone}}' },
      { type: 'paragraph', text: '{{foo.bar}}与{{case.cause' },
      { type: 'paragraph', text: '{{case.number|大写}}' },
      { type: 'list', items: [] },
    ];
    const res = await api.call(admin, 'PUT', `${root}/penalty-prior-notice`, bad);
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem.code).toBe('DOCUMENTS.TEMPLATE_INVALID');
    const pointers = problem.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining([
        '/body/title',
        '/body/body/0/text',
        '/body/body/1/text',
        '/body/body/2/text',
        '/body/body/3/items',
      ]),
    );
    const unknown = problem.errors.find((e: { pointer: string }) => e.pointer === '/body/body/0/text');
    expect(unknown.detail).toContain('{{party.phone}}');
    expect(problem.errors.length).toBeGreaterThanOrEqual(6);
    expect(await storedVersions('penalty-prior-notice')).toBe(0);
    expect(await countLog('documents.template.saved')).toBe(logged);

    // the same problems for an unsaved draft's preview
    const preview = await api.call(officer, 'POST', `${root}/penalty-prior-notice/preview.docx`, bad);
    expect(preview.statusCode).toBe(400);
    expect(preview.json().errors).toEqual(problem.errors);
  });

  it('saves each edit as a new version in force, logged; previews and lists the history; resets to the seed', async () => {
    const code = 'penalty-prior-notice';
    const saved = await api.call(admin, 'PUT', `${root}/${code}`, { ...edited(), note: '本区格式' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ source: 'custom', version: 1, updatedBy: `${T}/admin` });
    expect(saved.json().placeholders.find((p: { path: string }) => p.path === 'agency.phone')).toMatchObject({
      used: false,
    });
    const entry = await lastLog('documents.template.saved');
    expect(entry).toMatchObject({
      actor: { username: 'admin' },
      subject: { type: 'document-template', id: code },
      before: { version: null, source: 'seed' },
      after: { version: 1, source: 'custom' },
      data: { changed: ['title', 'body'], note: '本区格式' },
    });
    const inForce = await effectiveTemplate(deps.db, T, code);
    expect(inForce.title).toBe('行政处罚事先告知书（示范区版）');
    expect(inForce.placeholders).not.toHaveProperty('agency.phone');

    const second = { ...edited(), copyTo: '示范区司法局' };
    const v2 = await api.call(admin, 'PUT', `${root}/${code}`, second);
    expect(v2.json()).toMatchObject({ version: 2, source: 'custom' });

    const list = (await api.call(officer, 'GET', root)).json();
    expect(list.find((t: { code: string }) => t.code === code)).toMatchObject({
      source: 'custom',
      version: 2,
    });

    // preview: the template in force, a stored version, an unsaved draft, each with the sample data
    const current = await api.call(officer, 'GET', `${root}/${code}/preview.docx`);
    expect(current.statusCode).toBe(200);
    expect(current.headers['content-type']).toContain('wordprocessingml');
    expect(docText(current.rawPayload)).toContain('行政处罚事先告知书（示范区版）');
    expect(docText(current.rawPayload)).toContain('示范区司法局');
    expect(docText(current.rawPayload)).not.toContain('0000-12345678');
    const first = await api.call(officer, 'GET', `${root}/${code}/preview.docx?version=1`);
    expect(docText(first.rawPayload)).not.toContain('示范区司法局');
    const draft = await api.call(officer, 'POST', `${root}/${code}/preview.docx`, {
      ...edited(),
      title: '草稿标题',
    });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(docText(draft.rawPayload)).toContain('草稿标题');
    expect(docText(draft.rawPayload)).toContain('SFQ-SJ-2026-0012');
    expect(await storedVersions(code)).toBe(2);

    // reset: the seed again, as version 3; resetting again is refused
    const reset = await api.call(admin, 'POST', `${root}/${code}/reset`);
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json()).toMatchObject({ source: 'seed', version: 3, edit: { title: '行政处罚事先告知书' } });
    expect(await effectiveTemplate(deps.db, T, code)).toEqual(penaltyPriorNotice);
    expect(await lastLog('documents.template.reset')).toMatchObject({
      before: { version: 2, source: 'custom' },
      after: { version: 3, source: 'seed' },
    });
    const again = await api.call(admin, 'POST', `${root}/${code}/reset`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('DOCUMENTS.TEMPLATE_ALREADY_SEED');

    const history = await api.call(officer, 'GET', `${root}/${code}/versions`);
    expect(history.statusCode).toBe(200);
    expect(history.json().map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [3, 'seed'],
      [2, 'active'],
      [1, 'active'],
    ]);
    expect(history.json()[2]).toMatchObject({
      note: '本区格式',
      template: { title: '行政处罚事先告知书（示范区版）' },
    });
  });
});
