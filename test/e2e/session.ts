import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Helpers shared by the browser tests: signing in through the UI, and set-up calls to the API. */
export const PASSWORD = 'Fazhi@2026';

export async function signIn(page: Page, url: string, username: string, password = PASSWORD) {
  await page.goto(`${url}/admin/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('account-menu').waitFor();
}

/**
 * Signs out through the account menu. A click that lands while a drawer or modal is still closing (a loaded machine)
 * can leave the menu shut: then it closes what is open and tries again, up to three times.
 */
export async function signOut(page: Page) {
  const login = page.getByRole('button', { name: '登录' });
  for (let attempt = 1; ; attempt++) {
    try {
      await page.getByTestId('account-menu').click({ timeout: 5000 });
      await page.getByRole('menuitem', { name: '退出登录' }).click({ timeout: 5000 });
      await login.waitFor({ timeout: 10_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
      if (await login.isVisible()) return;
      await page.keyboard.press('Escape');
    }
  }
}

export const menuItems = (page: Page) => page.getByTestId('admin-menu').getByRole('menuitem').allInnerTexts();

/** A signed-in API session (cookie and CSRF token) for setting up what a test needs. */
export interface ApiSession {
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
}

export async function apiLogin(url: string, username: string, password = PASSWORD): Promise<ApiSession> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const r = await fetch(`${url}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    },
  };
}

/**
 * Picks an option of the antd Select labelled `label` inside `scope`, and checks that it was taken: a click that
 * meets the dropdown while it opens or closes (its animation, slow on a busy machine), or a tree still loading,
 * is tried again. `kind: 'tree'` for a TreeSelect (the option is a node's exact title).
 */
export async function choose(
  page: Page,
  scope: Locator,
  label: string,
  option: string,
  kind: 'list' | 'tree' = 'list',
) {
  const select = scope.getByLabel(label, { exact: true });
  // What the select shows (the chosen label; a placeholder never contains the option's text).
  const shown = select.locator(
    'xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  const open = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';
  const item =
    kind === 'tree'
      ? page.locator(`${open} .ant-select-tree-title`, { hasText: new RegExp(`^${option}$`) })
      : page.locator(`${open} .ant-select-item-option`, { hasText: option });
  await expect
    .poll(
      async () => {
        if (!((await shown.textContent()) ?? '').includes(option)) {
          await select.click();
          await item
            .first()
            .click({ timeout: 3000 })
            .catch(() => undefined);
        }
        return (await shown.textContent()) ?? '';
      },
      { timeout: 15_000, interval: 500 },
    )
    .toContain(option);
}

/** Types a date into the antd DatePicker labelled `label` inside `scope`. */
export async function typeDate(scope: Locator, label: string, date: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}
