import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, type Running, startStack } from './harness.ts';
import { apiLogin, choose, signIn, signOut } from './session.ts';

/**
 * 法律顾问 on the admin pages: the justice bureau sees coverage with its gaps and registers an adviser on the roster;
 * the market bureau's administrator records a work item for its adviser through the form and finds it in the ledger;
 * the statistics page's figure opens exactly its items.
 */
describe('legal advisers', () => {
  let stack: Running;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack();
    page = await newPage(stack);
    // an adviser serving the market bureau, so the form offers one
    const justice = await apiLogin(stack.url, 'justice');
    const units = await justice.call<{ id: string; name: string }[]>('GET', '/api/org/units');
    const market = units.find((u) => u.name === '区市场监督管理局')!.id;
    const a = await justice.call<{ id: string }>('POST', '/api/advisers/roster', {
      name: '市场顾问',
      kind: 'external',
      organisation: '重庆测试律师事务所',
      licenceNo: '15001202619990001',
      licenceValidFrom: '2024-01-01',
      licenceValidTo: '2029-12-31',
      phone: '13900001111',
    });
    await justice.call('POST', `/api/advisers/roster/${a.id}/assignments`, {
      unitId: market,
      validFrom: '2026-01-01',
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('shows coverage by unit group with the gaps, and the roster with masked phones for readers', async () => {
    await signIn(page, stack.url, 'justice');
    const menu = page.getByTestId('admin-menu');
    await menu.getByRole('menuitem', { name: '法律顾问' }).click();
    await menu.getByRole('menuitem', { name: '覆盖情况' }).click();
    await page.getByTestId('coverage-group-village').waitFor();
    const gaps = page.getByTestId('coverage-units');
    await gaps.getByText('未配备法律顾问').first().waitFor();
    await gaps.getByText('配备的法律顾问执业证不在有效期内').first().waitFor();
    await menu.getByRole('menuitem', { name: '法律顾问名册' }).click();
    const table = page.getByTestId('advisers-roster-table');
    await table.getByText('市场顾问').waitFor();
    // the justice bureau manages the roster: the full phone
    await expect(table.getByRole('row', { name: /市场顾问/ }).textContent()).resolves.toContain(
      '13900001111',
    );
    await signOut(page);
  });

  it('records a work item for the unit through the form', async () => {
    await signIn(page, stack.url, 'unitadmin');
    const menu = page.getByTestId('admin-menu');
    await menu.getByRole('menuitem', { name: '法律顾问' }).click();
    await menu.getByRole('menuitem', { name: '法律顾问名册' }).click();
    const row = page.getByTestId('advisers-roster-table').getByRole('row', { name: /市场顾问/ });
    await expect(row.textContent()).resolves.toContain('139****1111');
    await menu.getByRole('menuitem', { name: '工作台账' }).click();
    await page.getByRole('button', { name: '登记工作事项' }).click();
    const form = page.getByRole('dialog', { name: '登记工作事项' });
    await choose(page, form, '服务单位', '区市场监督管理局', 'tree');
    await choose(page, form, '法律顾问', '市场顾问');
    await form.getByLabel('事项名称').fill('冷链食品检测服务合同审查');
    await form.getByLabel('办理结果').fill('出具审查意见三条');
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByTestId('advisers-work-table').getByText('冷链食品检测服务合同审查').waitFor();
  });

  it('opens the items behind a statistics figure', async () => {
    const menu = page.getByTestId('admin-menu');
    await menu.getByRole('menuitem', { name: '履职统计' }).click();
    const byAdviser = page.getByTestId('advisers-stats-by-adviser');
    const row = byAdviser.getByRole('row', { name: /市场顾问/ });
    await row.waitFor();
    await row.getByRole('link', { name: '1' }).first().click();
    await page.waitForURL(/\/admin\/advisers\/work\?/);
    const table = page.getByTestId('advisers-work-table');
    await table.getByText('冷链食品检测服务合同审查').waitFor();
    await expect.poll(() => table.locator('tr.ant-table-row').count()).toBe(1);
  });
});
