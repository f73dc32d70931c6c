import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps } from '../../../test/support/db.ts';
import { queryRows } from '../../kernel/db/index.ts';

/**
 * 法律顾问 through the API on a pinned clock (2026-11-10), over the demo district's advisers (scale 0.1): the roster
 * (phone masked for readers), assignments (expired 执业证, end before start, unknown unit, overlap: every problem
 * listed, nothing stored), coverage with its gaps, work items and meetings within the units' scope, voiding,
 * statistics that drill down to exactly their items, the Excel exports; 401/403/404 on every endpoint.
 */
let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let justice: Session;
let leader: Session;
let unitadmin: Session;
let staff: Session;
let market: string;
let marketTeam: string;
let root: string;
let justiceUnit: string;
let governmentAdviser: string;
const MISSING = '00000000-0000-4000-8000-000000000000';

const count = async (table: string) =>
  Number((await queryRows<{ n: number }>(deps.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n);
const logCount = () => count('log_entries');
const pointers = (res: { json: () => { errors?: { pointer: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.pointer).sort();

const adviserBody = (over: Record<string, unknown> = {}) => ({
  name: '林知远',
  kind: 'external',
  organisation: '重庆测试律师事务所',
  licenceNo: '15001202610000001',
  licenceValidFrom: '2024-01-01',
  licenceValidTo: '2028-12-31',
  phone: '13812345678',
  expertise: '行政法',
  ...over,
});

beforeAll(async () => {
  deps = await openTestDeps('2026-11-10T10:00:00+08:00');
  api = await testApi(deps);
  const one = async (q: ReturnType<typeof sql>) => (await queryRows<{ v: string }>(deps.db, q))[0]!.v;
  market = await one(sql`select id as v from units where name = '区市场监督管理局'`);
  marketTeam = await one(sql`select id as v from units where name = '区市场监管综合行政执法支队'`);
  root = await one(sql`select id as v from units where kind = 'government'`);
  justiceUnit = await one(sql`select id as v from units where name = '区司法局'`);
  governmentAdviser = await one(
    sql`select a.id as v from advisers a join adviser_assignments s on s.adviser_id = a.id and s.unit_id = ${root}
      where a.kind = 'external' order by a.licence_no limit 1`,
  );
  justice = await api.login('justice');
  leader = await api.login('leader');
  unitadmin = await api.login('unitadmin');
  staff = await api.login('staff');
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

describe('advisers: access', () => {
  it('401 without a session, 403 without the permission, 404 for what does not exist or is out of scope', async () => {
    const gets = [
      '/api/advisers/roster',
      `/api/advisers/roster/${MISSING}`,
      '/api/advisers/roster/export.xlsx',
      '/api/advisers/coverage',
      '/api/advisers/work-items',
      `/api/advisers/work-items/${MISSING}`,
      '/api/advisers/work-items/export.xlsx',
      '/api/advisers/meetings',
      '/api/advisers/stats?year=2026',
    ];
    for (const url of gets) {
      expect((await api.call(null, 'GET', url)).statusCode, url).toBe(401);
      expect((await api.call(staff, 'GET', url)).statusCode, url).toBe(403);
    }
    const posts: [string, string][] = [
      ['POST', '/api/advisers/roster'],
      ['PATCH', `/api/advisers/roster/${MISSING}`],
      ['POST', `/api/advisers/roster/${MISSING}/assignments`],
      ['POST', `/api/advisers/assignments/${MISSING}/end`],
      ['POST', '/api/advisers/work-items'],
      ['POST', `/api/advisers/work-items/${MISSING}/void`],
      ['POST', '/api/advisers/meetings'],
      ['POST', '/api/advisers/roster/import'],
      ['POST', '/api/advisers/work-items/import'],
    ];
    for (const [method, url] of posts) {
      expect((await api.call(null, method, url, {})).statusCode, url).toBe(401);
      expect((await api.call(staff, method, url, {})).statusCode, url).toBe(403);
    }
    // readers may not manage the roster
    expect((await api.call(leader, 'POST', '/api/advisers/roster', adviserBody())).statusCode).toBe(403);
    expect((await api.call(unitadmin, 'POST', '/api/advisers/roster', adviserBody())).statusCode).toBe(403);
    expect((await api.call(leader, 'POST', '/api/advisers/work-items', {})).statusCode).toBe(403);
    for (const url of [`/api/advisers/roster/${MISSING}`, `/api/advisers/work-items/${MISSING}`])
      expect((await api.call(justice, 'GET', url)).statusCode, url).toBe(404);
    expect(
      (await api.call(justice, 'PATCH', `/api/advisers/roster/${MISSING}`, { name: '某' })).statusCode,
    ).toBe(404);
    expect(
      (await api.call(justice, 'POST', `/api/advisers/assignments/${MISSING}/end`, { validTo: '2026-11-01' }))
        .statusCode,
    ).toBe(404);
    // a unit administrator does not see the government's advisers
    expect((await api.call(unitadmin, 'GET', `/api/advisers/roster/${governmentAdviser}`)).statusCode).toBe(
      404,
    );
    expect((await api.call(justice, 'GET', `/api/advisers/roster/${governmentAdviser}`)).statusCode).toBe(
      200,
    );
  });
});

describe('advisers: roster and assignments', () => {
  let adviserId: string;

  it('refuses bad input listing every problem, and stores nothing', async () => {
    const before = [await count('advisers'), await logCount()];
    const shape = await api.call(
      justice,
      'POST',
      '/api/advisers/roster',
      adviserBody({ name: '', kind: 'friend', licenceNo: '1', licenceValidTo: '2028-13-01', phone: '12345' }),
    );
    expect(shape.statusCode).toBe(400);
    expect(shape.headers['content-type']).toContain('application/problem+json');
    expect(pointers(shape)).toEqual(
      ['/body/kind', '/body/licenceNo', '/body/licenceValidTo', '/body/name', '/body/phone'].sort(),
    );
    const existing = (
      await queryRows<{ v: string }>(deps.db, sql`select licence_no as v from advisers limit 1`)
    )[0]!.v;
    const rules = await api.call(
      justice,
      'POST',
      '/api/advisers/roster',
      adviserBody({ kind: 'public', licenceNo: existing, licenceValidFrom: '2029-01-01' }),
    );
    expect(rules.statusCode).toBe(400);
    expect(pointers(rules)).toEqual(['/body/homeUnitId', '/body/licenceNo', '/body/licenceValidTo']);
    expect(
      rules.json().errors.find((e: { pointer: string }) => e.pointer === '/body/homeUnitId').detail,
    ).toContain('公职律师须填写所在单位');
    expect([await count('advisers'), await logCount()]).toEqual(before);
  });

  it('adds an adviser: the manager sees the phone, a reader sees it masked, the log holds only its hash', async () => {
    const before = await logCount();
    const res = await api.call(justice, 'POST', '/api/advisers/roster', adviserBody());
    expect(res.statusCode).toBe(201);
    const a = res.json();
    adviserId = a.id;
    expect(a).toMatchObject({
      kindLabel: '政府法律顾问',
      phone: '13812345678',
      canManage: true,
      licenceExpired: false,
    });
    expect(await logCount()).toBe(before + 1);
    const [entry] = await queryRows<{ body: string }>(
      deps.db,
      sql`select body from log_entries where subject_id = ${adviserId}`,
    );
    expect(entry!.body).toContain('advisers.adviser.created');
    expect(entry!.body).not.toContain('13812345678');
    const seen = await api.call(leader, 'GET', `/api/advisers/roster?q=${encodeURIComponent('林知远')}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().items[0]).toMatchObject({ id: adviserId, phone: '138****5678', canManage: false });
    const stored = await queryRows<{ p: string }>(
      deps.db,
      sql`select phone_sealed as p from advisers where id = ${adviserId}`,
    );
    expect(stored[0]!.p).not.toContain('1381234');
  });

  it('refuses an assignment with every problem listed: unknown unit, end before start, overlap; expired 执业证', async () => {
    const before = [await count('adviser_assignments'), await logCount()];
    const bad = await api.call(justice, 'POST', `/api/advisers/roster/${adviserId}/assignments`, {
      unitId: MISSING,
      validFrom: '2026-06-01',
      validTo: '2026-05-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(pointers(bad)).toEqual(['/body/unitId', '/body/validTo']);
    // a certificate expired before the period
    const expired = await api.call(justice, 'POST', '/api/advisers/roster', {
      ...adviserBody({
        name: '过期证',
        licenceNo: '15001202610000002',
        licenceValidTo: '2026-06-30',
        phone: null,
      }),
    });
    expect(expired.statusCode).toBe(201);
    const blocked = await api.call(justice, 'POST', `/api/advisers/roster/${expired.json().id}/assignments`, {
      unitId: market,
      validFrom: '2026-11-01',
    });
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json().errors[0]).toMatchObject({ pointer: '/body/validFrom' });
    expect(blocked.json().errors[0].detail).toContain('已于2026-06-30到期');
    expect(await count('adviser_assignments')).toBe(before[0]);
    // a unit administrator may not assign
    const forbidden = await api.call(unitadmin, 'POST', `/api/advisers/roster/${adviserId}/assignments`, {
      unitId: market,
      validFrom: '2026-01-01',
    });
    expect(forbidden.statusCode).toBe(403);
    expect(await count('adviser_assignments')).toBe(before[0]);
  });

  it('assigns to a unit (then an overlap is refused), and ends the assignment', async () => {
    const ok = await api.call(justice, 'POST', `/api/advisers/roster/${adviserId}/assignments`, {
      unitId: market,
      validFrom: '2026-01-01',
      note: '常年法律顾问',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      unitId: market,
      unitName: '区市场监督管理局',
      validTo: null,
      current: true,
    });
    const overlap = await api.call(justice, 'POST', `/api/advisers/roster/${adviserId}/assignments`, {
      unitId: market,
      validFrom: '2026-10-01',
      validTo: '2026-12-31',
    });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().errors[0].detail).toContain('已配备到区市场监督管理局');
    // a second, ended assignment elsewhere
    const second = await api.call(justice, 'POST', `/api/advisers/roster/${adviserId}/assignments`, {
      unitId: justiceUnit,
      validFrom: '2026-02-01',
    });
    expect(second.statusCode).toBe(201);
    const tooEarly = await api.call(justice, 'POST', `/api/advisers/assignments/${second.json().id}/end`, {
      validTo: '2026-01-15',
    });
    expect(tooEarly.statusCode).toBe(400);
    const ended = await api.call(justice, 'POST', `/api/advisers/assignments/${second.json().id}/end`, {
      validTo: '2026-03-31',
    });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ validTo: '2026-03-31', current: false });
    const detail = (await api.call(justice, 'GET', `/api/advisers/roster/${adviserId}`)).json();
    expect(detail.assignments).toHaveLength(2);
    expect(detail.currentUnits).toEqual([{ unitId: market, unitName: '区市场监督管理局' }]);
    // the market bureau's administrator now sees this adviser (through the assignment)
    expect((await api.call(unitadmin, 'GET', `/api/advisers/roster/${adviserId}`)).json()).toMatchObject({
      phone: '138****5678',
      canManage: false,
    });
    // 解聘
    const dismissed = await api.call(justice, 'PATCH', `/api/advisers/roster/${adviserId}`, {
      status: 'inactive',
    });
    expect(dismissed.statusCode).toBe(200);
    expect(dismissed.json().status).toBe('inactive');
    const again = await api.call(justice, 'PATCH', `/api/advisers/roster/${adviserId}`, { status: 'active' });
    expect(again.statusCode).toBe(200);
  });
});

describe('advisers: coverage', () => {
  it('counts every department, town, state-owned company and village by group, and lists the gaps', async () => {
    const res = await api.call(justice, 'GET', '/api/advisers/coverage?on=2026-11-10');
    expect(res.statusCode).toBe(200);
    const c = res.json();
    const [units] = await queryRows<{ n: number }>(
      deps.db,
      sql`select count(*)::int as n from units where kind in ('department','town','street','company','village','community') and status = 'active'`,
    );
    expect(c.total).toBe(units!.n);
    expect(c.groups.map((g: { key: string }) => g.key)).toEqual(['department', 'town', 'company', 'village']);
    for (const g of c.groups) {
      expect(g.total).toBeGreaterThan(0);
      expect(g.gaps).toBeGreaterThan(0); // the demo leaves a gap in every group
      expect(g.covered + g.gaps).toBe(g.total);
    }
    const gaps = c.units.filter((u: { covered: boolean }) => !u.covered);
    expect(gaps.length).toBe(c.total - c.covered);
    const reasons = new Set(gaps.map((u: { gapReason: string }) => u.gapReason));
    expect(reasons).toEqual(new Set(['未配备法律顾问', '配备的法律顾问执业证不在有效期内']));
    // before its expiry, the department with the expired certificate was covered
    const expiredGap = gaps.find((u: { gapReason: string }) => u.gapReason.includes('执业证'));
    const june = (await api.call(justice, 'GET', '/api/advisers/coverage?on=2026-06-30')).json();
    expect(june.units.find((u: { unitId: string }) => u.unitId === expiredGap.unitId).covered).toBe(true);
    // assigning an adviser closes a gap
    const gap = gaps.find(
      (u: { gapReason: string; group: string }) => u.group === 'village' && u.gapReason === '未配备法律顾问',
    );
    const a = await api.call(
      justice,
      'POST',
      '/api/advisers/roster',
      adviserBody({ name: '村居顾问', licenceNo: '15001202610000009' }),
    );
    expect(
      (
        await api.call(justice, 'POST', `/api/advisers/roster/${a.json().id}/assignments`, {
          unitId: gap.unitId,
          validFrom: '2026-11-01',
        })
      ).statusCode,
    ).toBe(201);
    const after = (await api.call(justice, 'GET', '/api/advisers/coverage?on=2026-11-10')).json();
    expect(after.covered).toBe(c.covered + 1);
    expect(after.units.find((u: { unitId: string }) => u.unitId === gap.unitId)).toMatchObject({
      covered: true,
      advisers: ['村居顾问'],
    });
    // a unit administrator counts the units of its own tree only (none of which must have an adviser but itself)
    const mine = (await api.call(unitadmin, 'GET', '/api/advisers/coverage')).json();
    expect(mine.units.map((u: { unitId: string }) => u.unitId)).toEqual([market]);
    expect((await api.call(justice, 'GET', '/api/advisers/coverage?on=2026-13-01')).statusCode).toBe(400);
  });
});

describe('advisers: work items, meetings, statistics', () => {
  let marketAdviser: string;
  let itemId: string;
  beforeAll(async () => {
    marketAdviser = (
      await queryRows<{ v: string }>(
        deps.db,
        sql`select adviser_id as v from adviser_assignments where unit_id = ${market} and valid_to is null limit 1`,
      )
    )[0]!.v;
  });

  const work = (over: Record<string, unknown> = {}) => ({
    adviserId: marketAdviser,
    unitId: market,
    kind: 'contract-review',
    doneOn: '2026-11-09',
    title: '食品安全抽检服务合同审查',
    hours: 2.5,
    outcome: '出具审查意见',
    ...over,
  });

  it('refuses bad input listing every problem, and stores nothing', async () => {
    const before = [await count('adviser_work_items'), await logCount()];
    const shape = await api.call(
      unitadmin,
      'POST',
      '/api/advisers/work-items',
      work({ kind: 'gossip', title: '', hours: -1, doneOn: 'x' }),
    );
    expect(shape.statusCode).toBe(400);
    expect(pointers(shape)).toEqual(['/body/doneOn', '/body/hours', '/body/kind', '/body/title']);
    const rules = await api.call(
      unitadmin,
      'POST',
      '/api/advisers/work-items',
      work({ adviserId: MISSING, doneOn: '2026-12-01', refType: 'decision' }),
    );
    expect(rules.statusCode).toBe(400);
    expect(pointers(rules)).toEqual(['/body/adviserId', '/body/doneOn', '/body/refId']);
    // the government's adviser does not serve the market bureau
    const notServing = await api.call(
      unitadmin,
      'POST',
      '/api/advisers/work-items',
      work({ adviserId: governmentAdviser }),
    );
    expect(notServing.statusCode).toBe(400);
    expect(notServing.json().errors[0].detail).toContain('未配备到区市场监督管理局');
    // a unit records only its own (and its subordinate units') work
    const outside = await api.call(
      unitadmin,
      'POST',
      '/api/advisers/work-items',
      work({ adviserId: governmentAdviser, unitId: root }),
    );
    expect(outside.statusCode).toBe(403);
    expect([await count('adviser_work_items'), await logCount()]).toEqual(before);
  });

  it('records a work item in the unit, visible to the unit and the justice bureau, and voids it with a reason', async () => {
    const before = await logCount();
    const res = await api.call(
      unitadmin,
      'POST',
      '/api/advisers/work-items',
      work({ refType: 'legality-review', refId: 'HF-2026-001' }),
    );
    expect(res.statusCode).toBe(201);
    itemId = res.json().id;
    expect(res.json()).toMatchObject({
      kindLabel: '合同审查',
      hours: 2.5,
      status: 'recorded',
      canManage: true,
    });
    expect(await logCount()).toBe(before + 1);
    expect((await api.call(justice, 'GET', `/api/advisers/work-items/${itemId}`)).statusCode).toBe(200);
    // the unit sees only its own tree's items; the justice bureau all of them
    const mine = (await api.call(unitadmin, 'GET', '/api/advisers/work-items?year=2026&pageSize=200')).json();
    const all = (await api.call(justice, 'GET', '/api/advisers/work-items?year=2026&pageSize=1')).json();
    expect(mine.total).toBeGreaterThan(0);
    expect(all.total).toBeGreaterThan(mine.total);
    const [tree] = await queryRows<{ n: number }>(
      deps.db,
      sql`select count(*)::int as n from adviser_work_items w join units u on u.id = w.unit_id
        where w.status = 'recorded' and w.done_on between '2026-01-01' and '2026-12-31'
          and u.path like (select path from units where id = ${market}) || '%'`,
    );
    expect(mine.total).toBe(tree!.n);
    expect(mine.items.every((i: { unitId: string }) => [market, marketTeam].includes(i.unitId))).toBe(true);
    // the government's items are not visible to the unit
    const govItem = (
      await api.call(justice, 'GET', `/api/advisers/work-items?unitId=${root}&pageSize=1`)
    ).json().items[0];
    expect((await api.call(unitadmin, 'GET', `/api/advisers/work-items/${govItem.id}`)).statusCode).toBe(404);
    expect(
      (await api.call(unitadmin, 'POST', `/api/advisers/work-items/${govItem.id}/void`, { reason: '误录' }))
        .statusCode,
    ).toBe(404);

    const noReason = await api.call(unitadmin, 'POST', `/api/advisers/work-items/${itemId}/void`, {
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
    const voided = await api.call(unitadmin, 'POST', `/api/advisers/work-items/${itemId}/void`, {
      reason: '重复登记',
    });
    expect(voided.statusCode).toBe(200);
    expect(voided.json()).toMatchObject({ status: 'voided', voidReason: '重复登记' });
    expect(
      (await api.call(unitadmin, 'POST', `/api/advisers/work-items/${itemId}/void`, { reason: '再次' }))
        .statusCode,
    ).toBe(409);
    const withVoided = (
      await api.call(unitadmin, 'GET', '/api/advisers/work-items?year=2026&includeVoided=true&pageSize=1')
    ).json();
    expect(withVoided.total).toBe(mine.total);
    const after = (await api.call(unitadmin, 'GET', '/api/advisers/work-items?year=2026&pageSize=1')).json();
    expect(after.total).toBe(mine.total - 1);
  });

  it('records executive-meeting attendance, one row per adviser, refusing what is wrong', async () => {
    const second = (
      await queryRows<{ v: string }>(
        deps.db,
        sql`select adviser_id as v from adviser_assignments where unit_id = ${root} and adviser_id <> ${governmentAdviser} limit 1`,
      )
    )[0]!.v;
    const body = {
      unitId: root,
      adviserIds: [governmentAdviser, second],
      meetingOn: '2026-11-09',
      meetingName: '区政府第21次常务会议',
      topics: ['审议示范区物业管理办法'],
      opinion: '建议补充公众参与程序',
    };
    const before = [await count('adviser_meetings'), await logCount()];
    const bad = await api.call(justice, 'POST', '/api/advisers/meetings', {
      ...body,
      adviserIds: [governmentAdviser, governmentAdviser, marketAdviser],
      meetingOn: '2026-12-01',
      topics: [],
    });
    expect(bad.statusCode).toBe(400);
    expect(pointers(bad)).toEqual(['/body/topics']);
    const rules = await api.call(justice, 'POST', '/api/advisers/meetings', {
      ...body,
      adviserIds: [governmentAdviser, governmentAdviser, marketAdviser],
      meetingOn: '2026-12-01',
    });
    expect(rules.statusCode).toBe(400);
    expect(pointers(rules)).toEqual(['/body/adviserIds/1', '/body/meetingOn']);
    const notServing = await api.call(justice, 'POST', '/api/advisers/meetings', {
      ...body,
      adviserIds: [marketAdviser],
    });
    expect(pointers(notServing)).toEqual(['/body/adviserIds/0']);
    expect((await api.call(unitadmin, 'POST', '/api/advisers/meetings', body)).statusCode).toBe(403);
    expect([await count('adviser_meetings'), await logCount()]).toEqual(before);
    const ok = await api.call(justice, 'POST', '/api/advisers/meetings', body);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toHaveLength(2);
    expect(await logCount()).toBe(before[1]! + 2);
    const dup = await api.call(justice, 'POST', '/api/advisers/meetings', body);
    expect(dup.statusCode).toBe(400);
    const list = (await api.call(leader, 'GET', `/api/advisers/meetings?year=2026&month=11`)).json();
    expect(list.total).toBe(2);
    expect(list.items[0]).toMatchObject({ meetingName: '区政府第21次常务会议', unitName: '示范区人民政府' });
    // the market bureau's administrator does not see the government's meetings
    expect((await api.call(unitadmin, 'GET', '/api/advisers/meetings?year=2026')).json().total).toBe(0);
  });

  it('every statistics figure drills down to exactly its items', async () => {
    const res = await api.call(justice, 'GET', '/api/advisers/stats?year=2026');
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.total).toBeGreaterThan(500); // ≈ 660 at the test scale
    expect(s.meetings).toBeGreaterThan(20);
    const list = async (q: string) =>
      (await api.call(justice, 'GET', `/api/advisers/work-items?year=2026&pageSize=1&${q}`)).json().total;
    expect(await list('')).toBe(s.total);
    for (const k of s.byKind) expect(await list(`kind=${k.kind}`), k.kind).toBe(k.n);
    for (const m of s.byMonth.filter((x: { n: number }) => x.n > 0).slice(0, 3))
      expect(await list(`month=${m.month}`)).toBe(m.n);
    expect(s.byMonth.reduce((t: number, m: { n: number }) => t + m.n, 0)).toBe(s.total);
    const top = s.byAdviser[0];
    expect(await list(`adviserId=${top.adviserId}`)).toBe(top.n);
    for (const [kind, n] of Object.entries(top.byKind))
      expect(await list(`adviserId=${top.adviserId}&kind=${kind}`)).toBe(n);
    const meetings = (
      await api.call(justice, 'GET', `/api/advisers/meetings?year=2026&adviserId=${governmentAdviser}`)
    ).json();
    expect(s.byAdviser.find((a: { adviserId: string }) => a.adviserId === governmentAdviser).meetings).toBe(
      meetings.total,
    );
    const unit = s.byUnit[0];
    expect(await list(`unitId=${unit.unitId}`)).toBe(unit.n);
    expect(s.byUnit.reduce((t: number, u: { n: number }) => t + u.n, 0)).toBe(s.total);
    // the unit's own figures
    const mine = (await api.call(unitadmin, 'GET', '/api/advisers/stats?year=2026')).json();
    expect(mine.total).toBe(
      (await api.call(unitadmin, 'GET', '/api/advisers/work-items?year=2026&pageSize=1')).json().total,
    );
    expect(mine.total).toBeLessThan(s.total);
    expect((await api.call(justice, 'GET', '/api/advisers/stats')).statusCode).toBe(400);
    expect(
      (await api.call(justice, 'GET', '/api/advisers/work-items?month=13&kind=x')).json().errors,
    ).toHaveLength(2);
  });

  it('exports the roster (phones masked for readers) and the work ledger as Excel', async () => {
    const res = await api.call(leader, 'GET', '/api/advisers/roster/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('姓名');
    const phones: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1 && row.getCell(8).value) phones.push(String(row.getCell(8).value));
    });
    expect(phones.length).toBeGreaterThan(5);
    expect(phones.every((p) => p.includes('****'))).toBe(true);
    const work = await api.call(unitadmin, 'GET', '/api/advisers/work-items/export.xlsx?year=2026');
    expect(work.statusCode).toBe(200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(work.rawPayload as never);
    const total = (await api.call(unitadmin, 'GET', '/api/advisers/work-items?year=2026&pageSize=1')).json()
      .total;
    expect(wb2.worksheets[0]!.rowCount).toBe(total + 1);
  });

  it('imports the roster from Excel: preview, refusal listing every problem, valid rows only, re-import unchanged', async () => {
    const exported = await api.call(justice, 'GET', '/api/advisers/roster/export.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as never);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const rows = ws.rowCount;
    // change the 专业领域 of the first adviser, add a new one and a bad one
    ws.getRow(2).getCell(col('专业领域')).value = '行政复议';
    const add = (cells: Record<string, string>) => ws.addRow(header.map((h) => cells[h] ?? ''));
    add({
      姓名: '新顾问',
      顾问类别: '公职律师',
      律师事务所或单位: '区司法局',
      所在单位: '区司法局',
      执业证号: '公职202600099',
      执业证有效期起: '2026-01-01',
      执业证有效期止: '2030-12-31',
      联系电话: '023-68881234',
      状态: '在册',
    });
    add({
      姓名: '错行',
      顾问类别: '朋友',
      律师事务所或单位: 'x',
      执业证号: '1',
      执业证有效期起: '2026-02-30',
      执业证有效期止: '2026-01-01',
    });
    const contentBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const body = { filename: '名册.xlsx', contentBase64, mode: 'preview' };
    const before = [await count('advisers'), await logCount()];
    const preview = await api.call(justice, 'POST', '/api/advisers/roster/import', body);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({
      totalRows: rows + 1,
      created: 1,
      updated: 1,
      errorRows: 1,
      imported: false,
    });
    const badColumns = preview
      .json()
      .problems.map((p: { column: string }) => p.column)
      .sort();
    expect(badColumns).toEqual(['执业证号', '执业证有效期起', '顾问类别']);
    const refused = await api.call(justice, 'POST', '/api/advisers/roster/import', {
      ...body,
      mode: 'import',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toHaveLength(3);
    expect(refused.json().errors[0].detail).toMatch(/^第\d+行“/);
    expect([await count('advisers'), await logCount()]).toEqual(before);
    expect((await api.call(unitadmin, 'POST', '/api/advisers/roster/import', body)).statusCode).toBe(403);
    const done = await api.call(justice, 'POST', '/api/advisers/roster/import', {
      ...body,
      mode: 'import',
      validRowsOnly: true,
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ created: 1, updated: 1, imported: true });
    expect(await count('advisers')).toBe(before[0]! + 1);
    expect(await logCount()).toBe(before[1]! + 3); // one each, and the file
    const added = (
      await api.call(justice, 'GET', `/api/advisers/roster?q=${encodeURIComponent('新顾问')}`)
    ).json().items[0];
    expect(added).toMatchObject({ kind: 'public', homeUnitName: '区司法局', phone: '023-68881234' });
    const again = await api.call(justice, 'POST', '/api/advisers/roster/import', {
      ...body,
      mode: 'import',
      validRowsOnly: true,
    });
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: rows });
  });

  it('imports work items from Excel: an export imports as unchanged; new rows are checked like the form', async () => {
    const exported = await api.call(unitadmin, 'GET', '/api/advisers/work-items/export.xlsx?year=2026');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as never);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    const existing = ws.rowCount - 1;
    const adviser = (await api.call(justice, 'GET', `/api/advisers/roster/${marketAdviser}`)).json();
    const add = (cells: Record<string, string>) => ws.addRow(header.map((h) => cells[h] ?? ''));
    add({
      办理日期: '2026-11-02',
      法律顾问: adviser.name,
      执业证号: adviser.licenceNo,
      服务单位: '区市场监督管理局',
      工作类别: '法律咨询',
      事项名称: '导入的咨询',
      '工时（小时）': '1.5',
    });
    add({
      办理日期: '2026-11-03',
      法律顾问: adviser.name,
      执业证号: adviser.licenceNo,
      服务单位: '示范区人民政府',
      工作类别: '法律咨询',
      事项名称: '越权',
    });
    const contentBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const body = { filename: '台账.xlsx', contentBase64, mode: 'import', validRowsOnly: true };
    const before = await count('adviser_work_items');
    const res = await api.call(unitadmin, 'POST', '/api/advisers/work-items/import', body);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ unchanged: existing, created: 1, errorRows: 1, imported: true });
    expect(res.json().problems[0].column).toBe('服务单位');
    expect(await count('adviser_work_items')).toBe(before + 1);
    const again = await api.call(unitadmin, 'POST', '/api/advisers/work-items/import', body);
    expect(again.json()).toMatchObject({ unchanged: existing + 1, created: 0 });
    const junk = await api.call(unitadmin, 'POST', '/api/advisers/work-items/import', {
      ...body,
      contentBase64: Buffer.from('not a workbook').toString('base64'),
    });
    expect(junk.statusCode).toBe(400);
    expect(junk.json().errors[0].detail).toContain('不是有效的 Excel 工作簿');
  });
});
