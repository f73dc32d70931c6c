import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eToday, newPage, type Running, startStack } from './harness.ts';
import { apiLogin, choose, signIn, signOut, typeDate } from './session.ts';

/**
 * 双随机、一公开 in the browser. First `unitadmin` publishes a task in the admin (its pool, roster and a future
 * source frozen) and the portal lists it with its announced source, still waiting for the value. Then the demo
 * district's task published earlier with sources dated in the past (the server's real clock is later): the values
 * are entered and the task drawn, teams matched for today, the portal's verify page repeats the draw and the
 * teams in the browser, the officer on the team records an order to rectify, the lead publishes, and the
 * entity's public credit lookup (信用查询) shows the inspection result.
 */
describe('inspection: publish a task, see it announced on the portal', () => {
  let stack: Running;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack();
    page = await newPage(stack);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('publishes a task from the admin and shows its inputs publicly', async () => {
    // The directory the pool is frozen from: two entities registered through the API.
    const api = await apiLogin(stack.url, 'unitadmin');
    const admin = await apiLogin(stack.url, 'admin');
    const units = await admin.call<{ id: string; kind: string }[]>('GET', '/api/org/units');
    const town = units.find((u) => u.kind === 'town' || u.kind === 'street');
    for (const uscc of ['91500113MA0000001B', '91500113MA0000002E']) {
      await api.call('POST', '/api/inspection/entities', {
        uscc,
        name: `浏览器测试企业${uscc.slice(-2)}`,
        entityType: '企业',
        industry: '食品销售',
        address: '测试路1号',
        townId: town?.id,
        legalRepresentative: '周九',
      });
    }
    await signIn(page, stack.url, 'unitadmin');
    const menu = page.getByTestId('admin-menu');
    await menu.getByRole('menuitem', { name: '双随机、一公开' }).click();
    await menu.getByRole('menuitem', { name: '抽查任务' }).click();
    await page.getByRole('button', { name: '发布抽查任务' }).click();
    const form = page.getByTestId('publish-form');
    await form.getByLabel('任务名称').fill('浏览器测试抽查任务');
    await form.getByLabel('抽取数量').fill('1');
    await form
      .getByPlaceholder('随机源说明，如：中国福利彩票双色球某期开奖号码')
      .fill('体彩排列5 2026-12-10 开奖号码');
    const date = form.getByPlaceholder('开奖日期');
    await date.click();
    await date.fill('2026-12-10');
    await date.press('Tab');
    await form.getByLabel('任务名称').click();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    const drawer = page.getByTestId('task-drawer');
    await drawer.getByText('已公布待抽取').waitFor();
    await expect(drawer.textContent()).resolves.toContain('体彩排列5 2026-12-10 开奖号码');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await signOut(page);

    await page.goto(`${stack.url}/public/inspection`);
    const list = page.getByTestId('public-draws');
    await list.getByRole('link', { name: '浏览器测试抽查任务' }).click();
    const draw = page.getByTestId('public-draw');
    await draw.getByTestId('source-value-0').waitFor();
    await expect(draw.getByTestId('source-value-0').textContent()).resolves.toBe('尚未产生');
  });

  it('previews a directory file with a bad row, downloads the bad rows to correct, imports the valid row', async () => {
    const admin = await apiLogin(stack.url, 'admin');
    const units = await admin.call<{ name: string; kind: string }[]>('GET', '/api/org/units');
    const town = units.find((u) => u.kind === 'town' || u.kind === 'street')!.name;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名录');
    ws.addRow(['统一社会信用代码', '名称', '类型', '行业', '住所', '所属镇街', '法定代表人', '状态']);
    ws.addRow([
      '91500113MA0000003H',
      '浏览器导入企业',
      '企业',
      '餐饮服务',
      '测试路3号',
      town,
      '吴十',
      '存续',
    ]);
    ws.addRow(['91500113MA0000004L', '类型有误企业', '公司', '餐饮服务', '测试路4号', town, '吴十', '存续']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());

    await signIn(page, stack.url, 'unitadmin');
    const menu = page.getByTestId('admin-menu');
    await menu.getByRole('menuitem', { name: '双随机、一公开' }).click();
    await menu.getByRole('menuitem', { name: '市场主体名录库' }).click();
    await page.getByTestId('import-xlsx').waitFor();
    await page.locator('input[type=file]').setInputFiles({
      name: '名录.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    });
    const problems = page.getByTestId('import-problems');
    await problems.getByText('类型').first().waitFor();
    await expect(problems.textContent()).resolves.toContain('3');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-bad-rows').click(),
    ]);
    expect(download.suggestedFilename()).toBe('名录（有误的行）.xlsx');
    const bad = new ExcelJS.Workbook();
    await bad.xlsx.readFile(await download.path());
    const sheet = bad.worksheets[0]!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(2).value).toBe('类型有误企业');
    expect(String(sheet.getRow(2).getCell(10).value)).toContain('“类型”');

    await page.getByRole('button', { name: '仅导入 1 行有效数据' }).click();
    await page.getByText('已导入 1 户').waitFor();
    const search = page.getByPlaceholder('名称或统一社会信用代码');
    await search.fill('浏览器导入企业');
    await search.press('Enter');
    await page.getByRole('cell', { name: '浏览器导入企业' }).waitFor();
    await signOut(page);
  });

  it('draws the demo task whose sources are public, verifies it, records and publishes a result, shows it in 信用查询', async () => {
    const today = e2eToday();
    // The credit office publishes a scoring model whose grades are public: every subject is graded from its records.
    const admin = await apiLogin(stack.url, 'admin');
    const draft = await admin.call<{ id: string; definition: Record<string, unknown> }>(
      'POST',
      '/api/credit/models',
      { name: '浏览器测试评分模型' },
    );
    await admin.call('PATCH', `/api/credit/models/${draft.id}`, {
      definition: { ...draft.definition, gradePublic: true },
    });
    await admin.call('POST', `/api/credit/models/${draft.id}/publish`);
    await signIn(page, stack.url, 'unitadmin');
    const menu = page.getByTestId('admin-menu');
    await menu.getByRole('menuitem', { name: '双随机、一公开' }).click();
    await menu.getByRole('menuitem', { name: '抽查任务' }).click();
    await page
      .getByTestId('tasks-table')
      .getByRole('button', { name: /待抽取/ })
      .click();
    const drawer = page.getByTestId('task-drawer');
    const drawForm = drawer.getByTestId('draw-form');
    await drawForm.getByLabel('随机源1').fill('03 08 15 21 27 30');
    await drawForm.getByLabel('随机源2').fill('4 0 9 1 6');
    await drawForm.getByRole('button', { name: '抽取' }).click();
    const teamsForm = drawer.getByTestId('teams-form');
    await drawer.getByText('已抽取对象').first().waitFor();
    // The drawer reloads the task after each step: type and submit again if a reload replaced the form meanwhile.
    const teamed = () => drawer.getByText('已匹配检查人员').count();
    await expect
      .poll(
        async () => {
          if (!(await teamed()))
            try {
              await typeDate(teamsForm, '检查日期', today);
              await teamsForm.getByRole('button', { name: '匹配' }).click({ timeout: 3000 });
              await drawer.getByText('已匹配检查人员').first().waitFor({ timeout: 5000 });
            } catch {}
          return teamed();
        },
        { timeout: 45_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    const href = await drawer.locator('a[href^="/public/inspection/draws/"]').getAttribute('href');
    expect(href).toBeTruthy();
    await page.keyboard.press('Escape');
    await signOut(page);

    // The portal repeats the draw and every team in the browser from the published inputs only.
    await page.goto(`${stack.url}${href}`);
    const draw = page.getByTestId('public-draw');
    await draw.getByTestId('verify-button').click();
    const verdict = draw.getByTestId('verify-result');
    await verdict.waitFor();
    await expect(verdict.textContent()).resolves.toContain('复算结果与公布的抽取结果一致');
    await expect(verdict.textContent()).resolves.toContain('检查人员匹配：一致');

    // The officer on a team records an order to rectify (谁检查、谁录入).
    await signIn(page, stack.url, 'officer');
    await page.getByTestId('admin-menu').getByRole('menuitem', { name: '双随机、一公开' }).click();
    await page.getByTestId('admin-menu').getByRole('menuitem', { name: '我的检查' }).click();
    const row = page
      .getByTestId('assignments-table')
      .locator('tr', { has: page.getByRole('button', { name: '录入结果' }) })
      .first();
    await row.waitFor();
    const uscc = ((await row.locator('td').nth(2).textContent()) ?? '').trim();
    expect(uscc).toMatch(/^9[12]\d{6}MD\d{7}[0-9A-Z]$/);
    await row.getByRole('button', { name: '录入结果' }).click();
    const form = page.getByTestId('result-form');
    await choose(page, form, '检查结果', '责令限期整改');
    await typeDate(form, '检查日期', today);
    await form.getByLabel('检查情况').fill('进货查验记录不全，责令十五日内整改');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await form.waitFor({ state: 'detached' });
    await page.getByTestId('assignments-table').getByText('责令限期整改').first().waitFor();
    await page
      .locator('.ant-modal-wrap')
      .first()
      .waitFor({ state: 'hidden' })
      .catch(() => undefined);
    await signOut(page);

    // The lead department publishes; the credit record appears in the public lookup.
    await signIn(page, stack.url, 'unitadmin');
    await page.getByTestId('admin-menu').getByRole('menuitem', { name: '双随机、一公开' }).click();
    await page.getByTestId('admin-menu').getByRole('menuitem', { name: '抽查任务' }).click();
    await page
      .getByTestId('tasks-table')
      .getByRole('button', { name: /待抽取/ })
      .click();
    await drawer.getByRole('button', { name: '公示检查结果' }).click();
    await drawer.getByText('已公示').first().waitFor();
    await page.keyboard.press('Escape');
    await signOut(page);

    await page.goto(`${stack.url}/public/credit?q=${uscc}&code=${uscc}`);
    const inspections = page.getByTestId('credit-inspections');
    await inspections.waitFor();
    await expect(inspections.textContent()).resolves.toContain('责令限期整改');
    await expect(inspections.textContent()).resolves.toContain('进货查验记录不全');

    // The published result moved the entity's score, with the record as the explanation, and the public lookup
    // shows the grade (the model publishes grades).
    const history = await admin.call<
      {
        cause: string;
        score: number;
        previousScore: number | null;
        grade: string;
        explanation: { kind: string; points: number }[];
      }[]
    >('GET', `/api/credit/subjects/${uscc}/history`);
    const latest = history[0]!;
    expect(latest.cause).toBe('record');
    // an entity graded before (from earlier records) loses points; one graded now for the first time is graded
    // with the deduction in its explanation
    if (latest.previousScore !== null) expect(latest.score).toBeLessThan(latest.previousScore);
    expect(latest.explanation.some((e) => e.kind === 'inspection' && e.points < 0)).toBe(true);
    await expect(page.getByTestId('credit-subject').textContent()).resolves.toContain('信用等级');
  });
});
