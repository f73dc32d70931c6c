import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, type Running, startStack } from './harness.ts';
import { signIn } from './session.ts';

/** 文书模板: the administrator edits a template, sees the server's problems on the field, saves a version, resets. */
describe('document templates', () => {
  let stack: Running;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack();
    page = await newPage(stack);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('edits the prior notice: an unknown placeholder is refused on its block; a valid edit is a new version', async () => {
    await signIn(page, stack.url, 'admin');
    await page.getByTestId('admin-menu').getByRole('menuitem', { name: '文书模板' }).click();
    const table = page.getByTestId('document-templates');
    const row = table.getByRole('row', { name: /行政处罚事先告知书/ });
    await row.getByRole('button', { name: '编辑' }).click();
    await page.getByTestId('placeholders').getByText('{{party.name}}').waitFor();

    const block = page.getByTestId('block-0');
    await block.locator('textarea').fill('当事人电话：{{party.phone}}');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => block.textContent()).toContain('{{party.phone}}');
    await expect.poll(() => block.locator('.ant-form-item-explain-error').textContent()).toContain('不是');

    await block
      .locator('textarea')
      .fill('本机关对你（单位）涉嫌{{case.cause}}一案立案调查（案件编号：{{case.number}}）。');
    await page.getByLabel('标题', { exact: true }).fill('行政处罚事先告知书（示范区版）');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => row.textContent()).toContain('本地修改');
    await expect(row.textContent()).resolves.toContain('第 1 版');

    await row.getByRole('button', { name: '恢复标准模板' }).click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => row.textContent()).toContain('第 2 版');
    await expect(row.getByRole('button', { name: '恢复标准模板' }).count()).resolves.toBe(0);
  });
});
