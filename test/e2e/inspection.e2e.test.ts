import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, type Running, startStack } from './harness.ts';
import { apiLogin, signIn, signOut } from './session.ts';

/**
 * 双随机、一公开 up to the draw: `unitadmin` publishes a task in the admin (its pool, roster and a future source
 * frozen), and the portal lists it with its announced source, still waiting for the value. The draw itself, the
 * in-browser verification and results need a source that has become public, so a later day: the server's clock
 * cannot be set in this harness (see the module README; the API tests cover those steps with a pinned clock).
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
});
