import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps } from '../../../test/support/db.ts';
import { queryRows } from '../../kernel/db/index.ts';
import { actorForUsername } from '../../platform/access/index.ts';
import { validOfficers } from './index.ts';

let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let zhifa: Session;
let unitadmin: Session;

const one = async <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) =>
  (await queryRows<T>(deps.db, q))[0]!;
const unitId = async (name: string) =>
  (await one<{ id: string }>(sql`select id from units where name = ${name} limit 1`)).id;
const bodyId = async (name: string) =>
  (await one<{ id: string }>(sql`select id from enforcement_bodies where name = ${name}`)).id;
const pointers = (res: { json(): { errors?: { pointer: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.pointer).sort();

beforeAll(async () => {
  deps = await openTestDeps();
  api = await testApi(deps);
  zhifa = await api.login('zhifa');
  unitadmin = await api.login('unitadmin');
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

async function xlsx(header: string[], rows: (string | number | Date)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('demo registries', () => {
  it('seeds a body per team and per town, credentials (some expired) and matters', async () => {
    const res = await api.call(zhifa, 'GET', '/api/enforcement/bodies?pageSize=200');
    expect(res.statusCode).toBe(200);
    const bodies = res.json().items as { kind: string; name: string }[];
    expect(bodies.filter((b) => b.kind === '综合行政执法队伍')).toHaveLength(5);
    const towns = await one<{ n: number }>(
      sql`select count(*)::int as n from units where kind in ('town', 'street')`,
    );
    expect(bodies.filter((b) => b.kind === '镇街综合执法机构')).toHaveLength(towns.n);
    const officers = (await api.call(zhifa, 'GET', '/api/enforcement/officers?pageSize=200')).json();
    expect(officers.total).toBeGreaterThan(10);
    const expired = officers.items.filter((o: { credentialProblems: { code: string }[] }) =>
      o.credentialProblems.some((p) => p.code === 'expired'),
    );
    expect(expired.length).toBeGreaterThan(0);
    expect(expired.length).toBeLessThan(officers.items.length / 2);
  });
});

describe('bodies', () => {
  it('create_withBadInput_listsEveryProblem', async () => {
    const res = await api.call(zhifa, 'POST', '/api/enforcement/bodies', {
      unitId: await unitId('区市场监管综合行政执法支队'), // already a body
      name: '区市场监管综合行政执法支队', // name taken
      kind: '镇街综合执法机构', // not in a town
      uscc: '91500113MA5U000000', // bad check character
      legalBasis: '',
      domains: ['市场监管', '市场监管'],
    });
    expect(res.statusCode).toBe(400);
    expect(pointers(res)).toEqual(['/body/legalBasis', '/body/uscc']);
    const res2 = await api.call(zhifa, 'POST', '/api/enforcement/bodies', {
      unitId: await unitId('区市场监管综合行政执法支队'),
      name: '区市场监管综合行政执法支队',
      kind: '镇街综合执法机构',
      legalBasis: '依据',
      domains: ['市场监管', '市场监管'],
    });
    expect(res2.statusCode).toBe(400);
    expect(pointers(res2)).toEqual(['/body/domains/1', '/body/name', '/body/unitId', '/body/unitId']);
  });

  it('create_andUpdate_recordTheChangeInTheLog', async () => {
    const res = await api.call(zhifa, 'POST', '/api/enforcement/bodies', {
      unitId: await unitId('区城市管理局'),
      name: '区城市管理局',
      kind: '行政机关',
      legalBasis: '《城市市容和环境卫生管理条例》',
      normativeDocuments: ['《城市市容和环境卫生管理条例》'],
      domains: ['城市管理'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    const upd = await api.call(zhifa, 'PATCH', `/api/enforcement/bodies/${id}`, {
      domains: ['城市管理', '市容环卫'],
    });
    expect(upd.statusCode).toBe(200);
    expect(upd.json().domains).toEqual(['城市管理', '市容环卫']);
    const entries = await queryRows<{ kind: string }>(
      deps.db,
      sql`select kind from log_entries where subject_id = ${id} order by id`,
    );
    expect(entries.map((e) => e.kind)).toEqual(['enforcement.body.created', 'enforcement.body.updated']);
  });

  it('a second town body in the same town is refused', async () => {
    const res = await api.call(zhifa, 'POST', '/api/enforcement/bodies', {
      unitId: await unitId('青石镇'),
      name: '青石镇人民政府',
      kind: '镇街综合执法机构',
      legalBasis: '赋权决定',
      domains: ['城市管理'],
    });
    expect(res.statusCode).toBe(400);
    expect(pointers(res)).toEqual(['/body/kind']);
  });
});

describe('data scope', () => {
  it('a unit admin of 区市场监督管理局 sees and manages only its bodies', async () => {
    const list = (await api.call(unitadmin, 'GET', '/api/enforcement/bodies?pageSize=200')).json();
    expect(list.items.map((b: { name: string }) => b.name)).toEqual(['区市场监管综合行政执法支队']);
    expect(list.items[0].canManage).toBe(true);
    const town = await bodyId('青石镇综合行政执法大队');
    expect((await api.call(unitadmin, 'GET', `/api/enforcement/bodies/${town}`)).statusCode).toBe(404);
    expect(
      (await api.call(unitadmin, 'PATCH', `/api/enforcement/bodies/${town}`, { legalBasis: 'x' })).statusCode,
    ).toBe(404);
    const officers = (await api.call(unitadmin, 'GET', '/api/enforcement/officers?pageSize=200')).json();
    expect(new Set(officers.items.map((o: { bodyName: string }) => o.bodyName))).toEqual(
      new Set(['区市场监管综合行政执法支队']),
    );
    const matters = (await api.call(unitadmin, 'GET', '/api/enforcement/matters')).json();
    expect(matters.items.every((m: { code: string }) => m.code.startsWith('SCJG'))).toBe(true);
    // filing a matter under a body outside the scope: the body is not even visible
    const res = await api.call(unitadmin, 'POST', '/api/enforcement/matters', {
      code: 'X-001',
      name: '检查',
      type: '行政检查',
      bodyId: town,
      legalBasis: [{ law: '《某法》', article: '第一条' }],
    });
    expect(res.statusCode).toBe(400);
    expect(pointers(res)).toEqual(['/body/bodyId']);
  });

  it('an officer reads the registries of their own team only, and manages nothing', async () => {
    const officer = await api.login('officer');
    const list = (await api.call(officer, 'GET', '/api/enforcement/bodies')).json();
    expect(list.items.map((b: { name: string }) => b.name)).toEqual(['区市场监管综合行政执法支队']);
    expect(list.items[0].canManage).toBe(false);
    const res = await api.call(officer, 'PATCH', `/api/enforcement/bodies/${list.items[0].id}`, {
      legalBasis: 'x',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('officers', () => {
  it('create_withBadInput_listsEveryProblem', async () => {
    const demoOfficer = await one<{ user_id: string; credential_no: string }>(
      sql`select o.user_id, o.credential_no from enforcement_officers o join users u on u.tenant_id = o.tenant_id and u.id = o.user_id where u.username = 'officer'`,
    );
    const res = await api.call(zhifa, 'POST', '/api/enforcement/officers', {
      userId: demoOfficer.user_id, // already holds a 行政执法证
      bodyId: await bodyId('区市场监管综合行政执法支队'),
      credentialNo: demoOfficer.credential_no, // taken
      category: '行政执法证',
      domains: ['生态环境'], // not a domain of the body
      validFrom: '2026-01-01',
      validTo: '2025-01-01', // before validFrom
      issuingAuthority: '重庆市人民政府',
    });
    expect(res.statusCode).toBe(400);
    expect(pointers(res)).toEqual([
      '/body/category',
      '/body/credentialNo',
      '/body/domains/0',
      '/body/validTo',
    ]);
  });

  it('validOfficers_blocksExpiredAndMissingCredentials', async () => {
    const actor = (await actorForUsername(deps.db, '500113', 'zhifa'))!;
    const ctx = {
      db: deps.db,
      actor,
      requestId: null,
      now: deps.clock.now(),
      crypto: deps.crypto,
      config: deps.config,
    };
    const rows = await queryRows<{ user_id: string; valid_to: string }>(
      deps.db,
      sql`select user_id, valid_to::text from enforcement_officers order by credential_no`,
    );
    const good = rows.find((r) => r.valid_to > '2026-03-02')!.user_id;
    const expired = rows.find((r) => r.valid_to < '2026-03-02')!.user_id;
    const nobody = actor.userId; // holds no credential
    const r = await validOfficers(ctx, [good, expired, nobody], '2026-03-02');
    expect(r.valid).toEqual([good]);
    expect(r.invalid.map((x) => [x.userId, x.problems.map((p) => p.code)])).toEqual([
      [expired, ['expired']],
      [nobody, ['missing']],
    ]);
    const wrongDomain = await validOfficers(ctx, [good], '2026-03-02', { domain: '交通运输' });
    expect(wrongDomain.invalid[0]?.problems.map((p) => p.code)).toEqual(['wrong-domain']);
  });
});

describe('matters', () => {
  it('create_withBadBands_listsEveryProblem', async () => {
    const res = await api.call(zhifa, 'POST', '/api/enforcement/matters', {
      code: 'SCJG-CF-001', // taken
      name: '新事项',
      type: '行政处罚',
      bodyId: await bodyId('区市场监管综合行政执法支队'),
      legalBasis: [],
      fineMin: 1000,
      fineMax: 5000,
      discretion: [
        { circumstance: '从轻', description: '轻', fineMin: 500, fineMax: 3000 },
        { circumstance: '一般', description: '一般', fineMin: 2000, fineMax: 6000 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(pointers(res)).toEqual([
      '/body/code',
      '/body/discretion/0/fineMin',
      '/body/discretion/1/fineMax',
      '/body/discretion/1/fineMin',
      '/body/legalBasis',
    ]);
  });
});

const MATTER_HEADER = [
  '事项编码',
  '事项名称',
  '事项类型',
  '执法主体',
  '法律依据',
  '罚款下限（元）',
  '罚款上限（元）',
  '其他处罚',
  '不予处罚',
  '减轻',
  '从轻',
  '一般',
  '从重',
  '状态',
];
const M = '区市场监管综合行政执法支队';
const good1 = [
  'T-001',
  '对无证经营的处罚',
  '行政处罚',
  M,
  '《无证无照经营查处办法》第十三条',
  0,
  10000,
  '没收违法所得',
  '',
  '',
  '0-3000；首次',
  '3000-6000；一般',
  '6000-10000；多次；其他处罚：没收违法所得',
  '有效',
];
const good2 = ['T-002', '日常检查', '行政检查', M, '《某条例》第五条', '', '', '', '', '', '', '', '', ''];
const badRows = [
  ['T-001', '重复编码', '行政检查', M, '《某条例》第五条', '', '', '', '', '', '', '', '', ''], // duplicate in file
  ['T-003', '未知主体', '行政处罚', '不存在的支队', '某法第一条', 100, 50, '', '', '', '', '', '', ''], // body, basis, range
  ['SCJG-CF-001!', '坏编码', '行政许可', M, '《某法》第一条', '', '', '', '', '', '', '', '', ''], // code format, type
  [
    'T-004',
    '重叠',
    '行政处罚',
    M,
    '《某法》第二条',
    0,
    1000,
    '',
    '',
    '',
    '0-600；轻',
    '500-1000；一般',
    '',
    '',
  ], // overlap
];

describe('matter import', () => {
  it('preview lists every bad row with row, column and reason, and stores nothing', async () => {
    const contentBase64 = await xlsx(MATTER_HEADER, [good1, good2, ...badRows]);
    const res = await api.call(zhifa, 'POST', '/api/enforcement/matters/import', {
      filename: 'matters.xlsx',
      contentBase64,
      mode: 'preview',
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect([r.totalRows, r.validRows, r.errorRows, r.created, r.imported]).toEqual([6, 2, 4, 2, false]);
    const where = r.problems.map((p: { row: number; column: string }) => `${p.row}:${p.column}`).sort();
    expect(where).toEqual(
      [
        '4:事项编码',
        '5:执法主体',
        '5:法律依据',
        '5:罚款上限（元）',
        '6:事项编码',
        '6:事项类型',
        '7:一般',
      ].sort(),
    );
    expect(
      (
        await one<{ n: number }>(
          sql`select count(*)::int as n from enforcement_matters where code like 'T-%'`,
        )
      ).n,
    ).toBe(0);
  });

  it('import with errors stores nothing (400 listing every problem); validRowsOnly stores the good rows and logs the file', async () => {
    const contentBase64 = await xlsx(MATTER_HEADER, [good1, good2, ...badRows]);
    const refused = await api.call(zhifa, 'POST', '/api/enforcement/matters/import', {
      filename: 'matters.xlsx',
      contentBase64,
      mode: 'import',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toHaveLength(7);
    expect(refused.json().errors[0].pointer).toMatch(/^\/file\/rows\/\d+\//);
    expect(
      (
        await one<{ n: number }>(
          sql`select count(*)::int as n from enforcement_matters where code like 'T-%'`,
        )
      ).n,
    ).toBe(0);

    const res = await api.call(zhifa, 'POST', '/api/enforcement/matters/import', {
      filename: 'matters.xlsx',
      contentBase64,
      mode: 'import',
      validRowsOnly: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect([res.json().created, res.json().errorRows, res.json().imported]).toEqual([2, 4, true]);
    const stored = await one<{ discretion: unknown }>(
      sql`select discretion from enforcement_matters where code = 'T-001'`,
    );
    const bands = (
      typeof stored.discretion === 'string' ? JSON.parse(stored.discretion) : stored.discretion
    ) as {
      circumstance: string;
      otherPenalties: string[];
    }[];
    expect(bands.map((b) => b.circumstance)).toEqual(['从轻', '一般', '从重']);
    expect(bands[2]!.otherPenalties).toEqual(['没收违法所得']);
    const entry = await one<{ body: string }>(
      sql`select body from log_entries where kind = 'enforcement.registry.imported' order by id desc limit 1`,
    );
    const body = JSON.parse(entry.body);
    const sha = (await import('node:crypto'))
      .createHash('sha256')
      .update(Buffer.from(contentBase64, 'base64'))
      .digest('hex');
    expect(Object.values(body.attachments)).toEqual([sha]);
    expect(body.data).toMatchObject({ registry: 'matters', created: 2, skippedRows: 4 });
  });

  it('export → import round trip changes nothing', async () => {
    const exp = await api.call(zhifa, 'GET', '/api/enforcement/matters/export.xlsx');
    expect(exp.statusCode).toBe(200);
    expect(exp.headers['content-type']).toContain('spreadsheetml');
    const res = await api.call(zhifa, 'POST', '/api/enforcement/matters/import', {
      filename: 'export.xlsx',
      contentBase64: exp.rawPayload.toString('base64'),
      mode: 'preview',
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.problems).toEqual([]);
    expect(r.totalRows).toBeGreaterThanOrEqual(5);
    expect(r.unchanged).toBe(r.totalRows);
  });
});

const OFFICER_HEADER = [
  '姓名',
  '用户名',
  '执法证号',
  '证件类别',
  '执法主体',
  '执法领域',
  '有效期起',
  '有效期止',
  '发证机关',
  '状态',
];

describe('officer roster import', () => {
  it('creates, updates and reports bad rows; a round trip changes nothing', async () => {
    const u = await one<{ username: string; display_name: string }>(
      sql`select u.username, u.display_name from users u join units un on un.tenant_id = u.tenant_id and un.id = u.unit_id
          where un.name = '区司法局' and u.username like 'u%' order by u.username limit 1`,
    );
    const exp = await api.call(zhifa, 'GET', '/api/enforcement/officers/export.xlsx');
    expect(exp.statusCode).toBe(200);
    const round = await api.call(zhifa, 'POST', '/api/enforcement/officers/import', {
      filename: 'roster.xlsx',
      contentBase64: exp.rawPayload.toString('base64'),
      mode: 'preview',
    });
    expect(round.statusCode, round.body).toBe(200);
    expect(round.json().problems).toEqual([]);
    expect(round.json().unchanged).toBe(round.json().totalRows);

    const contentBase64 = await xlsx(OFFICER_HEADER, [
      [
        u.display_name,
        u.username,
        '渝执500113-90001',
        '执法监督证',
        M,
        '市场监管',
        new Date(Date.UTC(2025, 0, 1)),
        '2030-12-31',
        '重庆市司法局',
        '有效',
      ],
      [
        '错名',
        u.username,
        '渝执500113-90002',
        '行政执法证',
        M,
        '航天',
        '2025-13-01',
        '2024-01-01',
        '重庆市人民政府',
        '有效',
      ],
      [
        '某人',
        'nobody',
        '渝执500113-90001',
        '执法证',
        '无此主体',
        '市场监管',
        '2025-01-01',
        '2026-01-01',
        '',
        '过期',
      ],
    ]);
    const res = await api.call(zhifa, 'POST', '/api/enforcement/officers/import', {
      filename: 'roster.xlsx',
      contentBase64,
      mode: 'import',
      validRowsOnly: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect([r.created, r.errorRows]).toEqual([1, 2]);
    const where = r.problems.map((p: { row: number; column: string }) => `${p.row}:${p.column}`).sort();
    expect(where).toEqual(
      [
        '3:姓名',
        '3:有效期起',
        '3:执法领域',
        '4:用户名',
        '4:执法证号',
        '4:证件类别',
        '4:执法主体',
        '4:状态',
        '4:发证机关',
      ].sort(),
    );
    const pub = (await api.call(null, 'GET', '/api/public/enforcement/officers?q=渝执500113-90001')).json();
    expect(pub).toHaveLength(1);
    expect(pub[0]).toMatchObject({ name: u.display_name, category: '执法监督证', validFrom: '2025-01-01' });
  });
});

describe('public 事前公开', () => {
  it('lists bodies, officers and matters without sign-in, with no personal data beyond name and credential', async () => {
    const bodies = await api.call(null, 'GET', '/api/public/enforcement/bodies?tenant=500113');
    expect(bodies.statusCode).toBe(200);
    expect(bodies.json().length).toBeGreaterThan(5);
    const officers = await api.call(null, 'GET', '/api/public/enforcement/officers');
    expect(officers.statusCode).toBe(200);
    const list = officers.json() as Record<string, unknown>[];
    expect(list.length).toBeGreaterThan(5);
    for (const o of list)
      expect(Object.keys(o).sort()).toEqual(
        ['bodyId', 'bodyName', 'category', 'credentialNo', 'domains', 'name', 'validFrom', 'validTo'].sort(),
      );
    // No personal field and no mobile number (ids are left out of the check: a UUID's last group may hold 11 digits).
    expect(
      officers.body.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ''),
    ).not.toMatch(/mobile|username|userId|1[3-9]\d{9}/);
    const matters = (await api.call(null, 'GET', '/api/public/enforcement/matters')).json();
    const m = matters.find((x: { code: string }) => x.code === 'SCJG-CF-002');
    expect(m.legalBasis[0].law).toContain('市场主体登记管理条例');
    expect(m.discretion.map((b: { circumstance: string }) => b.circumstance)).toEqual([
      '不予处罚',
      '从轻',
      '一般',
      '从重',
    ]);
    expect((await api.call(null, 'GET', '/api/public/enforcement/bodies?tenant=999999')).statusCode).toBe(
      404,
    );
  });
});

describe('registry counts', () => {
  it('counts each body’s officers and matters (correlated to the body, not the inner row)', async () => {
    const zhifa = await api.login('zhifa');
    const bodies = (await api.call(zhifa, 'GET', '/api/enforcement/bodies?pageSize=200')).json();
    const list = Array.isArray(bodies) ? bodies : bodies.items;
    expect(list.some((b: { officerCount: number }) => b.officerCount > 0)).toBe(true);
    expect(list.some((b: { matterCount: number }) => b.matterCount > 0)).toBe(true);
  });
});
