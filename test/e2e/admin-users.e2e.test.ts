import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, type Running, startStack } from './harness.ts';
import { signOut } from './session.ts';

/**
 * Draft: the admin signs in, sees the dashboard, creates a user in 用户管理 and finds it in the list; the new
 * user must change the password at first sign-in; `staff` sees only 工作台 and gets 无权限 elsewhere.
 */
const PASSWORD = 'Fazhi@2026';

async function signIn(page: Page, url: string, username: string, password = PASSWORD) {
  await page.goto(`${url}/admin/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

const menuItems = (page: Page) => page.getByTestId('admin-menu').getByRole('menuitem').allInnerTexts();

describe('admin: users', () => {
  let stack: Running;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack();
    page = await newPage(stack);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('shows the wrong-password problem on the login form', async () => {
    await signIn(page, stack.url, 'admin', 'not-the-password');
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('用户名或密码错误');
  });

  it('signs the admin in to the dashboard with every section in the menu', async () => {
    await signIn(page, stack.url, 'admin');
    await page.getByTestId('dashboard-summary').waitFor();
    expect(await menuItems(page)).toEqual([
      '工作台',
      '待办',
      '重大行政决策',
      '行政执法',
      '双随机、一公开',
      '公共信用',
      '规范性文件',
      '法律顾问',
      '组织机构',
      '用户管理',
      '角色权限',
      '接口令牌',
      '工作日历',
      '法定期限',
      '文书模板',
    ]);
  });

  const username = `e2e${Date.now().toString(36)}`;
  const initial = 'Init!e2ePass42';

  it('creates a user and finds it in the list', async () => {
    await page.getByTestId('admin-menu').getByRole('menuitem', { name: '用户管理' }).click();
    await page.getByTestId('users-table').locator('tr.ant-table-row').first().waitFor();

    await page.getByRole('button', { name: '新建用户' }).click();
    const form = page.getByTestId('user-form');
    await form.getByLabel('用户名').fill(username);
    await form.getByLabel('姓名').fill('浏览器测试');
    await form.getByLabel('所属单位').click();
    await page.keyboard.type('司法局');
    await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: '司法局' }).first().click();
    await form.locator('.ant-select-content-has-value[title*="司法局"]').waitFor();
    await form.getByLabel('初始密码').fill(initial);
    await page.getByTestId('user-form-submit').click();
    await form.waitFor({ state: 'detached' });
    await page.getByText('用户“浏览器测试”已创建').waitFor();

    await page.getByLabel('关键字').fill(username);
    await page.getByLabel('关键字').press('Enter');
    const rows = page.getByTestId('users-table').locator('tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    await expect(rows.first().textContent()).resolves.toContain('浏览器测试');
    await signOut(page);
  });

  it('makes the new user change the password first', async () => {
    await signIn(page, stack.url, username, initial);
    const dialog = page.getByRole('dialog', { name: '修改密码' });
    await dialog.waitFor();
    await dialog.getByLabel('当前密码').fill(initial);
    await dialog.getByLabel('新密码', { exact: true }).fill('Next!e2ePass43');
    await dialog.getByLabel('确认新密码').fill('Next!e2ePass43');
    await dialog.getByRole('button', { name: '确认修改' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await signOut(page);
  });

  it('shows staff only 工作台, and 无权限 for 用户管理', async () => {
    await signIn(page, stack.url, 'staff');
    await page.getByTestId('dashboard-summary').waitFor();
    expect(await menuItems(page)).toEqual(['工作台', '工作日历', '法定期限']);
    await page.goto(`${stack.url}/admin/users`);
    await page.getByTestId('forbidden').waitFor();
  });
});
