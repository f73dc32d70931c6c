import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, type Running, startStack } from './harness.ts';
import { apiLogin, choose, signIn, signOut, typeDate } from './session.ts';

/**
 * A disclosure request (政府信息公开申请) through the shared workflow screens: `gongkai` registers it (received
 * 2026-09-28, so the 20-working-day reply is due 2026-10-30 across National Day), is refused a 不予公开 reply
 * without a legal review, a legal reviewer of the government office records a passing review, and `gongkai`
 * replies and closes the case; the timeline shows every step.
 */
const REVIEWER = 'e2e.office.reviewer';

describe('disclosure request', () => {
  let stack: Running;
  let page: Page;
  let caseUrl = '';

  beforeAll(async () => {
    stack = await startStack();
    page = await newPage(stack);
    // The demo's reviewer sits in 市场监管局; a disclosure refusal needs one whose scope covers the office.
    const admin = await apiLogin(stack.url, 'admin');
    const roles = await admin.call<{ id: string; code: string }[]>('GET', '/api/access/roles');
    const units = await admin.call<{ id: string; name: string }[]>('GET', '/api/org/units');
    await admin.call('POST', '/api/access/users', {
      username: REVIEWER,
      displayName: '政府办法制审核员',
      unitId: units.find((u) => u.name === '区人民政府办公室')!.id,
      password: 'Review!e2e2026',
      roleIds: [roles.find((r) => r.code === 'legal_reviewer')!.id],
      mustChangePassword: false,
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('registers a request received 2026-09-28 with the reply due 2026-10-30', async () => {
    await signIn(page, stack.url, 'gongkai');
    await page.getByTestId('admin-menu').getByRole('menuitem', { name: '政府信息公开' }).click();
    await page.getByRole('button', { name: '登记申请' }).click();
    const form = page.getByTestId('disclosure-form');
    await form.getByLabel('姓名', { exact: true }).fill('李四');
    await form.getByLabel('身份证号').fill('11010519491231002X');
    await form.getByLabel('联系电话').fill('13912345678');
    await typeDate(form, '收到申请日期', '2026-09-28');
    await choose(page, form, '申请方式', '网络');
    await form.getByLabel('申请公开的政府信息').fill('请公开2025年度示范区道路维修资金使用情况');
    await page.getByTestId('disclosure-form-submit').click();

    const detail = page.getByTestId('case-detail');
    await detail.waitFor();
    caseUrl = page.url();
    expect(caseUrl).toMatch(/\/admin\/cases\//);
    await expect(page.getByTestId('deadline-reply').getByTestId('deadline-due').textContent()).resolves.toBe(
      '2026-10-30',
    );
    await expect(page.getByTestId('case-state').textContent()).resolves.toBe('办理中');
  });

  it('refuses 不予公开 without a passed legal review and lists the unmet condition', async () => {
    await page.getByTestId('case-actions').getByRole('button', { name: '作出答复' }).click();
    const form = page.getByTestId('step-form');
    await choose(page, form, '答复类型', '不予公开');
    await form.getByLabel('答复内容').fill('所申请信息属于内部事务信息，依据第十六条不予公开。');
    await page.getByTestId('step-form-submit').click();
    const blocked = page.getByTestId('step-blocked');
    await blocked.waitFor();
    await expect(blocked.textContent()).resolves.toContain('不予公开或部分公开的答复，须经法制审核通过');
    await page.getByRole('dialog', { name: '作出答复' }).getByRole('button', { name: '取消' }).click();
    await expect(page.getByTestId('case-state').textContent()).resolves.toBe('办理中');
    await signOut(page);
  });

  it('lets the office legal reviewer record a passing review', async () => {
    await signIn(page, stack.url, REVIEWER, 'Review!e2e2026');
    await page.goto(caseUrl);
    await page.getByTestId('case-actions').getByRole('button', { name: '法制审核' }).click();
    const form = page.getByTestId('record-form');
    await form.getByLabel('通过', { exact: true }).check();
    await form.getByLabel('审查意见').fill('属于内部事务信息，不予公开的理由和依据充分。');
    await page.getByTestId('record-form-submit').click();
    await form.waitFor({ state: 'detached' });
    const records = page.getByTestId('case-records');
    await expect(records.textContent()).resolves.toContain('法制审核通过');
    await signOut(page);
  });

  it('replies 不予公开 and closes the case; the timeline shows every step', async () => {
    await signIn(page, stack.url, 'gongkai');
    await page.goto(caseUrl);
    await page.getByTestId('case-actions').getByRole('button', { name: '作出答复' }).click();
    let form = page.getByTestId('step-form');
    await choose(page, form, '答复类型', '不予公开');
    await form.getByLabel('答复内容').fill('所申请信息属于内部事务信息，依据第十六条不予公开。');
    await page.getByTestId('step-form-submit').click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('已答复');

    await page.getByTestId('case-actions').getByRole('button', { name: '办结归档' }).click();
    form = page.getByTestId('step-form');
    await page.getByTestId('step-form-submit').click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('已办结');

    const timeline = (await page.getByTestId('case-timeline').textContent()) ?? '';
    const steps = [
      '登记政府信息公开申请',
      '答复政府信息公开申请起算，2026-10-30届满（政府信息公开条例第三十三条）',
      '法制审核：通过',
      '作出答复',
      '答复政府信息公开申请已完成',
      '办结归档',
    ];
    let from = 0;
    for (const s of steps) {
      const at = timeline.indexOf(s, from);
      expect(at, `timeline shows “${s}” in order`).toBeGreaterThanOrEqual(0);
      from = at + s.length;
    }
    expect(timeline).toContain('政府办法制审核员');
    await expect(page.getByTestId('deadline-reply').getAttribute('data-colour')).resolves.toBe('done');
  });
});
