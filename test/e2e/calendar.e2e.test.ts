import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenNotice2027, testNotice2027 } from '../../src/platform/calendar/notice-2027.fixture.ts';
import { newPage, type Running, startStack } from './harness.ts';
import { apiLogin, choose, signIn, signOut, typeDate } from './session.ts';

/**
 * 工作日历: any official sees the holidays (2020-01-31 was a 春节 holiday, by the extension notice) and counts
 * a deadline exactly as the server does; the administrator loads next year's notice after a preview.
 */
describe('working-day calendar', () => {
  let stack: Running;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack();
    page = await newPage(stack);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('shows 2020-01-31 as a 春节 holiday', async () => {
    await signIn(page, stack.url, 'staff');
    await page.getByTestId('admin-menu').getByRole('menuitem', { name: '工作日历' }).click();
    await choose(page, page.locator('body'), '年份', '2020年');
    const day = page.locator('[data-testid="year-grid"][data-year="2020"] [data-date="2020-01-31"]');
    await expect(day.getAttribute('data-kind')).resolves.toBe('holiday');
    await expect(day.getAttribute('data-name')).resolves.toBe('春节');
    await expect(day.textContent()).resolves.toContain('休');
  });

  it('counts 7 working days from 2025-09-30 as the server does', async () => {
    const api = await apiLogin(stack.url, 'staff');
    const expected = await api.call<{ result: string }>(
      'GET',
      '/api/calendar/add?date=2025-09-30&amount=7&unit=workday',
    );
    const calc = page.getByTestId('deadline-calculator');
    await typeDate(calc, '起算日', '2025-09-30');
    await calc.getByLabel('期间').fill('7');
    await calc.getByRole('button', { name: '计算届满日' }).click();
    await expect.poll(() => calc.getByTestId('calc-result').textContent()).toBe(expected.result);
    await signOut(page);
  });

  it('lets the administrator preview and load the next year from the notice text', async () => {
    await signIn(page, stack.url, 'admin');
    await page.goto(`${stack.url}/admin/calendar`);
    // The warning on every admin page follows the server's coverage (shown from September on until loaded).
    const admin = await apiLogin(stack.url, 'admin');
    const banner = page.getByTestId('calendar-coverage-alert');
    const coverage = async () =>
      admin.call<{ warn: boolean; missingYear: number }>('GET', '/api/calendar/coverage');
    const before = await coverage();
    if (before.warn) {
      await banner.waitFor();
      await expect(banner.textContent()).resolves.toContain(`尚未载入${before.missingYear}年的节假日安排`);
      await expect(banner.getByRole('link', { name: '工作日历' }).count()).resolves.toBe(1);
    } else {
      await page.getByTestId('year-grid').first().waitFor();
      await expect(banner.count()).resolves.toBe(0);
    }
    await page.getByRole('button', { name: '载入新年度安排' }).click();
    await page.getByTestId('calendar-notice').fill(brokenNotice2027);
    await page.getByTestId('calendar-preview').click();
    const problems = page.getByTestId('calendar-problems');
    await problems.waitFor();
    expect(await problems.locator('li').count()).toBe(3);

    await page.getByTestId('calendar-notice').fill(testNotice2027);
    await page.getByTestId('calendar-preview').click();
    const preview = page.getByTestId('calendar-preview-result');
    await preview.waitFor();
    await expect(preview.textContent()).resolves.toContain('2月5日—2月12日放假，共8天');
    await page.getByTestId('calendar-confirm').click();
    await page.getByText('2027年放假安排已载入').waitFor();
    const day = page.locator('[data-testid="year-grid"][data-year="2027"] [data-date="2027-02-20"]');
    await expect(day.getAttribute('data-kind')).resolves.toBe('makeup-workday');

    const after = await coverage();
    expect(after.missingYear).toBeGreaterThan(2027);
    await page.reload();
    await page.getByTestId('year-grid').first().waitFor();
    await expect(banner.count()).resolves.toBe(after.warn ? 1 : 0);
  });
});
