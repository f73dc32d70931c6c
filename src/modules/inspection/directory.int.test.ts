import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps } from '../../../test/support/db.ts';
import { queryRows } from '../../kernel/db/index.ts';
import { computeUsccCheck } from '../../platform/validators/index.ts';
import { ENTITY_COLUMNS } from './index.ts';

let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let unitadmin: Session;
let admin: Session;
let leader: Session;
let officer: Session;
let towns: { id: string; name: string }[];

const count = async (where = sql`true`) =>
  (
    await queryRows<{ n: number }>(
      deps.db,
      sql`select count(*)::int as n from inspection_entities where ${where}`,
    )
  )[0]!.n;
const pointers = (res: { json(): { errors?: { pointer: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.pointer).sort();
/** A valid 统一社会信用代码 numbered n. */
const uscc = (n: number) => {
  const body = `91500113MA${String(n).padStart(7, '0')}`;
  return body + computeUsccCheck(body);
};
const withBadCheck = (code: string) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0');

beforeAll(async () => {
  deps = await openTestDeps();
  api = await testApi(deps);
  unitadmin = await api.login('unitadmin');
  admin = await api.login('admin');
  leader = await api.login('leader');
  officer = await api.login('officer');
  towns = await queryRows<{ id: string; name: string }>(
    deps.db,
    sql`select id::text as id, name from units where kind in ('town', 'street') order by name`,
  );
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

const entity = (n: number, over: Record<string, unknown> = {}) => ({
  uscc: uscc(n),
  name: `示范区测试商贸有限公司${n}`,
  entityType: '企业',
  industry: '批发和零售业',
  address: `示范区测试路${n}号`,
  townId: towns[0]!.id,
  legalRepresentative: '张三丰',
  ...over,
});

async function xlsx(header: readonly string[], rows: string[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名录');
  ws.addRow([...header]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('entities API', () => {
  it('401 without a session, 403 without the permission', async () => {
    expect((await api.call(null, 'GET', '/api/inspection/entities')).statusCode).toBe(401);
    expect((await api.call(null, 'POST', '/api/inspection/entities', entity(1))).statusCode).toBe(401);
    expect((await api.call(officer, 'GET', '/api/inspection/entities')).statusCode).toBe(403);
    const res = await api.call(leader, 'POST', '/api/inspection/entities', entity(1));
    expect(res.statusCode).toBe(403);
    expect(await count()).toBe(0);
  });

  it('create_withBadInput_listsEveryProblem_andStoresNothing', async () => {
    const res = await api.call(unitadmin, 'POST', '/api/inspection/entities', {
      uscc: withBadCheck(uscc(2)),
      name: '',
      entityType: '公司',
      industry: '',
      address: 'x',
      townId: 'not-a-uuid',
      legalRepresentative: '',
      status: 'gone',
    });
    expect(res.statusCode).toBe(400);
    expect(pointers(res)).toEqual(
      [
        '/body/uscc',
        '/body/name',
        '/body/entityType',
        '/body/industry',
        '/body/townId',
        '/body/legalRepresentative',
        '/body/status',
      ].sort(),
    );
    expect(res.json().errors.find((e: { pointer: string }) => e.pointer === '/body/uscc').detail).toBe(
      '统一社会信用代码校验位错误',
    );
    const unknownTown = await api.call(unitadmin, 'POST', '/api/inspection/entities', {
      ...entity(2),
      townId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownTown.statusCode).toBe(400);
    expect(pointers(unknownTown)).toEqual(['/body/townId']);
    expect(await count()).toBe(0);
  });

  it('creates, reads, lists, updates within scope; a duplicate code is refused; logs without personal data', async () => {
    const res = await api.call(unitadmin, 'POST', '/api/inspection/entities', entity(3));
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      uscc: uscc(3),
      townName: towns[0]!.name,
      status: 'active',
      canManage: true,
    });

    const dup = await api.call(unitadmin, 'POST', '/api/inspection/entities', entity(3, { name: '另一家' }));
    expect(dup.statusCode).toBe(400);
    expect(pointers(dup)).toEqual(['/body/uscc']);

    const list = await api.call(unitadmin, 'GET', `/api/inspection/entities?q=${encodeURIComponent('商贸')}`);
    expect(list.json().total).toBe(1);
    expect((await api.call(leader, 'GET', `/api/inspection/entities/${created.id}`)).json().canManage).toBe(
      false,
    );

    const patch = await api.call(unitadmin, 'PATCH', `/api/inspection/entities/${created.id}`, {
      status: 'cancelled',
      townId: towns[1]!.id,
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({ status: 'cancelled', townName: towns[1]!.name });
    expect(
      (await api.call(leader, 'PATCH', `/api/inspection/entities/${created.id}`, { name: 'x' })).statusCode,
    ).toBe(403);
    const badPatch = await api.call(unitadmin, 'PATCH', `/api/inspection/entities/${created.id}`, {
      entityType: '公司',
      name: '',
    });
    expect(pointers(badPatch)).toEqual(['/body/entityType', '/body/name']);

    const logs = await queryRows<{ body: unknown }>(
      deps.db,
      sql`select body from log_entries where kind like 'inspection.entity.%'`,
    );
    expect(logs).toHaveLength(2);
    expect(JSON.stringify(logs)).not.toContain('张三丰');
  });

  it('404 for an unknown id and for an entity outside the read scope', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await api.call(unitadmin, 'GET', `/api/inspection/entities/${unknown}`)).statusCode).toBe(404);
    expect(
      (await api.call(unitadmin, 'PATCH', `/api/inspection/entities/${unknown}`, { name: 'x' })).statusCode,
    ).toBe(404);
    const byAdmin = await api.call(admin, 'POST', '/api/inspection/entities', entity(4));
    expect(byAdmin.statusCode).toBe(201);
    expect(
      (await api.call(unitadmin, 'GET', `/api/inspection/entities/${byAdmin.json().id}`)).statusCode,
    ).toBe(404);
    expect((await api.call(admin, 'GET', `/api/inspection/entities/${byAdmin.json().id}`)).statusCode).toBe(
      200,
    );
  });
});

describe('entity import', () => {
  const good = (n: number) => [
    uscc(n),
    `导入测试企业${n}`,
    '个体工商户',
    '餐饮业',
    `测试街${n}号`,
    towns[0]!.name,
    '李四',
    '存续',
  ];
  const bad = () => [
    [withBadCheck(uscc(101)), '校验位错', '企业', '制造业', '某路1号', towns[0]!.name, '王五', ''], // row 4
    [uscc(102), '', '企业', '制造业', '某路2号', '不存在镇', '王五', '存续'], // row 5: name, town
    [uscc(10), '与第2行重复', '企业', '制造业', '某路3号', towns[0]!.name, '王五', ''], // row 6
    [uscc(3), '名录库已有', '企业', '制造业', '某路4号', towns[0]!.name, '王五', ''], // row 7
    [uscc(103), '类型错', '公司', '制造业', '某路5号', towns[0]!.name, '', '歇业'], // row 8: type, rep, status
  ];

  it('preview reports every bad row with its reason and stores nothing', async () => {
    const before = await count();
    const contentBase64 = await xlsx(ENTITY_COLUMNS, [good(10), good(11), ...bad()]);
    const res = await api.call(unitadmin, 'POST', '/api/inspection/entities/import', {
      filename: '名录.xlsx',
      contentBase64,
      mode: 'preview',
    });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect([r.totalRows, r.validRows, r.errorRows, r.imported]).toEqual([7, 2, 5, false]);
    expect(r.problems.map((p: { row: number; column: string }) => `${p.row}/${p.column}`)).toEqual([
      '4/统一社会信用代码',
      '5/名称',
      '5/所属镇街',
      '6/统一社会信用代码',
      '7/统一社会信用代码',
      '8/类型',
      '8/法定代表人',
      '8/状态',
    ]);
    expect(r.problems.find((p: { row: number }) => p.row === 6).reason).toBe('与第2行的统一社会信用代码重复');
    expect(r.problems.find((p: { row: number }) => p.row === 7).reason).toBe(
      '该统一社会信用代码已在名录库中',
    );
    expect(await count()).toBe(before);
  });

  it('import with errors stores nothing (400 with a pointer per problem); validRowsOnly stores the good rows and logs the file once', async () => {
    const before = await count();
    const contentBase64 = await xlsx(ENTITY_COLUMNS, [good(10), good(11), ...bad()]);
    const refused = await api.call(unitadmin, 'POST', '/api/inspection/entities/import', {
      filename: '名录.xlsx',
      contentBase64,
      mode: 'import',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('INSPECTION.IMPORT_INVALID');
    expect(pointers(refused)).toContain('/file/rows/5/所属镇街');
    expect(pointers(refused)).toHaveLength(8);
    expect(await count()).toBe(before);

    const res = await api.call(unitadmin, 'POST', '/api/inspection/entities/import', {
      filename: '名录.xlsx',
      contentBase64,
      mode: 'import',
      validRowsOnly: true,
    });
    expect(res.statusCode).toBe(200);
    expect([res.json().created, res.json().errorRows, res.json().imported]).toEqual([2, 5, true]);
    expect(await count()).toBe(before + 2);
    const logs = await queryRows<{ body: { attachments?: Record<string, string> } }>(
      deps.db,
      sql`select body from log_entries where kind = 'inspection.entities.imported'`,
    );
    expect(logs).toHaveLength(1);
    const sha = createHash('sha256').update(Buffer.from(contentBase64, 'base64')).digest('hex');
    expect(JSON.stringify(logs[0]!.body)).toContain(sha);
  });

  it('a file longer than one write batch: a late bad row still stores nothing; validRowsOnly stores the rest', async () => {
    const before = await count();
    // 5,100 good rows (the first 5,000 are one insert statement), then one already in the directory and one
    // with a wrong check character.
    const rows = Array.from({ length: 5100 }, (_, i) => good(10_000 + i));
    rows.push(good(3), [withBadCheck(uscc(20_000)), ...good(20_000).slice(1)]);
    const contentBase64 = await xlsx(ENTITY_COLUMNS, rows);
    const refused = await api.call(unitadmin, 'POST', '/api/inspection/entities/import', {
      filename: '大名录.xlsx',
      contentBase64,
      mode: 'import',
    });
    expect(refused.statusCode).toBe(400);
    expect(pointers(refused)).toEqual([
      '/file/rows/5102/统一社会信用代码',
      '/file/rows/5103/统一社会信用代码',
    ]);
    expect(await count()).toBe(before);

    const res = await api.call(unitadmin, 'POST', '/api/inspection/entities/import', {
      filename: '大名录.xlsx',
      contentBase64,
      mode: 'import',
      validRowsOnly: true,
    });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect([r.totalRows, r.validRows, r.errorRows, r.created]).toEqual([5102, 5100, 2, 5100]);
    expect(r.problems.map((p: { row: number; reason: string }) => `${p.row}:${p.reason}`)).toEqual([
      '5102:该统一社会信用代码已在名录库中',
      `5103:${r.problems[1].reason}`,
    ]);
    expect(await count()).toBe(before + 5100);
    const [stored] = await queryRows<{ name: string; town: string; status: string; unit: string }>(
      deps.db,
      sql`select e.name, t.name as town, e.status, u.name as unit from inspection_entities e
            join units t on t.tenant_id = e.tenant_id and t.id = e.town_id
            join units u on u.tenant_id = e.tenant_id and u.id = e.unit_id
           where e.uscc = ${uscc(15_099)}`,
    );
    expect(stored).toEqual({
      name: '导入测试企业15099',
      town: towns[0]!.name,
      status: 'active',
      unit: expect.any(String),
    });
    const sha = createHash('sha256').update(Buffer.from(contentBase64, 'base64')).digest('hex');
    const logs = (
      await queryRows<{ body: string }>(
        deps.db,
        sql`select body::text as body from log_entries where kind = 'inspection.entities.imported'`,
      )
    ).filter((l) => l.body.includes(sha));
    expect(logs).toHaveLength(1);
    expect(logs[0]!.body).toContain('"created":5100');
  });

  it('refuses a file that is not a workbook, or lacks a column, naming the file problem', async () => {
    const notXlsx = await api.call(unitadmin, 'POST', '/api/inspection/entities/import', {
      filename: 'a.xls',
      contentBase64: Buffer.from('hello').toString('base64'),
      mode: 'import',
      validRowsOnly: true,
    });
    expect(notXlsx.statusCode).toBe(400);
    expect(pointers(notXlsx)).toEqual(['/file']);
    const noColumn = await api.call(unitadmin, 'POST', '/api/inspection/entities/import', {
      filename: 'a.xlsx',
      contentBase64: await xlsx(['统一社会信用代码', '名称'], [[uscc(200), '缺列']]),
      mode: 'preview',
    });
    expect(noColumn.json().problems.map((p: { column: string }) => p.column)).toEqual([
      '类型',
      '行业',
      '住所',
      '所属镇街',
      '法定代表人',
    ]);
    expect((await api.call(officer, 'POST', '/api/inspection/entities/import', {})).statusCode).toBe(403);
  });

  it('lists the first 1,000 problems with the total; the bad-rows workbook has every bad row, and corrected it imports', async () => {
    const before = await count();
    // 1,100 rows with a wrong 类型 (one problem each) and one good row at the end.
    const rows = Array.from({ length: 1100 }, (_, i) => {
      const r = good(30_000 + i);
      r[2] = '公司';
      return r;
    });
    rows.push(good(31_100));
    const contentBase64 = await xlsx(ENTITY_COLUMNS, rows);
    const body = { filename: '千行有误.xlsx', contentBase64 };
    const preview = (
      await api.call(unitadmin, 'POST', '/api/inspection/entities/import', { ...body, mode: 'preview' })
    ).json();
    expect([preview.totalRows, preview.validRows, preview.errorRows, preview.problemCount]).toEqual([
      1101, 1, 1100, 1100,
    ]);
    expect(preview.problems).toHaveLength(1000);
    expect(preview.problems[0]).toMatchObject({ row: 2, column: '类型' });
    expect(preview.problems[999]).toMatchObject({ row: 1001, column: '类型' });

    const refused = await api.call(unitadmin, 'POST', '/api/inspection/entities/import', {
      ...body,
      mode: 'import',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toHaveLength(1000);
    expect(refused.json().detail).toContain('共1100处问题');
    expect(await count()).toBe(before);

    const file = await api.call(unitadmin, 'POST', '/api/inspection/entities/import/bad-rows.xlsx', body);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(String(file.headers['content-disposition'])).toContain(
      encodeURIComponent('千行有误（有误的行）.xlsx'),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as never);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(1101);
    expect(ws.getRow(1).values).toEqual([undefined, ...ENTITY_COLUMNS, '原行号', '问题说明']);
    expect(ws.getRow(1101).getCell(1).value).toBe(uscc(31_099));
    expect(ws.getRow(1101).getCell(9).value).toBe(1101);
    expect(String(ws.getRow(1101).getCell(10).value)).toMatch(/^“类型”：须为/);
    expect(await count()).toBe(before);

    // Corrected in Excel (the extra columns stay), the file imports.
    for (let r = 2; r <= ws.rowCount; r += 1) ws.getRow(r).getCell(3).value = '企业';
    const corrected = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const res = await api.call(unitadmin, 'POST', '/api/inspection/entities/import', {
      filename: '改正后.xlsx',
      contentBase64: corrected,
      mode: 'import',
    });
    expect(res.statusCode).toBe(200);
    expect([res.json().created, res.json().problemCount]).toEqual([1100, 0]);
    expect(await count()).toBe(before + 1100);
  });

  it('finds duplicates rows apart across write batches; a late one stores nothing, validRowsOnly stores the rest', async () => {
    const before = await count();
    // Row 2 and row 3 (whose 名称 is missing) come back after 5,500 rows, in another batch of the database; row
    // 2's code twice in that batch (each repeat names row 2).
    const rows = [good(40_000), [uscc(46_000), '', ...good(46_000).slice(2)]];
    for (let i = 1; i <= 5500; i += 1) rows.push(good(40_000 + i));
    const again = [uscc(40_000), '重复的企业', ...good(40_000).slice(2)];
    rows.push(again, again, good(46_000));
    const preview = (
      await api.call(unitadmin, 'POST', '/api/inspection/entities/import', {
        filename: '重复.xlsx',
        contentBase64: await xlsx(ENTITY_COLUMNS, rows),
        mode: 'preview',
      })
    ).json();
    expect(preview.problems.map((p: { row: number; reason: string }) => `${p.row}:${p.reason}`)).toEqual([
      '3:不能为空',
      '5504:与第2行的统一社会信用代码重复',
      '5505:与第2行的统一社会信用代码重复',
      '5506:与第3行的统一社会信用代码重复',
    ]);
    expect([preview.errorRows, preview.validRows]).toEqual([4, 5501]);

    // Without the bad row 3, the first 5,000 rows are stored before the duplicate at row 5,503 is read.
    rows.splice(1, 1);
    rows.pop();
    const contentBase64 = await xlsx(ENTITY_COLUMNS, rows);
    const refused = await api.call(unitadmin, 'POST', '/api/inspection/entities/import', {
      filename: '重复.xlsx',
      contentBase64,
      mode: 'import',
    });
    expect(refused.statusCode).toBe(400);
    expect(pointers(refused)).toEqual([
      '/file/rows/5503/统一社会信用代码',
      '/file/rows/5504/统一社会信用代码',
    ]);
    expect(await count()).toBe(before);

    const res = await api.call(unitadmin, 'POST', '/api/inspection/entities/import', {
      filename: '重复.xlsx',
      contentBase64,
      mode: 'import',
      validRowsOnly: true,
    });
    expect([res.json().created, res.json().errorRows]).toEqual([5501, 2]);
    expect(await count()).toBe(before + 5501);
    const [first] = await queryRows<{ name: string }>(
      deps.db,
      sql`select name from inspection_entities where uscc = ${uscc(40_000)}`,
    );
    expect(first!.name).toBe('导入测试企业40000');
  });

  it('the bad-rows workbook refuses a file that is not a workbook; 403 without the permission', async () => {
    const notXlsx = await api.call(unitadmin, 'POST', '/api/inspection/entities/import/bad-rows.xlsx', {
      filename: 'a.xls',
      contentBase64: Buffer.from('hello').toString('base64'),
    });
    expect(notXlsx.statusCode).toBe(400);
    expect(pointers(notXlsx)).toEqual(['/file']);
    const body = { filename: 'a.xlsx', contentBase64: await xlsx(ENTITY_COLUMNS, [good(50_000)]) };
    expect(
      (await api.call(officer, 'POST', '/api/inspection/entities/import/bad-rows.xlsx', body)).statusCode,
    ).toBe(403);
    expect(
      (await api.call(null, 'POST', '/api/inspection/entities/import/bad-rows.xlsx', body)).statusCode,
    ).toBe(401);
  });

  it('export → import of the same file: every row is a duplicate, nothing stored', async () => {
    const exp = await api.call(unitadmin, 'GET', '/api/inspection/entities/export.xlsx');
    expect(exp.statusCode).toBe(200);
    const file = exp.rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as never);
    const rows = wb.worksheets[0]!.rowCount;
    expect(rows).toBe(
      1 + (await count(sql`unit_id in (select id from units where name = '区市场监督管理局')`)),
    );
    const before = await count();
    const res = await api.call(unitadmin, 'POST', '/api/inspection/entities/import', {
      filename: 'export.xlsx',
      contentBase64: file.toString('base64'),
      mode: 'preview',
    });
    expect(res.json().errorRows).toBe(rows - 1);
    expect(
      res.json().problems.every((p: { reason: string }) => p.reason === '该统一社会信用代码已在名录库中'),
    ).toBe(true);
    expect(await count()).toBe(before);
  });
});
