import { count, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps } from '../../../test/support/db.ts';
import { queryRows } from '../../kernel/db/index.ts';
import { DomainError } from '../../kernel/errors.ts';
import { logEntries } from '../log/index.ts';
import { type CalendarLoader, loadCalendarYear } from './calendar.load.ts';
import { ensureCalendarSeeded, listCalendarYears, loadCalendar } from './calendar.service.ts';
import { calendarYears } from './calendar.tables.ts';
import type { CalendarYear } from './calendar-year.ts';
import { parseHolidayNotice } from './holiday-notice-parser.ts';
import { brokenNotice2027, testNotice2027 } from './notice-2027.fixture.ts';
import { isYearUnknownError } from './work-calendar.ts';

let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let admin: Session;
let officer: Session;

beforeAll(async () => {
  deps = await openTestDeps();
  api = await testApi(deps);
  admin = await api.login('admin');
  officer = await api.login('officer');
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

const countLog = async (kind = 'calendar.year.loaded') =>
  (await deps.db.select({ n: count() }).from(logEntries).where(eq(logEntries.kind, kind)))[0]!.n;
const storedYears = async () => (await listCalendarYears(deps.db)).map((y) => y.year);
const storedData = async (year: number) =>
  (await deps.db.select().from(calendarYears).where(eq(calendarYears.year, year)))[0]?.data;
async function logBody(id: string) {
  const [row] = await queryRows<{ body: string }>(
    deps.db,
    sql`select body from log_entries where id = ${id}`,
  );
  return JSON.parse(row!.body);
}
const miniYear = (year: number, extra: Partial<CalendarYear> = {}): CalendarYear => ({
  year,
  source: `测试数据${year}`,
  holidays: [{ date: `${year}-01-01`, name: '元旦' }],
  makeupWorkdays: [],
  ...extra,
});
const cliLoader = (tenantId: string): CalendarLoader => ({
  tenantId,
  actor: null,
  loadedBy: `${tenantId}/cli`,
  requestId: null,
  now: deps.clock.now(),
  via: 'cli',
});

describe('seed and cache', () => {
  it('holds the seed years 2020–2026; seeding again inserts nothing', async () => {
    const years = await listCalendarYears(deps.db);
    expect(years.map((y) => y.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(years.every((y) => y.loadedBy === 'seed')).toBe(true);
    expect(years.find((y) => y.year === 2025)).toMatchObject({ holidays: 28, makeupWorkdays: 5 });
    expect(await ensureCalendarSeeded(deps.db)).toEqual([]);
  });

  it('refuses an unloaded year, caches, and sees another node’s change once it re-checks', async () => {
    const first = await loadCalendar(deps.db);
    expect(await loadCalendar(deps.db)).toBe(first);
    expect(first.isWorkday('2026-10-08')).toBe(true);
    try {
      first.isWorkday('2027-01-04');
      expect.unreachable();
    } catch (e) {
      expect(isYearUnknownError(e)).toBe(true);
    }
    // Another node inserts 2031 (no in-process invalidation here).
    const y = miniYear(2031);
    await deps.db
      .insert(calendarYears)
      .values({ year: 2031, source: y.source, data: y, loadedAt: deps.clock.now(), loadedBy: 'other-node' });
    expect((await loadCalendar(deps.db, { maxAgeMs: 60_000 })).hasYear(2031)).toBe(false);
    const later = await loadCalendar(deps.db, { maxAgeMs: 0 });
    expect(later.hasYear(2031)).toBe(true);
    expect(later.isWorkday('2031-01-01')).toBe(false);
    // Removed again: the same contents as before give the same calendar.
    await deps.db.delete(calendarYears).where(eq(calendarYears.year, 2031));
    expect(await loadCalendar(deps.db, { maxAgeMs: 0 })).toBe(first);
  });

  it('sees uncommitted changes inside a transaction, and nothing of a rolled-back one', async () => {
    await expect(
      deps.db.transaction(async (tx) => {
        const y = miniYear(2032);
        await tx
          .insert(calendarYears)
          .values({ year: 2032, source: y.source, data: y, loadedAt: deps.clock.now(), loadedBy: 'tx' });
        expect((await loadCalendar(tx)).hasYear(2032)).toBe(true);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await loadCalendar(deps.db, { maxAgeMs: 0 })).hasYear(2032)).toBe(false);
  });
});

describe('loading a year', () => {
  it('refuses a notice with errors, listing every one, and stores nothing', async () => {
    const before = await countLog();
    const res = await api.call(admin, 'POST', '/api/calendar/years', { notice: brokenNotice2027 });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('CALENDAR.LOAD_INVALID');
    expect(res.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/body/notice/lines/4',
      '/body/notice/lines/6',
      '/body/notice/lines/7',
    ]);
    expect(
      res
        .json()
        .errors.map((e: { detail: string }) => e.detail)
        .join('\n'),
    ).toContain('实为周五');
    const preview = await api.call(admin, 'POST', '/api/calendar/years/preview', {
      notice: brokenNotice2027,
    });
    expect(preview.json().errors).toHaveLength(3);
    expect(await storedYears()).not.toContain(2027);
    expect(await countLog()).toBe(before);
  });

  it('asks for exactly one input, and lists problems of rows together with a missing source', async () => {
    const both = await api.call(admin, 'POST', '/api/calendar/years', {
      notice: testNotice2027,
      year: miniYear(2027),
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().errors[0].pointer).toBe('/body');
    const none = await api.call(admin, 'POST', '/api/calendar/years', { replace: true });
    expect(none.json().errors[0].detail).toContain('之一');
    const rows = await api.call(admin, 'POST', '/api/calendar/years', {
      rows: [
        { date: '2027-01-01', type: '休', name: '元旦' },
        { date: '2027-01-05', type: '班', name: '元旦' },
        { date: '2027-02-30', type: '放', name: '' },
      ],
    });
    expect(rows.statusCode).toBe(400);
    expect(rows.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/body/source',
      '/body/rows/1/date',
      '/body/rows/2/date',
      '/body/rows/2/type',
      '/body/rows/2/name',
    ]);
    expect(await storedYears()).not.toContain(2027);
  });

  it('previews, then loads the 2027 notice: stored, logged, and seen by the next question at once', async () => {
    const logged = await countLog();
    const preview = await api.call(admin, 'POST', '/api/calendar/years/preview', { notice: testNotice2027 });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({
      year: 2027,
      source: '国办发明电〔2026〕99号',
      input: 'notice',
      current: null,
      diff: null,
      unchanged: false,
    });
    expect(preview.json().workdays + preview.json().restDays).toBe(365);
    expect(await storedYears()).not.toContain(2027);
    expect(await countLog()).toBe(logged);
    // The cache has been warmed without 2027.
    expect((await api.call(officer, 'GET', '/api/calendar/check?date=2027-02-05')).statusCode).toBe(409);

    const res = await api.call(admin, 'POST', '/api/calendar/years', { notice: testNotice2027 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ action: 'created', year: 2027 });
    expect(await countLog()).toBe(logged + 1);
    const entry = await logBody(res.json().logEntryId);
    expect(entry).toMatchObject({
      kind: 'calendar.year.loaded',
      tenant: '500113',
      actor: { username: 'admin' },
      subject: { type: 'calendar-year', id: '2027' },
      before: null,
      data: { year: 2027, source: '国办发明电〔2026〕99号', via: 'api', input: 'notice', replaced: false },
    });
    expect(entry.after.holidays).toHaveLength(28);
    expect(entry.after.makeupWorkdays.map((d: { date: string }) => d.date)).toContain('2027-01-31');
    expect(entry.attachments['notice.txt']).toMatch(/^[0-9a-f]{64}$/);

    const check = await api.call(officer, 'GET', '/api/calendar/check?date=2027-02-05');
    expect(check.statusCode).toBe(200);
    expect(check.json()).toMatchObject({ kind: 'holiday', workday: false, weekdayName: '星期五' });
    expect(check.json().text).toBe('2027-02-05 星期五 休息日（春节，国办发明电〔2026〕99号）');
    const add = await api.call(officer, 'GET', '/api/calendar/add?date=2027-01-29&amount=5&unit=workday');
    expect(add.json()).toMatchObject({ result: '2027-02-04', roll: false });
    const days = await api.call(officer, 'GET', '/api/calendar/add?date=2027-01-21&amount=15&unit=day');
    expect(days.json()).toMatchObject({ unrolled: '2027-02-05', result: '2027-02-15', roll: true });
    const noRoll = await api.call(
      officer,
      'GET',
      '/api/calendar/add?date=2027-01-21&amount=15&unit=day&roll=false',
    );
    expect(noRoll.json().result).toBe('2027-02-05');
    const month = await api.call(officer, 'GET', '/api/calendar/add?date=2026-12-31&amount=2&unit=month');
    expect(month.json()).toMatchObject({ unrolled: '2027-02-28', result: '2027-03-01' });

    const years = await api.call(officer, 'GET', '/api/calendar/years');
    expect(years.json().find((y: { year: number }) => y.year === 2027)).toMatchObject({
      loadedBy: '500113/admin',
      holidays: 28,
      makeupWorkdays: 6,
    });
    const detail = await api.call(officer, 'GET', '/api/calendar/years/2027');
    expect(detail.json().holidayDays).toHaveLength(28);
    expect(detail.json().workdays + detail.json().restDays).toBe(365);
  });

  it('replaces a loaded year only with replace: true, showing the difference first', async () => {
    const revised = testNotice2027
      .replace('国办发明电〔2026〕99号', '国办发明电〔2026〕100号')
      .replace('9月26日（周日）、10月9日（周六）上班', '9月26日（周日）上班');
    const logged = await countLog();
    const refused = await api.call(admin, 'POST', '/api/calendar/years', { notice: revised });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('CALENDAR.YEAR_EXISTS');
    expect(refused.json().errors.map((e: { detail: string }) => e.detail)).toEqual([
      '来源：“国办发明电〔2026〕99号”改为“国办发明电〔2026〕100号”',
      '2027-10-09（周六）：取消调休上班（国庆节），恢复为平常休息日',
    ]);
    const preview = await api.call(admin, 'POST', '/api/calendar/years/preview', { notice: revised });
    expect(preview.json().current).toMatchObject({
      source: '国办发明电〔2026〕99号',
      loadedBy: '500113/admin',
    });
    expect(preview.json().diff.changes).toEqual([
      { date: '2027-10-09', before: { kind: 'makeup-workday', name: '国庆节' }, after: null },
    ]);
    expect((await storedData(2027))?.source).toBe('国办发明电〔2026〕99号');
    expect(await countLog()).toBe(logged);

    const replaced = await api.call(admin, 'POST', '/api/calendar/years', { notice: revised, replace: true });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().action).toBe('replaced');
    const entry = await logBody(replaced.json().logEntryId);
    expect(entry.before.source).toBe('国办发明电〔2026〕99号');
    expect(entry.after.source).toBe('国办发明电〔2026〕100号');
    expect(entry.data.replaced).toBe(true);
    expect(entry.data.changes).toHaveLength(2);
    const check = await api.call(officer, 'GET', '/api/calendar/check?date=2027-10-09');
    expect(check.json().kind).toBe('weekend');

    // The same arrangement again changes nothing and writes nothing.
    const again = await api.call(admin, 'POST', '/api/calendar/years', { notice: revised });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ action: 'unchanged', logEntryId: null, unchanged: true });
    expect(await countLog()).toBe(logged + 1);
  });

  it('writes the log entry in the same transaction: when it fails, the year is not stored', async () => {
    const broken = cliLoader('x'.repeat(20)); // tenant_id is varchar(12): the log insert fails
    await expect(loadCalendarYear(deps.db, broken, { year: miniYear(2028) })).rejects.toThrow();
    expect(await storedYears()).not.toContain(2028);
    const ok = await loadCalendarYear(deps.db, cliLoader('500113'), { year: miniYear(2028) });
    expect(ok.action).toBe('created');
    expect((await logBody(ok.logEntryId!)).actor).toEqual({ system: true });
    expect((await loadCalendar(deps.db)).isWorkday('2028-01-03')).toBe(true);
  });

  it('refuses a year that contradicts a loaded neighbour on a shared date', async () => {
    await loadCalendarYear(deps.db, cliLoader('500113'), {
      year: miniYear(2030, { makeupWorkdays: [{ date: '2030-12-28', name: '元旦' }] }),
    });
    try {
      await loadCalendarYear(deps.db, cliLoader('500113'), {
        year: miniYear(2031, { holidays: [{ date: '2030-12-28', name: '元旦' }] }),
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).errors[0]?.detail).toBe(
        '2030-12-28 在已载入的2030年放假安排中是调休上班日，本次导入为放假日，两者矛盾',
      );
    }
    expect(await storedYears()).not.toContain(2031);
  });

  it('imports an Excel sheet (year from its dates) and reports a bad CSV by spreadsheet row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('2029年');
    ws.addRow(['2029年放假安排']);
    ws.addRow(['日期', '类型', '名称']);
    ws.addRow([new Date(Date.UTC(2029, 0, 1)), '休', '元旦']);
    ws.addRow(['2029-02-03', '班', '春节']);
    const contentBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const body = { filename: '2029年放假安排.xlsx', contentBase64, source: '测试文件' };
    const preview = await api.call(admin, 'POST', '/api/calendar/import', { ...body, preview: true });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ action: 'preview', year: 2029, input: 'rows', logEntryId: null });
    expect(await storedYears()).not.toContain(2029);
    const loaded = await api.call(admin, 'POST', '/api/calendar/import', body);
    expect(loaded.statusCode).toBe(201);
    const entry = await logBody(loaded.json().logEntryId);
    expect(Object.keys(entry.attachments)).toEqual(['2029年放假安排.xlsx']);
    expect((await api.call(officer, 'GET', '/api/calendar/check?date=2029-02-03')).json().kind).toBe(
      'makeup-workday',
    );

    const csv = '日期,类型,名称\n2033-01-01,休,元旦\n2033-01-04,班,元旦\n2033-01-02,X,元旦\n';
    const bad = await api.call(admin, 'POST', '/api/calendar/import', {
      filename: 'bad.csv',
      contentBase64: Buffer.from(csv).toString('base64'),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { pointer: '/file/source', detail: '请填写放假安排的来源（如国务院办公厅通知文号）' },
      { pointer: '/file/rows/1/date', detail: '第3行：调休上班日 2033-01-04 是周二，应为周六或周日' },
      { pointer: '/file/rows/2/type', detail: '第4行：类型应为“休”（放假）或“班”（调休上班），实为“X”' },
    ]);
  });
});

describe('access and input checks of every calendar endpoint', () => {
  const reads = [
    '/api/calendar/years',
    '/api/calendar/years/2026',
    '/api/calendar/check?date=2026-01-01',
    '/api/calendar/add?date=2026-01-01&amount=1&unit=workday',
  ];
  const writes = ['/api/calendar/years/preview', '/api/calendar/years', '/api/calendar/import'];

  it('answers 401 without a session, 403 to an official without calendar.manage', async () => {
    for (const url of reads) {
      expect((await api.call(null, 'GET', url)).statusCode, url).toBe(401);
      expect((await api.call(officer, 'GET', url)).statusCode, url).toBe(200);
    }
    for (const url of writes) {
      expect((await api.call(null, 'POST', url, { notice: testNotice2027 })).statusCode, url).toBe(401);
      const res = await api.call(officer, 'POST', url, { notice: testNotice2027 });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code).toBe('AUTH.FORBIDDEN');
    }
  });

  it('answers 400 with every problem, 404 for an unloaded year, 409 for a date in one', async () => {
    const bad = async (url: string) => {
      const res = await api.call(officer, 'GET', url);
      expect(res.statusCode, url).toBe(400);
      return res.json();
    };
    expect((await bad('/api/calendar/check')).errors[0].pointer).toBe('/query/date');
    expect((await bad('/api/calendar/check?date=2026-02-30')).code).toBe('CALENDAR.DATE_INVALID');
    expect(
      (await bad('/api/calendar/add?date=26-1-1&amount=-1&unit=week&roll=maybe')).errors.map(
        (e: { pointer: string }) => e.pointer,
      ),
    ).toEqual(['/query/date', '/query/amount', '/query/unit', '/query/roll']);
    expect((await bad('/api/calendar/years/abc')).errors[0].pointer).toBe('/params/year');
    expect((await bad('/api/calendar/years/1900')).code).toBe('REQUEST.INVALID');
    expect((await api.call(officer, 'GET', '/api/calendar/years/2099')).statusCode).toBe(404);
    const unknown = await api.call(officer, 'GET', '/api/calendar/check?date=2099-06-01');
    expect(unknown.statusCode).toBe(409);
    expect(unknown.json().code).toBe('CALENDAR.YEAR_UNKNOWN');

    const post = async (url: string, body: unknown) => {
      const res = await api.call(admin, 'POST', url, body);
      expect(res.statusCode, url).toBe(400);
      return res.json();
    };
    expect((await post('/api/calendar/years', { notice: 1, extra: true })).errors).toHaveLength(2);
    expect((await post('/api/calendar/years/preview', {})).errors[0].pointer).toBe('/body');
    expect((await post('/api/calendar/import', { filename: 'a.xlsx', contentBase64: '%%%' })).code).toBe(
      'REQUEST.INVALID',
    );
    expect(
      (await post('/api/calendar/import', { filename: 'a.xls', contentBase64: 'AAAA' })).errors[0],
    ).toEqual({
      pointer: '/file',
      detail: '不支持旧版 Excel 97-2003（.xls）文件，请在 Excel 中另存为 .xlsx 或 .csv 后上传',
    });
  });

  it('the loaded notices parse back to what is stored (sanity of the fixture)', () => {
    expect(parseHolidayNotice(testNotice2027).problems).toEqual([]);
  });
});
