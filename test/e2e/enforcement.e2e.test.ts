import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, type Running, startStack } from './harness.ts';
import { choose, signIn, signOut, typeDate } from './session.ts';

/**
 * 行政执法: `zhifa` reads the demo registries (bodies, officers with an expired credential marked, matters with
 * their discretion bands) and exports the matter catalogue; the public portal lists officers without any phone
 * number; `officer` registers a case clue and finds it in the case list by its number.
 */
describe('enforcement registries, portal and case clue', () => {
  let stack: Running;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack();
    page = await newPage(stack);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('shows zhifa the registries with an expired credential marked, and exports the matters', async () => {
    await signIn(page, stack.url, 'zhifa');
    const menu = page.getByTestId('admin-menu');
    await menu.getByRole('menuitem', { name: '行政执法' }).click();
    await menu.getByRole('menuitem', { name: '执法主体' }).click();
    const bodies = page.getByTestId('bodies-table');
    await bodies.getByRole('button', { name: '区市场监管综合行政执法支队' }).waitFor();

    await menu.getByRole('menuitem', { name: '执法人员' }).click();
    const officers = page.getByTestId('officers-table');
    await officers
      .getByText(/渝执500113\d{5}/)
      .first()
      .waitFor();
    const expired = officers.getByTestId('credential-invalid').first();
    await expect(expired.textContent()).resolves.toContain('已过期');

    await menu.getByRole('menuitem', { name: '执法事项' }).click();
    const matters = page.getByTestId('matters-table');
    await matters.getByText('SCJG-CF-001').waitFor();
    await matters.locator('.ant-table-row-expand-icon').first().click();
    await expect(matters.getByTestId('bands-table').first().textContent()).resolves.toContain('从重');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const path = await download.path();
    const { statSync } = await import('node:fs');
    expect(statSync(path).size).toBeGreaterThan(1000);
    await signOut(page);
  });

  it('lists officers on the public portal without phone numbers', async () => {
    await page.goto(stack.url);
    await page.getByTestId('portal-enforcement').click();
    await page.getByRole('tab', { name: '执法人员' }).click();
    const table = page.getByTestId('public-officers');
    await table
      .getByText(/渝执500113\d{5}/)
      .first()
      .waitFor();
    const headers = await table.locator('th').allInnerTexts();
    expect(headers).toEqual(expect.arrayContaining(['姓名', '执法证号', '证件类别', '执法主体', '有效期']));
    expect(headers.join()).not.toMatch(/电话|手机/);
    const text = (await table.textContent()) ?? '';
    expect(text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
  });

  it('lets officer register a case clue and find it in the list by its number', async () => {
    await signIn(page, stack.url, 'officer');
    await page.goto(`${stack.url}/admin/enforcement/cases`);
    await page.getByRole('button', { name: '登记案件线索' }).click();
    const form = page.getByTestId('clue-form');
    // The officer's own body is chosen for them.
    await expect.poll(() => form.textContent()).toContain('区市场监管综合行政执法支队');
    await choose(page, form, '线索来源', '投诉举报');
    // A fixed past date: its statutory periods stay inside the calendar years loaded (2020–2026) whatever day the test runs.
    await typeDate(form, '收到线索日期', '2026-09-01');
    await form.getByLabel('线索摘要').fill('群众投诉某超市销售过期食品');
    await form.getByLabel('姓名', { exact: true }).fill('张三');
    await page.getByTestId('clue-form-submit').click();

    await page.getByTestId('case-detail').waitFor();
    const number = (await page.locator('h4').first().textContent())?.trim() ?? '';
    expect(number).toMatch(/行政处罚/);
    await expect(page.getByTestId('case-facts').textContent()).resolves.toContain('投诉举报');
    // A clue calls for no document yet.
    await expect
      .poll(() => page.getByTestId('case-documents').textContent())
      .toContain('办理进度尚不需要制作文书');

    await page.goto(`${stack.url}/admin/enforcement/cases`);
    await page.getByTestId('cases-table').getByRole('link', { name: number }).waitFor();
  });
});
